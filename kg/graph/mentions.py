"""Mentions (NIF/ITS), their sentences and the entities they denote."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..model import Extraction, Link, Mention
from ..vocab import DIP, ITSRDF, NIF, article_iri, local_entity_iri, mention_iri, sentence_iri, wikidata_iri
from .article import nif_string

_KIND_CLASS = {
    "Person": DIP.Person,
    "Organization": DIP.Organization,
    "Country": DIP.Country,
    "Place": DIP.Place,
    "Position": DIP.Position,
    "Other": DIP.Entity,
}


def entity_iri(link: Link) -> URIRef:
    """Wikidata IRI for a linked mention; a stable local IRI otherwise."""
    if link.qid:
        if link.qid.startswith("Q"):
            return wikidata_iri(link.qid)
        return URIRef(link.qid)  # a knowledge-base local IRI (no QID exists)
    return local_entity_iri(link.label or link.mention.text, link.kind)


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.3f}", datatype=XSD.decimal)


def mention_triples(extraction: Extraction, links: list[Link]) -> list:
    article = extraction.article
    a = article_iri(article.id)
    by_key = {link.mention.key: link for link in links}
    t: list = []
    sentences = {(m.sent_start, m.sent_end) for m in extraction.mentions} | set(extraction.sentences)
    for start, end in sorted(sentences):
        s = sentence_iri(article.id, start, end)
        t += [(s, RDF.type, DIP.Sentence), (s, DIP.inArticle, a)] + nif_string(s, start, end, a, NIF.Sentence)
    for m in extraction.mentions:
        t += _mention(m, a, by_key.get(m.key))
    return t


def _mention(m: Mention, article: URIRef, link: Link | None) -> list:
    node = mention_iri(m.article_id, m.start, m.end)
    t = [
        (node, RDF.type, DIP.Mention),
        (node, NIF.anchorOf, Literal(m.text)),
        (node, DIP.inArticle, article),
        (node, NIF.sentence, sentence_iri(m.article_id, m.sent_start, m.sent_end)),
        (node, DIP.nerLabel, Literal(m.label)),
        (node, DIP.extractor, Literal(m.extractor)),
    ] + nif_string(node, m.start, m.end, article, NIF.Phrase)
    if link is None:
        return t
    entity = entity_iri(link)
    cls = _KIND_CLASS.get(link.kind, DIP.Entity)
    t += [
        (node, ITSRDF.taIdentRef, entity),
        (node, ITSRDF.taClassRef, cls),
        (node, DIP.linkScore, _decimal(link.score)),
        (node, DIP.linkMethod, Literal(link.method)),
        (entity, RDF.type, cls),
        (entity, RDFS.label, Literal(link.label or m.text)),
    ]
    if link.name_differs:
        t.append((node, DIP.nameDiffers, Literal(True)))
    return t
