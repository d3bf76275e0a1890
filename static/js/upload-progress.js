/* 上传资料: send the chosen file with XHR2 and show a progress bar; the page then reloads to
   show the file (or the server's message). Without this script the form posts normally. ES5. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("[data-upload-form]");
  var i;

  function attach(form) {
    var progress = form.querySelector("[data-upload-progress]");
    var bar = form.querySelector("[data-upload-bar]");
    var input = form.querySelector("input[type=file]");
    if (!window.FormData || !progress || !bar || !input) {
      return;
    }
    form.addEventListener("submit", function (event) {
      var request;
      if (!input.files || !input.files.length) {
        return;
      }
      event.preventDefault();
      request = new XMLHttpRequest();
      request.open("POST", form.getAttribute("action"));
      request.upload.addEventListener("progress", function (update) {
        if (update.lengthComputable) {
          bar.style.width = Math.round((update.loaded / update.total) * 100) + "%";
          bar.setAttribute("aria-valuenow", String(Math.round((update.loaded / update.total) * 100)));
        }
      });
      request.addEventListener("load", function () {
        document.open();
        document.write(request.responseText);
        document.close();
        if (request.status < 400 && request.responseURL) {
          window.history.replaceState(null, "", request.responseURL);
        }
      });
      request.addEventListener("error", function () {
        form.submit();
      });
      progress.removeAttribute("hidden");
      bar.style.width = "0%";
      request.send(new FormData(form));
    });
  }

  for (i = 0; i < forms.length; i += 1) {
    attach(forms[i]);
  }
}());
