"""Queries that can really be stopped, fair slots, timeouts and caps, and a server that sees later builds.

The servers run the real `kg serve` stack (kg.server.uvicorn_config: the guarded
HTTP protocol, worker processes on an on-disk store) on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import psutil
import pytest
import uvicorn

from kg.query_workers import FairSlots
from kg.server import create_app, uvicorn_config
from kg.store import Store
from tests.test_server import BASE_SETTINGS, GRAPHS, _count, _free_port

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(12)) + " }"  # 5^12 rows
SMALL = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@contextmanager
def serving(store, **overrides):
    settings = {**BASE_SETTINGS, "log_level": "warning", "lifespan": "off", **overrides, "port": _free_port()}
    app = create_app(store, settings=settings)
    server = uvicorn.Server(uvicorn_config(app, settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{settings['port']}", app
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.runner.close()


@pytest.fixture()
def disk_store(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.replace_graphs(GRAPHS)
    store.flush()
    del store
    return path


def _workers(app):
    runner = app.state.runner
    return [w.pid for w in list(runner.slots.idle) + list(runner.spare)]


def test_runaway_queries_beyond_the_slots_are_killed_and_small_ones_keep_answering(disk_store):
    with serving(Store(disk_store, read_only=True), max_concurrent_queries=2, query_timeout=1.5) as (base, app):
        before = set(_workers(app))
        with httpx.Client(trust_env=False, timeout=30) as http, ThreadPoolExecutor(8) as pool:
            started = time.monotonic()
            runaways = [pool.submit(http.get, base + "/sparql", params={"query": CROSS}) for _ in range(5)]
            time.sleep(0.5)
            during = time.monotonic()  # the slot kept for short queries answers while the runaways pile up
            assert _count(http.get(base + "/sparql", params={"query": SMALL})) == 1
            assert time.monotonic() - during < 1.5
            statuses = [f.result().status_code for f in runaways]
            elapsed = time.monotonic() - started
            assert statuses == [503] * 5
            # 5 runaways, 2 slots: each waits at most its own 1.5 s -- the slots are freed at the deadline
            assert elapsed < 6, elapsed
            small = time.monotonic()
            assert _count(http.get(base + "/sparql", params={"query": SMALL})) == 1
            assert time.monotonic() - small < 2
        # the processes that ran them are gone, and the workers are idle again
        after = set(_workers(app))
        killed = before - after
        assert killed, "the runaway queries' workers should have been killed"
        def alive(pid):
            try:
                return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
            except psutil.NoSuchProcess:
                return False

        gone_by = time.monotonic() + 3  # SIGKILL is delivered asynchronously
        while any(alive(pid) for pid in killed) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in killed)
        time.sleep(0.5)
        cpu = sum(psutil.Process(pid).cpu_percent(interval=None) for pid in after)
        time.sleep(1.0)
        cpu = sum(psutil.Process(pid).cpu_percent(interval=None) for pid in after if psutil.pid_exists(pid))
        assert cpu < 50, f"workers still busy after the deadline: {cpu}% CPU"


def test_a_worker_that_dies_is_replaced(disk_store):
    with serving(Store(disk_store, read_only=True), max_concurrent_queries=1) as (base, app):
        victim = _workers(app)[0]
        psutil.Process(victim).kill()
        with httpx.Client(trust_env=False, timeout=30) as http:
            assert _count(http.get(base + "/sparql", params={"query": SMALL})) == 1
        assert victim not in _workers(app)


def test_slots_are_handed_out_first_come_first_served():
    async def scenario():
        slots = FairSlots([])
        order = []

        async def want(name):
            await slots.get(time.monotonic() + 5)
            order.append(name)

        tasks = [asyncio.create_task(want(n)) for n in "abcd"]
        await asyncio.sleep(0.05)
        for _ in "abcd":
            slots.put(object())
            await asyncio.sleep(0.01)
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == list("abcd")


def test_the_worker_that_answered_last_gets_the_next_query():
    async def scenario():
        slots = FairSlots(["a", "b", "c"])
        first = await slots.get(time.monotonic() + 5)
        slots.put(first)
        again = await slots.get(time.monotonic() + 5)
        second = await slots.get(time.monotonic() + 5)
        slots.put(second)
        slots.put(again)
        return first, again, await slots.get(time.monotonic() + 5)

    first, again, last = asyncio.run(scenario())
    assert again == first and last == first  # (not the next worker in turn: its caches are cold)


def test_waiting_past_the_deadline_is_a_503_busy(disk_store):
    with serving(Store(disk_store, read_only=True), max_concurrent_queries=1, query_timeout=1.0) as (base, _app), \
            httpx.Client(trust_env=False, timeout=30) as http, ThreadPoolExecutor(2) as pool:
        first = pool.submit(http.get, base + "/sparql", params={"query": CROSS})
        time.sleep(0.3)
        second = http.get(base + "/sparql", params={"query": CROSS})
        assert first.result().status_code == 503 and second.status_code == 503
        assert "busy" in second.json()["error"] or "query_timeout" in second.json()["error"]


def test_screening_big_bodies_does_not_block_other_requests(disk_store):
    big = "SELECT * WHERE { ?s ?p ?o } VALUES ?x { " + " ".join(f'"{i}"' for i in range(150_000)) + " }"
    with serving(Store(disk_store, read_only=True), max_body_bytes=5_000_000) as (base, _app), \
            httpx.Client(trust_env=False, timeout=60) as http, ThreadPoolExecutor(5) as pool:
        heavy = [pool.submit(http.post, base + "/sparql", content=big.encode(),
                             headers={"Content-Type": "application/sparql-query"}) for _ in range(4)]
        time.sleep(0.2)
        started = time.monotonic()
        assert http.get(base + "/sparql", params={"query": "ASK {}"}).status_code == 200
        ask = time.monotonic() - started
        for f in heavy:
            f.result()
        assert ask < 1.5, f"ASK waited {ask:.2f} s behind the big bodies"


def _raw(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def test_a_half_sent_request_head_is_closed_after_header_timeout(disk_store):
    with serving(Store(None), header_timeout=0.5) as (base, _app):
        sock = _raw(base)
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # no blank line: head incomplete
        started = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < 5
        sock.close()


def test_a_body_that_never_arrives_is_a_408(disk_store):
    with serving(Store(None), body_timeout=0.5) as (base, _app):
        sock = _raw(base)
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK")
        reply = sock.recv(1000)
        assert reply.startswith(b"HTTP/1.1 408"), reply[:100]
        sock.close()


def test_connections_over_the_cap_get_503(disk_store):
    with serving(Store(None), max_connections=3, header_timeout=30) as (base, _app):
        idle = [_raw(base) for _ in range(3)]
        time.sleep(0.2)
        sock = _raw(base)
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 503")
        for s in idle + [sock]:
            s.close()


def test_invalid_dataset_iris_are_400():
    with serving(Store(None)) as (base, _app), httpx.Client(trust_env=False, timeout=30) as http:
        for name in ("default-graph-uri", "named-graph-uri"):
            response = http.get(base + "/sparql", params={"query": "ASK {}", name: "http://a b/"})
            assert response.status_code == 400 and name in response.json()["error"]


WRITE = """
import sys
from rdflib import Literal, URIRef
from kg.store import Store
store = Store(sys.argv[1])
store.replace_graphs({URIRef("http://example.org/graph/late"): [
    (URIRef("http://example.org/late"), URIRef("http://example.org/p"), Literal(n)) for n in range(3)]})
