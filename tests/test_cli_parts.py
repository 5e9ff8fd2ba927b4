"""The CLI package: modules with one job each under ~450 lines, a parser made from the command registry
and shared option groups, entry points that work, and light commands that never import spaCy."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib

import pytest

from kg.cli import COMMANDS, build_parser
from kg.cli.common import SPECS
from kg.cli.parser import ORDER

from .conftest import ROOT

MODULES = sorted((ROOT / "kg" / "cli").glob("*.py")) + [ROOT / "kg" / "server.py", ROOT / "kg" / "server_routes.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < 450


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("argv", [["--version"], ["queries"]], ids=" ".join)
def test_light_commands_do_not_import_spacy(argv):
    done = _run("-X", "importtime", "-m", "kg", *argv)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "kg.cli" in imported and "kg.cli.parser" in imported  # the check sees the imports
    assert not {m for m in imported if m == "spacy" or m.startswith("spacy.")}


def test_python_dash_m_kg_and_the_console_script_entry_point():
    done = _run("-m", "kg", "--help")
    assert done.returncode == 0 and "usage: kg" in done.stdout
    script = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["kg"]
    module, _, name = script.partition(":")
    done = _run("-c", f"import sys, {module}; sys.exit({module}.{name}(['--version']))")
    assert done.returncode == 0 and done.stdout.startswith("kg "), done.stderr


def test_the_parser_has_every_registered_command_in_order():
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert tuple(sub.choices) == ORDER and set(ORDER) == set(COMMANDS) == set(SPECS)


def _subparsers(parser, prefix=""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield prefix + name, sub
                yield from _subparsers(sub, prefix + name + " ")


LEAVES = [(n, p) for n, p in _subparsers(build_parser())
          if not any(isinstance(a, argparse._SubParsersAction) for a in p._actions)]


@pytest.mark.parametrize("name, parser", LEAVES, ids=[n for n, _ in LEAVES])
def test_every_command_has_the_common_options_from_one_group(name, parser):
    """--store, --config, --debug, -q come from kg.cli.options.common_options (on the command or its parent)."""
    top = dict(_subparsers(build_parser()))[name.split()[0]]
    options = {o for p in (parser, top) for a in p._actions for o in a.option_strings}
    assert {"--store", "--config", "--debug", "--quiet"} <= options, name


def test_the_shared_groups_make_the_same_option_everywhere():
    """--workers/--model on check and eval (add_build_options), -o on every command (add_output): one spelling."""
    subs = dict(_subparsers(build_parser()))
    for name in ("check", "eval"):
        found = {a.dest: a for a in subs[name]._actions}
        assert found["workers"].help.startswith("NLP processes when building")
        assert found["model"].type is str and found["workers"].type is int
    for name, parser in subs.items():
        outputs = [a for a in parser._actions if "--output" in a.option_strings]
        assert all(a.option_strings[:2] == ["-o", "--output"] for a in outputs), name
