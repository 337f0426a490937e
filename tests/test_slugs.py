"""Tests for generator/content/slugs.py: a name's words, lower-cased and joined by hyphens."""

from __future__ import annotations

import pytest

from mentordir.content.slugs import slug_for


@pytest.mark.parametrize("name, slug", [("Dr Jane Doe", "jane-doe"), ("Łukasz Wójcik", "lukasz-wojcik"),
                                        ("O’Brien", "o-brien"), ("Doe, Jane", "doe-jane"),
                                        ("Ward 4,5", "ward-4-5"), ("0,0", "0-0"), ("🙂", "")])
def test_a_slug_is_the_names_words_with_a_comma_always_between_two(name, slug):
    assert slug_for(name) == slug
