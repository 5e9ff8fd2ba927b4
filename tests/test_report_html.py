"""The HTML report leads with the errors: summary, index, filters, conflicts before unverifiable claims."""

from __future__ import annotations

import io

from kg.check import UNVERIFIABLE, CheckReport, Unverifiable
from kg.model import Conflict, Evidence
from kg.report_html import write_html

TEXTS = {
    "one": ("Talks in Vienna", "Minister Jane Roe met envoys in Vienna. President John Doe spoke.", "https://example.org/1"),
    "two": ("Talks in <Oslo>", "Minister Jane Roe spoke in Oslo.", "javascript:alert(1)"),
    "three": ("Only unverifiable", "Minister Zed Quux spoke.", ""),
}


def _conflict(article: str, kind: str, start: int, surface: str) -> Conflict:
    return Conflict(kind=kind, claim=f"https://example.org/claim/{article}-{start}", article=article, start=start,
                    end=start + len(surface), surface=surface, sentence=f"The sentence with {surface}.",
                    subject="http://www.wikidata.org/entity/Q42", subject_label="Jane Doe",
                    position="http://www.wikidata.org/entity/Q2", position_label="Minister", claim_date="2022-01-21",
                    explanation=f"why {kind} <b>", evidence=(Evidence("http://www.wikidata.org/entity/statement/Q42-x",
                                                                        "Jane Doe: Minister", "2021-01-01", None),))


def _page() -> str:
    reason = next(iter(UNVERIFIABLE))
    report = CheckReport(conflicts=[_conflict("two", "wrong-name", 0, "Minister Jane Roe"),
                                    _conflict("one", "wrong-name", 0, "Minister Jane Roe"),
                                    _conflict("one", "out-of-term", 40, "President John Doe")],
                         unverifiable=[Unverifiable("c9", "three", 0, 16, "Minister Zed Quux", "s", "", "", reason),
                                       Unverifiable("c8", "one", 0, 8, "Minister", "s", "", "", reason)],
                         snapshot_date="2022-08-03")
    out = io.StringIO()
    write_html(report, out, TEXTS)
    return out.getvalue()


def test_the_page_opens_on_the_summary_and_the_index_of_conflicts() -> None:
    page = _page()
    assert "<h1>3 conflict(s) with Wikidata in 2 article(s)</h1>" in page
    index = page.index('id="index"')
    assert index < page.index('class="card')  # the index comes before any card
    # most conflicts first, each with its count and kinds
    assert page.index('href="#a-one"') < page.index('href="#a-two"')
    assert "out-of-term (1), wrong-name (1)" in page


def test_conflicts_come_before_unverifiable_claims_and_unverifiable_only_articles_last() -> None:
    page = _page()
    one = page[page.index('id="a-one"'):page.index('id="a-two"')]
    assert one.index('data-filter="kind:') < one.index("<details><summary>1 unverifiable or not checked claim(s)")
    assert page.index('id="a-two"') < page.index('id="a-three"')
    assert 'class="card unverifiable"' not in page[:page.index('id="a-one"')]


def test_filters_cover_the_kinds_and_the_reasons() -> None:
    page = _page()
    assert 'value="kind:wrong-name"' in page and 'value="kind:out-of-term"' in page
    assert f'value="reason:{next(iter(UNVERIFIABLE))}"' in page


def test_filters_cover_the_readings_when_conflicts_differ_in_reading() -> None:
    import dataclasses

    quoted = dataclasses.replace(_conflict("two", "wrong-name", 30, "President John Doe"), reading="quoted")
    report = CheckReport(conflicts=[_conflict("one", "wrong-name", 0, "Minister Jane Roe"), quoted],
                         snapshot_date="2022-08-03")
    out = io.StringIO()
    write_html(report, out, TEXTS)
    page = out.getvalue()
    assert 'value="reading:quoted"' in page and 'value="reading:asserted"' in page
    assert page.count('data-reading="reading:quoted"') == 1 and page.count('data-reading="reading:asserted"') == 1
    assert "off.has(el.dataset.reading)" in page  # the script hides a card whose reading is unticked
    # one reading only: no reading filter
    assert 'value="reading:' not in _page()


def test_values_are_escaped_and_only_http_links_written() -> None:
    page = _page()
    assert "Talks in &lt;Oslo&gt;" in page and "why wrong-name &lt;b&gt;" in page
    assert "javascript:" not in page
    assert 'href="https://www.wikidata.org/wiki/Q42"' in page and 'href="https://example.org/1"' in page
    assert '<mark class="conflict"' in page and "<script src" not in page


def test_the_page_is_readable_on_a_phone() -> None:
    page = _page()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in page and "@media (max-width:700px)" in page
