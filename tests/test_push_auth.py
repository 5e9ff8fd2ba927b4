"""`kg push` authentication: bearer tokens into kg's own read-write endpoint, basic auth on the wire."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Literal, URIRef

from kg.push import push
from kg.store import Store
from tests.test_server import TOKEN, running

EX = "http://example.org/"


@pytest.fixture()
def source():
    store = Store(None)
    store.replace_graphs({
        URIRef(EX + "g1"): [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(20)],
        URIRef(EX + "g2"): [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("two", lang="en"))],
    })
    return store


@pytest.mark.parametrize("protocol, path", [("gsp", "/rdf-graphs/service"), ("update", "/sparql")])
def test_push_into_kg_serve_with_a_bearer_token(source, protocol, path):
    target = Store(None)
    with running(target, allow_update=True, token=TOKEN) as base:
        refused = push(source, base + path, protocol=protocol, token="wrong")
        assert refused.graphs == 0 and len(refused.failed) == 2 and "HTTP 401" in refused.failed[0]
        assert len(target) == 0
        for _ in range(2):  # idempotent
            done = push(source, base + path, protocol=protocol, token=TOKEN)
            assert done.graphs == 2 and not done.failed
            assert len(target) == len(source) == 21


def test_push_into_a_read_only_kg_serve_is_refused(source):
    target = Store(None)
    with running(target) as base:
        summary = push(source, base + "/rdf-graphs/service", token=TOKEN)
    assert summary.graphs == 0 and all("HTTP 403" in f for f in summary.failed)


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None]] = []

    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append((self.command, self.headers.get("Authorization")))
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_basic_auth_goes_on_every_request(source):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        _Recorder.seen = []
        summary = push(source, f"http://127.0.0.1:{server.server_port}/store", user="ann", password="pa:ss")
    finally:
        server.shutdown()
    expected = "Basic " + base64.b64encode(b"ann:pa:ss").decode()
    assert summary.graphs == 2
    assert _Recorder.seen == [("PUT", expected), ("PUT", expected)]
