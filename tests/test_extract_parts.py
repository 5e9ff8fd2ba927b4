"""Articles longer than spaCy's nlp.max_length are parsed in parts; offsets refer to the whole text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.parts import split_points
from kg.ingest.assemble import build_article

PARAGRAPHS = [
    "Foreign ministers of Austria and Hungary met in Vienna on May 3, 2022 to discuss grain corridors.",
    "Antony Blinken spoke with Sergey Lavrov by telephone, the State Department said on Tuesday.",
    "Envoys of Chile and Peru met in Lima. The talks ended without a joint statement, officials said.",
    "The prime ministers of Finland and Estonia met in Helsinki on March 1, 2022, a spokesman said.",
]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n!", max_size=400), st.integers(1, 60))
def test_split_points_cover_the_text_in_order_within_the_limit(text: str, limit: int) -> None:
    spans = split_points(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= limit for start, end in spans) or text == ""


@pytest.mark.parametrize("text, limit, cuts", [
    ("one two.\n\nthree four. five six", 20, [10]),  # the paragraph break, not the later sentence end
    ("one two. three four five six", 20, [9]),  # a sentence end when no paragraph break
    ("one two three four five six", 12, [8, 19]),  # white space when no sentence end
    ("abcdefghijklmnop", 5, [5, 10, 15]),  # no break at all: at the limit
])
def test_split_points_prefer_paragraphs_then_sentences_then_spaces(text, limit, cuts) -> None:
    assert [start for start, _ in split_points(text, limit)[1:]] == cuts


def _mentions(extraction) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.label, m.text) for m in extraction.mentions]


def test_a_text_over_max_length_is_extracted_in_parts_with_whole_text_offsets(nlp) -> None:
    text = "Talks in Vienna\n\n" + "\n\n".join(PARAGRAPHS * 3) + "\n"
    article = build_article(text, path="long.txt", given_id="long", given_date="2022-05-03")
    whole = next(extract([article], nlp))
    saved = nlp.max_length
    nlp.max_length = 250  # every part holds about two paragraphs
    try:
        [parted] = list(extract([article], nlp))
    finally:
        nlp.max_length = saved
    assert parted.article is article
    assert _mentions(parted) and all(text[s:e] == t for s, e, _, t in _mentions(parted))
    assert _mentions(parted) == _mentions(whole)  # parts cut at paragraphs: the same parse
    assert [(r.start, r.end) for r in parted.roles] == [(r.start, r.end) for r in whole.roles]
    assert max(m.end for m in parted.mentions) > 250 * 3  # offsets past the first parts


def test_long_and_short_articles_keep_their_order(nlp) -> None:
    short = [build_article(p, path=f"s{i}.txt", given_id=f"s{i}") for i, p in enumerate(PARAGRAPHS)]
    long = build_article("\n\n".join(PARAGRAPHS * 2), path="long.txt", given_id="long")
    saved = nlp.max_length
    nlp.max_length = 200
    try:
        ids = [x.article.id for x in extract([short[0], long, short[1], replace(long, id="long2"), short[2]],
                                             nlp, batch_size=2)]
    finally:
        nlp.max_length = saved
    assert ids == ["s0", "long", "s1", "long2", "s2"]


def test_a_build_of_an_article_over_max_length_stores_it_whole(tmp_path, nlp) -> None:
    from kg.build import build
    from kg.store import Store

    path = tmp_path / "long.txt"
    path.write_text("Talks in Vienna\n\n" + "\n\n".join(PARAGRAPHS * 4) + "\n", encoding="utf-8")
    saved = nlp.max_length
    nlp.max_length = 300
    errors: list = []
    try:
        summary = build([str(path)], Store(tmp_path / "store"), nlp=nlp, progress=False, on_error=errors.append)
    finally:
        nlp.max_length = saved
    assert (summary.articles, summary.failed, errors) == (1, 0, [])
    assert summary.mentions >= 4 * 4
