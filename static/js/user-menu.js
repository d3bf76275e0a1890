/* The avatar drop-down (退出登录, 修改密码): click or Enter toggles it, Escape and a click
   elsewhere close it. Without this script its items are plain links beside the avatar. ES5. */
(function () {
  "use strict";
  var menus = document.querySelectorAll("[data-user-menu]");
  var i;

  document.documentElement.className += " js";

  function setOpen(menu, open) {
    var toggle = menu.querySelector("[data-user-menu-toggle]");
    if (open) {
      menu.className += " open";
    } else {
      menu.className = menu.className.replace(/\s*\bopen\b/g, "");
    }
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function isOpen(menu) {
    return /\bopen\b/.test(menu.className);
  }

  function attach(menu) {
    var toggle = menu.querySelector("[data-user-menu-toggle]");
    toggle.addEventListener("click", function (event) {
      event.stopPropagation();
      setOpen(menu, !isOpen(menu));
    });
    menu.addEventListener("keydown", function (event) {
      if (event.keyCode === 27 && isOpen(menu)) {
        setOpen(menu, false);
        toggle.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (isOpen(menu) && !menu.contains(event.target)) {
        setOpen(menu, false);
      }
    });
  }

  for (i = 0; i < menus.length; i += 1) {
    attach(menus[i]);
  }
}());
