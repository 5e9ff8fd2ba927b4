"""The Wikidata knowledge base: offline snapshot, in-memory index, live endpoint.

``build_snapshot`` writes ``data/wikidata/wikidata-2022.nt.gz`` from the CC0 slice;
``load_snapshot``/``ensure_loaded`` put it in the named graph ``kg.vocab.WIKIDATA_GRAPH``;
``KnowledgeBase.from_store`` indexes that graph; ``refresh`` updates items from a live endpoint.
"""

import importlib

#: name -> the submodule that defines it; loaded on first use (PEP 562), so that importing a
#: light submodule (``kg.kb.commands``, ``kg.kb.records``) does not load pyoxigraph and rdflib
_EXPORTS = {
    "KnowledgeBase": "index", "name_key": "index",
    "DEFAULT_ENDPOINT": "live", "LIVE_CACHE_GRAPH": "live", "LiveWikidata": "live", "refresh": "live",
    "KINDS": "records", "Holding": "records", "KbEntity": "records", "Membership": "records", "covers": "records",
    "SNAPSHOT_DATE": "snapshot", "SNAPSHOT_DATE_PROPERTY": "snapshot", "SNAPSHOT_FILENAME": "snapshot",
    "build_snapshot": "snapshot", "ensure_loaded": "snapshot", "load_snapshot": "snapshot", "snapshot_path": "snapshot",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"kg.kb.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'kg.kb' has no attribute {name!r}")


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
