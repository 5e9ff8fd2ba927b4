"""kg.sparql_bound: what a query's own text says about the size of its answer (which decides streaming).

Each rule has a twin that must not get a bound; the CONSTRUCT bound is checked against the
engine's real answers for templates with the abbreviations that make many triples.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql_bound import answer_bound

P = "PREFIX ex: <http://example.org/> "


@pytest.mark.parametrize("text, bound", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 10", 10),
    ("select * { ?s ?p ?o } limit 7 offset 3", 7),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5 VALUES ?s { ex:a ex:b }", 5),
    # the outermost LIMIT, not a subquery's
    ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } ?s ?q ?r } LIMIT 40", 40),
    ("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } ?s ?q ?r }", None),
    # LIMIT as a name, a variable, in a string or a comment is not the modifier
    (P + "SELECT * WHERE { ?s ex:LIMIT ?o }", None),
    ("SELECT ?limit WHERE { ?s ?p ?limit }", None),
    ('SELECT * WHERE { ?s ?p "LIMIT 5" }', None),
    ("SELECT * WHERE { ?s ?p ?o } # LIMIT 5", None),
    ("SELECT * WHERE { ?s ?p ?o }\n# x\nLIMIT 5", 5),
    # codepoint escapes are decoded before parsing (SPARQL 1.1 section 19.2): no bound read from such text
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 5 # \\u000A", None),
    ("SELECT * WHERE { ?s ?p ?o } \\u004CIMIT 5", None),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 5.0", None),
    ("SELECT * WHERE { ?s ?p ?o } } LIMIT 5", None),
    ("ASK { ?s ?p ?o }", 1),
    ("DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 5", None),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10", 60),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", None),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 4", 24),
    # a '<' in an expression may be less than: the lexer's IRI <2)#> is, to the engine, '2', ')' and a comment
    ("SELECT ?s WHERE { ?s ?p ?o FILTER(1<2)#> ) } LIMIT 1 {\n}", None),
    ("SELECT ?s WHERE { ?s ?p ?o FILTER(1<2)'> ) } LIMIT 1 { '}", None),
    ("SELECT ?s WHERE { ?s <http://e/a#b> ?o } LIMIT 1", 1),  # an IRI in a triple pattern is an IRI
    ("SELECT ?s WHERE { ?s ?p ?o FILTER(?o != <http://e/a>) } LIMIT 2", 2),
])
def test_the_bound_of_a_query(text, bound):
    assert answer_bound(text) == bound


TEMPLATES = [
    "?s ?p ?o",
    "?s ex:a ?o ; ex:b ?o , ?s , ex:c",
    "?s ex:list ( ?o ?s ex:c ( ?p ) )",
    "[ ex:a ?o ; ex:b [ ex:c ?s ] ] ex:d ?o . ?o ex:e [] , [ ex:f ( ex:g ) ]",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_construct_never_answers_more_triples_than_its_bound(template):
    store = ox.Store()
    ex = "http://example.org/"
    for i in range(30):
        store.add(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p{i % 3}"), ox.NamedNode(f"{ex}o{i}")))
    for limit in (1, 5, 30):
        text = P + f"CONSTRUCT {{ {template} }} WHERE {{ ?s ?p ?o }} LIMIT {limit}"
        triples = len(list(store.query(text)))
        bound = answer_bound(text)
        assert bound is not None and triples <= bound, (template, limit, triples, bound)


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s ?p ?o FILTER(1<2)#> ) } LIMIT 1 {\n}",
    "SELECT ?s WHERE { ?s <http://example.org/p0> ?o } LIMIT 1",
])
def test_a_bound_is_never_below_what_the_engine_answers(text):
    store = ox.Store()
    ex = "http://example.org/"
    for i in range(30):
        store.add(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p{i % 3}"), ox.NamedNode(f"{ex}o{i}")))
    rows = len(list(store.query(text)))
    bound = answer_bound(text)
    assert bound is None or rows <= bound, (text, rows, bound)
