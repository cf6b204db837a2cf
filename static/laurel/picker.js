/* Pickers: a text input with data-picker-url (or data-picker-kind-select naming a select whose value,
   e.g. "person" or "unit", picks data-picker-url-<value>) becomes a search-as-you-type combobox over our
   JSON lookups ({results: [{value, label, detail}]}). The input keeps holding the chosen code, so the form
   works the same without this script. No inline script, no other library (the CSP allows 'self' only). */
(function () {
  "use strict";

  function urlFor(input) {
    var selectId = input.dataset.pickerKindSelect;
    if (selectId) {
      var select = document.getElementById(selectId);
      var kind = select ? select.value : "";
      return input.getAttribute("data-picker-url-" + kind);
    }
    return input.dataset.pickerUrl;
  }

  function enhance(input, index) {
    var id = input.id || "picker-" + index;
    var wrapper = document.createElement("div");
    wrapper.className = "picker";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-listbox";
    list.className = "list-group picker-list shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrapper.appendChild(list);
    var picked = document.createElement("div");
    picked.id = id + "-picked";
    picked.className = "form-text picker-picked";
    picked.setAttribute("aria-live", "polite");
    picked.textContent = input.dataset.pickerPicked || "";
    wrapper.appendChild(picked);
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    if (label) list.setAttribute("aria-label", label.textContent.trim());

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + picked.id);

    var items = [];
    var active = -1;
    var sequence = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(i) {
      var options = list.children;
      if (active >= 0 && options[active]) {
        options[active].classList.remove("active");
        options[active].setAttribute("aria-selected", "false");
      }
      active = i;
      if (i >= 0 && options[i]) {
        options[i].classList.add("active");
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({block: "nearest"});
      }
    }

    function choose(i) {
      var item = items[i];
      if (!item) return;
      input.value = item.value;
      picked.textContent = item.label + " — " + item.detail;
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function render(results) {
      items = results;
      list.textContent = "";
      active = -1;
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "list-group-item text-muted small";
        empty.textContent = input.dataset.pickerEmpty || "—";
        list.appendChild(empty);
      }
      results.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.className = "list-group-item list-group-item-action";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("div");
        name.textContent = item.label;
        var detail = document.createElement("div");
        detail.className = "small text-muted";
        detail.textContent = item.detail;
        option.appendChild(name);
        option.appendChild(detail);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function search() {
      var query = input.value.trim();
      var base = urlFor(input);
      if (query.length < 2 || !base) {
        close();
        return;
      }
      var mine = ++sequence;
      var url = new URL(base, window.location.href);
      url.searchParams.set("q", query);
      if (input.dataset.pickerWithin) url.searchParams.set("within", input.dataset.pickerWithin);
      fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) { if (mine === sequence) render(data.results || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      picked.textContent = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { search(); return; }
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        if (open) { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-picker-url], input[data-picker-kind-select]").forEach(enhance);
}());
