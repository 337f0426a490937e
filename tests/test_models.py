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
