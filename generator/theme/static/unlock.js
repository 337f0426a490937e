// Opens a private directory (`access: code`; generator/private/seal.py seals it).
//
// Every page of a private site is a locked page carrying the real page, encrypted, in
// #sealed. This script turns the access code into the site's key with PBKDF2 (Web Crypto),
// checks it against the key check value the page publishes, opens the page with AES-GCM,
// and puts it in place of the locked page. Photos, the search index and mentors.json are
// sealed files too: they are fetched and opened here, photos shown from blob: addresses.
//
// The key (32 bytes, never the code) is kept in sessionStorage for the rest of the visit,
// and in localStorage as well when "Remember on this device" is ticked, until Lock is
// pressed or the code changes (the check value then no longer matches, and both are
// forgotten). Nothing from a page is evaluated: the opened page is parsed by DOMParser,
// and its scripts are loaded again by address, which the site's CSP allows.
(function () {
  "use strict";

  var FORMAT = "MDSEAL1";
  var form = document.getElementById("unlock");
  var sealed = document.getElementById("sealed");
  if (!form || !sealed) return;
  var status = document.getElementById("unlock-status");
  var error = document.getElementById("unlock-error");
  var subtle = window.crypto && window.crypto.subtle;
  var encoder = new TextEncoder();
  var salt = fromBase64(form.getAttribute("data-salt"));
  var iterations = parseInt(form.getAttribute("data-iterations"), 10);
  var check = form.getAttribute("data-check");
  // One slot per site: sites on one origin (user.github.io/a/, /b/) have different salts.
  var slot = "mentordir-key:" + form.getAttribute("data-salt");

  // ---------- Bytes ----------

  function fromBase64(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function toBase64(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  }

  function joined(first, second) {
    var bytes = new Uint8Array(first.length + second.length);
    bytes.set(first);
    bytes.set(second, first.length);
    return bytes;
  }

  // ---------- Keys (the same steps as generator/private/access.py) ----------

  function normalise(code) {
    // ASCII separators dropped and A-Z in lower case, exactly as the build does.
    return code.normalize("NFC").replace(/[\t\n\v\f\r \-_.]+/g, "").replace(/[A-Z]/g, function (letter) {
      return letter.toLowerCase();
    });
  }

  function derive(code) {
    return subtle.importKey("raw", encoder.encode(normalise(code)), "PBKDF2", false, ["deriveBits"])
      .then(function (material) {
        return subtle.deriveBits({name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations}, material, 256);
      })
      .then(function (bits) { return new Uint8Array(bits); });
  }

  function part(master, purpose) {
    return subtle.digest("SHA-256", joined(encoder.encode("mentordir-v1 " + purpose + "\0"), master))
      .then(function (digest) { return new Uint8Array(digest); });
  }

  function matches(master) {
    return part(master, "check").then(function (digest) { return toBase64(digest.slice(0, 16)) === check; });
  }

  var aesKey = null;

  function useKey(master) {
    return part(master, "encrypt").then(function (raw) {
      return subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
    }).then(function (key) { aesKey = key; });
  }

  function isSealed(bytes) {
    if (bytes.length < 20) return false;
    for (var i = 0; i < FORMAT.length; i++) if (bytes[i] !== FORMAT.charCodeAt(i)) return false;
    return true;
  }

  function open(bytes) {
    var header = bytes.slice(0, 8);
    return subtle.decrypt({name: "AES-GCM", iv: bytes.slice(8, 20), additionalData: header}, aesKey, bytes.slice(20))
      .then(function (plain) {
        if (header[7] !== 1) return plain;
        var stream = new Blob([plain]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer();
      });
  }

  // ---------- Remembering the key ----------

  function remembered() {
    try {
      return window.sessionStorage.getItem(slot) || window.localStorage.getItem(slot);
    } catch (blocked) {
      return null;  // storage switched off: ask for the code on every page
    }
  }

  function remember(master, onThisDevice) {
    try {
      window.sessionStorage.setItem(slot, toBase64(master));
      if (onThisDevice) window.localStorage.setItem(slot, toBase64(master));
    } catch (blocked) { /* the page still opens; the next one asks again */ }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(slot);
      window.localStorage.removeItem(slot);
    } catch (blocked) { /* nothing was kept */ }
  }

  // ---------- Sealed files the page fetches ----------

  function openFetches() {
    // The search index and mentors.json are fetched by the site's own scripts; opening them
    // here keeps those scripts the same for public and private sites.
    var plainFetch = window.fetch.bind(window);
    window.fetch = function (input, init) {
      return plainFetch(input, init).then(function (response) {
        if (!response.ok || new URL(response.url, location.href).origin !== location.origin) return response;
        return response.arrayBuffer().then(function (buffer) {
          var bytes = new Uint8Array(buffer);
          var headers = {"Content-Type": response.headers.get("Content-Type") || "application/octet-stream"};
          if (!isSealed(bytes)) return new Response(bytes, {status: response.status, headers: headers});
          return open(bytes).then(function (plain) {
            return new Response(plain, {status: response.status, headers: headers});
          });
        });
      });
    };
  }

  function openDataLinks() {
    // A link to a sealed data file (mentors.json) opens the file's plain text as a blob.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.origin !== location.origin || !/\.json$/.test(link.pathname)) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      window.fetch(link.href).then(function (response) { return response.arrayBuffer(); }).then(function (plain) {
        location.href = URL.createObjectURL(new Blob([plain], {type: "application/json"}));
      });
    });
  }

  // ---------- Photos ----------

  function density(srcset) {
    // The candidate for this screen from "a.webp 1x, b.webp 2x".
    var want = window.devicePixelRatio || 1, best = null;
    srcset.split(",").forEach(function (candidate) {
      var parts = candidate.trim().split(/\s+/), x = parseFloat(parts[1]) || 1;
      if (!parts[0]) return;
      if (!best || (best.x < want && x > best.x) || (x >= want && x < best.x)) best = {url: parts[0], x: x};
    });
    return best && best.url;
  }

  function holdPhotos(doc) {
    // In the parsed page (which loads nothing), move each photo's address aside, so the
    // browser never asks for ciphertext as an image; the WebP rendition is opened instead.
    doc.querySelectorAll("img").forEach(function (img) {
      var picture = img.parentElement && img.parentElement.tagName === "PICTURE" ? img.parentElement : null;
      var webp = picture && picture.querySelector('source[type="image/webp"]');
      var address = density((webp || img).getAttribute("srcset") || "") || img.getAttribute("src");
      if (!address || !/\/photos\//.test(address)) return;
      if (picture) picture.querySelectorAll("source").forEach(function (source) { source.remove(); });
      img.removeAttribute("srcset");
      img.removeAttribute("src");
      img.setAttribute("data-sealed-src", address);
    });
  }

  function showPhoto(img) {
    var address = img.getAttribute("data-sealed-src");
    img.removeAttribute("data-sealed-src");
    window.fetch(address).then(function (response) { return response.blob(); }).then(function (blob) {
      img.src = URL.createObjectURL(blob);
    });
  }

  function showPhotos() {
    var lazy = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        lazy.unobserve(entry.target);
        showPhoto(entry.target);
      });
    }, {rootMargin: "300px"}) : null;
    document.querySelectorAll("img[data-sealed-src]").forEach(function (img) {
      if (lazy && img.getAttribute("loading") === "lazy") lazy.observe(img);
      else showPhoto(img);
    });
  }

  // ---------- Putting the page in place ----------

  function addLockButton() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary lock-button";
    button.textContent = "Lock";
    button.addEventListener("click", function () {
      forget();
      location.reload();
    });
    var header = document.querySelector(".site-header__inner");
    if (header) header.appendChild(button);
    else document.body.insertBefore(button, document.body.firstChild);
  }

  function runScripts(scripts) {
    // In order, one after another, as `defer` would; then DOMContentLoaded again for the
    // scripts that wait for it (the real one fired before the page was opened).
    return scripts.reduce(function (previous, old) {
      return previous.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = old.src;
          script.async = false;
          script.onload = script.onerror = function () { resolve(); };
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve()).then(function () {
      document.dispatchEvent(new Event("DOMContentLoaded", {bubbles: true}));
    });
  }

  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    // DOMParser parses as if scripts were off, so a page's <noscript> would show: drop it.
    doc.querySelectorAll("noscript").forEach(function (element) { element.remove(); });
    holdPhotos(doc);
    var scripts = Array.prototype.slice.call(doc.querySelectorAll("script[src]"));
    scripts.forEach(function (script) { script.remove(); });
    var have = {};
    document.head.querySelectorAll("[href], [src]").forEach(function (element) {
      have[element.getAttribute("href") || element.getAttribute("src")] = true;
    });
    Array.prototype.slice.call(doc.head.children).forEach(function (element) {
      var address = element.getAttribute("href") || element.getAttribute("src");
      // The locked page's own policy stays in force (it allows blob: photos); charset and viewport are set.
      if (element.matches("meta[http-equiv], meta[charset], meta[name=viewport], title") || have[address]) return;
      document.head.appendChild(document.adoptNode(element));
    });
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang || document.documentElement.lang;
    document.body.replaceWith(document.adoptNode(doc.body));
    addLockButton();
    showPhotos();
    if (location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
    document.documentElement.setAttribute("data-unlocked", "");
    return runScripts(scripts);
  }

  function openPage(master) {
    return useKey(master).then(function () {
      openFetches();
      openDataLinks();
      return open(fromBase64(sealed.getAttribute("data-sealed")));
    }).then(function (plain) {
      return show(new TextDecoder().decode(plain));
    });
  }

  // ---------- The form ----------

  function ask(message) {
    status.hidden = true;
    form.hidden = false;
    error.textContent = message || "";
    form.querySelector("input[name=code]").focus();
  }

  function failed() {
    forget();
    status.hidden = true;
    form.hidden = true;
    error.textContent = "";
    status.textContent = "This page could not be opened. Reload it; if that does not help, tell the scheme team.";
    status.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var input = form.querySelector("input[name=code]"), button = form.querySelector("button");
    if (!input.value.trim()) return ask("Enter the access code.");
    button.disabled = true;
    error.textContent = "";
    status.textContent = "Checking the code\u2026";
    status.hidden = false;
    derive(input.value).then(function (master) {
      return matches(master).then(function (right) {
        if (!right) {
          button.disabled = false;
          input.select();
          ask("That access code is not right. Check it and try again; letters can be capitals or not.");
          return null;
        }
        remember(master, form.querySelector("input[name=remember]").checked);
        return openPage(master).catch(failed);
      });
    }).catch(function () {
      button.disabled = false;
      ask("The code could not be checked. Try again.");
    });
  });

  if (!subtle || !window.DecompressionStream) {
    status.textContent = "This browser cannot unlock the directory. Open it in an up-to-date browser.";
    status.hidden = false;
    return;
  }
  var saved = remembered();
  if (!saved) {
    ask();
    return;
  }
  status.hidden = false;
  var master = fromBase64(saved);
  matches(master).then(function (right) {
    if (!right) {
      forget();
      ask("The access code has changed since this device last opened the directory. Enter the new code.");
      return null;
    }
    return openPage(master).catch(failed);
  });
})();
