"""Query throughput of `kg serve` against `oxigraph serve-read-only` on the same store.

    python bench/serve.py [PATH...] [--store DIR] [--clients 1,16,64] [--seconds 10] [--mixes small,heavy]
                          [--rounds N]

Builds PATH (default: the bundled samples) into a temporary store, starts `kg serve` on it
(read-only) and `oxigraph serve-read-only --union-default-graph` on the same store directory (kg's
default graph is the union of the named graphs, so both do the same work; the script checks that
both give the same rows for every query before timing), each on a free loopback port, then for each number of concurrent clients runs the same mix of SELECT queries (the named
queries persons, entities, events and a COUNT) for a fixed time against each server. Prints
queries/s, p50 and p99 latency, and the ratios kg/oxigraph (target: >= 0.9x Oxigraph's rate, p99
within 2x), for the small-query mix (ASK, a lookup, the named queries), the heavy one (COUNTs
over every quad, a GROUP BY) and, with ``--mixes big``, one of big answers (50,000 and 20,000 rows,
megabytes of JSON, which kg streams); --store serves an existing store instead of building PATH. Timing
starts once kg serve is idle (its start-up warms the POST /check pipeline for several seconds).
--rounds N repeats every measurement N times (each round printed; the servers alternate going
first) and ends with the median ratio per row.  Each row ends with the 1-minute load average of the
machine when it was measured (the bench and both servers share the cores).  Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 60) -> None:
    import httpx

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def _settle(pid: int, seconds: float = 120) -> None:
    """Wait until the process is idle: `kg serve` loads the spaCy pipeline and the knowledge base for
    POST /check in a thread at start (~8 s, holding the GIL), which would be timed as query latency."""
    import psutil

    process, deadline = psutil.Process(pid), time.time() + seconds
    while time.time() < deadline and process.cpu_percent(interval=0.5) > 10:
        pass


def _load(url: str, queries: list[str], clients: int, seconds: float) -> tuple[float, float, float, int]:
    """(answered queries/s, p50 ms, p99 ms, 503s): a 503 (load shed, Retry-After) is counted, not timed."""
    import httpx

    latencies: list[float] = []
    shed = [0]
    lock = threading.Lock()
    stop = time.time() + seconds

    def worker(n: int) -> None:
        with httpx.Client(timeout=60) as client:
            i = n
            while time.time() < stop:
                q = queries[i % len(queries)]
                i += 1
                t = time.perf_counter()
                r = client.post(url, data={"query": q}, headers={"Accept": "application/sparql-results+json"})
                if r.status_code == 503:
                    with lock:
                        shed[0] += 1
                    continue
                if r.status_code >= 400:
                    print(f"{url}: {r.status_code} {r.text[:300]}", file=sys.stderr)
                r.raise_for_status()
                with lock:
                    latencies.append(time.perf_counter() - t)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000, shed[0]


def _same_answers(kg_url: str, ox_url: str, queries: list[str]) -> None:
    """Stop unless both servers give the same solutions to every query (else the race is unfair)."""
    import httpx

    for query in queries:
        answers = []
        for url in (kg_url, ox_url):
            r = httpx.post(url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
            r.raise_for_status()
            data = r.json()
            if "boolean" in data:
                answers.append([data["boolean"]])
                continue
            answers.append(sorted(repr(sorted(row.items())) for row in data["results"]["bindings"]))
        if answers[0] != answers[1]:
            raise SystemExit(f"kg and oxigraph disagree ({len(answers[0])} vs {len(answers[1])} rows) on:\n{query}")
    print(f"same answers from both servers on all {len(queries)} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "samples")])
    parser.add_argument("--store", help="serve this store instead of building PATH")
    parser.add_argument("--clients", default="1,16,64")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--mixes", default="small,heavy")
    parser.add_argument("--rounds", type=int, default=1, help="repeat every measurement N times")
    args = parser.parse_args()

    from kg import queries as catalogue
    from kg.build import build
    from kg.link import open_kb
    from kg.store import Store
    from kg.vocab import sparql_prefixes

    prefixes = sparql_prefixes()
    mixes = {
        "small": [prefixes + "ASK { ?a a dip:Article }",
                  prefixes + "SELECT ?p ?o WHERE { wd:Q76 ?p ?o } LIMIT 20",
                  *(prefixes + catalogue.get(name).text for name in ("persons", "entities", "events"))],
        "heavy": ["SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                  "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10"],
        # big answers (megabytes, within max_results by their own LIMIT): kg streams them as they are written
        "big": ["SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 50000",
                prefixes + "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 20000"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            path = Path(args.store)
            print(f"store: {path}")
        else:
            path = Path(tmp) / "store"
            store = Store(path)
            summary = build(args.paths, store, kb=open_kb(store), progress=False)
            quads = len(store)
            del store
            print(f"store: {summary.articles} articles, {quads:,} quads")
        kg_port, ox_port = _free_port(), _free_port()
        oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        procs = [
            subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", str(kg_port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            subprocess.Popen([oxigraph, "serve-read-only", "--union-default-graph", "--location", str(path),
                              "--bind", f"127.0.0.1:{ox_port}"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        ]
        try:
            kg_url, ox_url = f"http://127.0.0.1:{kg_port}/sparql", f"http://127.0.0.1:{ox_port}/query"
            _wait(kg_url)
            _wait(ox_url)
            _settle(procs[0].pid)
            print("load average before the timing (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
            names = args.mixes.split(",")
            for name in names:
                _same_answers(kg_url, ox_url, mixes[name])
            ratios: dict[tuple[str, int], list[tuple[float, float]]] = {}
            for round_ in range(1, args.rounds + 1):
                for name in names:
                    mix = mixes[name]
                    print(f"{name} mix ({len(mix)} queries)" + (f", round {round_}" if args.rounds > 1 else ""))
                    print(f"{'clients':>8}{'kg q/s':>9}{'ox q/s':>9}{'ratio':>7}{'kg p50':>9}{'ox p50':>9}"
                          f"{'kg p99':>9}{'ox p99':>9}  (ms){'kg 503':>8}{'ox 503':>8}{'load':>7}")
                    for clients in (int(c) for c in args.clients.split(",")):
                        first_kg = round_ % 2 == 1
                        runs = {}
                        for who in (("kg", "ox") if first_kg else ("ox", "kg")):
                            runs[who] = _load(kg_url if who == "kg" else ox_url, mix, clients, args.seconds)
                        (kq, k50, k99, ks), (oq, o50, o99, os_) = runs["kg"], runs["ox"]
                        ratios.setdefault((name, clients), []).append((kq / oq, k99 / o99))
                        print(f"{clients:8d}{kq:9.1f}{oq:9.1f}{kq / oq:7.2f}{k50:9.1f}{o50:9.1f}{k99:9.1f}{o99:9.1f}"
                              f"      {ks:8d}{os_:8d}{os.getloadavg()[0]:7.1f}", flush=True)
            if args.rounds > 1:
                print(f"median over {args.rounds} rounds: mix, clients, kg/ox q/s (min-max), kg/ox p99 (min-max)")
                for (name, clients), values in ratios.items():
                    rate, p99 = [v[0] for v in values], [v[1] for v in values]
                    print(f"  {name:6s}{clients:4d}  {statistics.median(rate):5.2f} ({min(rate):.2f}-{max(rate):.2f})"
                          f"  {statistics.median(p99):5.2f} ({min(p99):.2f}-{max(p99):.2f})")
        finally:
            for p in procs:
                p.terminate()
                p.wait(timeout=30)


if __name__ == "__main__":
    main()
