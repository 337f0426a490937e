// The profile's "All mentors" link returns to the directory as the visitor left it: the search
// and filters are in the directory's address (path and query), which search.js keeps in
// sessionStorage. When the visitor came straight from that list, going back in history also
// restores where they were scrolled to. Only addresses of this site's own directory are used.
(function () {
  "use strict";
  var KEY = "mentordir:directory";

  function start() {
    var link = document.querySelector("a[data-directory]");
    if (!link) return;
    var directory = new URL(link.href, location.href);
    if (directory.origin !== location.origin) return;
    var stored = null;
    try { stored = window.sessionStorage.getItem(KEY); } catch (error) { stored = null; }
    // Only this directory's own address (several sites may share an origin, and so the storage).
    if (stored && stored.split("?")[0] === directory.pathname) link.href = stored;
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var from;
      try { from = new URL(document.referrer); } catch (error) { return; }
      if (from.origin === location.origin && from.pathname === directory.pathname && history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
