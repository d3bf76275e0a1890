/* 获取验证码: after a code was sent, the button counts down the resend interval that the server
   enforces anyway (data-resend-wait seconds). ES5 for IE11. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-send-code]");
  var i;

  function countDown(button) {
    var remaining = parseInt(button.getAttribute("data-resend-wait"), 10) || 0;
    var label = button.innerHTML;
    var template = button.getAttribute("data-wait-label") || "%s";
    var timer;

    function tick() {
      if (remaining <= 0) {
        window.clearInterval(timer);
        button.disabled = false;
        button.innerHTML = label;
        return;
      }
      button.disabled = true;
      button.innerHTML = template.replace("%s", String(remaining));
      remaining -= 1;
    }

    if (remaining > 0) {
      tick();
      timer = window.setInterval(tick, 1000);
    }
  }

  for (i = 0; i < buttons.length; i += 1) {
    countDown(buttons[i]);
  }
}());
