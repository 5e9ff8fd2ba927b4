"""Waiting for a query slot: a fair (FIFO) queue, and the thread runner for in-memory stores.

Used by :mod:`kg.query_workers` (whose module docstring tells the whole story).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from typing import Any, Callable

import anyio
import anyio.to_thread


class Busy(Exception):
    """No slot came free before the query's deadline."""


class TimedOut(Exception):
    """The query ran to its deadline and was stopped."""


class FairSlots:
    """A FIFO of waiters for ``items`` (workers or plain tokens): first to ask, first served.

    Idle items are handed out last returned, first out: the worker that just answered gets the next
    query, its engine's caches (and the CPU's) still holding what it read, rather than each of the
    ``n`` workers in turn.
    ``put`` may be called from any thread; waiters are woken on their own event loop.
    """

    def __init__(self, items=()):
        self.idle: deque = deque(items)
        self.waiters: deque[asyncio.Future] = deque()
        self.lock = threading.Lock()

    def put(self, item) -> None:
        with self.lock:
            while self.waiters:
                waiter = self.waiters.popleft()
                if not waiter.done():
                    break
            else:
                self.idle.append(item)
                return
        waiter.get_loop().call_soon_threadsafe(_hand_over, waiter, item, self)

    async def get(self, deadline: float):
        with self.lock:
            if self.idle and not self.waiters:
                return self.idle.pop()
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
        try:
            return await asyncio.wait_for(asyncio.shield(waiter), max(deadline - time.monotonic(), 0.0001))
        except BaseException as exc:
            with self.lock:
                if waiter in self.waiters:
                    self.waiters.remove(waiter)
                handed = waiter.done() and not waiter.cancelled()
                if not waiter.done():
                    waiter.cancel()
            if handed:  # handed over just as we gave up: pass it on
                self.put(waiter.result())
            if isinstance(exc, asyncio.TimeoutError):
                raise Busy from exc
            raise

    @property
    def waiting(self) -> int:
        return sum(1 for w in self.waiters if not w.done())


def _hand_over(waiter: asyncio.Future, item, slots: FairSlots) -> None:
    if waiter.done():  # gave up meanwhile: the next in line gets it
        slots.put(item)
    else:
        waiter.set_result(item)


class ThreadRunner:
    """Queries in threads for in-memory stores: fair slots, but a running query cannot be stopped."""

    isolated = False

    def __init__(self, store, n: int):
        self.store = store
        self.slots = FairSlots(range(n))

    def written(self) -> None:
        """Writes go to ``store`` itself, which every query reads: nothing to do."""

    async def run(self, job: tuple, timeout: float) -> Any:
        from .sparql_protocol import run_query

        text, dataset, accepted, limit, _, _ = job  # (never streamed: a thread's answer is whole)
        deadline = time.monotonic() + timeout
        return await self.call(lambda: run_query(self.store, text, dataset, accepted, limit, deadline), timeout)

    async def call(self, fn: Callable[[], Any], timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        token = await self.slots.get(deadline)

        def job() -> Any:
            try:
                return fn()
            finally:
                self.slots.put(token)  # the slot is free when the thread really ends

        try:
            with anyio.fail_after(max(deadline - time.monotonic(), 0.001)):
                return await anyio.to_thread.run_sync(job, abandon_on_cancel=True)
        except TimeoutError as exc:
            raise TimedOut from exc

    def close(self) -> None:
        pass
