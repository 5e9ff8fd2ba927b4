"""Role claims as ``dip:RoleClaim`` nodes with provenance, plus the plain shortcut triples."""

from __future__ import annotations

import hashlib
import json

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ..model import Article, Link, LocationClaim, MembershipClaim, Mention, RoleLink
from ..vocab import DIP, KG, NIF, TITLE_GRAPH_PREFIX, claim_iri, mention_iri, sentence_iri, article_iri, wikidata_iri
from .article import _span
from .mentions import _decimal, entity_iri


def _kb_iri(ref: str) -> URIRef:
    return wikidata_iri(ref) if ref[:1] == "Q" else URIRef(ref)


def title_iri(key: str) -> URIRef:
    """A title as written, normalised (``minister-prime``), qualified by country QID when given."""
    return KG["title/" + key.replace(" ", "-")]


def title_node_key(rl: RoleLink) -> str:
    """The key of the title node a role claim points to: its normalised title, ``@`` its country's QID
    when written, and -- when the linker narrowed the positions for this claim (``rl.narrowed``) --
    ``~n`` and a digest of the narrowed positions.  A title node's positions are then the same
    whichever article wrote them last: every claim of a title shares the title's own, and a claim's
    narrowing ("NEC Director", a person's own office among the longer titles) has a node of its own
    (found 2026-12-07: 8 of dev2's 140 titles were written with two or three position lists)."""
    key = rl.title_key + ("@" + rl.country if rl.country else "")
    if rl.narrowed:
        content = json.dumps([list(rl.positions), list(rl.broader)]).encode()
        key += "~n" + hashlib.sha256(content).hexdigest()[:12]
    return key


def role_triples(article: Article, roles: tuple[RoleLink, ...]) -> list:
    a = article_iri(article.id)
    t: list = []
    for rl in roles:
        c = rl.claim
        node = claim_iri(article.id, "role", c.start, c.end)
        person = entity_iri(rl.person)
        sent_start, sent_end = c.person.sent_start, c.person.sent_end
        t += [
            (node, RDF.type, DIP.RoleClaim),
            (node, DIP.inArticle, a),
            (node, DIP.subject, person),
            (node, DIP.positionTitle, Literal(c.title)),
            (node, DIP.surface, Literal(article.text[c.start:c.end])),
            (node, DIP.sentenceText, Literal(article.text[sent_start:sent_end])),
            (node, DIP.extractor, Literal(c.extractor)),
            (node, DIP.confidence, _decimal(c.confidence)),
            (node, DIP.dateEvidence, Literal(c.date_evidence)),
            (node, DIP.reading, Literal(c.reading)),
            (node, DIP.readingEvidence, Literal(c.reading_evidence)) if c.reading_evidence else None,
            (node, DIP.attributedSpeaker, Literal(c.speaker)) if c.speaker else None,
            (node, PROV.wasDerivedFrom, mention_iri(article.id, c.person.start, c.person.end)),
            (node, RDFS.comment, Literal(rl.method)) if rl.method else None,
        ] + _span(node, c.start, c.end, a)
        t.append((node, NIF.sentence, sentence_iri(article.id, sent_start, sent_end)))
        if c.claim_date:
            t.append((node, DIP.claimDate, Literal(c.claim_date, datatype=XSD.date)))
        if c.claim_date_end:
            t.append((node, DIP.claimDateEnd, Literal(c.claim_date_end, datatype=XSD.date)))
        for modifier in c.modifiers:
            t.append((node, DIP.modifier, Literal(modifier)))
        if rl.title_key:
            t.append((node, DIP.title, title_iri(title_node_key(rl))))
        if rl.country:
            t.append((node, DIP.country, _kb_iri(rl.country)))
        if rl.position:
            pos = _kb_iri(rl.position)
            t.append((node, DIP.position, pos))
            if rl.person.qid:
                shortcut = DIP.heldPosition if c.past else DIP.holdsPosition
                t.append((person, shortcut, pos))
        if rl.person.name_differs:
            t.append((node, DIP.nameDiffers, Literal(True)))
    return [x for x in t if x is not None]


