"""Typical Wikidata Query Service queries run unchanged on a snapshot kg built itself.

The store holds the snapshot that ``build_snapshot`` makes from a small cut of the CC0 slice
(``tests/fixtures/wdqs_slice``: UK prime ministers since 2007, Putin's two terms as President of
Russia -- the current one preferred in his Wikidata entity --, Scholz's chancellorship at year
precision, an ambassador's at month precision, Germany's NATO membership, one of Putin's relatives
typed only by her Wikidata entity).  The queries use WDQS's forms: ``pqv:`` value nodes with
``wikibase:timeValue`` (``xsd:dateTime``) and ``wikibase:timePrecision``, ``wikibase:rank``,
``wdt:P31/wdt:P279*`` and the label service; each runs through ``Store.query``, ``kg query`` and
the endpoint with the same rows.
"""

from __future__ import annotations

import csv
import gzip
import io
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kg.kb import build_snapshot
from kg.kb.snapshot import SNAPSHOT_FILENAME
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH
from tests.test_server import running

SLICE = Path(__file__).resolve().parent / "fixtures" / "wdqs_slice"
WD = "http://www.wikidata.org/entity/"

# UK prime ministers who took office after 2010, with WDQS's dateTime comparison
SINCE_2010 = """SELECT ?pm ?pmLabel ?start WHERE {
  ?pm p:P39 ?statement .
  ?statement ps:P39 wd:Q14211 ; pqv:P580 [ wikibase:timeValue ?start ] .
  FILTER(?start > "2010-01-01T00:00:00Z"^^xsd:dateTime)
  SERVICE wikibase:label { bd:serviceParam wikibase:language "[AUTO_LANGUAGE],en". }
} ORDER BY ?start"""
# who held the office on a day: start and end as value nodes, an open end is current
ON_A_DAY = """SELECT ?holder ?holderLabel WHERE {
  ?holder p:P39 ?statement .
  ?statement ps:P39 wd:Q14211 ; pqv:P580/wikibase:timeValue ?start .
  OPTIONAL { ?statement pqv:P582/wikibase:timeValue ?end . }
  FILTER(?start <= "2017-01-01T00:00:00Z"^^xsd:dateTime
         && (!BOUND(?end) || ?end >= "2017-01-01T00:00:00Z"^^xsd:dateTime))
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}"""
# current holders of two offices: no end qualifier, deprecated statements left out
CURRENT = """SELECT ?office ?holder ?holderLabel WHERE {
  VALUES ?office { wd:Q14211 wd:Q218295 }
  ?holder p:P39 ?statement .
  ?statement ps:P39 ?office ; wikibase:rank ?rank .
  FILTER(?rank != wikibase:DeprecatedRank)
  FILTER NOT EXISTS { ?statement pq:P582 ?end . }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
} ORDER BY ?office"""
# the preferred statement of a property
PREFERRED = """SELECT ?statement ?start WHERE {
  wd:Q7747 p:P39 ?statement .
  ?statement wikibase:rank wikibase:PreferredRank ; pq:P580 ?start .
}"""
# the precision of each start date, and its year
PRECISION = """SELECT ?person ?start ?precision ?year WHERE {
  VALUES ?person { wd:Q61053 wd:Q100271534 wd:Q180589 }
  ?person p:P39/pqv:P580 ?value .
  ?value wikibase:timeValue ?start ; wikibase:timePrecision ?precision .
  BIND(YEAR(?start) AS ?year)
} ORDER BY ?precision"""
# humans (instance of human or of a subclass); offices by class, with their non-deprecated terms
HUMANS = """SELECT ?item ?itemLabel WHERE {
  ?item wdt:P31/wdt:P279* wd:Q5 .
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
} ORDER BY ?itemLabel"""
OFFICES = """SELECT ?office ?officeLabel (COUNT(?statement) AS ?terms) WHERE {
  ?office wdt:P31/wdt:P279* wd:Q4164871 .
  OPTIONAL { ?statement ps:P39 ?office ; wikibase:rank ?rank . FILTER(?rank != wikibase:DeprecatedRank) }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
} GROUP BY ?office ?officeLabel ORDER BY ?officeLabel"""

