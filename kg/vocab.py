"""Every IRI kg writes comes from here.

The ontology terms are a ``ClosedNamespace``: using a term that is not declared
raises at once, and ``tests/test_vocab.py`` checks this list against
``ontology/diplomacy.ttl`` so the code and the ontology cannot drift apart.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import ClosedNamespace, DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from .namefold import lower_words
from .wikidata_ids import ENTITY, qid_of, wikidata_iri  # noqa: F401  (re-exported: one Wikidata-id helper)

BASE = "https://w3id.org/kg-diplomacy/"
ONTOLOGY_IRI = BASE + "ontology"
DIP_NS = ONTOLOGY_IRI + "#"

#: The ontology's terms: classes first, then properties (kept in the file's order).
DIP_TERMS = (
    # classes
    "Article", "Mention", "Sentence", "Boilerplate", "Entity", "Person", "Organization",
    "Country", "Place", "Position", "Claim", "RoleClaim", "MembershipClaim", "LocationClaim", "Event",
    "Agree", "Consult", "Support", "Concede", "Cooperate", "Aid", "Retreat", "Request", "Accuse", "Reject",
    "Threaten", "Protest", "Sanction", "Mobilize", "Coerce", "Assault", "Statement", "EventActor",
    "Conflict", "Unverifiable", "Snapshot", "Title",
    # article and mention properties
    "dateSource", "contentDigest", "genre", "genreEvidence", "inArticle", "extractor", "confidence", "nerLabel", "sentenceText",
    # linking
    "linkScore", "linkMethod", "nameDiffers", "wikidataLabel",
    # claims and events
    "subject", "position", "positionTitle", "country", "organization", "modifier",
    "claimDate", "claimDateEnd", "dateEvidence", "reading", "readingEvidence", "attributedSpeaker", "holdsPosition", "heldPosition",
    "memberOf", "participant", "place", "speaker", "target", "content", "negated", "hedged",
    "attributedTo", "eventDate", "eventDateEnd", "actorText", "surface", "title", "denotes", "mayDenote",
    "membershipStatus", "seat", "met", "accused", "demandedOf", "threatened", "sanctioned", "aided",
    "eventStatus", "eventMode", "eventContext", "actionType", "partOf", "deadline", "deadlineText",
    "sourceActor", "targetActor", "actorEntity", "actorCountry", "sector",
    # conflicts
    "conflictKind", "claim", "evidence", "statement", "expected", "found", "explanation",
    "snapshotDate",
    # kg's day bounds of a Wikibase time value (the date widening, stored once)
    "firstDay", "lastDay", "precisionDate",
)

DIP = ClosedNamespace(DIP_NS, DIP_TERMS)

#: Project resources (articles, mentions, local entities, named graphs).
KG = Namespace(BASE + "id/")

# Standard vocabularies.
SCHEMA = Namespace("https://schema.org/")
#: NIF 2.0 Core: the terms kg writes (closed, so that a misspelt one fails at once).
NIF = ClosedNamespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", (
    "Context", "OffsetBasedString", "Phrase", "Sentence", "String",
    "isString", "sourceUrl", "beginIndex", "endIndex", "referenceContext", "anchorOf", "sentence",
))
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
#: Datatypes kg writes that Oxigraph normalises when it stores them (it keeps derived integer types
#: as xsd:integer, oxigraph/oxigraph#526): kg/store.py restores them whenever it serialises the store
#: (export, push, Graph Store reads), so NIF offsets go out as NIF says, xsd:nonNegativeInteger.
DECLARED_DATATYPES = {str(NIF.beginIndex): str(XSD.nonNegativeInteger), str(NIF.endIndex): str(XSD.nonNegativeInteger)}
WD = Namespace(ENTITY)
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
WDS = Namespace("http://www.wikidata.org/entity/statement/")
PQV = Namespace("http://www.wikidata.org/prop/qualifier/value/")
PSV = Namespace("http://www.wikidata.org/prop/statement/value/")
WDV = Namespace("http://www.wikidata.org/value/")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
PLOVER = Namespace("https://w3id.org/kg-diplomacy/plover#")

#: Named graphs.
WIKIDATA_GRAPH = URIRef(BASE + "graph/wikidata")
CONFLICTS_GRAPH = URIRef(BASE + "graph/conflicts")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
ARTICLE_GRAPH_PREFIX = BASE + "graph/article/"
#: Where a check of some articles puts their nodes' dip:inArticle triples while it runs (kg.check_scope).
CHECK_SCOPE_GRAPH = URIRef(BASE + "graph/check-scope")
TITLE_GRAPH_PREFIX = BASE + "graph/title/"

#: Prefixes bound when serialising and prepended to user queries that lack them.
PREFIXES = {
    "dip": DIP_NS,
    "kg": str(KG),
    "schema": str(SCHEMA),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "wd": str(WD),
    "wdt": str(WDT),
    "p": str(P),
    "ps": str(PS),
    "pq": str(PQ),
    "wds": str(WDS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
}


def sparql_prefixes() -> str:
    """The PREFIX block for every namespace above."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def _segment(value: str) -> str:
    return quote(value, safe="-._~")


def article_iri(article_id: str) -> URIRef:
    return KG["article/" + _segment(article_id)]


def article_graph(article_id: str) -> URIRef:
    return URIRef(ARTICLE_GRAPH_PREFIX + _segment(article_id))


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    return KG[f"mention/{_segment(article_id)}/{start}-{end}"]


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return KG[f"sentence/{_segment(article_id)}/{start}-{end}"]


def claim_iri(article_id: str, kind: str, start: int, end: int) -> URIRef:
    return KG[f"claim/{_segment(article_id)}/{kind}/{start}-{end}"]


#: Case-, accent- and space-insensitive form of a name, used for local IRIs (kg.namefold.lower_words).
normalise_name = lower_words


def local_entity_iri(name: str, kind: str) -> URIRef:
    """A stable IRI for an entity no knowledge-base item was found for."""
    digest = hashlib.sha1(f"{kind}|{normalise_name(name)}".encode()).hexdigest()[:16]
    return KG[f"entity/{kind.lower()}/{digest}"]
