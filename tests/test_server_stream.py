"""Streamed answers: a big answer that cannot be cut is sent chunked as the query worker writes it.

The real `kg serve` stack (worker processes on an on-disk store) on 127.0.0.1 and a free port.
Each streamed case has a buffered twin: the same query where the row cap could cut it.
"""

from __future__ import annotations

import json
import socket
import time

import httpx
import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.sparql_protocol import STREAM_CHUNK
from kg.store import Store
from tests.test_server_limits import serving

EX = rdflib.Namespace("http://example.org/")
ROWS = 6000
ALL = "SELECT ?s ?o WHERE { ?s ?p ?o }"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("stream") / "store"
    store = Store(path)
    text = "a literal long enough to make the answer big " * 3
    store.replace_graphs({URIRef("http://example.org/g"): [(EX[f"s{i}"], EX.p, Literal(f"{i} {text}"))
                                                           for i in range(ROWS)]})
    store.flush()
    del store
    return path


@pytest.fixture()
def http():
    with httpx.Client(trust_env=False, timeout=30) as client:
        yield client


def _get(http, base, query, headers=JSON_RESULTS):
    return http.get(base + "/sparql", params={"query": query}, headers=headers)


def _rows(response) -> list:
    return response.json()["results"]["bindings"]


def test_a_big_answer_within_its_own_limit_is_streamed_and_whole(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=ROWS, max_concurrent_queries=1) as (base, _):
        streamed = _get(http, base, ALL + f" LIMIT {ROWS}")
        buffered = _get(http, base, ALL)  # the twin: no LIMIT, so the cap might cut it
        assert streamed.status_code == buffered.status_code == 200
        assert len(streamed.content) > STREAM_CHUNK
        assert streamed.headers.get("transfer-encoding") == "chunked" and "content-length" not in streamed.headers
        assert buffered.headers.get("content-length") == str(len(buffered.content))
        assert "x-kg-truncated" not in streamed.headers and "x-kg-truncated" not in buffered.headers
        assert streamed.headers["content-type"].startswith("application/sparql-results+json")
        assert streamed.headers["x-content-type-options"] == "nosniff"
        key = lambda row: row["s"]["value"]  # noqa: E731
        assert sorted(_rows(streamed), key=key) == sorted(_rows(buffered), key=key)
        assert len(_rows(streamed)) == ROWS


def test_a_limit_over_the_cap_is_buffered_and_cut(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=ROWS - 1, max_concurrent_queries=1) as (base, _):
        cut = _get(http, base, ALL + f" LIMIT {ROWS}")
        assert cut.headers.get("x-kg-truncated") == "true" and "content-length" in cut.headers
        assert len(_rows(cut)) == ROWS - 1


def test_a_small_answer_keeps_its_content_length(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=ROWS, max_concurrent_queries=1) as (base, _):
        small = _get(http, base, ALL + " LIMIT 3")
        assert small.headers.get("content-length") == str(len(small.content)) and len(_rows(small)) == 3


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values", "application/sparql-results+xml"])
def test_every_results_format_streams(big_store, http, accept):
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        streamed = _get(http, base, ALL, headers={"Accept": accept})
        assert streamed.status_code == 200 and streamed.headers.get("transfer-encoding") == "chunked"
        assert streamed.headers["content-type"].startswith(accept)
        assert streamed.text.count("http://example.org/s") == ROWS


