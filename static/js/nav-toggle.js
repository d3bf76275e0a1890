/* The menu button of a narrow screen: folds the navigation list away and opens it again,
   with aria-expanded saying which. Without this script the button stays hidden and the list
   simply wraps. Escape closes an open list. ES5. */
(function () {
  "use strict";
  var navs = document.querySelectorAll("[data-nav]");
  var i;

  if (!/\bjs\b/.test(document.documentElement.className)) {
    document.documentElement.className += " js";
  }

  function attach(nav) {
    var toggle = nav.querySelector("[data-nav-toggle]");
    if (!toggle) {
      return;
    }

    function setOpen(open) {
      if (open) {
        nav.className += " nav-open";
      } else {
        nav.className = nav.className.replace(/\s*\bnav-open\b/g, "");
      }
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.keyCode === 27 && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  for (i = 0; i < navs.length; i += 1) {
    attach(navs[i]);
  }
}());
