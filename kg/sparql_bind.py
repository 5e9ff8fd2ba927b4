"""Terms into SPARQL text: the one way a list of terms goes into a query or an update.

:func:`to_ox` gives the pyoxigraph term of an rdflib one, and pyoxigraph serialises it (so an IRI,
a string with quotes or a language tag is written as the engine reads it); the VALUES blocks go at
the start of the outermost WHERE group, found by lexing the text (kg.sparql_screen), so a
sub-query's ``WHERE {`` or a brace in a string is never taken.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError
from .sparql_screen import tokens


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the pyoxigraph term with the same meaning (a pyoxigraph term is kept)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


def values_block(bindings: Mapping[str, Node]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for one row of bindings."""
    names = list(bindings)
    return rows_block(tuple(names), [tuple(bindings[n] for n in names)])


def rows_block(names: tuple[str, ...], rows: Iterable[tuple]) -> str:
    """``VALUES (?a ?b) { (<x> "y") (<z> "w") }``: many rows of terms (rdflib or pyoxigraph), each
    serialised by pyoxigraph -- the one way a list of terms goes into query text."""
    for name in names:
        if not name.isidentifier():
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    body = " ".join("(" + " ".join(str(to_ox(t)) for t in row) + ")" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def values_blocks(values: Mapping[str | tuple[str, ...], Iterable]) -> list[str]:
    """One VALUES block per entry of ``values``: ``{"i": [t1, t2]}`` (one variable) or
    ``{("i", "g"): [(t1, g1), (t2, g2)]}`` (rows of several)."""
    blocks = []
    for key, rows in values.items():
        if isinstance(key, str):
            blocks.append(rows_block((key,), [(t,) for t in rows]))
        else:
            blocks.append(rows_block(tuple(key), [tuple(r) for r in rows]))
    return blocks


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a VALUES block at the start of its outermost WHERE group
    (found by lexing the query, so a sub-query's ``WHERE {`` or a brace in a string is never taken)."""
    return insert_in_where(sparql, values_block(bindings))


def bind_list(sparql: str, name: str, terms) -> str:
    """The query with ``VALUES ?name { t1 t2 ... }`` (one variable, many rows) at the start of its outermost
    WHERE group."""
    if not name.isidentifier():
        raise QueryError(f"not a SPARQL variable name: {name!r}")
    return insert_in_where(sparql, f"VALUES ?{name} {{ {' '.join(str(to_ox(t)) for t in terms)} }}")


def bind_update(sparql: str, blocks: list[str]) -> str:
    """The update with the VALUES ``blocks`` first in the WHERE group of each of its operations that has one
    (found by lexing).  ``DELETE WHERE { P }`` cannot take them: write ``DELETE { P } WHERE { P }``."""
    toks = tokens(sparql)
    at: list[int] = []
    depth = 0
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in ("{", "("):
            depth += 1
        elif tok.kind == "punct" and tok.text in ("}", ")"):
            depth = max(0, depth - 1)
        elif depth == 0 and tok.is_word("WHERE") and i + 1 < len(toks) and toks[i + 1].text == "{":
            if i and toks[i - 1].is_word("DELETE"):
                raise QueryError("cannot bind variables of DELETE WHERE { P }: write DELETE { P } WHERE { P }")
            at.append(toks[i + 1].start + 1)
    if not at:
        raise QueryError("the update has no WHERE group to bind its variables in")
    block = "\n  " + "\n  ".join(blocks) + "\n"
    for offset in reversed(at):
        sparql = sparql[:offset] + block + sparql[offset:]
    return sparql


def insert_in_where(sparql: str, block: str) -> str:
    at = where_group(sparql)
    if at is None:
        return sparql.rstrip() + "\n" + block
    return sparql[:at] + "\n  " + block + "\n" + sparql[at:]


_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


def where_group(sparql: str) -> int | None:
    """The offset just after the ``{`` that opens the query's outermost WHERE group, or None.

    The query is lexed (comments, strings and IRIs skipped): the group is the first ``{`` at depth 0
    after the query form -- the second for ``CONSTRUCT {template} WHERE {...}`` -- whether or not the
    optional ``WHERE`` keyword is written, never a sub-query's or an ``EXISTS`` in a SELECT expression.

    >>> q = "SELECT ?o { { SELECT ?x WHERE { ?x ?p ?o } } ?s ?p ?o }"
    >>> q[:where_group(q)]
    'SELECT ?o {'
    >>> q = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    >>> q[where_group(q):]
    ' ?s ?p ?o }'
    """
    depth = 0
    form: str | None = None
    skip_template = False
    for i, tok in enumerate(toks := tokens(sparql)):
        if tok.kind == "word" and depth == 0 and form is None and tok.upper in _FORMS:
            form = tok.upper
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            skip_template = form == "CONSTRUCT" and nxt is not None and nxt.text == "{"
        elif tok.kind == "punct" and tok.text in ("{", "("):
            if tok.text == "{" and depth == 0 and form is not None:
                if not skip_template:
                    return tok.start + 1
                skip_template = False
            depth += 1
        elif tok.kind == "punct" and tok.text in ("}", ")"):
            depth = max(0, depth - 1)
    return None
