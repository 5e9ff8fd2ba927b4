"""Where the endpoint's queries run: one worker process per query slot, killed at the deadline.

pyoxigraph cannot cancel a running query (no cancellation token in 0.5), and a
thread cannot be stopped, so a query that computes long before its first result
(a COUNT over a cross product) would keep its CPU core and its slot until it ends.
A process can be stopped: :class:`ProcessRunner` keeps ``n`` worker processes,
each with the store opened read-only, hands each query to an idle one, and at the
query's deadline kills it (SIGKILL) and puts a hot spare in its place, so the
slot is free again at once and a new spare starts in the background.

* Waiting for a slot is a FIFO queue (no sleep-polling): queries get workers in
  the order they asked, until their own deadline; an idle worker is handed out
  last used, first out (warm caches).
* Short queries keep answering when long ones pile up: at most ``n - n // 4``
  queries may run past ``short_seconds`` (kg serve: query_timeout / 8, at most 1 s;
  0 turns this off) while others wait; a query
  reaching that age when they all are taken and a query is waiting is stopped
  with "busy" (503), so a quarter of the workers
  always turn over quickly; a query past that age runs at the lowest CPU priority
  (nice 19), so the short ones get the cores first.
* Each worker drops its network before it opens the store (a new user and network
  namespace: no interface but a down loopback), so even a SERVICE or LOAD that got
  past :mod:`kg.sparql_screen` cannot reach any host.  Where the kernel refuses
  namespaces the workers run with the network and the screen is the only guard
  (``ProcessRunner.isolated`` says which; ``kg serve`` prints it).
* A worker that dies (a stack overflow in the engine) is replaced; its query gets a 500.
* The store is reopened when it changes on disk (:class:`kg.fresh_store.FreshStore`),
  so a query sees what a finished ``kg build`` wrote.

:class:`ThreadRunner` is the fallback for in-memory stores (tests, the Python
API), which a process cannot open: a fair queue of slots, results stopped at the
deadline where kg sees them, but a query computing without output runs on.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from multiprocessing.connection import Connection
from typing import Any

from .fresh_store import FreshStore
from .query_slots import Busy, FairSlots, ThreadRunner, TimedOut

__all__ = ["Busy", "FairSlots", "ProcessRunner", "StreamCut", "StreamedAnswer", "ThreadRunner", "TimedOut",
           "WorkerFailed"]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


class WorkerFailed(Exception):
    """The worker died while running the query (its message says how)."""


class StreamCut(Exception):
    """A streamed answer stopped before its end (its message says why): the connection is dropped."""


class StreamedAnswer:
    """An answer sent on as the worker writes it: its media type, and :meth:`chunks` until the worker's "end".

    The worker's slot is held until :meth:`close` (idempotent; called when the chunks end, and by the
    response after it is sent, for a client gone before the first chunk).  While it is sent the stream is
    a query like any other for the slot rules: past ``short_seconds`` (:meth:`hold`) it counts as a long
    query, at the lowest CPU priority, and when the long ones already fill their share of the slots and a
    query is waiting it is stopped, so a client reading slowly (or not at all) cannot take the slots kept
    for short queries.  Past the deadline, when the worker dies or fails mid-answer (its "abort"), when it
    is stopped so or when the client goes away, the chunks stop with :class:`StreamCut`: the server then
    drops the connection, so the client sees an incomplete body, never a short one that looks whole; a
    worker stopped mid-answer is replaced."""

    def __init__(self, media: str, first: bytes, runner: "ProcessRunner", worker: "_Worker", is_long: bool,
                 deadline: float, short_until: float):
        self.media, self.first, self.deadline = media, first, deadline
        self.runner, self.worker, self.is_long, self.short_until = runner, worker, is_long, short_until
        self.conn = worker.conn
        self.idle = False  # the worker sent its "end" or "abort" and waits for its next job
        self.closed = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.runner._release(self.worker, self.is_long, replace=not self.idle)

    def hold(self) -> None:
        """Keep the slot a while longer: past ``short_seconds`` the stream becomes a long query, or is stopped
        (:class:`StreamCut`) when the long queries fill their share and a query waits for a slot; a long stream
        is stopped when the long queries hold more than their share (they were let past it while nobody
        waited) and a query waits."""
        if self.is_long:
            if self.runner._over_share():
                raise StreamCut("the server is busy: a long streamed answer gave its slot up to a waiting query")
            return
        if time.monotonic() < self.short_until:
            return
        if not self.runner._promote(self.worker):
            raise StreamCut("the server is busy: a streamed answer past short_query_seconds gave its slot up")
        self.is_long = True

    async def chunks(self):
        ended, why = False, "the client went away"
        try:
            yield self.first
            while True:
                self.hold()
                if not await _readable(self.conn, self.deadline - time.monotonic()):
                    why = "the query ran past query_timeout while its answer was being sent"
                    break
                try:
                    kind, value = self.conn.recv()
                except (EOFError, OSError):
                    why = "the query worker died"
                    break
                if kind == "chunk":
                    yield value
                    continue
                self.idle, ended = True, kind == "end"
                why = f"the query failed after its answer had started: {value}"
                break
        finally:
            self.close()
        if not ended:
            raise StreamCut(why)


def drop_network() -> bool:
    """Move this (single-threaded) process into new user+network namespaces; True if done."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            return False
        # map our own ids so the store's files keep their owner inside the namespace
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            try:
                Path(f"/proc/self/{name}").write_text(text)
            except OSError:
                pass
        return True
    except (OSError, AttributeError):
        return False


