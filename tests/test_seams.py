"""The seam to the RDF engine: kg/store.py is the only module that holds pyoxigraph's store object.

Every other module reads and writes through ``kg.store.Store`` (``query``/``select`` by text or by the
name of a ``queries/`` file, ``update``, ``replace_graph``, ``add_graph``, ``drop_graph``,
``contains_graph``, ``triples``/``quads``, ``load``, ``dump``).  The tests below pin that surface:
one update per graph swap, bindings bound by the engine (or, for a variable a SELECT does not
project, in the outermost WHERE group found by lexing), and read-only stores that refuse writes.
"""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import QueryError, StoreError
from kg.sparql_bind import bind_update, bind_values, where_group
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

#: Modules besides kg/store.py that import pyoxigraph, and why: for RDF terms, formats and parsing,
#: never to open, read or write kg's store.
PYOXIGRAPH_USERS = {
    "kg/cli/query.py": "kg query prints the engine's results in its result formats (QueryResultsFormat, serialize)",
    "kg/server_routes.py": "parses Graph Store request bodies and serves the ontology in the requested RDF format",
    "kg/sparql_protocol.py": "serialises results and graphs in the negotiated formats (RdfFormat, terms)",
    "kg/shapes.py": "copies one graph into a throwaway in-memory pyoxigraph store for pyshacl",
    "kg/kb/inputs.py": "parses the Wikidata slice into triples when building the snapshot",
    "kg/kb/live.py": "parses the endpoint's RDF and writes terms of the fetch records",
    "kg/kb/lookup.py": "builds the quads (terms) of the lookup cache",
    "kg/kb/sources.py": "builds the quads (terms) of the per-source fact blobs",
    "kg/kb/wikibase.py": "builds the terms of WDQS's value nodes and ranks (pyoxigraph triples)",
    "kg/sparql_bind.py": "writes terms into query text as the engine reads them (to_ox, serialised terms)",
    "kg/check_evidence.py": "tells a literal from a node among the terms of a claim's quads (claim_row)",
    "kg/store_terms.py": "the store's own term conversions (N-Triples of rdflib terms, graph and pattern terms, "
                         "the stored form of a typed literal)",
}
#: Modules that may create a pyoxigraph ``Store`` of their own (not kg's store).
OWN_ENGINE_STORES = {"kg/store.py", "kg/store_terms.py", "kg/shapes.py"}  # (store_terms: a scratch store)


