import io

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.errors import QueryError, StoreError
from kg.store import Store, dumps

G1 = URIRef("https://example.org/g1")
G2 = URIRef("https://example.org/g2")
S = URIRef("https://example.org/s")


def triples(n, tag="x"):
    return [(S, RDFS.label, Literal(f"{tag}{i}")) for i in range(n)]


def test_replace_graph_leaves_no_duplicates(store):
    store.replace_graphs({G1: triples(3), G2: triples(2)})
    store.replace_graphs({G1: triples(3)})
    store.replace_graphs({G1: triples(3)})
    assert store.count(G1) == 3 and store.count(G2) == 2 and len(store) == 5


def test_replace_swaps_content(store):
    store.replace_graphs({G1: triples(3, "old")})
    store.replace_graphs({G1: triples(1, "new")})
    labels = {r["l"] for r in store.select("SELECT ?l WHERE { GRAPH ?g { ?s ?p ?l } }")}
    assert labels == {"new0"}


def test_literals_of_every_kind_round_trip(mem_store):
    values = [
        Literal("quote \" and\nnewline \\ backslash"),
        Literal("Kyiv", lang="en"),
        Literal("2022-01-21", datatype=XSD.date),
        Literal(True),
        Literal(42),
        Literal("0.5", datatype=XSD.decimal),
        Literal("emoji ➔ ◆ 🙂"),
    ]
    mem_store.replace_graphs({G1: [(S, RDFS.label, v) for v in values]})
    g = rdflib.Dataset()
    g.parse(data=dumps(mem_store, "nq"), format="nquads")
    got = {o for _, _, o, _ in g.quads((None, None, None, None))}
    assert got == set(values)


def test_store_persists_on_disk(tmp_path):
    path = tmp_path / "s"
    store = Store(path)
    store.replace_graphs({G1: triples(2)})
    store.flush()
    del store
    reopened = Store(path, read_only=True)
    assert reopened.count(G1) == 2


def test_read_only_on_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        Store(tmp_path / "nothing", read_only=True)


def test_query_with_bindings_never_pastes_strings(mem_store):
    mem_store.replace_graphs({G1: triples(2)})
    rows = mem_store.select("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": Literal("x1")})
    assert rows == [{"s": str(S)}]
    evil = Literal('x1" } ; DROP ALL ; SELECT * { "')
    assert mem_store.select("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": evil}) == []
    assert len(mem_store) == 2


def test_bad_sparql_is_a_query_error(mem_store):
    with pytest.raises(QueryError, match="syntax"):
        mem_store.query("SELECT WHERE {")


def test_single_graph_formats_need_a_graph(mem_store):
    mem_store.replace_graphs({G1: triples(1)})
    with pytest.raises(StoreError, match="--graph"):
        mem_store.dump(io.BytesIO(), "ttl")
    assert b"x0" in dumps(mem_store, "ttl", G1)


@pytest.mark.parametrize("on_disk", [False, True])
def test_optimize_keeps_what_the_store_holds(tmp_path, on_disk):
    store = Store(tmp_path / "s" if on_disk else None)
    store.load(b"<urn:a> <urn:p> <urn:b> <urn:g> .\n<urn:a> <urn:p> \"x\" <urn:h> .\n", "nq", bulk=True)
    store.remove_quads(list(store.quads(None, None, None, "urn:h")))
    store.optimize()
    assert [(q.subject.value, q.object.value, q.graph_name.value) for q in store.quads()] == [("urn:a", "urn:b", "urn:g")]


def _held(store, graph):
    return sorted(f"{q.subject} {q.predicate} {q.object}" for q in store.quads(graph=URIRef(graph)))


@pytest.mark.parametrize("on_disk", [False, True])
def test_sync_graph_writes_only_the_difference_and_leaves_the_graph_holding_the_triples(tmp_path, on_disk):
    store = Store(tmp_path / "store" if on_disk else None)
    a = URIRef("urn:t:a")
    triples = [(a, URIRef("urn:t:confidence"), Literal("0.90", datatype=XSD.decimal)),  # stored as "0.9"
               (a, URIRef("urn:t:start"), Literal("7", datatype=XSD.nonNegativeInteger)),  # stored as xsd:integer
               (a, URIRef("urn:t:day"), Literal("2022-01-10", datatype=XSD.date)),
               (a, RDFS.label, Literal("Ms. X\nsaid \"no\" é", lang="en")), (a, RDFS.comment, Literal("plain"))]
    store.replace_graphs({URIRef("urn:t:other"): triples[:1]})
    assert store.sync_graph("urn:t:g", triples) == 5  # into an empty graph
    expected = _held(store, "urn:t:g")
    assert len(expected) == 5
    assert store.sync_graph("urn:t:g", triples) == 0  # the same again: nothing written
    assert store.sync_graph("urn:t:g", list(reversed(triples))) == 0
    changed = triples[:3] + [(a, RDFS.comment, Literal("changed"))]
    assert store.sync_graph("urn:t:g", changed) == 3  # two gone, one new
    assert "<urn:t:a> <http://www.w3.org/2000/01/rdf-schema#comment> \"changed\"" in _held(store, "urn:t:g")
    assert len(_held(store, "urn:t:g")) == 4
    assert store.sync_graph("urn:t:g", triples) == 3 and _held(store, "urn:t:g") == expected
    assert store.sync_graph("urn:t:g", []) == 5 and _held(store, "urn:t:g") == []
    assert len(_held(store, "urn:t:other")) == 1  # the other graph untouched


def test_sync_graph_with_blank_nodes_swaps_the_graph():
    store = Store(None)
    b = rdflib.BNode()
    triples = [(b, RDFS.label, Literal("x")), (URIRef("urn:t:a"), RDFS.seeAlso, b)]
    store.sync_graph("urn:t:g", triples)
    store.sync_graph("urn:t:g", triples)
    assert len(_held(store, "urn:t:g")) == 2
    store.sync_graph("urn:t:g", [(URIRef("urn:t:a"), RDFS.label, Literal("y"))])
    assert _held(store, "urn:t:g") == ['<urn:t:a> <http://www.w3.org/2000/01/rdf-schema#label> "y"']


def test_sync_graph_writes_named_graphs_only():
    store = Store(None)
    with pytest.raises(StoreError, match="named graph"):
        store.sync_graph(None, [(URIRef("urn:t:a"), RDFS.label, Literal("x"))])
