"""The directory's search and filter data, made at build time from the same views as the cards.

Two pieces, both in the directory's card order (taking mentees first, then full; fair order
within each), so mentor number i is the i-th card on the page:

- **Filter data**, small enough to inline in the page as JSON: each mentor's grade rank and,
  for each filter, the values the mentor has, as short codes into that filter's value list.
- **The full-text index**, a hashed asset (`assets/search.<hash>.json`) fetched the first time
  someone searches: a sorted vocabulary and, per term, the mentors it occurs in with the best
  field it occurs in (name, specialty, grade, tags, region, organisation, style, bio; tags are
  the working modes, matching words and scheme titles, as the site labels them), with the stop
  words and synonym groups the query side needs. Text is folded by the one rule written in
  search_text.py, which theme/static/search-engine.js follows for what is typed; each mentor's
  terms, by best field, come from search_terms.py, which keeps them between builds.

Contact details (e-mail, phone, web address) are never read here, so they cannot reach either piece.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from operator import attrgetter
from typing import Callable, Iterable

from mentordir.content.config import SiteConfig
from mentordir.model.models import WORKING_MODES, Mentor, Scheme
from mentordir.site.pages import DirectorySearch, FilterGroup, FilterOption, MentorView
from mentordir.site.search_terms import FIELDS, SearchTerms, search_terms
from mentordir.site.search_text import STOP_WORDS, synonym_groups

log = logging.getLogger(__name__)

CODES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
"""64 characters that need no escaping in JSON or HTML: the digits of every code below."""
FILTER_VALUES: dict[str, Callable[[Mentor], tuple[str, ...]]] = {
    "specialty": attrgetter("specialties"), "region": lambda mentor: (mentor.region,) if mentor.region else (),
    "scheme": attrgetter("schemes"), "meets": attrgetter("working"), "matching": attrgetter("matching")}
"""Each filter's values for one mentor, by filter name."""
_BEYOND_U_FFFF = re.compile("[\U00010000-\U0010ffff]")


def build_search(views: tuple[MentorView, ...], config: SiteConfig, schemes: tuple[Scheme, ...],
                 terms: SearchTerms | None = None) -> DirectorySearch:
    """Filter data and full-text index for `views`, given in the directory's card order.

    `terms` holds every mentor's terms (search_terms.search_terms), for a caller that keeps them between builds.
    """
    if terms is None:
        terms = search_terms((view.mentor for view in views), config, schemes)
    index_bytes = _compact_json(full_text_index(views, config, terms)).encode("utf-8")
    path = f"assets/search.{hashlib.sha256(index_bytes).hexdigest()[:10]}.json"
    groups = filter_groups(views, schemes, config)
    data = filter_data(views, config, groups)
    log.debug("search index: %d bytes for %d mentors", len(index_bytes), len(views))
    return DirectorySearch(index_path=path, filters=groups, grades=config.grades, data=_compact_json(data),
                           index_bytes=index_bytes)


def filter_groups(views: tuple[MentorView, ...], schemes: tuple[Scheme, ...],
                  config: SiteConfig) -> tuple[FilterGroup, ...]:
    """The multiple-choice filters, each with the values some mentor has, in a stable order."""
    specialties = sorted({s for view in views for s in view.mentor.specialties}, key=_sort_key)
    regions = sorted({view.mentor.region for view in views if view.mentor.region}, key=_sort_key)
    used_schemes = {slug for view in views for slug in view.mentor.schemes}
    modes = [mode for mode in WORKING_MODES if any(mode in view.mentor.working for view in views)]
    matching = sorted({word for view in views for word in view.mentor.matching})
    groups = (
        FilterGroup("specialty", "Specialty", tuple(FilterOption(s, s) for s in specialties)),
        FilterGroup("region", "Region", tuple(FilterOption(r, r) for r in regions)),
        FilterGroup("scheme", "Scheme", tuple(FilterOption(s.slug, s.title) for s in schemes
                                              if s.slug in used_schemes)),
        FilterGroup("meets", "Meets by", tuple(FilterOption(m, config.label_of(m)) for m in modes)),
        FilterGroup("matching", "Happy to be matched on", tuple(FilterOption(w, config.label_of(w)) for w in matching)),
    )
    return tuple(group for group in groups if group.options)


