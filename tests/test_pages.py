"""The template contract: what templates receive, worked out before they see it."""

from __future__ import annotations

import subprocess
import sys

from conftest import THEME
from mentordir.content.config import SiteConfig
from mentordir.model.models import Contact, Mentor
from mentordir.model.pictures import CARD_SIZE, PROFILE_SIZE
from mentordir.site.pages import Avatar, MentorView
from mentordir.site.render import make_environment

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns=None, photo=None,
                grade="ST6", grade_rank=10, specialties=("Anaesthetics",), region=None, organisation=None, schemes=(),
                style="I listen.", working=("video", "face-to-face"), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="j@example.org", phone=None, url=None), matching=(),
                updated=None, bio_html="<p>Hi</p>")


def test_the_contract_loads_without_the_image_library():
    # Templates and their contract need no image codec; Pillow is for the photo stage only.
    script = "import sys, mentordir.site.pages; print('PIL' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_meeting_modes_are_shown_in_words_from_the_model_s_one_list():
    from mentordir.content.config import SiteConfig

    assert [SiteConfig().label_of(mode) for mode in MENTOR.working] == ["Video", "Face to face"]


def test_an_avatar_is_drawn_as_big_as_a_photo_would_be():
    view = MentorView(mentor=MENTOR, full=False, full_until=None, photo=None, avatar=Avatar("JD", "#1f5f8b"), bio=None,
                      schemes=())
    template = make_environment(THEME, SiteConfig(), {}).from_string(
        '{% from "partials/mentor.html" import portrait %}{{ portrait(view, "card") }}|{{ portrait(view, "profile") }}')
    card, profile = template.render(view=view).split("|")
    assert f'width="{CARD_SIZE}" height="{CARD_SIZE}"' in card
    assert f'width="{PROFILE_SIZE}" height="{PROFILE_SIZE}"' in profile


def test_the_full_until_date_is_written_out_for_the_template():
    view = MentorView(mentor=MENTOR, full=True, full_until="1 March 2027", photo=None, avatar=Avatar("JD", "#1f5f8b"),
                      bio=None, schemes=())
    template = make_environment(THEME, SiteConfig(), {}).from_string(
        '{% from "partials/mentor.html" import status %}{{ status(view) }}')
    assert "At full capacity until 1 March 2027" in template.render(view=view)
