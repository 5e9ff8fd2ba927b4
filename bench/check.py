"""Conflict queries over a growing store: seconds per query at 1x .. Nx the dev set.

    python bench/check.py [CORPUS.jsonl] [--sizes 1,11,22,44,88] [--store DIR]

Builds the corpus (default ../shared/eval/dev/articles.jsonl, read in place) once with
`kg build`, then replicates its article graphs under new article ids (``<id>~r<k>``: every
article, mention, sentence and claim IRI and the article identifier rewritten) by bulk loading
(then the store compacted, ``Store.optimize``, as a store written by builds is in the background),
so that the store holds the same claims N times as N different articles (``--store DIR`` of an
earlier run: its copies are kept and the sizes below their number skipped).  At each size it runs
every query of queries/conflicts/ and check/role-claims, check/supported -- the full check's
store-wide queries -- alone (``--no-queries``: not) and the whole `kg check` -- the full
check (``kg check --all``, kg.check_incremental with ``full=True``, the check state written) and
then the incremental one after ``--new`` (default 100) more articles (copies of the corpus's first
ones, written in one transaction as kg build writes, dropped again after), and once more with the report
of those articles only (``kg check PATHS``: the others' recorded verdicts are not read) -- printing
seconds and the conflicts found; the last lines give the
growth from the smallest to the largest size.  9 copies of the 114 dev articles = 1,026 articles,
88 copies = 10,032.
"""

from __future__ import annotations

