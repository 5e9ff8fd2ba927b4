"""Start-up: ``kg kb load`` (import, refresh) prepares the linker's index cache so that the next
start reads it; the "loading ..." line of ``kg build`` and ``kg serve`` shows on a terminal only;
a build leaves the long-lived heap out of the garbage collector's passes and puts it back."""

from __future__ import annotations

import gc
import sys

import pytest

from kg.build import BuildSummary
from kg.link import index_cache, open_kb
from kg.link.index_cache import IndexedKnowledgeBase
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH

from .test_index_cache import PREFIXES, SMALL


@pytest.fixture()
def small_store(tmp_path, monkeypatch):
    """An on-disk store whose Wikidata graph is a small one, a fresh cache folder, small graphs cached."""
    path = tmp_path / "store"
    store = Store(path)
    store.load(PREFIXES + SMALL, "ttl", WIKIDATA_GRAPH)
    store.flush()
    del store
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KG_NO_CACHE", raising=False)
    monkeypatch.setattr(index_cache, "MIN_TRIPLES", 0)
    return path


def test_kb_load_writes_the_index_cache_and_the_next_open_reads_it(small_store, tmp_path, monkeypatch, capsys):
    from kg.cli import main

    assert main(["kb", "--store", str(small_store), "load"]) == 0
    assert capsys.readouterr().out.startswith("Wikidata graph: ")
    assert len(list((tmp_path / "cache").glob("kb-index-*.pickle"))) == 1
    assert list((tmp_path / "cache").glob("ruler-*.pickle"))  # the names' spaCy tokens too

    def fail(cls, store, graph=None):
        raise AssertionError("built again: kg kb load did not leave the index in the cache")

    monkeypatch.setattr(IndexedKnowledgeBase, "from_store", classmethod(fail))
    assert [e.qid for e in open_kb(Store(small_store)).candidates("Ada Quill")] == ["Q1"]


def test_kb_load_with_caching_off_prepares_nothing(small_store, tmp_path, monkeypatch):
    from kg.cli import main

    monkeypatch.setenv("KG_NO_CACHE", "1")
    assert main(["kb", "--store", str(small_store), "load"]) == 0
    assert not (tmp_path / "cache").exists()


# -- "loading ..." on a terminal only -------------------------------------------------------


@pytest.fixture()
def no_work(monkeypatch):
    """kg build and kg serve with their work stubbed out: only what they say is seen."""
    import kg.build
    import kg.check_service
    import kg.server

    monkeypatch.setattr(kg.build, "build", lambda *a, **k: BuildSummary())
    monkeypatch.setattr(kg.server, "serve", lambda store, settings, allow_update=False: None)
    monkeypatch.setattr(kg.check_service, "warm_in_background", lambda *a, **k: None)


