"""SERVICE and LOAD are refused on the tokens, however they are written, and nothing is fetched.

Every case sends the query or update to a live `kg serve` app (on-disk store: worker
processes; in-memory store: threads) and asserts that a local HTTP listener (127.0.0.1,
free port, started here) received nothing.  For the cases the engine itself would run,
a control first shows that pyoxigraph, unscreened, *does* fetch the listener's URL -- so
each case is a real bypass of a text screen, not a query that could never reach out.
"""

from __future__ import annotations

import http.server as http_server
import threading

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.sparql_screen import Refused, check_complexity, check_remote_access, complexity, operator_tokens, tokens
from kg.store import QUERY_PREFIXES, Store
from tests.test_server import GRAPHS, TOKEN, _count, running


class Listener:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http_server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _fresh_hits(listener):
    listener.hits.clear()


def engine_fetches(text: str, listener: Listener, update: bool = False) -> bool:
    """Whether pyoxigraph itself, unscreened, sends a request to the listener for ``text``."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")))
    before = len(listener.hits)
    try:
        if update:
            store.update(text, prefixes=QUERY_PREFIXES)
        else:
            result = store.query(text, prefixes=QUERY_PREFIXES)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return len(listener.hits) > before


GROUP = "{ ?s ?p ?o }"

#: (query with U for the listener's URL, whether pyoxigraph unscreened fetches it)
QUERIES = [
    ("SELECT * WHERE { #x\rSERVICE <U> " + GROUP + " }", True),  # the reported bypass: a comment ends at CR
    ("SELECT * WHERE { # x\r\nSERVICE <U> " + GROUP + " }", True),
    ("SELECT * WHERE { ?s ?p ?o . SERVICE\r<U> " + GROUP + " }", True),
    ("SELECT * WHERE { ?s ?p ?o . sErViCe\t<U> " + GROUP + " }", True),
    ("SELECT * WHERE { SERVICE SILENT <U> " + GROUP + " }", True),
    ("PREFIX x: <U> SELECT * WHERE { SERVICEx: " + GROUP + " }", True),  # the engine reads SERVICE x:
    ("PREFIX x: <U> SELECT * WHERE { SERVICESILENTx: " + GROUP + " }", True),
    ("PREFIX : <U> SELECT * WHERE { SERVICE: " + GROUP + " }", True),
    ("SELECT * WHERE { ?s ?p trueSERVICE<U>" + GROUP + " }", False),  # refused: a keyword may hide in a word
    ("SELECT * WHERE { SERVICE <U_ESCAPED> " + GROUP + " }", True),  # \u003A inside the IRI
    ("SELECT * WHERE { FILTER EXISTS { SERVICE <U> " + GROUP + " } }", True),
    ("SELECT * WHERE { { SELECT * WHERE { SERVICE <U> " + GROUP + " } } }", True),
    ("SELECT * WHERE { BIND(wd:a\\#b AS ?z) SERVICE <U> " + GROUP + " }", True),  # \# is part of the name, not a comment
    ("SELECT * WHERE { BIND(wd:a\\'b AS ?z) SERVICE <U> " + GROUP + " } #'", True),  # \' too: no string starts
    ("SELECT * WHERE { ?s ?p 'a\\u0027 . SERVICE <U> " + GROUP + " } #' }", False),  # one string for the engine
    ("SELECT * WHERE { \\u0053ERVICE <U> " + GROUP + " }", False),  # SPARQL 19.2 allows it; the engine does not (yet)
    ("PREFIX wikibase: <U> SELECT * WHERE { SERVICE wikibase:label { bd:serviceParam wikibase:language 'en' } }", True),
    ("SELECT * WHERE { SERVICE <U#label> " + GROUP + " }", True),
]

UPDATES = [
    ("#\rLOAD <U>", True),
    ("# comment\r\nlOaD <U> INTO GRAPH <http://example.org/g>", True),
    ("PREFIX : <U> LOAD:", True),
    ("PREFIX x: <U> LOADx:", True),
    ("LOAD SILENT <U>", True),
    ("\\u004cOAD <U>", False),
    ("INSERT { ?s ?p ?o } WHERE { #\rSERVICE <U> " + GROUP + " }", True),
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' } ;\rLOAD <U>", True),
    ("PREFIX wikibase: <http://wikiba.se/ontology#> INSERT { ?s ?p ?o } WHERE { SERVICE wikibase:label " + GROUP + " }",
     False),
]


def _fill(text: str, listener: Listener) -> str:
    """U stands for the listener's URL (U_ESCAPED: with its first ':' as \\u003A)."""
    escaped = listener.url.replace(":", "\\u003A", 1)
    return text.replace("<U_ESCAPED>", f"<{escaped}>").replace("<U>", f"<{listener.url}>").replace(
        "<U#", f"<{listener.url}#").replace("<U\\u0061>", f"<{listener.url}\\u0061>")


