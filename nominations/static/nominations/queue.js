// Queue: "select all" checkbox in the table header toggles the row checkboxes.
document.addEventListener("DOMContentLoaded", function () {
  var all = document.querySelector("input.js-select-all");
  if (!all) { return; }
  all.addEventListener("change", function () {
    document.querySelectorAll("input.js-select-row").forEach(function (box) { box.checked = all.checked; });
  });
});
