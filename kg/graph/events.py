"""Events as typed ``dip:Event`` nodes (PLOVER categories) with their actors, plus plain shortcut triples.

An event node carries its trigger span (NIF offsets), sentence, actors (the
entities their mentions link to; unnamed actors as ``dip:actorText``), place,
date with its evidence, status (``dip:eventStatus``; negated/hedged flags kept),
PLOVER mode and context, the event it is part of, a stated deadline, source and
target actor nodes (``dip:EventActor``: text, sector, linked entity and country),
attribution, extractor and confidence.  For users who do not want the event model,
events that happened (status asserted) also give direct triples between the linked
actors: ``?a dip:met ?b``, ``?speaker dip:accused ?target`` and so on.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..model import EVENT_TYPES, Article, EventActor, EventClaim, Link, Mention
from ..vocab import DIP, NIF, article_iri, claim_iri, sentence_iri
from .article import _span
from .mentions import _decimal, entity_iri

#: Event type -> its class (the 16 PLOVER 2021 types and kg's STATEMENT).
CLASSES = {t: DIP[t.capitalize()] for t in EVENT_TYPES}
#: Directed event type -> the shortcut property from speaker to target.
SHORTCUTS = {"ACCUSE": DIP.accused, "REQUEST": DIP.demandedOf, "THREATEN": DIP.threatened,
             "SANCTION": DIP.sanctioned, "AID": DIP.aided}


def event_iri(article_id: str, e: EventClaim) -> URIRef:
    return claim_iri(article_id, e.type.lower(), e.trigger_start, e.trigger_end)


def event_triples(article: Article, events: tuple[EventClaim, ...], links: dict[tuple, Link]) -> list:
    a = article_iri(article.id)
    t: list = []

    def actor(m: Mention | None) -> URIRef | None:
        link = links.get(m.key) if m is not None else None
        return entity_iri(link) if link is not None else None

    governing = {e.trigger_start: event_iri(article.id, e) for e in events}
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
        t.append((node, DIP.eventStatus, Literal(e.status)))
        for prop, value in ((DIP.eventMode, e.mode), (DIP.eventContext, e.context), (DIP.actionType, e.action),
                            (DIP.deadlineText, e.deadline_text)):
            if value:
                t.append((node, prop, Literal(value)))
        if e.deadline:
            t.append((node, DIP.deadline, Literal(e.deadline, datatype=XSD.date)))
        if e.part_of is not None and e.part_of in governing:
            t.append((node, DIP.partOf, governing[e.part_of]))
        for role, people in ((DIP.sourceActor, e.sources), (DIP.targetActor, e.targets)):
            for i, who in enumerate(people):
                t += _actor_triples(node, role, i, who, actor)
        if e.status != "asserted":
            continue  # only events that happened give shortcuts (and meetings)
        if e.type == "CONSULT":
            people = sorted(set(participants) - {place})
            t += [(x, DIP.met, y) for x in people for y in people if x != y]
        elif e.type in SHORTCUTS and speaker is not None and target is not None and speaker != target:
            t.append((speaker, SHORTCUTS[e.type], target))
    return t


def _actor_triples(node: URIRef, role: URIRef, i: int, who: EventActor, entity) -> list:
    """An event actor node: its text, sector, the entity its mention links to and its country."""
    name = "source" if role == DIP.sourceActor else "target"
    a = URIRef(f"{node}/{name}/{i}")
    t = [(node, role, a), (a, RDF.type, DIP.EventActor), (a, DIP.actorText, Literal(who.text))]
    if who.sector:
        t.append((a, DIP.sector, Literal(who.sector)))
    linked, country = entity(who.mention), entity(who.country)
    if linked is not None:
        t.append((a, DIP.actorEntity, linked))
    if country is not None:
        t.append((a, DIP.actorCountry, country))
    return t
