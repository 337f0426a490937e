// The directory's full-text search engine: text folding, the query language (stop words,
// synonyms, prefixes, typos) and the index made by generator/site/search_index.py. No page
// access here; theme/static/search.js drives it. Exposed as window.mentordirSearch (also used by
// bench/relevance.py and bench/search.py).
(function () {
  "use strict";

  var CODES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var CODE = new Int8Array(128).fill(-1);
  for (var c = 0; c < CODES.length; c++) CODE[CODES.charCodeAt(c)] = c;
  // How much a match in each field counts, by the field names the index lists.
  var WEIGHTS = {name: 10, specialty: 8, grade: 6, tags: 6, region: 5, organisation: 4, style: 2, bio: 1};
  // A one- or two-letter prefix matches these fields only: a short word in a bio says little.
  var SHORT_FIELDS = {name: 1, specialty: 1, grade: 1, region: 1, organisation: 1};
  var EXACT = 1, PREFIX = 0.7, FUZZY = 0.45;
  var MAX_QUERY = 100;

  // ---------- Text: the folding rule of generator/site/search_text.py, step by step ----------

  var FOLD_TABLE = {"ß": "ss", "ς": "σ", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h",
                    "þ": "th", "ð": "d", "'": "", "\u2019": "", "\u02bc": "", "&": ""};
  var FOLD_PATTERN = new RegExp("[" + Object.keys(FOLD_TABLE).join("") + "]", "g");

  function fold(text) {
    return text.normalize("NFKD").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(FOLD_PATTERN, function (letter) { return FOLD_TABLE[letter]; });
  }

  function terms(text) {
    var seen = [];
    fold(text).split(/[^\p{L}\p{N}]+/u).forEach(function (term) {
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
    var fields = data.fields || [];
    this.weights = fields.map(function (name) { return WEIGHTS[name] || 1; });
    this.short = fields.map(function (name) { return SHORT_FIELDS[name] === 1; });
    this.stop = new Set((data.stop || "").split(" "));
    // Each synonym phrase as typed (all its terms) -> its group's number. A group is a list of
    // phrases, each the terms to look up: the phrase without stop words (which the index leaves
    // out), or, when that leaves one word of several ("on call"), the words joined ("oncall"),
    // as the index also files words written with hyphens.
    var stop = this.stop, self = this;
    this.groupOf = new Map();
    this.longest = 1;
    this.groups = (data.synonyms || []).map(function (group, number) {
      return group.map(function (phrase) {
        var all = phrase.split(" "), kept = all.filter(function (term) { return !stop.has(term); });
        self.groupOf.set(phrase, number);
        self.longest = Math.max(self.longest, all.length);
        return kept.length === 1 && all.length > 1 ? [all.join("")] : kept.length ? kept : all;
      });
    });
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

  // Raise out[mentor] to term number t's score for each mentor it occurs for.
  Index.prototype.add = function (t, weight, out, shortOnly) {
    var postings = this.postings(t), mentors = postings[0], fields = postings[1];
    for (var k = 0; k < mentors.length; k++) {
      if (shortOnly && !this.short[fields[k]]) continue;
      var score = this.weights[fields[k]] * weight;
      if (score > out[mentors[k]]) out[mentors[k]] = score;
    }
  };

  // One word's best score per mentor, into `out`. Exact and prefix matches first; only a word
  // with neither in the whole index is read as a typo, so "black" never brings in "back".
  Index.prototype.word = function (word, out, typos, minPrefix) {
    var list = this.terms, at = this.firstAtLeast(word), found = false;
    if (list[at] === word) { this.add(at, EXACT, out, false); found = true; }
    if (word.length >= minPrefix) {
      for (var j = list[at] === word ? at + 1 : at; j < list.length && list[j].startsWith(word); j++) {
        this.add(j, PREFIX, out, word.length < 3);
        found = true;
      }
    }
    // Typos: a word of five letters or more with one letter wrong, missing, extra or swapped
    // (a four-letter word may be a five-letter one with a letter missing).
    if (found || !typos || word.length < 4) return;
    var shorter = word.length === 4;
    for (var t = 0; t < list.length; t++) {
      var term = list[t];
      if (shorter ? term.length === 5 && oneEditApart(word, term) : oneEditApart(word, term)) this.add(t, FUZZY, out, false);
      else if (!shorter && prefixOneEditApart(word, term)) this.add(t, FUZZY * 0.9, out, false);
    }
  };

  // A synonym group's best score per mentor: a phrase of several words counts where a mentor
  // has every one of them (the mean of their scores); words in a phrase match whole, or as
  // the start of a longer word when four letters or more.
  Index.prototype.group = function (number, out) {
    var self = this, count = this.count;
    this.groups[number].forEach(function (phrase) {
      if (phrase.length === 1) { self.word(phrase[0], out, false, 4); return; }
      var sum = new Float32Array(count), have = new Uint8Array(count);
      phrase.forEach(function (term) {
        var part = new Float32Array(count);
        self.word(term, part, false, 4);
        for (var m = 0; m < count; m++) if (part[m] > 0) { sum[m] += part[m]; have[m]++; }
      });
      for (var m = 0; m < count; m++) {
        if (have[m] === phrase.length && sum[m] / phrase.length > out[m]) out[m] = sum[m] / phrase.length;
      }
    });
  };

  // What a query asks for: each phrase of a synonym group (longest first) read as the whole
  // group, and the other words without the stop words the index leaves out (unless the query
  // has nothing else).
  Index.prototype.parse = function (query) {
    var words = terms(query.slice(0, MAX_QUERY)), stop = this.stop;
    var onlyStop = words.every(function (word) { return stop.has(word); });
    var parts = [];
    for (var i = 0; i < words.length;) {
      var length = Math.min(this.longest, words.length - i), group = -1;
      for (; length > 0; length--) {
        var number = this.groupOf.get(words.slice(i, i + length).join(" "));
        if (number !== undefined) { group = number; break; }
      }
      if (group >= 0) { parts.push({group: group}); i += length; continue; }
      if (onlyStop || !stop.has(words[i])) parts.push({word: words[i]});
      i++;
    }
    return parts;
  };

  // Score every mentor for a query: null when there is nothing to search for; otherwise
  // {scores, hits, parts}: each mentor's summed score and how many of the query's `parts`
  // (words, or synonym phrases) they match. The caller keeps those who match the most.
  Index.prototype.search = function (query) {
    var parts = this.parse(query);
    if (!parts.length) return null;
    var count = this.count, scores = new Float32Array(count), hits = new Uint8Array(count), self = this;
    parts.forEach(function (part) {
      var out = new Float32Array(count);
      if (part.group !== undefined) self.group(part.group, out); else self.word(part.word, out, true, 1);
      for (var m = 0; m < count; m++) if (out[m] > 0) { scores[m] += out[m]; hits[m]++; }
    });
    return {scores: scores, hits: hits, parts: parts.length};
  };

  // Mentor numbers in ranked order for a query with no filters: those matching every part,
  // or, when nobody does, those matching the most parts. Returns {order, matched, parts}.
  Index.prototype.rank = function (query) {
    var result = this.search(query);
    if (!result) return null;
    var most = 0, order = [];
    for (var m = 0; m < this.count; m++) most = Math.max(most, result.hits[m]);
    for (m = 0; m < this.count; m++) if (most > 0 && result.hits[m] === most) order.push(m);
    order.sort(function (a, b) { return result.scores[b] - result.scores[a] || a - b; });
    return {order: order, matched: most, parts: result.parts};
  };

  window.mentordirSearch = {Index: Index, terms: terms, fold: fold, CODE: CODE, MAX_QUERY: MAX_QUERY};
})();
