"""Wikidata ids and IRIs: the one place that turns ``Q42`` into an IRI and back.

Items are ``Q`` + digits (no leading zero), properties ``P`` + digits.  Their IRIs are
``http://www.wikidata.org/entity/Q42``; ``wd:Q42`` is the prefixed form users type.
Items kg could not link keep a local IRI (``https://w3id.org/kg-diplomacy/id/entity/...``):
:func:`item_id` and :func:`entity_iri` pass those through unchanged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import KbError

if TYPE_CHECKING:  # rdflib is loaded only by the two functions that build IRIs (kg --version stays light)
    from rdflib import URIRef

ENTITY = "http://www.wikidata.org/entity/"
QID = re.compile(r"Q[1-9][0-9]*")
PID = re.compile(r"P[1-9][0-9]*")


def is_qid(value: str) -> bool:
    """``Q42`` is an item id; ``Q042``, ``q42``, ``P31`` and ``wd:Q42`` are not.

    >>> is_qid("Q42"), is_qid("Q042"), is_qid("P31"), is_qid("wd:Q42")
    (True, False, False, False)
    """
    return bool(QID.fullmatch(value))


def qid_of(iri: str) -> str | None:
    """The QID of a Wikidata item IRI, else None.

    >>> qid_of("http://www.wikidata.org/entity/Q76"), qid_of("https://w3id.org/kg-diplomacy/id/entity/x")
    ('Q76', None)
    >>> qid_of("http://www.wikidata.org/entity/statement/Q76-abc") is None
    True
    """
    if not iri.startswith(ENTITY):
        return None
    rest = iri[len(ENTITY):]
    return rest if QID.fullmatch(rest) else None


def item_id(iri: str) -> str:
    """The public id of an item: its QID for a Wikidata IRI, else the IRI itself.

    >>> item_id("http://www.wikidata.org/entity/Q76"), item_id("urn:diplomacy-kb:local:x")
    ('Q76', 'urn:diplomacy-kb:local:x')
    """
    return qid_of(iri) or iri


def parse_qid(ref: str, where: str = "") -> str:
    """``Q42`` from ``Q42``, ``wd:Q42`` or its IRI (spaces around ignored); else KbError naming ``where``.

    >>> parse_qid(" wd:Q42 "), parse_qid("http://www.wikidata.org/entity/Q42")
    ('Q42', 'Q42')
    >>> parse_qid("Douglas Adams", "--qid")
    Traceback (most recent call last):
    kg.errors.KbError: --qid: 'Douglas Adams' is not a Wikidata item id; pass QIDs such as Q7821917
    """
    value = ref.strip()
    for prefix in ("wd:", ENTITY):
        if value.startswith(prefix):
            value = value[len(prefix):]
            break
    if not QID.fullmatch(value):
        raise KbError(f"{where + ': ' if where else ''}{ref!r} is not a Wikidata item id; pass QIDs such as Q7821917")
    return value


def wikidata_iri(qid: str) -> URIRef:
    """The entity IRI of an item or property id; ValueError for anything else.

    >>> str(wikidata_iri("Q7821917"))
    'http://www.wikidata.org/entity/Q7821917'
    """
    if not (QID.fullmatch(qid) or PID.fullmatch(qid)):
        raise ValueError(f"not a Wikidata id: {qid!r}")
    from rdflib import URIRef

    return URIRef(ENTITY + qid)


def entity_iri(ref: str) -> URIRef:
    """The IRI of a knowledge-base reference: a QID's Wikidata IRI, or a local IRI as it is.

    >>> str(entity_iri("Q30")), str(entity_iri("urn:diplomacy-kb:local:x"))
    ('http://www.wikidata.org/entity/Q30', 'urn:diplomacy-kb:local:x')
    """
    from rdflib import URIRef

    return wikidata_iri(ref) if QID.fullmatch(ref) else URIRef(ref)


def qid_number(qid: str) -> int:
    """The number of a QID, for "oldest item first" ordering; local ids sort last.

    >>> sorted(["Q100", "urn:x", "Q7"], key=qid_number)
    ['Q7', 'Q100', 'urn:x']
    """
    return int(qid[1:]) if QID.fullmatch(qid) else 1 << 40


def qid_order(ref: str) -> tuple[int, int, str]:
    """Sort key for ids: items by QID number (oldest first), then local ids by their text.

    >>> sorted(["urn:b", "Q100", "urn:a", "Q7"], key=qid_order)
    ['Q7', 'Q100', 'urn:a', 'urn:b']
    """
    return (0, int(ref[1:]), "") if QID.fullmatch(ref) else (1, 0, ref)
