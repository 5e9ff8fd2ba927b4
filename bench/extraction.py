"""Extraction quality on the hand-annotated seed gold: role claims and events, P/R per kind.

    python bench/extraction.py

Gold: tests/fixtures/seed_roles.jsonl and seed_events.jsonl (rules in tests/fixtures/README.md).
Role claims are scored at two levels: `span` (the claim is found) and `full` (with the gold
person, position and claim date).  Events: same type and overlapping trigger.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from kg.evaluate import read_jsonl, score_events, score_roles
    from kg.extract import extract, load_nlp
    from kg.ingest import read_articles
    from kg.kb.index import KnowledgeBase
    from kg.link import link
    from kg.link.candidates import ruler_patterns

    kb = KnowledgeBase.from_snapshot()
    nlp = load_nlp(patterns=ruler_patterns(kb))
    t = time.perf_counter()
    roles, events = [], []
    for ex in extract(read_articles([str(ROOT / "data/samples")]), nlp):
        roles += link(ex, kb).roles
        events += ex.events
    seconds = time.perf_counter() - t
    fixtures = ROOT / "tests/fixtures"
    print(f"{'kind':22}{'gold':>6}{'found':>7}{'P':>7}{'R':>7}{'F1':>7}")
    scores = {f"role claims ({k})": v for k, v in score_roles(read_jsonl(fixtures / "seed_roles.jsonl"), roles).items()}
    scores.update({f"event {k}": v for k, v in score_events(read_jsonl(fixtures / "seed_events.jsonl"), events).items()})
    for name, s in scores.items():
        print(f"{name:22}{s.gold:6d}{s.predicted:7d}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}")
    if "-v" in sys.argv:
        for name, s in scores.items():
            for e in s.errors:
                print(f"  {name}: {e}")
    print(f"2 seed articles extracted and linked in {seconds:.2f} s")


if __name__ == "__main__":
    main()