@pytest.fixture(scope="module")
def disk_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "store"
    store = Store(path)
    store.replace_graphs(GRAPHS)
    store.flush()
    del store
    with running(Store(path, read_only=True)) as base:
        yield base


@pytest.fixture(scope="module")
def memory_update_server():
    store = Store(None)
    store.replace_graphs(GRAPHS)
    with running(store, allow_update=True, token=TOKEN, max_body_bytes=10_000_000) as base:
        yield base


@pytest.fixture()
def http():
    with httpx.Client(trust_env=False, timeout=30) as client:
        yield client


@pytest.mark.parametrize("query, live", QUERIES)
def test_service_refused_and_nothing_fetched(query, live, listener, disk_server, memory_update_server, http):
    text = _fill(query, listener)
    if live:
        assert engine_fetches(text, listener), "control: the unscreened engine should fetch this one"
        listener.hits.clear()
    for base in (disk_server, memory_update_server):
        response = http.post(base + "/sparql", data={"query": text})
        assert response.status_code == 400, response.text
        assert "SERVICE" in response.json()["error"]
    assert listener.hits == []


@pytest.mark.parametrize("update, live", UPDATES)
def test_load_refused_and_nothing_fetched(update, live, listener, memory_update_server, http):
    text = _fill(update, listener)
    if live:
        assert engine_fetches(text, listener, update=True), "control: the unscreened engine should fetch this one"
        listener.hits.clear()
    response = http.post(memory_update_server + "/sparql", data={"update": text},
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400, response.text
    assert listener.hits == []


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE <U> { }" }',
    "SELECT * WHERE { ?s ?p '''\nLOAD <U>\n''' }",
    "SELECT ?service ?load WHERE { ?service dip:load ?load } # SERVICE <U> {}",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> _:load }",
    'SELECT * WHERE { ?s ?p "a\\" SERVICE <U> { ?s ?p ?o } #" }',
    'SELECT * WHERE { ?s ?p "x"@service }',
])
def test_the_words_in_strings_iris_names_and_comments_pass(query, listener, disk_server, http):
    response = http.post(disk_server + "/sparql", data={"query": _fill(query, listener)})
    assert response.status_code == 200, response.text
    assert listener.hits == []


