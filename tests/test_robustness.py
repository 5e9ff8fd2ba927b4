"""Robustness of `kg build`: a corpus of bad inputs end to end, idempotent builds, crash safety.

* ``tests/fixtures/bad`` (see its README) is built by the ``kg`` command in a subprocess
  and by ``kg.build.build``: no traceback, every good article in the store, every bad
  input reported on stderr by file (and line), exit code 3; ``--strict`` stops at the first.
* Building the same input twice (in two processes with different hash seeds) gives the
  same N-Quads; re-building an article replaces its graph.
* A build killed with SIGKILL mid-way leaves a store that opens and holds only whole
  article graphs; building again gives exactly the store a clean build gives.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.store import Store, dumps

from .conftest import FIXTURES, SAMPLES

BAD = FIXTURES / "bad"
LIMIT = 50_000  # KG_MAX_ARTICLE_BYTES for the corpus runs: every fixture is far smaller
RECORDS = BAD / "records.jsonl"

#: Good inputs (file, or file:line for JSONL) -> the headline kg must store.
GOOD = {
    "good_talks.txt": "Foreign ministers meet in Vienna",
    "good_page.html": "Envoys meet in Prague",
    "cp1252.txt": "Caf\u00e9 diplomacy in Gen\u00e8ve",
    "latin1.txt": "Gespr\u00e4che in K\u00f6ln",
    "utf16.txt": "Talks in Oslo",
    "records.jsonl:1": "Ministers meet in Geneva",
    "records.jsonl:9": "Summit postponed",
    "records.jsonl:10": "Envoy recalled",
    "records.jsonl:11": "Talks in Helsinki",
    "records.jsonl:12": "Trade talks in Lisbon",
    "records.jsonl:13": "Ceasefire appeal",
    "records.jsonl:18": "Talks in Sofia",
    "records.jsonl:19": "Caf\u00e9 talks in Athens",
}
#: Bad inputs -> a piece of the one error message kg must print for it.
FAILED = {
    "archive.txt": "looks binary",
    "image.txt": "looks binary",
    "nul_bytes.txt": "looks binary",
    "empty.txt": "is empty",
    "whitespace.txt": "is empty",
    "utf16_no_bom.txt": "UTF-16 text without a byte-order mark",
    "script_only.html": "no article text",
    "utf16.jsonl": "is UTF-16 text",
    "records.jsonl:2": "not valid JSON",
    "records.jsonl:3": "expected a JSON object",
    "records.jsonl:4": "expected a JSON object",
    "records.jsonl:5": "no article text",
    "records.jsonl:6": "no article text",
    "records.jsonl:7": "no article text",
    "records.jsonl:14": "looks binary",
    "records.jsonl:15": f"the article id 'bad-corpus-1' was already read from {BAD}/records.jsonl:1",
    "records.jsonl:16": "over the limit of 200",
    "records.jsonl:17": "looks binary",
    "same_id.jsonl:1": f"the article id 'bad-corpus-11' was already read from {BAD}/records.jsonl:11",
    "talks_copy.txt": f"the same text as {BAD}/good_talks.txt",
}
#: Good inputs built with a warning -> a piece of it.
WARNED = {
    "cp1252.txt": "decoded as cp1252",
    "latin1.txt": "decoded as cp1252",
    "records.jsonl:9": "'2022-02-30' is not a real calendar date",
    "records.jsonl:10": "'yesterday-ish' is not a real calendar date",
    "records.jsonl:12": "percent-encoded",
    "records.jsonl:13": "the scheme 'javascript' is not http or https",
    "records.jsonl:18": "'0001-01-01' is a real date but outside the years kg dates",
    "records.jsonl:19": "decoded as cp1252",
}
BIG = "big.txt"  # made in tmp_path, over LIMIT

ARTICLES = """
SELECT ?source ?id ?title ?text ?date ?url WHERE {
  ?a a dip:Article ; dcterms:source ?source ; schema:identifier ?id ; nif:isString ?text .
  OPTIONAL { ?a schema:headline ?title } OPTIONAL { ?a schema:datePublished ?date }
  OPTIONAL { ?a schema:url ?url }
}"""


def run_kg(*args: object, cwd: Path, env: dict[str, str] | None = None,
           timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, env=kg_env(env),
                          capture_output=True, text=True, timeout=timeout)


def kg_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without the caller's KG_* settings (cwd is a tmp dir: no kg.toml)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return {**env, **(extra or {})}


def source(key: str, big: Path | None = None) -> str:
    """dcterms:source / the error location of a GOOD/FAILED/WARNED key."""
    return str(big) if key == BIG else f"{BAD}/{key}"


def stderr_lines(stderr: str) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
    """(errors by location, warnings by location, other lines) of `kg build` stderr."""
    errors: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    other = []
    for line in stderr.splitlines():
        where, sep, message = line.removeprefix("kg: ").partition(": ")
        if not line.startswith("kg: ") or not sep:
            other.append(line)
        elif message.startswith("warning: "):
            warnings.setdefault(where, []).append(message)
        else:
            errors.setdefault(where, []).append(message)
    return errors, warnings, other


def articles(store: Store) -> dict[str, dict[str, str]]:
    """The store's articles by dcterms:source (file, or file:line), one article per source."""
    rows = store.select(ARTICLES)
    by_source = {row["source"]: row for row in rows}
    assert len(by_source) == len(rows), "two articles from one source"
    return by_source


