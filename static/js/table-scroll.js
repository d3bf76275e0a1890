/* A table wider than its box scrolls inside it on a narrow screen (portal.css): such a table
   takes the keyboard focus, so that the arrow keys scroll it too (WCAG 2.1.1). Tables that fit
   are left out of the tab order. ES5. */
(function () {
  "use strict";
  var tables = document.querySelectorAll(".data-table, .preview-sheet");
  var timer;

  function mark() {
    var i, table, scrolls;
    for (i = 0; i < tables.length; i += 1) {
      table = tables[i];
      scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scroll-focus", "");
      } else if (!scrolls && table.hasAttribute("data-scroll-focus")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scroll-focus");
      }
    }
  }

  mark();
  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(mark, 150);
  });
}());
