"""The Wikidata graph as the Query Service has it, from kg's model of a statement.

kg's sources (the slice, a dump, a live refresh) type a date by its precision
(``pq:P580 "2021"^^xsd:gYear``, ``xsd:gYearMonth``, ``xsd:date``).  The Query Service has an
``xsd:dateTime`` on ``wdt:``/``ps:``/``pq:`` (the first day, ``"2021-01-01T00:00:00Z"``) and the
precision on a value node, so WDQS filters such as ``FILTER(?start > "2010-01-01"^^xsd:dateTime)``
work only on that form.  :func:`wdqs_form` writes it, once, for every fact entering the Wikidata
graph, and adds kg's own day bounds to the value node -- the one place a date is widened to the
period it covers (its arithmetic is :mod:`kg.kb.records`)::

    wds:X pq:P580 "2021-01-01T00:00:00Z"^^xsd:dateTime ; pqv:P580 wdv:kg-time-2021-01-01-9 .
    wdv:kg-time-2021-01-01-9 a wikibase:TimeValue ;
          wikibase:timeValue "2021-01-01T00:00:00Z"^^xsd:dateTime ; wikibase:timePrecision 9 ;
          wikibase:timeTimezone 0 ; wikibase:timeCalendarModel wd:Q1985727 ;
          dip:firstDay "2021-01-01"^^xsd:date ; dip:lastDay "2021-12-31"^^xsd:date ;
          dip:precisionDate "2021"^^xsd:gYear .

kg's queries compare ``dip:firstDay``/``dip:lastDay`` (and read ``dip:precisionDate`` to show a
date as Wikidata gives it); users' WDQS queries use ``pq:``/``ps:``/``wdt:`` and the value nodes.
A truthy date (``wdt:P569``) also gets its statement node (``p:P569``/``ps:P569``/``psv:P569``), as
on WDQS.  Every statement node gets ``wikibase:rank`` (``wikibase:NormalRank`` unless the source
says otherwise).  ``wdv:`` ids are kg's (day and precision), not Wikibase's hashes; equal values
share a node.  Applying :func:`wdqs_form` to its own output changes nothing, so graphs copied from
the effective graph (the snapshot's source graph) can be written again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.kb.records import first_day, last_day, wikibase_time
from kg.sparql_bind import to_ox
from kg.vocab import DIP, P, PQ, PQV, PS, PSV, RDF, WD, WDS, WDT, WDV, WIKIBASE, XSD

RANKS = {"normal": WIKIBASE.NormalRank, "preferred": WIKIBASE.PreferredRank, "deprecated": WIKIBASE.DeprecatedRank}
#: Wikidata's proleptic Gregorian calendar (the only one the slice's dates are in).
GREGORIAN = WD.Q1985727
_DATE_TYPES = {str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear)}
_RANK, _TYPE = NamedNode(str(WIKIBASE.rank)), NamedNode(str(RDF.type))
_INTEGER, _DATETIME, _DATE = NamedNode(str(XSD.integer)), NamedNode(str(XSD.dateTime)), NamedNode(str(XSD.date))
_P, _PS, _PQ, _WDT = str(P), str(PS), str(PQ), str(WDT)
#: where each kind of date sits, and the property of its value node
_VALUE_OF = ((_PQ, str(PQV)), (_PS, str(PSV)))


def time_node(value: Literal) -> tuple[Literal, NamedNode, list[Triple]]:
    """WDQS's ``xsd:dateTime`` of a precision-typed date literal, its ``wdv:`` value node and the
    node's triples."""
    date = value.value
    text, precision = wikibase_time(date)
    when = Literal(text, datatype=_DATETIME)
    node = NamedNode(f"{WDV}kg-time-{text[:10]}-{precision}")
    return when, node, [
        Triple(node, _TYPE, NamedNode(str(WIKIBASE.TimeValue))),
        Triple(node, NamedNode(str(WIKIBASE.timeValue)), when),
        Triple(node, NamedNode(str(WIKIBASE.timePrecision)), Literal(str(precision), datatype=_INTEGER)),
        Triple(node, NamedNode(str(WIKIBASE.timeTimezone)), Literal("0", datatype=_INTEGER)),
        Triple(node, NamedNode(str(WIKIBASE.timeCalendarModel)), NamedNode(str(GREGORIAN))),
        Triple(node, NamedNode(str(DIP.firstDay)), Literal(first_day(date), datatype=_DATE)),
        Triple(node, NamedNode(str(DIP.lastDay)), Literal(last_day(date), datatype=_DATE)),
        Triple(node, NamedNode(str(DIP.precisionDate)), value),
    ]


