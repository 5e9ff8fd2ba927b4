"""A long fuzz run of the endpoint's SERVICE/LOAD screen against the engine itself.

    python bench/fuzz_screen.py [--examples 20000] [--seed N]

Generates queries with SERVICE/LOAD placed among comments ending at CR or LF, strings,
escapes, prefixed names with local escapes, operators and random junk (the strategy of
tests/test_server_screen.py, which runs 150 of them), and for each one either the screen
(kg.sparql_screen) refuses it, or pyoxigraph -- unscreened, in memory -- runs it while a
local HTTP listener (127.0.0.1, free port) watches: any request it receives is a bypass.
Prints how many were refused, how many passed and ran locally, and the bypasses (exit 1
if any).  Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from hypothesis import HealthCheck, given, seed, settings

    from kg.sparql_screen import Refused, check_remote_access
    from kg.store import QUERY_PREFIXES
    from tests.test_server_screen import Listener, _fill, engine_fetches, federated

    listener = Listener()
    counts = {"refused": 0, "passed, ran locally": 0}
    bypasses: list[str] = []

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(federated())
    def run(text):
        text = _fill(text, listener)
        try:
            check_remote_access(text, QUERY_PREFIXES)
        except Refused:
            counts["refused"] += 1
            return
        if engine_fetches(text, listener):
            bypasses.append(text)
        else:
            counts["passed, ran locally"] += 1

    started = time.perf_counter()
    run()
    listener.close()
    total = sum(counts.values()) + len(bypasses)
    print(f"{total} generated queries in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {what}" for what, n in counts.items()) + f", {len(bypasses)} bypasses")
    for text in bypasses[:20]:
        print("  BYPASS", repr(text))
    return 1 if bypasses else 0


if __name__ == "__main__":
    sys.exit(main())
