"""Throughput of `kg build` against bare spaCy `nlp.pipe` on the same texts.

    python bench/build.py [CORPUS.jsonl] [--repeat N] [--workers N] [--no-dask]

Default corpus: ../shared/eval/dev/articles.jsonl (read in place, never copied).
Both sides use the same loaded pipeline; model loading is excluded from both.
Prints articles/s, words/s, the ratio kg/bare for 1 process, N processes and a Dask
LocalCluster of N workers (against bare nlp.pipe with as many processes), the speed-up over
one process, and peak RSS.  Every kg run builds into a fresh store.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs for each side")
    parser.add_argument("--workers", type=int, default=2, help="also measure N processes and a Dask LocalCluster of N")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--no-kb", action="store_true", help="build without the Wikidata knowledge base")
    args = parser.parse_args()

    from kg.build import build
    from kg.extract import load_nlp, masked_text
    from kg.ingest import read_articles
    from kg.link.candidates import ruler_patterns
    from kg.store import Store

    kb = None
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        if not args.no_kb:
            from kg.link import open_kb

            t = time.perf_counter()
            kb = open_kb(store)
            print(f"knowledge base ready in {time.perf_counter() - t:.2f} s (once per store; not in the figures)")
        nlp = load_nlp(None, patterns=ruler_patterns(kb) if kb is not None else None)
        articles = list(read_articles([args.corpus]))
        texts = [masked_text(a) for a in articles]
        words = sum(len(a.text.split()) for a in articles)
        print(f"corpus: {args.corpus}: {len(articles)} articles, {words} words; "
              f"{os.cpu_count()} CPUs; model loading excluded on both sides")

        def bare_run(n_process: int) -> float:
            best = float("inf")
            for _ in range(args.repeat):
                t = time.perf_counter()
                for _doc in nlp.pipe(texts, n_process=n_process, batch_size=32):
                    pass
                best = min(best, time.perf_counter() - t)
            return best

        def kg_run(workers: int, dask: bool):
            best, summary = float("inf"), None
            for i in range(args.repeat):
                store = Store(Path(tmp) / f"store-{workers}-{dask}-{i}")  # fresh: nothing to skip
                t = time.perf_counter()
                summary = build([args.corpus], store, nlp=None if dask else nlp, kb=kb, workers=workers,
                                dask=dask, progress=False)
                best = min(best, time.perf_counter() - t)
                del store
            return best, summary

        n = len(articles)
        rows = []
        bare = {w: bare_run(w) for w in sorted({1, args.workers})}
        one, summary = kg_run(1, False)
        rows.append(("kg build, 1 process", 1, one))
        if args.workers > 1:
            rows.append((f"kg build, {args.workers} processes", args.workers, kg_run(args.workers, False)[0]))
            if not args.no_dask:
                rows.append((f"kg build, Dask LocalCluster x{args.workers}", args.workers, kg_run(args.workers, True)[0]))
    print(f"{'':34}{'seconds':>9}{'articles/s':>12}{'words/s':>9}{'vs bare':>9}{'speed-up':>10}")
    for w, seconds in bare.items():
        print(f"{f'bare nlp.pipe, n_process={w}':34}{seconds:9.2f}{n / seconds:12.1f}{words / seconds:9.0f}")
    for name, w, seconds in rows:
        print(f"{name:34}{seconds:9.2f}{n / seconds:12.1f}{words / seconds:9.0f}"
              f"{bare[w] / seconds:9.2f}{one / seconds:10.2f}")
    print("vs bare: kg build throughput / bare nlp.pipe throughput with as many processes (target >= 0.8);")
    print("speed-up: against kg build with 1 process (target >= 1.7 with 2 workers on 2 cores)")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"triples written (1 process): {summary.triples}; peak RSS: this process {me:.0f} MiB, "
          f"largest worker process {kids:.0f} MiB")


if __name__ == "__main__":
    main()
