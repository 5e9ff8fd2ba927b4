"""The build: ingest -> extract -> link -> graph -> store, streamed in bounded batches.

Articles are read lazily and cut into batches of ``batch_size``.  Each batch
is turned into RDF -- NLP, extraction, linking and graph building -- by a
*processor*: in this process (``workers=1``), in a pool of forked worker
processes (``workers=N``) or on a Dask cluster (:mod:`kg.distributed`).  A
processor hands back every article's graphs already serialised as N-Triples,
so the one writer -- a thread of this process -- only loads bytes into the
store (pyoxigraph parses them in Rust, outside the GIL).

Resumable and incremental: an article whose graph is already in the store
with the same content digest (text and metadata) is skipped, so a re-run
after a crash completes the build and adding articles to a store processes
only the new ones; an article edited under the same id is built again and its
graph swapped atomically (``rebuild=True`` processes every article again).
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Literal

from .errors import ArticleError, KgError
from .model import Article
from .processor import Built, Processor
from .progress import bar as progress_bar
from .progress import shown as show_progress
from .store import Store
from .vocab import ARTICLE_GRAPH_PREFIX, DIP, article_graph, article_iri


@dataclass
class BuildSummary:
    articles: int = 0
    failed: int = 0
    skipped: int = 0  # already in the store
    mentions: int = 0
    triples: int = 0
    seconds: float = 0.0
    words: int = 0
    errors: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # the input's articles now in the store (built or skipped)

    def line(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        skipped = f", {self.skipped} already built (skipped)" if self.skipped else ""
        return (
            f"built {self.articles} articles{failed}{skipped}: {self.mentions} mentions, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


_WORKER: Processor | None = None


def _init_worker(processor: Processor) -> None:
    global _WORKER
    _WORKER = processor


def _work(batch: list[Article]) -> list[Built]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER(batch)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def _local(processor: Processor, batches: Iterator[list[Article]], workers: int) -> Iterator[list[Built]]:
    """Run the processor here (1 worker) or in ``workers`` forked processes, results in input order."""
    if workers <= 1:
        for batch in batches:
            yield processor(batch)
        return
    methods = multiprocessing.get_all_start_methods()
    # fork shares the loaded model and knowledge base with the workers; spawn pickles them
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # tasks of a few articles keep both workers busy to the end; at most 2 per worker wait
    # (Pool.imap would read the whole input ahead: memory would grow with the corpus)
    pending: deque = deque()
    with context.Pool(workers, initializer=_init_worker, initargs=(processor,)) as pool:
        for batch in batches:
            size = max(1, -(-len(batch) // (2 * workers)))
            for i in range(0, len(batch), size):
                pending.append(pool.apply_async(_work, (batch[i:i + size],)))
                while len(pending) > 2 * workers:
                    yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


@contextmanager
def _long_lived():
    """While the build runs, the objects alive at its start (the knowledge base: millions of them)
    are left out of the cyclic garbage collector's passes (:func:`gc.freeze`; again once the model
    is loaded, :func:`_settle`), and put back at its end.  Else every full pass walks them all: making
    the entity trie of the knowledge base's names took 0.45 s instead of 0.06 s, and the passes
    recur while articles are processed.  Forked workers inherit the frozen heap, whose pages the
    collector then does not write to (copy-on-write stays shared)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _settle() -> None:
    """The model just loaded joins the long-lived objects (see :func:`_long_lived`)."""
    gc.freeze()


# -- writing (one writer thread) ---------------------------------------------------------


FLUSH_EVERY = 200_000  # triples


class _Writer(threading.Thread):
    """Writes batches of :class:`Built` into the store while the next ones are made."""

    _DONE = object()

    def __init__(self, store: Store, summary: BuildSummary, report: Callable[[ArticleError], None], bar,
                 threaded: bool = True):
        super().__init__(name="kg-store-writer", daemon=True)
        self.threaded = threaded
        self.store, self.summary, self.report, self.bar = store, summary, report, bar
        self.queue: queue.Queue = queue.Queue(maxsize=4)  # bounded: memory stays flat
        self.failure: BaseException | None = None
        self.unflushed = 0  # triples written since the last flush

    def run(self) -> None:
        while (batch := self.queue.get()) is not self._DONE:
            if self.failure is None:
                try:
                    self._write(batch)
                except BaseException as exc:  # noqa: BLE001 - handed to the main thread
                    self.failure = exc

    def _write(self, batch: list[Built]) -> None:
        good = [b for b in batch if b.error is None]
        graphs: dict[str, bytes] = {}
        for built in good:
            graphs.update(built.graphs)
        self.store.write_graphs(graphs)
        self.unflushed += sum(b.triples for b in good)
        if self.unflushed >= FLUSH_EVERY:
            # RocksDB keeps written data in memory (memtables) until flushed: without this the
            # writer's memory grew with the corpus (~1 GB per 1,000 articles)
            self.store.flush()
            self.unflushed = 0
        s = self.summary
        for built in batch:
            if built.error is not None:
                self.report(ArticleError(built.error))
                continue
            s.articles += 1
            s.ids.add(built.article_id)
            s.mentions += built.mentions
            s.words += built.words
            s.triples += built.triples
        if self.bar is not None:
            self.bar.update(len(batch))

    def begin(self) -> None:
        if self.threaded:
            self.start()

    def put(self, batch: list[Built]) -> None:
        if not self.threaded:
            self._write(batch)
            return
        if self.failure is not None:
            raise self.failure
        self.queue.put(batch)

    def finish(self) -> None:
        if self.threaded:
            self.queue.put(self._DONE)
            self.join()
        if self.failure is not None:
            raise self.failure


