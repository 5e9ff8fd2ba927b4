"""The option groups the ``kg`` commands share (after sqlite-utils' shared options): a command's
parser is made of these plus its own few options."""

from __future__ import annotations

import argparse

from ..config import setting
from ..formats import add_format  # noqa: F401  (one --format option: kg.formats)


def add_setting(parser, name: str, *flags: str, help: str | None = None, metavar: str | None = None) -> None:
    """The option ``--NAME`` (or ``flags``) for the setting ``name``: its type, default and ``KG_*`` variable from
    the settings table (:mod:`kg.config`), its help the table's (or ``help``).  The option's own default is None,
    so an unset flag leaves the file/environment/default value (:func:`kg.config.load_settings`)."""
    row = setting(name)
    default = f"default {row.shown}; " if row.default != "" else ""
    text = (help or row.help).rstrip(".")
    parser.add_argument(*(flags or ("--" + name.replace("_", "-"),)), dest=name, type=row.type, metavar=metavar,
                        help=f"{text} ({default}KG_{name.upper()})")


def common_options() -> argparse.ArgumentParser:
    """The options of every command that uses the store: --store, --config, --debug, -q (a parent parser)."""
    common = argparse.ArgumentParser(add_help=False)
    add_setting(common, "store", help="store directory")
    common.add_argument("--config", help="TOML config file (default ./kg.toml if present; KG_CONFIG)")
    common.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars and no 'loading ...' line (they only show on a terminal anyway)")
    return common


def add_output(parser, what: str = "the result", *, help: str | None = None) -> None:
    """``-o/--output FILE``: where the command writes ``what`` (stdout by default)."""
    parser.add_argument("-o", "--output", metavar="FILE", help=help or f"write {what} here (default stdout)")


def add_build_options(parser) -> None:
    """--workers and --model, for the commands that build their inputs before they work (check, eval)."""
    add_setting(parser, "workers", help="NLP processes when building")
    add_setting(parser, "model", help="spaCy pipeline to use when building")
