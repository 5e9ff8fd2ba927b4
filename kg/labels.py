"""Labels for IRIs: what the query page of ``kg serve`` shows next to the IRIs of a result.

One named query (``queries/labels.rq``: rdfs:label, else skos:prefLabel, else an article's
schema:headline; English first) bound to each IRI by the engine.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from . import queries
from .errors import QueryError
from .store import Store

#: The most IRIs one request may ask about (a page of results holds fewer distinct ones).
MAX_IRIS = 1000
_NOT_IN_IRIS = frozenset(' <>"{}|^`\\\t\n\r')


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """IRI -> its label, for the IRIs that have one; strings that are not IRIs are left out."""
    text = queries.get("labels").text
    found: dict[str, str] = {}
    for iri in dict.fromkeys(iris):
        if not isinstance(iri, str) or ":" not in iri or _NOT_IN_IRIS & set(iri):
            continue
        try:
            rows = store.select(text, {"item": URIRef(iri)})
        except (QueryError, ValueError):  # not an IRI pyoxigraph accepts
            continue
        if rows:
            found[iri] = rows[0]["label"]
    return found
