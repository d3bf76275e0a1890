/* 养老金申领: keep each 合计 (post salary + grade salary) up to date while typing; the server
   computes it again on every post, so without this script nothing is lost. ES5. */
(function () {
  "use strict";
  var totals = document.querySelectorAll("[data-sum-of]");
  var i;

  function number(input) {
    var value = input && input.value.replace(/^\s+|\s+$/g, "");
    return value && /^\d+(\.\d{1,2})?$/.test(value) ? parseFloat(value) : null;
  }

  function attach(total) {
    var names = total.getAttribute("data-sum-of").split(" ");
    var inputs = [];
    var j;

    function update() {
      var sum = 0;
      var k;
      var value;
      for (k = 0; k < inputs.length; k += 1) {
        value = number(inputs[k]);
        if (value === null) {
          total.textContent = "—";
          return;
        }
        sum += value;
      }
      total.textContent = sum.toFixed(2);
    }

    for (j = 0; j < names.length; j += 1) {
      inputs.push(document.querySelector("input[name='" + names[j] + "']"));
      if (inputs[j]) {
        inputs[j].addEventListener("input", update);
        inputs[j].addEventListener("change", update);
      }
    }
  }

  for (i = 0; i < totals.length; i += 1) {
    attach(totals[i]);
  }
}());
