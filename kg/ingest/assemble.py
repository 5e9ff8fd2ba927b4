"""Turn the fields read from one input into an `Article`: id, title, date, boilerplate."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from kg.errors import ArticleError
from kg.ingest.boilerplate import find_boilerplate
from kg.ingest.dates import date_problem, infer_date, parse_date
from kg.ingest.urls import clean_url
from kg.model import Article

#: Longest title taken from the first line of a text; longer lines are cut at a word.
MAX_TITLE = 200
#: Longest article id accepted (characters).
MAX_ID_LENGTH = 200
_SURROGATE = re.compile("[\ud800-\udfff]")


def article_id(given: object, text: str, *, path: str = "") -> str:
    """The given id as a string, else ``"a-"`` + the first 16 hex digits of sha256(text).

    A given id longer than MAX_ID_LENGTH characters is refused (ArticleError): ids
    become IRIs and graph names, repeated in every triple of the article.
    """
    if given is not None and str(given).strip():
        given = str(given).strip()
        if len(given) > MAX_ID_LENGTH:
            raise ArticleError(f"the article id is {len(given):,} characters long, over the limit of "
                               f"{MAX_ID_LENGTH}; give it a shorter id", source=path or None)
        return given
    return "a-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def first_line_title(text: str) -> str:
    """The first non-empty line of ``text``, stripped, cut to MAX_TITLE characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= MAX_TITLE:
        return line
    cut = line[:MAX_TITLE].rsplit(" ", 1)[0] or line[:MAX_TITLE]
    return cut.rstrip() + "…"


def resolve_date(text: str, given: object) -> tuple[str | None, str, tuple[str, ...]]:
    """(ISO date or None, date_source, warnings) from a given date or, failing that, the text."""
    bad_given = None
    if given is not None and str(given).strip():
        parsed = parse_date(given)
        if parsed is not None:
            return parsed.isoformat(), "given", ()
        bad_given = f"the given date {given!r} {date_problem(given)}; it was ignored"
    inferred = infer_date(text)
    if inferred is not None:
        day, evidence = inferred
        if bad_given:
            return day.isoformat(), f"inferred: {evidence}", (
                f"{bad_given} and the date {day.isoformat()} inferred from the text instead: "
                "correct it in the input",)
        return day.isoformat(), f"inferred: {evidence}", ()
    if bad_given:
        return None, "unknown", (f"{bad_given}, and the text gives no date either, so the "
                                 "article's claims cannot be dated: correct it in the input",)
    return None, "unknown", ("the date is unknown (none given and no full date, or month/day plus "
                             "year, in the text), so its claims cannot be dated: add a date to the input",)


def with_default_date(article: Article, default: object) -> Article:
    """``article`` dated ``default`` when it has no date of its own (none given, none in the text).

    Its warning that the date is unknown goes; an article with a date keeps it.
    """
    if article.date is not None:
        return article
    parsed = parse_date(default)
    if parsed is None:
        return article
    kept = tuple(w for w in article.warnings if "cannot be dated" not in w)  # resolve_date's no-date warnings
    return replace(article, date=parsed.isoformat(), date_source="given", warnings=kept)


def replace_surrogates(text: str) -> tuple[str, tuple[str, ...]]:
    """Lone UTF-16 surrogates (from JSON escapes) as U+FFFD, keeping offsets; with a warning."""
    if not _SURROGATE.search(text):
        return text, ()
    return (_SURROGATE.sub("\ufffd", text),
            ("the text held lone UTF-16 surrogates (bad \\ud800-style escapes); "
             "they were replaced by U+FFFD",))


def build_article(
    text: str,
    *,
    path: str,
    given_id: object = None,
    title: str = "",
    given_date: object = None,
    source: str = "",
    url: str = "",
    warnings: Iterable[str] = (),
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """An Article with its id, title, date and boilerplate spans worked out.

    ``url`` is kept only as an absolute http(s) IRI (see :mod:`kg.ingest.urls`).
    """
    article_id_ = article_id(given_id, text, path=path)
    date, date_source, date_warnings = resolve_date(text, given_date)
    url, url_warnings = clean_url(url)
    return Article(
        id=article_id_,
        text=text,
        title=title.strip() or first_line_title(text),
        date=date,
        date_source=date_source,
        source=source.strip(),
        url=url,
        path=path,
        excluded=find_boilerplate(text),
        warnings=(*warnings, *url_warnings, *date_warnings),
        metadata=dict(metadata or {}),
    )
