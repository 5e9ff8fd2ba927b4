"""What the storage engine keeps in memory for a store, read from its files: the index and filter
blocks of every SST file of the store's RocksDB folder.

    python bench/sst_memory.py STORE [STORE ...]

Oxigraph opens RocksDB with ``cache_index_and_filter_blocks=false`` and ``max_open_files`` in the
tens of thousands (the store's OPTIONS file): every table file a process has opened keeps its index
block (one entry per 4 KiB data block) and its filter block (the Bloom filter of ``id2str``) in
memory, outside the bounded block cache, until the store is closed.  A writer opens every file (it
writes and compacts them), so this part of its RSS grows with the store (measured 2026-12-07: not
all of the build writer's growth); pyoxigraph has no option to change it.  The figures come from the files' own footers (block-based table format,
``format_version`` 5, and 6+ where the index handle moved into the metaindex block): the index block's
in-memory size (its uncompressed size when LZ4-compressed) and the filter block's.
"""

from __future__ import annotations

import argparse
import os
import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = 0x88E241B785F4CFF7  # kBlockBasedTableMagicNumber
FOOTER = 53  # bytes, format_version >= 1
TRAILER = 5  # bytes after each block: compression type, checksum


@dataclass
class TableMemory:
    files: int = 0
    data: int = 0  # bytes on disk
    index: int = 0  # bytes of index blocks in memory
    filter: int = 0  # bytes of filter blocks in memory
    unread: int = 0  # files not whole yet (being written by a running process)

    @property
    def resident(self) -> int:
        return self.index + self.filter


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, i
        shift += 7


def _entries(block: bytes) -> list[tuple[bytes, bytes]]:
    """The key/value pairs of an uncompressed block (keys prefix-compressed against the previous one)."""
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    end = len(block) - 4 - 4 * restarts
    i, key, out = 0, b"", []
    while i < end:
        shared, i = _varint(block, i)
        unshared, i = _varint(block, i)
        size, i = _varint(block, i)
        key = key[:shared] + block[i:i + unshared]
        i += unshared
        out.append((key, block[i:i + size]))
        i += size
    return out


def _in_memory(handle, offset: int, size: int) -> int:
    """A block's size once read: its uncompressed size when compressed (stored first, as a varint)."""
    handle.seek(offset)
    raw = handle.read(size + TRAILER)
    return size if raw[size] == 0 else _varint(raw, 0)[0]


def _footer(handle, path: Path) -> tuple[bytes, int]:
    """An SST file's footer and its table ``format_version``."""
    handle.seek(-FOOTER, os.SEEK_END)
    footer = handle.read(FOOTER)
    if len(footer) < FOOTER or struct.unpack_from("<Q", footer, FOOTER - 8)[0] != MAGIC:
        raise ValueError(f"{path}: not a block-based table")
    return footer, struct.unpack_from("<I", footer, FOOTER - 12)[0]


def format_version(path: Path) -> int:
    with open(path, "rb") as handle:
        return _footer(handle, path)[1]


def table(path: Path) -> tuple[int, int]:
    """(index bytes, filter bytes) one SST file keeps in memory once opened."""
    with open(path, "rb") as handle:
        footer, version = _footer(handle, path)
        index = None
        if version >= 6:  # checksum type, extended magic, checksums, then the metaindex size
            meta_size = struct.unpack_from("<I", footer, 13)[0]
            meta_offset = path.stat().st_size - FOOTER - meta_size - TRAILER
        else:
            meta_offset, i = _varint(footer, 1)
            meta_size, i = _varint(footer, i)
            index_offset, i = _varint(footer, i)
            index_size, i = _varint(footer, i)
            index = _in_memory(handle, index_offset, index_size)
        handle.seek(meta_offset)
        meta = handle.read(meta_size + TRAILER)
        if meta[meta_size] != 0:
            raise ValueError(f"{path}: compressed metaindex block")
        filters = 0
        for key, value in _entries(meta[:meta_size]):
            offset, i = _varint(value, 0)
            size, _ = _varint(value, i)
            if key.startswith((b"fullfilter.", b"filter.", b"partitionedfilter.")):
                filters += _in_memory(handle, offset, size)
            elif key == b"rocksdb.index" and index is None:
                index = _in_memory(handle, offset, size)
        return index or 0, filters


def measure(store: Path) -> TableMemory:
    out = TableMemory()
    for path in sorted(Path(store).glob("*.sst")):
        try:
            index, filters = table(path)
        except (ValueError, struct.error, IndexError, OSError):  # (written right now, or gone)
            out.unread += 1
            continue
        out.files += 1
        out.data += path.stat().st_size
        out.index += index
        out.filter += filters
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stores", nargs="+")
    args = parser.parse_args()
    print(f"{'store':<40}{'SST files':>10}{'data MiB':>10}{'index MiB':>10}{'filter MiB':>11}{'per mille':>10}")
    for store in args.stores:
        m = measure(Path(store))
        if not m.files:
            raise SystemExit(f"{store}: no SST files (not a store folder, or nothing flushed yet)")
        print(f"{store:<40}{m.files:>10}{m.data / 2**20:>10,.0f}{m.index / 2**20:>10,.1f}{m.filter / 2**20:>11,.1f}"
              f"{m.resident / m.data * 1000:>10.1f}" + (f"  ({m.unread} files being written, left out)" if m.unread else ""))


if __name__ == "__main__":
    main()
