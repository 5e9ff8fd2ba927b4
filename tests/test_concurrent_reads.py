"""kg.concurrent_reads (queries side by side) and kg.gc_pause."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from kg import concurrent_reads, gc_pause
from kg.store import Store


def test_the_answers_come_in_the_jobs_order_and_done_is_called_once_each():
    calls = []
    jobs = [lambda i=i: i * i for i in range(7)]
    assert concurrent_reads.run_all(jobs, workers=3, done=lambda: calls.append(1)) == [i * i for i in range(7)]
    assert len(calls) == 7
    assert concurrent_reads.run_all(jobs, workers=1) == [i * i for i in range(7)]
    assert concurrent_reads.run_all([], workers=2) == []


def test_two_jobs_run_at_the_same_time():
    meet = threading.Barrier(2, timeout=10)  # broken (an error) unless both wait on it at once

    def job():
        meet.wait()
        return threading.get_ident()

    first, second = concurrent_reads.run_all([job, job], workers=2)
    assert first != second


def test_a_failing_job_raises_its_error():
    def fail():
        raise ValueError("bad query")

    finished = []

    def slow():
        time.sleep(0.3)
        finished.append(True)

    with pytest.raises(ValueError, match="bad query"):
        concurrent_reads.run_all([slow, fail, lambda: 3], workers=2)
    assert finished == [True]  # the running job ended before the error came out
    with pytest.raises(ValueError, match="bad query"):
        concurrent_reads.run_all([lambda: 1, fail], workers=1)


def test_selects_of_one_store_side_by_side_give_what_each_gives_alone():
    store = Store(None)
    store.load(b"".join(b"<urn:s%d> <urn:p> \"%d\" .\n" % (i, i) for i in range(200)), "nt")
    texts = ["SELECT ?s WHERE { ?s <urn:p> ?o FILTER(xsd:integer(?o) < %d) }" % n for n in (10, 50, 200, 0)]
    alone = [sorted(r["s"] for r in store.select(t)) for t in texts]
    together = concurrent_reads.run_all([lambda t=t: store.select(t) for t in texts], workers=4)
    assert [sorted(r["s"] for r in rows) for rows in together] == alone
    assert [len(a) for a in alone] == [10, 50, 200, 0]


def test_threads_are_the_cores_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(concurrent_reads.os, "sched_getaffinity", lambda pid: set(range(16)))
    assert concurrent_reads.threads() == concurrent_reads.MAX_THREADS
    monkeypatch.setattr(concurrent_reads.os, "sched_getaffinity", lambda pid: {0, 1})
    assert concurrent_reads.threads() == 2


def test_run_beside_gives_both_answers_and_the_side_jobs_error():
    meet = threading.Barrier(2, timeout=10)
    assert concurrent_reads.run_beside(lambda: (meet.wait(), "main")[1], lambda: (meet.wait(), "side")[1]) == ("main", "side")
    assert concurrent_reads.run_beside(lambda: 1, None) == (1, None)

    def fail():
        raise ValueError("side failed")

    with pytest.raises(ValueError, match="side failed"):
        concurrent_reads.run_beside(lambda: 1, fail)


def test_the_collector_is_paused_in_the_block_and_as_it_was_after():
    assert gc.isenabled()
    with gc_pause.paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_pause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
    with pytest.raises(KeyError):
        with gc_pause.paused():
            raise KeyError("x")
    assert gc.isenabled()


def test_overlapping_pauses_on_two_threads_keep_the_collector_off_until_the_last_ends():
    # thread A opens, B opens, A closes (B still making objects: still off), B closes (on again)
    a_open, b_open, a_closed = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def a():
        with gc_pause.paused():
            a_open.set()
            assert b_open.wait(5)
        a_closed.set()

    def b():
        assert a_open.wait(5)
        with gc_pause.paused():
            b_open.set()
            assert a_closed.wait(5)
            seen["after A closed"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)
    assert seen == {"after A closed": False}
    assert gc.isenabled()


def test_ctrl_c_does_not_wait_for_the_side_job():
    release = threading.Event()

    def interrupted():
        raise KeyboardInterrupt

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        concurrent_reads.run_beside(interrupted, lambda: release.wait(20))
    assert time.monotonic() - start < 10  # not the side job's 20 s
    release.set()
