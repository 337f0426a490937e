"""The template filters: dates written the UK way, and telephone numbers as links that dial."""

from __future__ import annotations

import datetime as dt

from mentordir.site.filters import long_date, month_year, tel_uri


def test_dates_are_written_the_uk_way():
    assert long_date(dt.date(2027, 3, 1)) == "1 March 2027"


def test_months_are_written_without_the_day():
    assert month_year(dt.date(2027, 3, 1)) == "March 2027"


def test_the_tel_filter_is_the_phone_rule_s_e164_link():
    assert tel_uri("07700 900123") == "tel:+447700900123"  # tested in full in test_fields.py
