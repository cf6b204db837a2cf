// Live preview of a certificate template in the admin: re-renders the edited layout with sample data.
(function () {
  "use strict";
  var box = document.getElementById("certificate-preview");
  var layout = document.getElementById("id_layout");
  if (!box || !layout) { return; }
  var width = document.getElementById("id_page_width_mm");
  var height = document.getElementById("id_page_height_mm");
  var image = document.getElementById("certificate-preview-image");
  var errors = document.getElementById("certificate-preview-errors");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  function showErrors(list) {
    errors.textContent = "";
    (list || []).forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      errors.appendChild(item);
    });
  }
  function refresh() {
    var body = new FormData();
    body.append("layout", layout.value);
    body.append("page_width_mm", width ? width.value : "");
    body.append("page_height_mm", height ? height.value : "");
    fetch(box.dataset.liveUrl, { method: "POST", body: body, credentials: "same-origin",
                                 headers: { "X-CSRFToken": csrf ? csrf.value : "" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        showErrors(data.errors);
        if (data.png) { image.src = data.png; }
      })
      .catch(function () { showErrors(["Preview failed."]); });
  }
  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 800);
  }
  [layout, width, height].forEach(function (field) {
    if (field) { field.addEventListener("input", schedule); }
  });
})();
