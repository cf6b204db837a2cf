// Polls a print batch's status endpoint and updates the progress bar until the batch is over.
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box) { return; }
  var open = { queued: true, running: true };
  function show(link, url) {
    if (url) { link.setAttribute("href", url); link.classList.remove("d-none"); }
  }
  function update(data) {
    var bar = document.getElementById("batch-bar");
    bar.max = data.total || 1;
    bar.value = data.done;
    document.getElementById("batch-state").textContent = data.state_label;
    document.getElementById("batch-count").textContent = data.done + "/" + data.total;
    document.getElementById("batch-error").textContent = data.error || "";
    show(document.getElementById("batch-pdf"), data.pdf_url);
    show(document.getElementById("batch-zip"), data.zip_url);
    var cancel = document.getElementById("batch-cancel");
    if (cancel && !open[data.state]) { cancel.classList.add("d-none"); }
    return open[data.state];
  }
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (update(data)) { window.setTimeout(poll, 1500); } })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (open[box.dataset.state]) { poll(); }
})();
