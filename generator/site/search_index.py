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
  search_text.py, which theme/static/search-engine.js follows for what is typed.

Contact details (e-mail, phone, web address) are never read here, so they cannot reach either piece.
"""

from __future__ import annotations

import functools

import hashlib
import html.parser
import json
import logging
from typing import Callable

from mentordir.content.config import SiteConfig
from mentordir.model.models import WORKING_LABELS, WORKING_MODES, Mentor, Scheme
from mentordir.site.pages import DirectorySearch, FilterGroup, FilterOption, MentorView
from mentordir.site.search_text import STOP_WORDS, compounds_of, synonym_groups, terms_of

log = logging.getLogger(__name__)

FIELDS = ("name", "specialty", "grade", "tags", "region", "organisation", "style", "bio")
"""Searchable fields (eight at most: a field code has three bits); a term's field code is its position here.
A term found in two fields is filed under the earlier one; search-engine.js weighs fields by name."""
TEXT_FIELDS = ("name", "specialty", "region", "organisation", "style", "bio")
"""The fields written in the bio itself, in the order searchable_texts gives them."""
CODES = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
"""64 characters that need no escaping in JSON or HTML: the digits of every code below."""


Terms = Callable[[Mentor], tuple[tuple[str, ...], ...]]
"""What gives a mentor's own fields' terms: field_terms, or a caller's store of its results."""


def build_search(views: tuple[MentorView, ...], config: SiteConfig, schemes: tuple[Scheme, ...],
                 terms: Terms | None = None) -> DirectorySearch:
    """Filter data and full-text index for `views`, given in the directory's card order.

    `terms` gives each mentor's field_terms, for a caller that keeps them between processes.
    """
    index_bytes = _compact_json(full_text_index(views, config, schemes, terms)).encode("utf-8")
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
        position = {option.value: index for index, option in enumerate(group.options)}
        cells = []
        for view in views:
            values = _values_of(view, group.name)
            cells.append("".join(_code(position[value], width) for value in values if value in position))
        columns[group.name] = {"width": width, "values": [option.value for option in group.options],
                               "mentors": ",".join(cells)}
    grade_width = _code_width(len(config.ladder.levels))
    return {
        "count": len(views),
        "available": sum(1 for view in views if not view.full),
        "grades": {"width": grade_width, "values": list(config.grades),
                   "levels": [config.level_of(grade) for grade in config.grades],
                   "mentors": "".join(_code(view.mentor.grade_rank, grade_width) for view in views)},
        "filters": columns,
    }


def full_text_index(views: tuple[MentorView, ...], config: SiteConfig,
                    schemes: tuple[Scheme, ...], terms: Terms | None = None) -> dict[str, object]:
    """The sorted vocabulary and each term's postings: (mentor number, best field) pairs.

    Postings are written as variable-length codes of CODES: each value is sent five bits at a
    time, lowest first, with 32 added to every chunk but the last. A posting's value is
    `(mentor - previous mentor) * 8 + field`, so most take one or two characters.
    """
    best: dict[str, dict[int, int]] = {}
    titles = {scheme.slug: scheme.title for scheme in schemes}
    for number, view in enumerate(views):
        for field, field_words in enumerate(all_field_terms(view.mentor, config, titles, terms or field_terms)):
            for term in field_words:
                fields = best.setdefault(term, {})
                if field < fields.get(number, len(FIELDS)):
                    fields[number] = field
    # Sorted as JavaScript compares strings (by UTF-16 code unit), so search.js can binary-search it.
    vocabulary = sorted(best, key=lambda term: term.encode("utf-16-be"))
    postings = []
    for term in vocabulary:
        previous, encoded = 0, []
        for number, field in sorted(best[term].items()):
            encoded.append(_varint((number - previous) * 8 + field))
            previous = number
        postings.append("".join(encoded))
    return {"version": 2, "count": len(views), "fields": list(FIELDS), "terms": " ".join(vocabulary),
            "postings": " ".join(postings), "stop": " ".join(sorted(STOP_WORDS)),
            "synonyms": synonym_groups(config.synonyms)}


def all_field_terms(mentor: Mentor, config: SiteConfig, titles: dict[str, str],
                    own_terms: Terms | None = None) -> tuple[tuple[str, ...], ...]:
    """Each field's distinct terms, in FIELDS order: the bio's own fields, the grade and the tags."""
    own = dict(zip(TEXT_FIELDS, (own_terms or field_terms)(mentor)))
    grade = " ".join((mentor.grade,) + config.ladder.aliases_of(mentor.grade))
    words = mentor.working + mentor.matching
    tags = " ".join([config.label_of(word) + " " + word for word in words] +
                    [titles.get(slug, slug) for slug in mentor.schemes])
    own["grade"], own["tags"] = tuple(terms_of(grade)), tuple(dict.fromkeys(terms_of(tags) + compounds_of(tags)))
    return tuple(own[field] for field in FIELDS)


# A pure function of a frozen (hashable) Mentor: cached so that the dev server, which
# rebuilds the index after every edit, folds and splits only the bios that changed.
@functools.lru_cache(maxsize=20_000)
def field_terms(mentor: Mentor) -> tuple[tuple[str, ...], ...]:
    """Each field's distinct terms, in TEXT_FIELDS order (common words dropped from style and bio)."""
    texts = searchable_texts(mentor)
    keep = TEXT_FIELDS.index("style")
    return tuple(tuple(dict.fromkeys(terms_of(text, keep_common=field < keep) + compounds_of(text)))
                 for field, text in enumerate(texts))


def searchable_texts(mentor: Mentor) -> tuple[str, ...]:
    """The text of each field in TEXT_FIELDS, in order; the bio as plain text. No contact details."""
    return (mentor.name, " ".join(mentor.specialties), mentor.region or "", mentor.organisation or "",
            mentor.style, plain_text(mentor.bio_html))


def plain_text(bio_html: str) -> str:
    """The words of sanitised bio HTML, tags dropped and entities decoded."""
    parser = _TextParser()
    parser.feed(bio_html)
    parser.close()
    return " ".join(parser.parts)


class _TextParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _values_of(view: MentorView, filter_name: str) -> tuple[str, ...]:
    mentor = view.mentor
    return {"specialty": mentor.specialties, "region": (mentor.region,) if mentor.region else (),
            "scheme": mentor.schemes, "meets": mentor.working, "matching": mentor.matching}[filter_name]


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


def _varint(number: int) -> str:
    chunks = []
    while number >= 32:
        chunks.append(CODES[32 + (number & 31)])
        number >>= 5
    chunks.append(CODES[number])
    return "".join(chunks)


def _compact_json(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
