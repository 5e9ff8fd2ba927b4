"""Events as typed ``dip:Event`` nodes (PLOVER categories) with their actors, plus plain shortcut triples.

An event node carries its trigger span (NIF offsets), sentence, actors (the
entities their mentions link to; unnamed actors as ``dip:actorText``), place,
date with its evidence, negation and hedging flags, attribution, extractor and
confidence.  For users who do not want the event model, asserted events (not
negated, not hedged) also give direct triples between the linked actors:
``?a dip:met ?b``, ``?speaker dip:accused ?target`` and so on.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..model import Article, EventClaim, Link, Mention
from ..vocab import DIP, NIF, article_iri, claim_iri, sentence_iri
from .article import _span
from .mentions import _decimal, entity_iri

#: Event type -> its class.
CLASSES = {"CONSULT": DIP.Consult, "STATEMENT": DIP.Statement, "ACCUSE": DIP.Accuse, "DEMAND": DIP.Demand,
           "THREATEN": DIP.Threaten, "SANCTION": DIP.Sanction, "MOBILIZE": DIP.Mobilize, "AID": DIP.Aid}
#: Directed event type -> the shortcut property from speaker to target.
SHORTCUTS = {"ACCUSE": DIP.accused, "DEMAND": DIP.demandedOf, "THREATEN": DIP.threatened,
             "SANCTION": DIP.sanctioned, "AID": DIP.aided}


def event_iri(article_id: str, e: EventClaim) -> URIRef:
    return claim_iri(article_id, e.type.lower(), e.trigger_start, e.trigger_end)


def event_triples(article: Article, events: tuple[EventClaim, ...], links: dict[tuple, Link]) -> list:
    a = article_iri(article.id)
    t: list = []

    def actor(m: Mention | None) -> URIRef | None:
        link = links.get(m.key) if m is not None else None
        return entity_iri(link) if link is not None else None

    for e in events:
        node = event_iri(article.id, e)
        t += [
            (node, RDF.type, CLASSES[e.type]),
            (node, DIP.inArticle, a),
            (node, DIP.surface, Literal(e.trigger)),
            (node, DIP.sentenceText, Literal(article.text[e.sent_start:e.sent_end])),
            (node, NIF.sentence, sentence_iri(article.id, e.sent_start, e.sent_end)),
            (node, DIP.extractor, Literal(e.extractor)),
            (node, DIP.confidence, _decimal(e.confidence)),
            (node, DIP.negated, Literal(e.negated)),
            (node, DIP.hedged, Literal(e.hedged)),
        ] + _span(node, e.trigger_start, e.trigger_end, a)
        if e.event_date:
            t.append((node, DIP.eventDate, Literal(e.event_date, datatype=XSD.date)))
        if e.event_date_end and e.event_date_end != e.event_date:
            t.append((node, DIP.eventDateEnd, Literal(e.event_date_end, datatype=XSD.date)))
        if e.date_evidence:
            t.append((node, DIP.dateEvidence, Literal(e.date_evidence)))
        participants = [p for p in (actor(m) for m in e.participants) if p is not None]
        t += [(node, DIP.participant, p) for p in participants]
        t += [(node, DIP.actorText, Literal(text)) for text in e.actor_texts]
        t += [(node, PROV.wasDerivedFrom, sentence_iri(article.id, e.sent_start, e.sent_end))]
        speaker, target, place, source = actor(e.speaker), actor(e.target), actor(e.place), actor(e.attributed_to)
        for prop, value in ((DIP.speaker, speaker), (DIP.target, target), (DIP.place, place),
                            (DIP.attributedTo, source)):
            if value is not None:
                t.append((node, prop, value))
        if e.content_start is not None and e.content_end is not None:
            t.append((node, DIP.content, Literal(article.text[e.content_start:e.content_end])))
        if e.negated or e.hedged:
            continue
        if e.type == "CONSULT":
            people = sorted(set(participants) - {place})
            t += [(x, DIP.met, y) for x in people for y in people if x != y]
        elif e.type in SHORTCUTS and speaker is not None and target is not None and speaker != target:
            t.append((speaker, SHORTCUTS[e.type], target))
    return t
