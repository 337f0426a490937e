// Small enhancements that need JavaScript; every page works without them.
// No data from the page is ever turned into HTML here.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // A text box cannot be split across printed pages, so a long answer would be cut off at
  // the page's end. Each answer box gets a plain block beside it that print.css shows
  // instead: it holds the same text (as text, never HTML) and breaks across pages.
  document.querySelectorAll("textarea[data-print-copy]").forEach(function (box) {
    var copy = document.createElement("div");
    copy.className = "print-copy";
    copy.setAttribute("aria-hidden", "true");
    box.after(copy);
    var update = function () { copy.textContent = box.value; };
    box.addEventListener("input", update);
    window.addEventListener("beforeprint", update);
    update();
  });
});
