"""Tests for generator/site/export.py: the open-data export and the lines it reuses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from conftest import bio_text, options_for
from mentordir.build import generate_site
from mentordir.site.export import ExportedMentors


def two_mentors(make_site):
    root = make_site({"content/mentors/jane-doe.md": bio_text(),
                      "content/mentors/john-smith.md": bio_text({"name": "Dr John Smith"})})
    return options_for(root)


def planted(export: ExportedMentors) -> ExportedMentors:
    """`export` with every kept line replaced by a marker naming its mentor: a reused line shows."""
    return ExportedMentors({slug: (made_from, json.dumps({"kept": slug})) for slug, (made_from, _) in export.lines.items()})


def mentors(site) -> list[dict[str, object]]:
    return json.loads(site.files["mentors.json"])["mentors"]


def test_an_unchanged_mentors_line_is_taken_from_the_earlier_build_and_a_changed_one_made_again(make_site):
    options = two_mentors(make_site)
    first = generate_site(options)
    (options.root / "content/mentors/john-smith.md").write_text(bio_text({"name": "Dr John Smith", "mentees": "0"}))
    again = generate_site(options, dataclasses.replace(first.remembered, export=planted(first.remembered.export)))
    jane, john = mentors(again)
    assert jane == {"kept": "jane-doe"} and john["slug"] == "john-smith"


def test_another_day_makes_every_line_again(make_site):
    options = two_mentors(make_site)
    first = generate_site(options)
    tomorrow = dataclasses.replace(options, today=options.today + dt.timedelta(days=1))
    again = generate_site(tomorrow, dataclasses.replace(first.remembered, export=planted(first.remembered.export)))
    assert [mentor["slug"] for mentor in mentors(again)] == ["jane-doe", "john-smith"]


def test_an_export_made_from_kept_lines_equals_one_made_from_nothing(make_site):
    options = two_mentors(make_site)
    site = generate_site(options)
    for slug, fields in (("john-smith", {"name": "Dr John Smith", "mentees": "0"}), ("ann-lee", {"name": "Dr Ann Lee"})):
        (options.root / f"content/mentors/{slug}.md").write_text(bio_text(fields))
        site = generate_site(options, site.remembered)
        assert site.files["mentors.json"] == generate_site(options).files["mentors.json"]
    (options.root / "content/mentors/jane-doe.md").unlink()
    site = generate_site(options, site.remembered)
    assert site.files["mentors.json"] == generate_site(options).files["mentors.json"]
    assert set(site.remembered.export.lines) == {"john-smith", "ann-lee"}
