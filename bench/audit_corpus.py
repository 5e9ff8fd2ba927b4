"""Corpus audit: ``kg check`` over every real article of ``../shared/corpus`` and every conflict printed to read.

    python bench/audit_corpus.py [--out FILE.jsonl] [--no-cache]

The corpus (``../shared/corpus/*.jsonl``, read in place, never copied) labels each text ``real``
(mainstream outlets: NYT/Guardian 2022, Reuters 2017, FA-KES "credible" Syria reports) or
``fake``; only the real ones are audited: a conflict raised there is either a genuine error of
the text or a false alarm, and the reader decides which.  Each conflict is printed with its
kind, reading, claim date, sentence and explanation; the summary gives the counts per kind and
per reading and the claims' summary line.  Parses are cached as in ``bench/conflicts.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def real_articles(folder: Path) -> list[dict]:
    """The corpus records labelled real, with the fields kg reads."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") != "real" or not (row.get("text") or "").strip():
                continue
            out.append({"id": row["id"], "title": row.get("title") or "", "text": row["text"],
                        "date": row.get("date"), "source": row.get("outlet") or row.get("dataset") or ""})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--out", help="also write the conflicts as JSON Lines to FILE")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()

    from bench.conflicts import parsed, patterns_digest
    from kg.check import check
    from kg.extract import extract_doc, load_nlp
    from kg.extract.pipeline import RULER_NAME, model_id
    from kg.graph import build as build_graph
    from kg.ingest import read_articles
    from kg.link import link, open_kb
    from kg.link.candidates import ruler_patterns
    from kg.report import conflict_record, summary_line
    from kg.store import Store, ntriples

    rows = real_articles(Path(args.corpus))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "real.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
        articles = list(read_articles([str(path)]))
    store = Store(None)
    kb = open_kb(store)
    patterns = ruler_patterns(kb)
    nlp = load_nlp(None, patterns=patterns)
    t0 = time.perf_counter()
    pairs, cached = parsed(nlp, articles, patterns_digest(patterns), not args.no_cache)
    extractor = model_id(nlp)
    kind_of = nlp.get_pipe(RULER_NAME).kind_of if RULER_NAME in nlp.pipe_names else None
    graphs: dict[str, bytes] = {}
    genres: Counter = Counter()
    for doc, article in pairs:
        extraction = extract_doc(doc, article, extractor, kind_of)
        genres[extraction.genre] += 1
        for graph, triples in build_graph(extraction, link(extraction, kb)).items():
            graphs[str(graph)] = ntriples(triples)
    store.write_graphs(graphs)
    report = check(store, {a.id for a in articles}, write=False)
    print(f"{len(articles)} real articles ({', '.join(f'{g} {n}' for g, n in genres.most_common())}); "
          f"{time.perf_counter() - t0:.0f} s{' (cached parses)' if cached else ''}")
    print(summary_line(report))
    records = [conflict_record(c) for c in report.conflicts]
    for n, r in enumerate(records, 1):
        print(f"\n#{n} [{r['type']}] {r['article']} {r['start']}-{r['end']} {r['surface']!r} "
              f"reading={r['reading']}{' speaker=' + r['speaker'] if r.get('speaker') else ''} date={r['claim_date']}")
        print(f"   sentence: {' '.join(r['sentence'].split())}")
        print(f"   why:      {r['explanation']}")
    print(f"\n{len(records)} conflict(s) on real articles: "
          + ", ".join(f"{k} {v}" for k, v in Counter(r["type"] for r in records).most_common())
          + "; by reading: " + ", ".join(f"{k} {v}" for k, v in Counter(r["reading"] for r in records).most_common()))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
