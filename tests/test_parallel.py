"""`kg build` in worker processes and on Dask: the same graph as one process; incremental and resumable."""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.store import Store

from .conftest import SAMPLES

SEEDS = SAMPLES / "seeds.jsonl"


def _nquads(store: Store) -> list[str]:
    """The store's quads, less where each article was read from (file names differ between tests)."""
    return sorted(str(q) for q in store.quads() if q.predicate.value != "http://purl.org/dc/terms/source")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, nlp_kb):
    """The samples built in one process into a store that also holds the KB snapshot."""
    nlp, kb = nlp_kb
    store = _fresh(tmp_path_factory.mktemp("one"))
    summary = build([str(SAMPLES)], store, nlp=nlp, kb=kb, progress=False)
    assert summary.articles == 2
    return _nquads(store)


def _fresh(tmp_path):
    from kg.kb import ensure_loaded

    store = Store(tmp_path / "store")
    ensure_loaded(store)
    return store


def test_two_worker_processes_build_the_same_graph(reference, tmp_path, nlp_kb):
    nlp, kb = nlp_kb
    store = _fresh(tmp_path)
    summary = build([str(SAMPLES)], store, nlp=nlp, kb=kb, workers=2, batch_size=1, progress=False)
    assert summary.articles == 2 and summary.failed == 0
    assert _nquads(store) == reference


def test_dask_local_cluster_builds_the_same_graph(reference, tmp_path, nlp_kb):
    pytest.importorskip("dask.distributed")
    _, kb = nlp_kb
    store = _fresh(tmp_path)
    summary = build([str(SAMPLES)], store, kb=kb, workers=2, batch_size=1, dask=True, progress=False)
    assert summary.articles == 2 and summary.failed == 0
    assert _nquads(store) == reference


def test_unreachable_dask_scheduler_is_a_clear_error(tmp_path, nlp_kb):
    pytest.importorskip("dask.distributed")
    import socket

    from kg.errors import KgError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(KgError, match="cannot reach the Dask scheduler"):
        build([str(SAMPLES)], Store(None), kb=nlp_kb[1], dask=f"tcp://127.0.0.1:{port}", progress=False)


def test_adding_articles_processes_only_the_new_ones(reference, tmp_path, nlp_kb):
    nlp, kb = nlp_kb
    lines = SEEDS.read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text(lines[0] + "\n")
    second.write_text(lines[1] + "\n")
    store = _fresh(tmp_path)
    one = build([str(first)], store, nlp=nlp, kb=kb, progress=False)
    both = build([str(first), str(second)], store, nlp=nlp, kb=kb, progress=False)
    assert (one.articles, both.articles, both.skipped) == (1, 1, 1)
    assert both.ids == {json.loads(line)["id"] for line in lines}  # the skipped one still counts as input
    assert _nquads(store) == reference


def test_rebuild_processes_again_without_duplicates(reference, tmp_path, nlp_kb):
    nlp, kb = nlp_kb
    store = _fresh(tmp_path)
    build([str(SAMPLES)], store, nlp=nlp, kb=kb, progress=False)
    again = build([str(SAMPLES)], store, nlp=nlp, kb=kb, rebuild=True, progress=False)
    assert again.articles == 2 and again.skipped == 0
    assert _nquads(store) == reference


def test_an_article_that_breaks_extraction_is_reported_and_the_rest_built(tmp_path, nlp_kb, monkeypatch):
    import kg.extract

    nlp, kb = nlp_kb
    real = kg.extract.extract_doc
    first_id = json.loads(SEEDS.read_text().splitlines()[0])["id"]

    def broken(doc, article, *args):
        if article.id == first_id:
            raise RuntimeError("boom")
        return real(doc, article, *args)

    monkeypatch.setattr(kg.extract, "extract_doc", broken)
    errors = []
    summary = build([str(SAMPLES)], Store(None), nlp=nlp, kb=kb, progress=False, on_error=errors.append)
    assert (summary.articles, summary.failed) == (1, 1)
    assert first_id in str(errors[0]) and "boom" in str(errors[0])


def _texts_reachable(roots, marker: str) -> set[str]:
    """The strings holding ``marker`` reachable from ``roots`` (through containers and objects' fields)."""
    import gc

    found, seen, todo = set(), set(), list(roots)
    while todo and len(seen) < 500_000:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            if marker in obj:
                found.add(obj)
        elif not isinstance(obj, (bytes, int, float, type)):
            todo.extend(gc.get_referents(obj))
    return found


def test_dask_s_message_logs_do_not_keep_every_batch():
    """Dask keeps each stream's recent messages, each task's batch among them: kg keeps that log short,
    so the writer's memory does not grow with the articles sent (kg.distributed.MESSAGE_LOG)."""
    pytest.importorskip("dask.distributed")
    import gc

    from distributed.batched import BatchedSend

    from kg.distributed import MESSAGE_LOG, run_on_dask
    from kg.model import Article

    n = MESSAGE_LOG + 40
    batches = ([Article(id=f"a{i}", text=f"Marker{i:04d} met the minister in Paris.")] for i in range(n))
    results = run_on_dask(batches, kb=None, model=None, workers=1, batch_size=1)
    try:
        assert sum(len(next(results)) for _ in range(n)) == n  # suspended after the last: the cluster is up
        streams = [o for o in gc.get_objects() if isinstance(o, BatchedSend)]
        assert streams
        kept = _texts_reachable([s.recent_message_log for s in streams], "Marker")
        assert 0 < len(kept) <= MESSAGE_LOG, len(kept)
    finally:
        results.close()
