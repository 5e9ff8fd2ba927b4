"""`kg push` into a real, independent store: the Oxigraph server on loopback, over both protocols."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.cli import main
from kg.push import push
from kg.store import Store

OXIGRAPH = shutil.which("oxigraph") or shutil.which("oxigraph", path=os.path.dirname(sys.executable))
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None,
                                    reason="the oxigraph server (PyPI package oxigraph) is not installed")
EX = "http://example.org/"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1, trust_env=False)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def per_graph(query_url: str, **kw) -> dict[str, int]:
    """Triples per named graph on a target, read back with a SPARQL query."""
    r = httpx.post(query_url, data={"query": PER_GRAPH}, headers={"Accept": "application/sparql-results+json"},
                   trust_env=False, timeout=60, **kw)
    r.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}


def source_counts(store: Store) -> dict[str, int]:
    return {g: store.count(URIRef(g)) for g in store.graphs()}


def sample_graphs(big: int = 300) -> dict:
    """A graph of ``big`` triples with typed, language-tagged and escaped literals, and a small one."""
    g1 = []
    for i in range(big):
        s = URIRef(f"{EX}item/{i}")
        g1 += [(s, URIRef(EX + "n"), Literal(i)),
               (s, URIRef(EX + "day"), Literal(f"2021-01-{i % 28 + 1:02d}", datatype=XSD.date)),
               (s, URIRef(EX + "label"), Literal(f"item {i} «é»", lang="fr"))]
    g2 = [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("é \"quoted\" \n line"))]
    return {URIRef(EX + "g1"): g1, URIRef(EX + "g2"): g2}


@pytest.fixture()
def oxigraph(tmp_path):
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "kg")
    s.replace_graphs(sample_graphs())
    s.flush()
    return s


@needs_oxigraph
@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
@pytest.mark.parametrize("limit", [None, 8_000])  # one request per graph; g1 (900 triples, ~55 KB) in parts
def test_push_is_idempotent(oxigraph, store, protocol, path, limit):
    expected = source_counts(store)
    for _ in range(2):
        summary = push(store, oxigraph + path, protocol=protocol, max_request_bytes=limit)
        assert summary.graphs == 2 and not summary.failed
        assert per_graph(oxigraph + "/query") == expected
    if limit is None:
        assert summary.requests == 2
    else:
        assert summary.requests > 10  # g1's parts and its MOVE, g2 in one


@needs_oxigraph
def test_a_graph_in_parts_replaces_the_old_one_and_leaves_no_temporary_graph(oxigraph, store):
    old = [(URIRef(EX + "old"), URIRef(EX + "p"), Literal(n)) for n in range(5)]
    httpx.put(oxigraph + "/store", params={"graph": EX + "g1"}, trust_env=False,
              content="".join(f"<{s}> <{p}> \"{o}\" .\n" for s, p, o in old).encode(),
              headers={"Content-Type": "application/n-triples"}).raise_for_status()
    push(store, oxigraph + "/store", max_request_bytes=8_000)
    assert per_graph(oxigraph + "/query") == source_counts(store)  # old triples gone, no urn:uuid graph left


@needs_oxigraph
def test_a_refused_move_leaves_the_target_graph_as_it_was(oxigraph, store):
    httpx.put(oxigraph + "/store", params={"graph": EX + "g1"}, content=b"<urn:x> <urn:y> <urn:z> .\n",
              headers={"Content-Type": "application/n-triples"}, trust_env=False).raise_for_status()
    summary = push(store, oxigraph + "/store", max_request_bytes=8_000, update_url=oxigraph + "/no-such-endpoint")
    assert summary.graphs == 1 and len(summary.failed) == 1
    assert "HTTP 404" in summary.failed[0] and "left as it was" in summary.failed[0]
    assert per_graph(oxigraph + "/query") == {EX + "g1": 1, EX + "g2": 1}  # temporary graph dropped too


@needs_oxigraph
def test_push_one_graph_from_the_cli(oxigraph, store, tmp_path, capsys):
    code = main(["push", oxigraph + "/store", "--store", str(tmp_path / "kg"), "--graph", EX + "g2"])
    assert code == 0 and per_graph(oxigraph + "/query") == {EX + "g2": 1}
    assert "pushed 1 graph(s), 1 triple(s) in 1 request(s)" in capsys.readouterr().err


@needs_oxigraph
def test_the_cli_takes_the_request_size(oxigraph, store, tmp_path, capsys):
    code = main(["push", oxigraph + "/update", "--protocol", "update", "--store", str(tmp_path / "kg"),
                 "--max-request-bytes", "8000"])
    assert code == 0 and per_graph(oxigraph + "/query") == source_counts(store)


def test_unreachable_target_is_a_clear_error(store, capsys, tmp_path):
    code = main(["push", f"http://127.0.0.1:{free_port()}/store", "--store", str(tmp_path / "kg")])
    assert code != 0 and "cannot reach" in capsys.readouterr().err


def test_a_graph_not_in_the_store_is_an_error(store, capsys, tmp_path):
    code = main(["push", f"http://127.0.0.1:{free_port()}/store", "--store", str(tmp_path / "kg"),
                 "--graph", EX + "nothing"])
    assert code != 0 and f"no graph {EX}nothing in the store" in capsys.readouterr().err
