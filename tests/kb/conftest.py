"""Fixtures for tests/kb: the Wikidata slice, the packaged snapshot loaded once, its index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The CC0 slice the snapshot is built from (a sibling checkout: ../shared/wikidata).
SLICE = Path(os.environ.get("KG_WIKIDATA_SLICE", ROOT.parent / "shared" / "wikidata"))


@pytest.fixture(scope="session")
def slice_dir() -> Path:
    if not (SLICE / "derived" / "kb_wikidata_2022.ttl").is_file():
        pytest.skip(f"the Wikidata slice is not at {SLICE}; set KG_WIKIDATA_SLICE")
    return SLICE


@pytest.fixture(scope="session")
def snapshot_file() -> Path:
    from kg.kb import snapshot_path

    return snapshot_path()


@pytest.fixture(scope="session")
def snapshot_store(snapshot_file):
    """An in-memory kg ``Store`` holding the packaged snapshot; tests must not modify it."""
    from kg.kb import load_snapshot
    from kg.store import Store

    store = Store(None)
    load_snapshot(store, snapshot_file)
    return store


@pytest.fixture(scope="session")
def kb(snapshot_store):
    from kg.kb import KnowledgeBase

    return KnowledgeBase.from_store(snapshot_store)
