"""What every ``kg`` command shares: exit codes, the command registry, settings, the store, output.

Commands register with :func:`command` (name, help, and the function adding their options) and are
made into the parser by :mod:`kg.cli.parser`; they raise :class:`~kg.errors.KgError`, which only
:func:`kg.cli.main` turns into an exit code and a one-line message.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from dataclasses import dataclass
from typing import Callable

from ..config import SETTINGS, Settings, load_settings
from ..errors import KgError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_CONFLICT = 0, 1, 2, 3, 4

#: command name -> (handler, help); filled by @command.
COMMANDS: dict[str, tuple[Callable, str]] = {}


@dataclass(frozen=True)
class Spec:
    """How a command's parser is made: its options, whether it takes the common options (--store,
    --config, --debug, -q; a command with subcommands may give them to those instead) and its description."""

    arguments: Callable[[argparse.ArgumentParser, argparse.ArgumentParser], None]
    common: bool = True
    description: str | None = None


#: command name -> its parser's Spec; filled by @command.
SPECS: dict[str, Spec] = {}


def command(name: str, help: str, *, arguments: Callable | None = None, common: bool = True,
            description: str | None = None):
    """Register the decorated function as ``kg NAME``; ``arguments(parser, common_parent)`` adds its options."""

    def register(fn):
        COMMANDS[name] = (fn, help)
        SPECS[name] = Spec(arguments or (lambda p, common: None), common, description)
        return fn

    return register


#: Commands that print their result on stdout, sent to a file by -o.
STDOUT_COMMANDS = ("query", "stats", "queries", "eval", "build", "ontology check", "kb load", "kb sources",
                   "kb refresh")

#: The commands without -o, and why: every other command writes its result where -o says.
NO_OUTPUT = {
    "serve": "answers HTTP requests; writes nothing but its log",
    "push": "writes into another store; its summary goes to stderr",
}


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings: defaults < config file < KG_* environment < the flags in ``args``."""
    overrides = {s.name: getattr(args, s.name, None) for s in SETTINGS}
    return load_settings(overrides, config_file=args.config)


def open_store(settings: Settings, *, read_only: bool = False):
    from ..store import Store

    return Store(settings.store, read_only=read_only)


def err(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def loading(what: str) -> None:
    """``kg: loading WHAT ...`` on stderr before a slow load (the spaCy pipeline, the knowledge
    base), on a terminal only and not with ``--quiet``: piped stderr carries messages about inputs."""
    from ..progress import shown

    if shown():
        err(f"loading {what} ...")


def os_message(exc: OSError, path: str | None, doing: str) -> str:
    from ..ingest.files import os_error_message

    return f"{path or exc.filename}: {os_error_message(exc, doing + ' it')}"


def open_output(path: str | None):
    """The file to write a report to (``-`` or nothing: stdout); KgError when it cannot be opened."""
    if not path or path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise KgError(os_message(exc, path, "write")) from exc


def command_path(args: argparse.Namespace) -> str:
    """"kb sources", "ontology check", "query": the (sub)command ``args`` are for."""
    sub = getattr(args, "kb_command", None) or getattr(args, "ontology_command", None)
    return f"{args.command} {sub}" if sub else args.command


@contextlib.contextmanager
def stdout_to(path: str):
    """sys.stdout (text and .buffer) written to ``path`` instead."""
    try:
        raw = open(path, "wb")
    except OSError as exc:
        raise KgError(os_message(exc, path, "write")) from exc
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    saved, sys.stdout = sys.stdout, stream
    try:
        yield stream
    finally:
        sys.stdout = saved
        stream.close()


def parse_term(value: str):
    from ..terms import parse_term as parse

    return parse(value)
