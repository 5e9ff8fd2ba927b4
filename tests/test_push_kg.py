"""`kg push` into another `kg serve --allow-update` started as a user would, with its DEFAULT limits
(1 MB bodies): a graph over the limit arrives whole, twice, over both protocols."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.push import MAX_REQUEST_BYTES, push
from kg.store import Store
from tests.test_push import EX, free_port, per_graph, sample_graphs, source_counts, wait_for

TOKEN = "push-test-token"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("source") / "kg"
    store = Store(path)
    graphs = sample_graphs(big=4_000)  # ~1.3 MB of N-Triples: over kg serve's default body limit
    graphs[URIRef(EX + "g3")] = [(URIRef(EX + "x"), URIRef(EX + "n"), Literal(n)) for n in range(3)]
    store.replace_graphs(graphs)
    store.flush()
    return store, path


@pytest.fixture()
def kg_serve(tmp_path):
    """`python -m kg serve --allow-update` on a free port, no setting but the token changed."""
    port = free_port()
    env = {**os.environ, "KG_TOKEN": TOKEN, "PYTHONPATH": os.getcwd()}
    env = {k: v for k, v in env.items() if not k.startswith("KG_") or k == "KG_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--allow-update", "--store", str(tmp_path / "t"),
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_sample_is_over_the_default_body_limit(source):
    store, _ = source
    from kg.store import dumps
    assert len(dumps(store, "nt", URIRef(EX + "g1"))) > 1_000_000 > MAX_REQUEST_BYTES


@pytest.mark.parametrize("protocol, path", [
    ("gsp", "/rdf-graphs/service"),
    ("update", "/sparql"),
])
def test_push_into_kg_serve_with_default_limits_twice(source, kg_serve, protocol, path):
    store, _ = source
    expected = source_counts(store)
    for _ in range(2):
        summary = push(store, kg_serve + path, protocol=protocol, token=TOKEN)
        assert not summary.failed, summary.failed
        assert summary.graphs == 3 and summary.requests > 3  # g1 went in parts
        assert per_graph(kg_serve + "/sparql") == expected


def test_push_into_kg_serve_from_the_cli(source, kg_serve, capsys):
    store, path = source
    code = main(["push", kg_serve + "/rdf-graphs/service", "--store", str(path), "--bearer", TOKEN])
    err = capsys.readouterr().err
    assert code == 0, err
    assert per_graph(kg_serve + "/sparql") == source_counts(store)


def test_a_wrong_token_is_a_clear_refusal(source, kg_serve):
    store, _ = source
    summary = push(store, kg_serve + "/rdf-graphs/service", token="wrong", graphs=[EX + "g3"])
    assert summary.graphs == 0
    assert "HTTP 401" in summary.failed[0] and "bearer token" in summary.failed[0]
    assert "--bearer" in summary.failed[0]  # what to do
    assert per_graph(kg_serve + "/sparql") == {}
