"""The content model's own rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from test_pages import MENTOR


def test_a_full_until_date_holds_through_its_day_and_not_after():
    mentor = replace(MENTOR, full_until=dt.date(2027, 3, 1))
    assert mentor.full_until_ahead(dt.date(2027, 3, 1)) == dt.date(2027, 3, 1)
    assert mentor.full_until_ahead(dt.date(2027, 3, 2)) is None
    assert mentor.is_full(dt.date(2027, 3, 1)) and not mentor.is_full(dt.date(2027, 3, 2))


def test_a_review_is_overdue_after_365_days_and_never_without_a_date():
    mentor = replace(MENTOR, updated=dt.date(2025, 11, 26))
    assert not mentor.review_overdue(dt.date(2026, 11, 26)) and mentor.review_overdue(dt.date(2026, 11, 27))
    assert not replace(MENTOR, updated=None).review_overdue(dt.date(2030, 1, 1))


def test_passed_dates_name_each_line_the_team_should_look_at():
    mentor = replace(MENTOR, full_until=dt.date(2026, 1, 1), away_until=dt.date(2026, 12, 1))
    assert mentor.passed_dates(dt.date(2026, 6, 1)) == (("full_until", dt.date(2026, 1, 1)),)
    assert [name for name, _ in mentor.passed_dates(dt.date(2027, 1, 1))] == ["full_until", "away_until"]
