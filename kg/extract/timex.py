"""The date a claim speaks of: a time expression in its sentence, else the article date.

Time expressions are the spaCy DATE entities of the sentence, resolved against
the article date.  Results are ISO intervals (start, end) plus the evidence.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b")

_AGO = re.compile(r"\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple(?: of)?|a few|"
                  r"several|\d{1,3})\s+(day|week|month|year)s?\s+ago\b")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple": 2, "a couple of": 2, "a few": 3, "several": 3}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}

Interval = tuple[str, str]


def _iso(d: date) -> str:
    return d.isoformat()


def _year(y: int) -> Interval:
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def _month_day(month: int, day: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve(expression: str, article_date: str | None, *, future: bool = False) -> Interval | None:
    """The interval a time expression denotes, or None if it cannot be placed.

    A month and day without a year is placed in the article's year, or the year
    before when that would be after the article date -- unless ``future`` (the
    clause speaks of the future: "will meet on December 28"), when a date up to a
    year ahead is kept.
    """
    text = expression.strip().lower()
    ref = date.fromisoformat(article_date) if article_date else None
    years = [int(y) for y in _YEAR.findall(text)]
    # Month + day, with the year given or taken from the article date.
    for regex, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        m = regex.search(text)
        if not m:
            continue
        month_word, day = (m.group(1), m.group(2)) if order == "md" else (m.group(2), m.group(1))
        month = MONTHS.get(month_word.lower().rstrip("."))
        if month is None:
            continue
        year = years[0] if years else (ref.year if ref else None)
        if year is None:
            return None
        d = _month_day(month, int(day), year)
        if d is None:
            return None
        if not years and ref and d > ref and not future:
            d = _month_day(month, int(day), year - 1) or d  # "Dec. 28: ... signs" in a December 1 article
        return _iso(d), _iso(d)
    decade = _DECADE.search(text)
    if decade:
        start = int(decade.group(1))
        return f"{start:04d}-01-01", f"{start + 9:04d}-12-31"
    if years:
        if len(years) >= 2 and ("-" in text or " to " in text or "between" in text):
            return _year(min(years))[0], _year(max(years))[1]
        month = next((MONTHS[w] for w in re.findall(r"[a-z]+", text) if w in MONTHS and len(w) > 2), None)
        if month:
            last = calendar.monthrange(years[0], month)[1]
            return f"{years[0]:04d}-{month:02d}-01", f"{years[0]:04d}-{month:02d}-{last:02d}"
        return _year(years[0])
    if ref is None:
        return None
    if text in {"today", "this week", "this morning", "tonight", "this month", "this year", "now"}:
        return _iso(ref), _iso(ref)
    if text == "yesterday":
        d = ref - timedelta(days=1)
        return _iso(d), _iso(d)
    if text in {"last week", "the past week", "a week ago", "earlier this week"}:
        return _iso(ref - timedelta(days=7)), _iso(ref)
    if text in {"last month", "a month ago"}:
        return _iso(ref - timedelta(days=31)), _iso(ref)
    if text in {"last year", "a year ago"}:
        return _year(ref.year - 1)
    ago = _AGO.search(text)
    if ago:  # "two weeks ago": that long before the article date, give or take half a unit
        count = _COUNTS.get(ago.group(1)) or int(ago.group(1))
        unit = _UNIT_DAYS[ago.group(2)]
        return _iso(ref - timedelta(days=count * unit + unit // 2)), _iso(ref - timedelta(days=max(count * unit - unit // 2, 0)))
    words = re.findall(r"[a-z]+", text)
    months = [MONTHS[w] for w in words if w in MONTHS and len(w) > 2]
    if len(months) == 1 and len(words) <= 3 and set(words) - set(MONTHS) <= {"in", "last", "this", "early", "late",
                                                                               "mid", "since", "until", "by"}:
        # "In May": the month in the article's year, or the year before when that month is still
        # to come (unless the clause speaks of the future)
        month, year = months[0], ref.year
        if (month > ref.month or "last" in words and month >= ref.month) and not future:
            year -= 1
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    for name, index in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", text):
            back = (ref.weekday() - index) % 7
            d = ref - timedelta(days=back)
            return _iso(d), _iso(d)
    return None
