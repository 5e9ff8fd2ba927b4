"""A value written by a person (``wd:Q76``, ``<http://...>``, ``https://...``, ``Obama``) as an RDF term."""

from __future__ import annotations


def parse_term(value: object):
    """``<IRI>`` or a known ``prefix:local`` or ``scheme://...`` -> URIRef; anything else -> Literal."""
    from rdflib import Literal, URIRef

    from .vocab import PREFIXES

    if not isinstance(value, str):
        return Literal(value)
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if "://" in value:
        return URIRef(value)
    return Literal(value)
