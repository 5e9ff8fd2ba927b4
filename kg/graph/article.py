"""Article metadata as schema.org NewsArticle + NIF context triples."""

from __future__ import annotations

import hashlib

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ..model import Article
from ..vocab import DIP, KG, NIF, SCHEMA, article_iri


def _publisher_iri(name: str) -> URIRef:
    return KG["publisher/" + hashlib.sha1(name.strip().lower().encode()).hexdigest()[:16]]


def _offsets(node: URIRef, start: int, end: int) -> list:
    return [
        (node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)),
        (node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)),
    ]


def nif_string(node: URIRef, start: int, end: int, context: URIRef, *classes: URIRef) -> list:
    """A NIF 2.0 string of the article's text (a mention, a sentence, a boilerplate span): its
    offsets in ``context`` (the article, a ``nif:Context``), ``nif:referenceContext``, and its classes.
    kg's IRIs carry the offsets, so the URI scheme is ``nif:OffsetBasedString`` (a ``nif:CString``:
    begin, end and reference context required); ``nif:String`` itself is abstract and, as the
    NIF core ontology says, not serialised."""
    return ([(node, RDF.type, NIF.OffsetBasedString)] + [(node, RDF.type, c) for c in classes]
            + _offsets(node, start, end) + [(node, NIF.referenceContext, context)])


def _span(node: URIRef, start: int, end: int, context: URIRef) -> list:
    """The offsets of the text a claim or an event was read from (``context``: its article, named
    by ``dip:inArticle``).  A claim is not a string of the text, so it is no NIF string: no
    ``nif:referenceContext`` and no ``nif:`` class.  NIF consumers (GERBIL) take the subjects of
    ``nif:referenceContext`` for annotations of the context, so they see mentions (``nif:Phrase``),
    sentences and boilerplate spans, never claims or events."""
    return _offsets(node, start, end)


def article_triples(article: Article, genre: str = "", genre_evidence: str = "") -> list:
    a = article_iri(article.id)
    t = [
        (a, RDF.type, DIP.Article),
        (a, RDF.type, SCHEMA.NewsArticle),
        (a, RDF.type, NIF.Context),
        (a, SCHEMA.identifier, Literal(article.id)),
        (a, NIF.isString, Literal(article.text)),
        (a, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)),
        (a, NIF.endIndex, Literal(len(article.text), datatype=XSD.nonNegativeInteger)),
        (a, DIP.dateSource, Literal(article.date_source)),
        (a, DIP.contentDigest, Literal(article.digest)),
    ]
    if genre:  # read off the text's layout (kg.extract.genre)
        t.append((a, DIP.genre, Literal(genre)))
        if genre_evidence:
            t.append((a, DIP.genreEvidence, Literal(genre_evidence)))
    if article.title:
        t.append((a, SCHEMA.headline, Literal(article.title)))
    if article.date:
        t.append((a, SCHEMA.datePublished, Literal(article.date, datatype=XSD.date)))
    if article.url:
        t.append((a, SCHEMA.url, URIRef(article.url) if "://" in article.url else Literal(article.url)))
        if article.url.lower().startswith(("http://", "https://")):
            t.append((a, NIF.sourceUrl, URIRef(article.url)))  # NIF: the URL the context was extracted from
    if article.source:
        pub = _publisher_iri(article.source)
        t += [
            (a, SCHEMA.publisher, pub),
            (pub, RDF.type, SCHEMA.Organization),
            (pub, SCHEMA.name, Literal(article.source)),
        ]
    if article.path:
        t.append((a, DCTERMS.source, Literal(article.path)))
    for start, end in article.excluded:
        node = KG[f"boilerplate/{a.split('/article/', 1)[1]}/{start}-{end}"]
        t += [(node, RDF.type, DIP.Boilerplate), (node, RDFS.comment, Literal("excluded from extraction"))]
        t += nif_string(node, start, end, a)
    return t