def zygote(fd: int, path: str, isolate: bool) -> None:
    """The process that forks the workers (started with ``python -c``, not multiprocessing, whose
    spawn would re-run ``kg.__main__``).  It imports the query stack once and stays single-threaded,
    so a fork is safe and a new worker is ready in milliseconds, not the second an import takes."""
    import signal

    from . import protocol_request, sparql_protocol, store  # noqa: F401 - imported once, inherited by every fork

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed workers
    control = socket.socket(fileno=fd)
    while True:
        try:
            request = control.recv(16)
        except OSError:
            return
        if not request:  # the server is gone: so are we (and our workers notice)
            return
        mine, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            control.close()
            mine.close()
            try:
                _worker_main(Connection(theirs.detach()), path, isolate)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(control, [str(pid).encode()], [mine.fileno()])
        mine.close()


class _Zygote:
    def __init__(self, path: str, isolate: bool):
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fd = theirs.fileno()
        code = f"from kg.query_workers import zygote; zygote({fd}, {path!r}, {isolate!r})"
        self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(fd,), stdin=subprocess.DEVNULL)
        theirs.close()
        self.control = mine
        self.lock = threading.Lock()

    def fork(self) -> tuple[int, Connection]:
        with self.lock:
            try:
                self.control.sendall(b"w")
                message, fds, _, _ = socket.recv_fds(self.control, 32, 1)
            except OSError as exc:
                raise WorkerFailed(f"the worker zygote stopped ({exc})") from exc
        if not fds:
            raise WorkerFailed(f"the worker zygote stopped (exit code {self.process.poll()})")
        return int(message), Connection(fds[0])

    def close(self) -> None:
        self.control.close()
        try:
            self.process.kill()
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            pass


def _worker_main(conn, path: str, isolate: bool) -> None:
    parent = os.getppid()
    isolated = drop_network() if isolate else False  # before any thread: unshare needs a single thread

    def watch_parent() -> None:  # die with the server, even in the middle of a query
        while os.getppid() == parent:  # (PR_SET_PDEATHSIG would fire when the *thread* that spawned us ends)
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    from .sparql_protocol import STREAMED, AnswerStream, HttpError, run_query

    try:
        fresh = FreshStore(path)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        generation, job = message
        if len(job) == 2 and job[0] == "screen":  # a big request read and screened here, not in the server
            from .protocol_request import protocol_request

            try:
                conn.send(("ok", protocol_request(*job[1])))
            except HttpError as exc:
                conn.send(("error", (exc.status, exc.message)))
            continue
        store = fresh.get(generation)
        text, dataset, accepted, limit, timeout, streams = job
        stream = AnswerStream(conn.send) if streams else None
        try:
            answer = run_query(store, text, dataset, accepted, limit, time.monotonic() + timeout, stream)
            conn.send(("end", None) if answer[0] is STREAMED else ("ok", answer))
        except HttpError as exc:  # after the stream's start only the server's log can say why
            started = stream is not None and stream.started
            conn.send(("abort", exc.message) if started else ("error", (exc.status, exc.message)))


class _Worker:
    def __init__(self, zygote: _Zygote):
        self.pid, self.conn = zygote.fork()
        self.isolated = False

    def alive(self) -> bool:
        return os.path.exists(f"/proc/{self.pid}")

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise WorkerFailed("a query worker did not start")
        kind, value = self.conn.recv()
        if kind != "ready":
            self.kill()
            raise WorkerFailed(f"a query worker could not open the store: {value}")
        self.isolated = bool(value)

    def kill(self) -> None:
        try:
            os.kill(self.pid, 9)
        except OSError:
            pass
        self.conn.close()


async def _readable(conn: Connection, timeout: float) -> bool:
    """Whether ``conn`` has a message within ``timeout`` s -- waited for on the event loop, no thread."""
    if conn.poll(0):
        return True
    if timeout <= 0:
        return False
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()
    loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except asyncio.TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
        os.set_blocking(fd, True)  # uvloop leaves the fd non-blocking: recv() would fail mid-message


