// Search and filters for the directory page (see generator/site/search_index.py for the data, and
// theme/static/search-engine.js for the full-text search).
//
// Progressive enhancement: without scripts every mentor is listed, and search-off.css hides the
// controls and says so. The controls are in the page from the start, so nothing moves when this
// script takes them over.
//
// Safety: the cards are the server's own elements; this script only moves them between
// the server's list and a results list it creates, and writes text with textContent. Nothing
// from the index, the page or the address bar is ever turned into HTML, and values read from
// the address are kept only when they are values the page offers.
//
// Speed: from the first search or filter on, the server's list (every mentor) is hidden and the
// first PAGE matches of each group are moved into a results list, with a "Show more" button,
// so each key press lays out a few dozen cards however large the directory is.
(function () {
  "use strict";

  var engine = window.mentordirSearch;  // theme/static/search-engine.js, loaded first
  if (!engine) return;
  var Index = engine.Index, terms = engine.terms, CODE = engine.CODE, MAX_QUERY = engine.MAX_QUERY;
  var PAGE = 48;  // results shown at first, and added by each "Show more"
  var URL_DELAY = 400;  // ms of no typing (or arrow keys on the grade list) before the address is updated
  var KEY = "mentordir:directory";  // sessionStorage: the directory's address, for the profiles' back link

  // ---------- Filter data ----------

  function decodeColumn(column, count) {
    var width = column.width, cells = column.mentors.split(",");
    return cells.slice(0, count).map(function (cell) {
      var values = [];
      for (var i = 0; i + width <= cell.length; i += width) {
        var value = 0;
        for (var k = 0; k < width; k++) value = value * 64 + CODE[cell.charCodeAt(i + k)];
        values.push(value);
      }
      return values;
    });
  }

  function Directory(form, data, cards) {
    this.form = form;
    this.count = data.count;
    this.available = data.available;
    this.cards = cards;
    this.grades = data.grades.values;
    this.levels = data.grades.levels;
    this.top = Math.max.apply(null, this.levels.concat([0]));
    var gradeWidth = data.grades.width;
    this.gradeOf = [];
    for (var i = 0; i < this.count; i++) {
      var rank = 0;
      for (var k = 0; k < gradeWidth; k++) rank = rank * 64 + CODE[data.grades.mentors.charCodeAt(i * gradeWidth + k)];
      this.gradeOf.push(rank);
    }
    this.filters = Object.keys(data.filters).sort().map(function (name) {
      var column = data.filters[name];
      return {name: name, values: column.values, mentors: decodeColumn(column, data.count),
              chosen: new Uint8Array(column.values.length), inputs: []};
    });
  }

  // ---------- The page ----------

  function start() {
    var form = document.getElementById("finder");
    if (!form || !window.history || !window.URLSearchParams) return;
    var data;
    try { data = JSON.parse(form.getAttribute("data-filters")); } catch (error) { return; }
    var cards = Array.prototype.slice.call(document.querySelectorAll(".cards > .card"));
    if (cards.length !== data.count) return;  // a theme that changed the cards: leave the plain list alone
    // White space between cards makes every move slow in Chromium (see directory.html).
    document.querySelectorAll(".cards").forEach(function (list) {
      Array.prototype.slice.call(list.childNodes).forEach(function (node) {
        if (node.nodeType === 3 && !node.nodeValue.trim()) node.remove();
      });
    });
    if (!data.grades.levels) return;
    var directory = new Directory(form, data, cards);
    new Finder(form, directory).begin();
  }

  function Finder(form, directory) {
    this.form = form;
    this.d = directory;
    this.query = form.querySelector("#finder-q");
    this.grade = form.querySelector("#finder-grade");
    this.taking = form.querySelector("#finder-taking");
    this.countText = form.querySelector("#finder-count");
    this.announcer = form.querySelector("#finder-announce");
    this.index = null;
    this.loading = null;
    this.filtering = false;
    this.inResults = new Uint8Array(directory.count);
    this.lists = [this.group("cards-available", 0, directory.available),
                  this.group("cards-full", directory.available, directory.count)].filter(Boolean);
    this.toggle = form.querySelector("#finder-toggle");
    this.chosenTotal = form.querySelector("#finder-chosen");
    this.typed = false;  // whether the search being typed already has its own history entry
    this.urlTimer = 0;
    this.announceTimer = 0;
    this.gradeOptions = Array.prototype.slice.call(this.grade.options, 1);
    this.gradeLabels = this.gradeOptions.map(function (option) { return option.textContent; });
    this.takingCount = form.querySelector('[data-count="taking"]');
    var self = this;
    directory.filters.forEach(function (filter) {
      var box = form.querySelector('[data-filter="' + filter.name + '"]');
      filter.chosenText = form.querySelector('[data-chosen="' + filter.name + '"]');
      filter.inputs = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
      filter.countTexts = filter.inputs.map(function (input) { return input.parentNode.querySelector(".facet-count"); });
      filter.valueOf = filter.inputs.map(function (input) { return filter.values.indexOf(input.value); });
      filter.details = box;
    });
    this.filterByName = {};
    directory.filters.forEach(function (filter) { self.filterByName[filter.name] = filter; });
  }

  Finder.prototype.group = function (id, from, to) {
    var list = document.getElementById(id);
    if (!list) return null;
    var section = list.closest("section");
    var results = document.createElement("ul");
    results.className = list.className;
    results.hidden = true;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button button--secondary show-more";
    more.hidden = true;
    list.after(results, more);
    var group = {list: list, results: results, more: more, from: from, to: to, section: section, current: [],
                 wanted: [], limit: PAGE, heading: section.querySelector("h2 .count"),
                 empty: section.querySelector(".no-match")};
    var self = this;
    more.addEventListener("click", function () {
      var first = group.current.length;
      group.limit += PAGE;
      self.place(group);
      var next = self.d.cards[group.current[first]];
      if (next) next.querySelector("a").focus();
    });
    return group;
  };

  Finder.prototype.begin = function () {
    var self = this, form = this.form;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.toggle.addEventListener("click", function () {
      self.toggle.setAttribute("aria-expanded", String(self.toggle.getAttribute("aria-expanded") !== "true"));
    });
    this.query.addEventListener("focus", function () { self.load(); });
    // The address follows the search once typing pauses (history calls cost a frame each in
    // Chromium): the first pause of a search adds a history entry, later ones replace it.
    this.query.addEventListener("input", function () {
      self.update();
      clearTimeout(self.urlTimer);
      self.urlTimer = setTimeout(function () { self.flush(); }, URL_DELAY);
    });
    this.query.addEventListener("blur", function () { self.flush(); self.typed = false; });
    // The grade list as a native select: arrow keys on it change the results at once, and the
    // address once the choice settles (a pause, or leaving the list), so Back skips the grades
    // passed on the way.
    this.grade.addEventListener("change", function (event) {
      event.stopPropagation();
      if (self.urlTimer && !self.choosing) self.flush();
      self.readControls();
      self.update();
      self.typed = false;
      self.choosing = true;
      clearTimeout(self.urlTimer);
      self.urlTimer = setTimeout(function () { self.flush(); }, URL_DELAY);
    });
    this.grade.addEventListener("blur", function () { self.flush(); });
    form.addEventListener("change", function (event) {
      if (event.target === self.query) return;
      self.flush();
      self.readControls();
      self.update();
      self.remember(true);
      self.typed = false;
    });
    form.querySelector("#finder-clear").addEventListener("click", function () {
      self.flush();
      self.setControls(new URLSearchParams(""));
      self.update();
      self.remember(true);
      self.typed = false;
      self.query.focus();
    });
    window.addEventListener("popstate", function () {
      clearTimeout(self.urlTimer);
      self.urlTimer = 0;
      self.typed = false;
      self.choosing = false;
      self.setControls(new URLSearchParams(location.search));
      self.update();
      self.store();
    });
    var typedEarly = this.query.value;  // typed before this script ran
    this.setControls(new URLSearchParams(location.search));
    if (typedEarly && !this.query.value) this.query.value = typedEarly.slice(0, MAX_QUERY);
    this.update();
    this.store();
  };

  // Fetch the full-text index once; resolves to the Index, or null when it cannot be had.
  Finder.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = fetch(this.form.getAttribute("data-index"), {credentials: "same-origin"})
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (json) { self.index = new Index(json); return self.index; })
        .catch(function () { self.failed = true; return null; });
    }
    return this.loading;
  };

  // ---------- State: controls <-> address ----------

  Finder.prototype.setControls = function (params) {
    this.query.value = (params.get("q") || "").slice(0, MAX_QUERY);
    var grade = params.get("grade") || "";
    this.grade.value = this.gradeOptions.some(function (o) { return o.value === grade; }) ? grade : "";
    this.taking.checked = params.get("taking") === "1";
    this.d.filters.forEach(function (filter) {
      var wanted = params.getAll(filter.name);
      filter.inputs.forEach(function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
    });
    this.readControls();
  };

  Finder.prototype.readControls = function () {
    var grades = this.d.grades;
    this.myLevel = this.grade.value ? this.d.levels[grades.indexOf(this.grade.value)] : -1;
    this.d.filters.forEach(function (filter) {
      filter.inputs.forEach(function (input, k) { filter.chosen[filter.valueOf[k]] = input.checked ? 1 : 0; });
      filter.active = filter.inputs.some(function (input) { return input.checked; });
    });
  };

  Finder.prototype.params = function () {
    var params = new URLSearchParams();
    var q = this.query.value.trim();
    if (q) params.append("q", q);
    if (this.grade.value) params.append("grade", this.grade.value);
    if (this.taking.checked) params.append("taking", "1");
    this.d.filters.forEach(function (filter) {
      filter.inputs.forEach(function (input) { if (input.checked) params.append(filter.name, input.value); });
    });
    return params;
  };

  // Record what was typed, if a record is still due.
  Finder.prototype.flush = function () {
    if (!this.urlTimer) return;
    clearTimeout(this.urlTimer);
    this.urlTimer = 0;
    this.remember(!this.typed);
    this.typed = !this.choosing;
    this.choosing = false;
  };

  // Put the state in the address: a new history entry for a new filter or a new search, the
  // same entry while a search is being typed.
  Finder.prototype.remember = function (newEntry) {
    var search = this.params().toString();
    var address = location.pathname + (search ? "?" + search : "") + location.hash;
    if (address === location.pathname + location.search + location.hash) return;
    if (newEntry) history.pushState(null, "", address); else history.replaceState(null, "", address);
    this.store();
  };

  // Keep the directory's address for the profiles' "All mentors" link (search-return.js).
  Finder.prototype.store = function () {
    try { window.sessionStorage.setItem(KEY, location.pathname + location.search); } catch (error) { /* storage off */ }
  };

  // ---------- Results ----------

  Finder.prototype.update = function () {
    var self = this, d = this.d, q = this.query.value;
    var result = null;
    if (terms(q).length) {
      if (!this.index) {
        if (!this.failed) {
          this.countText.textContent = "Loading search\u2026";
          this.load().then(function () { self.update(); });
          return;
        }
      } else {
        result = this.index.search(q);
      }
    }
    var filters = d.filters, nf = filters.length, top = d.top, myLevel = this.myLevel;
    // Failing filters per mentor as bits: 0..nf-1 the filters, nf the grade, nf+1 "taking".
    var GRADE = 1 << nf, TAKING = 1 << (nf + 1);
    var failing = new Uint32Array(d.count);
    for (var m = 0; m < d.count; m++) {
      var failed = 0;
      for (var f = 0; f < nf; f++) {
        var filter = filters[f];
        if (!filter.active) continue;
        var values = filter.mentors[m], ok = false;
        for (var v = 0; v < values.length; v++) if (filter.chosen[values[v]]) { ok = true; break; }
        if (!ok) failed |= 1 << f;
      }
      // More senior than me; at the top level, my peers.
      if (myLevel >= 0 && (myLevel === top ? d.gradeOf[m] !== top : d.gradeOf[m] <= myLevel)) failed |= GRADE;
      if (this.taking.checked && m >= d.available) failed |= TAKING;
      failing[m] = failed;
    }
    // A search keeps the mentors matching every part of it; when none of those passes the
    // filters, the mentors matching the most parts, and the count says so.
    var need = 0;
    if (result) {
      for (m = 0; m < d.count; m++) if (failing[m] === 0 && result.hits[m] > need) need = result.hits[m];
      if (need === 0) need = result.parts;
    }
    this.partial = result && need < result.parts ? {matched: need, parts: result.parts} : null;
    var counts = filters.map(function (f) { return new Uint32Array(f.values.length); });
    var levelHistogram = new Uint32Array(top + 1), takingCount = 0, visible = 0;
    var want = new Uint8Array(d.count);
    for (m = 0; m < d.count; m++) {
      if (result && result.hits[m] < need) continue;
      failed = failing[m];
      if (failed === 0) { want[m] = 1; visible++; }
      for (f = 0; f < nf; f++) {
        if ((failed & ~(1 << f)) !== 0) continue;
        values = filters[f].mentors[m];
        for (v = 0; v < values.length; v++) counts[f][values[v]]++;
      }
      if ((failed & ~GRADE) === 0) levelHistogram[d.gradeOf[m]]++;
      if ((failed & ~TAKING) === 0 && m < d.available) takingCount++;
    }
    var filtering = result !== null || myLevel >= 0 || this.taking.checked ||
      d.filters.some(function (filter) { return filter.active; });
    this.show(want, result && result.scores, filtering);
    this.showCounts(counts, levelHistogram, takingCount);
    this.showTotals(visible, result !== null);
  };

  Finder.prototype.show = function (want, scores, filtering) {
    var self = this;
    // The page as served lists everyone. Once a search or filter has been used, even a cleared
    // one, the results list shows everyone a page at a time: laying out thousands of cards
    // again took up to a second per key at 1,000 mentors, and every card stays laid out (and
    // so in the accessibility tree) rather than skipped with `content-visibility`.
    if (!filtering && !this.filtering) {
      this.lists.forEach(function (group) { group.visible = group.to - group.from; group.limit = PAGE; });
      return;
    }
    this.filtering = true;
    this.lists.forEach(function (group) {
      var wanted = [];
      for (var i = group.from; i < group.to; i++) if (want[i]) wanted.push(i);
      if (scores) wanted.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      group.wanted = wanted;
      group.limit = PAGE;
      group.list.hidden = true;
      group.results.hidden = false;
      self.place(group);
      group.visible = wanted.length;
    });
  };

  // Put the first `limit` wanted cards of a group in its results list, moving only what changed.
  // A card leaving the results goes back to its own place in the server's list, so that list
  // keeps the fair order and never needs rebuilding.
  Finder.prototype.place = function (group) {
    var cards = this.d.cards, out = this.inResults;
    var shown = group.wanted.slice(0, group.limit), current = group.current;
    var same = shown.length === current.length && shown.every(function (i, k) { return i === current[k]; });
    if (!same) {
      var keep = new Set(shown);
      current.forEach(function (i) {
        if (keep.has(i)) return;
        out[i] = 0;
        var next = i + 1;
        while (next < group.to && out[next]) next++;
        group.list.insertBefore(cards[i], next < group.to ? cards[next] : null);
      });
      var fragment = document.createDocumentFragment();
      shown.forEach(function (i) { out[i] = 1; fragment.appendChild(cards[i]); });
      group.results.appendChild(fragment);
      group.current = shown;
    }
    var rest = group.wanted.length - shown.length;
    group.more.hidden = rest <= 0;
    setText(group.more, "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown yet)");
  };

  Finder.prototype.showCounts = function (counts, levelHistogram, takingCount) {
    var chosenTotal = 0;
    this.d.filters.forEach(function (filter, f) {
      filter.countTexts.forEach(function (text, k) {
        setText(text, "(" + counts[f][filter.valueOf[k]] + ")");
      });
      var chosen = filter.inputs.filter(function (input) { return input.checked; }).length;
      chosenTotal += chosen;
      setText(filter.chosenText, chosen ? "(" + chosen + " chosen)" : "");
    });
    var d = this.d, top = d.top, self = this;
    var above = new Uint32Array(top + 1), sum = 0;
    for (var level = top; level >= 0; level--) { above[level] = sum; sum += levelHistogram[level]; }
    this.gradeOptions.forEach(function (option, k) {
      var level = d.levels[d.grades.indexOf(option.value)];
      var n = level === top ? levelHistogram[top] : above[level];
      var what = level === top ? " at the same level" : " more senior";
      setText(option, self.gradeLabels[k] + " (" + n + " mentor" + (n === 1 ? "" : "s") + what + ")");
    });
    setText(this.takingCount, "(" + takingCount + ")");
    chosenTotal += (this.myLevel >= 0 ? 1 : 0) + (this.taking.checked ? 1 : 0);
    setText(this.chosenTotal, "(" + chosenTotal + ")");
  };

  Finder.prototype.showTotals = function (visible, searching) {
    var total = this.d.count, filtered = searching || this.params().toString() !== "";
    var text = filtered ? visible + " of " + total + " mentor" + (total === 1 ? "" : "s") + " match"
                        : "Showing all " + total + " mentor" + (total === 1 ? "" : "s");
    if (filtered && visible > 0 && this.partial) {
      text = "No mentor matches every word. Showing " + visible + " who match " + this.partial.matched + " of " +
        this.partial.parts + ".";
    }
    if (filtered && visible === 0) text = "No mentors match. Try fewer words or filters, or clear them all.";
    if (searching === false && this.failed && terms(this.query.value).length) {
      text = "Search could not be loaded; the filters still work. " + text;
    }
    setText(this.countText, text);
    var taking = this.taking.checked;
    this.lists.forEach(function (group) {
      setText(group.heading, "(" + group.visible + ")");
      if (group.empty) group.empty.hidden = group.visible > 0;
      // A group with no match gives its place to the other group's matches (so they start on
      // a phone's first screen); with no match at all, the first group says so.
      group.section.hidden = (group.from > 0 && taking) || (group.visible === 0 && visible > 0);
    });
    var self = this;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(function () { setText(self.announcer, text); }, 800);
  };

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
