"""WDQS-style queries run unchanged: predeclared prefixes and SERVICE wikibase:label executed locally,
in the Python API (Store.query, what named queries use), `kg query` and `kg serve`; every other
SERVICE refused in both with a clear error and nothing fetched."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import httpx
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDFS

from kg.sparql_screen import Refused
from kg.store import Store
from kg.wdqs import WDQS_PREFIXES, rewrite_label_service
from tests.test_server import running
from tests.test_server_screen import Listener

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
WDS = Namespace("http://www.wikidata.org/entity/statement/")
GRAPH = URIRef("http://example.org/graph/wikidata")
# invented items: Q901 has English and French labels, Q902 only English, Q903 none; Q900 is the office
TRIPLES = [
    (WD.Q900, RDFS.label, Literal("Chief Envoy", lang="en")),
    (WD.Q901, RDFS.label, Literal("Ada Example", lang="en")),
    (WD.Q901, RDFS.label, Literal("Ada Exemple", lang="fr")),
    (WD.Q901, URIRef("http://schema.org/description"), Literal("invented envoy", lang="en")),
    (WD.Q902, RDFS.label, Literal("Bo Sample", lang="en")),
    (WD.Q901, WDT.P39, WD.Q900),
    (WD.Q902, WDT.P39, WD.Q900),
    (WD.Q903, WDT.P39, WD.Q900),
    (WD.Q901, P.P39, WDS["Q901-1"]),
    (WDS["Q901-1"], PS.P39, WD.Q900),
    (WDS["Q901-1"], PQ.P580, Literal("2001-02-03", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))),
]

AUTO = """SELECT ?item ?itemLabel WHERE {
  ?item wdt:P39 wd:Q900 .
  SERVICE wikibase:label { bd:serviceParam wikibase:language "[AUTO_LANGUAGE],en". }
} ORDER BY ?item"""
FRENCH_FIRST = AUTO.replace('"[AUTO_LANGUAGE],en"', '"fr,en"')
MANUAL = """SELECT ?item ?name WHERE {
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en" . ?item rdfs:label ?name . }
  ?item wdt:P39 wd:Q900 .
} ORDER BY ?item"""
STATEMENTS = """SELECT ?item ?itemLabel ?start ?officeLabel WHERE {
  ?item p:P39 ?statement .
  ?statement ps:P39 ?office ; pq:P580 ?start .
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}"""
DESCRIPTION = """SELECT ?item ?itemDescription WHERE {
  VALUES ?item { wd:Q901 wd:Q902 }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
} ORDER BY ?item"""

EXPECTED = {
    AUTO: [{"item": str(WD.Q901), "itemLabel": "Ada Example"}, {"item": str(WD.Q902), "itemLabel": "Bo Sample"},
           {"item": str(WD.Q903), "itemLabel": "Q903"}],
    FRENCH_FIRST: [{"item": str(WD.Q901), "itemLabel": "Ada Exemple"},
                   {"item": str(WD.Q902), "itemLabel": "Bo Sample"}, {"item": str(WD.Q903), "itemLabel": "Q903"}],
    MANUAL: [{"item": str(WD.Q901), "name": "Ada Example"}, {"item": str(WD.Q902), "name": "Bo Sample"},
             {"item": str(WD.Q903), "name": "Q903"}],
    STATEMENTS: [{"item": str(WD.Q901), "itemLabel": "Ada Example", "start": "2001-02-03",
                  "officeLabel": "Chief Envoy"}],
    DESCRIPTION: [{"item": str(WD.Q901), "itemDescription": "invented envoy"}, {"item": str(WD.Q902)}],
}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("wdqs") / "store"
    store = Store(path)
    store.replace_graphs({GRAPH: TRIPLES})
    store.flush()
    return path


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.mark.parametrize("query", list(EXPECTED), ids=["auto", "fr-first", "manual", "statements", "description"])
def test_wdqs_queries_in_the_api(store_path, query):
    store = Store(store_path, read_only=True)
    assert store.select(query) == EXPECTED[query]


def _cli(store_path, query, fmt="csv"):
    return subprocess.run([sys.executable, "-m", "kg", "query", "-", "--store", str(store_path), "--format", fmt],
                          input=query, capture_output=True, text=True, timeout=120)


def _csv_rows(text):
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("query", [AUTO, MANUAL, STATEMENTS], ids=["auto", "manual", "statements"])
def test_wdqs_queries_with_kg_query(store_path, query):
    result = _cli(store_path, query)
    assert result.returncode == 0, result.stderr
    assert _csv_rows(result.stdout) == EXPECTED[query]


def test_wdqs_queries_through_the_endpoint(store_path):
    with running(Store(store_path, read_only=True)) as base, httpx.Client(trust_env=False, timeout=30) as http:
        for query, expected in EXPECTED.items():
            response = http.post(base + "/sparql", data={"query": query}, headers={"Accept": "text/csv"})
            assert response.status_code == 200, response.text
            assert _csv_rows(response.text) == expected


def test_other_services_are_refused_by_kg_query_without_a_traceback(store_path, listener):
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    result = _cli(store_path, query)
    assert result.returncode != 0
    assert "SERVICE" in result.stderr and "Traceback" not in result.stderr
    assert listener.hits == []


def test_other_services_are_refused_by_the_endpoint(store_path, listener):
    with running(Store(store_path, read_only=True)) as base, httpx.Client(trust_env=False, timeout=30) as http:
        response = http.get(base + "/sparql", params={
            "query": f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 400 and "SERVICE" in response.json()["error"]
    assert listener.hits == []


def test_a_label_service_under_a_redefined_prefix_is_not_local(store_path, listener):
    store = Store(store_path, read_only=True)
    with pytest.raises(Refused):
        store.query(f"PREFIX wikibase: <{listener.url}> SELECT * WHERE {{ ?s ?p ?o "
                    "SERVICE wikibase:label { bd:serviceParam wikibase:language 'en' } }")
    assert listener.hits == []


@pytest.mark.parametrize("prefix", ["wd", "wdt", "p", "ps", "pq", "psv", "pqv", "wikibase", "bd", "rdfs", "skos",
                                    "schema", "wds", "prov", "xsd"])
def test_the_wdqs_prefixes_are_predeclared(store_path, prefix):
    store = Store(store_path, read_only=True)
    assert store.select(f"SELECT * WHERE {{ ?s {prefix}:x ?o }}") == []


def test_rewrite_is_local_and_keeps_the_rest():
    text = rewrite_label_service(AUTO, WDQS_PREFIXES)
    assert "SERVICE" not in text.upper() and "?item wdt:P39 wd:Q900" in text and "ORDER BY ?item" in text
