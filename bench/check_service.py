"""POST /check latency on a warm `kg serve` app: p50/p99 for 1 and 8 concurrent clients.

    python bench/check_service.py [--requests 20] [--article PATH] [--url http://127.0.0.1:7878/check]

Starts the app (uvicorn, 127.0.0.1, a free port) in this process, warms the pipeline and
the knowledge base, then posts the article (default: the seed-000 text from ../shared,
read from there) with its date, first from one client, then from 8 at once.  Prints the
warm-up time, then per client count: requests, p50, p99, max and throughput.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "eval" / "seeds" / "000_e7c274958c08526b.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, body: bytes) -> tuple[float, int]:
    started = time.perf_counter()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        data = json.loads(response.read())
    return time.perf_counter() - started, len(data["conflicts"])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="requests per client count (default 20)")
    parser.add_argument("--article", type=Path, default=SEED)
    parser.add_argument("--date", default="2022-01-21")
    parser.add_argument("--url", help="a running `kg serve`'s /check URL (default: start one here)")
    args = parser.parse_args()
    if args.url:
        return measure(args.url, args)

    import uvicorn

    from kg import check_service
    from kg.server import create_app
    from kg.store import Store

    started = time.perf_counter()
    check_service.checker()
    print(f"warm-up (pipeline, knowledge base, language model): {time.perf_counter() - started:.1f} s")
    port = free_port()
    app = create_app(Store(None), settings={"max_body_bytes": 1_000_000, "query_timeout": 30})
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    measure(f"http://127.0.0.1:{port}/check", args)
    server.should_exit = True


def measure(url: str, args) -> None:
    body = json.dumps({"text": args.article.read_text(encoding="utf-8"), "date": args.date}).encode()
    seconds, conflicts = post(url, body)  # the first request also warms the queries
    print(f"first request: {seconds:.2f} s, {conflicts} conflicts; article {len(body):,} bytes")
    for clients in (1, 8):
        with ThreadPoolExecutor(clients) as pool:
            t0 = time.perf_counter()
            results = list(pool.map(lambda _: post(url, body), range(args.requests)))
            wall = time.perf_counter() - t0
        times = [r[0] for r in results]
        assert all(r[1] == conflicts for r in results), "answers differ between requests"
        print(f"{clients} client(s): {len(times)} requests  p50 {percentile(times, .5):.2f} s  "
              f"p99 {percentile(times, .99):.2f} s  max {max(times):.2f} s  "
              f"mean {statistics.mean(times):.2f} s  {len(times) / wall:.2f} req/s")


if __name__ == "__main__":
    main()
