"""bench/sst_memory.py reads the engine's own files: checked against SST files pyoxigraph writes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("sst_memory", ROOT / "bench" / "sst_memory.py")
sst_memory = sys.modules["sst_memory"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sst_memory)


def _store(path: Path, n: int) -> Path:
    store = ox.Store(str(path))  # (transactional writes, as kg build makes: the bulk loader writes other tables)
    g = ox.NamedNode("https://example.org/g")
    store.extend(ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                         ox.Literal(f"value number {i} " * 3), g) for i in range(n))
    store.flush()
    store.optimize()
    del store
    return path


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    base = tmp_path_factory.mktemp("sst")
    return _store(base / "small", 20_000), _store(base / "large", 80_000)


def test_the_index_and_filter_blocks_of_pyoxigraph_files_are_read(stores):
    small, large = (sst_memory.measure(p) for p in stores)
    assert small.files > 0 and small.unread == 0
    assert small.index > 0 and small.filter > 0  # (id2str has a Bloom filter: format_version 6+ files)
    # the index has an entry per 4 KiB data block: it grows with the data, and is a small part of it
    assert large.index > 2 * small.index
    assert 0.001 < large.resident / large.data < 0.1


def test_a_file_being_written_is_left_out_not_misread(stores, tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    whole = sorted(stores[0].glob("*.sst"))[0]
    (folder / "000001.sst").write_bytes(whole.read_bytes())
    (folder / "000002.sst").write_bytes(whole.read_bytes()[:-20])  # no footer yet
    m = sst_memory.measure(folder)
    assert (m.files, m.unread) == (1, 1)
    assert (m.index, m.filter) == sst_memory.table(whole)


def test_both_footer_layouts_give_an_index(stores):
    """format_version 5 names the index in the footer, 6+ in the metaindex block (id2str's files)."""
    versions = {}
    for path in sorted(stores[1].glob("*.sst")):
        index, _ = sst_memory.table(path)
        versions.setdefault(sst_memory.format_version(path) >= 6, []).append(index)
    assert set(versions) == {False, True}
    assert all(index > 0 for indexes in versions.values() for index in indexes)


def test_a_compressed_block_counts_at_its_uncompressed_size(tmp_path):
    """RocksDB's compressed blocks (format 2) start with their uncompressed size as a varint."""
    body = bytes([0xE8, 0x07]) + b"x" * 98  # varint 1000, then the compressed bytes
    path = tmp_path / "blocks"
    path.write_bytes(b"pad" + body + bytes([4, 0, 0, 0, 0]) + body + bytes([0, 0, 0, 0, 0]))
    with open(path, "rb") as handle:
        assert sst_memory._in_memory(handle, 3, len(body)) == 1000  # LZ4 (type 4)
        assert sst_memory._in_memory(handle, 3 + len(body) + 5, len(body)) == len(body)  # not compressed
