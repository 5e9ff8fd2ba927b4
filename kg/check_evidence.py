"""What a conflict's reader is shown besides the query's row: the claim's row
(:func:`claim_row`), the labels, and the evidence records (the Wikidata statements with their
dates, the holders on the claim's date, another article's claim) of each evidence shape
(kg.conflict_kinds.EVIDENCE_SHAPES), read from the store by :func:`evidence_of`.

kg.check calls these per conflict, through a :class:`CachedReads` (the same offices,
holders and sources are read again and again).
"""

from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from . import queries
from .conflict_kinds import Claimed, ConflictKind
from .model import Evidence
from .store import Store
from .vocab import DIP, NIF, SCHEMA, WIKIDATA_GRAPH, qid_of


class CachedReads:
    """A view of a store whose :meth:`select` remembers its answers, for a run that reads the same
    facts many times and writes nothing in between (kg.check's evidence: the same offices, holders
    and sources recur across claims).  Every other attribute is the store's.

    >>> s = Store(None)
    >>> view = CachedReads(s)
    >>> view.select("SELECT (1 AS ?x) WHERE {}") == [{"x": "1"}], len(view.memo)
    (True, 1)
    >>> view.select("SELECT (1 AS ?x) WHERE {}")[0] is view.select("SELECT (1 AS ?x) WHERE {}")[0]
    False
    """

    def __init__(self, store: Store):
        self._store = store
        self.memo: dict = {}

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, **kw) -> list[dict[str, str]]:
        key = (sparql, tuple(sorted((k, v.n3() if hasattr(v, "n3") else repr(v)) for k, v in (bindings or {}).items())),
               repr(sorted(kw.items())))
        if key not in self.memo:
            self.memo[key] = self._store.select(sparql, bindings, **kw)
        return [dict(row) for row in self.memo[key]]  # copies: callers add to their rows

    def __getattr__(self, name: str):
        return getattr(self._store, name)


def label(store: Store, iri: str) -> str:
    rows = store.select(queries.get("kb/label").text, {"s": URIRef(iri)},
                        default_graph=[WIKIDATA_GRAPH])
    return rows[0]["l"] if rows else (qid_of(iri) or iri)


def _statements(store: Store, subject: str, position: str) -> list[Evidence]:
    rows = store.select(queries.get("kb/statements").text, {"subject": URIRef(subject), "position": URIRef(position)},
                        default_graph=[WIKIDATA_GRAPH])
    who, what = label(store, subject), label(store, position)
    return [Evidence.of("statement", r["statement"], who, what, start=r.get("start"), end=r.get("end")) for r in rows]


def _holders_on(store: Store, position: str, date: str) -> list[Evidence]:
    rows = store.select(queries.get("kb/holders-on").text,
                        {"position": URIRef(position), "date": Literal(date, datatype=XSD.date)},
                        default_graph=[WIKIDATA_GRAPH])
    what = label(store, position)
    return [Evidence.of("holder-on-date", r["statement"], f"{r.get('label') or qid_of(r['holder'])}", what, date=date,
                        start=r.get("start"), end=r.get("end")) for r in rows]


#: What ``queries/check/claim.rq`` reads of a claim, by variable: (predicate, required).
_CLAIM_ROW = {"start": (NIF.beginIndex, True), "end": (NIF.endIndex, True), "surface": (DIP.surface, True),
              "sentence": (DIP.sentenceText, True), "subject": (DIP.subject, True),
              "title": (DIP.positionTitle, False), "organization": (DIP.organization, False),
              "status": (DIP.membershipStatus, False), "claimDate": (DIP.claimDate, False),
              "claimDateEnd": (DIP.claimDateEnd, False), "dateEvidence": (DIP.dateEvidence, False),
              "confidence": (DIP.confidence, False), "position": (DIP.position, False),
              "reading": (DIP.reading, False), "readingEvidence": (DIP.readingEvidence, False),
              "speaker": (DIP.attributedSpeaker, False), "country": (DIP.country, False)}


