"""Tests for generator/content/syntax.py: the real fix on the real line for YAML mistakes people make."""

from __future__ import annotations

import pytest

from conftest import bio_text
from test_validate import BIO, check_run

CONTACT = "\n  preferred: email\n  email: jane.doe@example.org"


@pytest.mark.parametrize(("changes", "expected"), [
    ({"contact": "\npreferred: email\n  email: jane.doe@example.org"},
     "content/mentors/jane-doe.md:13: the front matter cannot be read: `preferred:` is not indented under "
     "`contact:` - put two spaces before `preferred:`, as before the other lines under `contact:`"),
    ({"capacity": None, "mentees": None, "updated": None, "contact": CONTACT + "\ncapacity:2"},
     "content/mentors/jane-doe.md:13: the front matter cannot be read: `capacity:2` has no space after the colon, "
     "so it is not read as a field - put a space after the colon: `capacity: 2`"),
    ({"style": "'I'm here to help you find your own plan.'"},
     "content/mentors/jane-doe.md:8: the front matter cannot be read: the value starts with a ' quote, so the "
     "apostrophe inside it ends the value early - put the value in double quotes instead: "
     "`style: \"I'm here to help you find your own plan.\"`"),
])
def test_a_misleading_yaml_error_says_the_real_fix_on_the_real_line(make_site, capsys, changes, expected):
    status, printed = check_run(make_site, {BIO: bio_text(changes)}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [expected])


def test_capacity_without_a_space_before_another_field_is_named_on_its_own_line(make_site, capsys):
    status, printed = check_run(make_site, {BIO: bio_text({"capacity": "", "mentees": None}).replace(
        "capacity: \n", "capacity:2\n")}, capsys)
    assert status == 1
    assert printed.splitlines()[0] == (
        "content/mentors/jane-doe.md:10: the front matter cannot be read: `capacity:2` has no space after the colon, "
        "so it is not read as a field - put a space after the colon: `capacity: 2`")


def test_contact_fields_all_written_without_indentation_are_told_to_go_under_contact(make_site, capsys):
    status, printed = check_run(make_site, {BIO: bio_text(
        {"contact": "\npreferred: email\nemail: jane.doe@example.org"})}, capsys)
    assert (status, printed.splitlines()[:-1]) == (1, [
        "content/mentors/jane-doe.md:12: contact: is empty - add `contact:` with indented lines under it, like "
        "`preferred: email` and `email: jane.doe@example.org`",
        "content/mentors/jane-doe.md:13: preferred: belongs under `contact:` - indent `preferred:` with two spaces, "
        "under the `contact:` line",
        "content/mentors/jane-doe.md:14: email: belongs under `contact:` - indent `email:` with two spaces, under "
        "the `contact:` line"])
