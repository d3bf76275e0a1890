/* Result tables: a double-click on a row opens the row's "选择" link. Without this
   script the link itself does the same. ES5 for IE11. */
(function () {
  "use strict";
  var tables = document.querySelectorAll("[data-row-select]");
  var i;

  function rowOf(element) {
    while (element && element.tagName !== "TR") {
      element = element.parentNode;
    }
    return element;
  }

  function attach(table) {
    table.addEventListener("dblclick", function (event) {
      var row = rowOf(event.target);
      var href = row && row.getAttribute("data-href");
      if (href) {
        window.location.href = href;
      }
    });
  }

  for (i = 0; i < tables.length; i += 1) {
    attach(tables[i]);
  }
}());
