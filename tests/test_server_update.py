"""The update side of the SPARQL 1.1 Protocol on `kg serve --allow-update`.

Each test names the rule it checks (SPARQL 1.1 Protocol, W3C Recommendation 2013,
section 2.2 "update operation", and the W3C protocol test suite's cases of the same
names: bad_update_get, bad_multiple_updates, update_dataset_default_graph,
update_dataset_named_graphs, bad_update_dataset_conflict, update_base_uri,
update_post_form, update_post_direct).
"""

from __future__ import annotations

import httpx
import pytest
from rdflib import URIRef

from kg.store import Store
from tests.test_server import EX, TOKEN, _count, running

AUTH = {"Authorization": f"Bearer {TOKEN}"}
G1 = URIRef("http://example.org/graph/one")
G2 = URIRef("http://example.org/graph/two")
G3 = URIRef("http://example.org/graph/three")


@pytest.fixture()
def base():
    store = Store(None)
    store.replace_graphs({G1: [(EX.a, EX.p, EX.b)], G2: [(EX.c, EX.p, EX.d)]})
    with running(store, allow_update=True, token=TOKEN) as url:
        yield url


@pytest.fixture()
def http():
    with httpx.Client(trust_env=False, timeout=30) as client:
        yield client


def _update(http, base, text, params=None, **data):
    return http.post(base + "/sparql", params=params, data={"update": text, **data}, headers=AUTH)


def _rows(http, base, query):
    return _count(http.get(base + "/sparql", params={"query": query}))


def test_bad_update_get(base, http):
    # 2.2: updates are sent by POST only; an update by GET must not run
    response = http.get(base + "/sparql", params={"update": "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"},
                        headers=AUTH)
    assert response.status_code == 405
    assert _rows(http, base, "SELECT * WHERE { <http://x/a> ?p ?o }") == 0


def test_bad_multiple_updates(base, http):
    # 2.2.1.1: exactly one update parameter
    one = "INSERT DATA { <http://x/a> <http://x/b> 1 }"
    response = http.post(base + "/sparql", data={"update": [one, one.replace("1", "2")]}, headers=AUTH)
    assert response.status_code == 400
    assert _rows(http, base, "SELECT * WHERE { <http://x/a> ?p ?o }") == 0


def test_update_dataset_default_graph(base, http):
    # 2.2.3: using-graph-uri is the default graph of the WHERE (as USING would be)
    text = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    assert _update(http, base, text, params={"using-graph-uri": str(G1)}).status_code == 204
    assert _rows(http, base, f"SELECT * WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}") == 1


def test_update_dataset_named_graphs(base, http):
    text = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _update(http, base, text, params={"using-named-graph-uri": str(G2)}).status_code == 204
    rows = http.get(base + "/sparql", params={"query": f"SELECT ?s WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}"}).json()
    assert [b["s"]["value"] for b in rows["results"]["bindings"]] == [str(EX.c)]


@pytest.mark.parametrize("clause", [f"WITH <{G1}> ", ""])
def test_bad_update_dataset_conflict(base, http, clause):
    # 2.2.3: using-graph-uri together with USING, USING NAMED or WITH in the update is an error
    text = (f"{clause}INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} "
            + ("" if clause else f"USING <{G2}> ") + "WHERE { ?s ?p ?o }")
    response = _update(http, base, text, params={"using-graph-uri": str(G1)})
    assert response.status_code == 400 and "using-graph-uri" in response.json()["error"]
    assert _rows(http, base, f"SELECT * WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}") == 0


def test_one_default_graph_rule_for_queries_and_updates(base, http):
    # queries see the union of the graphs as their default graph; so does an update's WHERE
    assert _rows(http, base, "SELECT * WHERE { ?s <http://example.org/p> ?o }") == 2
    text = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ ?s <http://example.org/p> ?o . ?s ?p ?o }}"
    assert _update(http, base, text).status_code == 204
    assert _rows(http, base, f"SELECT * WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}") == 2
    # templates write where they say: without GRAPH into the store's default graph, which holds nothing here
    assert _update(http, base, "DELETE WHERE { ?s <http://example.org/p> <http://example.org/d> }").status_code == 204
    assert _rows(http, base, f"SELECT * WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}") == 1
    assert _update(http, base, "DELETE WHERE { GRAPH ?g { ?s <http://example.org/p> <http://example.org/d> } }"
                   ).status_code == 204
    assert _rows(http, base, f"SELECT * WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}") == 0


def test_update_base_uri(base, http):
    # relative IRIs are resolved against the endpoint's IRI, in updates and in queries
    assert _update(http, base, "INSERT DATA { GRAPH <g> { <s> <p> <o> } }").status_code == 204
    rows = http.get(base + "/sparql", params={"query": "SELECT ?s WHERE { GRAPH <g> { ?s <p> <o> } }"}).json()
    assert [b["s"]["value"] for b in rows["results"]["bindings"]] == [base + "/s"]
    graphs = http.get(base + "/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g = <g>) }",
                                                 "default-graph-uri": "g"})
    assert graphs.status_code == 200


