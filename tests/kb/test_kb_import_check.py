"""A dump with a 2025 change of office holder makes 2025 claims checkable (and only after the import)."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.check import check
from kg.kb import dump, sources
from kg.link import open_kb
from kg.store import Store

from .dumpgen import entity, held, item_snak, person, position, statement, write_dump

SOS, DEPUTY, US = "Q14213", "Q2301213", "Q30"
OLD, NEW, CIA = "Q7821917", "Q473239", "Q27656"  # holders in the snapshot; the dump is this test's own data


def _dump(path):
    """The outgoing holder's term ends 2025-01-20; a former holder comes back on 2025-01-21."""
    return write_dump(path, [
        entity("Q900000001", "A study of nothing", claims=[statement("Q900000001", item_snak("P31", "Q13442814"))]),
        person(OLD, "Antony Blinken", [held(OLD, SOS, "2021-01-26", "2025-01-20", rank="preferred"),
                                       held(OLD, DEPUTY, "2015-01-09", "2017-01-20"),
                                       held(OLD, SOS, "2021-01-26", None, rank="deprecated")],
               born="1962-04-16", modified="2026-11-24T08:00:00Z"),
        person(NEW, "Mike Pompeo", [held(NEW, CIA, "2017-01-23", "2018-03-13"),
                                    held(NEW, SOS, "2018-04-26", "2021-01-20"),
                                    held(NEW, SOS, "2025-01-21", replaces=OLD)], born="1963-12-30"),
        position(SOS, "United States Secretary of State", US, aliases=["Secretary of State"]),
    ])


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp_kb):
    nlp, _ = nlp_kb
    root = tmp_path_factory.mktemp("import-check")
    articles = root / "articles.jsonl"
    texts = [("a-old", "Secretary of State Antony Blinken flew to Ottawa on Tuesday for talks on trade."),
             ("a-new", "Secretary of State Mike Pompeo flew to Ottawa on Tuesday for talks on trade."),
             # a person only the 2022 snapshot covers (his term there ended 2021): the dump's date must not
             # make his 2025 claim checkable against 2022 facts
             ("a-stale", "President Donald Trump flew to Ottawa on Tuesday for talks on trade.")]
    articles.write_text("".join(json.dumps({"id": i, "title": "Talks", "text": t, "date": "2025-03-04"}) + "\n"
                                for i, t in texts), encoding="utf-8")
    store = Store(root / "store")
    build([str(articles)], store, nlp=nlp, kb=open_kb(store), progress=False)
    return store, root


def _verdicts(report):
    out = {c.article: c.kind for c in report.conflicts}
    out.update({u.article: f"unverifiable ({u.reason})" for u in report.unverifiable})
    return out


def test_import_makes_the_2025_change_checkable(built):
    store, root = built
    before = check(store, write=False)
    assert _verdicts(before) == {"a-old": "unverifiable (after-snapshot)", "a-new": "unverifiable (after-snapshot)",
                                 "a-stale": "unverifiable (after-snapshot)"}

    path = _dump(root / "wikidata-20261125-all.json.gz")
    info = dump.import_to_store(store, path, dump.default_selection(store))
    assert info["date"] == "2026-11-25" and info["kept"] == 3

    after = check(store, write=False)
    assert _verdicts(after) == {"a-old": "out-of-term", "a-stale": "unverifiable (after-snapshot)"}
    assert after.consistent == 1
    conflict = after.conflicts[0]
    assert conflict.snapshot_date == "2026-11-25" and "2025-01-20" in conflict.explanation
    assert "Mike Pompeo" in conflict.explanation  # the holder on the claim's date
    assert {e.source for e in conflict.evidence} == {"Wikidata dump 2026-11-25"}
    listed = [(s.kind, s.date) for s in sources.sources(store)]
    assert listed == [("snapshot", "2022-08-03"), ("dump", "2026-11-25")]