class ProcessRunner:
    """``n`` worker processes on the store at ``path`` (see the module docstring)."""

    def __init__(self, path: str | Path, n: int, *, isolate: bool = True, short_seconds: float = 1.0,
                 reserved: int | None = None):
        self.path = str(path)
        self.isolate = isolate
        self.short_seconds = short_seconds
        self.long_cap = max(n - (max(1, n // 4) if reserved is None else reserved), 1)
        self.long_running = 0
        self.zygote = _Zygote(self.path, isolate)
        workers = [self._spawn() for _ in range(n + 1)]
        for worker in workers:
            worker.wait_ready()
        self.isolated = all(w.isolated for w in workers)
        self.spare: deque[_Worker] = deque([workers.pop()])
        self.slots = FairSlots(workers)
        self.lock = threading.Lock()
        self.closed = False
        self.generation = 0  # writes the server has answered: a query sees all of them (see written())

    def written(self) -> None:
        """Called after each write the server answers: later queries run on a view that includes it."""
        self.generation += 1

    def _spawn(self) -> _Worker:
        return _Worker(self.zygote)

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead``; a spare takes its slot now and a new spare starts in the background."""
        dead.kill()
        with self.lock:
            spare = self.spare.popleft() if self.spare else None
        if spare is not None:
            self.slots.put(spare)

        def refill():
            try:
                worker = self._spawn()
                worker.wait_ready()
            except WorkerFailed:
                return
            if self.closed:
                worker.kill()
                return
            if spare is None:
                self.slots.put(worker)
            else:
                with self.lock:
                    self.spare.append(worker)

        threading.Thread(target=refill, daemon=True).start()

    async def run(self, job: tuple, timeout: float) -> Any:
        """The worker's answer to ``job``: its value, or a :class:`StreamedAnswer` for one sent as it is written."""
        started = time.monotonic()
        deadline = started + timeout
        worker, is_long, (kind, value) = await self._first_message(job, deadline)
        if kind == "stream":
            media, first = value
            short_until = started + self.short_seconds if self.short_seconds > 0 else deadline
            return StreamedAnswer(media, first, self, worker, is_long, deadline, short_until)
        self._release(worker, is_long)
        if kind == "error":
            from .sparql_protocol import HttpError

            raise HttpError(*value)
        return value

    async def _first_message(self, job: tuple, deadline: float) -> tuple[_Worker, bool, tuple]:
        """Send ``job`` to an idle worker and wait for its first message: (worker, is_long, message).  Busy,
        TimedOut and WorkerFailed replace the worker; a long query (past ``short_seconds``) is counted in
        ``long_running`` until :meth:`_release`."""
        worker = await self.slots.get(deadline)
        while not worker.alive():  # died while idle (killed from outside): replace it
            self._replace(worker)
            worker = await self.slots.get(deadline)
        is_long = False
        try:
            worker.conn.send((self.generation, job))
            short = min(deadline, time.monotonic() + self.short_seconds) if self.short_seconds > 0 else deadline
            ready = await _readable(worker.conn, short - time.monotonic())
            if not ready and short < deadline:
                is_long = self._promote(worker)
                if not is_long:  # the slots kept for short queries stay free for them
                    raise Busy
                ready = await _readable(worker.conn, deadline - time.monotonic())
            if not ready:
                raise TimedOut
            try:
                message = worker.conn.recv()
            except (EOFError, OSError) as exc:
                raise WorkerFailed("the query worker died: the query was too much for the engine") from exc
        except BaseException:
            self._release(worker, is_long, replace=True)
            raise
        return worker, is_long, message

    def _promote(self, worker: _Worker) -> bool:
        """Whether the query on ``worker``, past ``short_seconds``, may run on as a long one (counted in
        ``long_running``, at the lowest CPU priority, so short queries get the cores first): yes while the long
        ones hold fewer than ``long_cap`` slots, or when nobody waits for a slot (nobody needs it back)."""
        with self.lock:
            allowed = self.long_running < self.long_cap or self.slots.waiting == 0
            self.long_running += allowed
        if allowed:
            try:
                os.setpriority(os.PRIO_PROCESS, worker.pid, 19)
            except OSError:
                pass
        return allowed

    def _over_share(self) -> bool:
        """Long queries hold more than ``long_cap`` slots while a query waits for one."""
        with self.lock:
            return self.long_running > self.long_cap and self.slots.waiting > 0

    def _release(self, worker: _Worker, is_long: bool, replace: bool = False) -> None:
        """The query on ``worker`` is over: its slot is free again (a long query's worker, which runs at the
        lowest priority now, or one stopped mid-query, is replaced by a fresh one)."""
        if is_long:
            with self.lock:
                self.long_running -= 1
        if is_long or replace:
            self._replace(worker)
        else:
            self.slots.put(worker)

    def close(self) -> None:
        self.closed = True
        for worker in list(self.slots.idle) + list(self.spare):
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()
        self.zygote.close()
