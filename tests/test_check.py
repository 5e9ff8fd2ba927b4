"""The founding articles: exactly two conflicts on seed-000, none on seed-003."""

import json

import pytest

from kg.build import build
from kg.check import check
from kg.link import open_kb
from kg.report import conflict_record
from kg.store import Store

from .conftest import FIXTURES, SAMPLES


@pytest.fixture(scope="module")
def report(tmp_path_factory, nlp_kb):
    nlp, _ = nlp_kb
    store = Store(tmp_path_factory.mktemp("check") / "store")
    build([str(SAMPLES)], store, nlp=nlp, kb=open_kb(store), progress=False)
    return store, check(store)


def test_seed_conflicts_match_the_gold(report):
    _, result = report
    gold = [json.loads(line) for line in (FIXTURES / "seeds_gold_conflicts.jsonl").read_text().splitlines()]
    got = [(c.article, c.kind, c.start, c.end) for c in result.conflicts]
    assert len(got) == len(gold) == 2
    for g in gold:
        assert any(a == g["article"] and k == g["type"] and s < g["end"] and g["start"] < e for a, k, s, e in got), g
    assert not [c for c in result.conflicts if c.article == "seed-003"]


def test_conflicts_show_why(report):
    _, result = report
    obama = next(c for c in result.conflicts if c.kind == "out-of-term")
    assert obama.subject.endswith("/Q76") and "2017-01-20" in obama.explanation and "Joe Biden" in obama.explanation
    blinken = next(c for c in result.conflicts if c.kind == "wrong-name")
    assert blinken.subject.endswith("/Q7821917") and "Antony Blinken" in blinken.explanation
    record = conflict_record(blinken)
    for field in ("article", "start", "end", "type", "subject", "position", "claim_date", "surface", "sentence", "evidence"):
        assert field in record
    assert record["evidence"] and record["evidence"][0]["start"] == "2021-01-26"


def test_conflicts_are_queryable(report):
    store, _ = report
    rows = store.select("SELECT ?kind WHERE { ?c a dip:Conflict ; dip:conflictKind ?kind ; dip:evidence ?e }")
    assert {r["kind"] for r in rows} == {"wrong-name", "out-of-term"}


def test_lifespan_conflicts_are_written_with_the_item_as_evidence():
    from kg.check import CheckReport, write_conflicts
    from kg.model import Conflict, Evidence
    from kg.vocab import CONFLICTS_GRAPH

    item = "http://www.wikidata.org/entity/Q900001"
    conflict = Conflict(kind="lifespan", claim="https://w3id.org/kg-diplomacy/id/claim/a/role/1-9", article="a",
                        start=1, end=9, surface="Mr X", sentence="Mr X said.", subject=item, subject_label="X",
                        position="", position_label="", claim_date="2022-01-01", explanation="X was not alive",
                        evidence=(Evidence(item, "X: died (P570) 2010-01-01", "2010-01-01", "2010-01-01"),
                                  Evidence("2010-01-01", "a bare date is kept as words only")))
    store = Store(None)
    write_conflicts(store, CheckReport(conflicts=[conflict]))
    rows = store.select("SELECT ?evidence ?expected WHERE { GRAPH ?g { ?c dip:evidence ?evidence ; "
                        "dip:expected ?expected } FILTER(?g = ?graph) }", {"graph": CONFLICTS_GRAPH})
    assert {r["evidence"] for r in rows} == {item}
    assert {r["expected"] for r in rows} == {"X: died (P570) 2010-01-01", "a bare date is kept as words only"}
