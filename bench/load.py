"""A bounded loopback load test of `kg serve`: good, bad and runaway queries at once.

    python bench/load.py [PATH...] [--store DIR] [--clients 8] [--seconds 10]
                         [--query-timeout 2] [--expensive 3]

Builds PATH (default: the bundled samples) into a temporary store with `kg build` (or takes
an existing --store), starts `kg serve --query-timeout T` on it on a free 127.0.0.1 port, and
for --seconds runs --clients threads that cycle through a mix of requests:

* good: the named queries without parameters (articles, entities, events, meetings,
  persons), a COUNT, an ASK and a CONSTRUCT -- expected 200;
* bad: a syntax error, an unknown prefix, a SERVICE clause -- expected 400;

while --runaway-clients more clients (default 12: more than the server's
--slots, 8) each send --expensive runaway queries (a cross product of the whole store
with itself, which never finishes) one after the other -- expected 503 once the query
timeout has passed.  The small queries must keep answering: the runaway ones are killed
at their deadline (kg serve runs each query in a worker process) and give their slot
back.  It prints requests/s, p50/p99 latency per kind, the status codes, and the errors:
a connection failure, a 5xx other than the expected 503, or any other unexpected status.
Then it measures the CPU of the server and its workers (psutil) before the load and
in the 2 s after the last deadline (it must return to idle), times one query on the
loaded server, measures how long the server takes to see a graph written into the store
by another process (--reopen-lag), stops the server (SIGTERM, then SIGKILL after 10 s)
and says how it stopped.  Exit status 1 when there were errors.  Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_spec = importlib.util.spec_from_file_location("bench_serve", Path(__file__).with_name("serve.py"))
bench_serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_serve)  # reuse its _free_port and _wait

NAMED = ("articles", "entities", "events", "meetings", "persons")
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass(frozen=True)
class Request:
    kind: str  # good, bad, expensive
    name: str
    query: str
    expected: frozenset[int]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)  # (kind, status)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: Request, status: int | str, seconds: float) -> None:
        with self.lock:
            self.statuses[(request.kind, status)] += 1
            if status in request.expected:
                self.latencies.setdefault(request.kind, []).append(seconds)
            else:
                self.errors.append(f"{request.name}: {status} (expected {sorted(request.expected)})")


def mix() -> tuple[list[Request], Request]:
    from kg import queries
    from kg.vocab import sparql_prefixes

    prefixes = sparql_prefixes()
    ok, bad = frozenset({200}), frozenset({400})
    good = [Request("good", name, prefixes + queries.get(name).text, ok) for name in NAMED]
    good += [
        Request("good", "count", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", ok),
        Request("good", "ask", prefixes + "ASK { ?a a dip:Article }", ok),
        Request("good", "construct", prefixes + "CONSTRUCT { ?a schema:headline ?h } WHERE { ?a schema:headline ?h } LIMIT 50", ok),
    ]
    bad_requests = [
        Request("bad", "syntax", "SELEKT * WHERE { ?s ?p ?o }", bad),
        Request("bad", "unknown-prefix", "SELECT * WHERE { ?s nope:p ?o }", bad),
        Request("bad", "service", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", bad),
    ]
    # two good requests for each bad one
    cycle = [r for pair in itertools.zip_longest(good, bad_requests) for r in pair if r is not None] + good
    return cycle, Request("expensive", "cross-product", CROSS_PRODUCT, frozenset({503}))


def send(client, url: str, request: Request, tally: Tally) -> None:
    import httpx

    accept = "text/turtle" if request.name == "construct" else "application/sparql-results+json"
    started = time.perf_counter()
    try:
        response = client.post(url, data={"query": request.query}, headers={"Accept": accept})
        response.read()
        status: int | str = response.status_code
    except httpx.HTTPError as exc:
        status = f"connection failure ({type(exc).__name__})"
    tally.add(request, status, time.perf_counter() - started)


def run_load(url: str, clients: int, seconds: float, expensive: int, timeout: float,
             runaway_clients: int = 1) -> tuple[Tally, float]:
    import httpx

    cycle, runaway = mix()
    tally = Tally()
    stop = time.monotonic() + seconds

    def worker(n: int) -> None:
        with httpx.Client(timeout=timeout + 30) as client:
            for i in itertools.count(n * 3):
                if time.monotonic() >= stop:
                    return
                send(client, url, cycle[i % len(cycle)], tally)

    def expensive_worker() -> None:
        with httpx.Client(timeout=timeout + 30) as client:
            for _ in range(expensive):
                if time.monotonic() >= stop:
                    return
                send(client, url, runaway, tally)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    if expensive:
        threads += [threading.Thread(target=expensive_worker) for _ in range(runaway_clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def report(tally: Tally, elapsed: float) -> None:
    total = sum(tally.statuses.values())
    print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s")
    print(f"{'kind':>10}{'as meant':>10}{'per s':>8}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for kind in ("good", "bad", "expensive"):
        statuses = {status: n for (k, status), n in sorted(tally.statuses.items(), key=str) if k == kind}
        latencies = tally.latencies.get(kind, [])
        if not statuses:
            continue
        p50 = f"{statistics.median(latencies) * 1000:9.1f}" if latencies else f"{'-':>9}"
        p99 = f"{percentile(latencies, 0.99) * 1000:9.1f}" if latencies else f"{'-':>9}"
        as_expected = len(latencies)
        print(f"{kind:>10}{as_expected:>10}{as_expected / elapsed:8.1f}{p50}{p99}  "
              + ", ".join(f"{status}: {n}" for status, n in statuses.items()))
    print(f"errors: {len(tally.errors)}")
    for error, n in Counter(tally.errors).most_common(10):
        print(f"  {n} x {error}")


def build_store(paths: list[str], store: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "build", *paths, "--store", str(store)],
                            capture_output=True, text=True)
    if result.returncode not in (0, 3):
        sys.exit(f"kg build failed ({result.returncode}):\n{result.stderr}")
    print(result.stdout.strip())


def tree_cpu(pid: int, seconds: float = 2.0) -> float:
    """CPU use (% of one core) of process ``pid`` and its children over ``seconds``."""
    import psutil

    root = psutil.Process(pid)
    procs = [root] + root.children(recursive=True)
    for proc in procs:
        try:
            proc.cpu_percent(None)
        except psutil.Error:
            pass
    time.sleep(seconds)
    total = 0.0
    for proc in procs:
        try:
            total += proc.cpu_percent(None)
        except psutil.Error:
            pass
    return total


LATE_GRAPH = "http://example.org/bench/late-graph"
WRITE_LATE = f"""
import sys
import pyoxigraph as ox
store = ox.Store(sys.argv[1])
store.add(ox.Quad(ox.NamedNode("http://example.org/bench/s"), ox.NamedNode("http://example.org/bench/p"),
                  ox.Literal(sys.argv[2]), ox.NamedNode("{LATE_GRAPH}")))
