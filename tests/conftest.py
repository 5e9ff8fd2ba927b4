"""Shared fixtures: the spaCy pipeline (loaded once), sample paths, fresh stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract import load_nlp

    return load_nlp()


@pytest.fixture()
def store(tmp_path):
    from kg.store import Store

    return Store(tmp_path / "store")


@pytest.fixture()
def mem_store():
    from kg.store import Store

    return Store(None)


@pytest.fixture(scope="session")
def kb():
    from kg.kb.index import KnowledgeBase

    return KnowledgeBase.from_snapshot()


@pytest.fixture(scope="session")
def nlp_kb(kb):
    """The pipeline with the knowledge base's names, and the KB (loaded once per test run)."""
    from kg.extract import load_nlp
    from kg.link.candidates import ruler_patterns

    return load_nlp(patterns=ruler_patterns(kb)), kb


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory) -> Path:
    """The bundled samples built and checked (so the conflicts graph exists): a real kg store."""
    from kg.cli import main

    path = tmp_path_factory.mktemp("samples") / "store"
    assert main(["build", str(SAMPLES), "--store", str(path)]) == 0
    assert main(["check", "--store", str(path), "--format", "jsonl", "-o", str(path.parent / "c.jsonl")]) == 0
    return path
