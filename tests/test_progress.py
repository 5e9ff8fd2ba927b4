"""Progress on long work (kg/progress.py): silent when stderr is not a terminal or with --quiet,
a bar with the total when on, in build, validate, check and kb import."""

from __future__ import annotations

import gc
import io
import re

import pytest

from kg import progress
from kg.store import Store

TTL = """@prefix schema: <http://schema.org/> .
<https://w3id.org/kg-diplomacy/id/article/p1> a schema:NewsArticle ; schema:identifier "p1" .
"""


@pytest.fixture(autouse=True)
def _not_quiet():
    progress.set_quiet(False)
    yield
    progress.set_quiet(False)


@pytest.fixture()
def terminal(monkeypatch):
    """stderr looks like a terminal (pytest's capture is not one)."""
    monkeypatch.setattr(progress, "_isatty", lambda stream: True)


def _graphs_store(path=None, n=2) -> Store:
    store = Store(path)
    for i in range(n):
        store.load(TTL.encode(), "ttl", graph=f"https://w3id.org/kg-diplomacy/graph/article/p{i}")
    return store


def test_silent_when_stderr_is_not_a_terminal(capsys):
    assert not progress.shown()
    assert list(progress.bar(range(5), total=5, unit="graphs")) == [0, 1, 2, 3, 4]
    b = progress.bar(unit="articles")
    b.update(3)
    b.close()
    assert capsys.readouterr().err == ""


def test_forced_on_shows_the_total_and_the_rate(capsys):
    assert list(progress.bar(range(3), total=3, unit="graphs", desc="validate", enabled=True)) == [0, 1, 2]
    err = capsys.readouterr().err
    assert "validate" in err and "3/3" in err and "graphs/s" in err


def test_a_terminal_shows_it_unless_quiet(terminal, capsys):
    assert progress.shown()
    list(progress.bar(range(2), total=2))
    assert "2/2" in capsys.readouterr().err
    progress.set_quiet(True)
    assert not progress.shown() and progress.shown(True)
    list(progress.bar(range(2), total=2))
    assert capsys.readouterr().err == ""


def test_tracker_starts_again_on_a_second_pass(capsys):
    with progress.Tracker(unit="entities", desc="kb import", enabled=True) as t:
        for done in (2, 5, 7):
            t(done, None)
        t(3, 7)
        t(7, 7)
    err = capsys.readouterr().err
    assert "kb import: 7 entities" in err or "kb import: " in err
    assert "(pass 2)" in err and "7/7" in err
    assert t.passes == 2


def test_validate_counts_the_graphs(capsys):
    from kg.shapes import validate

    store = _graphs_store(n=3)
    validate(store, progress=False)
    assert capsys.readouterr().err == ""
    validate(store, progress=True)
    assert re.search(r"validate: .*3/3", capsys.readouterr().err)


def test_check_counts_its_queries(capsys):
    from kg.check import _PER_CLAIM, KINDS, check

    store = Store(None)
    check(store, progress=True, write=False)
    n = len(KINDS) + len(_PER_CLAIM)  # every query it runs: the kinds' and the per-claim ones
    assert f"{n}/{n}" in capsys.readouterr().err
    check(store, write=False)  # not a terminal: nothing
    assert capsys.readouterr().err == ""


def test_build_shows_the_total_of_articles(nlp, tmp_path, capsys):
    from kg.build import build

    for i in range(2):
        (tmp_path / f"a{i}.txt").write_text(f"Talks {i}\n\nAntony Blinken met Sergei Lavrov in Geneva.\n")
    (tmp_path / "more.jsonl").write_text('{"id": "j1", "text": "Lavrov spoke."}\n\n{"id": "j2", "text": "Blinken spoke."}\n')
    store = Store(None)
    build([str(tmp_path)], store, nlp=nlp, progress=True)
    err = capsys.readouterr().err
    assert "build" in err and "4/4" in err, err
    build([str(tmp_path)], store, nlp=nlp, progress=True)  # all skipped: the bar still reaches its total
    assert "4/4" in capsys.readouterr().err
    build([str(tmp_path)], store, nlp=nlp)
    assert capsys.readouterr().err == ""


def test_count_articles(tmp_path):
    from kg.ingest.reader import count_articles

    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n  \n{"text": "b"}')  # no final newline
    (tmp_path / "c.csv").write_text("not read")
    assert count_articles([str(tmp_path)]) == 3
    assert count_articles([str(tmp_path / "missing.txt")]) == 0


def test_kb_import_reports_both_passes(tmp_path, capsys):
    from kg.kb import dump
    from kg.kb.dump import Selection

    from .kb.test_kb_dump import _small

    path = _small(tmp_path)
    calls = []
    dump.import_dump(path, io.BytesIO(), Selection(), progress=lambda done, total: calls.append((done, total)))
    first = [c for c in calls if c[1] is None]
    second = [c for c in calls if c[1] is not None]
    assert first and first[-1][0] == 7 and second and second[-1] == (7, 7)


def test_cli_validate_on_a_terminal_and_quiet(terminal, tmp_path, capsys):
    from kg.cli import main

    path = tmp_path / "store"
    store = _graphs_store(path, n=2)
    store.flush()
    del store
    gc.collect()
    main(["validate", "--store", str(path), "-o", str(tmp_path / "report.txt")])
    assert re.search(r"validate: .*2/2", capsys.readouterr().err)
    main(["validate", "--store", str(path), "--quiet", "-o", str(tmp_path / "report.txt")])
    err = capsys.readouterr().err
    assert "validate:" not in err and "2/2" not in err


def test_cli_kb_import_shows_progress_on_a_terminal(terminal, tmp_path, capsys):
    from kg.cli import main

    from .kb.test_kb_dump import _small

    path = _small(tmp_path)
    assert main(["kb", "--store", str(tmp_path / "store"), "import", str(path), "-o", str(tmp_path / "out.nt")]) == 0
    err = capsys.readouterr().err
    assert "kb import" in err and "(pass 2)" in err and "7/7" in err