STATEMENT = "http://www.wikidata.org/entity/statement/"
EXPECTED = {
    SINCE_2010: [
        {"pm": WD + "Q192", "pmLabel": "David Cameron", "start": "2010-05-11T00:00:00Z"},
        {"pm": WD + "Q264766", "pmLabel": "Theresa May", "start": "2016-07-13T00:00:00Z"},
        {"pm": WD + "Q180589", "pmLabel": "Boris Johnson", "start": "2019-07-24T00:00:00Z"}],
    ON_A_DAY: [{"holder": WD + "Q264766", "holderLabel": "Theresa May"}],
    CURRENT: [{"office": WD + "Q14211", "holder": WD + "Q180589", "holderLabel": "Boris Johnson"},
              {"office": WD + "Q218295", "holder": WD + "Q7747", "holderLabel": "Vladimir Putin"}],
    PREFERRED: [{"statement": STATEMENT + "Q7747-kb-63f6b0cfb5987372", "start": "2012-05-07T00:00:00Z"}],
    PRECISION: [
        {"person": WD + "Q61053", "start": "2021-01-01T00:00:00Z", "precision": "9", "year": "2021"},
        {"person": WD + "Q100271534", "start": "2020-10-01T00:00:00Z", "precision": "10", "year": "2020"},
        {"person": WD + "Q180589", "start": "2019-07-24T00:00:00Z", "precision": "11", "year": "2019"}],
    HUMANS: [{"item": WD + q, "itemLabel": name} for q, name in [
        ("Q180589", "Boris Johnson"), ("Q192", "David Cameron"), ("Q10648", "Gordon Brown"),
        ("Q233282", "Lyudmila Ocheretnaya"), ("Q100271534", "Muriel Soret"), ("Q264766", "Theresa May"),
        ("Q7747", "Vladimir Putin")]],
    OFFICES: [{"office": WD + q, "officeLabel": name, "terms": n} for q, name, n in [
        ("Q4970706", "Federal Chancellor of Germany", "1"), ("Q218295", "President of Russia", "2"),
        ("Q14211", "Prime Minister of the United Kingdom", "4"), ("Q54320693", "Q54320693", "1")]],
}
IDS = ["since-2010", "on-a-day", "current", "preferred", "precision", "humans", "offices"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("snapshot")
    build_snapshot(SLICE, out)
    path = tmp_path_factory.mktemp("wdqs-examples") / "store"
    store = Store(path)
    store.load(gzip.decompress((out / SNAPSHOT_FILENAME).read_bytes()), "nt", graph=WIKIDATA_GRAPH)
    store.flush()
    return path


@pytest.mark.parametrize("query", list(EXPECTED), ids=IDS)
def test_wdqs_examples_in_the_api(store_path, query):
    assert Store(store_path, read_only=True).select(query) == EXPECTED[query]


def _csv_rows(text):
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("query", list(EXPECTED), ids=IDS)
def test_wdqs_examples_with_kg_query(store_path, query):
    result = subprocess.run([sys.executable, "-m", "kg", "query", "-", "--store", str(store_path), "--format", "csv"],
                            input=query, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert _csv_rows(result.stdout) == EXPECTED[query]


def test_wdqs_examples_through_the_endpoint(store_path):
    with running(Store(store_path, read_only=True)) as base, httpx.Client(trust_env=False, timeout=30) as http:
        for query, expected in EXPECTED.items():
            response = http.post(base + "/sparql", data={"query": query}, headers={"Accept": "text/csv"})
            assert response.status_code == 200, response.text
            assert _csv_rows(response.text) == expected, query


def test_datetime_filters_work_on_pq_as_on_the_value_node(store_path):
    """``pq:`` holds WDQS's ``xsd:dateTime`` (kg's precision-typed date and day bounds are on the
    value node): a WDQS filter on ``pq:P580`` gives the rows the value-node form gives."""
    store = Store(store_path, read_only=True)
    on_pq = SINCE_2010.replace("pqv:P580 [ wikibase:timeValue ?start ]", "pq:P580 ?start")
    assert on_pq != SINCE_2010 and store.select(on_pq) == EXPECTED[SINCE_2010]


# births after 1960, on the truthy property and on its statement's value node, at their precision
BORN = """SELECT ?person ?born ?precision WHERE {
  ?person wdt:P569 ?born ; p:P569/psv:P569 [ wikibase:timeValue ?born ; wikibase:timePrecision ?precision ] .
  FILTER(?born >= "1960-01-01T00:00:00Z"^^xsd:dateTime)
} ORDER BY ?born"""


def test_a_truthy_date_has_its_statement_and_value_node(store_path):
    store = Store(store_path, read_only=True)
    rows = store.select(BORN)
    truthy = store.select("SELECT ?person ?born WHERE { ?person wdt:P569 ?born "
                          'FILTER(?born >= "1960-01-01T00:00:00Z"^^xsd:dateTime) } ORDER BY ?born')
    assert rows and [(r["person"], r["born"]) for r in rows] == [(r["person"], r["born"]) for r in truthy]
    assert all(r["born"].endswith("T00:00:00Z") and r["precision"] in {"9", "10", "11"} for r in rows)


def test_value_nodes_carry_the_days_a_date_covers(store_path):
    """kg's day bounds: a year covers its whole year, a month its real last day."""
    rows = Store(store_path, read_only=True).select(
        "SELECT ?precision ?first ?last ?date WHERE { ?v wikibase:timePrecision ?precision ; "
        "dip:firstDay ?first ; dip:lastDay ?last ; dip:precisionDate ?date }")
    by_precision = {}
    for r in rows:
        by_precision.setdefault(r["precision"], []).append(r)
    assert set(by_precision) == {"9", "10", "11"}
    assert all(r["first"] == r["date"] + "-01-01" and r["last"] == r["date"] + "-12-31" for r in by_precision["9"])
    assert all(r["first"] == r["date"] + "-01" and r["last"][:7] == r["date"] and r["last"][8:] in {"28", "29", "30", "31"}
               for r in by_precision["10"])
    assert all(r["first"] == r["last"] == r["date"] for r in by_precision["11"])


def test_every_statement_has_one_rank(store_path):
    rows = Store(store_path, read_only=True).select(
        "SELECT ?statement (COUNT(?rank) AS ?n) WHERE { ?item ?p ?statement . "
        "FILTER(STRSTARTS(STR(?p), 'http://www.wikidata.org/prop/P')) "
        "OPTIONAL { ?statement wikibase:rank ?rank } } GROUP BY ?statement")
    # 9 position-held statements and 6 of dates of birth (a truthy date's own statement node)
    assert len(rows) == 15 and {row["n"] for row in rows} == {"1"}
