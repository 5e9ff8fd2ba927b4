"""PLOVER event coding on the outside gold: micro/macro F1 per type, source/target actor rates.

    python bench/events.py [--set ../shared/eval/plover-dev] [-v] [--keep DIR]

Builds the set's articles into a fresh store (``kg build``), writes the events in the PLOVER
format (``kg events --format plover``) and scores them with the set's scorer
(``../shared/eval/score_events.py``; ``-v`` lists the false positives and negatives).  The gold is
read from ../shared, never copied into the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default=str(SHARED / "plover-dev"), help="folder with articles.jsonl and gold.jsonl")
    ap.add_argument("-v", action="store_true", help="list false positives and negatives")
    ap.add_argument("--keep", metavar="DIR", help="keep the store and events.jsonl here")
    args = ap.parse_args()
    folder = Path(args.set)
    articles, gold, scorer = folder / "articles.jsonl", folder / "gold.jsonl", SHARED / "score_events.py"
    for path in (articles, gold, scorer):
        if not path.is_file():
            print(f"bench/events.py: {path} not found; pass --set with articles.jsonl and gold.jsonl", file=sys.stderr)
            return 1
    from kg.cli import main as kg

    work = Path(args.keep or tempfile.mkdtemp(prefix="kg-bench-events-"))
    work.mkdir(parents=True, exist_ok=True)
    store, events = work / "store", work / "events.jsonl"
    t = time.perf_counter()
    if kg(["build", str(articles), "--store", str(store)]) != 0:
        return 1
    if kg(["events", "--store", str(store), "--format", "plover", "-o", str(events)]) != 0:
        return 1
    seconds = time.perf_counter() - t
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, str(scorer), str(gold), str(events)] + (["-v"] if args.v else [])
    status = subprocess.run(cmd, env=env).returncode
    print(f"{folder.name}: built and coded in {seconds:.1f} s; events in {events}")
    return status


if __name__ == "__main__":
    sys.exit(main())
