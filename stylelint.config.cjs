// IE11 check for our own CSS: fail on any feature IE11 lacks.
module.exports = {
  plugins: ["stylelint-no-unsupported-browser-features"],
  ignoreFiles: ["static/vendor/**"],
  rules: {
    "plugin/no-unsupported-browser-features": [true, {
      browsers: ["ie 11"],
      severity: "error",
      // Partial support counts as missing: IE11's grid is the old -ms- syntax, its flexbox buggy.
      ignorePartialSupport: false,
      // `text-decoration: none | underline` (one value) works in IE11; only the multi-value
      // shorthand with colour or style does not, and we never write it.
      // `overflow` with one value, `outline` without `outline-offset` and a plain length for
      // `text-indent` (without each-line/hanging) work in IE11 too.
      ignore: ["mdn-text-decoration-shorthand", "css-overflow", "outline", "css-text-indent"],
    }],
  },
};
