"""Tests written for the survivors of ``bench/mutation.py``: each one fails on a one-line mutant
that every other test let through (the mutant is named in the test's docstring)."""

from __future__ import annotations

from datetime import date

import pytest
import rdflib.namespace as rdfns
from rdflib import Literal

from kg import queries
from kg.check_evidence import claimed
from kg.conflict_kinds import kind
from kg.ingest.dates import parse_date
from kg.kb.records import Holding, Membership, covers
from kg.link.names import given_fits, misspelt
from kg.model import Evidence
from kg.vocab import KG, SCHEMA, WIKIDATA_GRAPH
from tests.test_conflict_cases import SNAPSHOT, World, _case, _store


def test_membership_and_holding_cover_their_own_dates():
    """records.py ``Membership.covers`` / ``Holding.covers`` -> ``return None``."""
    m = Membership("Q1", "Q458", start="1995-01-01", end="2020-01-31")
    assert m.covers("2020-01-31") is True and m.covers("2020-02-01") is False
    h = Holding("Q2", "Q11696", start="2021-01-20")
    assert h.covers("2030") is True and h.covers("2021-01-19") is False


@pytest.mark.parametrize("start, day, expected", [
    ("2009-01-25", "2009-01-24", False),  # start[:10] -> start[:9]: "2009-01-2" would cover the 24th
    ("2009-01-25", "2009-01-25", True),
    ("2009-01-05", "2009-01-04", False),
])
def test_a_start_in_the_same_ten_days_excludes_the_day_before(start, day, expected):
    """records.py ``covers``: the start's full day is compared, not its first nine characters."""
    assert covers(start, None, day) is expected


@pytest.mark.parametrize("end, day, expected", [
    ("2017-01-25", "2017-01-26", False),
    ("2017-01-25", "2017-01-25", True),
])
def test_an_end_in_the_same_ten_days_excludes_the_day_after(end, day, expected):
    assert covers(None, end, day) is expected


def test_a_written_date_may_end_with_a_full_stop():
    """dates.py ``_parse_written``: ``text.rstrip(".")`` -> ``text.rstrip("")``."""
    assert parse_date("January 14, 2022.") == date(2022, 1, 14)
    assert parse_date("14 Jan. 2022.") == date(2022, 1, 14)


def test_a_five_letter_name_one_edit_away_is_misspelt():
    """names.py ``misspelt``: ``min(len) >= 5`` -> ``> 5``."""
    assert misspelt("Maria", "Mario") and not misspelt("Ivan", "Iran")


def test_a_given_name_fits_the_first_given_name_of_a_label():
    """names.py ``given_fits``: the first-given-name match ``return True`` -> ``return False``."""
    assert given_fits("Antony", ["Antony John Blinken"])
    assert given_fits("Joe", ["", "Joseph R. Biden"])
    assert not given_fits("Hillary", ["Bill Clinton"])


def test_the_explanation_of_a_cross_article_conflict_lists_every_other_article():
    """conflict_kinds.py ``explain_cross_article``: ``"; ".join(others)`` -> ``"".join(others)``."""
    d = {"subject": "http://www.wikidata.org/entity/Q1", "subjectLabel": "Ann Lee", "claimDate": "2022-03-01",
         "title": "Foreign Minister", "surface": "Ann Lee"}
    evidence = [Evidence.of("other-claim", "urn:a", "Bob Roe", article="a", chars=(0, 7), surface="Bob Roe"),
                Evidence.of("other-claim", "urn:b", "Cy Poe", article="b", chars=(0, 6), surface="Cy Poe")]
    text = kind("cross-article").explanation(claimed(d), evidence, "2024-01-01")
    assert ("someone else for it on that day: article a 0-7: 'Bob Roe' (Bob Roe); "
            "article b 0-6: 'Cy Poe' (Cy Poe).") in text


def test_the_explanation_of_a_never_held_conflict_keeps_a_colon_in_an_office_label():
    """conflict_kinds.py ``explain_never_held``: the office is its evidence's ``object_label``, colon and all
    (it was ``value.split(": ", 1)``, which ``split(": ", 2)`` broke)."""
    d = {"subject": "http://www.wikidata.org/entity/Q1", "subjectLabel": "Ann Lee", "claimDate": "2022-03-01",
         "title": "Prime Minister"}
    evidence = [Evidence.of("statement", "urn:s1", "Ann Lee", "Minister: Trade"),
                Evidence.of("statement", "urn:s2", "Ann Lee", "Mayor of X")]
    text = kind("never-held").explanation(claimed(d), evidence, "")
    assert text.endswith("offices held: Mayor of X; Minister: Trade.")


