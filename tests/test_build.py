"""End to end on the bundled samples: build, persons, idempotency, export round trips."""

import pytest
import rdflib

from kg.build import build
from kg.link import open_kb
from kg.queries import get
from kg.store import Store, dumps

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp_kb):
    nlp, _ = nlp_kb
    store = Store(tmp_path_factory.mktemp("samples") / "store")
    kb = open_kb(store)
    summary = build([str(SAMPLES)], store, nlp=nlp, kb=kb, progress=False)
    return store, kb, nlp, summary


def test_summary(built):
    _, _, _, summary = built
    assert summary.articles == 2 and summary.failed == 0 and summary.mentions > 100


def test_persons_with_offsets_pointing_at_the_text(built):
    store = built[0]
    rows = store.select(get("persons").text)
    texts = {r["article"]: r for r in store.select("SELECT ?article ?text WHERE { ?a schema:identifier ?article ; nif:isString ?text }")}
    labels = {r["label"] for r in rows}
    for name in ["Antony Blinken", "Sergey Lavrov", "Vladimir Putin", "Barack Obama", "Liz Truss",
                 "Jake Sullivan", "Sergey Ryabkov", "Joe Biden"]:
        assert name in labels, name
    spellings = {r["mention"] for r in rows if r["label"] == "Antony Blinken"}
    assert {"John Blinken", "Antony Blinken", "Blinken"} <= spellings
    for r in rows:
        assert texts[r["article"]]["text"][int(r["start"]):int(r["end"])] == r["mention"]


def test_no_person_from_boilerplate(built):
    rows = built[0].select(get("persons").text)
    assert not any("Webster" in r["mention"] for r in rows)


def test_building_twice_keeps_the_quad_count(built):
    store, kb, nlp, _ = built
    before = len(store)
    again = build([str(SAMPLES)], store, nlp=nlp, kb=kb, progress=False, rebuild=True)
    assert again.articles == 2 and len(store) == before


def test_nquads_export_has_the_store_quad_count(built):
    store = built[0]
    ds = rdflib.Dataset()
    ds.parse(data=dumps(store, "nq"), format="nquads")
    assert _quads(ds) == len(store)


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("jsonld", "json-ld")])
def test_single_graph_formats_round_trip(built, fmt, rdflib_format):
    store = built[0]
    graph = rdflib.URIRef(next(g for g in store.graphs() if "/graph/article/" in g))
    g = rdflib.Graph().parse(data=dumps(store, fmt, graph), format=rdflib_format)
    assert len(g) == store.count(graph)


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nq", "nquads")])
def test_dataset_formats_round_trip(built, fmt, rdflib_format):
    store = built[0]
    ds = rdflib.Dataset()
    ds.parse(data=dumps(store, fmt), format=rdflib_format)
    assert _quads(ds) == len(store)


def _quads(ds: rdflib.Dataset) -> int:
    # len(Dataset) merges a triple found in several graphs; count quads instead
    return sum(1 for _ in ds.quads((None, None, None, None)))