def filter_data(views: tuple[MentorView, ...], config: SiteConfig,
                groups: tuple[FilterGroup, ...]) -> dict[str, object]:
    """Per mentor, in card order: grade level, and for each filter the codes of the mentor's values.

    A filter's column is one string, mentors separated by commas, each value a fixed-width code
    (`width` characters of CODES) giving its position in the filter's option list.
    """
    columns: dict[str, object] = {}
    for group in groups:
        width = _code_width(len(group.options))
        code_of = {option.value: _code(index, width) for index, option in enumerate(group.options)}
        values_of = FILTER_VALUES[group.name]
        cells = ["".join(code_of[value] for value in values_of(view.mentor) if value in code_of) for view in views]
        columns[group.name] = {"width": width, "values": [option.value for option in group.options],
                               "mentors": ",".join(cells)}
    grade_width = _code_width(len(config.ladder.levels))
    level_codes = [_code(level, grade_width) for level in range(len(config.ladder.levels))]
    return {
        "count": len(views),
        "available": sum(1 for view in views if not view.full),
        "grades": {"width": grade_width, "values": list(config.grades),
                   "levels": [config.level_of(grade) for grade in config.grades],
                   "mentors": "".join(level_codes[view.mentor.grade_rank] for view in views)},
        "filters": columns,
    }


def full_text_index(views: tuple[MentorView, ...], config: SiteConfig, terms: SearchTerms) -> dict[str, object]:
    """The sorted vocabulary and each term's postings: (mentor number, best field) pairs.

    Postings are written as variable-length codes of CODES: each value is sent five bits at a
    time, lowest first, with 32 added to every chunk but the last. A posting's value is
    `(mentor - previous mentor) * 8 + field`, so most take one or two characters.
    `terms` must hold every view's mentor.
    """
    varints = _varints(8 * len(views))
    last: dict[str, int] = {}  # term -> 8 * the number of the last mentor posted under it
    codes: dict[str, list[str]] = {}  # term -> its postings' codes so far
    # One pass in card order: mentor numbers only grow, so every term's postings come out in order.
    for number, view in enumerate(views):
        at = number * 8
        for field, words in enumerate(terms.of(view.mentor)):
            value = at + field
            for term in words:
                previous = last.get(term)
                if previous is None:
                    codes[term] = [varints[value]]
                else:
                    codes[term].append(varints[value - previous])
                last[term] = at
    vocabulary = _javascript_order(codes)
    return {"version": 2, "count": len(views), "fields": list(FIELDS), "terms": " ".join(vocabulary),
            "postings": " ".join(["".join(codes[term]) for term in vocabulary]), "stop": " ".join(sorted(STOP_WORDS)),
            "synonyms": synonym_groups(config.synonyms)}


def _javascript_order(terms: Iterable[str]) -> list[str]:
    # Sorted as JavaScript compares strings (by UTF-16 code unit), so search.js can binary-search
    # the vocabulary. That is Python's order (by code point) unless some term has a character
    # beyond U+FFFF, which UTF-16 writes as surrogates (U+D800 to U+DFFF): only then is it worth
    # encoding every term to compare.
    ordered = sorted(terms)
    if _BEYOND_U_FFFF.search("".join(ordered)):
        ordered.sort(key=lambda term: term.encode("utf-16-be"))
    return ordered


def _sort_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


def _code_width(count: int) -> int:
    width = 1
    while len(CODES) ** width < count:
        width += 1
    return width


def _code(number: int, width: int) -> str:
    digits = []
    for _ in range(width):
        number, digit = divmod(number, len(CODES))
        digits.append(CODES[digit])
    return "".join(reversed(digits))


def decode_postings(index: dict[str, object]) -> dict[str, list[tuple[int, str]]]:
    """The inverse of full_text_index: each term's (mentor number, field) pairs, in mentor order."""
    fields = index["fields"]
    codes = {char: value for value, char in enumerate(CODES)}
    decoded: dict[str, list[tuple[int, str]]] = {}
    for term, encoded in zip(str(index["terms"]).split(" "), str(index["postings"]).split(" ")):
        previous = value = shift = 0
        entries = decoded.setdefault(term, [])
        for char in encoded:
            code = codes[char]
            if code >= 32:  # a continuation chunk: five more low bits
                value += (code - 32) << shift
                shift += 5
                continue
            value += code << shift
            previous += value >> 3
            entries.append((previous, fields[value & 7]))  # type: ignore[index]
            value = shift = 0
    return decoded


def _varints(count: int) -> list[str]:
    """The code of every value below `count`, each made from that of the value without its lowest five bits."""
    varints = list(CODES[:32])
    for value in range(32, count):
        varints.append(CODES[32 + (value & 31)] + varints[value >> 5])
    return varints


def _compact_json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
