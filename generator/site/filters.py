"""The filters templates call on what they show: `|long_date`, `|month_year` and `|tel`."""

from __future__ import annotations

import datetime as dt

# The `tel` filter is the phone rule's own E.164 link, written once beside the rule that reads numbers.
from mentordir.content.addresses import tel_uri

__all__ = ["long_date", "month_year", "tel_uri"]


def long_date(value: dt.date) -> str:
    """`1 October 2026`, the way dates are written in the UK."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def month_year(value: dt.date) -> str:
    """`March 2027`: how long a mentor is away, without the exact day."""
    return f"{value.strftime('%B')} {value.year}"