def _cross_article_hits(**variants) -> set[str]:
    """The cases the cross-article query returns, on a graph of one control case ("plain") and one
    case per variant (the claim's or the other article's claim's extra properties): each case has
    its own office, holder, title and country, as in tests/test_conflict_cases.py."""
    w = World()
    w.wikidata.append((WIKIDATA_GRAPH, rdfns.DCTERMS.issued, Literal(SNAPSHOT, datatype=rdfns.XSD.date)))
    for case, (own, other) in {"plain": ({}, {}), **variants}.items():
        office, holder, country = w.item(f"Office {case}"), w.person(f"Holder {case}"), w.item(f"Country {case}")
        w.statement(holder, "P39", office, "2021-01-26", None)
        title = w.title("secretary of state", denotes=(office,))
        w.role(case, None, KG[f"entity/{case}"], None, "2022-02-02", title=title, country=country, **own)
        w.role(f"{case}-other", None, holder, office, "2022-02-02", title=title, country=country,
               article=f"{case}-other", **other)
    return {_case(r["claim"]) for r in _store(w).select(queries.get("conflicts/cross-article").text)}


def test_cross_article_skips_a_hypothetical_claim_and_an_other_claim_of_a_different_name():
    """cross-article.rq: the ``dip:reading`` FILTER NOT EXISTS of the claim, and the
    ``dip:nameDiffers`` one of the other article's claim, removed."""
    hits = _cross_article_hits(hypothetical=({"reading": "hypothetical"}, {}),
                               other_differs=({}, {"nameDiffers": Literal(True)}))
    assert hits == {"plain"}


def _out_of_term_hits(terms: dict[str, tuple[str, str | None, str]]) -> set[str]:
    """The cases out-of-term returns, each a claim dated 2008-05-01 by its clause ("In 2008, ...")
    in an article written on ``written``, of a person whose one term of the office is [start, end]."""
    w = World()
    w.wikidata.append((WIKIDATA_GRAPH, rdfns.DCTERMS.issued, Literal(SNAPSHOT, datatype=rdfns.XSD.date)))
    for case, (start, end, written) in terms.items():
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", office, start, end)
        w.role(case, None, person, office, "2008-05-01", date_evidence="time expression 'In 2008'")
        a = KG[f"article/{case}"]
        w.articles[a].append((a, SCHEMA.datePublished, Literal(written, datatype=rdfns.XSD.date)))
    return {_case(r["claim"]) for r in _store(w).select(queries.get("conflicts/out-of-term").text)}


def test_a_retrospective_title_is_read_on_the_bounds_of_the_term_held_when_written():
    """out-of-term.rq, the retrospective-title block: ``STRLEN(?nbs) = 4`` -> ``!=``, a year-only
    start widened to ``-01-02``, a month-only end to ``-30``: each moves a bound by one day."""
    hits = _out_of_term_hits({
        "written-on-first-day": ("2022-03-01", None, "2022-03-01"),
        "written-on-first-day-of-year-only-start": ("2022", None, "2022-01-01"),
        "written-on-last-day-of-month-only-end": ("2020-01-01", "2022-03", "2022-03-31"),
        "written-after-the-term": ("2020-01-01", "2022-03", "2022-04-01"),
        "written-before-the-term": ("2022-03-02", None, "2022-03-01"),
    })
    assert hits == {"written-after-the-term", "written-before-the-term"}


def test_never_held_skips_a_hypothetical_claim():
    """never-held.rq: the ``dip:reading`` FILTER NOT EXISTS removed."""
    w = World()
    w.wikidata.append((WIKIDATA_GRAPH, rdfns.DCTERMS.issued, Literal(SNAPSHOT, datatype=rdfns.XSD.date)))
    for case, kw in {"nh-plain": {}, "nh-hypothetical": {"reading": "hypothetical"}}.items():
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", w.item(f"Other office {case}"), "2001", "2004")
        w.statement(w.person(f"Holder {case}"), "P39", office, "2010", None)
        w.role(case, None, person, None, "2022-01-21", title=w.title("president", denotes=(office,)),
               positionTitle="president", **kw)
    hits = {_case(r["claim"]) for r in _store(w).select(queries.get("conflicts/never-held").text)}
    assert hits == {"nh-plain"}