def test_nesting_hidden_behind_a_carriage_return_is_refused(disk_server, memory_update_server, http):
    query = "SELECT * WHERE { #x\r" + "{" * 3000 + " ?s ?p ?o " + "}" * 3000 + " }"
    for base in (disk_server, memory_update_server):
        response = http.post(base + "/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
        assert response.status_code in (400, 413)
    with running(Store(None), max_body_bytes=10_000_000) as base:
        response = http.post(base + "/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 400 and "nested" in response.json()["error"]
        assert http.get(base + "/sparql", params={"query": "ASK {}"}).status_code == 200


def test_typed_literals_are_not_operators(memory_update_server, http):
    # kg push --protocol update sends INSERT DATA like this; ^^ used to count as two operators
    triples = "\n".join(f'<http://example.org/n{i}> <http://example.org/v> "{i}"^^<http://www.w3.org/2001/XMLSchema#integer> .'
                        for i in range(2339))
    text = f"INSERT DATA {{ GRAPH <http://example.org/graph/typed> {{\n{triples}\n}} }}"
    assert complexity(tokens(text)) == (2, 0)
    response = http.post(memory_update_server + "/sparql", content=text.encode(),
                         headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204, response.text
    count = http.get(memory_update_server + "/sparql", params={
        "query": "SELECT * WHERE { GRAPH <http://example.org/graph/typed> { ?s ?p ?o } }"})
    assert _count(count) == 1000  # max_results of the test settings: truncated, so at least that many
    assert count.headers["x-kg-truncated"] == "true"


def test_operator_chains_are_counted_on_tokens():
    with pytest.raises(Refused, match="operators"):
        check_complexity("SELECT * WHERE { ?s ?p ?o FILTER(" + " && ".join(["?o"] * 1001) + ") }")
    check_complexity("SELECT * WHERE { ?s ?p '" + "&&" * 5000 + "' }")  # inside a string: not operators


def test_a_text_without_either_word_is_not_lexed_for_remote_access(monkeypatch):
    """The screen ran on every query in the server process: a text that holds neither SERVICE nor LOAD
    in any case (the common one) is passed without lexing its readings."""
    from kg import sparql_screen

    lexed = []
    real = sparql_screen.tokens
    monkeypatch.setattr(sparql_screen, "tokens", lambda text, **kw: lexed.append(text) or real(text, **kw))
    check_remote_access("PREFIX x: <http://example.org/> SELECT * WHERE { ?s x:p\\u0041 'x\\'' }", QUERY_PREFIXES)
    assert lexed == []
    with pytest.raises(Refused):
        check_remote_access("SELECT * WHERE { sErViCe <http://example.org/> { ?s ?p ?o } }", QUERY_PREFIXES)
    assert lexed


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { \u017fervice <http://example.org/> { ?s ?p ?o } }",  # long s: upper-cases to S
    "SELECT * WHERE { ?s ?p ?o } ; \u017fERVICE",
    "PREFIX \u017fervicex: <http://example.org/> SELECT * WHERE { ?s \u017fervicex:p ?o }",
])
def test_a_keyword_that_only_upper_casing_spells_is_refused(query):
    with pytest.raises(Refused):
        check_remote_access(query, QUERY_PREFIXES)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "(", ")", "[", "]", "<<", ">>", "<<(", ")>>", "{|", "|}", "&&", "||", "|",
                                 "/", "^", "^^", "+", "*", "<", ">", "=", "!=", "<=", ">=", "-", "!", "union", "Optional",
                                 "MINUS", "filter", "bind", "VALUES", "\u017f", "?x", "x:a", "'", '"', "#", "\n", " ",
                                 "<http://e/>", "1", ".", ";"]), max_size=40).map("".join))
def test_the_complexity_bound_is_never_below_the_lexed_complexity(text):
    from kg.sparql_screen import complexity_bound

    bound, exact = complexity_bound(text), complexity(tokens(text))
    assert bound[0] >= exact[0] and bound[1] >= exact[1], (text, bound, exact)
    other = operator_tokens(text)  # the reading where a '<' after an operand is an operator: bounded too
    if other is not None:
        exact = complexity(other)
        assert bound[0] >= exact[0] and bound[1] >= exact[1], (text, other, bound, exact)


def test_nesting_hidden_in_a_less_than_inside_an_expression_is_refused():
    """``?a<((...2))&&true>`` lexes as one IRI, but the engine reads ``<`` as less than and nests 5,000 levels
    (which overflows its stack); the same characters as a real IRI of a triple pattern are one term."""
    deep = "(" * 5000 + "2" + ")" * 5000
    with pytest.raises(Refused, match="levels deep"):
        check_complexity("SELECT * WHERE { ?s ?p ?o FILTER(?a<" + deep + "&&true>false) }")
    with pytest.raises(Refused, match="operators"):
        check_complexity("SELECT * WHERE { ?s ?p ?o FILTER(?a<" + "&&".join(["1"] * 1100) + ">false) }")
    check_complexity("SELECT * WHERE { ?s <http://e/" + deep + "> ?o }")
    check_complexity("SELECT * WHERE { ?s ?p ?o FILTER(?o = <http://e/a(b)#c>) }")


