"""WDQS's forms of kg's Wikidata statements, written next to kg's own: time value nodes and ranks.

kg's model types a qualifier date by its precision (``pq:P580 "2021"^^xsd:gYear``, ``xsd:gYearMonth``,
``xsd:date``), and its conflict queries widen it to the period it covers.  The Query Service has
an ``xsd:dateTime`` there (``"2021-01-01T00:00:00Z"``), so a WDQS filter such as
``FILTER(?start > "2010-01-01"^^xsd:dateTime)`` on ``pq:P580`` compares a date with a dateTime
(a type error: no row).  A second, ``xsd:dateTime`` value on ``pq:`` would make those filters
run but changes what kg's queries see (measured: 36 of the 389 conflict-case tests change, a
term's first and last day and year/month bounds), so the dateTime goes where WDQS also has it and
kg's queries never look -- the value node::

    wds:X pqv:P580 wdv:H .
    wdv:H a wikibase:TimeValue ; wikibase:timeValue "2021-01-01T00:00:00Z"^^xsd:dateTime ;
          wikibase:timePrecision 9 ; wikibase:timeTimezone 0 ; wikibase:timeCalendarModel wd:Q1985727 .

and every statement node gets ``wikibase:rank`` (``wikibase:NormalRank`` unless the slice says
otherwise).  ``wdv:`` ids are kg's (``wdv:kg-time-2021-01-01-9``: day and precision), not
Wikibase's hashes; equal values share a node.
The date arithmetic is :func:`kg.kb.records.wikibase_time`.  :func:`forms` runs when the snapshot is
built (:mod:`kg.kb.snapshot`) and whenever a dump's or a live refresh's items are written into the
Wikidata graph (:func:`kg.kb.sources.materialise`); value nodes are not copied into source graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.kb.records import wikibase_time
from kg.vocab import PQ, PQV, RDF, WD, WDV, WIKIBASE, XSD
from kg.vocab import P as STATEMENT_PROPERTY

RANKS = {"normal": WIKIBASE.NormalRank, "preferred": WIKIBASE.PreferredRank, "deprecated": WIKIBASE.DeprecatedRank}
#: Wikidata's proleptic Gregorian calendar (the only one the slice's dates are in).
GREGORIAN = WD.Q1985727
_DATE_TYPES = {str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear)}
_RANK, _TYPE = NamedNode(str(WIKIBASE.rank)), NamedNode(str(RDF.type))
_INTEGER, _DATETIME = NamedNode(str(XSD.integer)), NamedNode(str(XSD.dateTime))


def time_node(date: str) -> tuple[NamedNode, list[Triple]]:
    """The ``wdv:`` value node of an ISO date at its precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    text, precision = wikibase_time(date)
    node = NamedNode(f"{WDV}kg-time-{text[:10]}-{precision}")
    return node, [
        Triple(node, _TYPE, NamedNode(str(WIKIBASE.TimeValue))),
        Triple(node, NamedNode(str(WIKIBASE.timeValue)), Literal(text, datatype=_DATETIME)),
        Triple(node, NamedNode(str(WIKIBASE.timePrecision)), Literal(str(precision), datatype=_INTEGER)),
        Triple(node, NamedNode(str(WIKIBASE.timeTimezone)), Literal("0", datatype=_INTEGER)),
        Triple(node, NamedNode(str(WIKIBASE.timeCalendarModel)), NamedNode(str(GREGORIAN))),
    ]


def forms(triples: Iterable[Triple | Quad], ranks: Mapping[str, str] | None = None) -> list[Triple]:
    """The WDQS triples to add to ``triples`` (kg's model): ``pqv:`` time value nodes for every
    dated qualifier and ``wikibase:rank`` for every statement node (``p:Pxx`` object), ``ranks``
    giving the statements that are not normal (statement IRI -> ``preferred``/``deprecated``); a
    statement that already has a ``wikibase:rank`` in ``triples`` keeps it.  Used when the snapshot
    is built and when :func:`kg.kb.sources.materialise` writes a dump's or a live refresh's items."""
    ranks = ranks or {}
    triples = list(triples)
    prop, qualifier = str(STATEMENT_PROPERTY) + "P", str(PQ)
    ranked = {triple.subject.value for triple in triples if triple.predicate == _RANK}
    out: dict[Triple, None] = {}
    for triple in triples:
        predicate, obj = triple.predicate.value, triple.object
        if predicate.startswith(prop) and isinstance(obj, NamedNode):
            if obj.value in ranked:
                continue  # a rank of its own (a dump's, the Query Service's) stays
            rank = RANKS[ranks.get(obj.value, "normal")]
            out[Triple(obj, _RANK, NamedNode(str(rank)))] = None
        elif (predicate.startswith(qualifier) and isinstance(obj, Literal)
              and obj.datatype.value in _DATE_TYPES):
            node, values = time_node(obj.value)
            out[Triple(triple.subject, NamedNode(str(PQV) + predicate[len(qualifier):]), node)] = None
            out.update(dict.fromkeys(values))
    return list(out)
