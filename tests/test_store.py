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