def test_no_cap_streams_graphs_whole(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        graph = _get(http, base, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", headers={"Accept": "application/n-triples"})
        assert graph.headers.get("transfer-encoding") == "chunked" and "x-kg-truncated" not in graph.headers
        assert len(graph.text.splitlines()) == ROWS
        assert len(rdflib.Graph().parse(data=graph.text, format="nt")) == ROWS


def _stalled_client(base: str, query: str) -> tuple[socket.socket, bytes]:
    """A client that sends ``query``, reads the head and a little of the answer, and stops reading."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    path = "/sparql?" + str(httpx.QueryParams({"query": query}))
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/csv\r\n\r\n".encode())
    return sock, sock.recv(4096)


def _rest(sock: socket.socket, got: bytes) -> bytes:
    sock.settimeout(10)
    while chunk := sock.recv(65536):
        got += chunk
    sock.close()
    return got


def test_a_client_that_stops_reading_loses_the_connection_not_the_slot(big_store, http):
    # one slot; the answer (~60 MB) is much bigger than the socket buffers
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1,
                 query_timeout=1.5) as (base, _):
        stalled = _stalled_client(base, "SELECT ?s ?o ?o2 WHERE { ?s ?p ?o . ?s2 ?p ?o2 } LIMIT 200000")
        time.sleep(2.0)  # past the deadline, the client still not reading: the slot must be free
        answer = _get(http, base, ALL + " LIMIT 2")
        assert answer.status_code == 200 and len(_rows(answer)) == 2
        head, _, body = _rest(*stalled).partition(b"\r\n\r\n")
        assert b"200 OK" in head.split(b"\r\n")[0] and b"transfer-encoding: chunked" in head.lower()
        assert not body.endswith(b"0\r\n\r\n")  # no last chunk: the client can tell the answer is incomplete
        assert len(body) < 10_000_000


def test_a_client_that_goes_away_frees_the_slot(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1,
                 query_timeout=20) as (base, _):
        with http.stream("GET", base + "/sparql", params={"query": ALL}, headers=JSON_RESULTS) as response:
            assert response.headers.get("transfer-encoding") == "chunked"
            next(response.iter_bytes())
        started = time.monotonic()
        answer = _get(http, base, ALL + " LIMIT 2")
        assert answer.status_code == 200 and time.monotonic() - started < 5


@pytest.mark.parametrize("cross", [
    "SELECT ?s ?o ?o2 WHERE { ?s ?p ?o . ?s2 ?p ?o2 }",  # 36M rows: far more than 1 s of output
    # its first rows come at once, then it computes for long without writing a byte (the worker cannot
    # notice its deadline then: the server must)
    "SELECT ?s ?o WHERE { { ?s ?p ?o } UNION { ?s ?p ?o . ?s2 ?p ?o2 FILTER(STRLEN(?o) < STRLEN(?o2) - 1000) } }",
])
def test_the_stream_is_cut_at_the_deadline(big_store, http, cross):
    """A streamed answer still running at query_timeout is cut: the client sees an incomplete body."""
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1,
                 query_timeout=1.0) as (base, _):
        started = time.monotonic()
        with pytest.raises(httpx.RemoteProtocolError):
            with http.stream("GET", base + "/sparql", params={"query": cross}, headers={"Accept": "text/csv"}) as r:
                assert r.status_code == 200 and r.headers.get("transfer-encoding") == "chunked"
                for _ in r.iter_bytes():
                    pass
        assert time.monotonic() - started < 3
        answer = _get(http, base, ALL + " LIMIT 2")
        assert answer.status_code == 200 and len(_rows(answer)) == 2


def test_json_of_a_streamed_answer_parses(big_store, http):
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        with http.stream("GET", base + "/sparql", params={"query": ALL}, headers=JSON_RESULTS) as response:
            chunks = list(response.iter_raw())
        assert len(chunks) > 1
        assert len(json.loads(b"".join(chunks))["results"]["bindings"]) == ROWS


def test_no_cap_on_an_in_memory_store_answers_whole(http):
    """The thread runner (in-memory stores) never streams; with no cap it answers every row, uncut."""
    from tests.test_server import running

    store = Store(None)
    store.replace_graphs({URIRef("http://example.org/g"): [(EX[f"s{i}"], EX.p, Literal(i)) for i in range(3000)]})
    with running(store, max_results=0) as base:
        whole = _get(http, base, ALL)
        assert "x-kg-truncated" not in whole.headers and len(_rows(whole)) == 3000
    with running(store, max_results=10) as base:
        cut = _get(http, base, ALL)
        assert cut.headers.get("x-kg-truncated") == "true" and len(_rows(cut)) == 10


def test_slow_readers_cannot_take_every_slot(big_store, http):
    """Streams whose clients do not read are long queries after short_query_seconds: when a query waits and
    they hold more than their share of the slots (all but a quarter), one gives its slot up."""
    with serving(Store(big_store, read_only=True), max_results=200_000, max_concurrent_queries=4,
                 query_timeout=6) as (base, _):
        query = "SELECT ?s ?o ?o2 WHERE { ?s ?p ?o . ?s2 ?p ?o2 } LIMIT 200000"
        stalled = [_stalled_client(base, query) for _ in range(4)]
        time.sleep(1.5)  # past short_query_seconds (6 / 8 s): all four are long queries now
        started = time.monotonic()
        answer = _get(http, base, ALL + " LIMIT 2")
        assert answer.status_code == 200 and time.monotonic() - started < 2.5
        for sock, _ in stalled:
            sock.close()


def test_an_http_1_0_client_gets_a_content_length_not_chunks(big_store):
    """RFC 9112 section 6.1: no Transfer-Encoding to an HTTP/1.0 request; the answer is sent whole."""
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port))) as sock:
            path = "/sparql?" + str(httpx.QueryParams({"query": ALL}))
            sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: text/csv\r\n\r\n".encode())
            sock.settimeout(20)
            got = b""
            while chunk := sock.recv(65536):
                got += chunk
        head, _, body = got.partition(b"\r\n\r\n")
        assert b"transfer-encoding" not in head.lower()
        length = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
        assert length and int(length[0].split(b":")[1]) == len(body)
        assert body.count(b"http://example.org/s") == ROWS


def test_head_gets_the_get_s_status_and_length_without_a_body(big_store, http):
    """RFC 9110 section 9.3.2: HEAD answers with the header fields of the GET, and no content."""
    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        get = _get(http, base, ALL)
        head = http.head(base + "/sparql", params={"query": ALL}, headers=JSON_RESULTS)
        bad = http.head(base + "/sparql", params={"query": "SELECT WHERE {"}, headers=JSON_RESULTS)
    assert get.headers.get("transfer-encoding") == "chunked"  # (the GET streams: the twin)
    assert head.status_code == 200 and head.content == b""
    assert "transfer-encoding" not in head.headers
    assert int(head.headers["content-length"]) == len(get.content)
    assert head.headers["content-type"] == get.headers["content-type"]
    assert bad.status_code == 400 and bad.content == b""


def test_sparqlwrapper_reads_a_streamed_answer(big_store):
    from SPARQLWrapper import JSON, SPARQLWrapper

    with serving(Store(big_store, read_only=True), max_results=0, max_concurrent_queries=1) as (base, _):
        client = SPARQLWrapper(base + "/sparql")
        client.setQuery(ALL)
        client.setReturnFormat(JSON)
        result = client.query()
        assert result.response.headers.get("Transfer-Encoding") == "chunked"
        assert len(result.convert()["results"]["bindings"]) == ROWS
