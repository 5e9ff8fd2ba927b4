"""Date coverage at Wikidata precisions, and name normalisation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import KbError
from kg.kb import covers, name_key
from kg.kb.records import first_day, last_day, precision


@pytest.mark.parametrize(("start", "end", "date", "expected"), [
    ("2021-01-26", None, "2022-01-21", True),  # open end: still holding
    ("2009-01-20", "2017-01-20", "2022-01-21", False),
    ("2009-01-20", "2017-01-20", "2017-01-20", True),  # the end day is included
    ("2009-01-20", "2017-01-20", "2009-01-19", False),
    ("2021", None, "2021-01-01", True),  # a year-only start covers the whole year
    ("2021", None, "2020-12-31", False),
    (None, "2017", "2017-12-31", True),  # a year-only end covers the whole year
    (None, "2017", "2018-01-01", False),
    ("2020-10", "2021-02", "2020-10-01", True),  # month precision
    ("2020-10", "2021-02", "2021-02-28", True),
    ("2020-10", "2021-02", "2021-03-01", False),
    (None, None, "1900-01-01", True),  # no start: unknown, treated as covering
    ("2015-01-09", "2017-01-20", "2016", True),  # a coarser query date: any overlap
    ("2015-01-09", "2017-01-20", "2018-01", False),
])
def test_covers(start, end, date, expected):
    assert covers(start, end, date) is expected


@pytest.mark.parametrize("bad", ["21-01-2022", "2022-13-01", "2022/01/21", "", "yesterday"])
def test_bad_dates_are_kb_errors(bad):
    with pytest.raises(KbError, match="ISO 8601"):
        covers(None, None, bad)


days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))


@given(days, days, days)
def test_day_precision_is_plain_interval_membership(a, b, day):
    start, end = sorted((a, b))
    assert covers(start.isoformat(), end.isoformat(), day.isoformat()) == (start <= day <= end)


@given(days)
def test_coarse_bounds_widen_to_the_period(day):
    year, month = day.isoformat()[:4], day.isoformat()[:7]
    assert first_day(year) <= day.isoformat() <= last_day(year)
    assert first_day(month) <= day.isoformat() <= last_day(month)
    assert covers(year, year, day.isoformat()) and covers(month, month, day.isoformat())
    assert [precision(v) for v in (year, month, day.isoformat(), None)] == ["year", "month", "day", None]


@pytest.mark.parametrize(("a", "b"), [
    ("U.S.", "US"),
    ("Secretary-General", "secretary general"),
    ("Zelenskyy", "ZELENSKYY"),
    ("Sergueï  Lavrov", "sergue\u0131 lavrov".replace("\u0131", "i")),
    ("Washington, D.C.", "Washington DC"),
    ("People’s Republic of China", "Peoples Republic of China"),
    ("Brasília", "Brasilia"),
])
def test_name_key_equal(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kyiv", "Kiev"), ("Sudan", "South Sudan"), ("US", "USA")])
def test_name_key_different(a, b):
    assert name_key(a) != name_key(b)
