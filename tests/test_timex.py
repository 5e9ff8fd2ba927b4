"""Time expressions resolved against the article date."""

from __future__ import annotations

import pytest

from kg.extract.timex import resolve


@pytest.mark.parametrize("text, article, expected", [
    ("January 14th", "2022-01-15", ("2022-01-14", "2022-01-14")),
    ("on January 13th", "2022-01-21", ("2022-01-13", "2022-01-13")),
    ("Dec. 28", "2017-12-01", ("2016-12-28", "2016-12-28")),  # not yet happened this year: last year's
    ("December 30", "2022-01-05", ("2021-12-30", "2021-12-30")),
    ("28 March", "2022-04-01", ("2022-03-28", "2022-03-28")),
    ("October 26, 2016", "2017-06-19", ("2016-10-26", "2016-10-26")),
    ("2014", "2022-01-21", ("2014-01-01", "2014-12-31")),
    ("March 2014", "2022-01-21", ("2014-03-01", "2014-03-31")),
    ("the 1990s", "2022-01-21", ("1990-01-01", "1999-12-31")),
    ("2014-2016", "2022-01-21", ("2014-01-01", "2016-12-31")),
    ("Wednesday", "2022-01-21", ("2022-01-19", "2022-01-19")),  # the 21st is a Friday
    ("Friday", "2022-01-21", ("2022-01-21", "2022-01-21")),
    ("last week", "2022-01-15", ("2022-01-08", "2022-01-15")),
    ("yesterday", "2022-01-15", ("2022-01-14", "2022-01-14")),
    ("last year", "2022-01-15", ("2021-01-01", "2021-12-31")),
    # a month without a year: this year's, or last year's when it is still to come
    ("In May", "2017-12-01", ("2017-05-01", "2017-05-31")),
    ("in early March", "2022-04-01", ("2022-03-01", "2022-03-31")),
    ("November", "2022-04-01", ("2021-11-01", "2021-11-30")),
    ("last April", "2022-04-20", ("2021-04-01", "2021-04-30")),
    ("April", "2022-04-20", ("2022-04-01", "2022-04-30")),
])
def test_resolve(text, article, expected):
    assert resolve(text, article) == expected


def test_a_month_to_come_in_a_future_clause():
    assert resolve("in November", "2022-04-01", future=True) == ("2022-11-01", "2022-11-30")


def test_future_clause_keeps_a_date_ahead():
    assert resolve("Dec. 28", "2017-12-01", future=True) == ("2017-12-28", "2017-12-28")


@pytest.mark.parametrize("text, article", [("Wednesday", None), ("recently", "2022-01-21"), ("the summer", "2022-01-21")])
def test_unplaceable_expressions_give_none(text, article):
    assert resolve(text, article) is None
