"""Commands that report on what the store holds: ``kg stats`` (counts), ``kg events`` (the events the
articles report) and ``kg validate`` (the graphs against the SHACL shapes)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import EXIT_ERROR, EXIT_OK, command, open_output, open_store, parse_term, settings_of
from .options import add_format, add_output


def stats_arguments(p: argparse.ArgumentParser, common) -> None:
    add_output(p)
    add_format(p, ["text", "json"], help="text (default, one figure a line) or json (one object)")


@command("stats", "counts of articles, mentions, entities, graphs and quads in the store", arguments=stats_arguments)
def cmd_stats(args: argparse.Namespace) -> int:
    from ..stats import stats

    figures = stats(open_store(settings_of(args), read_only=True))
    if args.format == "json":
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>16}  {value}")
    return EXIT_OK


def events_arguments(p: argparse.ArgumentParser, common) -> None:
    from ..events_out import add_arguments

    add_arguments(p)


@command("events", "list the events the articles report (PLOVER types, status, actors) as a table, JSONL, CSV or "
                   "PLOVER JSON", arguments=events_arguments)
def cmd_events(args: argparse.Namespace) -> int:
    from ..events_out import run

    return run(args, open_store(settings_of(args), read_only=True))


def validate_arguments(p: argparse.ArgumentParser, common) -> None:
    p.add_argument("--graph", action="append", metavar="IRI",
                   help="validate only this named graph (repeatable; default: every graph but the Wikidata snapshot)")
    add_format(p, ["text", "json"], help="text (default, a report) or json (one document)")
    add_output(p, "the report")


VALIDATE_HELP = "check the store's graphs against the SHACL shapes (ontology/shapes.ttl)"


@command("validate", VALIDATE_HELP, arguments=validate_arguments,
         description=VALIDATE_HELP + "; exit code 1 when there are violations")
def cmd_validate(args: argparse.Namespace) -> int:
    from ..shapes import validate, write_json, write_text

    store = open_store(settings_of(args), read_only=True)
    graphs = [str(parse_term(g)) for g in args.graph] if args.graph else None
    report = validate(store, graphs)
    out = open_output(args.output)
    try:
        (write_json if args.format == "json" else write_text)(report, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if out is not sys.stdout or args.format == "json":
        print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.conforms else EXIT_ERROR