def test_update_post_direct_with_a_charset(base, http):
    text = 'INSERT DATA { GRAPH <http://example.org/graph/three> { <http://x/a> <http://x/name> "Ren\u00e9e" } }'
    response = http.post(base + "/sparql", content=text.encode("latin-1"),
                         headers={**AUTH, "Content-Type": "application/sparql-update; charset=ISO-8859-1"})
    assert response.status_code == 204
    rows = http.get(base + "/sparql", params={"query": "SELECT ?n WHERE { <http://x/a> <http://x/name> ?n }"}).json()
    assert rows["results"]["bindings"][0]["n"]["value"] == "Ren\u00e9e"


def test_unknown_charset_is_415_and_wrong_bytes_400(base, http):
    text = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    response = http.post(base + "/sparql", content=text.encode(),
                         headers={**AUTH, "Content-Type": "application/sparql-update; charset=x-no-such"})
    assert response.status_code == 415
    response = http.post(base + "/sparql", content='ASK { ?s ?p "\u00e9" }'.encode("latin-1"),
                         headers={"Content-Type": "application/sparql-query; charset=utf-8"})
    assert response.status_code == 400 and "utf-8" in response.json()["error"]


def test_query_and_update_by_multipart_form(base, http):
    files = {"update": (None, "INSERT DATA { GRAPH <http://example.org/graph/three> { <http://x/m> <http://x/p> 1 } }")}
    assert http.post(base + "/sparql", files=files, headers=AUTH).status_code == 204
    response = http.post(base + "/sparql", files={"query": (None, "SELECT * WHERE { <http://x/m> ?p ?o }")})
    assert response.status_code == 200 and _count(response) == 1


def test_update_post_form_latin1_percent_encoding(base, http):
    body = "update=" + "INSERT DATA { <http://x/f> <http://x/name> \"Jos\u00e9\" }".replace(" ", "+")
    encoded = body.replace("{", "%7B").replace("}", "%7D").replace('"', "%22").replace("\u00e9", "%E9")
    response = http.post(base + "/sparql", content=encoded.encode("ascii"),
                         headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"})
    assert response.status_code == 204, response.text
    rows = http.get(base + "/sparql", params={"query": "SELECT ?n WHERE { <http://x/f> ?p ?n }"}).json()
    assert rows["results"]["bindings"][0]["n"]["value"] == "Jos\u00e9"


def test_dataset_parameters_of_queries_are_not_for_updates(base, http):
    response = _update(http, base, "INSERT DATA { <http://x/a> <http://x/b> 1 }", params={"default-graph-uri": str(G1)})
    assert response.status_code == 400


def test_an_on_disk_server_sees_its_own_updates(tmp_path, http):
    # the query workers hold read-only views: they reopen when the server's own write changes the store
    store = Store(tmp_path / "store")
    store.replace_graphs({G1: [(EX.a, EX.p, EX.b)]})
    with running(store, allow_update=True, token=TOKEN) as url:
        assert type(store).__name__ == "Store" and store.path is not None
        assert _update(http, url, f"INSERT DATA {{ GRAPH <{G3}> {{ <http://x/n> <http://x/p> 1 }} }}").status_code == 204
        assert _rows(http, url, f"SELECT * WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}") == 1
        text = f"INSERT {{ GRAPH <{G3}> {{ ?s ?p ?o }} }} WHERE {{ ?s <http://example.org/p> ?o . ?s ?p ?o }}"
        assert _update(http, url, text).status_code == 204
        assert _rows(http, url, f"SELECT * WHERE {{ GRAPH <{G3}> {{ ?s ?p ?o }} }}") == 2


def test_a_client_reads_its_own_writes_from_the_query_workers(tmp_path, http):
    """Queries on an on-disk store run in worker processes on read-only views: each answer must
    include every write the server has already answered (GSP PUT, DELETE and SPARQL Update alike),
    not the view of a moment before -- a client that writes and then reads sees its write."""
    store = Store(tmp_path / "kg")
    with running(store, allow_update=True, token=TOKEN, query_workers=True, max_concurrent_queries=2,
                 max_body_bytes=1_000_000, max_results=100_000) as url:
        count = f"SELECT * WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
        assert _rows(http, url, count) == 0  # the workers' views are open before the writes
        for n in (3_000, 10, 5_000):
            body = "".join(f"<http://x/s{i}> <http://x/p> \"{i}\" .\n" for i in range(n))
            response = http.put(url + "/rdf-graphs/service", params={"graph": str(G1)}, content=body,
                                headers={**AUTH, "Content-Type": "application/n-triples"})
            assert response.status_code in (201, 204), response.text
            assert _rows(http, url, count) == n
            assert _update(http, url, f"INSERT DATA {{ GRAPH <{G1}> {{ <http://x/new> <http://x/p> {n} }} }}"
                           ).status_code == 204
            assert _rows(http, url, count) == n + 1
        assert http.delete(url + "/rdf-graphs/service", params={"graph": str(G1)}, headers=AUTH).status_code == 204
        assert _rows(http, url, count) == 0