store.flush()
"""


def test_the_server_sees_what_a_later_build_writes(disk_store):
    """kg serve reopens its read-only store when the store changes on disk (the lag: one reopen)."""
    query = "SELECT * WHERE { GRAPH <http://example.org/graph/late> { ?s ?p ?o } }"
    with serving(Store(disk_store, read_only=True), max_concurrent_queries=1) as (base, _app), \
            httpx.Client(trust_env=False, timeout=30) as http:
        assert _count(http.get(base + "/sparql", params={"query": query})) == 0
        subprocess.run([sys.executable, "-c", WRITE, str(disk_store)], check=True, timeout=120)
        written = time.monotonic()
        while _count(http.get(base + "/sparql", params={"query": query})) != 3:
            assert time.monotonic() - written < 5, "the server never saw the new graph"
            time.sleep(0.05)
        graph = http.get(base + "/rdf-graphs/service", params={"graph": "http://example.org/graph/late"},
                         headers={"Accept": "application/n-triples"})
        assert graph.status_code == 200 and graph.text.count("\n") == 3


def test_the_store_directory_is_read_at_most_every_recheck_seconds(disk_store, monkeypatch):
    """The directory scan costs a third of a small query: queries within RECHECK_SECONDS of the last look skip it."""
    from kg import fresh_store

    scans = []
    real = fresh_store.store_signature
    monkeypatch.setattr(fresh_store, "store_signature", lambda path: scans.append(path) or real(path))
    fresh = fresh_store.FreshStore(disk_store)
    scans.clear()
    start = time.monotonic()
    for _ in range(500):
        fresh.get()
    elapsed = time.monotonic() - start
    assert len(scans) <= elapsed / fresh_store.RECHECK_SECONDS + 1, (len(scans), elapsed)


def test_a_later_build_is_seen_once_the_recheck_interval_has_passed(disk_store):
    from kg.fresh_store import FreshStore

    fresh = FreshStore(disk_store, recheck=3600, wait=30)
    before = len(fresh.get())
    subprocess.run([sys.executable, "-c", WRITE, str(disk_store)], check=True, timeout=120)
    assert len(fresh.get()) == before  # looked less than `recheck` ago: the view as it is
    fresh.checked -= 3600  # the interval has passed
    assert len(fresh.get()) == before + 3


def test_a_big_result_crosses_from_the_worker_whole(disk_store):
    # the result arrives in many chunks; the event loop (uvloop) must not leave the pipe non-blocking
    query = "SELECT ?i WHERE { VALUES ?i { " + " ".join(str(i) for i in range(20000)) + " } }"
    with serving(Store(disk_store, read_only=True), max_results=100_000, max_body_bytes=1_000_000) as (base, _app), \
            httpx.Client(trust_env=False, timeout=60) as http:
        for _ in range(3):
            response = http.post(base + "/sparql", data={"query": query})
            assert response.status_code == 200, response.text
            assert _count(response) == 20000


def test_the_access_log_is_off_unless_the_setting_turns_it_on(tmp_path, monkeypatch):
    """uvicorn logs every request by default; kg serve does not (a line per query costs time), unless access_log."""
    from kg.config import load_settings

    monkeypatch.chdir(tmp_path)
    app = create_app(Store(None), settings=BASE_SETTINGS)
    assert uvicorn_config(app, load_settings(environ={})).access_log is False
    assert uvicorn_config(app, BASE_SETTINGS).access_log is False
    assert uvicorn_config(app, load_settings(environ={"KG_ACCESS_LOG": "1"})).access_log is True
    assert uvicorn_config(app, {**BASE_SETTINGS, "access_log": True}).access_log is True
