"""Reuse what a macro made for a page in an earlier build, when the page calls it with equal arguments.

The directory repeats the `card` macro for every mentor and a booklet repeats an entry; after
one bio changed, every other card is what it was. A template that calls
`fragment(template, macro, *arguments)` instead of the macro itself runs the macro with its
arguments and `site` only, never `page`: what the macro makes then depends on nothing but
its arguments, the page's path and what every page sees (the cache key), so an equal call on
the same page under the same cache key may take what the earlier build's call made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import jinja2
from jinja2.environment import TemplateModule
from markupsafe import Markup

from mentordir.site.pages import SiteView

# The values a kept call may hold besides mentordir's own dataclasses: the plain types the
# build cache's loader accepts (generator/output/remember.py). A call with anything else
# (a list, a loop, a jinja2 namespace) is run every time and never kept.
_PLAIN = frozenset({str, Markup, int, bool, float, type(None), dt.date})


FragmentCall = tuple[str, str, tuple[object, ...], tuple[tuple[str, object], ...], tuple[str, ...]]
"""One `fragment()` call a page made: (template, macro, positional arguments, keyword arguments as (name, value)
sorted by name, the type name of each argument, positional then keyword). The type names are there because
`True == 1`, but `{{ value }}` writes them differently. A plain tuple: a build keeps thousands, and a tuple is
the cheapest value to save, load and compare."""

Fragments = tuple[tuple[FragmentCall, str], ...]
"""The `fragment()` calls one page made, in the order it made them, each with what the macro returned (Markup)."""


class PageFragments:
    """The `fragment()` one page's template calls: reuses what an earlier build made and notes each call for the next.

    A page makes its calls in about the order it made them last time (after an edit one
    card differs, or one has moved), so the earlier calls are followed in order and looked
    up by hash only where the order is lost. Either way a call is reused only when it is equal.
    """

    def __init__(self, environment: jinja2.Environment, site: SiteView, earlier: Fragments = (),
                 texts: dict[str, str] | None = None) -> None:
        self._environment = environment
        self._site = site
        self._earlier = earlier
        # What the build's pages made so far, each text kept once: a mentor's booklet entry is
        # the same in every booklet, and the build cache then holds (and loads) it once.
        self._texts = {} if texts is None else texts
        self._next = 0
        self._lost = False
        self._index: dict[tuple[object, ...], list[int]] | None = None
        self._modules: dict[str, TemplateModule] = {}
        self._made: list[tuple[FragmentCall, str]] = []

    def made(self) -> Fragments:
        """Every call the page made that may be kept, in order, with what the macro returned."""
        return tuple(self._made)

    def __call__(self, template: str, macro: str, *arguments: object, **keywords: object) -> str:
        """What `macro` of `template` makes from these arguments; the earlier build's text for the same call."""
        ordered = tuple(sorted(keywords.items()))
        values = (*arguments, *(value for _, value in ordered)) if ordered else arguments
        kinds = _kinds(tuple(map(type, values)))
        if kinds is None or ("tuple" in kinds and not all(map(_keepable, values))):
            return self._run(template, macro, arguments, keywords)
        call = (template, macro, arguments, ordered, kinds)
        try:
            text = self._earlier_text(call)
        except TypeError:  # an argument whose first field cannot be hashed: made afresh each time
            return self._run(template, macro, arguments, keywords)
        if text is None:
            made = self._run(template, macro, arguments, keywords)
            text = self._texts.setdefault(made, made)
        self._made.append((call, text))
        # Markup, as the macro returned it under autoescaping: kept as it is, never marked safe here.
        return text

    def _earlier_text(self, call: FragmentCall) -> str | None:
        position = self._next
        # The call made here last time, or the one after it (the call here was dropped).
        for ahead in (position, position + 1):
            if ahead < len(self._earlier) and self._earlier[ahead][0] == call:
                self._next, self._lost = ahead + 1, False
                return self._earlier[ahead][1]
        if self._index is None and not self._lost:
            # A first call that differs is most likely an edited mentor's, where the earlier
            # one was: go on after it, without indexing every earlier call for one miss.
            self._next, self._lost = position + 1, True
            return None
        if self._index is None:
            self._index = {}
            for index, (before, _) in enumerate(self._earlier):
                self._index.setdefault(_rough_key(before), []).append(index)
        for found in self._index.get(_rough_key(call), ()):
            if self._earlier[found][0] == call:
                self._next, self._lost = found + 1, False
                return self._earlier[found][1]
        return None

    def _run(self, template: str, macro: str, arguments: tuple[object, ...], keywords: dict[str, object]) -> str:
        module = self._modules.get(template)
        if module is None:
            # The macro's own template, with `site` and the globals only: `page` is not there to read.
            module = self._environment.get_template(template).make_module(vars={"site": self._site})
            self._modules[template] = module
        function = getattr(module, macro, None)
        if not callable(function):
            raise jinja2.TemplateRuntimeError(f"fragment('{template}', '{macro}'): {template} has no macro {macro}")
        try:
            made: str = function(*arguments, **keywords)
        except jinja2.UndefinedError as error:
            if "'page' is undefined" in str(error):
                # Said in the theme author's terms; the error (and the template's file and line
                # in its traceback) is otherwise kept as it is.
                error.args = (f"'page' is undefined in the macro {macro}: a macro called through fragment() "
                              "sees only its arguments and `site`, never `page`; pass what it needs as an argument "
                              "(see docs/THEMES.md)",)
            raise
        return made


def _keepable(value: object) -> bool:
    if type(value) is tuple:
        return all(map(_keepable, value))
    return _kinds((type(value),)) is not None


@functools.lru_cache(maxsize=None)
def _kinds(types: tuple[type, ...]) -> tuple[str, ...] | None:
    # The types' names, or None when a value of one of them may not be kept. A handful of
    # type tuples, asked about once per card: worth remembering.
    if all(kind in _PLAIN or kind is tuple or _ours(kind) for kind in types):
        return tuple(kind.__name__ for kind in types)
    return None


def _ours(kind: type) -> bool:
    return dataclasses.is_dataclass(kind) and kind.__module__.startswith("mentordir.")


def _rough_key(call: FragmentCall) -> tuple[object, ...]:
    # What equal calls share, and quick to hash: each argument's first field, down to the first
    # value that is not a dataclass (a MentorView's mentor's slug). Equal dataclasses have equal
    # first compared fields; a whole dataclass's own hash would walk the bio, photo and schemes.
    template, macro, arguments, keywords, kinds = call
    return (template, macro, kinds, *map(_innermost_first_field, (*arguments, *(value for _, value in keywords))))


def _innermost_first_field(value: object) -> object:
    name = _first_field(type(value))
    while name is not None:
        value = getattr(value, name)
        name = _first_field(type(value))
    return value


@functools.lru_cache(maxsize=None)
def _first_field(kind: type) -> str | None:
    if not dataclasses.is_dataclass(kind):
        return None
    return next((field.name for field in dataclasses.fields(kind) if field.compare), None)
