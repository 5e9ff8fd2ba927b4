"""The knowledge base's names as entities: the trie matcher, its cache, and an order that does not
depend on the hash seed (names and sentences written for the tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import spacy

from kg.extract.pipeline import KbEntities, tokenized_names


def _component(nlp, patterns):
    component = KbEntities(nlp)
    component.add_patterns(nlp, patterns)
    return component


def test_every_name_is_matched_as_its_tokens_overlaps_included(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    component = _component(nlp, [{"label": "GPE", "pattern": "New Lorrin", "id": "Q7"},
                                 {"label": "GPE", "pattern": "Lorrin", "id": "Q8"},
                                 {"label": "ORG", "pattern": "New Lorrin Council", "id": "Q9"},
                                 {"label": "PERSON", "pattern": "Ada Quill-Brand", "id": "Q10"}])
    doc = nlp("The New Lorrin Council met Ada Quill-Brand in Lorrin.")
    got = {(m.text, m.label_, m.kb_id_) for m in component.matches(doc)}
    assert got == {("New Lorrin", "GPE", "Q7"), ("Lorrin", "GPE", "Q8"), ("New Lorrin Council", "ORG", "Q9"),
                   ("Lorrin", "GPE", "Q8"), ("Ada Quill-Brand", "PERSON", "Q10")}
    assert len([m for m in component.matches(doc) if m.text == "Lorrin"]) == 2  # both places of the name
    assert not component.matches(nlp("The Lorrinx council and new lorrin met."))  # whole tokens, exact case


def test_a_name_of_several_items_keeps_one_and_the_same_one_whatever_the_order(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    a = [{"label": "GPE", "pattern": "Vell", "id": "Q900"}, {"label": "GPE", "pattern": "Vell", "id": "Q12"}]
    kept = [_component(nlp, p).matches(nlp("in Vell"))[-1].kb_id_ for p in (a, a[::-1])]
    assert kept == ["Q12", "Q12"]  # the last match on a span is the one kept: the lower QID


def test_the_token_sequences_are_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    names = ["Ada Quill-Brand", "New Lorrin"]
    first = tokenized_names(nlp, names)
    assert first == [("Ada", "Quill", "-", "Brand"), ("New", "Lorrin")] and list(tmp_path.glob("ruler-*.pickle"))
    assert tokenized_names(nlp, names) == first
    # other names: another entry; a broken entry is tokenized again, not an error
    assert tokenized_names(nlp, names[:1]) == first[:1]
    for path in tmp_path.glob("ruler-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert tokenized_names(nlp, names) == first


def test_the_cache_is_used_and_a_read_only_cache_is_no_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    nlp = spacy.blank("en")
    names = ["Ada Quill-Brand"]
    tokenized_names(nlp, names)
    calls = []
    real_pipe = nlp.tokenizer.pipe

    class Counting:
        def __getattr__(self, name):
            return getattr(nlp.tokenizer, name)

        def pipe(self, texts):
            calls.append(1)
            return real_pipe(texts)

    monkeypatch.setattr(nlp, "tokenizer", Counting())
    assert tokenized_names(nlp, names) == [("Ada", "Quill", "-", "Brand")] and calls == []  # from the cache
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocked / "sub"))  # cannot be created
    assert tokenized_names(nlp, names) == [("Ada", "Quill", "-", "Brand")] and calls == [1]


def test_the_ruler_patterns_do_not_depend_on_the_hash_seed(tmp_path):
    code = ("import hashlib, json; from kg.store import Store; from kg.link import open_kb; "
            "from kg.link.candidates import ruler_patterns; "
            "print(hashlib.sha256(json.dumps(ruler_patterns(open_kb(Store(None)))).encode()).hexdigest())")
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path)}
    digests = {subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONHASHSEED": seed},
                              capture_output=True, text=True, check=True).stdout for seed in ("1", "2")}
    assert len(digests) == 1, digests


def _headline_case_reference(span) -> bool:
    """The rule as it was written before the lines were worked out once per doc: walk the span's line."""
    if any(t.is_title and t.is_stop and t.pos_ in {"ADP", "CCONJ", "PART", "SCONJ"} for t in span[1:]):
        return True
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    content = [t for t in doc[start:end] if t.is_alpha and not t.is_stop]
    return len(content) >= 4 and all(t.is_title or t.is_upper for t in content)


def test_the_headline_rule_reads_each_line_as_the_span_by_span_walk_did(nlp):
    from spacy.tokens import Span

    from kg.extract.pipeline import _headline_case, _TitleCaseLines

    from .conftest import FIXTURES

    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))] + [
        "The U.S. and Russia Wraps up Days of Talks on Arms Control\nOfficials met in Geneva on Monday.\n\n"
        "Ada Quill Meets Vell Leaders\nshe said.",
        "NATO SUMMIT OPENS IN VILNIUS",  # one line, no newline at the end
        "Short Line\nAnother One Here Today Again\n",
    ]
    seen = {True: 0, False: 0}
    for doc in nlp.pipe(texts):
        lines = _TitleCaseLines(doc)
        spans = [Span(doc, i, j) for i in range(len(doc)) for j in (i + 1, min(i + 3, len(doc)))]
        for span in spans:
            expected = _headline_case_reference(span)
            assert _headline_case(span, lines) is expected, (span.text, span.start)
            seen[expected] += 1
    assert seen[True] and seen[False]  # both answers were put to the test
