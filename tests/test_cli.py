"""The command line end to end on the bundled samples: build, query, check in every format, eval."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser

import pytest

from kg.claimreview import bundled_context
from kg.cli import main

from .conftest import SAMPLES, ROOT

GOLD = ROOT / "tests" / "fixtures" / "seeds_gold_conflicts.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    assert main(["build", str(SAMPLES), "--store", str(path)]) == 0
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_persons(store, capsys):
    code, out, _ = _run(capsys, "query", "persons", "--store", str(store), "--format", "csv")
    assert code == 0
    labels = {line.split(",")[1] for line in out.splitlines()[1:]}
    assert {"Antony Blinken", "Barack Obama", "Vladimir Putin"} <= labels


def test_check_text_summarises_and_explains(store, capsys):
    code, out, _ = _run(capsys, "check", "--store", str(store))
    assert code == 0
    assert "14 role claim(s): 12 consistent (a Wikidata statement supports them), 2 in conflict" in out
    assert "[wrong-name] seed-000" in out and "[out-of-term] seed-000" in out
    assert "https://www.wikidata.org/wiki/Q76" in out


def test_check_jsonl_is_the_scored_format(store, capsys):
    code, out, _ = _run(capsys, "check", "--store", str(store), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 2
    for r in records:
        assert {"article", "start", "end", "type", "subject", "position", "claim_date", "surface", "sentence",
                "evidence"} <= set(r)
        assert all({"statement", "value", "start", "end"} <= set(e) for e in r["evidence"])


def test_check_claimreview(store, capsys):
    code, out, _ = _run(capsys, "check", "--store", str(store), "--format", "claimreview")
    doc = json.loads(out)
    assert code == 0 and doc["@context"] == bundled_context()  # inlined: readable offline
    reviews = doc["@graph"]
    assert len(reviews) == 2 and all(r["@type"] == "ClaimReview" for r in reviews)
    for r in reviews:
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert r["author"]["name"] == "kg" and "2022-08-03" in r["author"]["description"]
        assert r["itemReviewed"]["appearance"]["identifier"] == "seed-000"
        assert r["claimReviewed"] and r["reviewBody"]
    # it is valid JSON-LD: rdflib reads it as schema.org triples
    from rdflib import Graph

    g = Graph().parse(data=out, format="json-ld")
    assert len(list(g.subjects(None, None))) > 0


class _Marks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.marks, self._in = [], False
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self._in = tag == "mark" or self._in and False
        if tag == "mark":
            self.marks.append("")
        if tag == "link" or tag == "script" and dict(attrs).get("src"):  # inline filter script is fine
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in = False

    def handle_data(self, data):
        if self._in:
            self.marks[-1] += data


def test_check_html_highlights_the_claims(store, capsys, tmp_path):
    out_file = tmp_path / "report.html"
    code, _, _ = _run(capsys, "check", "--store", str(store), "--format", "html", "-o", str(out_file))
    page = out_file.read_text()
    parser = _Marks()
    parser.feed(page)
    assert code == 0
    assert sorted(parser.marks) == ["President Barack Obama", "Secretary of State John Blinken"]
    assert parser.scripts == 0  # self-contained: no external scripts or stylesheets
    assert "Antony Blinken" in page and "2017-01-20" in page


def test_check_lists_unverifiable_claims(tmp_path, capsys):
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "u1", "title": "", "date": "2022-01-21",
                                    "text": "Foreign Minister Zorblat Quenn said the talks had failed."}) + "\n")
    store = tmp_path / "store"
    code, out, _ = _run(capsys, "check", str(articles), "--store", str(store), "--format", "jsonl", "--unverifiable")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["type"], r["reason"]) for r in records] == [("unverifiable", "person-unknown")]


def test_eval_scores_the_seeds(tmp_path, capsys):
    code, out, _ = _run(capsys, "eval", str(GOLD), str(SAMPLES), "--store", str(tmp_path / "s"))
    assert code == 0
    assert "P=1.000 R=1.000" in out


def test_eval_with_a_missing_gold_file_says_so(tmp_path, capsys):
    code, _, err = _run(capsys, "eval", str(tmp_path / "none.jsonl"), str(SAMPLES), "--store", str(tmp_path / "s"))
    assert code != 0 and "none.jsonl" in err


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed")
def test_html_report_renders_in_headless_chromium(store, capsys, tmp_path):
    import subprocess

    page = tmp_path / "report.html"
    _run(capsys, "check", "--store", str(store), "--format", "html", "-o", str(page))
    shot = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    "--window-size=1200,900", page.as_uri()], check=True, capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000


def test_geneva_talks_are_a_consult_event_in_the_graph(store, capsys, tmp_path):
    query = tmp_path / "geneva.rq"
    query.write_text("""SELECT ?e ?date WHERE { ?e a dip:Consult ; dip:participant wd:Q7821917, wd:Q58217 ;
                        dip:place wd:Q71 ; dip:negated false ; dip:eventDate ?date }""")
    code, out, _ = _run(capsys, "query", str(query), "--store", str(store), "--format", "csv")
    assert code == 0
    assert "2022-01-19" in out  # "On Wednesday, ... held talks in Geneva" (article of 2022-01-21)
    code, out, _ = _run(capsys, "query", "meetings", "--store", str(store), "--format", "csv")
    assert any("Antony Blinken" in line and "Sergey Lavrov" in line for line in out.splitlines())
