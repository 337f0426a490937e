"""Planning pages: avatars, the fair order of the directory, and search terms carried from an earlier plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from conftest import TODAY
from mentordir.content.config import SiteConfig
from mentordir.model.models import Contact, Content, Mentor, Scheme
from mentordir.site.pages import MentorView
from mentordir.site.plan import AVATAR_COLOURS, fair_order, initials_avatar, plan_pages

MENTOR = Mentor(slug="jane-doe", source="content/mentors/jane-doe.md", name="Dr Jane Doe", pronouns=None, photo=None,
                grade="ST6", grade_rank=10, specialties=("Anaesthetics",), region=None, organisation=None, schemes=(),
                style="I listen.", working=(), capacity=2, mentees=0, full_until=None,
                contact=Contact(preferred="email", email="j@example.org", phone=None, url=None), matching=(),
                updated=None, bio_html="<p>Hi</p>")


def relative_luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_initials_leave_out_titles_and_use_first_and_last_names():
    assert initials_avatar(MENTOR).initials == "JD"
    assert initials_avatar(replace(MENTOR, name="Prof. Mei-Ling Chen")).initials == "MC"
    assert initials_avatar(replace(MENTOR, name="Dr Zoë")).initials == "Z"


def test_avatar_colours_are_fixed_by_the_slug():
    assert initials_avatar(MENTOR).background == initials_avatar(replace(MENTOR, name="Other")).background


def test_every_avatar_colour_passes_wcag_aa_with_white_initials():
    for colour in AVATAR_COLOURS:
        assert (1.05) / (relative_luminance(colour) + 0.05) >= 4.5, colour


def test_fair_order_is_stable_for_a_day_and_not_alphabetical():
    views = [MentorView(mentor=replace(MENTOR, slug=f"m{index:02d}"), full=False, full_until=None, photo=None,
                        avatar=initials_avatar(MENTOR), bio=None, schemes=()) for index in range(20)]
    today = [view.mentor.slug for view in fair_order(views, TODAY)]
    assert today == [view.mentor.slug for view in fair_order(list(reversed(views)), TODAY)]
    assert today != sorted(today)
    assert today != [view.mentor.slug for view in fair_order(views, TODAY + dt.timedelta(days=1))]


def test_planning_after_an_edit_with_what_was_kept_gives_the_pages_of_planning_from_nothing():
    schemes = (Scheme(slug="returners", source="content/schemes/returners.md", title="Returners", summary=None,
                      audience=None, pages=()),)
    mentors = tuple(replace(MENTOR, slug=f"m{index:02d}", name=f"Dr Person {index}", schemes=("returners",))
                    for index in range(12))
    _, earlier = plan_pages(Content(mentors=mentors, schemes=schemes), {}, SiteConfig(), TODAY)
    edited = mentors[:3] + (replace(mentors[3], bio_html="<p>Now on nights.</p>", mentees=2),) + mentors[4:]
    pages, planned = plan_pages(Content(mentors=edited, schemes=schemes), {}, SiteConfig(), TODAY, earlier=earlier)
    assert (pages, planned) == plan_pages(Content(mentors=edited, schemes=schemes), {}, SiteConfig(), TODAY)
    assert planned.terms.of(mentors[0]) is earlier.terms.of(mentors[0])


def test_an_unchanged_mentors_view_is_the_very_object_planned_last_time_and_an_edited_ones_is_new():
    mentors = tuple(replace(MENTOR, slug=f"m{index}", name=f"Dr Person {index}") for index in range(3))
    pages, earlier = plan_pages(Content(mentors=mentors, schemes=()), {}, SiteConfig(), TODAY)
    edited = (replace(mentors[0], mentees=1),) + mentors[1:]
    pages, planned = plan_pages(Content(mentors=edited, schemes=()), {}, SiteConfig(), TODAY, earlier=earlier)
    assert planned.views["m1"] is earlier.views["m1"] and pages["mentors/m2/index.html"].mentor is earlier.views["m2"]
    assert planned.views["m0"] is not earlier.views["m0"] and planned.views["m0"].mentor.mentees == 1
    assert planned.views.keys() == {"m0", "m1", "m2"}
