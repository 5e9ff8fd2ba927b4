"""Input files that are not plain files, lie about their size, repeat ids or have odd names.

Each test builds its inputs in ``tmp_path`` (FIFOs, symlinks, undecodable names cannot be
committed); the committed bad corpus (tests/fixtures/bad) is checked by test_robustness.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ArticleError
from kg.ingest import read_articles
from kg.ingest.assemble import MAX_ID_LENGTH

TEXT = "Envoys meet in Vienna\n\nThe foreign ministers of Austria and Hungary met in Vienna on May 3, 2022.\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and byte file names are POSIX")


def _read(*paths, **kwargs) -> tuple[list, list[ArticleError]]:
    errors: list[ArticleError] = []
    return list(read_articles([str(p) for p in paths], on_error=errors.append, **kwargs)), errors


def _record(**fields) -> str:
    return json.dumps({"text": TEXT, **fields}) + "\n"


# -- regular files only ------------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("explicit", [True, False], ids=["named", "in-a-folder"])
def test_a_fifo_is_refused_and_does_not_hang(tmp_path: Path, explicit: bool) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    result: dict = {}
    reader = threading.Thread(target=lambda: result.update(out=_read(fifo if explicit else folder)), daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # unblock the reader so the test run ends, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    articles, errors = result["out"]
    assert [a.path for a in articles] == ([] if explicit else [str(folder / "good.txt")])
    assert [e.source for e in errors] == [str(fifo)]
    assert "named pipe (FIFO), not a regular file" in str(errors[0])


@POSIX
@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl"])
def test_a_symlink_to_a_device_is_refused(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    articles, [error] = _read(link, max_bytes=1000)
    assert articles == [] and "character device, not a regular file" in str(error)


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux /proc")
def test_the_limit_counts_bytes_read_not_the_size_stat_reports(tmp_path: Path) -> None:
    # /proc files are regular files whose stat size is 0, like a file growing while read
    assert os.stat("/proc/self/maps").st_size == 0
    link = tmp_path / "maps.txt"
    link.symlink_to("/proc/self/maps")
    articles, [error] = _read(link, max_bytes=200)
    assert articles == []
    assert "more than 200 bytes (its size said 0: it grew while being read)" in str(error)


def test_a_symlink_loop_and_a_dangling_link_say_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to("nowhere.txt")
    for given in ((loop, dangling), (tmp_path,)):  # named, and met in a folder
        _, errors = _read(*given)
        messages = {e.source: e.reason for e in errors}
        assert "symbolic link that loops" in messages[str(loop)]
        assert "permissions" not in messages[str(loop)]
        assert "symbolic link to a missing file" in messages[str(dangling)]


def test_an_unreadable_file_is_a_permission_problem(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions do not apply")
        _, [error] = _read(path)
        assert "permission denied; check its permissions" in str(error)
    finally:
        path.chmod(0o644)


# -- duplicate ids --------------------------------------------------------------------------

def test_a_duplicate_id_within_a_file_is_refused_naming_the_first(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_record(id="x1", title="first") + _record(id="x2") + _record(id="x1", title="second"),
                    encoding="utf-8")
    articles, [error] = _read(path)
    assert [(a.id, a.title) for a in articles] == [("x1", "first"), ("x2", "Envoys meet in Vienna")]
    assert (error.source, error.line) == (str(path), 3)
    assert f"the article id 'x1' was already read from {path}:1" in str(error)


def test_a_duplicate_id_across_files_is_refused_naming_both(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(_record(id="same"), encoding="utf-8")
    second.write_text(_record(id="other") + _record(id="same", title="later"), encoding="utf-8")
    articles, [error] = _read(first, second)
    assert [a.path for a in articles] == [f"{first}:1", f"{second}:1"]
    assert str(error).startswith(f"{second}:2: the article id 'same' was already read from {first}:1")


def test_copies_of_a_text_file_are_refused_as_the_same_text(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT + "One more sentence.\n", encoding="utf-8")  # another text
    articles, [error] = _read(tmp_path)
    assert [Path(a.path).name for a in articles] == ["a.txt", "c.txt"]
    assert error.source == str(tmp_path / "b.txt") and f"the same text as {tmp_path / 'a.txt'}" in str(error)


def test_the_same_file_given_twice_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    articles, [error] = _read(path, path)
    assert len(articles) == 1 and str(error) == f"{path}: this input was given twice; it was read once"


# -- ids and names ------------------------------------------------------------------------

@pytest.mark.parametrize("length, ok", [(MAX_ID_LENGTH, True), (MAX_ID_LENGTH + 1, False), (1_000_000, False)])
def test_an_id_over_the_length_limit_is_refused(tmp_path: Path, length: int, ok: bool) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_record(id="i" * length) + _record(id="short"), encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles] == (["i" * length] if ok else []) + ["short"]
    if not ok:
        [error] = errors
        assert error.line == 1 and f"{length:,} characters long, over the limit of {MAX_ID_LENGTH}" in str(error)


@POSIX
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path, caplog) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    try:
        with open(raw, "wb") as f:
            f.write(TEXT.encode("utf-8"))
    except OSError:
        pytest.skip("the file system refuses non-UTF-8 names")
    [article], errors = _read(tmp_path)
    assert errors == []
    assert article.path == f"{tmp_path}/caf\\xe9.txt"
    article.path.encode("utf-8")  # printable and storable
    assert any("file name is not valid UTF-8" in r.getMessage() for r in caplog.records)


@POSIX
def test_a_build_of_a_non_utf8_file_name_stores_the_article(tmp_path: Path, nlp) -> None:
    from kg.build import build
    from kg.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    try:
        with open(os.fsencode(folder) + b"/\xff\xfe.txt", "wb") as f:
            f.write(TEXT.encode("utf-8"))
    except OSError:
        pytest.skip("the file system refuses non-UTF-8 names")
    errors = []
    summary = build([str(folder)], Store(tmp_path / "store"), nlp=nlp, progress=False, on_error=errors.append)
    assert (summary.articles, summary.failed, errors) == (1, 0, [])


def test_a_placeholder_date_is_called_out_of_range_not_unreal(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_record(id="d1", date="0001-01-01") + _record(id="d2", date="2022-02-30"), encoding="utf-8")
    articles, _ = _read(path)
    first, second = (" ".join(a.warnings) for a in articles)
    assert "outside the years kg dates" in first and "not a real calendar date" not in first
    assert "is not a real calendar date" in second


def test_a_binary_jsonl_line_is_binary_not_utf16(tmp_path: Path) -> None:
    import struct

    path = tmp_path / "a.jsonl"
    path.write_bytes(struct.pack("<24H", *range(0x21, 0x39)) + b"\n"  # every other byte zero: like UTF-16
                     + struct.pack("<12H", *range(0x11, 0x1d)) + b"\n"
                     + "Talks in Bern on May 3, 2022".encode("utf-16-le") + b"\n")
    _, errors = _read(path)
    messages = [e.reason for e in errors]
    assert "looks like UTF-16" in messages[0]  # printable ASCII as UTF-16: it is text
    assert "looks binary" in messages[1]  # control codes: binary
    assert "looks like UTF-16" in messages[2] and len(messages) == 3


# -- command-line messages ------------------------------------------------------------------

def _cli(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_cli_paths_of_the_wrong_kind_get_messages_not_tracebacks(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for key in [k for k in os.environ if k.startswith("KG_")]:
        monkeypatch.delenv(key)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    (tmp_path / "q.rq").mkdir()
    cases = [
        (("stats", "--store", "afile"), "afile: is a file, not a store directory"),
        (("stats", "--config", "adir"), "adir: is a directory, not a config file"),
        (("query", "q.rq", "--store", str(tmp_path / "s")), "q.rq: is a directory, not a query file"),
        (("check", "-o", "adir", "--store", str(tmp_path / "s")), "adir: is a directory, not a file; give the name of a file to write"),
        (("validate", "-o", "adir", "--store", str(tmp_path / "s")), "adir: is a directory"),
    ]
    for argv, message in cases:
        code, err = _cli(capsys, *argv)
        assert code == 1 and message in err, (argv, err)
        assert "another kg process" not in err and "no such query file" not in err


def test_cli_build_of_a_fifo_finishes_with_a_message(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX only")
    os.mkfifo(tmp_path / "p.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path), "--no-kb",
                             "--store", str(tmp_path / "store")], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path, env=env)
    assert result.returncode == 3, result.stderr
    assert "p.txt: is a named pipe (FIFO), not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_dash_o_writes_the_result_of_stdout_commands(tmp_path: Path, capsys) -> None:
    from kg.store import Store

    Store(tmp_path / "s").flush()  # an empty store
    cases = [(("queries",), "persons"), (("query", "persons", "--store", str(tmp_path / "s")), "(0 rows)"),
             (("query", "persons", "--format", "csv", "--store", str(tmp_path / "s")), "person,label")]
    for n, (argv, expected) in enumerate(cases):
        target = tmp_path / f"out{n}.txt"
        code = main([*argv, "-o", str(target)])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert out == "" and expected in target.read_text(encoding="utf-8")
    code, err = _cli(capsys, "queries", "-o", str(tmp_path))
    assert code == 1 and "is a directory, not a file; give the name of a file to write" in err


def test_a_default_date_dates_only_the_articles_without_one(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text("Envoys meet\n\nThe envoys met in Vienna on Tuesday.\n", encoding="utf-8")
    (tmp_path / "dated.txt").write_text(TEXT, encoding="utf-8")  # says May 3, 2022
    articles, errors = _read(tmp_path, default_date="2022-01-21")
    by_name = {Path(a.path).name: a for a in articles}
    assert errors == []
    assert (by_name["undated.txt"].date, by_name["undated.txt"].date_source) == ("2022-01-21", "given")
    assert not any("cannot be dated" in w for w in by_name["undated.txt"].warnings)
    assert by_name["dated.txt"].date == "2022-05-03"  # its own date wins
    [undated], _ = _read(tmp_path / "undated.txt")
    assert undated.date is None and any("cannot be dated" in w for w in undated.warnings)