def test_iris_where_an_expression_takes_an_operand_stay_iris():
    """Only a '<' right after an operand may be the operator: a long IN list of IRIs, typed literals and
    comparisons with an IRI are read once, as IRIs (no second reading, nothing refused)."""
    iris = ", ".join(f"<http://example.org/a/b/c/{i}#x>" for i in range(2000))
    text = f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o IN ({iris})) FILTER(?o != \"1\"^^<http://www.w3.org/2001/XMLSchema#int>) }}"
    assert operator_tokens(text) is None
    check_complexity(text)
    assert operator_tokens("SELECT * { ?s ?p ?o FILTER(?o<?p&&?p>1) }") is not None  # compact: read both ways
    check_complexity("SELECT * { ?s ?p ?o FILTER(?o<?p&&?p>1) }")


def test_a_query_far_below_the_limits_is_not_lexed_for_complexity(monkeypatch):
    from kg import sparql_screen

    lexed = []
    real = sparql_screen.tokens
    monkeypatch.setattr(sparql_screen, "tokens", lambda text, **kw: lexed.append(text) or real(text, **kw))
    check_complexity("SELECT * WHERE { ?s ?p ?o FILTER(?o > 1 && ?o < 9) } LIMIT 3")
    assert lexed == []
    check_complexity("SELECT * WHERE { ?s ?p '" + "{" * 100 + "' }")  # over the bound: lexed, and it passes
    assert lexed
    with pytest.raises(Refused, match="levels deep"):
        check_complexity("SELECT * WHERE " + "{ " * 65 + "?s ?p ?o" + " }" * 65)


def test_workers_have_no_network(listener):
    """The second wall: a worker process cannot reach any host, even 127.0.0.1."""
    import subprocess
    import sys

    code = ("import urllib.request, sys\nfrom kg.query_workers import drop_network\n"
            "if not drop_network(): sys.exit(3)\n"
            f"try:\n    urllib.request.urlopen({listener.url!r}, timeout=5)\nexcept OSError:\n    sys.exit(0)\nsys.exit(1)\n")
    result = subprocess.run([sys.executable, "-c", code], timeout=60)
    if result.returncode == 3:
        pytest.skip("this kernel refuses unprivileged user namespaces")
    assert result.returncode == 0
    assert listener.hits == []


# -- fuzzing the placements ----------------------------------------------------------------------------------

SEPARATORS = st.sampled_from([" ", "\t", "\r", "\n", "\r\n", "#c\r", "#c\n", "# x \r\n", "", "  #\r", "\f"])
KEYWORD = st.builds(lambda word, flips: "".join(c.lower() if f else c for c, f in zip(word, flips)),
                    st.sampled_from(["SERVICE", "SERVICE SILENT", "SERVICESILENT"]),
                    st.lists(st.booleans(), min_size=14, max_size=14))
TARGET = st.sampled_from(["<U>", "x:", ":", "x:a", "<U\\u0061>"])
PREFIX_JUNK = st.sampled_from(["", "?s ?p ?o .", "?s ?p true", "?s dip:a\\#b ?o", "?s ?p 'q'", 'FILTER(1<2&&3>2)',
                               "?s ?p ?o FILTER(?o != '#')", "OPTIONAL{?s ?p ?o}", "BIND(1 AS ?z)"])
JUNK = st.text(alphabet="\"'#<>\\{}\r\n ?:.xu0", max_size=6)


@st.composite
def federated(draw):
    head = "PREFIX x: <U> PREFIX : <U> SELECT * WHERE {"
    body = draw(PREFIX_JUNK) + draw(SEPARATORS) + draw(JUNK) + draw(SEPARATORS) + draw(KEYWORD) + draw(SEPARATORS)
    return head + body + draw(TARGET) + draw(SEPARATORS) + "{ ?s ?p ?o }" + draw(JUNK) + " }"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(federated())
def test_fuzz_no_placement_reaches_the_listener(listener, text):
    text = _fill(text, listener)
    try:
        check_remote_access(text, QUERY_PREFIXES)
    except Refused:
        return
    assert not engine_fetches(text, listener), f"the screen let through a query the engine federates: {text!r}"


def test_every_bundled_query_passes_the_screen():
    from pathlib import Path

    from kg.sparql_screen import screen

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "queries").rglob("*.rq"))
    assert files
    for path in files:
        screen(path.read_text(encoding="utf-8"), QUERY_PREFIXES)  # no false refusal of kg's own queries
