"""`kg build --dask`: the build's processing on a Dask (dask.distributed) cluster.

Batches of articles go to the workers as tasks; each worker loads the spaCy
pipeline once (kept per process) and gets the knowledge base once (scattered
to every worker), and returns the batch's graphs serialised as N-Triples.  The
results come back to this process's single store writer as they complete --
order does not matter, since every article is its own named graph and the
build skips articles already in the store (idempotent and resumable).

Without an address a LocalCluster of ``workers`` single-threaded processes is
started on this machine and stopped at the end; with one (``tcp://host:8786``)
the batches go to that cluster, whose workers need kg installed.  Only batches
in flight (twice the workers) are held, and Dask's developer logs are kept short
(:data:`MESSAGE_LOG`), so memory stays flat.
"""

from __future__ import annotations

from typing import Iterator

from .errors import KgError
from .model import Article
from .processor import Processor

_PROCESSORS: dict[tuple, object] = {}

#: The entries Dask keeps in its developer logs while kg runs on it (``distributed.admin.low-level-log-
#: length``, default 1,000; a smaller value set in the user's Dask configuration is kept).  Among them,
#: each stream of messages to a worker keeps its last messages under 1 MB, and a task's message holds
#: its batch.  In a 100k-article build's writer (which hosts the LocalCluster's scheduler), read from
#: its heap on 2026-12-07: 23,618 article texts (84 MiB), every article sent so far, were held there.
MESSAGE_LOG = 50


def _process(batch: list[Article], kb, model: str | None, batch_size: int):
    """The task: one batch -> its Built records (runs on a Dask worker)."""
    from .extract import load_nlp
    from .link.candidates import ruler_patterns

    key = (model, id(kb), batch_size)
    processor = _PROCESSORS.get(key)
    if processor is None:
        nlp = load_nlp(model, patterns=ruler_patterns(kb) if kb is not None else None)
        processor = _PROCESSORS[key] = Processor(nlp, kb, batch_size)
    return processor(batch)


def run_on_dask(batches: Iterator[list[Article]], *, kb, model: str | None, workers: int, batch_size: int,
                address: str | None = None) -> Iterator[list]:
    """Process ``batches`` on a Dask cluster; yields each batch's Built records as it completes."""
    try:
        import dask
        import dask.distributed  # noqa: F401 - its configuration defaults
    except ImportError as exc:
        raise KgError("--dask needs dask.distributed: pip install 'kg-diplomacy[dask]'") from exc
    log = "distributed.admin.low-level-log-length"
    with dask.config.set({log: min(MESSAGE_LOG, dask.config.get(log, MESSAGE_LOG))}):
        # (read when the scheduler, client and workers make their logs: the LocalCluster's workers get
        # this process's configuration)
        yield from _on_cluster(batches, kb=kb, model=model, workers=workers, batch_size=batch_size,
                               address=address)


def _on_cluster(batches: Iterator[list[Article]], *, kb, model: str | None, workers: int, batch_size: int,
                address: str | None) -> Iterator[list]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if address:
            client = Client(address, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise KgError(f"cannot reach the Dask scheduler {address or '(local cluster)'}: {exc}; "
                      "check the address and that the scheduler is running") from exc
    try:
        slots = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        shared_kb = client.scatter(kb, broadcast=True) if kb is not None else None
        running = as_completed()
        for batch in batches:
            running.add(client.submit(_process, batch, shared_kb, model, batch_size, pure=False))
            while running.count() >= slots:
                yield next(running).result()
        for future in running:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
