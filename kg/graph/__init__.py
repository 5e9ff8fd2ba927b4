"""Records -> RDF: each article becomes one named graph.

rdflib terms first appear here.  :func:`build` returns the article's graph IRI
and its triples; the store writes them.
"""

from __future__ import annotations

from rdflib import URIRef

from ..model import Extraction, Link
from ..vocab import article_graph
from .article import article_triples
from .mentions import mention_triples

__all__ = ["build"]


def build(extraction: Extraction, links: list[Link]) -> tuple[URIRef, list]:
    """The named graph IRI of the article and all the triples it holds."""
    article = extraction.article
    triples = article_triples(article)
    triples += mention_triples(extraction, links)
    return article_graph(article.id), list(dict.fromkeys(triples))