def _sources(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports_pyoxigraph(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "pyoxigraph" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "pyoxigraph":
            return True
    return False


def test_only_kg_store_uses_the_engine_store_attribute():
    """No ``something.ox`` / ``something._ox`` outside kg/store.py, in kg, the tests or the benchmarks."""
    found = [f"{name}:{node.lineno}" for name, tree in _sources("kg", "tests", "bench") if name != "kg/store.py"
             for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in ("ox", "_ox")]
    assert found == [], "use kg.store.Store's methods (add one there if needed): " + ", ".join(found)


def test_pyoxigraph_is_imported_only_where_listed():
    users = {name for name, tree in _sources("kg") if name != "kg/store.py" and _imports_pyoxigraph(tree)}
    assert users - PYOXIGRAPH_USERS.keys() == set(), "import pyoxigraph only in kg/store.py, or list it with a reason"
    assert PYOXIGRAPH_USERS.keys() - users == set(), "no longer imports pyoxigraph: drop it from the list"


def test_only_kg_store_opens_an_engine_store():
    found = []
    for name, tree in _sources("kg"):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr == "Store" and isinstance(node.value, ast.Name)
                    and node.value.id in ("ox", "pyoxigraph")) or (
                    isinstance(node, ast.ImportFrom) and (node.module or "") == "pyoxigraph"
                    and any(a.name == "Store" for a in node.names)):
                found.append(name)
    assert set(found) <= OWN_ENGINE_STORES, found


def test_the_scan_sees_an_ox_attribute(tmp_path):
    tree = ast.parse("def f(store):\n    return store.ox.query('ASK {}')\n")
    assert [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in ("ox", "_ox")] == ["ox"]
    assert _imports_pyoxigraph(ast.parse("from pyoxigraph import NamedNode"))
    assert not _imports_pyoxigraph(ast.parse("import pyoxigraphs"))


# -- the gateway ---------------------------------------------------------------------------------

G = URIRef("https://example.org/graph/g")
OTHER = URIRef("https://example.org/graph/other")
EX = "https://example.org/"


def _labels(tag: str, n: int):
    return [(URIRef(f"{EX}s{i}"), RDFS.label, Literal(f"{tag}{i}")) for i in range(n)]


def _values(store: Store, graph=G) -> set[str]:
    return {t.object.value for t in store.triples(graph)}


def test_replace_graph_swaps_the_graph(mem_store):
    mem_store.replace_graph(G, _labels("old", 3))
    mem_store.replace_graph(OTHER, _labels("other", 1))
    mem_store.replace_graph(G, _labels("new", 2))
    assert _values(mem_store) == {"new0", "new1"} and _values(mem_store, OTHER) == {"other0"}
    mem_store.replace_graph(G, [])  # nothing: the graph goes
    assert not mem_store.contains_graph(G) and mem_store.contains_graph(OTHER)


def test_replace_graph_is_one_update_a_failure_keeps_the_old_graph(mem_store):
    mem_store.replace_graph(G, _labels("old", 3))
    with pytest.raises(StoreError):
        mem_store.replace_graph(G, b'<https://example.org/s> <https://example.org/p> "broken .\n')
    assert _values(mem_store) == {"old0", "old1", "old2"}  # the DROP did not happen either


def test_replace_graph_readers_see_the_old_graph_or_the_new(mem_store):
    """A reader running while the graph is swapped over and over counts 50 or 80 triples, nothing between."""
    small, big = _labels("a", 50), _labels("b", 80)
    mem_store.replace_graph(G, small)
    seen: set[int] = set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            seen.add(int(mem_store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                          {"g": G})[0]["n"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(60):
            mem_store.replace_graph(G, big if i % 2 == 0 else small)
    finally:
        stop.set()
        reader.join()
    assert seen and seen <= {50, 80}


def test_add_graph_adds_and_keeps(mem_store):
    mem_store.add_graph(G, _labels("a", 2))
    mem_store.add_graph(G, [(URIRef(EX + "s9"), RDFS.label, Literal("b9"))])
    assert _values(mem_store) == {"a0", "a1", "b9"}
    mem_store.add_graph(None, _labels("d", 1))  # None: the default graph
    assert _values(mem_store, None) == {"d0"} and mem_store.graphs() == [str(G)]


def test_drop_graph_and_contains_graph(mem_store):
    assert not mem_store.contains_graph(G) and mem_store.contains_graph(None)  # the default graph always is
    mem_store.add_graph(G, _labels("a", 2))
    mem_store.add_graph(OTHER, _labels("b", 1))
    mem_store.add_graph(None, _labels("d", 1))
    assert mem_store.contains_graph(G) and mem_store.contains_graph(str(G))
    mem_store.drop_graph(G)
    mem_store.drop_graph(G)  # absent: nothing to do
    assert not mem_store.contains_graph(G) and _values(mem_store, OTHER) == {"b0"}
    mem_store.drop_graph(None)  # empties the default graph
    assert _values(mem_store, None) == set() and mem_store.contains_graph(OTHER)
    mem_store.drop_graphs([OTHER, G])
    assert mem_store.graphs() == []
    with pytest.raises(StoreError, match="not a graph IRI"):
        mem_store.drop_graph("not an iri")


def test_quads_add_and_remove(mem_store):
    mem_store.add_graph(G, _labels("a", 3))
    quads = list(mem_store.quads(URIRef(EX + "s1"), None, None, G))
    assert [q.object.value for q in quads] == ["a1"]
    mem_store.remove_quads(quads)
    assert _values(mem_store) == {"a0", "a2"}
    mem_store.add_quads(quads)
    assert _values(mem_store) == {"a0", "a1", "a2"} and len(list(mem_store.quads(graph=OTHER))) == 0


def test_query_by_name_with_bindings(mem_store):
    mem_store.add_graph(G, [(URIRef(EX + "x"), RDFS.label, Literal("Ex")), (URIRef(EX + "y"), RDFS.label, Literal("Why"))])
    # kb/label does not project ?s: bound in its WHERE group
    assert mem_store.select("kb/label", {"s": URIRef(EX + "y")}) == [{"l": "Why"}]
    assert mem_store.select("kb/label", s=URIRef(EX + "x")) == [{"l": "Ex"}]
    with pytest.raises(QueryError):
        mem_store.select("no/such-query")


SUB = ("SELECT ?s ?o { { SELECT ?x WHERE { ?x <https://example.org/p> 'a' } } "
       "?s <https://example.org/p> ?o }")


def _two_subjects(store: Store) -> None:
    store.add_graph(G, [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("a")),
                        (URIRef(EX + "b"), URIRef(EX + "p"), Literal("b"))])


def test_a_binding_is_not_lost_in_a_sub_query(mem_store):
    """The first ``WHERE {`` is the sub-query's: a binding put there binds nothing outside (2 rows);
    the engine binds ?s (1 row)."""
    _two_subjects(mem_store)
    rows = mem_store.select(SUB, {"s": URIRef(EX + "a")})
    assert rows == [{"s": EX + "a", "o": "a"}]
    # the same query with ?s not projected: the VALUES block goes in the outer group, not the sub-query's
    rows = mem_store.select(SUB.replace("SELECT ?s ?o", "SELECT ?o", 1), {"s": URIRef(EX + "a")})
    assert rows == [{"o": "a"}]


def test_values_go_in_the_outermost_where_group():
    outer = "SELECT ?o {"
    text = outer + " { SELECT ?x WHERE { ?x ?p ?o } } ?s ?p ?o }"
    assert text[:where_group(text)] == outer
    bound = bind_values(text, {"s": URIRef(EX + "a")})
    assert bound.startswith(outer + "\n  VALUES (?s) { (<https://example.org/a>) }")
    construct = "# WHERE {\nCONSTRUCT { ?s ?p '}' } WHERE { ?s ?p ?o }"
    assert construct[where_group(construct):] == " ?s ?p ?o }"
    assert where_group("DESCRIBE <https://example.org/a>") is None


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    store.add_graph(G, _labels("a", 1))
    store.flush()
    del store
    ro = Store(path, read_only=True)
    assert _values(ro) == {"a0"} and ro.contains_graph(G)
    with pytest.raises(StoreError, match="read-only"):
        ro.update(f"DROP GRAPH <{G}>")
    with pytest.raises(StoreError, match="read-only"):
        ro.replace_graph(G, _labels("b", 1))
    with pytest.raises(StoreError):
        ro.drop_graph(G)
    with pytest.raises(StoreError):
        ro.add_quads(list(ro.quads(graph=G)))
    assert _values(ro) == {"a0"}
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing", read_only=True)


def test_a_name_never_leaves_the_catalogue(mem_store, tmp_path):
    rq = tmp_path / "x.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    for text in (str(rq), "../queries/persons.rq", "persons.rq"):
        with pytest.raises(QueryError, match="SPARQL syntax error"):
            mem_store.select(text)  # not a name: read as (bad) SPARQL, never as a file
    with pytest.raises(QueryError, match="no query named 'no-such-query'"):
        mem_store.select("no-such-query")
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        mem_store.select("persons", named=False)
    assert mem_store.select("persons") == []


def test_check_iri_and_the_protocol_refuses_a_bad_graph_iri():
    from kg.protocol_request import _iris
    from kg.sparql_protocol import HttpError
    from kg.store import check_iri

    assert check_iri(EX + "a") == EX + "a"
    with pytest.raises(ValueError):
        check_iri("http://a b")
    assert _iris(["g1"], "http://h/", "default-graph-uri") == ["http://h/g1"]
    with pytest.raises(HttpError, match="is not an IRI") as caught:
        _iris(["http://a b"], "http://h/", "default-graph-uri")
    assert caught.value.status == 400


# -- every query in queries/ -----------------------------------------------------------------------

#: String literals in kg/**/*.py that may hold SPARQL, and why: (file, the literal's start) -> reason.
#: kg/store.py is the gateway: the updates it generates (graph swaps) live there, and kg/sparql_bind.py the VALUES lists.
INLINE_SPARQL = {
    ("kg/push.py", "DROP SILENT GRAPH "): "push sends generated updates (graph by graph, batched) to a remote store",
    ("kg/push.py", " ;\nINSERT DATA { GRAPH "): "push: the same generated remote update",
    ("kg/push.py", "INSERT DATA { GRAPH "): "push: the same generated remote update",
    ("kg/push.py", "Virtuoso's SPARQL compiler"): "an error message's hint, not a query",
    ("kg/check_state.py", "SELECT claim, article, subject FROM claims"): "SQL for the check state's sqlite "
                                                                          "claim index, not SPARQL",
    ("kg/check_state.py", "SELECT id, digest, verdicts FROM articles WHERE id IN"): "SQL: the check state's records "
                                                                             "read by id, not SPARQL",
    ("kg/shapes.py", "no graph "): "an error message's hint (the query a user can run), not a query",
    ("kg/landing.py", "<!doctype html>"): "the landing page: the editor's starting text and its JavaScript "
                                          "(DESCRIBE links) run in the browser",
}
#: The modules that write generated SPARQL: the store gateway and its binding of terms into query text.
GATEWAY = {"kg/store.py", "kg/sparql_bind.py"}

_SPARQL = re.compile(
    r"\b(?:(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b[^\n]*?(?:\{|\bWHERE\b)"
    r"|(?:INSERT|DELETE)\s+(?:DATA|WHERE)\b|(?:INSERT|DELETE)\s*\{"
    r"|DROP\s+(?:SILENT\s+)?(?:GRAPH|DEFAULT|NAMED|ALL)\b|WHERE\s*\{)")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _literal_text(node: ast.AST) -> str | None:
    """A string or bytes constant's text; an f-string's with each placeholder as ``<x>``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        return node.value.decode("latin-1") if isinstance(node.value, bytes) else node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "<x>" for v in node.values)
    return None


def inline_sparql(source: str) -> list[tuple[int, str]]:
    """(line, text) of the string literals (not docstrings) of ``source`` that look like SPARQL."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)  # seen as part of their f-string
    return [(node.lineno, text) for node in ast.walk(tree) if id(node) not in skip
            and (text := _literal_text(node)) is not None and _SPARQL.search(text)]


def test_the_sparql_scan_sees_queries_not_prose():
    code = '''"""SELECT ?x WHERE { a docstring }"""
def f(store, g):
    """DELETE WHERE { also a docstring }"""
    store.select("SELECT ?s WHERE { ?s ?p ?o }")
    store.update(f"DROP SILENT GRAPH <{g}>")
    store.query("ASK { ?s ?p ?o }")
    store.query(b"INSERT DATA { <a> <b> <c> }")
    raise ValueError("use a SELECT or ASK query (rows)")
    print("rows (SELECT): text, json")
'''
    assert [line for line, _ in inline_sparql(code)] == [4, 5, 6, 7]


def test_no_sparql_in_python_string_literals():
    """Every query and update lives in ``queries/**.rq`` (one per file, with its header) and is run by
    name with bindings; only kg/store.py, the gateway, writes generated SPARQL (with kg/sparql_bind.py)."""
    found, used = [], set()
    for path in sorted(KG.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in GATEWAY:
            continue
        for line, text in inline_sparql(path.read_text(encoding="utf-8")):
            allowed = [key for key in INLINE_SPARQL if key[0] == name and text.startswith(key[1])]
            used.update(allowed)
            if not allowed:
                found.append(f"{name}:{line}: {text[:60]!r}")
    assert found == [], "move these into queries/ (a .rq file) and run them by name: " + "; ".join(found)
    assert used == INLINE_SPARQL.keys(), f"no longer needed: {sorted(INLINE_SPARQL.keys() - used)}"


def test_every_internal_query_has_its_header():
    from kg import queries

    for name, q in queries.catalogue().items():
        head = q.text.splitlines()[0]
        assert head == f"# name: {name}", f"{q.path}: the first line names the query ({head!r})"
        assert "# params:" in q.text and "# returns:" in q.text and q.description, q.path


# -- lists of terms and named updates ------------------------------------------------------------


def test_values_lists_bind_rows(mem_store):
    _two_subjects(mem_store)
    mem_store.add_graph(G, [(URIRef(EX + "c"), URIRef(EX + "p"), Literal("c"))])
    q = "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o } ORDER BY ?o"
    rows = mem_store.select(q, values={"s": [URIRef(EX + "a"), URIRef(EX + "c")]})
    assert [r["o"] for r in rows] == ["a", "c"]
    rows = mem_store.select(q, values={("s", "o"): [(URIRef(EX + "b"), Literal("b")), (URIRef(EX + "a"), Literal("b"))]})
    assert rows == [{"s": EX + "b", "o": "b"}]
    assert mem_store.select(q, values={"s": []}) == []
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        mem_store.select(q, values={"s o": [URIRef(EX + "a")]})


def test_named_update_binds_each_where_and_inserts_in_the_same_update(mem_store):
    _two_subjects(mem_store)
    mem_store.add_graph(OTHER, [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("kept"))])
    new = [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("new"))]
    mem_store.update("kb/clear-subjects", {"graph": G}, values={"s": [URIRef(EX + "a")]}, insert=(G, new))
    assert _values(mem_store) == {"b", "new"} and _values(mem_store, OTHER) == {"kept"}
    # a failing insert leaves the delete undone too: one update
    with pytest.raises(StoreError):
        mem_store.update("kb/clear-subjects", {"graph": G}, values={"s": [URIRef(EX + "b")]},
                         insert=(G, b'<https://example.org/x> <https://example.org/p> "broken .\n'))
    assert _values(mem_store) == {"b", "new"}
    with pytest.raises(QueryError, match="DELETE WHERE"):
        mem_store.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": G})
    with pytest.raises(QueryError, match="no WHERE"):
        mem_store.update("CLEAR ALL", {"g": G})


def test_bind_update_puts_values_in_every_where_group():
    text = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o != 'WHERE {') } ;\n"
            "DELETE { ?s ?q ?o } WHERE { { SELECT ?s WHERE { ?s ?q ?o } } ?s ?q ?o }")
    bound = bind_update(text, ["VALUES ?s { <https://example.org/a> }"])
    assert bound.count("VALUES ?s") == 2
    assert "{ SELECT ?s WHERE { ?s ?q" in bound  # not in the sub-query
    assert bound.index("VALUES ?s") < bound.index("FILTER")