def claim_row(store: Store, claim: str) -> dict[str, str] | None:
    """The ``queries/check/claim.rq`` row of ``claim`` (None: it has none), read by pattern lookups:
    one over the claim's triples and two for its article (the query took 4.5 ms a claim, 11.5 s of a
    full check of 10,032 articles, measured 2026-12-07).  Where a property has several values the
    query's LIMIT 1 keeps the engine's first; this keeps the smallest, so the row does not depend on
    the store's layout."""
    values: dict[str, set[str]] = {}
    articles = set()
    for q in store.quads(claim, None, None):
        values.setdefault(q.predicate.value, set()).add(q.object.value)
        if q.predicate.value == str(DIP.inArticle) and not isinstance(q.object, ox.Literal):
            articles.add(q.object)  # (a literal is no article: the query's join finds none)
    row: dict[str, str] = {}
    for name, (predicate, required) in _CLAIM_ROW.items():
        found = values.get(str(predicate))
        if found:
            row[name] = min(found)
        elif required:
            return None
    for a in sorted(articles, key=str):
        ids = sorted({q.object.value for q in store.quads(a, SCHEMA.identifier, None)})
        if ids:
            row["article"] = ids[0]
            urls = sorted({q.object.value for q in store.quads(a, SCHEMA.url, None)})
            if urls:
                row["url"] = urls[0]
            return row
    return None


def claimed(d: dict) -> Claimed:
    """What an explanation reads of a claim: its ``queries/check/claim.rq`` row with the labels
    :func:`check` adds (``subjectLabel``, ``positionLabel``, ``countryLabel``)."""
    return Claimed(subject=d["subject"], subject_label=d.get("subjectLabel", d["subject"]),
                   surface=d.get("surface", ""), claim_date=d.get("claimDate", ""),
                   position=d.get("position", "") if "positionLabel" in d else "",
                   position_label=d.get("positionLabel", ""), title=d.get("title"),
                   country_label=d.get("countryLabel", ""), status=d.get("status", "member"))


def _terms_and_holders(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    position = d.get("position", "")
    if not position:
        return _statements_in_words(store, d, rows)
    evidence = _statements(store, d["subject"], position)
    if d.get("claimDate"):
        seen = {e.statement for e in evidence}
        evidence += [e for e in _holders_on(store, position, d["claimDate"]) if e.statement not in seen]
    return evidence


def _offices_held(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    evidence = []
    for row in rows:
        for r in store.select(queries.get("kb/statement-dates").text, {"st": URIRef(row["statement"])}):
            if "p" not in r:
                continue  # not a position-held statement
            evidence.append(Evidence.of("statement", row["statement"], label(store, d["subject"]),
                                        label(store, r["p"]), start=r.get("b"), end=r.get("e")))
    return evidence


def _memberships(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    evidence = []
    for row in rows:
        if "statement" not in row:
            continue
        st = store.select(queries.get("kb/statement-dates").text, {"st": URIRef(row["statement"])})
        b, e = (st[0].get("b"), st[0].get("e")) if st else (None, None)
        evidence.append(Evidence.of("membership", row["statement"], d["subjectLabel"], d.get("positionLabel", ""),
                                    start=b, end=e))
    return evidence


def _headquarters(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    return [Evidence.of("headquarters", row["statement"], d.get("positionLabel", ""), label(store, row["statement"]))
            for row in rows]


def _other_claims(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    evidence = []
    for row in rows:
        o = claim_row(store, row["statement"])
        if o:
            evidence.append(Evidence.of("other-claim", row["statement"], label(store, o["subject"]),
                                        article=o["article"], chars=(int(o["start"]), int(o["end"])),
                                        surface=o["surface"], start=o.get("claimDate"), end=o.get("claimDate")))
    return evidence


def _life_events(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    # a direct claim: the evidence is the item, its words say what and when
    return [Evidence.of("life-event", d["subject"], label(store, d["subject"]), r.get("event", ""),
                        date=r["statement"], start=r["statement"], end=r["statement"]) for r in rows if "statement" in r]


def _statements_in_words(store: Store, d: dict, rows: list[dict]) -> list[Evidence]:
    return [Evidence.of("other", r["statement"], label(store, d["subject"]), r["statement"])
            for r in rows if "statement" in r]


#: How the evidence of each shape (kg.conflict_kinds.EVIDENCE_SHAPES) is read from the store.
_EVIDENCE = {"terms-and-holders": _terms_and_holders, "offices-held": _offices_held, "memberships": _memberships,
             "headquarters": _headquarters, "other-claims": _other_claims, "life-events": _life_events,
             "statements": _statements_in_words}


def evidence_of(store: Store, kind: ConflictKind, d: dict, rows: list[dict]) -> list[Evidence]:
    """The evidence records of a conflict of ``kind`` on the claim ``d`` (its query's ``rows``)."""
    return _EVIDENCE.get(kind.evidence, _statements_in_words)(store, d, rows)
