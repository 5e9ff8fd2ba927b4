"""`kg push` authentication: bearer tokens into kg's own read-write endpoint; Basic and Digest
against small local servers of our own that check the credentials as RFC 7617 / RFC 7616 say."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rdflib import Literal, URIRef

from kg.errors import ExportError
from kg.push import push
from kg.store import Store
from tests.test_server import TOKEN, running

EX = "http://example.org/"
USER, PASSWORD, REALM = "ann", "pa:ss wörd", "kg-test"


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


def test_push_into_a_read_only_kg_serve_is_refused_with_what_to_do(source):
    target = Store(None)
    with running(target) as base:
        summary = push(source, base + "/rdf-graphs/service", token=TOKEN)
    assert summary.graphs == 0 and all("HTTP 403" in f for f in summary.failed)
    assert "--allow-update" in summary.failed[0]


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class _Guarded(BaseHTTPRequestHandler):
    """Accepts PUT/POST only with valid credentials of the class's scheme; records every request."""

    scheme = "Digest"
    seen: list[tuple[str, str | None, bool]] = []
    nonce = secrets.token_hex(8)

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization")
        if not header:
            return False
        kind, _, rest = header.partition(" ")
        if kind != self.scheme:
            return False
        if kind == "Basic":
            return base64.b64decode(rest).decode() == f"{USER}:{PASSWORD}"
        f = dict(re.findall(r'(\w+)="?([^",]*)"?', rest))
        if f.get("username") != USER or f.get("realm") != REALM or f.get("nonce") != self.nonce:
            return False
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{f['uri']}")
        return f.get("response") == _md5(f"{ha1}:{self.nonce}:{f['nc']}:{f['cnonce']}:{f['qop']}:{ha2}")

    def _handle(self):
        size = len(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        ok = self._authorised()
        self.seen.append((self.command, self.headers.get("Authorization"), ok))
        self.sizes.append((self.command, ok, size))
        if ok:
            self.send_response(204)
        else:
            self.send_response(401)
            challenge = (f'Digest realm="{REALM}", qop="auth", nonce="{self.nonce}", algorithm=MD5'
                         if self.scheme == "Digest" else f'Basic realm="{REALM}"')
            self.send_header("WWW-Authenticate", challenge)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = do_DELETE = do_HEAD = _handle  # noqa: N815 - http.server's naming

    def log_message(self, *args):
        pass


@contextmanager
def guarded(scheme: str):
    handler = type("Handler", (_Guarded,), {"scheme": scheme, "seen": [], "sizes": []})
    guarded.sizes = handler.sizes  # (command, authorised, body bytes) of each request
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", handler.seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("auth", ["auto", "digest"])
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_digest_auth_as_virtuoso_asks(source, auth, protocol):
    with guarded("Digest") as (url, seen):
        summary = push(source, url + "/sparql-auth", protocol=protocol, user=USER, password=PASSWORD, auth=auth)
    assert summary.graphs == 2 and not summary.failed
    assert sum(ok for _, _, ok in seen) == 2  # each graph went in once, authenticated
    assert not any(header and header.startswith("Basic") for _, header, _ in seen)  # no clear-text password


@pytest.mark.parametrize("auth", ["auto", "digest"])
def test_the_challenge_is_answered_without_resending_the_request(source, auth):
    # a small body is sent unauthenticated once -- the 401 tells the scheme -- then once answered
    with guarded("Digest") as (url, seen):
        push(source, url + "/sparql-auth", user=USER, password=PASSWORD, auth=auth)
    assert [ok for _, _, ok in seen] == [False, True, True]


@pytest.mark.parametrize("auth", ["auto", "digest"])
def test_a_big_body_never_goes_out_unauthenticated(auth):
    # a server may reset the connection on a 401 without reading a big body (Virtuoso does):
    # the scheme is learnt from a HEAD, and each big part is sent once, authenticated
    big = Store(None)
    big.replace_graphs({URIRef(EX + "g"): [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal("x" * 40))
                                           for i in range(3_000)]})
    with guarded("Digest") as (url, _):
        sizes = guarded.sizes
        summary = push(big, url + "/sparql-auth", protocol="update", user=USER, password=PASSWORD, auth=auth,
                       max_request_triples=5_000)
    assert summary.graphs == 1 and not summary.failed
    assert sizes[0] == ("HEAD", False, 0)
    assert [(m, ok) for m, ok, _ in sizes[1:]] == [("POST", True)]
    assert sizes[1][2] > 200_000


def test_digest_with_a_wrong_password_is_refused_clearly(source):
    with guarded("Digest") as (url, _):
        summary = push(source, url + "/sparql-auth", user=USER, password="nope")
    assert summary.graphs == 0 and "HTTP 401" in summary.failed[0]
    assert "it asks for Digest" in summary.failed[0] and "--user/--password" in summary.failed[0]


def test_auto_answers_a_basic_challenge(source):
    with guarded("Basic") as (url, seen):
        summary = push(source, url + "/store", user=USER, password=PASSWORD)
    assert summary.graphs == 2
    assert [ok for _, _, ok in seen] == [False, True, True]  # asked once, then sent on every request


def test_basic_goes_on_every_request_when_asked(source):
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    with guarded("Basic") as (url, seen):
        summary = push(source, url + "/store", user=USER, password=PASSWORD, auth="basic")
    assert summary.graphs == 2
    assert seen == [("PUT", expected, True), ("PUT", expected, True)]


def test_bearer_and_user_together_is_an_error(source):
    with pytest.raises(ExportError, match="not both"):
        push(source, "http://127.0.0.1:9/store", user=USER, token=TOKEN)


class _Slow(BaseHTTPRequestHandler):
    def do_PUT(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(1.5)  # longer than the client waits
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_target_too_slow_to_answer_is_a_timeout_not_unreachable(source):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(ExportError, match=r"did not answer within 0.3 s .* raise --timeout"):
            push(source, f"http://127.0.0.1:{server.server_port}/store", timeout=0.3)
    finally:
        server.shutdown()
        server.server_close()
