"""The live backend against real local servers: ``oxigraph serve`` and a scripted http.server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import SPARQLWrapper

from kg.errors import KbError
from kg.kb import LIVE_CACHE_GRAPH, KnowledgeBase, LiveWikidata, load_snapshot, refresh
from kg.vocab import WIKIDATA_GRAPH

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.skip("the `oxigraph` server binary (PyPI package `oxigraph`) is not installed")
    return found


@pytest.fixture(scope="module")
def wdqs(tmp_path_factory) -> Iterator[str]:
    """A local `oxigraph serve` holding fixtures/wdqs_sample.ttl; yields its query endpoint."""
    binary, location = _oxigraph(), tmp_path_factory.mktemp("wdqs")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(FIXTURES / "wdqs_sample.ttl")],
                   check=True, capture_output=True, timeout=60)
    port = _free_port()
    server = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start on 127.0.0.1:{port}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture()
def spy(monkeypatch) -> list[str]:
    """Endpoints of every SPARQLWrapper request sent."""
    sent: list[str] = []
    original = SPARQLWrapper.SPARQLWrapper.query

    def query(self):
        sent.append(self.endpoint)
        return original(self)

    monkeypatch.setattr(SPARQLWrapper.SPARQLWrapper, "query", query)
    return sent


def test_fetch_answers_in_the_snapshot_model(wdqs, spy):
    client = LiveWikidata(wdqs)
    lines = client.fetch(["Q7821917", "wd:Q183", WD + "Q76"])
    text = "\n".join(lines)
    assert client.requests_sent == len(spy) == 1
    assert '<http://www.wikidata.org/prop/qualifier/P582> "2021-12-31"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    assert '"1955"^^<http://www.w3.org/2001/XMLSchema#gYear>' in text
    assert '"1973-09"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>' in text
    assert '<http://www.wikidata.org/prop/direct/P569> "1962-04-16"^^<http://www.w3.org/2001/XMLSchema#date>' in text
    assert "@fr" not in text and "@de" not in text and "Tony Blinken" not in text
    assert "Q7821917-fx-bad" not in text  # deprecated rank
    assert ("<http://www.wikidata.org/entity/statement/Q7821917-fx-sos> <http://wikiba.se/ontology#rank> "
            "<http://wikiba.se/ontology#NormalRank>") in text  # ranks kept, as the snapshot has them
    assert all(ox.parse(line, format=ox.RdfFormat.N_TRIPLES) for line in lines)


def test_batches(wdqs, spy):
    client = LiveWikidata(wdqs, batch_size=2)
    client.fetch(["Q7821917", "Q183", "Q76"])
    assert client.requests_sent == len(spy) == 2


def test_refresh_replaces_facts_and_caches(wdqs, spy, snapshot_file):
    from kg.store import Store

    store = Store(None)
    load_snapshot(store, snapshot_file)
    before = KnowledgeBase.from_store(store)
    assert [h.person for h in before.holders_on("Q14213", "2022-01-21")] == ["Q7821917"]
    lavrov = before.positions_held("Q58217")

    steps: list[tuple[int, int]] = []
    counts = refresh(store, ["Q7821917", "Q76", "Q183", "Q4115189"], client=LiveWikidata(wdqs, batch_size=3),
                     progress=lambda done, total: steps.append((done, total)))
    assert counts == {"requested": 4, "skipped_cached": 0, "fetched": 4, "missing": 1,
                      "triples": counts["triples"], "requests_sent": 2}
    assert steps == [(3, 4), (4, 4)]
    after = KnowledgeBase.from_store(store)
    assert after.holders_on("Q14213", "2022-01-21") == []  # the changed fact came in
    sos = [h for h in after.positions_held("Q7821917") if h.position == "Q14213"]
    assert [(h.start, h.end, h.statement) for h in sos] == [("2021-01-26", "2021-12-31", WD + "statement/Q7821917-fx-sos")]
    assert len(after.positions_held("Q7821917")) == 3  # old statement nodes replaced, not added to
    assert [(h.start, h.end) for h in after.positions_held("Q76")] == [("2009-01-20", "2017-01-20")]
    un = [m for m in after.memberships("Q183") if m.organization == "Q1065"]
    assert [(m.start, m.start_precision) for m in un] == [("1973-09", "month")]
    assert after.entity("Q183").aliases == ("Deutschland", "Federal Republic of Germany")
    assert after.positions_held("Q58217") == lavrov  # other items untouched
    assert after.snapshot_date == "2022-08-03"
    kb_statements = store.query("ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), 'Q7821917-kb-')) }",
                                default_graph=[WIKIDATA_GRAPH])
    assert not bool(kb_statements)
    # the refreshed statement has its rank and WDQS's value nodes, like the snapshot's
    ends = store.query(f"""SELECT ?rank ?time ?precision WHERE {{
        <{WD}statement/Q7821917-fx-sos> <http://wikiba.se/ontology#rank> ?rank ;
        <http://www.wikidata.org/prop/qualifier/value/P582> ?v .
        ?v <http://wikiba.se/ontology#timeValue> ?time ; <http://wikiba.se/ontology#timePrecision> ?precision }}""",
                       default_graph=[WIKIDATA_GRAPH])
    assert [(r["rank"].value.rsplit("#")[1], r["time"].value, r["precision"].value) for r in ends] == [
        ("NormalRank", "2021-12-31T00:00:00Z", "11")]
    cache = {q.subject.value for q in store.quads(graph=LIVE_CACHE_GRAPH)}
    assert cache == {WD + "Q7821917", WD + "Q76", WD + "Q183"}  # the missing item is not cached

    spy.clear()
    again = refresh(store, ["Q7821917", "Q76", "Q183"], endpoint=wdqs)
    assert again["requests_sent"] == 0 and again["skipped_cached"] == 3 and spy == []
    forced = refresh(store, ["Q7821917"], endpoint=wdqs, force=True)
    assert forced["requests_sent"] == 1 == len(spy) and forced["fetched"] == 1


def test_bad_qids_are_kb_errors():
    with pytest.raises(KbError, match="not a Wikidata item id"):
        LiveWikidata("http://127.0.0.1:9/query").fetch(["Blinken"])


class Scripted(BaseHTTPRequestHandler):
    """Answers each POST with the next (status, headers, body) of ``script``; records requests."""

    script: list[tuple[int, dict[str, str], bytes]] = []
    seen: list[dict[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        type(self).seen.append({"user-agent": self.headers.get("User-Agent", ""),
                                "accept": self.headers.get("Accept", ""), "query": form.get("query", [""])[0]})
        status, headers, body = type(self).script.pop(0) if type(self).script else (500, {}, b"script ended")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def scripted() -> Iterator[tuple[str, type[Scripted]]]:
    handler = type("Handler", (Scripted,), {"script": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


TURTLE = (200, {"Content-Type": "text/turtle"},
          b'<http://www.wikidata.org/entity/Q76> <http://www.w3.org/2000/01/rdf-schema#label> "Barack Obama"@en .\n')


def test_429_is_retried_after_retry_after(scripted):
    endpoint, handler = scripted
    handler.script[:] = [(429, {"Retry-After": "3"}, b"slow down"), TURTLE]
    waits: list[float] = []
    client = LiveWikidata(endpoint, sleep=waits.append)
    assert client.fetch(["Q76"]) == [
        '<http://www.wikidata.org/entity/Q76> <http://www.w3.org/2000/01/rdf-schema#label> "Barack Obama"@en .']
    assert waits == [3.0] and client.requests_sent == 2 == len(handler.seen)
    agent = handler.seen[0]["user-agent"]
    assert agent.startswith("kg/") and "https://w3id.org/kg-diplomacy" in agent
    assert "text/turtle" in handler.seen[0]["accept"]
    assert f"<{WD}Q76>" in handler.seen[0]["query"] and "CONSTRUCT" in handler.seen[0]["query"]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_backs_off_exponentially_then_fails_naming_the_endpoint(scripted, status):
    endpoint, handler = scripted
    handler.script[:] = [(status, {}, b"down")] * 3
    waits: list[float] = []
    client = LiveWikidata(endpoint, max_retries=2, backoff=0.5, sleep=waits.append)
    with pytest.raises(KbError, match=f"{endpoint}.*HTTP {status} 3 times"):
        client.fetch(["Q76"])
    assert waits == [0.5, 1.0] and len(handler.seen) == 3


def test_a_5xx_then_success_recovers(scripted):
    endpoint, handler = scripted
    handler.script[:] = [(503, {}, b"down"), TURTLE]
    client = LiveWikidata(endpoint, sleep=lambda s: None)
    assert len(client.fetch(["Q76"])) == 1 and client.requests_sent == 2


@pytest.mark.parametrize(("script", "message"), [
    ([(404, {}, b"no")], "refused the query"),
    ([(403, {}, b"no")], "HTTP 403"),
    ([(429, {"Retry-After": "3600"}, b"later")], "asks to wait 3600 s"),
    ([(200, {"Content-Type": "text/turtle"}, b"this is not turtle")], "does not parse"),
])
def test_unrecoverable_answers_are_kb_errors(scripted, script, message):
    endpoint, handler = scripted
    handler.script[:] = script
    with pytest.raises(KbError, match=message):
        LiveWikidata(endpoint, sleep=lambda s: None).fetch(["Q76"])
    assert len(handler.seen) == 1


def test_an_unreachable_endpoint_is_a_kb_error():
    endpoint = f"http://127.0.0.1:{_free_port()}/sparql"
    with pytest.raises(KbError, match=f"cannot reach {endpoint}"):
        LiveWikidata(endpoint, timeout=2).fetch(["Q76"])


def _article_with(store, article: str, mentions: list[tuple[str, str | None]]) -> None:
    """An article graph holding person mentions (name, Wikidata link or None)."""
    from kg.vocab import DIP, ITSRDF, NIF

    g = ox.NamedNode(article + "#graph")
    quads = []
    for n, (name, link) in enumerate(mentions):
        m = ox.NamedNode(f"{article}/mention/{n}")
        quads.append(ox.Quad(m, ox.NamedNode(str(ITSRDF.taClassRef)), ox.NamedNode(str(DIP.Person)), g))
        quads.append(ox.Quad(m, ox.NamedNode(str(NIF.anchorOf)), ox.Literal(name), g))
        quads.append(ox.Quad(m, ox.NamedNode(str(DIP.inArticle)), ox.NamedNode(article), g))
        if link:
            quads.append(ox.Quad(m, ox.NamedNode(str(ITSRDF.taIdentRef)), ox.NamedNode(link), g))
    store.add_quads(quads)


def test_refresh_looks_up_names_the_kb_does_not_know(wdqs, spy):
    from kg.kb.lookup import refresh_unknown, unknown_names
    from kg.store import Store

    store = Store(None)
    _article_with(store, "urn:x:article/1", [("Antony John Blinken", None), ("Barack Obama", WD + "Q76")])
    _article_with(store, "urn:x:article/2", [("Tony Blinken", None)])  # a German alias only: no exact English match
    assert set(unknown_names(store)) == {"Antony John Blinken", "Tony Blinken"}
    result = refresh_unknown(store, LiveWikidata(wdqs, batch_size=1))
    assert result["names"] == 2 and result["names_found"] == 1 and result["items"] == 1
    assert result["articles"] == ["urn:x:article/1"]
    assert result["refresh"]["fetched"] == 1
    after = KnowledgeBase.from_store(store)
    assert [e.qid for e in after.candidates("Antony John Blinken")] == ["Q7821917"]
    from kg.kb import sources

    assert [s.kind for s in sources.sources(store)] == ["wdqs"]

    spy.clear()
    again = refresh_unknown(store, LiveWikidata(wdqs))
    assert spy == [] and again["names_found"] == 0  # every name was asked before: cached


def test_cli_refresh_relinks_and_rechecks_the_articles_naming_unknown_people(wdqs, tmp_path, nlp_kb, capsys):
    import json

    from kg.build import build
    from kg.cli import main
    from kg.link import open_kb
    from kg.store import Store

    nlp, _ = nlp_kb
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "n1", "title": "Visit", "date": "2022-03-01",
                                    "text": "Jorunn Examplesdottir arrived in Oslo on Monday."}) + "\n", encoding="utf-8")
    path = tmp_path / "store"
    store = Store(path)
    build([str(articles)], store, nlp=nlp, kb=open_kb(store), progress=False)

    def links():
        return {r["e"] for r in store.select("SELECT ?e WHERE { ?m nif:anchorOf 'Jorunn Examplesdottir' ; "
                                             "itsrdf:taIdentRef ?e }")}

    assert len(links()) == 1 and not {e for e in links() if e.startswith(WD)}  # not in the KB: a local IRI
    store.flush()
    del store
    assert main(["kb", "--store", str(path), "refresh", "--endpoint", wdqs]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["unknown"]["names_found"] >= 1 and counts["rechecked"]["articles"] == 1
    store = Store(path)
    assert links() == {WD + "Q999000001"}
