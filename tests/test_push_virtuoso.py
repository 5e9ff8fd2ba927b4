"""`kg push` into OpenLink Virtuoso 7 (Debian's ``virtuoso-opensource``) with its default settings,
over its Graph Store endpoint and SPARQL Update, with Digest auth (dba/dba of a fresh database).
Skipped when ``virtuoso-t`` is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.push import push
from kg.store import Store
from tests.test_push import EX, free_port, per_graph, sample_graphs, source_counts, wait_for

VIRTUOSO = shutil.which("virtuoso-t")
INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
pytestmark = pytest.mark.skipif(VIRTUOSO is None or not INI.exists(),
                                reason="Virtuoso (Debian package virtuoso-opensource) is not installed")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso database in a temporary folder, its SQL and HTTP ports free ones on loopback."""
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    lines = []
    section = ""
    for line in INI.read_text().splitlines():
        if line.startswith("["):
            section = line.strip()
        line = line.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
        if line.split("=")[0].strip() == "ServerPort" and section in ("[Parameters]", "[HTTPServer]"):
            line = f"ServerPort = 127.0.0.1:{sql_port if section == '[Parameters]' else http_port}"
        lines.append(line)
    (folder / "virtuoso.ini").write_text("\n".join(lines) + "\n")
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", proc, seconds=180)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def source():
    store = Store(None)
    store.replace_graphs(sample_graphs(big=4_000))  # 12,000 triples, ~1.3 MB: several parts either way
    return store


def _ours(counts: dict[str, int]) -> dict[str, int]:
    return {g: n for g, n in counts.items() if g.startswith(EX)}  # Virtuoso holds system graphs too


@pytest.mark.parametrize("protocol, path", [("update", "/sparql-auth"), ("gsp", "/sparql-graph-crud-auth")])
def test_push_into_virtuoso_with_digest_twice(virtuoso, source, protocol, path):
    for _ in range(2):
        summary = push(source, virtuoso + path, protocol=protocol, user="dba", password="dba")
        assert not summary.failed, summary.failed
        assert _ours(per_graph(virtuoso + "/sparql")) == source_counts(source)


def test_a_too_big_insert_is_explained(virtuoso, source):
    summary = push(source, virtuoso + "/sparql-auth", protocol="update", user="dba", password="dba",
                   max_request_triples=5_000, graphs=[EX + "g1"])
    assert summary.graphs == 0 and "--max-request-triples" in summary.failed[0]
    assert _ours(per_graph(virtuoso + "/sparql")).get(EX + "g1") in (None, source.count(URIRef(EX + "g1")))
