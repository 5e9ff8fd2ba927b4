"""Article dates: normalise a given date, or infer one from the text.

Rule for inference (`infer_date`), applied to the whole text, boilerplate included
(a footer's "© 2022" is often the only year an article states):

1. Full dates -- "January 14, 2022", "Jan. 14th 2022", "14 January 2022",
   "the 14th of January, 2022", "2022-01-14" -- that are real calendar days in
   1900-2099.  If there is any, the latest one is the article's date: news reports
   the recent past, while older dates are background.
2. Otherwise month/day mentions without a year -- "January 14th", "January the
   13th", "Jan. 13", "13 January" -- combined with the latest copyright year of the
   text ("© 2022", "Copyright 2022", "(c) 2022"): the latest month/day that is a
   real day in that year is the article's date.  Other standalone years ("in 1997")
   are not used: over the shared corpus, in all 28 articles that had month/days and
   years but no full date, none of the years was the publication year (they are
   background: "the 1990 invasion"), so "most frequent year" was wrong every time.
3. Otherwise the date is unknown.

Month names must be capitalised ("may 5" is not a date).  Numeric forms such as
"01/02/2022" are not read from running text: they are ambiguous.  ``dateparser``
was measured on the seed articles (about 0.2 s per article, dates relative to
today, words such as "We" and "may" read as dates) and is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1900, 2099

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS, 1)}
_MONTH_NUMBER.update({name[:3]: i for name, i in list(_MONTH_NUMBER.items())})
_MONTH_NUMBER["sept"] = 9

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_DAY = r"(?:the\s+)?(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<{}>(?:19|20)\d\d)(?![\d])"

_DATE_RE = re.compile(
    rf"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d)"
    rf"|\b(?P<m1>{_MONTH})\s+{_DAY.format('d1')}(?:,?\s+{_YEAR.format('y1')})?"
    rf"|\b{_DAY.format('d2')}\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+{_YEAR.format('y2')})?"
)
_YEAR_RE = re.compile(r"(?<![\d.,/:$£€-])(?P<y>(?:19|20)\d\d)(?![\d]|[.,]\d)")
_COPYRIGHT_BEFORE = re.compile(r"(?:©|\bcopyright\b|\(c\))\W{0,4}\Z", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"(?P<a>\d{1,4})[/.](?P<b>\d{1,2})[/.](?P<c>\d{1,4})")


@dataclass(frozen=True)
class DateMention:
    """A date or month/day found in a text, with its character offsets."""

    start: int
    end: int
    text: str
    month: int
    day: int
    year: int | None = None

    @property
    def as_date(self) -> date | None:
        """The calendar date when the mention has a year, else None."""
        return date(self.year, self.month, self.day) if self.year is not None else None


def parse_date(value: object) -> date | None:
    """A given date as a calendar date, or None when it is not a real, complete date.

    Accepts ISO dates and datetimes ("2022-01-14", "2022-01-14T10:00:00Z"), RFC 2822
    ("Fri, 14 Jan 2022 10:00:00 GMT"), written dates ("January 14, 2022",
    "14 Jan 2022"), "2022/01/14", and day/month/year or month/day/year when only one
    reading is possible.  A datetime keeps the calendar day it was written with.
    Years outside 1900-2099 are not article dates.

    >>> parse_date("2022-01-14T23:30:00-05:00"), parse_date("Fri, 14 Jan 2022 10:00:00 GMT")
    (datetime.date(2022, 1, 14), datetime.date(2022, 1, 14))
    >>> parse_date("Sept. 14, 2022"), parse_date("the 14th of January, 2022")
    (datetime.date(2022, 9, 14), datetime.date(2022, 1, 14))
    >>> parse_date("14/01/2022"), parse_date("01/02/2022"), parse_date("2022/01/14")
    (datetime.date(2022, 1, 14), None, datetime.date(2022, 1, 14))
    >>> parse_date("1900-01-01"), parse_date("2099-12-31"), parse_date("1899-12-31"), parse_date("2100-01-01")
    (datetime.date(1900, 1, 1), datetime.date(2099, 12, 31), None, None)
    >>> parse_date("January 1, 1900"), parse_date("31 December 2099"), parse_date("1/2/1899")
    (datetime.date(1900, 1, 1), datetime.date(2099, 12, 31), None)
    >>> parse_date(datetime(2022, 1, 14, 10, 0)), parse_date(date(2022, 1, 14))
    (datetime.date(2022, 1, 14), datetime.date(2022, 1, 14))
    >>> parse_date("February 29, 2022"), parse_date("  "), parse_date(20220114)
    (None, None, None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (_parse_iso, _parse_written, _parse_rfc2822, _parse_numeric):
        found = parse(text)
        if found is not None:
            return found if MIN_YEAR <= found.year <= MAX_YEAR else None
    return None


def date_problem(value: object) -> str:
    """Why ``parse_date(value)`` gave None, as words to follow "the given date X".

    >>> date_problem("1899-12-31")
    'is a real date but outside the years kg dates (1900-2099): a placeholder or a typo'
    >>> date_problem("2022-02-30")
    'is not a real calendar date (or not one kg reads: use YYYY-MM-DD)'
    """
    text = str(value).strip()
    for parse in (_parse_iso, _parse_written, _parse_rfc2822, _parse_numeric):
        found = parse(text)
        if found is not None:
            return (f"is a real date but outside the years kg dates ({MIN_YEAR}-{MAX_YEAR}): "
                    "a placeholder or a typo")
    return "is not a real calendar date (or not one kg reads: use YYYY-MM-DD)"


def find_dates(text: str) -> list[DateMention]:
    """Every full date and month/day mention in ``text``, valid days only.

    >>> [(m.text, m.year, m.month, m.day) for m in find_dates("On Jan. 13th and 14 February 2022, not May 32.")]
    [('Jan. 13th', None, 1, 13), ('14 February 2022', 2022, 2, 14)]
    """
    found = []
    for match in _DATE_RE.finditer(text):
        mention = _mention(match)
        if mention is not None:
            found.append(mention)
    return found


def infer_date(text: str) -> tuple[date, str] | None:
    """The article's date by the module's rule, with its evidence; None when unknown.

    >>> infer_date("Talks on January 14, 2022 followed those of March 2, 2021.")
    (datetime.date(2022, 1, 14), "latest full date 'January 14, 2022' at 9-25")
    >>> infer_date("Talks on March 3 and January 14. In 1997 they failed. © 2022 The Paper")
    (datetime.date(2022, 3, 3), "latest month/day 'March 3' at 9-16 + year '2022' at 56-60 (copyright year)")
    >>> infer_date("Talks on March 3. In 1997 they failed.") is None  # no copyright year
    True
    >>> infer_date("Talks on February 29. © 2022") is None  # no such day in 2022
    True
    >>> infer_date("© 2022 The Paper. Talks on March 3.")[0]  # a copyright line first
    datetime.date(2022, 3, 3)
    """
    mentions = find_dates(text)
    full = [(day, m) for m in mentions if (day := m.as_date) is not None]
    if full:
        day, best = max(full, key=lambda pair: (pair[0], -pair[1].start))
        return day, f"latest full date {_cite(best)}"
    partial = [m for m in mentions if m.year is None]
    if not partial:
        return None
    year_match = _copyright_year(text)
    if year_match is None:
        return None
    year = int(year_match.group("y"))
    candidates = [m for m in partial if _valid(year, m.month, m.day)]
    if not candidates:
        return None
    best = max(candidates, key=lambda m: (m.month, m.day, -m.start))
    evidence = (f"latest month/day {_cite(best)} + year '{year}' at "
                f"{year_match.start('y')}-{year_match.end('y')} (copyright year)")
    return date(year, best.month, best.day), evidence


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year: int | None
    if groups["iy"]:
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    else:
        suffix = "1" if groups["m1"] else "2"
        month = _MONTH_NUMBER[groups["m" + suffix].rstrip(".").lower()]
        day = int(groups["d" + suffix])
        year = int(groups["y" + suffix]) if groups["y" + suffix] else None
    if not _valid(year if year is not None else 2000, month, day):  # 2000 allows 29 February
        return None
    return DateMention(match.start(), match.end(), match.group(), month, day, year)


def _copyright_year(text: str) -> re.Match[str] | None:
    """The latest year written right after ©, "Copyright" or "(c)"."""
    found = [m for m in _YEAR_RE.finditer(text)
             if _COPYRIGHT_BEFORE.search(text, max(0, m.start() - 16), m.start())]
    return max(found, key=lambda m: int(m.group("y")), default=None)


def _valid(year: int, month: int, day: int) -> bool:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _cite(mention: DateMention) -> str:
    return f"'{mention.text}' at {mention.start}-{mention.end}"


def _parse_iso(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _parse_written(text: str) -> date | None:
    text = re.sub(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+", "", text)
    match = _DATE_RE.match(text)
    if match is None or match.end() != len(text.rstrip(".")):
        return None
    mention = _mention(match)
    return mention.as_date if mention is not None else None


def _parse_rfc2822(text: str) -> date | None:
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_numeric(text: str) -> date | None:
    match = _NUMERIC_RE.fullmatch(text)
    if match is None:
        return None
    a, b, c = (int(match.group(k)) for k in "abc")
    if len(match.group("a")) == 4:
        readings = {(a, b, c)}  # year/month/day
    elif len(match.group("c")) == 4:
        readings = {(c, b, a), (c, a, b)}  # day/month/year or month/day/year
    else:
        return None
    valid = {r for r in readings if _valid(*r)}
    return date(*valid.pop()) if len(valid) == 1 else None
