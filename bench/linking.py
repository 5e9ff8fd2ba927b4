"""Linking accuracy on the hand-annotated golds, and mentions/s.

    python bench/linking.py [--gold seed,gold2] [-v]

Golds (QID or null = NIL per mention; a link where the gold says NIL is an error):
- ``seed``: tests/fixtures/seed_links.jsonl over data/samples;
- ``gold2``: tests/fixtures/linking_gold2.jsonl, 209 person and place mentions of 12 dev2 and
  6 corpus articles.  Only the annotations are in the repository; the article texts are read in
  place from ``../shared/eval/dev2/articles.jsonl`` and ``../shared/corpus/*.jsonl``.
A gold mention counts as correct when kg has a mention overlapping it whose link (QID, local
KB IRI, or unlinked = null) equals the gold one; a gold mention kg did not find counts as wrong.
Scores are given overall and per kind (persons; places = countries and other places).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
GOLD2_SOURCES = [SHARED / "eval" / "dev2" / "articles.jsonl", *sorted((SHARED / "corpus").glob("*.jsonl"))]


def _group(kind: str) -> str:
    return "person" if kind == "Person" else "place" if kind in {"Country", "Place"} else "other"


def _articles(sources: list[Path], ids: set[str]):
    """The gold's articles, read in place with kg's own reader (same boilerplate handling)."""
    from kg.ingest import read_articles

    found = [a for a in read_articles([str(p) for p in sources if p.exists()]) if a.id in ids]
    missing = ids - {a.id for a in found}
    if missing:
        raise SystemExit(f"gold articles not found under {SHARED}: {sorted(missing)[:5]} "
                         "(the second gold reads its texts from ../shared)")
    return found


def evaluate(nlp, kb, gold: list[dict], articles) -> dict:
    from kg.evaluate import score_links
    from kg.extract import extract
    from kg.link import link

    t = time.perf_counter()
    links = []
    for ex in extract(articles, nlp):
        links += link(ex, kb).links
    seconds = time.perf_counter() - t
    out = {"all": score_links(gold, links), "seconds": seconds, "mentions": len(links)}
    groups = defaultdict(list)
    for g in gold:
        groups[_group(g.get("kind", ""))].append(g)
    for name, rows in groups.items():
        out[name] = score_links(rows, links)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="seed,gold2", help="comma-separated: seed, gold2")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every error")
    args = parser.parse_args()
    from kg.evaluate import read_jsonl
    from kg.extract import load_nlp
    from kg.ingest import read_articles
    from kg.kb.index import KnowledgeBase
    from kg.link.candidates import ruler_patterns

    kb = KnowledgeBase.from_snapshot()
    nlp = load_nlp(patterns=ruler_patterns(kb))
    for name in args.gold.split(","):
        if name == "seed":
            gold = list(read_jsonl(ROOT / "tests/fixtures/seed_links.jsonl"))
            articles = read_articles([str(ROOT / "data/samples")])
        elif name == "gold2":
            gold = list(read_jsonl(ROOT / "tests/fixtures/linking_gold2.jsonl"))
            articles = list(_articles(GOLD2_SOURCES, {g["article"] for g in gold}))
        else:
            raise SystemExit(f"unknown gold {name!r}: use seed or gold2")
        result = evaluate(nlp, kb, gold, articles)
        score = result["all"]
        if args.verbose or name == "seed":
            for e in score.errors:
                print("ERR", e)
        parts = "  ".join(f"{k} {result[k].accuracy:.3f} ({result[k].correct}/{result[k].total})"
                          for k in ("person", "place", "other") if k in result)
        print(f"[{name}] linking accuracy on {score.total} gold mentions: {score.accuracy:.3f}   {parts}")
        seconds = result["seconds"]
        print(f"[{name}] {result['mentions']} mentions extracted and linked in {seconds:.2f} s: "
              f"{result['mentions'] / seconds:.0f} mentions/s")


if __name__ == "__main__":
    main()
