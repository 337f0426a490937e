"""The filters templates call on what they show: `|long_date` and `|tel`."""

from __future__ import annotations

import datetime as dt
import re

_TRUNK_ZERO = re.compile(r"\(\s*0\s*\)")


def long_date(value: dt.date) -> str:
    """`1 October 2026`, the way dates are written in the UK."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def tel_uri(phone: str) -> str:
    """The `tel:` address of a number as written: its + and digits, without the (0) of "+44 (0)7700 900123".

    The (0) is the trunk prefix, dialled only from inside the country: after +44 it makes
    a wrong number, so it is dropped when the number starts with +.
    """
    if phone.lstrip().startswith("+"):
        phone = _TRUNK_ZERO.sub("", phone)
    return "tel:" + "".join(char for char in phone if char in "+0123456789")
