/* A table wider than the screen scrolls sideways inside its .table-responsive box; such a box is made
   focusable so that keyboard users can scroll it with the arrow keys (WCAG 2.1.1). Boxes that fit stay
   out of the tab order. */
(function () {
  "use strict";

  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
}());
