// The directory's full-text search engine: text folding, typo matching, and the index made
// by generator/search_index.py. No page access here; theme/static/search.js drives it.
// Exposed as window.mentordirSearch (also used by bench/search.py).
(function () {
  "use strict";

  var CODES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var CODE = new Int8Array(128).fill(-1);
  for (var c = 0; c < CODES.length; c++) CODE[CODES.charCodeAt(c)] = c;
  // Field weights: name, specialty, region, organisation, style, bio (search_index.FIELDS).
  var WEIGHTS = [10, 8, 5, 4, 2, 1];
  var EXACT = 1, PREFIX = 0.7, FUZZY = 0.45;
  var SHORT_PREFIX_FIELDS = 3;  // a one- or two-letter prefix matches name, specialty, region, organisation only
  var MAX_QUERY = 100;

  // ---------- Text: folded exactly as search_index.terms_of folds it ----------

  function terms(text) {
    var folded = text.toLowerCase().normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/['\u2019]/g, "");
    var seen = [];
    folded.split(/[^\p{L}\p{N}]+/u).forEach(function (term) {
      if (term && seen.indexOf(term) < 0) seen.push(term);
    });
    return seen;
  }

  // True when b is a with one letter changed, added, dropped, or two neighbours swapped.
  function oneEditApart(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // True when the start of `term` is `typed` with one letter changed or two neighbours swapped.
  function prefixOneEditApart(typed, term) {
    if (term.length <= typed.length) return false;
    return oneEditApart(typed, term.slice(0, typed.length));
  }

  // ---------- The full-text index ----------

  function Index(data) {
    this.count = data.count;
    this.terms = data.terms ? data.terms.split(" ") : [];
    this.encoded = data.postings ? data.postings.split(" ") : [];
    this.decoded = new Array(this.terms.length);
    this.best = new Float32Array(this.count);
  }

  // The postings of term number i as [mentor numbers, field codes], decoded on first use.
  Index.prototype.postings = function (i) {
    var done = this.decoded[i];
    if (done) return done;
    var text = this.encoded[i], mentors = [], fields = [];
    var previous = 0, value = 0, shift = 0;
    for (var k = 0; k < text.length; k++) {
      var code = CODE[text.charCodeAt(k)];
      if (code >= 32) { value += (code - 32) * Math.pow(2, shift); shift += 5; continue; }
      value += code * Math.pow(2, shift);
      previous += Math.floor(value / 8);
      mentors.push(previous);
      fields.push(value % 8);
      value = 0; shift = 0;
    }
    done = this.decoded[i] = [Int32Array.from(mentors), Uint8Array.from(fields)];
    return done;
  };

  Index.prototype.firstAtLeast = function (term) {
    var low = 0, high = this.terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (this.terms[middle] < term) low = middle + 1; else high = middle;
    }
    return low;
  };

  // Score every mentor for a query: null when there is nothing to search for; otherwise a
  // Float32Array, 0 for a mentor who does not match every word.
  Index.prototype.search = function (query) {
    var words = terms(query.slice(0, MAX_QUERY));
    if (!words.length) return null;
    var total = new Float32Array(this.count), hits = new Uint8Array(this.count), best = this.best;
    var self = this;
    words.forEach(function (word) {
      var touched = [];
      function add(term, weight, lastField) {
        var postings = self.postings(term), mentors = postings[0], fields = postings[1];
        for (var k = 0; k < mentors.length; k++) {
          if (fields[k] > lastField) continue;
          var mentor = mentors[k], score = WEIGHTS[fields[k]] * weight;
          if (best[mentor] === 0) touched.push(mentor);
          if (score > best[mentor]) best[mentor] = score;
        }
      }
      var at = self.firstAtLeast(word), list = self.terms;
      if (list[at] === word) add(at, EXACT, 5);
      var lastField = word.length < 3 ? SHORT_PREFIX_FIELDS : 5;
      for (var j = list[at] === word ? at + 1 : at; j < list.length && list[j].startsWith(word); j++) {
        add(j, PREFIX, lastField);
      }
      // Typos: a word of five letters or more with one letter wrong, missing, extra or swapped
      // (a four-letter word may be a five-letter one with a letter missing).
      if (word.length >= 4) {
        var longer = word.length === 4;
        for (var t = 0; t < list.length; t++) {
          var term = list[t];
          if (longer ? term.length === 5 && oneEditApart(word, term) : oneEditApart(word, term)) add(t, FUZZY, 5);
          else if (!longer && prefixOneEditApart(word, term)) add(t, FUZZY * 0.9, 5);
        }
      }
      for (var k = 0; k < touched.length; k++) {
        var mentor = touched[k];
        total[mentor] += best[mentor];
        hits[mentor]++;
        best[mentor] = 0;
      }
    });
    for (var m = 0; m < this.count; m++) if (hits[m] !== words.length) total[m] = 0;
    return total;
  };

  window.mentordirSearch = {Index: Index, terms: terms, CODE: CODE, MAX_QUERY: MAX_QUERY};
})();
