"""The knowledge base and the linker's indexes cached on disk (kg.link.index_cache): a hit is the
same index as a fresh build, any change to the Wikidata graph gives another key, a broken file is
built again, ``KG_NO_CACHE`` turns the cache off."""

from __future__ import annotations

import hashlib
import pickle
import shutil

import pyoxigraph as ox
import pytest

from kg.kb import KnowledgeBase
from kg.link import index_cache, open_kb, warm
from kg.link.index_cache import IndexedKnowledgeBase
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH

from .conftest import SAMPLES

PREFIXES = """
@prefix wd: <http://www.wikidata.org/entity/> . @prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> . @prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> . @prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SMALL = """
wd:Q1 rdfs:label "Ada Quill"@en ; wdt:P31 wd:Q5 ; p:P39 wds:Q1-a .
wds:Q1-a ps:P39 wd:Q100 ; pq:P580 "2019-01-01"^^xsd:date .
wd:Q100 rdfs:label "Minister of Lorrin Affairs"@en ; wdt:P31 wd:Q4164871 .
wd:Q3 rdfs:label "Vell"@en ; wdt:P31 wd:Q6256 ; wdt:P36 wd:Q4 .
wd:Q4 rdfs:label "Vell City"@en .
"""


def _small(extra: str = "") -> Store:
    store = Store(None)
    store.load(PREFIXES + SMALL + extra, "ttl", WIKIDATA_GRAPH)
    return store


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """An empty cache folder, caching on, and small graphs cached too."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    monkeypatch.setattr(index_cache, "MIN_TRIPLES", 0)
    return folder


def _files(folder):
    return sorted(folder.glob("kb-index-*.pickle"))


def _state(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k not in ("kb", "name_index", "title_index")}


def _no_build(monkeypatch):
    def fail(cls, store, graph=None):
        raise AssertionError("built again: the cache was not read")

    monkeypatch.setattr(IndexedKnowledgeBase, "from_store", classmethod(fail))


# -- a hit is a fresh build ---------------------------------------------------------------


@pytest.fixture(scope="module")
def snapshot_store():
    from kg.kb import load_snapshot

    store = Store(None)
    load_snapshot(store)
    return store


def test_a_cache_hit_is_the_index_a_fresh_build_makes(snapshot_store, nlp, tmp_path, monkeypatch):
    from kg.extract import extract
    from kg.ingest import read_articles
    from kg.link import link

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    fresh = open_kb(snapshot_store)  # a miss: built, and written
    assert len(_files(tmp_path)) == 1
    _no_build(monkeypatch)
    cached = open_kb(snapshot_store)
    assert cached is not fresh and len(cached) == len(fresh) > 40_000
    # every table of the knowledge base and of both indexes, in the same order
    assert list(cached) == list(fresh)
    assert _state(cached) == _state(fresh)
    assert _state(cached.name_index) == _state(fresh.name_index)
    assert _state(cached.title_index) == _state(fresh.title_index)
    assert cached.holders_on("Q14213", "2022-01-21") == fresh.holders_on("Q14213", "2022-01-21")
    # and the linker links the same way with either
    extractions = list(extract(read_articles([str(SAMPLES)]), nlp))
    assert extractions
    for extraction in extractions:
        assert link(extraction, cached) == link(extraction, fresh)


# -- the key: the graph, its sources, the code ----------------------------------------


def test_a_new_triple_in_the_wikidata_graph_builds_the_index_again(cache):
    store = _small()
    first = open_kb(store)
    assert [e.qid for e in first.candidates("Ada Quill")] == ["Q1"] and len(_files(cache)) == 1
    assert open_kb(store).candidates("Cora Vell") == []
    store.add_quads([ox.Quad(ox.NamedNode("http://www.wikidata.org/entity/Q1"),
                             ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
                             ox.Literal("Cora Vell", language="en"), ox.NamedNode(str(WIKIDATA_GRAPH)))])
    second = open_kb(store)
    assert [e.qid for e in second.candidates("Cora Vell")] == ["Q1"]
    assert [e.qid for e in second.name_index.lookup("Cora Vell")] == ["Q1"]
    assert len(_files(cache)) == 2


def test_a_registered_source_or_a_live_fetch_changes_the_key(cache):
    from kg.kb import live, sources

    store = _small()
    before = index_cache.fingerprint(store)
    assert index_cache.fingerprint(store) == before  # the same graph, the same key
    sources._register(store, sources.source_graph("dump", "2026-11-25"), "dump", "2026-11-25", "file:///d.nt")
    registered = index_cache.fingerprint(store)
    assert registered != before
    live.record_fetch(store, ["Q1"], "https://example.org/sparql", "2026-12-03T09:00:00+00:00")
    fetched = index_cache.fingerprint(store)
    assert fetched != registered
    live.record_fetch(store, ["Q1"], "https://example.org/sparql", "2026-12-03T09:30:00+00:00")  # same day, again
    assert index_cache.fingerprint(store) != fetched
    assert index_cache.LIVE_FETCHES == str(live.LIVE_CACHE_GRAPH)


