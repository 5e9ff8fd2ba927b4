"""Records -> RDF: each article becomes one named graph.

rdflib terms first appear here.  :func:`build` returns the article's graph IRI
and its triples; the store writes them.
"""

from __future__ import annotations

from rdflib import URIRef

from ..model import Extraction, Linked
from ..vocab import article_graph
from .article import article_triples
from .claims import location_triples, membership_triples, role_triples, title_graphs
from .events import event_triples
from .mentions import mention_triples

__all__ = ["build"]


def build(extraction: Extraction, linked: Linked) -> dict[URIRef, list]:
    """Named graphs and their triples: the article's graph, and the title graphs it uses."""
    article = extraction.article
    triples = article_triples(article, extraction.genre, extraction.genre_evidence)
    triples += mention_triples(extraction, list(linked.links))
    triples += role_triples(article, linked.roles)
    by_mention = {l.mention.key: l for l in linked.links}
    triples += event_triples(article, extraction.events, by_mention)
    triples += membership_triples(article, extraction.memberships, by_mention)
    triples += location_triples(article, extraction.locations, by_mention)
    graphs = {article_graph(article.id): list(dict.fromkeys(triples))}
    graphs.update(title_graphs(linked.roles))
    return graphs
