"""The Wikidata knowledge base: offline snapshot, in-memory index, live endpoint."""

from kg.kb.snapshot import (
    SNAPSHOT_DATE,
    SNAPSHOT_DATE_PROPERTY,
    SNAPSHOT_FILENAME,
    build_snapshot,
    ensure_loaded,
    load_snapshot,
    snapshot_path,
)

__all__ = [
    "SNAPSHOT_DATE",
    "SNAPSHOT_DATE_PROPERTY",
    "SNAPSHOT_FILENAME",
    "build_snapshot",
    "ensure_loaded",
    "load_snapshot",
    "snapshot_path",
]
