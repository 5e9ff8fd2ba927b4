"""Throughput of `kg build` against bare spaCy `nlp.pipe` on the same texts.

    python bench/build.py [CORPUS.jsonl] [--repeat N] [--workers N]

Default corpus: ../shared/eval/dev/articles.jsonl (read in place, never copied).
Both sides use the same loaded pipeline; model loading is excluded from both.
Prints articles/s, words/s, the ratio kg/bare, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--workers", type=int, default=1)
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
        print(f"corpus: {args.corpus}: {len(articles)} articles, {words} words; workers={args.workers}")

        bare = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            for _doc in nlp.pipe(texts, n_process=args.workers, batch_size=32):
                pass
            bare = min(bare, time.perf_counter() - t)

        full = float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            summary = build([args.corpus], store, nlp=nlp, kb=kb, workers=args.workers, progress=False)
            full = min(full, time.perf_counter() - t)

    n = len(articles)
    print(f"{'':14}{'seconds':>10}{'articles/s':>12}{'words/s':>10}")
    print(f"{'bare nlp.pipe':14}{bare:10.2f}{n / bare:12.1f}{words / bare:10.0f}")
    print(f"{'kg build':14}{full:10.2f}{n / full:12.1f}{words / full:10.0f}")
    print(f"ratio kg build / bare nlp.pipe throughput: {bare / full:.2f}")
    print(f"triples written: {summary.triples}; peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
