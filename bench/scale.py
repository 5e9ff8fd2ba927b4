"""Growth of `kg build` with corpus size: time, store size and peak memory against N articles.

    python bench/scale.py [--sizes 1000,10000,100000] [--words 120] [--workers 2] [--dask] [--source CORPUS.jsonl]

Synthetic corpora replicate the dev articles (read in place from ../shared/eval/dev, never
copied into the repo) under new ids; ``--words K`` keeps each copy's first paragraphs up to about
K words, so a large N fits in a session (0 keeps whole articles).  Each size is built by a
separate `kg build` process into a fresh store, streamed from a JSONL file written to a temporary
folder.  Prints, per N: seconds, articles/s, seconds per 1k articles, store size on disk, quads,
the build's peak RSS (largest process) and the engine's index and filter blocks of that store
(``bench/sst_memory.py``: what a process that has opened every file of the store -- the writer --
holds in memory for it, outside the bounded block cache), then the growth of time and RSS from the smallest N
to the largest against the growth of N (linear time: time ratio = N ratio; flat memory: RSS
ratio = 1).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sst_memory import measure as table_memory  # (bench/, the script's folder)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"


def _shortened(text: str, words: int) -> str:
    if words <= 0:
        return text
    kept, count = [], 0
    for paragraph in text.split("\n\n"):
        kept.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return "\n\n".join(kept)


def write_corpus(source: Path, n: int, words: int, out: Path) -> int:
    """N articles cycling through ``source`` with new ids; returns the word count."""
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = 0
    with out.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = dict(records[i % len(records)])
            record["id"] = f"scale-{i:07d}"
            record["text"] = _shortened(record["text"], words)
            total += len(record["text"].split())
            handle.write(json.dumps(record) + "\n")
    return total


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _quads(store: Path) -> int:
    out = subprocess.run([sys.executable, "-m", "kg", "stats", "--store", str(store), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return int(json.loads(out)["quads"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--words", type=int, default=120, help="words kept per article (0: whole articles)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dask", action="store_true", help="build on a Dask LocalCluster of --workers processes")
    parser.add_argument("--source", default=str(DEFAULT))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print(f"source: {args.source}; ~{args.words or 'all'} words per article; workers={args.workers}; "
          f"{'Dask LocalCluster; ' if args.dask else ''}{os.cpu_count()} CPUs")
    print(f"{'N':>8}{'words':>11}{'seconds':>9}{'art/s':>8}{'s/1k art':>9}{'store MiB':>10}{'quads':>12}{'RSS MiB':>9}{'idx+flt MiB':>12}")
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus, store = Path(tmp) / "corpus.jsonl", Path(tmp) / "store"
            words = write_corpus(Path(args.source), n, args.words, corpus)
            # the KB snapshot is loaded first so that the timed build measures articles only
            subprocess.run([sys.executable, "-m", "kg", "kb", "--store", str(store), "load"],
                           check=True, capture_output=True)
            t = time.perf_counter()
            with open(Path(tmp) / "stderr", "w+") as err:
                proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store),
                                         "--workers", str(args.workers), *(["--dask"] if args.dask else [])],
                                        stdout=subprocess.DEVNULL, stderr=err)
                # wait4: this build's own peak RSS (the largest of it and its worker processes)
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - t
                if os.waitstatus_to_exitcode(status) != 0:
                    err.seek(0)
                    raise SystemExit(f"kg build failed on N={n}:\n{err.read()[-2000:]}")
            rss_mib = usage.ru_maxrss / 1024
            # RocksDB keeps the last writes in its log until the store is next opened: open it once
            subprocess.run([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(store)!r})"], check=True)
            size = _du(store) / 2**20
            quads = _quads(store)
            resident = table_memory(store).resident / 2**20
        rows.append((n, seconds, rss_mib))
        print(f"{n:8d}{words:11d}{seconds:9.1f}{n / seconds:8.1f}{seconds / n * 1000:9.1f}{size:10.1f}{quads:12,d}"
              f"{rss_mib:9.0f}{resident:12.1f}")
    if len(rows) > 1:
        (n0, s0, r0), (n1, s1, r1) = rows[0], rows[-1]
        print(f"N x{n1 / n0:.0f}: time x{s1 / s0:.1f} (linear: x{n1 / n0:.0f}); "
              f"peak RSS x{r1 / r0:.2f} (flat: x1.00)")


if __name__ == "__main__":
    main()
