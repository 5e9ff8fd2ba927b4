"""Import speed and memory of ``kg kb import``: generated Wikidata JSON dumps of 10k, 100k and 1M entities.

Each size is imported in a fresh child process (so its peak RSS is its own) reading the
.json.gz file and writing N-Triples (the part that streams the dump; loading into the store is
timed separately with ``--store``).  Prints entities/s and peak RSS per size, and the ratios
time(n)/time(10k) against n/10k (linear means equal) and RSS(1M)/RSS(10k) (flat means ~1).

    python bench/kb_import.py [--sizes 10000,100000,1000000] [--workers 1] [--decompress auto] [--store]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(path: str, workers: int, decompress: str, store: bool) -> None:
    from kg.kb import dump

    selection = dump.Selection(seeds=frozenset(), follow=True)
    began = time.perf_counter()
    if store:
        from kg.store import Store

        info = dump.import_to_store(Store(None), Path(path), selection, date="2026-11-25", workers=workers,
                                    decompress=decompress)
    else:
        with open(os.devnull, "wb") as out:
            info = dump.import_dump(Path(path), out, selection, workers=workers, decompress=decompress).as_dict()
    info["wall"] = round(time.perf_counter() - began, 2)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    info["peak_rss_mb"] = round(max(rss, kids) / 1024, 1)
    print(json.dumps(info))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--decompress", default="auto", choices=["auto", "external", "python"])
    parser.add_argument("--store", action="store_true", help="also load into an in-memory store and materialise")
    parser.add_argument("--dir", default="/tmp/kg-bench-kb-import", help="where the generated dumps are kept")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.workers, args.decompress, args.store)
        return 0
    from tests.kb.dumpgen import synthetic, write_dump

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        path = folder / f"synthetic-{n}.json.gz"
        if not path.exists():
            began = time.perf_counter()
            write_dump(path, synthetic(n))
            print(f"generated {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - began:.0f} s",
                  file=sys.stderr)
        command = [sys.executable, __file__, "--child", str(path), "--workers", str(args.workers),
                   "--decompress", args.decompress] + (["--store"] if args.store else [])
        out = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        info = json.loads(out.stdout.strip().splitlines()[-1])
        info["n"] = n
        results.append(info)
        print(f"{n:>9,} entities: {info['wall']:7.1f} s  {n / info['wall']:9,.0f} entities/s  "
              f"peak RSS {info['peak_rss_mb']:7.1f} MB  kept {info['kept']:,} ({info['passes']} passes, "
              f"{info['decompress']}, workers {info['workers']})")
    if len(results) > 1:
        first = results[0]
        for r in results[1:]:
            print(f"time({r['n']:,})/time({first['n']:,}) = {r['wall'] / first['wall']:.1f} for n ratio "
                  f"{r['n'] / first['n']:.0f}; RSS ratio {r['peak_rss_mb'] / first['peak_rss_mb']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