# -- the build ----------------------------------------------------------------------------


SINGLE_ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


def _drop_replaced(store: Store, files: dict[str, str]) -> None:
    """Drop the graphs of earlier versions of edited one-article files.

    A .txt or .html article's id is a hash of its text, so an edited file is
    built as a new article; the graph built from the file's previous text
    (same ``dcterms:source``, another id) is stale and goes.
    """
    if not files:
        return
    rows = store.select("graphs/article-sources", {"prefix": Literal(ARTICLE_GRAPH_PREFIX)})
    stale = [r["g"] for r in rows if r["path"] in files and r["g"] != str(article_graph(files[r["path"]]))]
    if stale:
        store.drop_graphs(stale)


def build(
    paths: Iterable[str],
    store: Store,
    *,
    nlp=None,
    model: str | None = None,
    kb=None,
    workers: int = 1,
    batch_size: int = 32,
    strict: bool = False,
    max_bytes: int = 20_000_000,
    progress: bool | None = None,
    on_error: Callable[[KgError], None] | None = None,
    rebuild: bool = False,
    dask: str | bool | None = None,
    screen: Callable[[Article], str | None] | None = None,
    default_date: str | None = None,
) -> BuildSummary:
    """Build the articles under ``paths`` into ``store``; bad articles are reported and skipped.

    ``workers``: processes (forked here, or Dask workers of a LocalCluster);
    ``dask``: True for a LocalCluster, or a scheduler address; ``rebuild``:
    process articles already in the store again; ``screen``: a reason not to build an
    article (e.g. its language), reported as its error, or None to build it; ``default_date``:
    the date of articles that have none (see :func:`kg.ingest.read_articles`).  ``paths``
    may hold Article records read already (see :func:`kg.ingest.read_articles`).  ``progress``: a bar
    on stderr with the articles done, their total and rate (:mod:`kg.progress`; None: only on a terminal).
    """
    from .extract import load_nlp
    from .ingest import read_articles
    from .ingest.reader import count_articles
    from .link.candidates import ruler_patterns

    if workers < 1:
        raise KgError(f"workers must be at least 1, got {workers}")
    if batch_size < 1:
        raise KgError(f"batch_size must be at least 1, got {batch_size}")
    summary = BuildSummary()
    started = time.perf_counter()
    if not isinstance(paths, (str, Path)):
        paths = list(paths)  # walked twice when the bar shows: for its total, then to read
    bar = progress_bar(total=count_articles(paths) if show_progress(progress) else None, unit="articles",
                       desc="build", enabled=progress)

    def report(error: ArticleError) -> None:
        summary.failed += 1
        summary.errors.append(str(error))
        if strict:
            raise error
        if on_error is not None:
            on_error(error)

    single_files: dict[str, str] = {}  # .txt/.html file -> the id of the one article read from it

    def wanted(article: Article) -> bool:
        """Whether to process the article: not in the store yet, changed since, or ``rebuild``."""
        if screen is not None and (reason := screen(article)) is not None:
            report(ArticleError(reason, source=article.path))
            bar.update(1)
            return False
        if Path(article.path).suffix.lower() in SINGLE_ARTICLE_SUFFIXES:
            single_files[article.path] = article.id
        graph = article_graph(article.id)
        if rebuild or not store.contains_graph(graph):
            return True
        stored = {t.object.value for t in store.triples(graph, article_iri(article.id), DIP.contentDigest)}
        if stored != {article.digest}:
            return True  # edited under the same id: built again, its graph swapped atomically
        summary.skipped += 1
        summary.ids.add(article.id)
        bar.update(1)
        return False

    articles = (a for a in read_articles(paths, strict=strict, max_bytes=max_bytes, default_date=default_date,
                                         on_error=None if strict else report) if wanted(a))
    batches = _batches(articles, batch_size)
    first = next(batches, None)  # nothing new to build: no model to load, no cluster to start
    batches = chain([first], batches) if first is not None else iter(())
    # worker processes are forked, and forking a process that runs threads is unsafe: with a
    # pool the main thread writes (the workers do the rest); else a writer thread overlaps it
    writer = _Writer(store, summary, report, bar, threaded=bool(dask) or workers <= 1)
    writer.begin()
    try:
        with _long_lived():
            if first is None:
                results: Iterable[list[Built]] = ()
            elif dask:
                from .distributed import run_on_dask

                results = run_on_dask(batches, kb=kb, model=model, workers=workers, batch_size=batch_size,
                                      address=dask if isinstance(dask, str) else None)
            else:
                if nlp is None:
                    nlp = load_nlp(model, patterns=ruler_patterns(kb) if kb is not None else None)
                    _settle()
                results = _local(Processor(nlp, kb, batch_size), batches, workers)
            for batch in results:
                writer.put(batch)
    finally:
        writer.finish()
        store.flush()
        bar.close()
    _drop_replaced(store, single_files)
    summary.seconds = time.perf_counter() - started
    return summary
