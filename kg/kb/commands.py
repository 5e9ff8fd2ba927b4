"""The ``kg kb import`` and ``kg kb sources`` commands (parsers and handlers; ``kg/cli.py`` hooks them in)."""

from __future__ import annotations

import argparse
import json
import sys

from kg.errors import KbError
from kg.formats import add_format


def add_parsers(kb_sub) -> None:
    q = kb_sub.add_parser("import", help="import a Wikidata JSON dump (.json, .json.gz, .json.bz2) as a new source")
    q.add_argument("dump", metavar="DUMP", help="e.g. latest-all.json.gz or wikidata-20261125-all.json.bz2")
    q.add_argument("--date", help="the dump's date, YYYY-MM-DD (default: from the file name, else the newest "
                                  "'modified' of its entities)")
    q.add_argument("--lang", default="en", help="label languages to keep, comma-separated (default en)")
    q.add_argument("--positions", default="held,kinds",
                   help="which offices to keep: 'held' (every office a kept person held; a second pass), "
                        "'kinds' (items of the classes the KB's offices have), both (default) or 'none'")
    q.add_argument("--position-class", action="append", default=[], metavar="QID",
                   help="also keep items of this class (P31) as offices (repeatable)")
    q.add_argument("--workers", type=int, default=1, help="parsing processes (default 1; see bench/kb_import.py)")
    q.add_argument("--decompress", choices=["auto", "external", "python"], default="auto",
                   help="auto/python: in-process (default); external: a gzip -dc/bzip2 -dc child process")
    q.add_argument("-o", "--output", "--out", dest="out", metavar="FILE.nt",
                   help="only write the N-Triples here; do not touch the store")
    q = kb_sub.add_parser("sources", help="list the Wikidata sources (snapshot, dumps, live refreshes) and their dates")
    add_format(q, ["text", "json"], help="text (default, a table) or json (one array)")
    q.add_argument("-o", "--output", metavar="FILE", help="write the list here (default stdout)")


def run(args: argparse.Namespace, store) -> int:
    from kg.kb import dump, sources

    if args.kb_command == "sources":
        found = sources.sources(store)
        if args.format == "json":
            print(json.dumps([s.__dict__ for s in found], indent=2))
        else:
            if not found:
                print("no Wikidata source loaded; run `kg kb load` or `kg kb import DUMP`")
            for s in found:
                print(f"{s.title:<36} {s.kind:<9} items {s.items:>9,}  {s.graph}")
        return 0
    languages = tuple(x.strip() for x in args.lang.split(",") if x.strip())
    wanted = {x.strip() for x in args.positions.split(",") if x.strip()}
    if not wanted <= {"held", "kinds", "none"}:
        raise KbError(f"--positions {args.positions!r}: use held, kinds, held,kinds or none")
    if args.workers < 1:
        raise KbError(f"--workers {args.workers}: must be at least 1")
    from kg.kb import ensure_loaded

    dump.check_path(dump.Path(args.dump))  # a bad path fails before the snapshot is loaded
    ensure_loaded(store)
    selection = dump.default_selection(store, languages, held="held" in wanted, kinds="kinds" in wanted,
                                       extra_classes=frozenset(args.position_class))
    from kg.progress import Tracker

    if args.out:
        with open(args.out, "wb") as out, Tracker(unit="entities", desc="kb import") as progress:
            stats = dump.import_dump(dump.Path(args.dump), out, selection, workers=args.workers,
                                     decompress=args.decompress, progress=progress)
        print(json.dumps({"out": args.out, **stats.as_dict()}))
        return 0
    with Tracker(unit="entities", desc="kb import") as progress:
        info = dump.import_to_store(store, dump.Path(args.dump), selection, date=args.date,
                                    workers=args.workers, decompress=args.decompress, progress=progress)
    store.flush()
    print(json.dumps(info), file=sys.stdout)
    return 0
