/* Moves the focus to the error summary at the top of a refused page, so that keyboard and
   screen-reader users hear what is wrong first (GOV.UK error summary). ES5 only. */
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary && summary.focus) {
    summary.focus();
  }
})();
