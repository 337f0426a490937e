"""Tests for generator/content/slugs.py: a name's words, lower-cased and joined by hyphens."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mentordir.content.slugs import slug_for


@pytest.mark.parametrize("name, slug", [("Dr Jane Doe", "jane-doe"), ("Łukasz Wójcik", "lukasz-wojcik"),
                                        ("O’Brien", "o-brien"), ("Doe, Jane", "doe-jane"),
                                        ("Ward 4,5", "ward-4-5"), ("0,0", "0-0"), ("🙂", "")])
def test_a_slug_is_the_names_words_with_a_comma_always_between_two(name, slug):
    assert slug_for(name) == slug


def test_loading_content_does_not_load_the_transliteration_tables():
    # python-slugify is needed only to suggest a name for a misnamed file.
    script = "import sys, mentordir.content.load, mentordir.build; print('slugify' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
