"""kg.server: the SPARQL 1.1 Protocol, checked with SPARQLWrapper and httpx on a live uvicorn.

Every server binds to 127.0.0.1 on a free port and is stopped by its fixture;
nothing here touches the internet.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import rdflib
import uvicorn
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

import pyoxigraph as ox

from kg.server import create_app
from kg.sparql_protocol import GRAPH_FORMATS, RESULTS_FORMATS
from kg.sparql_screen import Refused, check_remote_access
from kg.store import _PREFIX_MAP, Store

EX = rdflib.Namespace("http://example.org/")
G1 = URIRef("http://example.org/graph/one")
G2 = URIRef("http://example.org/graph/two")
GRAPHS = {
    G1: [(EX.alice, EX.knows, EX.bob), (EX.alice, RDFS.label, Literal("Alice", lang="en"))],
    G2: [(EX.bob, RDFS.label, Literal("Bob")), (EX.carol, EX.knows, EX.alice), (EX.carol, EX.age, Literal(42))],
}
TOKEN = "s3cret"
BASE_SETTINGS = {
    "host": "127.0.0.1", "port": 0, "query_timeout": 10.0, "max_results": 1000,
    "max_body_bytes": 5000, "cors": "", "token": "",
}
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(store, allow_update=False, **overrides):
    settings = {**BASE_SETTINGS, **overrides}
    app = create_app(store, settings=settings, allow_update=allow_update)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.runner.close()


def _filled(store_cls=Store):
    store = store_cls(None)
    store.replace_graphs(GRAPHS)
    return store


@pytest.fixture(scope="module")
def url():
    with running(_filled()) as base:
        yield base


@pytest.fixture(scope="module")
def update_url():
    with running(_filled(), allow_update=True, token=TOKEN, cors="http://example.net") as base:
        yield base


class SlowStore(Store):
    def query(self, sparql, *args, **kwargs):
        if "#slow" in sparql:
            time.sleep(1.5)
        return super().query(sparql, *args, **kwargs)


@pytest.fixture(scope="module")
def small_url():
    with running(_filled(SlowStore), max_results=2, query_timeout=0.3) as base:
        yield base


@pytest.fixture()
def http():
    with httpx.Client(trust_env=False, timeout=10) as client:
        yield client


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


# -- SPARQLWrapper as the reference client -----------------------------------------


def _wrapper(url, query, fmt, method="GET"):
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(url, method):
    data = _wrapper(url, ALL, JSON, method).convert()
    assert data["head"]["vars"] == ["s", "p", "o"]
    assert len(data["results"]["bindings"]) == 5
    lang = [b["o"] for b in data["results"]["bindings"] if b["o"].get("xml:lang")]
    assert lang == [{"type": "literal", "value": "Alice", "xml:lang": "en"}]


def test_select_xml(url):
    doc = _wrapper(url, ALL, XML).convert()
    assert len(doc.getElementsByTagName("result")) == 5


@pytest.mark.parametrize("fmt,delimiter", [(CSV, ","), (TSV, "\t")])
def test_select_csv_tsv(url, fmt, delimiter):
    text = _wrapper(url, ALL, fmt).convert().decode()
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert len([r for r in rows if r]) == 6  # header + 5 rows


def test_ask(url):
    assert _wrapper(url, "ASK { ?s <http://example.org/knows> ?o }", JSON).convert()["boolean"] is True
    assert _wrapper(url, "ASK { ?s <http://example.org/hates> ?o }", JSON).convert()["boolean"] is False


@pytest.mark.parametrize("fmt,accept,parse_as,media", [
    (TURTLE, None, "turtle", "text/turtle"),
    (N3, "application/n-triples", "nt", "application/n-triples"),
    (JSONLD, None, "json-ld", "application/ld+json"),
    (RDFXML, None, "xml", "application/rdf+xml"),
])
def test_construct(url, fmt, accept, parse_as, media):
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery("CONSTRUCT WHERE { ?s ?p ?o }")
    client.setReturnFormat(fmt)
    if accept:
        client.addCustomHttpHeader("Accept", accept)
    result = client.query()
    assert result.response.headers["Content-Type"].startswith(media)
    graph = rdflib.Graph().parse(data=result.response.read(), format=parse_as)
    assert len(graph) == 5


# -- the protocol, with httpx -----------------------------------------------------------


def _count(response):
    assert response.status_code == 200, response.text
    return len(response.json()["results"]["bindings"])


def test_get_post_form_post_direct(url, http):
    assert _count(http.get(url + "/sparql", params={"query": ALL})) == 5
    assert _count(http.post(url + "/sparql", data={"query": ALL})) == 5
    direct = http.post(url + "/sparql", content=ALL, headers={"Content-Type": "application/sparql-query"})
    assert _count(direct) == 5
    assert direct.headers["content-type"].startswith("application/sparql-results+json")


def test_prefixes_predeclared(url, http):
    response = http.get(url + "/sparql", params={"query": 'SELECT ?s WHERE { ?s rdfs:label "Bob" }'})
    assert response.json()["results"]["bindings"] == [{"s": {"type": "uri", "value": str(EX.bob)}}]


def test_dataset_parameters(url, http):
    only_one = http.get(url + "/sparql", params={"query": ALL, "default-graph-uri": str(G1)})
    assert _count(only_one) == 2
    both = http.get(url + "/sparql", params={"query": ALL, "default-graph-uri": [str(G1), str(G2)]})
    assert _count(both) == 5
    named = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(http.get(url + "/sparql", params={"query": named})) == 5
    assert _count(http.get(url + "/sparql", params={"query": named, "named-graph-uri": str(G2)})) == 3
    form = http.post(url + "/sparql", data={"query": ALL, "default-graph-uri": str(G2)})
    assert _count(form) == 3


def test_bad_query_is_400_with_message(url, http):
    response = http.get(url + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and "syntax" in body["error"].lower() and len(body["error"]) > 25


def test_not_acceptable(url, http):
    response = http.get(url + "/sparql", params={"query": ALL}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    construct = http.get(url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "text/csv"})
    assert construct.status_code == 406


def test_accept_q_values(url, http):
    response = http.get(url + "/sparql", params={"query": ALL},
                        headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert response.headers["content-type"].startswith("text/csv")


def test_body_too_large(url, http):
    big = ALL + " #" + "x" * 6000
    response = http.post(url + "/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_update_refused_by_default(url, http):
    response = http.post(url + "/sparql", data={"update": "CLEAR ALL"},
                         headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert _count(http.get(url + "/sparql", params={"query": ALL})) == 5


def test_update_needs_the_token(update_url, http):
    insert = f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX.dave}> rdfs:label 'Dave' }} }}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = http.post(update_url + "/sparql", data={"update": insert}, headers=headers)
        assert response.status_code == 401
    ok = http.post(update_url + "/sparql", content=insert,
                   headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    assert _count(http.get(update_url + "/sparql", params={"query": ALL})) == 6


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .service<http://example.com/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } # harmless\n; SERVICE SILENT <x:y> {}",
])
def test_service_refused(url, http, query):
    response = http.get(url + "/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE" in response.json()["error"]


def test_load_refused(update_url, http):
    response = http.post(update_url + "/sparql", data={"update": "LOAD <http://example.com/data.ttl>"},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400 and "LOAD" in response.json()["error"]


@pytest.mark.parametrize("text,found", [
    ('SELECT * WHERE { ?s ?p "SERVICE" }', False),
    ("SELECT * WHERE { ?s ?p <http://x/SERVICE> }", False),
    ("SELECT ?service WHERE { ?service ?p ?o }", False),
    ("SELECT * WHERE { ?s dip:service ?o } # SERVICE", False),
    ("SELECT * WHERE { Service <http://x/> {} }", True),
])
def test_keyword_scan(text, found):
    try:
        check_remote_access(text)
    except Refused:
        assert found
    else:
        assert not found


def test_truncation(small_url, http):
    response = http.get(small_url + "/sparql", params={"query": ALL})
    assert _count(response) == 2
    assert response.headers["x-kg-truncated"] == "true"
    construct = http.get(small_url + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/n-triples"})
    assert len(rdflib.Graph().parse(data=construct.text, format="nt")) == 2
    assert construct.headers["x-kg-truncated"] == "true"
    small = http.get(small_url + "/sparql", params={"query": ALL + " LIMIT 1"})
    assert "x-kg-truncated" not in small.headers


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_truncation_other_formats(small_url, http, accept):
    response = http.get(small_url + "/sparql", params={"query": ALL}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["x-kg-truncated"] == "true"
    assert response.headers["content-type"].startswith(accept)


class _CountingStore:
    """A store that counts the queries it runs."""

    def __init__(self, store):
        self.store, self.runs = store, 0

    def query(self, *args, **kw):
        self.runs += 1
        return self.store.query(*args, **kw)


RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]


@pytest.mark.parametrize("accept", RESULT_TYPES + GRAPH_TYPES)
def test_an_answer_longer_than_max_results_bytes_runs_once_and_is_cut_only_past_the_rows(accept):
    """Up to max_results bytes an answer cannot hold more rows than that; a longer one is counted by
    reading it back, not by running the query again (it doubled the time of every big answer)."""
    from kg.sparql_protocol import run_query

    store = _CountingStore(_filled())
    query = ALL if accept in RESULT_TYPES else "CONSTRUCT WHERE { ?s ?p ?o }"
    body, media, truncated = run_query(store, query, {}, [accept], 5)  # 5 rows, hundreds of bytes
    assert len(body) > 5 and not truncated and store.runs == 1 and media.split(";")[0] == accept
    whole = store.store.query(query, named=False)
    direct = whole.serialize(format=RESULTS_FORMATS[accept]) if accept in RESULT_TYPES else \
        ox.serialize(whole, format=GRAPH_FORMATS[accept], prefixes=_PREFIX_MAP if accept == "text/turtle" else None)
    assert body == direct
    body, _, truncated = run_query(store, query, {}, [accept], 3)
    assert truncated and store.runs == (3 if accept == "text/csv" else 2)  # CSV cannot be read back
    if accept in RESULT_TYPES:
        rows = list(csv.reader(io.StringIO(body.decode()))) if accept == "text/csv" else \
            list(ox.parse_query_results(body, format=RESULTS_FORMATS[accept]))
        assert len(rows) == 3 + (accept == "text/csv")
    else:
        assert len(list(ox.parse(body, format=GRAPH_FORMATS[accept]))) == 3


def test_timeout(small_url, http):
    response = http.get(small_url + "/sparql", params={"query": ALL + " #slow"})
    assert response.status_code == 503
    assert "query_timeout" in response.json()["error"]


def test_graph_store_get(url, http):
    response = http.get(url + "/rdf-graphs/service", params={"graph": str(G2)})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=response.text, format="turtle")) == 3
    nt = http.get(url + "/rdf-graphs/service", params={"graph": str(G1)},
                  headers={"Accept": "application/n-triples"})
    assert len(rdflib.Graph().parse(data=nt.text, format="nt")) == 2
    default = http.get(url + "/rdf-graphs/service?default")
    assert default.status_code == 200
    missing = http.get(url + "/rdf-graphs/service", params={"graph": "http://example.org/nope"})
    assert missing.status_code == 404


G3 = "http://example.org/graph/three"
TTL = "@prefix ex: <http://example.org/> . ex:dave ex:knows ex:erin ; ex:age 7 ."
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def writable():
    with running(_filled(), allow_update=True, token=TOKEN) as base:
        yield base + "/rdf-graphs/service"


def _graph_len(http, gsp, graph):
    response = http.get(gsp, params={"graph": graph}, headers={"Accept": "application/n-triples"})
    return len(rdflib.Graph().parse(data=response.text, format="nt")) if response.status_code == 200 else None


def test_graph_store_put_post_delete(writable, http):
    ttl = {**AUTH, "Content-Type": "text/turtle"}
    created = http.put(writable, params={"graph": G3}, content=TTL, headers=ttl)
    assert created.status_code == 201 and _graph_len(http, writable, G3) == 2
    again = http.put(writable, params={"graph": G3}, content=TTL, headers=ttl)
    assert again.status_code == 204 and _graph_len(http, writable, G3) == 2  # replaced, not added
    added = http.post(writable, params={"graph": G3}, content='<http://example.org/x> <http://example.org/p> "1" .',
                      headers={**AUTH, "Content-Type": "application/n-triples"})
    assert added.status_code == 204 and _graph_len(http, writable, G3) == 3
    replaced = http.put(writable, params={"graph": str(G1)}, content=TTL, headers=ttl)
    assert replaced.status_code == 204 and _graph_len(http, writable, str(G1)) == 2
    gone = http.delete(writable, params={"graph": G3}, headers=AUTH)
    assert gone.status_code == 204 and _graph_len(http, writable, G3) is None
    assert http.delete(writable, params={"graph": G3}, headers=AUTH).status_code == 404
    assert _graph_len(http, writable, str(G2)) == 3  # other graphs untouched


def test_graph_store_head(url, http):
    head = http.head(url + "/rdf-graphs/service", params={"graph": str(G2)})
    get = http.get(url + "/rdf-graphs/service", params={"graph": str(G2)})
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(get.content)


@pytest.mark.parametrize("headers,status", [({}, 401), ({"Authorization": "Bearer wrong"}, 401)])
def test_graph_store_writes_need_the_token(writable, http, headers, status):
    for method in ("PUT", "POST", "DELETE"):
        response = http.request(method, writable, params={"graph": str(G1)}, content=TTL,
                                headers={**headers, "Content-Type": "text/turtle"})
        assert response.status_code == status and response.headers["www-authenticate"] == "Bearer"
    assert _graph_len(http, writable, str(G1)) == 2


def test_graph_store_writes_refused_when_read_only(url, http):
    for method in ("PUT", "POST", "DELETE"):
        response = http.request(method, url + "/rdf-graphs/service", params={"graph": str(G1)}, content=TTL,
                                headers={**AUTH, "Content-Type": "text/turtle"})
        assert response.status_code == 403
    assert _count(http.get(url + "/sparql", params={"query": ALL})) == 5


@pytest.mark.parametrize("content,ctype,status,needle", [
    ("ex:a ex:b", "text/turtle", 400, "cannot parse"),
    (TTL, "application/pdf", 415, "unsupported content type"),
    ("x" * 6000, "text/turtle", 413, "max_body_bytes"),
])
def test_graph_store_bad_bodies(writable, http, content, ctype, status, needle):
    response = http.put(writable, params={"graph": G3}, content=content, headers={**AUTH, "Content-Type": ctype})
    assert response.status_code == status and needle in response.json()["error"]
    assert _graph_len(http, writable, G3) is None  # nothing half written


def test_service_description(url, http):
    response = http.get(url + "/sparql")
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    services = list(graph.subjects(rdflib.RDF.type, sd.Service))
    assert len(services) == 1
    assert graph.value(services[0], sd.endpoint) == URIRef(url + "/sparql")
    assert (services[0], sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (services[0], sd.supportedLanguage, sd.SPARQL11Update) not in graph


def test_landing_page(url, http):
    from kg.queries import catalogue
    from kg.vocab import ONTOLOGY_IRI

    response = http.get(url + "/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<textarea" in page and 'href="sparql"' in page and ONTOLOGY_IRI in page
    assert "<script src" not in page and "<link" not in page  # self-contained: nothing fetched
    queries = {name for name, q in catalogue().items() if not q.is_update}
    assert "kb/clear-subjects" not in queries and "persons" in queries  # the editor runs queries, not updates
    for name in catalogue():
        assert (f'data-name="{name}"' in page) == (name in queries)
    script = page.split("const QUERIES = ", 1)[1].split(";\n", 1)[0]
    assert set(json.loads(script)) == queries


def test_cors_only_when_configured(url, update_url, http):
    origin = {"Origin": "http://example.net"}
    plain = http.get(url + "/sparql", params={"query": ALL}, headers=origin)
    assert "access-control-allow-origin" not in plain.headers
    cors = http.get(update_url + "/sparql", params={"query": ALL}, headers=origin)
    assert cors.headers["access-control-allow-origin"] == "http://example.net"


def test_landing_page_links_the_conflict_report():
    from kg.landing import landing_page
    from kg.vocab import CONFLICTS_GRAPH

    page = landing_page()
    assert "rdf-graphs/service?graph=" in page and "conflicts" in page and str(CONFLICTS_GRAPH).split("/")[-1] in page


# -- hardening ----------------------------------------------------------------------------


@pytest.mark.parametrize("query, needle", [
    ("SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000, "nested"),
    ("SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }", "nested"),
    ("SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 20000) + " }", "operators"),
    ("SELECT * WHERE { ?s " + "/".join(["<http://example.org/p>"] * 20000) + " ?o }", "operators"),
    ("SELECT * WHERE { BIND(" + "+".join(["1"] * 20000) + " AS ?x) }", "operators"),
])
def test_pathological_queries_are_refused_and_the_server_lives(query, needle):
    # each of these crashes the engine's recursive parser (and the process) when let through
    with running(_filled(), max_body_bytes=10_000_000) as base, httpx.Client(trust_env=False, timeout=30) as http:
        response = http.post(base + "/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 400 and needle in response.json()["error"]
        assert _count(http.get(base + "/sparql", params={"query": ALL})) == 5


def test_ordinary_nesting_is_allowed(url, http):
    query = "SELECT * WHERE " + "{" * 20 + " ?s ?p ?o " + "}" * 20
    assert _count(http.get(url + "/sparql", params={"query": query})) == 5


CROSS = "SELECT * WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(9)) + " }"  # 5^9 rows


def test_a_runaway_streaming_query_is_stopped_and_frees_its_slot():
    with running(_filled(), max_results=10**9, query_timeout=1.0, max_concurrent_queries=1) as base, \
            httpx.Client(trust_env=False, timeout=30) as http:
        runaway = http.get(base + "/sparql", params={"query": CROSS})
        assert runaway.status_code == 503
        # one query slot: this only gets an answer if the runaway query's thread has let go of it
        time.sleep(0.5)
        assert _count(http.get(base + "/sparql", params={"query": ALL})) == 5


def test_security_headers(url, http):
    page = http.get(url + "/")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    for response in (page, http.get(url + "/sparql", params={"query": ALL}), http.get(url + "/nope")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                                  "/ontology/..%2f..%2fpyproject.toml", "//etc/passwd"])
def test_no_files_outside_the_app(url, path):
    import socket as sock
    from urllib.parse import urlsplit

    # raw request line: httpx would normalise the dots away
    parts = urlsplit(url)
    with sock.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    assert status in (400, 404) and b"root:" not in data and b"[project]" not in data


@pytest.mark.parametrize("accept, media, rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("text/turtle;q=0.9, text/html;q=0.5", "text/turtle", "turtle"),
])
def test_ontology_content_negotiation(url, http, accept, media, rdflib_format):
    from kg.vocab import ONTOLOGY_IRI

    response = http.get(url + "/ontology", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert (URIRef(ONTOLOGY_IRI), rdflib.RDF.type, rdflib.OWL.Ontology) in graph
    assert "accept" in response.headers["vary"].lower()


def test_ontology_documentation_for_browsers(url, http):
    page = http.get(url + "/ontology", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="Person"' in page.text and "content-security-policy" in page.headers
    turtle = http.get(url + "/ontology.ttl")
    assert turtle.headers["content-type"].startswith("text/turtle") and b"owl:Ontology" in turtle.content
    assert http.get(url + "/ontology.exe").status_code == 404
    assert 'href="ontology"' in http.get(url + "/").text
