"""kg.kb.wikibase.wdqs_form: kg's precision-typed dates as WDQS has them, with kg's day bounds."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from kg.kb.wikibase import wdqs_form
from kg.vocab import DIP, P, PQ, PQV, PS, PSV, WD, WDS, WDT

ST = WDS["Q1-a"]
KG_MODEL = [(WD.Q1, P.P39, ST), (ST, PS.P39, WD.Q2), (ST, PQ.P580, Literal("2009", datatype=XSD.gYear)),
            (ST, PQ.P582, Literal("2016-02", datatype=XSD.gYearMonth)),
            (WD.Q1, WDT.P569, Literal("1961-08-04", datatype=XSD.date))]


def _objects(triples, predicate):
    return sorted(t.object.value for t in triples if t.predicate.value == str(predicate))


def test_dates_become_datetimes_with_value_nodes_and_day_bounds():
    out = wdqs_form(KG_MODEL)
    assert _objects(out, PQ.P580) == ["2009-01-01T00:00:00Z"] and _objects(out, PQ.P582) == ["2016-02-01T00:00:00Z"]
    assert _objects(out, WDT.P569) == ["1961-08-04T00:00:00Z"]
    assert len(_objects(out, PQV.P580)) == len(_objects(out, PQV.P582)) == 1
    assert _objects(out, DIP.firstDay) == ["1961-08-04", "2009-01-01", "2016-02-01"]
    assert _objects(out, DIP.lastDay) == ["1961-08-04", "2009-12-31", "2016-02-29"]
    assert _objects(out, DIP.precisionDate) == ["1961-08-04", "2009", "2016-02"]
    # no precision-typed date is left on wdt:/ps:/pq:
    assert not [t for t in out if t.predicate.value.startswith((str(PQ), str(PS), str(WDT)))
                and t.object.value in {"2009", "2016-02", "1961-08-04"}]


def test_a_truthy_date_gets_one_statement_node_unless_it_has_one():
    out = wdqs_form(KG_MODEL)
    assert _objects(out, P.P569) == [str(WDS) + "kg-Q1-P569-1961-08-04"]
    assert _objects(out, PS.P569) == ["1961-08-04T00:00:00Z"] and len(_objects(out, PSV.P569)) == 1
    own = WDS["Q1-born"]
    given = KG_MODEL + [(WD.Q1, P.P569, own), (own, PS.P569, Literal("1961-08-04", datatype=XSD.date))]
    assert _objects(wdqs_form(given), P.P569) == [str(own)]


def test_it_is_idempotent():
    once = wdqs_form(KG_MODEL)
    assert wdqs_form(once) == once
