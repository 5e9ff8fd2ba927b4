"""Linking accuracy on the hand-annotated seed gold, and mentions/s.

    python bench/linking.py

Gold: tests/fixtures/seed_links.jsonl (QID or null per PERSON/ORG/GPE mention).
A gold mention counts as correct when kg has a mention overlapping it whose link
(QID, local KB IRI, or unlinked = null) equals the gold one; a gold mention kg
did not find counts as wrong.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def evaluate(nlp, kb, gold_path: Path, samples: Path) -> tuple[float, int, list[str], float, int]:
    from kg.extract import extract
    from kg.ingest import read_articles
    from kg.link import link

    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    t = time.perf_counter()
    links = []
    for ex in extract(read_articles([str(samples)]), nlp):
        links += link(ex, kb).links
    seconds = time.perf_counter() - t
    correct, errors = 0, []
    for g in gold:
        hits = [l for l in links if l.mention.article_id == g["article"] and l.mention.start < g["end"] and g["start"] < l.mention.end]
        got = hits[0].qid if hits else "MISSED"
        if got == g["qid"]:
            correct += 1
        else:
            errors.append(f"{g['article']} {g['start']}-{g['end']} {g['surface']!r}: gold {g['qid']}, kg {got}")
    return correct / len(gold), len(gold), errors, seconds, len(links)


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