def test_the_code_digest_follows_the_code_that_builds_the_index(tmp_path):
    from pathlib import Path

    import kg

    root = tmp_path / "kg"
    shutil.copytree(Path(kg.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__"))

    def digest() -> str:
        index_cache.code_digest.cache_clear()  # memoised per folder: read the files again
        return index_cache.code_digest(root)

    base = digest()
    (root / "cli.py").write_text("# another command line\n", encoding="utf-8")  # not index code
    assert digest() == base
    for name in ("kb/index.py", "kb/records.py", "kb/queries/kb_statements.rq", "namefold.py",
                 "link/candidates.py", "link/titles.py", "link/names.py", "link/index_cache.py"):
        path = root / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert digest() != base, name
        path.write_bytes(original)
        assert digest() == base
    (root / "kb" / "queries" / "kb_new.rq").write_text("# another query\n", encoding="utf-8")
    assert digest() != base


# -- broken files, the off switch, warming ------------------------------------------------


def _whole(key: str, payload: bytes) -> bytes:
    """A file whose header is right for ``payload`` (any bytes)."""
    return (index_cache._MAGIC + index_cache._HEADER.pack(bytes.fromhex(key), len(payload),
                                                          hashlib.sha256(payload).digest()) + payload)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped byte", "other key", "not a knowledge base",
                                    "no indexes", "unpicklable", "empty"])
def test_a_broken_cache_file_is_built_again(cache, damage):
    store = _small()
    fresh = open_kb(store)
    [path] = _files(cache)
    key = index_cache.fingerprint(store)
    good = path.read_bytes()
    other = KnowledgeBase.from_store(_small('wd:Q9 rdfs:label "Cora Vell"@en .'))
    bad = {
        "garbage": b"not a pickle",
        "truncated": good[:len(good) // 2],
        "flipped byte": good.replace(b"Ada Quill", b"Ada Quilt"),  # still a pickle, of another name
        "other key": index_cache.encode(IndexedKnowledgeBase.from_store(_small('wd:Q9 rdfs:label "Cora Vell"@en .'))
                                        .index(), "0" * 64),
        "not a knowledge base": index_cache.encode({"Cora Vell": "Q9"}, key),
        "no indexes": index_cache.encode(other, key),
        "unpicklable": _whole(key, b"\x80\x04cno_such_module\nThing\n)\x81."),  # a class that is gone
        "empty": b"",
    }[damage]
    assert bad != good
    path.write_bytes(bad)
    assert index_cache.read(path, key) is None
    again = open_kb(store)
    assert list(again) == list(fresh) and again.candidates("Cora Vell") == []
    assert index_cache.read(path, key) is not None  # written again, whole


def test_a_file_for_the_key_is_read_unless_KG_NO_CACHE(cache, monkeypatch):
    store = _small()
    key = index_cache.fingerprint(store)
    planted = IndexedKnowledgeBase.from_store(_small('wd:Q9 rdfs:label "Cora Vell"@en .')).index()
    cache.mkdir()
    index_cache.cache_path(key).write_bytes(index_cache.encode(planted, key))
    assert [e.qid for e in open_kb(store).candidates("Cora Vell")] == ["Q9"]  # what the key finds is used
    for off in ("1", "yes"):
        monkeypatch.setenv("KG_NO_CACHE", off)
        assert open_kb(store).candidates("Cora Vell") == []  # the graph itself, not the file
        assert warm(store) is None
    shutil.rmtree(cache)
    assert open_kb(store).candidates("Ada Quill") and not cache.exists()  # nothing written either
    monkeypatch.setenv("KG_NO_CACHE", "0")
    open_kb(store)
    assert len(_files(cache)) == 1


def test_warm_writes_the_file_and_rebuild_replaces_it(cache, monkeypatch):
    store = _small()
    path = warm(store)
    assert path is not None and _files(cache) == [path]
    key = index_cache.fingerprint(store)
    planted = IndexedKnowledgeBase.from_store(_small('wd:Q9 rdfs:label "Cora Vell"@en .')).index()
    path.write_bytes(index_cache.encode(planted, key))
    assert warm(store) == path and index_cache.read(path, key).candidates("Cora Vell")  # a whole file is kept
    assert warm(store, rebuild=True) == path
    assert index_cache.read(path, key).candidates("Cora Vell") == []  # built from the graph again
    _no_build(monkeypatch)
    assert open_kb(store).candidates("Ada Quill")  # the next start reads it


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocked / "sub"))
    monkeypatch.setattr(index_cache, "MIN_TRIPLES", 0)
    store = _small()
    assert open_kb(store).candidates("Ada Quill")
    assert warm(store) is None


def test_small_graphs_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    kb = open_kb(_small())
    assert isinstance(kb, IndexedKnowledgeBase) and kb.candidates("Ada Quill") and not _files(tmp_path)


def test_the_cache_keeps_the_most_recently_used_files(cache, monkeypatch):
    monkeypatch.setattr(index_cache, "KEEP", 2)
    stores = [_small(" ".join(f'wd:Q9 rdfs:label "Name {j}"@en .' for j in range(i + 1))) for i in range(4)]
    for store in stores:
        open_kb(store)
    assert len(_files(cache)) == 2
    assert index_cache.cache_path(index_cache.fingerprint(stores[-1])).exists()
    assert not index_cache.cache_path(index_cache.fingerprint(stores[0])).exists()


def test_the_linker_uses_the_indexes_the_knowledge_base_carries(cache):
    from kg.link import Linker

    kb = open_kb(_small())
    linker = Linker(kb)
    assert linker.names is kb.name_index and linker.titles is kb.title_index
    assert kb.title_index.positions("Minister of Lorrin Affairs") == {"Q100"}
    copy = pickle.loads(pickle.dumps(kb))  # as a Dask worker receives it
    assert Linker(copy).names is copy.name_index and copy.name_index.kb is copy


def test_a_build_says_what_it_is_doing_on_a_terminal_only(cache, monkeypatch, capsys):
    store = _small()
    monkeypatch.setattr(index_cache, "shown", lambda: True)
    open_kb(store)
    assert "indexing the Wikidata graph" in capsys.readouterr().err
    open_kb(store)  # a hit: quiet
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(index_cache, "shown", lambda: False)
    open_kb(_small('wd:Q9 rdfs:label "Cora Vell"@en .'))
    assert capsys.readouterr().err == ""
