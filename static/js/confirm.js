/* Asks in a dialog before a form marked [data-confirm] is sent, and says it was confirmed
   (confirmed=1), so that the confirmation page shown without JavaScript is skipped. ES5. */
(function () {
  "use strict";

  function confirmedInput(form) {
    var input = form.querySelector("input[name=confirmed]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "confirmed";
      form.appendChild(input);
    }
    return input;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (!question) {
      return;
    }
    if (window.confirm(question)) {
      confirmedInput(form).value = "1";
    } else {
      event.preventDefault();
    }
  }, false);
}());
