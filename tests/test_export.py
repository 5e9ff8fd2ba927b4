"""`kg export`: the format follows the output file's suffix (``.gz`` compresses), or --format."""

from __future__ import annotations

import gzip

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.cli import main
from kg.store import Store

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")


@pytest.fixture()
def store_path(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.replace_graphs({
        G1: [(URIRef(EX + f"s{i}"), URIRef(EX + "p"), Literal(i)) for i in range(5)],
        G2: [(URIRef(EX + "a"), URIRef(EX + "label"), Literal("é \"q\"\nline", lang="fr"))],
    })
    store.flush()
    del store
    return path


def _read(path, rdflib_format, dataset):
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    graph = rdflib.Dataset() if dataset else rdflib.Graph()
    graph.parse(data=data, format=rdflib_format)
    return sum(1 for _ in graph.quads()) if dataset else len(graph)


@pytest.mark.parametrize("name, rdflib_format", [
    ("all.nq", "nquads"), ("all.nq.gz", "nquads"), ("all.trig", "trig"), ("all.jsonld", "json-ld"),
    ("all.trig.gz", "trig"),
])
def test_dataset_export_by_suffix(store_path, tmp_path, name, rdflib_format):
    out = tmp_path / name
    assert main(["export", "--store", str(store_path), "-o", str(out)]) == 0
    assert _read(out, rdflib_format, dataset=True) == 6


@pytest.mark.parametrize("name, rdflib_format", [
    ("g.ttl", "turtle"), ("g.nt", "nt"), ("g.rdf", "xml"), ("g.ttl.gz", "turtle"), ("g.jsonld", "json-ld"),
])
def test_one_graph_export_by_suffix(store_path, tmp_path, name, rdflib_format):
    out = tmp_path / name
    assert main(["export", "--store", str(store_path), "--graph", str(G1), "-o", str(out)]) == 0
    assert _read(out, rdflib_format, dataset=False) == 5


def test_explicit_format_wins_over_the_suffix(store_path, tmp_path):
    out = tmp_path / "data.txt"
    assert main(["export", "--store", str(store_path), "--format", "trig", "-o", str(out)]) == 0
    assert _read(out, "trig", dataset=True) == 6


def test_unknown_suffix_asks_for_a_format(store_path, tmp_path, capsys):
    assert main(["export", "--store", str(store_path), "-o", str(tmp_path / "data.txt")]) != 0
    assert "pass --format" in capsys.readouterr().err


def test_single_graph_format_needs_a_graph(store_path, tmp_path, capsys):
    assert main(["export", "--store", str(store_path), "-o", str(tmp_path / "all.ttl")]) != 0
    assert "--graph" in capsys.readouterr().err


def test_stdout_defaults_to_nquads(store_path, capsysbinary):
    assert main(["export", "--store", str(store_path)]) == 0
    ds = rdflib.Dataset()
    ds.parse(data=capsysbinary.readouterr().out, format="nquads")
    assert sum(1 for _ in ds.quads()) == 6