def test_every_query_folder_is_packaged():
    """A wheel holds queries/ folder by folder (pyproject.toml): a new folder needs its two lines."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {p.parent.relative_to(ROOT / "queries").as_posix() for p in (ROOT / "queries").rglob("*.rq")}
    for folder in folders:
        package = "kg._res.queries" + ("" if folder == "." else "." + folder.replace("/", "."))
        assert package in config["packages"] and "*.rq" in config["package-data"].get(package, []), folder


def test_updates_in_the_catalogue_are_told_apart(tmp_path):
    from kg import queries

    (tmp_path / "q.rq").write_text("# name: q\n# params: none\n# returns: ?s\n# DELETE nothing.\n"
                                   "PREFIX ex: <https://example.org/>\nSELECT ?s WHERE { ?s ?p ?o }\n")
    (tmp_path / "u.rq").write_text("# name: u\n# params: ?g\n# returns: nothing (an update)\n# Clears ?g.\n"
                                   "PREFIX ex: <https://example.org/>\nDELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }\n")
    found = queries.catalogue(tmp_path)
    assert not found["q"].is_update and found["u"].is_update
    assert {n for n, q in queries.catalogue().items() if q.is_update} >= {"kb/clear-items", "kb/clear-subjects"}


def test_query_params_are_variables():
    from kg import queries

    for name, q in queries.catalogue().items():
        assert all(p.isidentifier() and p != "none" for p in q.params), (name, q.params)
