"""Property tests of kg.ingest beyond tests/test_ingest.py: JSONL lines, dates, URLs, HTML scripts.

test_ingest.py already checks that any bytes never crash a reader and that any UTF-8 text
file reads back as itself; these check what comes out for generated records and pages.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleError
from kg.ingest import html_page, read_articles
from kg.ingest.assemble import build_article
from kg.ingest.urls import clean_url

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)
TEXT = st.text(min_size=1, max_size=80)
RECORD = st.fixed_dictionaries(
    {"text": TEXT},
    optional={"id": JSON, "title": JSON, "date": JSON, "source": JSON, "url": JSON, "extra": JSON})
LINE = st.one_of(
    RECORD.map(json.dumps),
    JSON.map(json.dumps),  # valid JSON, mostly not a usable record
    st.text(max_size=40).map(lambda t: t.replace("\n", " ").replace("\r", " ")),  # mostly not JSON
)


def _read(path: Path, **kwargs) -> tuple[list, list[ArticleError]]:
    errors: list[ArticleError] = []
    return list(read_articles([path], on_error=errors.append, **kwargs)), errors


def _iso_or_none(value: str | None) -> bool:
    return value is None or date.fromisoformat(value).isoformat() == value


@PROPS
@given(st.lists(LINE, max_size=8))
def test_every_jsonl_line_gives_one_article_or_one_error_with_its_number(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", newline="\n")
        articles, errors = _read(path)
    numbered = sorted([int(a.path.rsplit(":", 1)[1]) for a in articles] + [e.line for e in errors])
    assert numbered == [n for n, line in enumerate(lines, 1) if line.encode().strip()]  # ASCII blanks
    for error in errors:
        assert error.source == str(path) and f"{path}:{error.line}: " in str(error)
    for article in articles:
        record = json.loads(lines[int(article.path.rsplit(":", 1)[1]) - 1])
        assert article.text.strip() and len(article.text) == len(record["text"])  # offsets kept
        assert _iso_or_none(article.date)
        assert article.date_source in ("given", "unknown") or article.date_source.startswith("inferred: ")
        assert article.url == "" or article.url.lower().startswith(("http://", "https://"))


@PROPS
@given(TEXT.filter(str.strip), JSON)
def test_any_given_date_gives_an_iso_date_or_none(text: str, given_date: object) -> None:
    article = build_article(text, path="x", given_date=given_date)
    assert _iso_or_none(article.date)
    if article.date_source == "given":
        assert article.date is not None
    elif given_date is not None and str(given_date).strip():
        assert any("given date" in w for w in article.warnings)


URLISH = st.builds(
    lambda scheme, sep, host, rest: f"{scheme}{sep}{host}{rest}",
    st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", "data", ""]),
    st.sampled_from(["://", ":", "//", ""]),
    st.one_of(st.sampled_from(["example.org", "[::1]", "[::1", "ex.org:80", "ex.org:8a", "u@h", ""]),
              st.text(max_size=12)),
    st.text(max_size=30),
)


@PROPS
@given(st.one_of(URLISH, st.text(max_size=40)))
def test_clean_url_gives_a_valid_http_iri_or_nothing(url: str) -> None:
    cleaned, warnings = clean_url(url)
    if cleaned:
        ox.NamedNode(cleaned)  # raises ValueError when not a valid IRI
        assert cleaned.split("://", 1)[0].lower() in ("http", "https")
        assert clean_url(cleaned) == (cleaned, ())  # stable
    assert len(warnings) == (1 if cleaned != url.strip() else 0)  # every change is reported


BLOCK = st.tuples(st.sampled_from(["p", "p", "script", "style", "iframe", "noscript", "template"]),
                  st.text(st.characters(codec="utf-8", exclude_characters="<>&\x00",
                                        exclude_categories=["Cs", "Cc"]), max_size=60))


@pytest.mark.parametrize("extractor", ["trafilatura", "lxml"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(BLOCK, min_size=1, max_size=8))
def test_html_script_iframe_style_content_never_reaches_the_text(extractor, monkeypatch, blocks) -> None:
    if extractor == "lxml":
        monkeypatch.setattr(html_page, "_trafilatura", lambda: None)
    body = "".join(f"<{tag}>{'XQLEAK ' if tag != 'p' else 'Envoys met. '}{text}</{tag}>"
                   for tag, text in blocks)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.html"
        path.write_text(f"<html><head><title>T</title></head><body><article>{body}</article></body></html>",
                        encoding="utf-8")
        articles, errors = _read(path)
    assert len(articles) + len(errors) == 1
    for article in articles:
        assert "XQLEAK" not in article.text
