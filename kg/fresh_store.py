"""A read-only view of an on-disk store that is reopened when the store changes on disk.

A query first compares the store directory's file list (names, sizes, modification
times) with the one it opened -- at most every :data:`RECHECK_SECONDS` (50 ms;
queries in between use the view as it is) -- so a query sees what a finished
``kg build`` wrote (the lag is at most 50 ms plus one reopen, ~30 ms; see
bench/load.py); a slow reopen happens in the background while the previous view
answers.  Used by the endpoint's query workers (:mod:`kg.query_workers`) and its
own reads (:mod:`kg.server_routes`).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def store_signature(path: str) -> tuple:
    """What changes when anything writes the store: its files' names, sizes and mtimes."""
    try:
        return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                            for e in os.scandir(path) if e.name not in ("LOG", "LOCK") and not e.name.startswith("LOG.old")))
    except OSError:
        return ()


#: How often (s) a :class:`FreshStore` reads the store directory at most: a change on disk is seen by the
#: first query at least this long after the last look (plus the reopen).
RECHECK_SECONDS = 0.05


class FreshStore:
    """A read-only store reopened when the store changes on disk (see :func:`store_signature`).

    The reopen runs in a thread: a caller waits for it at most ``wait`` s and is
    otherwise answered from the previous view, so a slow reopen (a large write-ahead
    log left by a writer is replayed on open) never holds a query or the event loop.
    The directory is read at most every ``recheck`` s (:data:`RECHECK_SECONDS`); a
    ``get`` sooner than that after the last look returns the current view unchecked.
    """

    def __init__(self, path: str | Path, store=None, wait: float = 0.5, recheck: float = RECHECK_SECONDS):
        from .store import Store

        self.path, self.wait, self._open = str(path), wait, lambda: Store(self.path, read_only=True)
        self.recheck = recheck
        self.signature = store_signature(self.path)
        self.checked = time.monotonic()  # when the signature was last read
        self.store = store if store is not None else self._open()
        self.lock = threading.Lock()
        self.opening: threading.Thread | None = None
        self.generation = 0  # the server's write count this view is known to include

    def get(self, generation: int = 0):
        """The current view; one that includes the server's write number ``generation`` (a write the
        server has answered), reopened here and now if it is older: a client reads its own writes."""
        if generation > self.generation:
            signature = store_signature(self.path)  # (before the open: a later change is seen next time)
            store = self._open_retrying()
            with self.lock:
                self.store, self.signature = store, signature
                self.generation = generation
            return store
        clock = time.monotonic()
        if clock - self.checked < self.recheck and self.opening is None:
            return self.store  # looked a moment ago: a scan of the directory costs a third of a small query
        self.checked = clock
        now = store_signature(self.path)
        with self.lock:
            if now != self.signature and self.opening is None:
                self.opening = threading.Thread(target=self._reopen, args=(now, self.generation), daemon=True)
                self.opening.start()
            opening = self.opening
        if opening is not None and self.wait > 0:
            opening.join(self.wait)
        return self.store

    def _open_retrying(self, seconds: float = 5.0):
        """Open a view now; a writer mid-flush or mid-compaction can make an open fail for a moment."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                return self._open()
            except Exception:  # noqa: BLE001
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _reopen(self, signature: tuple, generation: int) -> None:
        try:
            store = self._open()
        except Exception:  # noqa: BLE001 - a writer mid-compaction: keep the last view, retry next time
            store = None
        with self.lock:
            if store is not None and generation == self.generation:  # (not older than a forced reopen's)
                self.store, self.signature = store, signature
            self.opening = None
