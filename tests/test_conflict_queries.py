"""The conflict queries on a hand-made Wikidata graph: year-only dates, duplicate statements,
overlapping terms and acting claims must not create conflicts."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.kb.wikibase import wdqs_form
from kg import queries
from kg.store import Store
from kg.vocab import DIP, KG, P, PQ, PS, WD, WIKIDATA_GRAPH

PERSON, OFFICE = WD["Q900001"], WD["Q900002"]


def _statement(n: int, start: str | None, end: str | None) -> list:
    st = URIRef(f"http://www.wikidata.org/entity/statement/Q900001-{n}")
    t = [(PERSON, P.P39, st), (st, PS.P39, OFFICE)]
    if start:
        t.append((st, PQ.P580, Literal(start, datatype=XSD.gYear if len(start) == 4 else XSD.date)))
    if end:
        t.append((st, PQ.P582, Literal(end, datatype=XSD.gYear if len(end) == 4 else XSD.date)))
    return t


def _claim(name: str, date: str, *modifiers: str) -> list:
    c = KG[f"claim/test/role/{name}"]
    t = [(c, RDF.type, DIP.RoleClaim), (c, DIP.subject, PERSON), (c, DIP.position, OFFICE),
         (c, DIP.claimDate, Literal(date, datatype=XSD.date))]
    return t + [(c, DIP.modifier, Literal(m)) for m in modifiers]


@pytest.fixture(scope="module")
def out_of_term():
    store = Store(None)
    wikidata = [(URIRef("urn:test:snapshot"), DCTERMS.issued, Literal("2024-01-01", datatype=XSD.date))]
    wikidata += _statement(1, "2010", "2015")            # year-only dates
    wikidata += _statement(2, "2010", "2015")            # the same statement twice
    wikidata += _statement(3, "2014-03-01", "2020-05-31")  # overlapping a second term
    claims = (_claim("in-year-only-start", "2010-01-05") + _claim("in-year-only-end", "2015-12-30")
              + _claim("in-overlap", "2014-06-01") + _claim("in-second", "2019-01-01")
              + _claim("after", "2021-02-01") + _claim("before", "2009-12-31")
              + _claim("acting-after", "2021-02-01", "acting") + _claim("future", "2030-01-01"))
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(wikidata), URIRef("urn:test:article"): claims})
    return {row["claim"].rsplit("/", 1)[-1] for row in store.select(queries.get("conflicts/out-of-term").text)}


@pytest.mark.parametrize("claim", ["in-year-only-start", "in-year-only-end", "in-overlap", "in-second",
                                   "acting-after", "future"])
def test_no_conflict(out_of_term, claim):
    assert claim not in out_of_term


@pytest.mark.parametrize("claim", ["after", "before"])
def test_conflict(out_of_term, claim):
    assert claim in out_of_term


@pytest.fixture(scope="module")
def readings_and_support():
    """The same facts, claims with each reading, and the supported-claims query."""
    store = Store(None)
    wikidata = [(URIRef("urn:test:snapshot"), DCTERMS.issued, Literal("2024-01-01", datatype=XSD.date))]
    wikidata += _statement(1, "2010", "2015")
    claims = _claim("supported-year-end", "2015-12-30") + _claim("unsupported-after", "2016-03-01")
    for reading in ("asserted", "quoted", "historical", "address", "hypothetical", "negated"):
        c = f"after-{reading}"
        claims += _claim(c, "2021-02-01") + [(KG[f"claim/test/role/{c}"], DIP.reading, Literal(reading))]
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(wikidata), URIRef("urn:test:article"): claims})
    conflicts = {r["claim"].rsplit("/", 1)[-1] for r in store.select(queries.get("conflicts/out-of-term").text)}
    supported = {r["claim"].rsplit("/", 1)[-1] for r in store.select(queries.get("check/supported").text)}
    return conflicts, supported


@pytest.mark.parametrize("reading, raised", [("asserted", True), ("quoted", True), ("historical", True),
                                              ("address", False), ("hypothetical", False), ("negated", False)])
def test_only_asserted_readings_raise(readings_and_support, reading, raised):
    conflicts, _ = readings_and_support
    assert (f"after-{reading}" in conflicts) is raised


def test_supported_means_a_statement_covers_the_date(readings_and_support):
    _, supported = readings_and_support
    assert "supported-year-end" in supported  # year precision: 2015 covers 2015-12-30
    assert "unsupported-after" not in supported