def sorted_nquads(path: Path) -> list[bytes]:
    store = Store(path, read_only=True)
    assert not any(isinstance(term, ox.BlankNode) for quad in store.quads()
                   for term in (quad.subject, quad.object)), "blank nodes: compare canonical forms"
    return sorted(dumps(store, "nq").splitlines())


# --- the bad corpus -------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / BIG
    path.write_text("Envoys met in Vienna on January 13, 2022 to discuss grain shipments. " * 800,
                    encoding="utf-8")
    assert path.stat().st_size > LIMIT
    return path


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory, big_file: Path):
    tmp = tmp_path_factory.mktemp("cli")
    result = run_kg("build", BAD, big_file, "--store", tmp / "store", "--no-kb", cwd=tmp,
                    env={"KG_MAX_ARTICLE_BYTES": str(LIMIT)})
    return result, tmp / "store"


def test_cli_builds_the_good_and_reports_the_bad(cli_run, big_file: Path) -> None:
    result, _ = cli_run
    assert "Traceback" not in result.stderr
    assert result.returncode == 3, result.stderr  # EXIT_PARTIAL: finished, some inputs failed
    assert result.stdout.startswith(f"built {len(GOOD)} articles, {len(FAILED) + 1} failed:")
    errors, warnings, other = stderr_lines(result.stderr)
    assert other == []
    expected = {source(k, big_file): [m] for k, m in {**FAILED, BIG: "over the limit"}.items()}
    assert {k: len(v) for k, v in errors.items()} == {k: 1 for k in expected}  # each one once
    for where, [fragment] in expected.items():
        assert fragment in errors[where][0], (where, errors[where])
    assert "50,000 bytes" in errors[str(big_file)][0]
    assert "KG_MAX_ARTICLE_BYTES" in errors[str(big_file)][0]
    assert set(warnings) == {source(k) for k in WARNED}
    for key, fragment in WARNED.items():
        assert any(fragment in w for w in warnings[source(key)]), (key, warnings[source(key)])


