"""Tests for kg.ingest: reading .txt/.jsonl/.html, ids, dates, boilerplate, errors."""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleError
from kg.ingest import find_boilerplate, html_page, infer_date, parse_date, read_articles
from kg.ingest.boilerplate import Kind, classify, is_appeal
from kg.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEED_000 = FIXTURES / "000_e7c274958c08526b.txt"
SEED_003 = FIXTURES / "003_eaeb21cb49ca1f58.txt"
SEEDS_JSONL = Path(__file__).parent.parent / "data" / "samples" / "seeds.jsonl"
MIXED_JSONL = FIXTURES / "ingest" / "mixed.jsonl"
NEWS_PAGE = FIXTURES / "ingest" / "news_page.html"

NEWS = ("Envoys met in Vienna on Thursday to discuss a corridor for grain shipments. "
        "The talks ended without a joint statement, officials said.")


def read_all(*paths: Path | str, **kwargs) -> tuple[list[Article], list[ArticleError]]:
    errors: list[ArticleError] = []
    articles = list(read_articles(paths, on_error=errors.append, **kwargs))
    return articles, errors


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def excluded_text(article: Article, needle: str) -> bool:
    start = article.text.index(needle)
    return any(s <= start and start + len(needle) <= e for s, e in article.excluded)


def overlaps_exclusion(article: Article, needle: str) -> bool:
    start = 0
    while (start := article.text.find(needle, start)) >= 0:
        if article.is_excluded(start, start + len(needle)):
            return True
        start += 1
    return False


# --- .txt -------------------------------------------------------------------------------

@pytest.mark.parametrize("content, title", [
    ("Talks in Geneva\n\n" + NEWS, "Talks in Geneva"),
    ("\n\n   \n  Talks in Geneva  \n" + NEWS, "Talks in Geneva"),
    ("Talks in Geneva\r\n\r\n" + NEWS + "\r\n", "Talks in Geneva"),
    ("\ufeffTalks in Geneva\n" + NEWS, "Talks in Geneva"),
])
def test_txt_title_and_text_as_read(tmp_path: Path, content: str, title: str) -> None:
    [article], errors = read_all(write(tmp_path / "a.txt", content))
    assert errors == []
    assert article.title == title
    assert article.text == content.removeprefix("\ufeff")  # a BOM is dropped, nothing else
    start = article.text.index("Vienna")
    assert article.text[start:start + 6] == "Vienna"
    assert article.path == str(tmp_path / "a.txt")
    assert not any("UTF-8" in w for w in article.warnings)


def test_txt_long_first_line_title_is_cut(tmp_path: Path) -> None:
    [article], _ = read_all(write(tmp_path / "a.txt", "word " * 100))
    assert len(article.title) <= 201 and article.title.endswith("…")


CP1252_TEXT = "Caf\u00e9 talks \u201cend\u201d \u2013 envoy"
LATIN1_BYTES = b"Envoy \x81 meets counterpart in K\xf6ln for talks on the treaty"


@pytest.mark.parametrize("raw, expected, encoding", [
    (CP1252_TEXT.encode("cp1252"), CP1252_TEXT, "cp1252"),
    (LATIN1_BYTES, LATIN1_BYTES.decode("latin-1"), "latin-1"),  # 0x81 is undefined in cp1252
])
def test_txt_non_utf8_falls_back_with_warning(tmp_path: Path, raw: bytes, expected: str,
                                               encoding: str) -> None:
    [article], errors = read_all(write(tmp_path / "a.txt", raw))
    assert errors == []
    assert article.text == expected
    assert any("not valid UTF-8" in w and encoding in w for w in article.warnings)


def test_txt_utf8_bom_with_bad_byte_stays_utf8(tmp_path: Path) -> None:
    [article], _ = read_all(write(tmp_path / "a.txt", b"\xef\xbb\xbfCaf\xc3\xa9 \xff talks"))
    assert article.text == "Caf\u00e9 \ufffd talks"
    assert any("offset 9" in w for w in article.warnings)


def test_txt_utf16_with_bom(tmp_path: Path) -> None:
    raw = ("Talks\n\n" + NEWS).encode("utf-16")  # with a BOM in the machine's byte order
    [article], _ = read_all(write(tmp_path / "a.txt", raw))
    assert article.text == "Talks\n\n" + NEWS


