"""Linking accuracy on the hand-annotated seed gold, and mentions/s.

    python bench/linking.py

Gold: tests/fixtures/seed_links.jsonl (QID or null per PERSON/ORG/GPE mention).
A gold mention counts as correct when kg has a mention overlapping it whose link
(QID, local KB IRI, or unlinked = null) equals the gold one; a gold mention kg
did not find counts as wrong.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def evaluate(nlp, kb, gold_path: Path, samples: Path):
    from kg.evaluate import read_jsonl, score_links
    from kg.extract import extract
    from kg.ingest import read_articles
    from kg.link import link

    t = time.perf_counter()
    links = []
    for ex in extract(read_articles([str(samples)]), nlp):
        links += link(ex, kb).links
    seconds = time.perf_counter() - t
    score = score_links(read_jsonl(gold_path), links)
    return score.accuracy, score.total, score.errors, seconds, len(links)


def main() -> None:
    from kg.extract import load_nlp
    from kg.kb.index import KnowledgeBase
    from kg.link.candidates import ruler_patterns

    kb = KnowledgeBase.from_snapshot()
    nlp = load_nlp(patterns=ruler_patterns(kb))
    accuracy, n, errors, seconds, mentions = evaluate(nlp, kb, ROOT / "tests/fixtures/seed_links.jsonl", ROOT / "data/samples")
    for e in errors:
        print("ERR", e)
    print(f"linking accuracy on {n} gold mentions: {accuracy:.3f}")
    print(f"{mentions} mentions extracted and linked in {seconds:.2f} s: {mentions / seconds:.0f} mentions/s")


if __name__ == "__main__":
    main()
