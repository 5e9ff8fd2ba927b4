"""One --format vocabulary (kg.cli.FORMATS) across the commands, and -o on every command that writes."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from kg.cli import FORMATS, NO_OUTPUT, build_parser, main
from kg.formats import ALIASES, RDF, normalise

from .conftest import ROOT


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, parser) of every command that runs (subcommands of kb and ontology too)."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield " ".join(path), parser
        return
    for action in subs:
        for name, child in action.choices.items():
            yield from _leaves(child, path + (name,))


LEAVES = dict(_leaves(build_parser()))


def _option(parser: argparse.ArgumentParser, flag: str):
    return next((a for a in parser._actions if flag in a.option_strings), None)


def test_the_walk_finds_every_command():
    assert {"build", "query", "export", "events", "stats", "check", "eval", "serve", "push", "validate", "queries",
            "kb build", "kb load", "kb import", "kb sources", "kb refresh", "ontology check", "ontology doc"} \
        <= set(LEAVES)


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_format_choice_is_in_the_vocabulary(name):
    action = _option(LEAVES[name], "--format")
    if action is None:
        return
    assert action.choices, f"kg {name} --format has no choices"
    assert set(action.choices) <= set(FORMATS), f"kg {name}: {set(action.choices) - set(FORMATS)} not in FORMATS"
    assert action.type is normalise  # aliases accepted everywhere
    assert action.default is None or action.default in action.choices


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_every_command_that_writes_has_dash_o(name):
    if name in NO_OUTPUT:
        assert _option(LEAVES[name], "-o") is None, f"kg {name} has -o but is listed as writing nothing"
        return
    assert _option(LEAVES[name], "-o") is not None, f"kg {name} writes output but has no -o"


def test_the_vocabulary_and_its_aliases():
    assert all(meaning and "\n" not in meaning for meaning in FORMATS.values())
    assert set(ALIASES.values()) <= set(FORMATS) and not set(ALIASES) & set(FORMATS)
    assert set(RDF) <= set(FORMATS)
    # json is one document, jsonl a record a line: two names because they are two things
    assert FORMATS["json"] != FORMATS["jsonl"]


def test_old_spellings_still_parse():
    parser = build_parser()
    assert parser.parse_args(["query", "persons", "--format", "table"]).format == "text"
    assert parser.parse_args(["events", "--format", "TABLE"]).format == "text"
    assert parser.parse_args(["export", "--format", "turtle"]).format == "ttl"
    assert parser.parse_args(["stats"]).format == "text"
    with pytest.raises(SystemExit):
        parser.parse_args(["check", "--format", "ttl"])  # not a format of check


def test_readme_documents_the_vocabulary():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Output formats", 1)[1].split("\n#", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z]+)` \| [^|]*\| ([^|]+) \|", section, re.M))
    assert set(rows) == set(FORMATS), set(FORMATS) ^ set(rows)


def test_query_formats_on_rows_and_graphs(tmp_path, capsys):
    store = tmp_path / "store"
    article = tmp_path / "talks.txt"
    article.write_text("Talks in Geneva\n\nAntony Blinken met Sergei Lavrov in Geneva on Friday.\n")
    assert main(["build", str(article), "--store", str(store), "--no-kb",
                 "-o", str(tmp_path / "summary.txt")]) == 0
    assert "article" in (tmp_path / "summary.txt").read_text()
    capsys.readouterr()
    select = tmp_path / "q.rq"
    select.write_text("SELECT ?a WHERE { ?a a schema:NewsArticle }")
    construct = tmp_path / "c.rq"
    construct.write_text("CONSTRUCT { ?a a schema:NewsArticle } WHERE { ?a a schema:NewsArticle }")
    ask = tmp_path / "a.rq"
    ask.write_text("ASK { ?a a schema:NewsArticle }")
    assert main(["query", str(select), "--store", str(store), "--format", "table"]) == 0
    assert "(1 rows)" in capsys.readouterr().out
    assert main(["query", str(ask), "--store", str(store), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"head": {}, "boolean": True}
    assert main(["query", str(construct), "--store", str(store), "--format", "jsonld"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["query", str(construct), "--store", str(store)]) == 0  # text: Turtle
    assert "NewsArticle" in capsys.readouterr().out
    assert main(["query", str(construct), "--store", str(store), "--format", "csv"]) == 1
    assert "gives a graph" in capsys.readouterr().err
    assert main(["query", str(select), "--store", str(store), "--format", "ttl"]) == 1
    assert "gives rows" in capsys.readouterr().err
    assert main(["kb", "--store", str(store), "sources", "--format", "json", "-o", str(tmp_path / "s.json")]) == 0
    assert isinstance(json.loads((tmp_path / "s.json").read_text()), list)


def test_dash_o_sends_stdout_of_subcommands_to_the_file(tmp_path, capsys):
    store = str(tmp_path / "store")
    assert main(["kb", "--store", store, "load", "-o", str(tmp_path / "load.txt")]) == 0
    assert (tmp_path / "load.txt").read_text().startswith("Wikidata graph: ")
    assert main(["stats", "--store", store, "--format", "json", "-o", str(tmp_path / "stats.json")]) == 0
    figures = json.loads((tmp_path / "stats.json").read_text())
    assert figures["articles"] == 0 and figures["wikidata_triples"] > 0
    assert capsys.readouterr().out == ""
