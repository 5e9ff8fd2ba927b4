"""The linker's knowledge base on disk: the index of the Wikidata graph with its name and title
indexes, built once per graph and read back at the next start.

Building them costs ≈6–8 s (four SELECTs and ``KnowledgeBase._build``, then :class:`NameIndex` and
:class:`TitleIndex`); reading the pickle back takes ≈0.4 s.  The file, ``kb-index-<key>.pickle`` in
:func:`kg.cache.cache_dir`, is keyed by :func:`fingerprint`:

- the Wikidata graph: its triple count (the count :func:`kg.kb.ensure_loaded` makes anyway), the
  registry of its sources with their dates, origins and item counts (:func:`kg.kb.sources.sources`:
  the snapshot's date when none is registered), and the number and the latest time of the live
  fetches (``kg kb refresh``);
- the code that builds the indexes (:data:`CODE`: the knowledge-base index and its queries, the
  records, name folding, the name and title indexes, this module), hashed by content, and the
  versions of kg, Python and anyascii.

So loading, importing or refreshing Wikidata, or changing that code, gives another key, and the
index is built again.  A change to the graph by other means that keeps its triple count is not
seen: :func:`warm` with ``rebuild=True`` (for ``kg kb load --force`` to call), or ``KG_NO_CACHE=1``.
A file that is truncated, corrupt, of another format or for another key is ignored and rebuilt;
a cache folder that cannot be written only makes the next start slower.  Graphs under
:data:`MIN_TRIPLES` triples (test fixtures) are indexed in milliseconds and not cached.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import struct
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..cache import cache_dir, digest_files, enabled, prune, touch, write_atomic
from ..errors import KbError
from ..gc_pause import paused
from ..kb.index import KnowledgeBase
from ..progress import shown
from ..vocab import BASE, PROV, WIKIDATA_GRAPH
from .candidates import NameIndex, make_ruler_patterns
from .titles import TitleIndex

FORMAT = 2  # 2: the entity patterns too
PREFIX = "kb-index-"
#: How many index files the cache folder keeps (the most recently used; one is ≈12 MB).
KEEP = 3
#: A graph with fewer triples is indexed in milliseconds: not worth a file.
MIN_TRIPLES = 10_000
#: The code the indexes are made by, relative to the kg package (folders: every file in them).
CODE = ("kb/index.py", "kb/records.py", "kb/queries", "namefold.py", "lexicon.py", "title_vocab.py",
        "vocab.py", "wikidata_ids.py", "link/names.py", "link/candidates.py", "link/titles.py",
        "link/index_cache.py")
_MAGIC = b"kg-kb-index\n"
_HEADER = struct.Struct(">32sQ32s")  # fingerprint, payload length, payload sha256
#: ``kg.kb.live.LIVE_CACHE_GRAPH`` (not imported: kg.kb.live loads SPARQLWrapper, ≈0.2 s).
LIVE_FETCHES = BASE + "graph/wikidata-cache"


class IndexedKnowledgeBase(KnowledgeBase):
    """A :class:`KnowledgeBase` carrying the linker's indexes of it, built once and pickled (or
    shared with forked or Dask workers) with it."""

    name_index: NameIndex
    title_index: TitleIndex
    #: The entity patterns of the pipeline's knowledge-base component (:func:`ruler_patterns`).
    patterns: tuple[dict, ...]

    def index(self) -> IndexedKnowledgeBase:
        self.name_index, self.title_index = NameIndex(self), TitleIndex(self)
        self.patterns = tuple(make_ruler_patterns(self))
        return self


def link_indexes(kb) -> tuple[NameIndex, TitleIndex]:
    """The name and title indexes of ``kb``: the ones it carries, else built now."""
    if isinstance(kb, IndexedKnowledgeBase):
        return kb.name_index, kb.title_index
    return NameIndex(kb), TitleIndex(kb)


@lru_cache(maxsize=4)
def code_digest(root: Path | None = None) -> str:
    """sha256 of the files of :data:`CODE` (names and contents) under ``root`` (the kg package)."""
    root = root or Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in CODE:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc") if path.is_dir() else [path]
        digest_files(digest, ((file.relative_to(root).as_posix(), file) for file in files))
    return digest.hexdigest()


def fingerprint(store, triples: int | None = None) -> str:
    """The key of the index of ``store``'s Wikidata graph (see the module docstring). ``triples``:
    the graph's triple count when the caller has it (:func:`kg.kb.ensure_loaded` returns it)."""
    from ..kb import sources
    from ..kb.snapshot import graph_size

    if triples is None:
        triples = graph_size(store)
    fetches = [q.object.value for q in store.quads(None, str(PROV.generatedAtTime), None, LIVE_FETCHES)]
    anyascii = sys.modules.get("anyascii")
    parts = {
        "format": FORMAT, "kg": __version__, "python": list(sys.version_info[:2]), "code": code_digest(),
        "anyascii": getattr(anyascii, "__version__", ""),
        "graph": str(WIKIDATA_GRAPH), "triples": triples,
        "sources": [[s.graph, s.kind, s.date, s.title, s.origin, s.items] for s in sources.sources(store)],
        "fetches": [len(fetches), max(fetches, default="")],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cache_path(key: str) -> Path:
    return cache_dir() / f"{PREFIX}{key[:32]}.pickle"


def load(store, triples: int | None = None) -> IndexedKnowledgeBase:
    """The knowledge base of ``store``'s Wikidata graph with its linker indexes: read from the cache
    when an entry for the graph's fingerprint is there and whole, else built (and the entry written)."""
    if triples is None:
        from ..kb.snapshot import graph_size

        triples = graph_size(store)
    key = _key(store, triples)
    if key is None:
        return IndexedKnowledgeBase.from_store(store).index()
    path = cache_path(key)
    kb = read(path, key)
    if kb is None:
        kb = _build_and_write(store, key, path)
    return kb


def warm(store, *, rebuild: bool = False) -> Path | None:
    """Make sure the cache holds the index of ``store``'s Wikidata graph (the snapshot is loaded
    first if the graph is empty); ``rebuild``: build it again even when an entry is there (after
    ``kg kb load --force``). Returns the file, or None when caching is off, the graph is too small
    to be cached or the folder cannot be written."""
    from ..kb import ensure_loaded

    key = _key(store, ensure_loaded(store))
    if key is None:
        return None
    path = cache_path(key)
    if rebuild or read(path, key) is None:
        _build_and_write(store, key, path)
    return path if path.exists() else None


def _key(store, triples: int) -> str | None:
    """The fingerprint, or None when the index is not to be cached."""
    if not enabled() or triples < MIN_TRIPLES:
        return None
    try:
        return fingerprint(store, triples)
    except KbError:  # the sources registry cannot be read: build the index without the cache
        return None


def encode(kb, key: str) -> bytes:
    """The bytes of a cache file: a magic line, the key, the payload's length and sha256, the pickle."""
    payload = pickle.dumps(kb, protocol=5)
    return _MAGIC + _HEADER.pack(bytes.fromhex(key), len(payload), hashlib.sha256(payload).digest()) + payload


def read(path: Path, key: str) -> IndexedKnowledgeBase | None:
    """The knowledge base pickled at ``path`` for ``key``; None when the file is missing, of
    another key or format, truncated, corrupt or not a knowledge base with its indexes."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + _HEADER.size
    if not data.startswith(_MAGIC) or len(data) < start:
        return None
    stored_key, length, digest = _HEADER.unpack_from(data, len(_MAGIC))
    payload = memoryview(data)[start:]
    if stored_key != bytes.fromhex(key) or length != len(payload) or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        with paused():  # ≈0.3 s instead of ≈1.5 s: the collector would scan the objects as they are made
            kb = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any failure to unpickle (a class that moved, a bad byte) means "build again"
        return None
    if not (isinstance(kb, IndexedKnowledgeBase) and isinstance(getattr(kb, "name_index", None), NameIndex)
            and isinstance(getattr(kb, "title_index", None), TitleIndex)
            and kb.name_index.kb is kb and kb.title_index.kb is kb
            and isinstance(getattr(kb, "patterns", None), tuple)):
        return None
    touch(path)
    return kb


def _build_and_write(store, key: str, path: Path) -> IndexedKnowledgeBase:
    if shown():  # a terminal: say why this start is slower
        print(f"indexing the Wikidata graph for linking (once per graph; kept in {path.parent}) ...",
              file=sys.stderr, flush=True)
    kb = IndexedKnowledgeBase.from_store(store).index()
    if write_atomic(path, encode(kb, key)):
        prune(f"{PREFIX}*.pickle", KEEP)
    return kb
