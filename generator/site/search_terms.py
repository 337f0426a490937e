"""Which terms find each mentor, and in which field: worked out once per bio and kept between builds.

A mentor's terms come from the fields written in the bio (name, specialty, region, organisation,
style, bio) and from two that the site's settings shape: the grade with its aliases on the
ladder, and the tags (working modes and matching words as the site labels them, and the titles
of the mentor's schemes). The index files each term under the first field of FIELDS it occurs
in, its best field; `best_fields` gives a mentor's terms grouped that way, ready to post.

Folding and splitting a bio is most of the index's work, so `SearchTerms` keeps every mentor's
terms by best field: a build after one bio changed redoes that bio alone. It is made of plain
tuples of strings, one string object per distinct term, so that `mentordir build` pickles it
small and loads it fast.

Contact details (e-mail, phone, web address) are never read here, so they cannot reach the index.
"""

from __future__ import annotations

import functools
import html.parser
import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from mentordir.content.config import SiteConfig
from mentordir.content.ladder import GradeLadder
from mentordir.model.models import Mentor, Scheme
from mentordir.site.search_text import compounds_of, terms_of

log = logging.getLogger(__name__)

FIELDS = ("name", "specialty", "grade", "tags", "region", "organisation", "style", "bio")
"""Searchable fields (eight at most: a field code has three bits); a term's field code is its position here.
A term found in two fields is filed under the earlier one; search-engine.js weighs fields by name."""
TEXT_FIELDS = ("name", "specialty", "region", "organisation", "style", "bio")
"""The fields written in the bio itself, in the order searchable_texts gives them."""

BestFields = tuple[tuple[str, ...], ...]
"""A mentor's terms as eight tuples in FIELDS order, each term only under the first field it occurs in."""
OwnTerms = Callable[[Mentor], tuple[tuple[str, ...], ...]]
"""What gives a mentor's own fields' terms: field_terms, or a caller's stand-in for it."""


@dataclass(frozen=True)
class SearchTerms:
    """Every mentor's terms by best field as a build found them, so the next build splits only changed bios."""

    ladder: GradeLadder | None = None
    """The grade ladder the grade fields were made with (a grade's aliases find it too); None before any build."""
    labels: tuple[tuple[str, str], ...] = ()
    """The site's labels the tags fields were made with (working modes and matching words as the site shows them)."""
    titles: tuple[tuple[str, str], ...] = ()
    """(slug, title) of every scheme, as the tags fields name a mentor's schemes."""
    best: Mapping[str, tuple[Mentor, BestFields]] = field(default_factory=dict)
    """Slug -> the mentor and best_fields of the mentor's terms. By slug: a pickled dict keyed by Mentor
    would hash every mentor, its photo's path and all, while `mentordir build` loads it."""

    def of(self, mentor: Mentor) -> BestFields:
        """The terms of `mentor`, which must be one that these terms were worked out for."""
        return self.best[mentor.slug][1]


def search_terms(mentors: Iterable[Mentor], config: SiteConfig, schemes: tuple[Scheme, ...],
                 earlier: SearchTerms = SearchTerms(), own_terms: OwnTerms | None = None) -> SearchTerms:
    """Every mentor's terms by best field, taken from `earlier` for an equal mentor under the same settings.

    `own_terms` works out the bio's own fields for the others (field_terms unless given).
    """
    titles = tuple((scheme.slug, scheme.title) for scheme in schemes)
    # Of the settings, all_field_terms reads the ladder (aliases_of) and the labels (label_of) alone:
    # a change to either, or to a scheme's title, may change the grade or tags of every mentor.
    made_with = (config.ladder, config.labels, titles)
    kept = earlier.best if (earlier.ladder, earlier.labels, earlier.titles) == made_with else {}
    if earlier.best and not kept:
        log.debug("search terms: the ladder, labels or scheme titles changed; every mentor's terms are made again")
    shared: dict[str, str] = {}
    best: dict[str, tuple[Mentor, BestFields]] = {}
    for mentor in mentors:
        known = kept.get(mentor.slug)
        # Validation hands back the very Mentor it kept for an unchanged bio: no need to compare those.
        if known is None or (known[0] is not mentor and known[0] != mentor):
            known = (mentor, best_fields(all_field_terms(mentor, config, dict(titles), own_terms), shared))
        best[mentor.slug] = known
    return SearchTerms(ladder=config.ladder, labels=config.labels, titles=titles, best=best)


def best_fields(terms: tuple[tuple[str, ...], ...], shared: dict[str, str]) -> BestFields:
    """Each field's terms less those of earlier fields; `shared` makes equal terms one object (a smaller pickle)."""
    seen: set[str] = set()
    best = []
    for field_words in terms:
        new = tuple(shared.setdefault(term, term) for term in field_words if term not in seen)
        seen.update(new)
        best.append(new)
    return tuple(best)


def all_field_terms(mentor: Mentor, config: SiteConfig, titles: dict[str, str],
                    own_terms: OwnTerms | None = None) -> tuple[tuple[str, ...], ...]:
    """Each field's distinct terms, in FIELDS order: the bio's own fields, the grade and the tags."""
    own = dict(zip(TEXT_FIELDS, (own_terms or field_terms)(mentor)))
    grade = " ".join((mentor.grade,) + config.ladder.aliases_of(mentor.grade))
    words = mentor.working + mentor.matching
    tags = " ".join([config.label_of(word) + " " + word for word in words] +
                    [titles.get(slug, slug) for slug in mentor.schemes])
    own["grade"], own["tags"] = tuple(terms_of(grade)), tuple(dict.fromkeys(terms_of(tags) + compounds_of(tags)))
    return tuple(own[name] for name in FIELDS)


# A pure function of a frozen (hashable) Mentor: cached so that the dev server, after a change
# to the settings (which SearchTerms does not outlive), folds and splits only the grades and tags.
@functools.lru_cache(maxsize=20_000)
def field_terms(mentor: Mentor) -> tuple[tuple[str, ...], ...]:
    """Each field's distinct terms, in TEXT_FIELDS order (common words dropped from style and bio)."""
    texts = searchable_texts(mentor)
    keep = TEXT_FIELDS.index("style")
    return tuple(tuple(dict.fromkeys(terms_of(text, keep_common=number < keep) + compounds_of(text)))
                 for number, text in enumerate(texts))


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
