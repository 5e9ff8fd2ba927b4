"""The terms and text the store writes: rdflib terms as N-Triples, graph and pattern terms for
pyoxigraph, the form the store keeps a typed literal in, and the NIF offsets' declared datatypes,
which Oxigraph keeps as xsd:integer.  Used by :mod:`kg.store`, the gateway: callers import these
from there.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from .errors import StoreError
from .sparql_bind import to_ox
from .vocab import DECLARED_DATATYPES

Triple = tuple[Node, Node, Node]

_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_RDF_LANG_STRING = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


def check_iri(iri: str) -> str:
    """``iri`` when the store takes it as an IRI; ValueError (pyoxigraph's reason) when not."""
    ox.NamedNode(iri)
    return iri


def ntriples(triples: Iterable[Triple]) -> bytes:
    """rdflib triples as N-Triples bytes (one statement per line). Each distinct term is converted once
    (an article's graph repeats its subjects, predicates and classes many times)."""
    memo: dict = {}

    def term(t):
        # keyed by type too: an rdflib URIRef and Literal with the same text are equal strings
        key = (type(t), str(t), getattr(t, "datatype", None), getattr(t, "language", None))
        got = memo.get(key)
        if got is None:
            got = memo[key] = to_ox(t)
        return got

    return ox.serialize([ox.Triple(term(s), term(p), term(o)) for s, p, o in triples],
                        format=ox.RdfFormat.N_TRIPLES)


_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DECLARED = {p: ox.NamedNode(d) for p, d in DECLARED_DATATYPES.items()}



def _graph_term(graph: URIRef | str | None) -> ox.NamedNode | ox.DefaultGraph:
    if graph is None or isinstance(graph, ox.DefaultGraph):
        return ox.DefaultGraph()
    if isinstance(graph, ox.NamedNode):
        return graph
    try:
        return ox.NamedNode(str(graph))
    except ValueError as exc:
        raise StoreError(f"not a graph IRI: {graph!r} ({exc})") from exc


def _pattern_term(term):
    if term is None or isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    return to_ox(term) if isinstance(term, Node) else ox.NamedNode(str(term))


def _ntriples_of(data: bytes | Iterable[Triple]) -> bytes:
    return data if isinstance(data, bytes) else ntriples(data)


def declared_datatypes(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads with the datatypes kg wrote (vocab.DECLARED_DATATYPES) where Oxigraph stored
    them as xsd:integer: NIF offsets go out as xsd:nonNegativeInteger."""
    for q in quads:
        datatype = _DECLARED.get(q.predicate.value)
        if datatype is not None and isinstance(q.object, ox.Literal) and q.object.datatype == _XSD_INTEGER:
            q = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value, datatype=datatype), q.graph_name)
        yield q


def _as_stored(terms: dict) -> None:
    """Each typed literal among the values of ``terms`` replaced by the form the store keeps it in
    (Oxigraph stores some values canonically: "0.90"^^xsd:decimal as "0.9", xsd:nonNegativeInteger
    as xsd:integer), found by storing it in a scratch store, once per distinct literal."""
    plain = (_XSD_STRING, _RDF_LANG_STRING)
    typed = {t for t in terms.values() if isinstance(t, ox.Literal) and t.datatype not in plain}
    if not typed:
        return
    scratch, s, p = ox.Store(), ox.NamedNode("urn:kg:scratch"), ox.NamedNode("urn:kg:value")
    stored = {}
    for literal in typed:
        scratch.add(ox.Quad(s, p, literal))
        stored[literal] = next(iter(scratch.quads_for_pattern(s, p, None))).object
        scratch.clear()
    for key, term in terms.items():
        if term in stored:
            terms[key] = stored[term]
