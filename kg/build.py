"""The build: ingest -> extract -> link -> graph -> store, streamed in batches.

One process writes the store; spaCy's own ``nlp.pipe(n_process=...)`` spreads
the NLP over cores.  Every batch of articles is written in one transaction.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .errors import ArticleError, KgError
from .extract import extract, load_nlp
from .graph import build as build_graph
from .ingest import read_articles
from .link import link
from .link.candidates import ruler_patterns
from .store import Store


@dataclass
class BuildSummary:
    articles: int = 0
    failed: int = 0
    mentions: int = 0
    triples: int = 0
    seconds: float = 0.0
    words: int = 0
    errors: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # the articles built

    def line(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return (
            f"built {self.articles} articles{failed}: {self.mentions} mentions, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


def _progress(enabled: bool | None):
    enabled = sys.stderr.isatty() if enabled is None else enabled
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, leave=False)


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
) -> BuildSummary:
    """Build the articles under ``paths`` into ``store``; bad articles are reported and skipped."""
    summary = BuildSummary()
    started = time.perf_counter()

    def report(error: ArticleError) -> None:
        summary.failed += 1
        summary.errors.append(str(error))
        if on_error is not None:
            on_error(error)

    if nlp is None:
        nlp = load_nlp(model, patterns=ruler_patterns(kb) if kb is not None else None)
    articles = read_articles(paths, strict=strict, max_bytes=max_bytes, on_error=None if strict else report)
    bar = _progress(progress)
    pending: dict = {}
    for extraction in extract(articles, nlp, n_process=workers, batch_size=batch_size):
        linked = link(extraction, kb)
        pending.update(build_graph(extraction, linked))
        summary.articles += 1
        summary.ids.add(extraction.article.id)
        summary.mentions += len(extraction.mentions)
        summary.words += len(extraction.article.text.split())
        if bar is not None:
            bar.update(1)
        if len(pending) >= batch_size:
            summary.triples += store.replace_graphs(pending)
            pending = {}
    if pending:
        summary.triples += store.replace_graphs(pending)
    store.flush()
    if bar is not None:
        bar.close()
    summary.seconds = time.perf_counter() - started
    return summary
