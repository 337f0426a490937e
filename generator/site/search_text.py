"""How search text is folded and split into terms, the words search leaves out, and synonyms.

The one folding rule, followed word for word by `terms` in theme/static/search-engine.js
(tests/data/folding.json holds a corpus that both sides must fold alike):

1. Unicode compatibility decomposition, NFKD (so "™" is "TM" and "ﬁ" is "fi");
2. lower case (Python's `str.lower`, JavaScript's `toLowerCase`: Unicode's full lower-case
   mapping), then NFKD again, for the few lower-case letters that decompose;
3. drop every mark, that is every character whose general category starts with M (`\\p{M}`):
   accents, and the vowel signs and viramas of scripts such as Devanagari and Tamil, so a name
   is found whether or not it is typed with them;
4. the letters in FOLD_TABLE become what it says (ß is ss, the Turkish dotless ı is i, ...), and
   apostrophes and ampersands are dropped, so "O'Neil" is `oneil` and "A&E" is `ae`;
5. split at every run of characters that are neither letters nor numbers (`[^\\p{L}\\p{N}]+`).

Python's Unicode tables may be older than the browser's; the corpus sticks to letters both know.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

FOLD_TABLE = {"ß": "ss", "ς": "σ", "ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h",
              "þ": "th", "ð": "d", "'": "", "\u2019": "", "\u02bc": "", "&": ""}
"""Step 4 of the folding rule: letters NFKD leaves whole, and the characters dropped inside words."""

# Words too common to help find anyone: left out of the style and the bio, and out of a query
# (unless a query has nothing else), so "time out of programme" looks for "time" and "programme".
STOP_WORDS = frozenset("""a about after all also am an and any are as at be been before but by can could did do
does doing for from had has have having he her here him his how i i'm if in into is it its just me more most my
no not of on once one only or other our out over own so some such than that the their them then there these they
this those through to too up very was we were what when where which while who whom why will with would you your
im ive id ill its dont""".split())

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")
"""The default synonyms and abbreviations of UK medical training, one group a line."""

_TRANSLATION = str.maketrans(FOLD_TABLE)


def fold(text: str) -> str:
    """Steps 1 to 4 of the folding rule: decomposed, lower case, no marks, table letters replaced."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).lower())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).translate(_TRANSLATION)


def _split(folded: str) -> list[str]:
    """Step 5 of the folding rule: every term, in order, repeats kept."""
    return "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in folded).split()


def terms_of(text: str, keep_common: bool = True) -> list[str]:
    """Fold text and split it into distinct terms, in order of first use (stop words dropped unless kept)."""
    terms = _split(fold(text))
    if not keep_common:
        terms = [term for term in terms if term not in STOP_WORDS]
    return list(dict.fromkeys(terms))


def compounds_of(text: str) -> list[str]:
    """Words written with hyphens, joined into one term ("on-call" is `oncall`), for the index only.

    A phrase of a synonym group whose words are all stop words but one ("on call") is looked up
    joined, since the index leaves its stop words out and the one word left alone says too little.
    """
    joined = []
    for chunk in fold(text).split():
        if "-" in chunk:
            parts = _split(chunk)
            if len(parts) > 1:
                joined.append("".join(parts))
    return list(dict.fromkeys(joined))


def phrase_of(text: str) -> str:
    """A synonym as the engine compares it with a query: all its folded terms, joined by spaces."""
    return " ".join(terms_of(text))


@functools.lru_cache(maxsize=1)
def default_synonyms() -> tuple[tuple[str, ...], ...]:
    """The groups in synonyms.txt: each line's phrases, split at `|`."""
    groups = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            groups.append(tuple(phrase.strip() for phrase in line.split("|") if phrase.strip()))
    return tuple(groups)


def synonym_groups(extra: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    """The default groups and a site's own, folded; groups that share a phrase become one."""
    merged: list[set[str]] = []
    for group in default_synonyms() + extra:
        phrases = {phrase_of(text) for text in group} - {""}
        overlapping = [known for known in merged if known & phrases]
        for known in overlapping:
            phrases |= known
            merged.remove(known)
        merged.append(phrases)
    return sorted(sorted(group) for group in merged if len(group) > 1)
