"""Start-up of the knowledge base and of `kg build ONE.txt`: the index cache cold, warm and off.

    python bench/startup.py [TEXT] [--store DIR] [--repeat N]

Each figure is a fresh process (`python -m kg ...` or a one-line script), in this order:
the knowledge base with the linker's indexes (`kg.link.open_kb` + `Linker`) with an empty
cache folder (cold: built, then written), again (warm: read back), with `KG_NO_CACHE=1` (off:
built, as before the cache); then `kg build TEXT --store DIR --rebuild` end to end, warm and
off.  The cache folder is a temporary one (`KG_CACHE_DIR`), so the user's cache is not
touched; the first build writes the spaCy name tokens into it (not a figure of the cache: both
later builds read them, as any second start does).
TEXT defaults to the first seed article of ../shared/eval/seeds; DIR to a temporary store
into which the snapshot is loaded first.  Also prints the fingerprint's own cost (the
triple count of the Wikidata graph and the sources registry).  About a minute.
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
SEEDS = ROOT.parent / "shared" / "eval" / "seeds"

OPEN = """
import sys, time
t = time.perf_counter()
from kg.store import Store
from kg.link import Linker, open_kb
kb = open_kb(Store(sys.argv[1]))
Linker(kb)
print(f"{time.perf_counter() - t:.2f}")
"""

LOAD = """
import sys
from kg.kb import ensure_loaded
from kg.store import Store
ensure_loaded(Store(sys.argv[1]))
"""

FINGERPRINT = """
import sys, time
from kg.store import Store
from kg.kb.snapshot import graph_size
from kg.link.index_cache import fingerprint
store = Store(sys.argv[1])
t = time.perf_counter(); n = graph_size(store); count = time.perf_counter() - t
t = time.perf_counter(); fingerprint(store, n); rest = time.perf_counter() - t
print(f"{count:.3f} {rest:.3f} {n}")
"""


def run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr}")
    return time.perf_counter() - t, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", nargs="?", default=str(next(iter(sorted(SEEDS.glob("*.txt"))), "")))
    parser.add_argument("--store", help="a store holding the Wikidata snapshot (default: a new one)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each warm/off figure (all printed)")
    args = parser.parse_args()
    if not args.text or not Path(args.text).is_file():
        sys.exit("no article: pass TEXT (a .txt file)")
    with tempfile.TemporaryDirectory(prefix="kg-startup-") as tmp:
        base = {k: v for k, v in os.environ.items() if k not in ("KG_NO_CACHE", "KG_CACHE_DIR")}
        env = {**base, "PYTHONPATH": str(ROOT), "KG_CACHE_DIR": str(Path(tmp) / "cache")}
        off = {**env, "KG_NO_CACHE": "1"}
        store = args.store or str(Path(tmp) / "store")
        if not args.store:
            seconds, _ = run(["-c", LOAD, store], off)
            print(f"the snapshot loaded into a new store: {seconds:.1f} s")
        _, out = run(["-c", FINGERPRINT, store], env)
        count, rest, n = out.split()
        print(f"fingerprint: triple count of the Wikidata graph ({n} triples) {float(count):.3f} s "
              f"(made by ensure_loaded anyway), the rest (sources, live fetches, code digest) {float(rest):.3f} s")
        rows = [("knowledge base + linker indexes, cold (built, written)", [float(run(["-c", OPEN, store], env)[1])])]
        rows.append(("knowledge base + linker indexes, warm (read back)",
                     [float(run(["-c", OPEN, store], env)[1]) for _ in range(args.repeat)]))
        rows.append(("knowledge base + linker indexes, KG_NO_CACHE=1",
                     [float(run(["-c", OPEN, store], off)[1]) for _ in range(args.repeat)]))
        build = ["-m", "kg", "build", args.text, "--store", store, "--rebuild"]
        rows.append(("kg build ONE --rebuild, first (writes the name tokens)", [run(build, env)[0]]))
        rows.append(("kg build ONE --rebuild, end to end, warm", [run(build, env)[0] for _ in range(args.repeat)]))
        rows.append(("kg build ONE --rebuild, end to end, KG_NO_CACHE=1", [run(build, off)[0] for _ in range(args.repeat)]))
    print(f"article: {args.text} ({Path(args.text).stat().st_size} bytes); {os.cpu_count()} CPUs; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, seconds in rows:
        print(f"{name:58}" + " ".join(f"{s:6.2f} s" for s in seconds))


if __name__ == "__main__":
    main()