def test_cli_store_holds_every_good_article_and_nothing_else(cli_run) -> None:
    _, path = cli_run
    store = Store(path, read_only=True)
    found = articles(store)
    assert {where: row.get("title") for where, row in found.items()} == {
        source(k): title for k, title in GOOD.items()}
    assert b"LEAK" not in dumps(store, "nq")  # no script, iframe, handler or javascript: url
    raw = {name: (BAD / name).read_bytes() for name in ("cp1252.txt", "latin1.txt", "utf16.txt")}
    assert found[source("cp1252.txt")]["text"] == raw["cp1252.txt"].decode("cp1252")
    assert found[source("latin1.txt")]["text"] == raw["latin1.txt"].decode("latin-1")
    assert found[source("utf16.txt")]["text"] == raw["utf16.txt"].decode("utf-16")
    page = found[source("good_page.html")]["text"]
    assert "met in Prague on May 10, 2022" in page and "further talks would follow" in page
    by_id = {row["id"]: row for row in found.values()}
    assert by_id["bad-corpus-1"]["url"] == "https://example.org/news/1"
    assert by_id["bad-corpus-12"]["url"] == "https://example.org/news/trade%20talks%20%3Clisbon%3E"
    assert "url" not in by_id["bad-corpus-13"]
    assert by_id["bad-corpus-9"]["date"] == "2022-01-20"  # the impossible date replaced from the text
    assert "date" not in by_id["bad-corpus-10"]
    assert by_id["bad-corpus-11"]["date"] == "2022-03-01"
    assert by_id["bad-corpus-11"]["title"] == "Talks in Helsinki"  # the first one read is kept
    assert by_id["bad-corpus-1"]["title"] == "Ministers meet in Geneva"
    assert by_id["bad-corpus-18"]["date"] == "2022-07-06"


