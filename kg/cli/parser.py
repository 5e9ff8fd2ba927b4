"""The ``kg`` argument parser, made from the registered commands (:func:`kg.cli.common.command`) and the
shared option groups (:mod:`kg.cli.options`)."""

from __future__ import annotations

import argparse

from .. import __version__
from . import build, check, contents, export, kb, ontology, query, serve  # noqa: F401  (they register commands)
from .common import COMMANDS, SPECS
from .options import common_options

#: The commands in the order ``kg --help`` lists them.
ORDER = ("build", "query", "export", "events", "stats", "check", "eval", "serve", "push", "kb", "validate",
         "ontology", "queries")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of diplomacy news and fact-check it against Wikidata.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    common = common_options()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    assert set(ORDER) == set(COMMANDS), set(ORDER) ^ set(COMMANDS)
    for name in ORDER:
        help, spec = COMMANDS[name][1], SPECS[name]
        p = sub.add_parser(name, parents=[common] if spec.common else [], help=help,
                           description=spec.description or help)
        spec.arguments(p, common)
    return parser
