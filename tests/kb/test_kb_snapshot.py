"""The snapshot: reproducible build, loading into pyoxigraph, the queries the README promises."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import KbError
from kg.kb import SNAPSHOT_DATE_PROPERTY, SNAPSHOT_FILENAME, build_snapshot, ensure_loaded, load_snapshot
from kg.kb.snapshot import graph_size
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH, sparql_prefixes

GRAPH = ox.NamedNode(str(WIKIDATA_GRAPH))


@pytest.fixture(scope="module")
def built(slice_dir, tmp_path_factory):
    """The snapshot built twice from the real slice, into two directories."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    return build_snapshot(slice_dir, first), build_snapshot(slice_dir, second), first, second


def test_build_is_byte_identical(built):
    info1, info2, first, second = built
    assert (first / SNAPSHOT_FILENAME).read_bytes() == (second / SNAPSHOT_FILENAME).read_bytes()
    assert (first / "README.md").read_text() == (second / "README.md").read_text()
    assert info1["sha256"] == info2["sha256"] and info1["triples"] == info2["triples"] > 100_000


def test_packaged_snapshot_is_up_to_date(built, snapshot_file):
    info1, _info2, first, _second = built
    assert snapshot_file.read_bytes() == (first / SNAPSHOT_FILENAME).read_bytes(), (
        "data/wikidata is stale: rebuild with `kg kb build --from ../shared/wikidata`")


def test_output_is_sorted_ntriples_with_gzip_mtime_zero(built):
    _info1, _info2, first, _second = built
    raw = (first / SNAPSHOT_FILENAME).read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip MTIME field
    lines = gzip.decompress(raw).decode().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert all(line.endswith(" .") for line in lines)


def test_readme_says_how_to_rebuild(built):
    _info1, _info2, first, _second = built
    text = (first / "README.md").read_text()
    assert "kg kb build --from ../shared/wikidata" in text and "CC0" in text and "MIT" in text


def test_build_rejects_a_wrong_source(tmp_path):
    with pytest.raises(KbError, match="not the Wikidata slice"):
        build_snapshot(tmp_path, tmp_path / "out")


def test_snapshot_loads_with_metadata(snapshot_store):
    assert graph_size(snapshot_store) > 100_000
    assert snapshot_store.graphs() == [str(WIKIDATA_GRAPH)]
    rows = snapshot_store.query(
        sparql_prefixes() + "SELECT ?g ?date ?licence ?source WHERE { ?g dcterms:issued ?date ; "
        "dcterms:license ?licence ; dcterms:source ?source ; a dcat:Dataset }",
        {"g": WIKIDATA_GRAPH}, default_graph=[WIKIDATA_GRAPH],
    )
    rows = list(rows)
    assert {r["date"] for r in rows} == {ox.Literal("2022-08-03", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#date"))}
    assert {r["licence"].value for r in rows} == {
        "http://creativecommons.org/publicdomain/zero/1.0/", "https://opensource.org/licenses/MIT"}
    assert any("us-cabinet/tree/0d5e73cb" in r["source"].value for r in rows)
    assert SNAPSHOT_DATE_PROPERTY == "http://purl.org/dc/terms/issued"


HOLDERS_ON = sparql_prefixes() + """
SELECT ?position ?day ?person WHERE {
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
  FILTER(!BOUND(?start) || STR(?start) <= ?day)
  FILTER(!BOUND(?end) || STR(?end) >= ?day)
}"""


@pytest.mark.parametrize(("position", "day", "expected", "absent"), [
    ("Q14213", "2022-01-21", {"Q7821917"}, set()),  # Secretary of State: Antony Blinken
    ("Q11696", "2022-01-21", {"Q6279"}, {"Q76"}),  # US President: Biden, not Obama (term ended 2017-01-20)
    ("Q11696", "2017-01-20", {"Q76"}, set()),
])
def test_sparql_holder_on_a_day(snapshot_store, position, day, expected, absent):
    rows = snapshot_store.query(HOLDERS_ON, {
        "position": URIRef("http://www.wikidata.org/entity/" + position), "day": Literal(day)},
        default_graph=[WIKIDATA_GRAPH])
    found = {r["person"].value.rsplit("/", 1)[1] for r in rows}
    assert expected <= found and not absent & found


WDQS_FORMS = sparql_prefixes() + """PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
SELECT
  (SUM(IF(EXISTS { ?st wikibase:rank ?r }, 0, 1)) AS ?unranked)
  (SUM(IF(EXISTS { ?st wikibase:rank wikibase:PreferredRank }, 1, 0)) AS ?preferred)
  (SUM(IF(EXISTS { ?st pq:P580 ?a . ?st pq:P580 ?b FILTER(?a != ?b) }, 1, 0)) AS ?twoStarts)
  (SUM(IF(EXISTS { ?st pq:P580 ?d } && NOT EXISTS { ?st pqv:P580/wikibase:timePrecision ?x }, 1, 0)) AS ?noValueNode)
WHERE { ?item ?p ?st . FILTER(STRSTARTS(STR(?p), "http://www.wikidata.org/prop/P")) }"""


def test_wdqs_forms_in_the_snapshot(snapshot_store):
    """Every statement node has a rank (one preferred: Putin's presidency from 2012, as his Wikidata
    entity ranks it), every dated start a value node, and pq: still one precision-typed date."""
    row = next(iter(snapshot_store.query(WDQS_FORMS, default_graph=[WIKIDATA_GRAPH])))
    assert [row[v].value for v in ("unranked", "preferred", "twoStarts", "noValueNode")] == ["0", "1", "0", "0"]
    preferred = snapshot_store.query(
        "SELECT ?st WHERE { ?st <http://wikiba.se/ontology#rank> <http://wikiba.se/ontology#PreferredRank> }",
        default_graph=[WIKIDATA_GRAPH])
    assert [r["st"].value for r in preferred] == [
        "http://www.wikidata.org/entity/statement/Q7747-kb-63f6b0cfb5987372"]


def test_load_replaces_the_graph_and_ensure_loaded_keeps_it(snapshot_file):
    store = Store(None)
    stray = ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                    ox.Literal("stale"), GRAPH)
    store.add_quads([stray])
    count = load_snapshot(store, snapshot_file)
    assert stray not in set(store.quads(graph=WIKIDATA_GRAPH)) and graph_size(store) == count
    assert load_snapshot(store, snapshot_file) == count
    store.add_quads([stray])
    assert ensure_loaded(store, snapshot_file) == count + 1  # not empty: left alone
    assert ensure_loaded(Store(None), snapshot_file) == count


def test_a_broken_file_leaves_the_graph_as_it_was(snapshot_file, tmp_path):
    store = Store(None)
    count = load_snapshot(store, snapshot_file)
    lines = gzip.decompress(snapshot_file.read_bytes()).splitlines(keepends=True)
    broken = tmp_path / "broken.nt.gz"
    broken.write_bytes(gzip.compress(b"".join(lines[:1000]) + b"<not a triple\n"))
    with pytest.raises(KbError, match="broken.nt.gz"):
        load_snapshot(store, broken)
    assert graph_size(store) == count
    with pytest.raises(KbError, match="rebuild"):
        load_snapshot(Store(None), tmp_path / "missing.nt.gz")
