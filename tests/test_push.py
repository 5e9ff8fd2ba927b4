"""`kg push` into a real, independent store: the Oxigraph server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import httpx
import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.push import push
from kg.store import Store

OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (PyPI package oxigraph) is not installed")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture()
def server(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1, trust_env=False)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def _count(base: str) -> int:
    r = httpx.post(base + "/query", data={"query": COUNT}, headers={"Accept": "text/csv"}, trust_env=False)
    return int(r.text.split()[1])


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "kg")
    ex = "http://example.org/"
    s.replace_graphs({
        URIRef(ex + "g1"): [(URIRef(ex + f"s{i}"), URIRef(ex + "p"), Literal(f"o{i}")) for i in range(50)],
        URIRef(ex + "g2"): [(URIRef(ex + "a"), URIRef(ex + "p"), Literal("é \"quoted\" \n line"))],
    })
    s.flush()
    return s


@pytest.mark.parametrize("protocol, path", [("gsp", "/store"), ("update", "/update")])
def test_push_is_idempotent(server, store, protocol, path):
    first = push(store, server + path, protocol=protocol)
    assert first.graphs == 2 and not first.failed
    assert _count(server) == len(store) == 51
    push(store, server + path, protocol=protocol)
    assert _count(server) == 51


def test_push_one_graph_from_the_cli(server, store, tmp_path, capsys):
    code = main(["push", server + "/store", "--store", str(tmp_path / "kg"), "--graph", "http://example.org/g2"])
    assert code == 0 and _count(server) == 1
    assert "pushed 1 graph(s), 1 triple(s)" in capsys.readouterr().err


def test_unreachable_target_is_a_clear_error(store, capsys, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = main(["push", f"http://127.0.0.1:{port}/store", "--store", str(tmp_path / "kg")])
    assert code != 0 and "cannot reach" in capsys.readouterr().err
