// mentordir serve: reload when the site is rebuilt, swap changed stylesheets in place,
// and show the build's problems over the page until they are fixed.
// Only for the dev server; never part of a built site. Text is set with textContent only.
"use strict";
(function () {
  var script = document.currentScript;
  var events = new EventSource(script.src.replace(/live\.js(\?.*)?$/, "events"));
  var overlay = null;

  function showProblems(lines) {
    hideProblems();
    overlay = document.createElement("section");
    overlay.className = "mentordir-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-label", "Build problems");
    var heading = document.createElement("h2");
    heading.textContent = "The site did not rebuild: " + lines.length + " problem" + (lines.length === 1 ? "" : "s") +
      " to fix. You are seeing the last good version.";
    overlay.appendChild(heading);
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hideProblems);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hideProblems() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function swapStylesheets(paths) {
    var stamp = String(Date.now());
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      if (paths.indexOf(url.pathname) >= 0) {
        url.searchParams.set("v", stamp);
        link.href = url.toString();
      }
    });
  }

  events.addEventListener("reload", function () { window.location.reload(); });
  events.addEventListener("css", function (event) { swapStylesheets(JSON.parse(event.data)); });
  events.addEventListener("problems", function (event) { showProblems(JSON.parse(event.data)); });
  events.addEventListener("ok", hideProblems);
})();