def _is_date(term) -> bool:
    return isinstance(term, Literal) and term.datatype.value in _DATE_TYPES


def wdqs_form(triples: Iterable[Triple | Quad | tuple], ranks: Mapping[str, str] | None = None) -> list[Triple]:
    """``triples`` (kg's model) as the Wikidata graph holds them: every precision-typed date on
    ``pq:``/``ps:``/``wdt:`` becomes WDQS's ``xsd:dateTime`` with its value node (``pqv:``/``psv:``,
    with kg's day bounds), a truthy date gets its statement node, and every statement node
    (``p:Pxx`` object) gets ``wikibase:rank`` -- ``ranks`` giving the statements that are not
    normal (statement IRI -> ``preferred``/``deprecated``); a rank already in ``triples`` stays.
    Used when the snapshot is built and when :func:`kg.kb.sources.materialise` writes a dump's or
    a live refresh's items.  Idempotent."""
    ranks = ranks or {}
    triples = [Triple(t.subject, t.predicate, t.object) if isinstance(t, (Triple, Quad))
               else Triple(*(to_ox(term) for term in t)) for t in triples]  # (rdflib triples too)
    ranked = {t.subject.value for t in triples if t.predicate == _RANK}
    dated = {t.subject.value: t.object for t in triples
             if t.predicate.value.startswith(_PS) and isinstance(t.object, Literal)
             and (_is_date(t.object) or t.object.datatype == _DATETIME)}
    # (item, property, first day) of the date statements the input has: a truthy date that has one
    # needs no statement node of kg's
    stated = {(t.subject.value, t.predicate.value[len(_P):], _day(dated[t.object.value]))
              for t in triples if t.predicate.value.startswith(_P + "P") and isinstance(t.object, NamedNode)
              and t.object.value in dated}
    out: dict[Triple, None] = {}
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if predicate.startswith(_P + "P") and isinstance(obj, NamedNode):
            out[triple] = None
            if obj.value not in ranked:
                out[Triple(obj, _RANK, NamedNode(str(RANKS[ranks.get(obj.value, "normal")])))] = None
            continue
        if not (_is_date(obj) and predicate.startswith((_PQ, _PS, _WDT))):
            out[triple] = None
            continue
        when, node, values = time_node(obj)
        out[Triple(subject, triple.predicate, when)] = None
        value_space = next((v for space, v in _VALUE_OF if predicate.startswith(space)), None)
        if value_space is not None:  # pq:/ps: -> pqv:/psv:
            out[Triple(subject, NamedNode(value_space + predicate.rsplit("/", 1)[-1]), node)] = None
        elif (subject.value, prop := predicate[len(_WDT):], when.value[:10]) not in stated:  # a truthy date
            statement = NamedNode(f"{WDS}kg-{subject.value.rsplit('/', 1)[-1]}-{prop}-{when.value[:10]}")
            out[Triple(subject, NamedNode(_P + prop), statement)] = None
            out[Triple(statement, NamedNode(_PS + prop), when)] = None
            out[Triple(statement, NamedNode(str(PSV) + prop), node)] = None
            out[Triple(statement, _RANK, NamedNode(str(RANKS["normal"])))] = None
        out.update(dict.fromkeys(values))
    return list(out)


def _day(value: Literal) -> str:
    return first_day(value.value) if _is_date(value) else value.value[:10]
