"""``kg ontology``: check the ontology with the HermiT reasoner over the store's entities, or document it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_ERROR, EXIT_OK, command, open_store, settings_of
from .options import add_output


def ontology_arguments(p: argparse.ArgumentParser, common) -> None:
    onto_sub = p.add_subparsers(dest="ontology_command", metavar="ONTOLOGY_COMMAND", required=True)
    q = onto_sub.add_parser("check", parents=[common],
                            help="run HermiT (owlready2, needs Java) on the ontology plus a sample of the store's typed "
                                 "entities; exit code 1 when inconsistent, 0 with a message when Java is missing")
    q.add_argument("--sample", type=int, default=1000, metavar="N",
                   help="how many typed entities to reason over (default 1000; 0 = all)")
    add_output(q, "the report")
    q = onto_sub.add_parser("doc", parents=[common], help="write the ontology's HTML documentation")
    add_output(q, help="output file (default stdout)")


@command("ontology", "the ontology: check it with the HermiT reasoner over the store's entities, or document it",
         arguments=ontology_arguments, common=False)
def cmd_ontology(args: argparse.Namespace) -> int:
    from .. import ontology

    if args.ontology_command == "doc":
        page = ontology.html()
        if args.output and args.output != "-":
            Path(args.output).write_text(page, encoding="utf-8")
            print(f"wrote the ontology documentation to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(page)
        return EXIT_OK
    report = ontology.check(open_store(settings_of(args), read_only=True), sample=args.sample)
    for line in report.lines():
        print(line)
    return EXIT_ERROR if report.consistent is False else EXIT_OK