COMMANDS = {
    "build": (["build", "PATH", "--no-kb"], "kg: loading the spaCy pipeline ...\n"),
    "serve": (["serve"], "kg: loading the spaCy pipeline and the Wikidata knowledge base for POST /check ...\n"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("terminal, quiet, said", [(True, False, True), (True, True, False), (False, False, False)],
                         ids=["terminal", "terminal-quiet", "piped"])
def test_the_loading_line_shows_on_a_terminal_unless_quiet(name, terminal, quiet, said, no_work, tmp_path,
                                                           monkeypatch, capsys):
    import kg.progress
    from kg.cli import main

    monkeypatch.setattr(kg.progress, "_isatty", lambda stream: terminal)
    argv, line = COMMANDS[name]
    argv = [str(tmp_path / "a.txt") if a == "PATH" else a for a in argv]
    store = Store(tmp_path / "store")  # kg serve opens it read-only: it must be there
    store.flush()
    del store
    assert main(argv + ["--store", str(tmp_path / "store")] + (["--quiet"] if quiet else [])) == 0
    stderr = capsys.readouterr().err
    assert (line in stderr) is said, stderr
    assert stderr.count("loading") == int(said)


# -- the garbage collector during a build -----------------------------------------------------


def test_a_build_freezes_the_heap_while_it_runs_and_thaws_it_after(tmp_path, monkeypatch):
    import kg.build

    seen = []

    class Probe:
        def __init__(self, nlp, kb, batch_size):
            pass

        def __call__(self, batch):
            seen.append(gc.get_freeze_count())
            return []

    monkeypatch.setattr(kg.build, "Processor", Probe)
    (tmp_path / "a.txt").write_text("Ada Quill visited Vell City on 3 May 2020.", encoding="utf-8")
    before = gc.get_freeze_count()
    kg.build.build([str(tmp_path / "a.txt")], Store(None), nlp=object(), progress=False)
    assert seen and seen[0] > 0  # while articles were processed, the heap was frozen
    assert gc.get_freeze_count() == before == 0  # and put back afterwards


def test_reading_articles_does_not_import_lxml_until_a_page_is_read(tmp_path):
    """lxml (≈0.13 s of every start) is for HTML pages only: a build of .txt or .jsonl articles
    does not import it."""
    import subprocess
    import sys

    from .conftest import ROOT

    (tmp_path / "a.txt").write_text("Ada Quill visited Vell City on 3 May 2020.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Ada Quill visited Vell City.</p></body></html>", encoding="utf-8")
    code = ("import sys; from kg.ingest import read_articles; import kg.build, kg.cli.build; "
            "list(read_articles([sys.argv[1]])); print('lxml' in sys.modules)")
    for name, imported in (("a.txt", "False"), ("b.html", "True")):
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], capture_output=True, text=True,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
        assert done.stdout.strip() == imported, done.stderr[-2000:]


def test_the_entity_patterns_come_with_the_cached_index(small_store, monkeypatch):
    """The pipeline's knowledge-base patterns are made once with the index and read back with it:
    the same as made from the graph, and not made again at the next start."""
    from kg.link import candidates
    from kg.link.candidates import make_ruler_patterns, ruler_patterns

    store = Store(small_store)
    made = ruler_patterns(open_kb(store))  # built and cached
    assert made and {"label": "PERSON", "pattern": "Ada Quill", "id": "Q1"} in made
    monkeypatch.setattr(candidates, "make_ruler_patterns", lambda kb: pytest.fail("patterns made again"))
    kb = open_kb(store)  # read back
    assert ruler_patterns(kb) == made == make_ruler_patterns(kb)  # (the function imported before the patch)


def test_kg_build_as_a_process_ends_fast_with_its_output_and_store_whole(tmp_path):
    """``python -m kg build`` skips the interpreter's teardown (kg.cli.exit_now) but not what must
    happen first: the summary line on a piped stdout, the warning on stderr, the store's writes."""
    import subprocess
    import sys

    from .conftest import ROOT

    (tmp_path / "a.txt").write_text("Ada Quill visited Vell City in the spring.", encoding="utf-8")
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.txt"), "--store", str(store),
                           "--no-kb"], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("built 1 articles:")
    assert "the date is unknown" in done.stderr
    from kg.vocab import ARTICLE_GRAPH_PREFIX

    graphs = [g for g in Store(store, read_only=True).graphs() if str(g).startswith(str(ARTICLE_GRAPH_PREFIX))]
    assert len(graphs) == 1


def test_exit_now_only_for_the_process_command_line(monkeypatch, tmp_path):
    """main(argv) (a caller's, a test's) returns; main() with the process's own arguments ends it."""
    import kg.cli

    ended = []
    monkeypatch.setattr(kg.cli, "exit_now", ended.append)
    monkeypatch.setattr(sys, "gettrace", lambda: None)  # as without coverage
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr("kg.build.build", lambda *a, **k: BuildSummary())
    argv = ["build", str(tmp_path / "a.txt"), "--no-kb", "--store", str(tmp_path / "s")]
    assert kg.cli.main(argv) == 0 and ended == []
    monkeypatch.setattr(sys, "argv", ["kg"] + argv)
    assert kg.cli.main() == 0 and ended == [0]
    monkeypatch.setattr(sys, "argv", ["kg", "queries"])
    kg.cli.main()
    assert ended == [0]  # a light command ends as usual


def test_no_fast_exit_under_a_profiler(tmp_path):
    """``python -m cProfile -o OUT -m kg build ...`` still writes its figures (they are written
    after main returns, which a fast exit would skip)."""
    import subprocess

    from .conftest import ROOT

    (tmp_path / "a.txt").write_text("Ada Quill visited Vell City in the spring.", encoding="utf-8")
    out = tmp_path / "profile.out"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "kg", "build",
                           str(tmp_path / "a.txt"), "--store", str(tmp_path / "store"), "--no-kb"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "KG_CACHE_DIR": str(tmp_path / "c")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.is_file() and out.stat().st_size > 0