store.flush()
"""


def reopen_lag(url: str, store: Path) -> float:
    """Seconds from another process writing a graph into the store to the server answering with it."""
    import httpx

    marker = str(time.time())
    query = f'ASK {{ GRAPH <{LATE_GRAPH}> {{ ?s ?p "{marker}" }} }}'
    subprocess.run([sys.executable, "-c", WRITE_LATE, str(store), marker], check=True)
    written = time.perf_counter()
    with httpx.Client(timeout=30) as client:
        while time.perf_counter() - written < 30:
            if client.post(url, data={"query": query}).json().get("boolean"):
                return time.perf_counter() - written
            time.sleep(0.01)
    return float("inf")


def stop_server(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
        return f"stopped by SIGTERM (exit {proc.returncode})"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return "did not stop within 10 s of SIGTERM; killed (SIGKILL)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "samples")])
    parser.add_argument("--store", help="serve this store instead of building PATH")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--query-timeout", type=float, default=2.0, help="kg serve --query-timeout (s)")
    parser.add_argument("--expensive", type=int, default=3, help="runaway queries each runaway client sends")
    parser.add_argument("--runaway-clients", type=int, default=12, help="clients sending runaway queries at once")
    parser.add_argument("--slots", type=int, default=8, help="kg serve's max_concurrent_queries")
    parser.add_argument("--reopen-lag", action="store_true", help="also measure how soon the server sees a write "
                        "(writes one triple into --store or the temporary store)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            build_store(args.paths, store)
        port = bench_serve._free_port()
        url = f"http://127.0.0.1:{port}/sparql"
        env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        env["KG_MAX_CONCURRENT_QUERIES"] = str(args.slots)
        with open(Path(tmp) / "serve.log", "w+") as log:
            proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", str(port),
                                     "--query-timeout", str(args.query_timeout)],
                                    cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                bench_serve._wait(url)
                idle = tree_cpu(proc.pid)
                print(f"kg serve on {url}: {args.clients} clients for {args.seconds:g} s, query timeout "
                      f"{args.query_timeout:g} s, {args.slots} slots, {args.runaway_clients} clients x "
                      f"{args.expensive} runaway queries")
                tally, elapsed = run_load(url, args.clients, args.seconds, args.expensive, args.query_timeout,
                                          args.runaway_clients)
                report(tally, elapsed)
                after_cpu = tree_cpu(proc.pid)
                print(f"CPU of the server and its workers: {idle:.0f}% before the load, {after_cpu:.0f}% in the 2 s "
                      f"after the last deadline (100% = one core)")
                if after_cpu > 50:
                    tally.errors.append(f"CPU did not return to idle after the deadline ({after_cpu:.0f}%)")
                after = Tally()
                import httpx

                with httpx.Client(timeout=args.query_timeout + 30) as client:
                    send(client, url, mix()[0][0], after)
                seconds = next(iter(after.latencies.values()), [float("nan")])[0]
                print(f"after the load: one 'articles' query took {seconds * 1000:.1f} ms"
                      + (f" ({after.errors[0]})" if after.errors else ""))
                if args.reopen_lag:
                    print(f"a graph written by another process was answered after {reopen_lag(url, store) * 1000:.0f} ms")
            finally:
                print(f"server {stop_server(proc)}")
            if proc.returncode not in (0, -signal.SIGTERM):
                log.seek(0)
                print("server log (last lines):\n" + "".join(log.readlines()[-15:]))
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
