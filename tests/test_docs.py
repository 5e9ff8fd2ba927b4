"""The README documents every setting (with its default) and every `kg` command (after sqlite-utils'
tests/test_docs.py): a setting or command added without its line in the README fails here."""

from __future__ import annotations

import argparse
import re

import pytest

from kg.cli import build_parser
from kg.config import SETTINGS, Settings, load_settings, settings_markdown

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: "| `kg kb refresh [QID...]` | ..." -> "kb refresh": the command words of a table row
DOCUMENTED = {" ".join(w for w in m.split() if re.fullmatch(r"[a-z][a-z-]*", w))
              for m in re.findall(r"^\| `kg ([^`]+)`", README, re.MULTILINE)}


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, str]]:
    """(command words, its help) for every command and subcommand of ``parser``."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                out.append((prefix + name, helps.get(name) or sub.description or ""))
                out += _commands(sub, prefix + name + " ")
    return out


COMMANDS = _commands(build_parser())


def test_the_walk_finds_commands_and_subcommands():
    names = {n for n, _ in COMMANDS}
    assert {"build", "serve", "kb", "kb refresh", "ontology doc"} <= names


@pytest.mark.parametrize("command", [n for n, _ in COMMANDS])
def test_every_command_is_in_a_readme_commands_table(command):
    has_subcommands = any(n.startswith(command + " ") for n, _ in COMMANDS)
    if has_subcommands:  # "kb" is documented by its subcommands' rows
        assert any(d.startswith(command + " ") for d in DOCUMENTED), command
    else:
        assert command in DOCUMENTED, f"`kg {command}` has no row in a README commands table"


@pytest.mark.parametrize("command, help", COMMANDS)
def test_every_command_has_help(command, help):
    assert help.strip(), f"kg {command} has no help"


def test_the_readme_settings_table_is_the_generated_one():
    assert settings_markdown() in README, (
        "README's Settings table differs from kg/config.py; paste the output of "
        "python -c 'from kg.config import settings_markdown; print(settings_markdown())'")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme_with_its_default(setting):
    default = setting.shown if setting.default == "" else f"`{setting.shown}`"
    assert f"| `{setting.name}` | {default} |" in README


def test_settings_are_typed_and_read_like_a_mapping(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings({"port": "9100"}, environ={"KG_QUERY_TIMEOUT": "2.5"})
    assert isinstance(s, Settings)
    assert s.port == s["port"] == 9100 and s.query_timeout == 2.5 and s.get("cors") == ""
    assert dict(s) == {x.name: getattr(s, x.name) for x in SETTINGS}
    assert {**s}["store"] == "./kg-store" and "token" in s and "nonsense" not in s
    with pytest.raises(KeyError):
        s["nonsense"]
    with pytest.raises(AttributeError):
        s.port = 1  # frozen
    assert [x.type for x in SETTINGS if x.name in ("port", "query_timeout", "store")] == [str, int, float]


def _options():
    """(command, option string, dest, help) for every option of every command."""
    parser = build_parser()
    out = []

    def walk(p, prefix):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, prefix + name + " ")
            elif action.option_strings and action.help:
                out.append((prefix.strip(), action.option_strings[-1], action.dest, action.help))

    walk(parser, "")
    return out


SETTING_OPTIONS = [o for o in _options() if o[2] in {s.name for s in SETTINGS} and "default" in o[3]]


def test_some_options_are_settings():
    assert {o[2] for o in SETTING_OPTIONS} >= {"store", "port", "host"}


@pytest.mark.parametrize("command, option, dest, help", SETTING_OPTIONS)
def test_a_setting_s_option_states_the_settings_default(command, option, dest, help):
    setting = next(s for s in SETTINGS if s.name == dest)
    stated = re.search(r"default:? ([^;),]+)", help)
    assert stated, f"kg {command} {option}: {help!r}"
    said = stated.group(1).strip()
    assert said.startswith(setting.shown) or setting.default == "" or "Wikidata Query Service" in said, \
        f"kg {command} {option} says default {said!r}; kg/config.py has {setting.shown!r}"


#: every option of every command: (command, option strings, the argparse action)
ALL_OPTIONS = []


def _walk(p, prefix=""):
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                _walk(sub, prefix + name + " ")
        elif action.option_strings and not isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
            ALL_OPTIONS.append((prefix.strip(), action))


_walk(build_parser())
#: options whose dest is a setting's name but which set something else, and why
NOT_SETTINGS = {("kb import", "workers"): "the dump import's parsing processes (kg/kb/commands.py), not build's"}
SETTING_ACTIONS = [(c, a) for c, a in ALL_OPTIONS
                   if a.dest in {s.name for s in SETTINGS} and (c, a.dest) not in NOT_SETTINGS]


@pytest.mark.parametrize("command, action", ALL_OPTIONS, ids=lambda x: x if isinstance(x, str) else x.option_strings[-1])
def test_every_option_is_in_the_readme(command, action):
    longest = max(action.option_strings, key=len)
    assert re.search(re.escape(longest) + r"(?![\w-])", README), f"kg {command} {longest} is not in README.md"
    assert action.help and action.help.strip(), f"kg {command} {longest} has no help"


def test_the_setting_options_are_found():
    assert {a.dest for _, a in SETTING_ACTIONS} >= {"store", "port", "host", "workers", "model", "endpoint",
                                                     "query_timeout", "cors", "batch_size", "max_article_bytes"}


@pytest.mark.parametrize("command, action", SETTING_ACTIONS, ids=lambda x: x if isinstance(x, str) else x.dest)
def test_a_setting_s_option_is_made_from_the_settings_table(command, action):
    """Type, default and environment variable of every setting's option come from kg/config.py."""
    row = next(s for s in SETTINGS if s.name == action.dest)
    assert action.type is row.type, f"kg {command} {action.option_strings[-1]}: type {action.type}, table {row.type}"
    assert action.default is None  # unset: the file, the environment or the table's default wins
    assert action.option_strings[-1] == "--" + row.name.replace("_", "-")
    said = f"(default {row.shown}; KG_{row.name.upper()})" if row.default != "" else f"(KG_{row.name.upper()})"
    assert action.help.endswith(said), f"kg {command} {action.option_strings[-1]}: {action.help!r} lacks {said!r}"


def test_every_setting_a_flag_sets_reaches_the_settings(tmp_path, monkeypatch):
    """The flag's value arrives typed in Settings (kg.cli.settings_of), and beats KG_* and the file."""
    from kg.cli import settings_of

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KG_PORT", "1234")
    parser = build_parser()
    args = parser.parse_args(["serve", "--port", "9100", "--query-timeout", "2.5", "--store", "s"])
    s = settings_of(args)
    assert (s.port, s.query_timeout, s.store, s.host) == (9100, 2.5, "s", "127.0.0.1")
    assert settings_of(parser.parse_args(["serve"])).port == 1234
