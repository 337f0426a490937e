"""Rendering helpers: the tel filter, dates, and the text files beside the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from conftest import THEME, TODAY
from mentordir.content.config import SiteConfig
from mentordir.model.models import Contact, Mentor
from mentordir.site.render import long_date, make_environment, render_text_files

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns=None, photo=None,
                grade="ST6", grade_rank=10, specialties=("Anaesthetics",), region=None, organisation=None, schemes=(),
                style="I listen.", working=(), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="j@example.org", phone=None, url=None), matching=(),
                updated=None, bio_html="<p>Hi</p>")


def test_the_tel_filter_dials_an_international_number_without_its_trunk_zero():
    environment = make_environment(THEME, SiteConfig(), {})
    assert environment.from_string('{{ "+44 (0)7700 900123"|tel }}').render() == "tel:+447700900123"


def test_robots_disallows_everything_unless_indexing_is_on():
    files = render_text_files({}, SiteConfig())
    assert files[".nojekyll"] == b""
    assert files["robots.txt"].endswith(b"User-agent: *\nDisallow: /\n")
    assert "sitemap.xml" not in files


def test_a_mentor_is_full_on_the_day_full_until_names_and_free_the_day_after():
    mentor = replace(MENTOR, full_until=TODAY)
    assert mentor.is_full(TODAY) and not mentor.is_full(TODAY + dt.timedelta(days=1))
    assert replace(MENTOR, mentees=2).is_full(TODAY)
