"""Throughput of `kg build` against bare spaCy `nlp.pipe` on the same texts, start-up excluded
and included.

    python bench/build.py [CORPUS.jsonl] [--runs N] [--repeat N] [--workers N] [--no-dask]
                          [--store DIR] [--no-kb]

Default corpus: ../shared/eval/dev/articles.jsonl (read in place, never copied).

Start-up excluded: in this process, both sides use the same loaded pipeline (the model with
kg's entity component); model loading is excluded from both.  Start-up included: fresh
processes end to end, interpreter start and model load included on both sides: `python -m kg
build CORPUS --store COPY [--workers N]` (COPY: a copy of a store holding the Wikidata snapshot,
whose caches `kg kb load` prepared first, as a user's would be) against `python -c` loading the
spaCy model and running `nlp.pipe` over the same texts (n_process as many as kg's workers).

Prints, for each of --runs runs (default 2): seconds, words/s and the ratio kg/bare for 1
process, N processes and (start-up excluded) a Dask LocalCluster of N workers, the speed-up over
one process, and the load average; then peak RSS.  Every kg run builds into a fresh store.  The
ratios are taken within one run: on a shared machine compare them, not the seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "eval" / "dev" / "articles.jsonl"

#: Bare spaCy end to end: load the model, run nlp.pipe over the texts (a JSONL of {"text": ...}).
BARE = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8")]
for _doc in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=32):
    pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=2, help="independent runs, each printed (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N for each start-up-excluded figure")
    parser.add_argument("--workers", type=int, default=2, help="also measure N processes and a Dask LocalCluster of N")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--no-kb", action="store_true", help="build without the Wikidata knowledge base")
    parser.add_argument("--store", help="a store holding the Wikidata snapshot, copied for each end-to-end run "
                                        "(default: one made here with `kg kb load`)")
    args = parser.parse_args()
    args.corpus = str(Path(args.corpus).resolve())  # the end-to-end runs start in a temporary folder
    if not Path(args.corpus).is_file():
        sys.exit(f"no corpus at {args.corpus}: pass CORPUS.jsonl")

    from kg.build import build
    from kg.extract import load_nlp, masked_text
    from kg.extract.pipeline import default_model
    from kg.ingest import read_articles
    from kg.link.candidates import ruler_patterns
    from kg.store import Store

    with tempfile.TemporaryDirectory(prefix="kg-bench-build-") as tmp:
        tmp = Path(tmp)
        env = {**{k: v for k, v in os.environ.items() if k not in ("KG_NO_CACHE", "KG_CACHE_DIR", "KG_STORE")},
               "PYTHONPATH": str(ROOT), "KG_CACHE_DIR": str(tmp / "cache")}
        template = tmp / "template"
        if args.store:
            shutil.copytree(args.store, template)
        t = time.perf_counter()  # the snapshot (when new) and the caches a user's kg kb load makes: not timed
        subprocess.run([sys.executable, "-m", "kg", "kb", "--store", str(template), "load"], env=env, check=True,
                       cwd=tmp, stdout=subprocess.DEVNULL)
        print(f"kg kb load (the snapshot and the caches; once, not in the figures): {time.perf_counter() - t:.1f} s")
        os.environ["KG_CACHE_DIR"] = env["KG_CACHE_DIR"]  # this process reads the same caches

        kb = None
        if not args.no_kb:
            from kg.link import open_kb

            kb = open_kb(Store(template, read_only=True))
        model = default_model()
        nlp = load_nlp(None, patterns=ruler_patterns(kb) if kb is not None else None)
        articles = list(read_articles([args.corpus]))
        texts = [masked_text(a) for a in articles]
        texts_file = tmp / "texts.jsonl"  # the bare side's input, in the temporary folder only
        texts_file.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        words = sum(len(a.text.split()) for a in articles)
        n = len(articles)
        print(f"corpus: {args.corpus}: {n} articles, {words} words; {os.cpu_count()} CPUs; model {model}")
        counter = iter(range(1_000_000))

        def fresh_store() -> Path:
            path = tmp / f"store-{next(counter)}"
            shutil.copytree(template, path)  # not timed
            return path

        def bare_run(n_process: int) -> float:
            gc.freeze()  # as kg build does: the knowledge base in this process is not bare spaCy's to scan
            best = float("inf")
            for _ in range(args.repeat):
                t = time.perf_counter()
                for _doc in nlp.pipe(texts, n_process=n_process, batch_size=32):
                    pass
                best = min(best, time.perf_counter() - t)
            return best

        def kg_run(workers: int, dask: bool):
            best, summary = float("inf"), None
            for i in range(args.repeat):
                store = Store(tmp / f"mem-{next(counter)}")  # fresh: nothing to skip
                t = time.perf_counter()
                summary = build([args.corpus], store, nlp=None if dask else nlp, kb=kb, workers=workers,
                                dask=dask, progress=False)
                best = min(best, time.perf_counter() - t)
                del store
            return best, summary

        cpu: dict[str, float] = {}  # row name -> CPU seconds (user + system) of its process tree

        def timed(argv: list[str], name: str) -> float:
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([sys.executable, *argv], env=env, cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seconds = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name] = after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime
            return seconds

        def bare_e2e(n_process: int) -> float:
            return timed(["-c", BARE, model, str(texts_file), str(n_process)], f"bare nlp.pipe, n_process={n_process}")

        def kg_e2e(workers: int) -> float:
            store = fresh_store()
            seconds = timed(["-m", "kg", "build", args.corpus, "--store", str(store), "--workers", str(workers)]
                            + (["--no-kb"] if args.no_kb else []), f"kg build --workers {workers}")
            shutil.rmtree(store, ignore_errors=True)
            return seconds

        sizes = sorted({1, args.workers})
        summary = None
        for run in range(1, args.runs + 1):
            bare = {w: bare_run(w) for w in sizes}
            rows = []
            one, summary = kg_run(1, False)
            rows.append(("kg build, 1 process", 1, one))
            if args.workers > 1:
                rows.append((f"kg build, {args.workers} processes", args.workers, kg_run(args.workers, False)[0]))
                if not args.no_dask:
                    rows.append((f"kg build, Dask LocalCluster x{args.workers}", args.workers,
                                 kg_run(args.workers, True)[0]))
            e2e_bare = {w: bare_e2e(w) for w in sizes}
            e2e = [(f"kg build --workers {w}", w, kg_e2e(w)) for w in sizes]
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"\nrun {run} of {args.runs} (load average after it: {load})")
            table(f"start-up excluded (in this process, the pipeline loaded once)", bare, rows, n, words)
            table("start-up included (fresh processes end to end: interpreter, imports, model, knowledge base)",
                  e2e_bare, e2e, n, words, cpu)
    print("\nvs bare: kg build throughput / bare nlp.pipe throughput with as many processes (target >= 0.9 "
          "start-up included);")
    print("speed-up: against kg build with 1 process (target >= 1.7 with 2 workers on 2 cores)")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"triples written (1 process): {summary.triples}; peak RSS: this process {me:.0f} MiB, "
          f"largest child process {kids:.0f} MiB")


def table(title: str, bare: dict[int, float], rows: list[tuple[str, int, float]], n: int, words: int,
          cpu: dict[str, float] | None = None) -> None:
    """One run's figures; ``cpu``: CPU seconds by row name (their ratio, bare/kg, is less moved by
    other work on the machine than the wall-clock one)."""
    cpu = cpu or {}
    print(f"  {title}")
    print(f"  {'':40}{'seconds':>9}{'articles/s':>12}{'words/s':>9}{'vs bare':>9}{'speed-up':>10}"
          + (f"{'CPU s':>8}{'vs bare':>9}" if cpu else ""))
    for w, seconds in bare.items():
        name = f"bare nlp.pipe, n_process={w}"
        print(f"  {name:40}{seconds:9.2f}{n / seconds:12.1f}{words / seconds:9.0f}{'':19}"
              + (f"{cpu[name]:8.1f}" if name in cpu else ""))
    one = rows[0][2]
    for name, w, seconds in rows:
        bare_cpu = cpu.get(f"bare nlp.pipe, n_process={w}")
        print(f"  {name:40}{seconds:9.2f}{n / seconds:12.1f}{words / seconds:9.0f}"
              f"{bare[w] / seconds:9.2f}{one / seconds:10.2f}"
              + (f"{cpu[name]:8.1f}{bare_cpu / cpu[name]:9.2f}" if name in cpu and bare_cpu else ""))


if __name__ == "__main__":
    main()
