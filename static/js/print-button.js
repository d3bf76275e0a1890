/* Shows the print buttons ([data-print], hidden without JavaScript) and prints on click. ES5. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  var i;

  function onClick() {
    window.print();
  }

  for (i = 0; i < buttons.length; i += 1) {
    buttons[i].removeAttribute("hidden");
    buttons[i].addEventListener("click", onClick);
  }
}());