import argparse
import re
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
    parser.add_argument("--sizes", default="1,11,22,44,88", help="copies of the corpus to measure at")
    parser.add_argument("--store", help="store directory (default: a temporary one)")
    parser.add_argument("--new", type=int, default=100, help="articles added before the incremental check")
    parser.add_argument("--no-queries", action="store_true", help="do not time each conflict query alone")
    args = parser.parse_args()
    sizes = sorted({int(x) for x in args.sizes.split(",")})

    import pyoxigraph as ox

    from kg import queries
    from kg.build import build
    from kg.check_incremental import check_incremental
    from kg.link import open_kb
    from kg.store import Store
    from kg.vocab import ARTICLE_GRAPH_PREFIX, BASE, WIKIDATA_GRAPH

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(args.store or tmp) / "store")
        # a store this bench filled before (--store DIR again): its copies are kept, not built again
        kept = [g for g in store.graphs() if g.startswith(ARTICLE_GRAPH_PREFIX)]
        if not kept:
            t = time.perf_counter()
            summary = build([args.corpus], store, kb=open_kb(store), progress=False)
            print(f"built {summary.articles} articles ({summary.triples} triples) in {time.perf_counter() - t:.1f} s")
            if not summary.articles:
                sys.exit(f"bench/check.py: no article could be built from {args.corpus}; give a JSONL corpus that exists")
        # The article graphs as N-Quads (the corpus's own, not the copies), to copy under new ids.
        lines, first = [], {}
        copy = re.compile(r"~(?:r\d+|new)$")
        for graph in (g for g in kept or store.graphs() if g.startswith(ARTICLE_GRAPH_PREFIX) and not copy.search(g)):
            for quad in store.quads(graph=graph):
                lines.append(f"{quad.subject} {quad.predicate} {quad.object} {quad.graph_name} .")
                first.setdefault(quad.graph_name.value, []).append(lines[-1])
        if kept:
            print(f"kept {len(kept)} articles of an earlier run in {args.store}")
        nquads = "\n".join(lines) + "\n"
        # the articles the incremental check finds new: the first --new of the corpus, copied once more
        new_graphs = sorted(first)[:args.new]
        new_nquads = "\n".join(line for g in new_graphs for line in first[g]) + "\n"
        ids = re.compile(re.escape(BASE) + r"((?:id/(?:article|mention|sentence|claim)|graph/article)/)([^/>]+)")
        ident = re.compile(r'(<https://schema.org/identifier> ")([^"]+)(")')
        # the store-wide queries of a full check: the conflict kinds' and the two per-claim ones
        store_wide = {name: q.text for name, q in queries.catalogue().items()
                            if name.startswith("conflicts/") or name in ("check/role-claims", "check/supported")}
        copies = max(1, len(kept) // max(1, len(first)))
        rows = []
        for size in (size for size in sizes if size >= copies):
            t = time.perf_counter()
            while copies < size:
                k = copies
                text = ids.sub(lambda m: f"{BASE}{m.group(1)}{m.group(2)}~r{k}", nquads)
                text = ident.sub(lambda m: f"{m.group(1)}{m.group(2)}~r{k}{m.group(3)}", text)
                store.load(text.encode(), "nq", bulk=True)
                copies += 1
            load = time.perf_counter() - t
            # the bulk loader's files merged, as a store written by builds has them (Store.optimize)
            t = time.perf_counter()
            if store.path is not None:
                store.optimize()
            compact = time.perf_counter() - t
            articles = len(first) * copies
            timings = {}
            for name, text in sorted(store_wide.items()) if not args.no_queries else ():
                t = time.perf_counter()
                n = len(store.select(text, {"wikidata": WIKIDATA_GRAPH} if "?wikidata" in text else None))
                timings[name] = (time.perf_counter() - t, n)
            t = time.perf_counter()
            report, _ = check_incremental(store, full=True)
            whole = time.perf_counter() - t
            text = ids.sub(lambda m: f"{BASE}{m.group(1)}{m.group(2)}~new", new_nquads)
            text = ident.sub(lambda m: f"{m.group(1)}{m.group(2)}~new{m.group(3)}", text)
            new_ids = {ident.search(line).group(2) + "~new" for g in new_graphs for line in first[g] if ident.search(line)}
            new_graph_iris = [ids.sub(lambda m: f"{BASE}{m.group(1)}{m.group(2)}~new", g) for g in new_graphs]
            store.load(text.encode(), "nq")  # in one transaction, as kg build writes
            t = time.perf_counter()
            incremental, done = check_incremental(store)
            step = time.perf_counter() - t
            store.drop_graphs(new_graph_iris)
            check_incremental(store)  # (their verdicts dropped again)
            # as `kg check PATHS` after building them: the report covers the new articles only
            store.load(text.encode(), "nq")
            t = time.perf_counter()
            of_new, done_new = check_incremental(store, new_ids)
            step_new = time.perf_counter() - t
            store.drop_graphs(new_graph_iris)
            check_incremental(store)
            rows.append((articles, len(store), timings, whole, report, step))
            print(f"\n{articles} articles, {len(store):,} quads (copies loaded in {load:.1f} s, compacted in {compact:.1f} s)")
            for name, (seconds, n) in timings.items():
                print(f"  {name:28} {seconds:8.3f} s  {n:6d} rows")
            print(f"  {'kg check --all (full)':28} {whole:8.3f} s  {len(report.conflicts):6d} conflicts, "
                  f"{len(report.unverifiable)} unverifiable of {report.claims} claims")
            print(f"  {f'kg check, {len(new_graphs)} new':28} {step:8.3f} s  {len(incremental.conflicts):6d} conflicts; "
                  f"{done.line()}")
            print(f"  {f'kg check {len(new_graphs)} new PATHS':28} {step_new:8.3f} s  {len(of_new.conflicts):6d} conflicts "
                  f"in their report; {done_new.line()}")
        if len(rows) > 1:
            (a0, q0, t0, w0, _, s0), (a1, q1, t1, w1, _, s1) = rows[0], rows[-1]
            print(f"\ngrowth from {a0} to {a1} articles (x{a1 / a0:.0f} data):")
            for name in t0:
                print(f"  {name:28} x{t1[name][0] / max(t0[name][0], 1e-6):.1f} time")
            print(f"  {'kg check --all (full)':28} x{w1 / max(w0, 1e-6):.1f} time")
            print(f"  {f'kg check, {len(new_graphs)} new':28} x{s1 / max(s0, 1e-6):.1f} time")


if __name__ == "__main__":
    main()
