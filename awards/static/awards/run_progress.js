// Polls an eligibility run's status endpoint and updates the progress bar; when the run is over, the page
// is reloaded once so that the report shows (the same pattern as certificates/batch_progress.js).
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box) { return; }
  var open = { queued: true, running: true };
  function update(data) {
    var bar = document.getElementById("run-bar");
    bar.max = data.total || 1;
    bar.value = data.done;
    document.getElementById("run-state").textContent = data.state_label;
    document.getElementById("run-count").textContent = data.done + "/" + data.total;
    document.getElementById("run-error").textContent = data.error || "";
    if (!open[data.state] && data.report_url) { window.location.assign(data.report_url); }
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