@pytest.mark.parametrize("raw, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks binary"),
    (bytes(range(0, 32)) * 20, "looks binary"),
    (b"", "is empty"),
    (b"  \n\t\r\n  ", "is empty"),
    (b"\xef\xbb\xbf\n\n", "is empty"),
])
def test_txt_unusable_content_is_an_error(tmp_path: Path, raw: bytes, message: str) -> None:
    path = write(tmp_path / "bad.txt", raw)
    articles, [error] = read_all(path)
    assert articles == []
    assert message in str(error) and str(path) in str(error)


def test_oversized_file_error_says_size_limit_and_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2000)
    _, [error] = read_all(path, max_bytes=1000)
    assert "2,000 bytes" in str(error) and "1,000 bytes" in str(error) and "max_bytes" in str(error)
    [article], _ = read_all(path, max_bytes=2000)
    assert len(article.text) == 2000


def test_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError):
        list(read_articles([], max_bytes=0))


# --- paths ------------------------------------------------------------------------------

def test_directory_recursion_is_sorted_and_skips_unknown_suffixes(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/c.htm", "c.TXT", "a.jsonl", "notes.pdf", ".hidden.txt",
                 ".git/x.txt", "a/readme.md"):
        if name.endswith((".htm",)):
            write(tmp_path / name, f"<html><body><p>{NEWS}</p></body></html>")
        elif name.endswith(".jsonl"):
            write(tmp_path / name, json.dumps({"text": NEWS, "id": "j"}) + "\n")
        else:
            write(tmp_path / name, f"{name}\n\n{NEWS}")
    articles, errors = read_all(tmp_path)
    assert errors == []
    relative = [Path(a.path.split(":")[0]).relative_to(tmp_path).as_posix() for a in articles]
    assert relative == ["a.jsonl", "b.txt", "c.TXT", "a/z.txt", "a/b/c.htm"]


def test_explicit_unknown_suffix_and_missing_path_are_errors(tmp_path: Path) -> None:
    pdf = write(tmp_path / "notes.pdf", NEWS)
    good = write(tmp_path / "good.txt", NEWS)
    articles, errors = read_all(pdf, tmp_path / "missing.txt", good)
    assert [a.path for a in articles] == [str(good)]
    assert "unsupported file type '.pdf'" in str(errors[0]) and str(pdf) in str(errors[0])
    assert "no such file or directory" in str(errors[1]) and "missing.txt" in str(errors[1])


def test_single_path_string_is_one_input(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", NEWS)
    assert [a.text for a in read_articles(str(path))] == [NEWS]


def test_reading_is_lazy(tmp_path: Path) -> None:
    stream = read_articles([tmp_path / "missing.txt"], strict=True)  # no error yet: a generator
    with pytest.raises(ArticleError, match="no such file"):
        next(stream)


# --- errors: strict, on_error, logging --------------------------------------------------

def test_strict_raises_on_first_error(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", NEWS + " More.")
    stream = read_articles([tmp_path], strict=True)
    assert next(stream).path.endswith("a.txt")
    with pytest.raises(ArticleError, match=r"b\.txt.*is empty"):
        next(stream)


def test_strict_raises_on_malformed_jsonl_line() -> None:
    with pytest.raises(ArticleError) as info:
        list(read_articles([MIXED_JSONL], strict=True))
    assert info.value.line == 2


def test_errors_are_logged_when_no_handler(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "b.txt", NEWS)
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        articles = list(read_articles([tmp_path]))
    assert len(articles) == 1
    assert any("a.txt" in r.getMessage() and "is empty" in r.getMessage() for r in caplog.records)


# --- .jsonl -----------------------------------------------------------------------------

def test_jsonl_records_metadata_and_line_errors() -> None:
    articles, errors = read_all(MIXED_JSONL)
    assert [a.path for a in articles] == [f"{MIXED_JSONL}:{n}" for n in (1, 5, 7)]
    assert [(e.line, e.source) for e in errors] == [(2, str(MIXED_JSONL)), (3, str(MIXED_JSONL)),
                                                      (6, str(MIXED_JSONL))]
    assert "not valid JSON" in str(errors[0]) and f"{MIXED_JSONL}:2" in str(errors[0])
    assert '"text"' in str(errors[1])
    assert "JSON object" in str(errors[2])

    first, postponed, envoy = articles
    assert (first.id, first.title, first.source, first.url) == (
        "ex-1", "Ministers meet in Geneva", "Example Wire", "https://example.org/1")
    assert (first.date, first.date_source) == ("2022-01-11", "given")
    assert first.metadata == {"label": "real", "tags": ["talks", "geneva"]}

    assert postponed.title == "Summit postponed"  # missing title: first non-empty line
    assert postponed.source == "Example Daily" and postponed.metadata == {"outlet": "Example Daily"}
    assert postponed.date == "2022-01-20" and postponed.date_source.startswith("inferred:")
    assert any("'2022-02-30'" in w and "not a real calendar date" in w for w in postponed.warnings)
    assert postponed.id == "a-" + hashlib.sha256(postponed.text.encode()).hexdigest()[:16]

    assert envoy.id == "7" and envoy.title == "Envoy appointed"
    assert envoy.date is None and envoy.date_source == "unknown"  # a year alone is not a date


@pytest.mark.parametrize("record, message", [
    ({"id": "x"}, '"text"'),
    ({"text": ""}, '"text"'),
    ({"text": "   \n "}, '"text"'),
    ({"text": 42}, '"text"'),
    ("not json", "not valid JSON"),
    ('"a string"', "JSON object"),
    ("[" * 100_000, "JSON"),
])
def test_jsonl_bad_line_is_reported_and_next_line_read(tmp_path: Path, record: object,
                                                        message: str) -> None:
    bad = record if isinstance(record, str) else json.dumps(record)
    path = write(tmp_path / "a.jsonl", bad + "\n" + json.dumps({"text": NEWS}) + "\n")
    articles, [error] = read_all(path)
    assert [a.path for a in articles] == [f"{path}:2"]
    assert error.line == 1 and message in str(error)


def test_jsonl_line_over_limit(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "x" * 5000}), json.dumps({"text": NEWS})]
    path = write(tmp_path / "a.jsonl", "\n".join(lines))
    articles, [error] = read_all(path, max_bytes=1000)
    assert [a.text for a in articles] == [NEWS]
    assert error.line == 1 and "over the limit of 1,000 bytes" in str(error)