def test_cli_strict_stops_at_the_first_bad_input(tmp_path: Path) -> None:
    result = run_kg("build", BAD / "good_talks.txt", RECORDS, BAD / "empty.txt",
                    "--store", tmp_path / "store", "--no-kb", "--strict", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    errors, _, other = stderr_lines(result.stderr)
    assert other == []
    assert list(errors) == [f"{RECORDS}:2"] and "not valid JSON" in errors[f"{RECORDS}:2"][0]
    assert result.stdout == ""  # no summary: the build stopped


def test_build_api_on_the_bad_corpus(tmp_path: Path, big_file: Path, nlp_kb,
                                     caplog: pytest.LogCaptureFixture) -> None:
    from kg.link import open_kb

    nlp, _ = nlp_kb
    store = Store(tmp_path / "store")
    reported = []
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        summary = build([str(BAD), str(big_file)], store, nlp=nlp, kb=open_kb(store), max_bytes=LIMIT,
                        progress=False, on_error=reported.append)
    assert (summary.articles, summary.failed) == (len(GOOD), len(FAILED) + 1)
    located = {f"{e.source}:{e.line}" if e.line else e.source for e in reported}
    assert located == {source(k, big_file) for k in (*FAILED, BIG)}
    assert {where: row.get("title") for where, row in articles(store).items()} == {
        source(k): title for k, title in GOOD.items()}
    warned = {r.getMessage().split(": warning: ")[0] for r in caplog.records if ": warning: " in r.getMessage()}
    assert warned == {source(k) for k in WARNED}


def test_fixture_files_are_what_make_bad_writes_and_are_documented() -> None:
    spec = importlib.util.spec_from_file_location("make_bad", BAD / "make_bad.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    on_disk = {p.name for p in BAD.iterdir()} - {"README.md", "make_bad.py", "__pycache__", ".gitattributes"}
    assert on_disk == set(module.FILES)
    for name, data in module.FILES.items():
        assert (BAD / name).read_bytes() == data, f"{name}: run python tests/fixtures/bad/make_bad.py"
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    for name in module.FILES:
        assert f"| `{name}` |" in readme, name
    assert {key.split(":")[0] for key in (*GOOD, *FAILED)} == set(module.FILES)  # each one tested


# --- idempotency ----------------------------------------------------------------------

def test_building_twice_gives_the_same_nquads(tmp_path: Path) -> None:
    """Same input, same graph: in a fresh store by a process with another hash seed, and in place."""
    def run(store: str, seed: str) -> list[bytes]:
        result = run_kg("build", SAMPLES, BAD / "good_talks.txt", RECORDS, "--store", tmp_path / store,
                        cwd=tmp_path, env={"PYTHONHASHSEED": seed})
        assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
        return sorted_nquads(tmp_path / store)

    first = run("a", "1")
    assert len(first) > 100_000  # the Wikidata snapshot and the articles
    assert run("b", "2") == first
    assert run("a", "3") == first


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _graph(store: Store, article_id: str) -> set[str]:
    from kg.vocab import article_graph

    return _graph_quads(store, str(article_graph(article_id)))


@pytest.mark.parametrize("rebuild", [False, True], ids=["plain", "rebuild"])
def test_rebuilding_an_article_replaces_its_graph(tmp_path: Path, nlp, rebuild: bool) -> None:
    """A changed article is built again, replacing its graph; an unchanged one stays as it is."""
    v1 = "Talks in Vienna\n\nThe foreign ministers of Austria and Hungary met in Vienna on May 3, 2022."
    v2 = ("Talks moved to Oslo\n\nThe foreign ministers of Norway and Sweden met in Oslo on May 4, "
          "2022, and Poland sent an observer.")
    other = {"id": "other", "text": "Envoys of Spain and Portugal met in Madrid on May 2, 2022."}
    corpus = tmp_path / "in.jsonl"
    store = Store(tmp_path / "store")
    build([str(_jsonl(corpus, [{"id": "r-1", "text": v1}, other]))], store, nlp=nlp, progress=False)
    before_other = _graph(store, "other")
    build([str(_jsonl(corpus, [{"id": "r-1", "text": v2}, other]))], store, nlp=nlp, progress=False,
          rebuild=rebuild)
    assert {row["id"]: row["text"] for row in articles(store).values()} == {"r-1": v2, "other": other["text"]}
    assert _graph(store, "other") == before_other
    fresh = Store(tmp_path / "fresh")
    build([str(corpus)], fresh, nlp=nlp, progress=False)
    assert _graph(store, "r-1") == _graph(fresh, "r-1")  # nothing of v1 is left
    assert not any("Vienna" in quad or "Hungary" in quad for quad in _graph(store, "r-1"))
    assert len(store) == len(fresh)


def test_rebuilding_an_edited_txt_file_replaces_its_article(tmp_path: Path, nlp) -> None:
    path = tmp_path / "talks.txt"
    store = Store(tmp_path / "store")
    path.write_text("Talks in Vienna\n\nEnvoys of Austria and Hungary met in Vienna on May 3, 2022.\n")
    build([str(path)], store, nlp=nlp, progress=False)
    path.write_text("Talks in Vienna\n\nEnvoys of Austria and Slovakia met in Vienna on May 3, 2022.\n")
    build([str(path)], store, nlp=nlp, progress=False)
    assert [row["text"] for row in store.select(ARTICLES)] == [path.read_text()]


# --- crash safety ---------------------------------------------------------------------

COUNTRIES = ("France", "Germany", "Poland", "Spain", "Italy", "Austria", "Hungary", "Norway", "Sweden",
             "Finland", "Estonia", "Latvia", "Greece", "Portugal", "Ireland", "Japan", "Canada", "Brazil",
             "India", "Turkey")
CITIES = ("Vienna", "Geneva", "Brussels", "Oslo", "Helsinki", "Lisbon", "Madrid", "Rome", "Prague",
          "Warsaw", "Athens", "Dublin", "Tokyo", "Ottawa")
TOPICS = ("grain shipments", "energy supplies", "a prisoner exchange", "border crossings",
          "fishing rights", "visa rules", "a trade agreement", "sanctions")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November")
CRASH_ARTICLES = 240
CRASH_BATCH = 4
KILL_AFTER = 8 * CRASH_BATCH  # article graphs in the store when the build is killed


def synthetic_article(i: int) -> tuple[str, str]:
    """(title, text) of synthetic article ``i``: distinct text (so a distinct hash id), dated."""
    a, b = COUNTRIES[i % 20], COUNTRIES[(i * 7 + 3) % 20]
    b = COUNTRIES[(i + 1) % 20] if a == b else b
    city, topic = CITIES[i % len(CITIES)], TOPICS[i % len(TOPICS)]
    title = f"Talks on {topic} in {city} ({i})"
    return title, (
        f"{title}\n\nThe foreign ministers of {a} and {b} met in {city} on {MONTHS[i % 11]} "
        f"{1 + i % 28}, 20{10 + i % 12} to discuss {topic}. The talks ended without a joint statement, "
        f"officials said. {a} accused {b} of delaying the negotiations, while the ministry in {b} said "
        f"a second round would follow in {CITIES[(i + 3) % len(CITIES)]}. It was meeting {i} of the series.\n")


def write_corpus(root: Path, n: int) -> Path:
    """n articles: the odd ones as .txt files (hash ids), the even ones as JSONL lines (given ids)."""
    root.mkdir(parents=True)
    lines = []
    for i in range(n):
        title, text = synthetic_article(i)
        if i % 2:
            (root / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
        else:
            lines.append(json.dumps({"id": f"crash-{i}", "title": title, "text": text}))
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def article_graph_count(path: Path) -> int:
    try:
        store = ox.Store.read_only(str(path))
    except (OSError, RuntimeError):
        return 0  # not created yet, or being created
    return sum(1 for g in store.named_graphs() if "/graph/article/" in g.value)


def test_killed_build_leaves_whole_graphs_and_a_rebuild_completes_it(tmp_path: Path, nlp) -> None:
    corpus = write_corpus(tmp_path / "corpus", CRASH_ARTICLES)
    clean = Store(tmp_path / "clean")
    summary = build([str(corpus)], clean, nlp=nlp, batch_size=CRASH_BATCH, progress=False)
    assert (summary.articles, summary.failed) == (CRASH_ARTICLES, 0)
    expected = {g: _graph_quads(clean, g) for g in clean.graphs()}
    del clean

    path = tmp_path / "store"
    with open(tmp_path / "stderr", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(path),
                                 "--no-kb", "--batch-size", str(CRASH_BATCH)],
                                cwd=tmp_path, env=kg_env(), stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 300
            while article_graph_count(path) < KILL_AFTER and proc.poll() is None:
                assert time.monotonic() < deadline, "the build made no progress"
                time.sleep(0.05)
            assert proc.poll() is None, "the build ended before it could be killed: make the corpus bigger"
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    store = Store(path)  # opens after the kill (read-write: the lock is free, the log replayed)
    present = [g for g in store.graphs() if "/graph/article/" in g]
    assert KILL_AFTER <= len(present) < CRASH_ARTICLES
    for graph in store.graphs():  # only whole graphs, each as a clean build writes it
        assert _graph_quads(store, graph) == expected[graph], graph
    assert len(store.select(ARTICLES)) == len(present)  # and queryable
    del store

    result = run_kg("build", corpus, "--store", path, "--no-kb", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    rebuilt = Store(path, read_only=True)
    assert {g: _graph_quads(rebuilt, g) for g in rebuilt.graphs()} == expected  # no duplicates, nothing missing


def _graph_quads(store: Store, graph: str) -> set[str]:
    return {str(t) for t in store.triples(graph)}


def test_max_article_bytes_flag(tmp_path: Path, capsys) -> None:
    from kg.cli import main

    big = tmp_path / "big.txt"
    big.write_text("Talks\n\n" + "Envoys met in Vienna. " * 100)
    code = main(["build", str(big), "--store", str(tmp_path / "store"), "--no-kb", "--max-article-bytes", "500"])
    assert code == 3 and "max_article_bytes" in capsys.readouterr().err
