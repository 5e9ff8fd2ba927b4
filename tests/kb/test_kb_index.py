"""The in-memory index over the snapshot (and over tiny hand-made graphs)."""

from __future__ import annotations

import pytest

import pyoxigraph

from kg.kb.wikibase import wdqs_form
from kg.errors import KbError
from kg.kb import KnowledgeBase
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH

WD = "http://www.wikidata.org/entity/"


def test_snapshot_date(kb):
    assert kb.snapshot_date == "2022-08-03"


@pytest.mark.parametrize(("name", "qid"), [
    ("Sergei Lavrov", "Q58217"),  # an alias (Wikidata P1810 "named as")
    ("Sergey Lavrov", "Q58217"),
    ("Kyiv", "Q1899"),
    ("Kiev", "Q1899"),  # alias in derived/supplement.ttl
    ("kyiv", "Q1899"),
    ("U.S.", "Q30"),
    ("US", "Q30"),
    ("NATO", "Q7184"),
    ("Secretary of State", "Q14213"),  # a short title (P1813)
    ("Antony Blinken", "Q7821917"),
    ("Brasilia", "Q2844"),  # diacritics ignored
])
def test_candidates(kb, name, qid):
    assert qid in [e.qid for e in kb.candidates(name)]


def test_candidates_rank_labels_first(kb):
    found = kb.candidates("Foreign Minister")
    assert found and all(e.kind == "Position" for e in found)
    assert kb.candidates("no such name at all") == []


@pytest.mark.parametrize(("qid", "kind"), [
    ("Q7821917", "Person"), ("Q58217", "Person"), ("kb:Sergei_Ryabkov", "Person"),
    ("Q159", "Country"), ("Q30", "Country"), ("Q212", "Country"),
    ("Q7184", "Organization"), ("Q1065", "Organization"), ("Q458", "Organization"), ("Q81299", "Organization"),
    ("Q14213", "Position"), ("Q11696", "Position"), ("Q167662", "Position"),
    ("urn:diplomacy-kb:local:Press_Secretary_of_the_President_of_Russia", "Position"),
    ("Q1899", "Place"), ("Q71", "Place"), ("Q239", "Place"), ("Q649", "Place"),
])
def test_kinds(kb, qid, kind):
    assert kb.entity(qid).kind == kind


def test_entity_fields(kb):
    blinken = kb.entity("wd:Q7821917")
    assert blinken == kb.entity(WD + "Q7821917")
    assert (blinken.label, blinken.birth, blinken.death) == ("Antony Blinken", "1962-04-16", None)
    sos = kb.entity("Q14213")
    assert (sos.country, sos.jurisdiction) == ("Q30", "Q30")
    assert "Secretary of State" in sos.short_titles
    assert kb.entity("Q1899").aliases == ("Kiev", "Kyiv (Ukraine)")
    assert kb.entity("kb:Sergei_Ryabkov").qid == "urn:diplomacy-kb:local:Sergei_Ryabkov"
    assert kb.entity("Q999999999") is None and "Q999999999" not in kb


def test_holders_on(kb):
    assert [h.person for h in kb.holders_on("Q14213", "2022-01-21")] == ["Q7821917"]
    assert "Q76" not in [h.person for h in kb.holders_on("Q11696", "2022-01-21")]
    obama = [h for h in kb.positions_held("Q76") if h.position == "Q11696"]
    assert [(h.start, h.end, h.end_precision) for h in obama] == [("2009-01-20", "2017-01-20", "day")]
    assert obama[0].statement.startswith("http://www.wikidata.org/entity/statement/Q76-")
    assert kb.holders("Q11696") == sorted(kb.holders("Q11696"), key=lambda h: h.start or "")


def test_holders_on_year_only_bounds(kb):
    # Olaf Scholz as Chancellor of Germany is known only as "2021" (world-leaders, year precision)
    scholz = [h for h in kb.holders("Q4970706") if h.person == "Q61053"]
    assert [(h.start, h.start_precision) for h in scholz] == [("2021", "year")]
    assert "Q61053" in [h.person for h in kb.holders_on("Q4970706", "2021-01-05")]
    assert "Q61053" not in [h.person for h in kb.holders_on("Q4970706", "2020-12-31")]


def test_memberships_headquarters_capitals(kb):
    nato_2022 = {m.member for m in kb.members_on("Q7184", "2022-01-21")}
    assert {"Q30", "Q145", "Q183"} <= nato_2022 and not {"Q212", "Q159", "Q33", "Q34"} & nato_2022
    assert any(m.organization == "Q1065" for m in kb.memberships("Q212"))
    assert kb.headquarters("Q7184") == ["Q239"]
    assert kb.capital("Q159") == ["Q649"]


def test_positions(kb):
    positions = list(kb.positions())
    assert len(positions) > 2000 and all(p.kind == "Position" for p in positions)


def _kb(turtle: str) -> KnowledgeBase:
    store = Store(None)  # kg's model of the facts, written as the Wikidata graph holds them
    store.replace_graph(WIKIDATA_GRAPH, wdqs_form(pyoxigraph.parse((PREFIXES + turtle).encode(),
                                                                   format=pyoxigraph.RdfFormat.TURTLE)))
    return KnowledgeBase.from_store(store)


PREFIXES = """
@prefix wd: <http://www.wikidata.org/entity/> . @prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> . @prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> . @prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def test_year_and_month_bounds_on_a_small_graph():
    kb = _kb("""
    wd:Q1 rdfs:label "A"@en ; wdt:P39 wd:Q100 ; p:P39 wds:Q1-a .
    wds:Q1-a ps:P39 wd:Q100 ; pq:P580 "2019"^^xsd:gYear ; pq:P582 "2020-06"^^xsd:gYearMonth .
    wd:Q2 rdfs:label "B"@en ; p:P39 wds:Q2-a .
    wds:Q2-a ps:P39 wd:Q100 ; pq:P580 "2020-06-15"^^xsd:date .
    wd:Q3 rdfs:label "C"@en ; wdt:P39 wd:Q100 .
    """)
    on = {d: sorted(h.person for h in kb.holders_on("Q100", d)) for d in ("2019-01-01", "2020-06-30", "2020-07-01")}
    assert on == {"2019-01-01": ["Q1", "Q3"], "2020-06-30": ["Q1", "Q2", "Q3"], "2020-07-01": ["Q2", "Q3"]}
    bare = [h for h in kb.holders("Q100") if h.person == "Q3"]
    assert bare[0].statement is None and bare[0].start is None  # a wdt:P39 with no statement node
    assert kb.entity("Q1").kind == "Person" and kb.entity("Q100").kind == "Position"


def test_empty_graph_and_bad_date_are_kb_errors(kb):
    with pytest.raises(KbError, match="empty"):
        KnowledgeBase.from_store(Store(None))
    with pytest.raises(KbError, match="ISO 8601"):
        kb.holders_on("Q14213", "21 January 2022")