def test_jsonl_lone_surrogate_is_replaced_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "Envoy \\ud800 talks"}\n')
    [article], _ = read_all(path)
    assert article.text == "Envoy \ufffd talks" and article.warnings


def test_seeds_jsonl_given_dates() -> None:
    articles, errors = read_all(SEEDS_JSONL)
    assert errors == []
    assert [(a.id, a.date, a.date_source) for a in articles] == [
        ("seed-000", "2022-01-21", "given"), ("seed-003", "2022-01-15", "given")]
    assert articles[1].text == SEED_003.read_text(encoding="utf-8")


# --- ids --------------------------------------------------------------------------------

def test_id_is_stable_hash_of_text(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", NEWS)
    jsonl = write(tmp_path / "b.jsonl", json.dumps({"text": NEWS}) + "\n")
    ids = {a.id for a in read_articles([txt, jsonl, txt])}
    assert ids == {"a-" + hashlib.sha256(NEWS.encode("utf-8")).hexdigest()[:16]}


# --- dates ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2022-01-14", date(2022, 1, 14)),
    ("2022-01-14T23:30:00Z", date(2022, 1, 14)),
    ("2022-01-14T23:30:00-05:00", date(2022, 1, 14)),
    ("2022-01-14 10:00", date(2022, 1, 14)),
    ("Fri, 14 Jan 2022 10:00:00 GMT", date(2022, 1, 14)),
    ("January 14, 2022", date(2022, 1, 14)),
    ("Friday, January 14, 2022", date(2022, 1, 14)),
    ("14 Jan 2022", date(2022, 1, 14)),
    ("Jan. 14th, 2022", date(2022, 1, 14)),
    ("2022/01/14", date(2022, 1, 14)),
    ("14/01/2022", date(2022, 1, 14)),
    ("01/14/2022", date(2022, 1, 14)),
    ("01/02/2022", None),  # ambiguous
    ("2022-02-30", None),
    ("2021-02-29", None),
    ("not a date", None),
    ("2022", None),
    ("May 2022", None),
    ("", None),
    (None, None),
    (20220114, None),
])
def test_parse_given_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, expected, evidence", [
    ("Talks on January 14, 2022 and on 3 February 2022 ended.", date(2022, 2, 3), "'3 February 2022'"),
    ("Signed 2021-11-30; reviewed on the 2nd of December, 2021.", date(2021, 12, 2), "2nd of December, 2021"),
    ("The 1945 treaty, signed June 26, 1945, was cited on Jan. 13, 2022.", date(2022, 1, 13),
     "Jan. 13, 2022"),
    ("Talks on January the 13th and January 14th.\n© 2022 Example", date(2022, 1, 14), "copyright year"),
    ("Met on Jan. 13.\nCopyright 2021 Example Media", date(2021, 1, 13), "'Jan. 13'"),
    ("Met on 13 January. (c) 2020 Example", date(2020, 1, 13), "'13 January'"),
    ("Met on January 14th, as in 1997.", None, None),  # a background year does not date it
    ("Met on Tuesday. © 2022 Example", None, None),  # a year without a month/day
    ("Envoys may 5 times meet. © 2022", None, None),  # lower-case 'may' is not a month
    ("Deadline February 30. © 2022", None, None),  # not a real day
    ("Born on February 29. © 2024", date(2024, 2, 29), "February 29"),
    ("No dates at all.", None, None),
])
def test_infer_date(text: str, expected: date | None, evidence: str | None) -> None:
    found = infer_date(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found[0] == expected and evidence in found[1]


def test_seed_003_date_inferred_from_month_day_and_copyright_year() -> None:
    [article], _ = read_all(SEED_003)
    assert article.date == "2022-01-14"
    assert article.date_source.startswith("inferred: ")
    assert "'January 14th'" in article.date_source and "'2022'" in article.date_source
    start, end = (int(x) for x in article.date_source.split("'January 14th' at ")[1].split()[0].split("-"))
    assert article.text[start:end] == "January 14th"


def test_seed_000_has_no_date() -> None:
    [article], _ = read_all(SEED_000)
    assert article.date is None and article.date_source == "unknown"
    assert any("date is unknown" in w and "cannot be dated" in w for w in article.warnings)


# --- boilerplate ------------------------------------------------------------------------

def test_seed_003_boilerplate() -> None:
    [article], _ = read_all(SEED_003)
    text = article.text
    for needle in ("Sasha Webster", "Support the Eat News", "A large number are flocking",
                   "Printer: Economic", "3 mn read", "Hello Senator?", "What is truth behind",
                   "UK sees more deaths from Covid"):
        assert excluded_text(article, needle), needle
    for needle in ("Jake Sullivan", "Sergei Lavrov", "Sergei Ryabkov", "Vladimir V. Putin",
                   "The week-long diplomatic", "credibility of America’s diplomatic ability hinges on it."):
        assert not overlaps_exclusion(article, needle), needle
    tail_start = text.index("A large number are flocking")
    assert (tail_start, len(text)) in article.excluded  # everything from the appeal to the end
    assert sum(1 for s, e in article.excluded if text[s:e].startswith("◆Related Posts:")) == 2


def test_seed_000_loses_nothing() -> None:
    [article], _ = read_all(SEED_000)
    assert article.excluded == ()


@pytest.mark.parametrize("line", [
    "◆Related Posts:  Envoys meet again",
    "Related Posts: Envoys meet again",
    "Read more: Envoys meet again",
    "Also read: Envoys meet again",
    "3 min read",
    "3 mn read",
    "Share this article",
    "Share on Facebook | Twitter | Email",
    "We use cookies to improve your experience. Accept all cookies",
    "Sign up to our free daily newsletter",
    "Advertisement",
])
def test_boilerplate_lines_anywhere(line: str) -> None:
    text = f"Title\n\n{NEWS}\n\n{line}\n\n{NEWS} Second paragraph ends here."
    start = text.index(line)
    assert (start, start + len(line)) in find_boilerplate(text)


@pytest.mark.parametrize("paragraph, appeal", [
    ("If you value our journalism, please support us with a contribution today.", True),
    ("Every contribution, however big or small, makes a difference.", True),
    ("The Example Post has no shareholders, so our reporting is free from influence.", True),
    ("North Macedonia plans to donate tanks to Ukraine, its defence ministry said.", False),
    ("He solicits donations from his 264,000 subscribers, the report said.", False),
    ("Readers of the report said the contribution of NATO members was too small.", False),
    ("The allies pledged to support Ukraine, and readers of the treaty noted its contribution.", False),
])
def test_appeal_scoring(paragraph: str, appeal: bool) -> None:
    assert is_appeal(paragraph) is appeal


@pytest.mark.parametrize("footer", [
    "Jane Example is a diplomatic correspondent for the Example Post.",
    "© 2022 Example Media. All rights reserved.",
    "(Reporting by Jane Example; Editing by John Example)",
    "Example News is a Lithuanian digital media outlet covering the region.",
])
def test_footer_excluded_only_at_the_end(footer: str) -> None:
    at_end = f"Title\n\n{NEWS}\n\n{footer}\n"
    assert find_boilerplate(at_end) == ((at_end.index(footer), len(at_end)),)
    in_middle = f"Title\n\n{footer}\n\n{NEWS}"
    assert find_boilerplate(in_middle) == ()


def test_trailer_run_into_last_paragraph() -> None:
    text = NEWS + " Writing by Jane Example; Editing by John Example"
    assert find_boilerplate(text) == ((text.index("Writing by"), len(text)),)


def test_short_real_last_line_is_kept() -> None:
    text = f"Title\n\n{NEWS}\n\nHe declined to comment."
    assert find_boilerplate(text) == ()
    assert classify("He declined to comment.") is Kind.CONTENT


# --- .html ------------------------------------------------------------------------------

@pytest.fixture(params=["trafilatura", "lxml"])
def extractor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "lxml":
        monkeypatch.setattr(html_page, "_trafilatura", lambda: None)
    elif html_page._trafilatura() is None:
        pytest.skip("trafilatura cannot be imported here (it needs lxml_html_clean)")
    return request.param


def test_html_main_text_and_metadata(extractor: str) -> None:
    [article], errors = read_all(NEWS_PAGE)
    assert errors == []
    assert "LEAK" not in article.text
    assert "Diplomats from a dozen countries met in Vienna" in article.text
    assert "a question the negotiators have not yet addressed in public." in article.text
    assert article.title == "Envoys Meet in Vienna Over Grain Corridor"
    assert (article.date, article.date_source) == ("2022-01-13", "given")
    assert article.url == "https://news.example.org/world/envoys-vienna-grain"
    assert article.source == "The Example Ledger"
    assert "\n\n" in article.text  # paragraphs are separated by blank lines
    assert any("lxml" in w for w in article.warnings) is (extractor == "lxml")


@pytest.mark.parametrize("head, title", [
    ("<title>Only Title</title>", "Only Title"),
    ('<meta property="og:title" content="OG Title"><title>T | Site</title>', "OG Title"),
    ("", "Heading One"),
])
def test_html_title_sources(tmp_path: Path, head: str, title: str, extractor: str) -> None:
    page = f"<html><head>{head}</head><body><h1>Heading One</h1><p>{NEWS}</p></body></html>"
    [article], _ = read_all(write(tmp_path / "p.html", page))
    assert article.title == title


def test_html_declared_charset(tmp_path: Path, extractor: str) -> None:
    body = "Лавров встретился с коллегой в Женеве. " * 10
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{body}</p></body></html>'
    [article], _ = read_all(write(tmp_path / "p.htm", page.encode("cp1251")))
    assert "Лавров встретился" in article.text
    assert not any("not valid UTF-8" in w for w in article.warnings)


@pytest.mark.parametrize("charset", ["base64", "utf-16", "no-such-codec", "undefined"])
def test_html_odd_declared_charset_falls_back(tmp_path: Path, charset: str, extractor: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><p>{NEWS}</p></body></html>'
    [article], errors = read_all(write(tmp_path / "p.html", page))
    assert errors == [] and NEWS in article.text


def test_html_without_text_is_an_error(tmp_path: Path, extractor: str) -> None:
    page = ("<html><head><script>var a = 1;</script></head><body><script>load()</script>"
            "<iframe src='x'>frame</iframe><div>  </div></body></html>")
    path = write(tmp_path / "p.html", page)
    articles, [error] = read_all(path)
    assert articles == [] and "no article text" in str(error)


# --- properties -------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.text())
def test_any_text_file_gives_article_or_article_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "a.txt", text.encode("utf-8"))
        errors: list[ArticleError] = []
        articles = list(read_articles([path], on_error=errors.append))
    assert len(articles) + len(errors) == 1
    if articles:
        assert articles[0].text == text.removeprefix("\ufeff")


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".jsonl", ".html"]))
def test_any_bytes_never_crash(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"a{suffix}", raw)
        for article in read_articles([path], on_error=lambda error: None):
            assert article.text.strip()


PIECES = st.sampled_from([
    NEWS, "Support us: every contribution makes a difference to our journalism.", "3 min read",
    "◆Related Posts: Other story", "© 2022 Example", "Jane Doe is a correspondent.", "Share",
    "Read more: x", "", " ", "\n", "\r\n", "Subscribe now", "January 14th", "Copyright 2021 X",
])


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=12),
       st.sampled_from(["\n", "\n\n", "\r\n\r\n", " "]))
def test_excluded_spans_are_sorted_disjoint_and_in_bounds(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    spans = find_boilerplate(text)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start
