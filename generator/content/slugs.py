"""The one slug function: `new`, the "rename it to" advice and the loading of bios agree on every name."""

from __future__ import annotations

import re

from mentordir.model.models import COURTESY_TITLES

# python-slugify (with text-unidecode's tables) is imported where it is first needed: it
# took 4 ms of every build's start-up, and a build asks for a slug only to suggest a name
# for a misnamed file.

# Curly apostrophes (what phones and word processors type) separate words as ' does; without
# this they would vanish in the transliteration, so "O’Brien" gave obrien but "O'Brien" o-brien.
# A comma always separates words in a name: python-slugify drops one between digits, as in
# "1,000", which would join the words of "Ward 4,5" into one.
_SEPARATORS = str.maketrans({"\u2019": "'", "\u2018": "'", ",": " "})


def slug_for(name: str, *, drop_titles: bool = True) -> str:
    """Lower-case ASCII words joined by hyphens, transliterated ("Łukasz Wójcik" -> lukasz-wojcik).

    With `drop_titles`, titles such as Dr and Prof are left out, so "Dr Jane Doe" -> jane-doe.
    Transliteration (python-slugify over text-unidecode) also turns Cyrillic and Chinese into
    Latin letters; "" means there was nothing to make a name of (only emoji or punctuation).
    """
    from slugify import slugify

    # Entities stay text: a name is not HTML, and "&#65;" must not become a letter.
    slug = slugify(name.translate(_SEPARATORS), lowercase=True, entities=False, decimal=False, hexadecimal=False)
    words = [word for word in re.split(r"[^a-z0-9]+", slug) if word]
    if drop_titles:
        words = [word for word in words if word not in COURTESY_TITLES]
    return "-".join(words)
