/* A notice before the session ends (SESSION_COOKIE_AGE after the last request): 继续使用 keeps
   it alive; once it has ended, 重新登录 leads to the login page, which brings the user back to
   this page. Sessions are saved at most once a minute, so one may end up to a minute early:
   the notice comes two minutes before, the end is shown one minute before. ES5. */
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  var seconds, warnTimer, endTimer;
  if (!box || !window.XMLHttpRequest) {
    return;
  }
  seconds = parseInt(box.getAttribute("data-seconds"), 10);

  function show(text, action) {
    var message = document.createElement("p");
    box.innerHTML = "";
    message.appendChild(document.createTextNode(text));
    box.appendChild(message);
    box.appendChild(action);
    box.removeAttribute("hidden");
  }

  function hide() {
    box.setAttribute("hidden", "hidden");
    box.innerHTML = "";
  }

  function ended() {
    var link = document.createElement("a");
    var here = window.location.pathname + window.location.search;
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    link.className = "button";
    link.href = box.getAttribute("data-login") + "?next=" + encodeURIComponent(here);
    link.appendChild(document.createTextNode(box.getAttribute("data-login-label")));
    show(box.getAttribute("data-ended"), link);
  }

  function start() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(seconds - 120, 0) * 1000);
    endTimer = setTimeout(ended, Math.max(seconds - 60, 1) * 1000);
  }

  function keepAlive() {
    var request = new XMLHttpRequest();
    request.open("GET", box.getAttribute("data-keepalive"), true);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.onreadystatechange = function () {
      if (request.readyState !== 4) {
        return;
      }
      if (request.status === 204) {
        hide();
        start();
      } else {
        ended();
      }
    };
    request.send();
  }

  function warn() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.appendChild(document.createTextNode(box.getAttribute("data-continue")));
    button.addEventListener("click", keepAlive);
    show(box.getAttribute("data-warning"), button);
    button.focus();
  }

  start();
}());
