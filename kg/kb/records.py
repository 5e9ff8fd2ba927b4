"""Plain records the knowledge base hands out, and the date arithmetic behind ``covers``.

Dates are ISO strings at their Wikidata precision: ``YYYY-MM-DD`` ("day"), ``YYYY-MM``
("month") or ``YYYY`` ("year").  A bound at month or year precision covers the whole
month or year; a missing start is unknown (treated as covering), a missing end is open.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from kg.errors import KbError

KINDS = ("Person", "Country", "Organization", "Place", "Position", "Other")
PRECISIONS = {10: "day", 7: "month", 4: "year"}
#: Wikibase's numbers for those precisions (``wikibase:timePrecision``).
WIKIBASE_PRECISIONS = {"day": 11, "month": 10, "year": 9}
_ISO = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


@dataclass(frozen=True)
class KbEntity:
    """One knowledge-base item with the facts the linker needs."""

    qid: str  # "Q7821917", or the full local IRI (urn:diplomacy-kb:local:...) for items with no QID
    label: str | None
    aliases: tuple[str, ...] = ()
    kind: str = "Other"  # one of KINDS
    birth: str | None = None  # P569
    death: str | None = None  # P570
    country: str | None = None  # P17
    jurisdiction: str | None = None  # P1001
    short_titles: tuple[str, ...] = ()  # P1813
    instance_of: tuple[str, ...] = ()  # P31

    @property
    def names(self) -> tuple[str, ...]:
        """Label, aliases and short titles, label first.

        >>> KbEntity("Q1", "Antony Blinken", aliases=("Tony Blinken",), short_titles=("Blinken",)).names
        ('Antony Blinken', 'Tony Blinken', 'Blinken')
        >>> KbEntity("Q2", None, aliases=("X",)).names
        ('X',)
        """
        return ((self.label,) if self.label else ()) + self.aliases + self.short_titles


@dataclass(frozen=True)
class Holding:
    """A P39 (position held) statement."""

    person: str
    position: str
    start: str | None = None  # P580
    end: str | None = None  # P582
    start_precision: str | None = None  # "day", "month" or "year"
    end_precision: str | None = None
    statement: str | None = None  # the wds: statement IRI; None for a bare wdt:P39

    def covers(self, date: str) -> bool:
        """True when the holding may include ``date`` (see the module docstring)."""
        return covers(self.start, self.end, date)


@dataclass(frozen=True)
class Membership:
    """A P463 (member of) statement."""

    member: str
    organization: str
    start: str | None = None
    end: str | None = None
    start_precision: str | None = None
    end_precision: str | None = None
    statement: str | None = None

    def covers(self, date: str) -> bool:
        """True when the membership may include ``date``."""
        return covers(self.start, self.end, date)


def precision(value: str | None) -> str | None:
    """"day", "month" or "year" for an ISO date string at that precision.

    >>> precision("2022-01-21"), precision("2022-01"), precision("2022"), precision(None)
    ('day', 'month', 'year', None)
    """
    return PRECISIONS.get(len(value)) if value else None


def check_date(date: str) -> str:
    """``date`` if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; else KbError.

    >>> check_date("2022-01")
    '2022-01'
    >>> check_date("2022-13")
    Traceback (most recent call last):
    kg.errors.KbError: date '2022-13' is not ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); pass e.g. '2022-01-21'
    """
    if not isinstance(date, str) or not _ISO.fullmatch(date):
        raise KbError(f"date {date!r} is not ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); pass e.g. '2022-01-21'")
    return date


def first_day(value: str) -> str:
    """The first day a date at its precision covers.

    >>> first_day("2021"), first_day("2021-02"), first_day("2021-02-03")
    ('2021-01-01', '2021-02-01', '2021-02-03')
    """
    return value + "-01-01"[: 10 - len(value)]


def wikibase_time(value: str) -> tuple[str, int]:
    """A date at its precision as Wikibase writes it: its first day as ``xsd:dateTime`` text
    (what WDQS's ``wikibase:timeValue``, ``ps:`` and ``pq:`` hold) and ``wikibase:timePrecision``.

    >>> wikibase_time("2021"), wikibase_time("2021-02"), wikibase_time("2021-02-03")
    (('2021-01-01T00:00:00Z', 9), ('2021-02-01T00:00:00Z', 10), ('2021-02-03T00:00:00Z', 11))
    """
    check_date(value)
    return first_day(value) + "T00:00:00Z", WIKIBASE_PRECISIONS[PRECISIONS[len(value)]]


def last_day(value: str) -> str:
    """The last day a date at its precision covers (a real calendar day: an ``xsd:date``).

    >>> last_day("2017"), last_day("2017-02"), last_day("2016-02"), last_day("2017-04"), last_day("2017-02-03")
    ('2017-12-31', '2017-02-28', '2016-02-29', '2017-04-30', '2017-02-03')
    """
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return f"{value}-{calendar.monthrange(int(value[:4]), int(value[5:7]))[1]:02d}"
    return value


def covers(start: str | None, end: str | None, date: str) -> bool:
    """Whether [start, end] may overlap the period ``date`` (a day, month or year).

    Both ends are included; a year- or month-only bound covers its whole year or month.

    >>> covers("2009-01-20", "2017-01-20", "2017-01-20"), covers("2009-01-20", "2017-01-20", "2017-01-21")
    (True, False)
    >>> covers("2009-01-20", "2017-01-20", "2009-01-20"), covers("2009-01-20", "2017-01-20", "2009-01-19")
    (True, False)
    >>> covers("2010", "2015", "2015-12-31"), covers("2010", "2015", "2016-01-01")
    (True, False)
    >>> covers("2021-01-26", None, "2030"), covers(None, "2017", "1900-01-01")
    (True, True)
    >>> covers("2015-01-09", "2017-01-20", "2017"), covers("2015-01-09", "2017-01-20", "2017-02")
    (True, False)
    >>> covers("2009-01-20T00:00:00Z", "2017-01-20T00:00:00Z", "2009-01-20")  # a time is ignored
    True
    """
    check_date(date)
    if start and first_day(start[:10]) > last_day(date):
        return False
    if end and last_day(end[:10]) < first_day(date):
        return False
    return True
