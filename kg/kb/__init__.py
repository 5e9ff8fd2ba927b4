"""The Wikidata knowledge base: offline snapshot, in-memory index, live endpoint.

``build_snapshot`` writes ``data/wikidata/wikidata-2022.nt.gz`` from the CC0 slice;
``load_snapshot``/``ensure_loaded`` put it in the named graph ``kg.vocab.WIKIDATA_GRAPH``;
``KnowledgeBase.from_store`` indexes that graph; ``refresh`` updates items from a live endpoint.
"""

from kg.kb.index import KnowledgeBase, name_key
from kg.kb.live import DEFAULT_ENDPOINT, LIVE_CACHE_GRAPH, LiveWikidata, refresh
from kg.kb.records import KINDS, Holding, KbEntity, Membership, covers
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
    "DEFAULT_ENDPOINT",
    "KINDS",
    "LIVE_CACHE_GRAPH",
    "SNAPSHOT_DATE",
    "SNAPSHOT_DATE_PROPERTY",
    "SNAPSHOT_FILENAME",
    "Holding",
    "KbEntity",
    "KnowledgeBase",
    "LiveWikidata",
    "Membership",
    "build_snapshot",
    "covers",
    "ensure_loaded",
    "load_snapshot",
    "name_key",
    "refresh",
    "snapshot_path",
]
