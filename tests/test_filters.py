"""The template filters: dates written the UK way, and telephone numbers as links that dial."""

from __future__ import annotations

import datetime as dt

import pytest

from mentordir.site.filters import long_date, tel_uri


def test_dates_are_written_the_uk_way():
    assert long_date(dt.date(2027, 3, 1)) == "1 March 2027"


@pytest.mark.parametrize(("phone", "uri"), [
    ("+44 (0)7700 900123", "tel:+447700900123"),
    ("+44(0)20 7946 0000", "tel:+442079460000"),
    ("+353 ( 0 ) 1 234 5678", "tel:+35312345678"),
    ("+44 7700 900123", "tel:+447700900123"),
    ("07700 900123", "tel:07700900123"),
    ("(01632) 960-001", "tel:01632960001"),
])
def test_tel_uri_dials_an_international_number_without_its_trunk_zero(phone: str, uri: str) -> None:
    # "+44 (0)7700 900123" dialled as +4407700900123 reaches the wrong number, or none.
    assert tel_uri(phone) == uri
