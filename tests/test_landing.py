"""The query page of kg serve: labels next to IRIs (POST /labels), item links, CSV download,
CONSTRUCT results as Turtle.  The server side with starlette's TestClient (no network); the page's
JavaScript helpers run in node when it is installed (no browser here)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from starlette.testclient import TestClient

from kg.labels import MAX_IRIS, labels
from kg.landing import landing_page
from kg.server import create_app
from kg.store import Store
from kg.vocab import SCHEMA

WD = "http://www.wikidata.org/entity/"
EX = "http://example.org/"
G = URIRef(EX + "graph")
TRIPLES = [
    (URIRef(WD + "Q76"), RDFS.label, Literal("Barack Obama", lang="en")),
    (URIRef(WD + "Q76"), RDFS.label, Literal("B. Obama", lang="fr")),
    (URIRef(EX + "pref"), SKOS.prefLabel, Literal("Only a prefLabel")),
    (URIRef(EX + "both"), SKOS.prefLabel, Literal("the prefLabel")),
    (URIRef(EX + "both"), RDFS.label, Literal("the rdfs:label")),
    (URIRef(EX + "fr"), RDFS.label, Literal("seulement en français", lang="fr")),
    (URIRef(EX + "article"), SCHEMA.headline, Literal("Talks in Geneva")),
    (URIRef(EX + "article"), URIRef(EX + "about"), URIRef(WD + "Q76")),
]
PAGE_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"  # what the page sends


@pytest.fixture(scope="module")
def store():
    s = Store(None)
    s.replace_graphs({G: TRIPLES})
    return s


@pytest.fixture(scope="module")
def client(store):
    app = create_app(store, settings={"query_timeout": 10.0, "max_results": 1000, "max_body_bytes": 200_000,
                                      "token": "", "cors": ""})
    with TestClient(app) as c:
        yield c
    app.state.runner.close()


def test_labels_prefer_rdfs_label_then_preflabel_then_headline_english_first(store):
    found = labels(store, [WD + "Q76", EX + "pref", EX + "both", EX + "fr", EX + "article", EX + "none",
                           "not an iri", "http://bad iri/", WD + "Q76"])
    assert found == {WD + "Q76": "Barack Obama", EX + "pref": "Only a prefLabel", EX + "both": "the rdfs:label",
                     EX + "fr": "seulement en français", EX + "article": "Talks in Geneva"}


def test_the_labels_endpoint(client):
    answer = client.post("/labels", json={"iris": [WD + "Q76", EX + "none", "junk"]})
    assert answer.status_code == 200 and answer.json() == {"labels": {WD + "Q76": "Barack Obama"}}
    assert client.post("/labels", json={"iris": []}).json() == {"labels": {}}


@pytest.mark.parametrize("kwargs, status", [
    ({"content": b'{"iris": []}', "headers": {"Content-Type": "text/plain"}}, 415),
    ({"content": b"{nope", "headers": {"Content-Type": "application/json"}}, 400),
    ({"json": ["http://example.org/a"]}, 400),
    ({"json": {"iris": [1, 2]}}, 400),
    ({"json": {"iris": [EX + str(i) for i in range(MAX_IRIS + 1)]}}, 413),
    ({"content": b'{"iris": ["' + b"x" * 300_000 + b'"]}', "headers": {"Content-Type": "application/json"}}, 413),
])
def test_the_labels_endpoint_refuses_bad_requests(client, kwargs, status):
    answer = client.post("/labels", **kwargs)
    assert answer.status_code == status and answer.json()["status"] == status


def test_labels_endpoint_is_post_only(client):
    assert client.get("/labels").status_code == 405


def test_the_page_asks_for_json_rows_and_turtle_graphs(client):
    rows = client.post("/sparql", data={"query": "SELECT ?s WHERE { ?s rdfs:label ?l }"},
                       headers={"Accept": PAGE_ACCEPT})
    assert rows.headers["content-type"].startswith("application/sparql-results+json")
    graph = client.post("/sparql", data={"query": f"DESCRIBE <{EX}article>"}, headers={"Accept": PAGE_ACCEPT})
    assert graph.status_code == 200 and graph.headers["content-type"].startswith("text/turtle")
    assert "Talks in Geneva" in graph.text and "wd:Q76" in graph.text  # prefixed Turtle
    construct = client.post("/sparql", data={"query": "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"},
                            headers={"Accept": PAGE_ACCEPT})
    assert construct.headers["content-type"].startswith("text/turtle") and "Barack Obama" in construct.text


def test_the_page_has_the_tools_and_stays_self_contained(client):
    response = client.get("/")
    page = response.text
    assert response.status_code == 200 and "<script src" not in page and "<link" not in page
    for needle in ("fetch('labels'", "toCsv(data)", "'text/turtle'", "describeHref", "wikidataUrl", ACCEPT_IN_PAGE):
        assert needle in page, needle
    prefixes = json.loads(page.split("const PREFIXES = ", 1)[1].split(";\n", 1)[0])
    assert prefixes["wd"] == WD
    assert f"const MAX_LABELS = {MAX_IRIS};" in page
    csp = response.headers["content-security-policy"]
    assert "connect-src 'self'" in csp  # the labels lookup is a same-origin fetch


ACCEPT_IN_PAGE = f"const ACCEPT = '{PAGE_ACCEPT}';"

NODE_CHECKS = r"""
const fakeDoc = {createElement(tag) {
  return {tag, children: [], dataset: {}, className: '', textContent: '', href: '', title: '',
          appendChild(c) { this.children.push(c); return c; }};
}};
function flat(node) {
  const out = [];
  (function walk(n) { out.push(n); n.children.forEach(walk); })(node);
  return out;
}
const data = {head: {vars: ['s', 'n']}, results: {bindings: [
  {s: {type: 'uri', value: 'http://www.wikidata.org/entity/Q76'}, n: {type: 'literal', value: '=HYPERLINK("x")'}},
  {s: {type: 'uri', value: 'http://example.org/a'}, n: {type: 'literal', value: 'plain, with comma'}},
  {s: {type: 'uri', value: 'http://www.wikidata.org/entity/Q76'}},
  {s: {type: 'bnode', value: 'b0'}, n: {type: 'literal', value: '-1'}},
]}};
const table = renderTable(fakeDoc, data);
const nodes = flat(table);
const links = nodes.filter(n => n.tag === 'a');
const spans = nodes.filter(n => n.tag === 'span');
applyLabels(spans, {'http://www.wikidata.org/entity/Q76': 'Barack Obama'});
console.log(JSON.stringify({
  compact: [compact('http://www.wikidata.org/entity/Q76'), compact('http://example.org/a'),
            compact('http://www.wikidata.org/entity/')],
  wikidata: [wikidataUrl('http://www.wikidata.org/entity/Q76'), wikidataUrl('http://www.wikidata.org/entity/P39'),
             wikidataUrl('http://example.org/Q76'), wikidataUrl('http://www.wikidata.org/entity/L1')],
  describe: describeHref('http://example.org/a b'),
  iris: resultIris(data),
  rows: table.children.length,
  links: links.map(a => [a.textContent, a.href, a.className, a.rel || '']),
  labels: spans.map(s => [s.dataset.iri, s.textContent]),
  csv: toCsv(data),
}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_page_script_in_node():
    page = landing_page()
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    run = subprocess.run(["node", "-"], input=script + NODE_CHECKS, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert got["compact"] == ["wd:Q76", "http://example.org/a", "http://www.wikidata.org/entity/"]
    assert got["wikidata"] == ["https://www.wikidata.org/wiki/Q76", "https://www.wikidata.org/wiki/Property:P39",
                               None, None]
    assert got["describe"] == "?query=DESCRIBE%20%3Chttp%3A%2F%2Fexample.org%2Fa%20b%3E"
    assert got["iris"] == ["http://www.wikidata.org/entity/Q76", "http://example.org/a"]
    assert got["rows"] == 5  # the header and four rows
    q76 = "?query=" + "DESCRIBE%20%3Chttp%3A%2F%2Fwww.wikidata.org%2Fentity%2FQ76%3E"
    assert got["links"][0] == ["wd:Q76", q76, "", ""]
    assert got["links"][1] == ["Wikidata", "https://www.wikidata.org/wiki/Q76", "wd", "noopener noreferrer"]
    assert ["http://example.org/a", "?query=DESCRIBE%20%3Chttp%3A%2F%2Fexample.org%2Fa%3E", "", ""] in got["links"]
    assert got["labels"] == [["http://www.wikidata.org/entity/Q76", "Barack Obama"], ["http://example.org/a", ""],
                             ["http://www.wikidata.org/entity/Q76", "Barack Obama"]]
    assert got["csv"] == ("s,n\r\nhttp://www.wikidata.org/entity/Q76,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                          "http://example.org/a,\"plain, with comma\"\r\nhttp://www.wikidata.org/entity/Q76,\r\n"
                          "_:b0,'-1\r\n")