def title_graphs(roles: tuple[RoleLink, ...]) -> dict[URIRef, list]:
    """One small named graph per office title: the KB positions it can denote.

    Shared by every article that uses the title, so a title's positions are
    stored once, not once per claim (a claim's narrowed positions: :func:`title_node_key`).
    """
    out: dict[URIRef, list] = {}
    for rl in roles:
        if not rl.title_key:
            continue
        key = title_node_key(rl)
        graph = URIRef(TITLE_GRAPH_PREFIX + key.replace(" ", "-"))
        if graph in out:
            continue
        title = title_iri(key)
        t = [(title, RDF.type, DIP.Title), (title, RDFS.label, Literal(rl.title_key))]
        t += [(title, DIP.denotes, _kb_iri(p)) for p in rl.positions]
        t += [(title, DIP.mayDenote, _kb_iri(p)) for p in rl.broader]
        out[graph] = t
    return out


def _claim_node(article: Article, a: URIRef, node: URIRef, cls: URIRef, c, anchor: Mention) -> list:
    """The triples every pairwise claim node has: type, article, span, sentence, provenance, date."""
    t = [
        (node, RDF.type, cls),
        (node, DIP.inArticle, a),
        (node, DIP.surface, Literal(article.text[c.start:c.end])),
        (node, DIP.sentenceText, Literal(article.text[anchor.sent_start:anchor.sent_end])),
        (node, NIF.sentence, sentence_iri(article.id, anchor.sent_start, anchor.sent_end)),
        (node, DIP.extractor, Literal(c.extractor)),
        (node, DIP.confidence, _decimal(c.confidence)),
        (node, DIP.dateEvidence, Literal(c.date_evidence)),
        (node, PROV.wasDerivedFrom, mention_iri(article.id, anchor.start, anchor.end)),
    ] + _span(node, c.start, c.end, a)
    if c.claim_date:
        t.append((node, DIP.claimDate, Literal(c.claim_date, datatype=XSD.date)))
    if c.claim_date_end:
        t.append((node, DIP.claimDateEnd, Literal(c.claim_date_end, datatype=XSD.date)))
    return t


def membership_triples(article: Article, claims: tuple[MembershipClaim, ...], links: dict[tuple, Link]) -> list:
    """``dip:MembershipClaim`` nodes (member, organisation, status, date), and ``dip:memberOf`` for
    an asserted membership."""
    a = article_iri(article.id)
    t: list = []
    for c in claims:
        member, org = links.get(c.member.key), links.get(c.organization.key)
        if member is None or org is None:
            continue
        node = claim_iri(article.id, "membership", c.start, c.end)
        m, o = entity_iri(member), entity_iri(org)
        t += _claim_node(article, a, node, DIP.MembershipClaim, c, c.member)
        t += [(node, DIP.subject, m), (node, DIP.organization, o), (node, DIP.membershipStatus, Literal(c.status))]
        if c.status == "member":
            t.append((m, DIP.memberOf, o))
    return t


def location_triples(article: Article, claims: tuple[LocationClaim, ...], links: dict[tuple, Link]) -> list:
    """``dip:LocationClaim`` nodes (organisation, seat, date), and the ``dip:seat`` shortcut."""
    a = article_iri(article.id)
    t: list = []
    for c in claims:
        org, place = links.get(c.organization.key), links.get(c.place.key)
        if org is None or place is None:
            continue
        node = claim_iri(article.id, "location", c.start, c.end)
        o, p = entity_iri(org), entity_iri(place)
        t += _claim_node(article, a, node, DIP.LocationClaim, c, c.organization)
        t += [(node, DIP.subject, o), (node, DIP.organization, o), (node, DIP.seat, p), (o, DIP.seat, p)]
    return t
