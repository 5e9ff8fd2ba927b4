"""Each conflict query on a hand-made graph, one case per person and office.

Every case below gets its own person, office (and title, organisation or place), so that no
case can hide another: a statement that covers one claim's date is never there for another
claim.  Each case says which conflict query must return its claim (or none), and the test
checks that exactly that query does -- and that ``check()`` reports exactly that kind, or counts
the claim as consistent or unverifiable with the expected reason.  Boundaries are tested on
both sides: a term's first and last day, a year-only or month-only bound, the snapshot day.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.kb.wikibase import wdqs_form
from kg import queries
from kg.check import KINDS, check
from kg.store import Store
from kg.vocab import DIP, KG, NIF, P, PQ, PS, SCHEMA, WD, WDT, WIKIDATA_GRAPH

SNAPSHOT = "2024-01-01"
HUMAN = WD["Q5"]


def _date(value: str) -> Literal:
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=kind)


@dataclass
class World:
    """A Wikidata graph and an article graph built case by case, with fresh items for each case."""

    wikidata: list = field(default_factory=list)
    articles: dict = field(default_factory=dict)
    expected: dict = field(default_factory=dict)  # case -> conflict kind or None
    verdicts: dict = field(default_factory=dict)  # case -> "consistent" / an UNVERIFIABLE reason / None
    n: int = 910000

    def item(self, label: str | None = None, *types: URIRef) -> URIRef:
        self.n += 1
        iri = WD[f"Q{self.n}"]
        if label:
            self.wikidata.append((iri, RDFS.label, Literal(label, lang="en")))
        self.wikidata += [(iri, WDT.P31, t) for t in types]
        return iri

    def person(self, label: str, *, birth: str | None = None, death: str | None = None) -> URIRef:
        iri = self.item(label, HUMAN)
        if birth:
            self.wikidata.append((iri, WDT.P569, _date(birth)))
        if death:
            self.wikidata.append((iri, WDT.P570, _date(death)))
        return iri

    def statement(self, subject: URIRef, prop: str, value: URIRef, start: str | None = None,
                  end: str | None = None) -> URIRef:
        self.n += 1
        st = URIRef(f"http://www.wikidata.org/entity/statement/Q{self.n}-case")
        self.wikidata += [(subject, P[prop], st), (st, PS[prop], value), (subject, WDT[prop], value)]
        if start:
            self.wikidata.append((st, PQ.P580, _date(start)))
        if end:
            self.wikidata.append((st, PQ.P582, _date(end)))
        return st

    def claim(self, case: str, kind: URIRef, expected: str | None, *, verdict: str | None = None,
              article: str | None = None, date: str | None = None, date_end: str | None = None,
              modifiers: tuple[str, ...] = (), **props) -> URIRef:
        assert case not in self.expected, case
        article = article or case
        a = KG[f"article/{article}"]
        node = KG[f"claim/{case}/role/0-9"]
        surface = props.pop("surface", case)
        evidence = props.pop("date_evidence", "test")
        t = self.articles.setdefault(a, [(a, SCHEMA.identifier, Literal(article))])
        t += [(node, RDF.type, kind), (node, DIP.inArticle, a), (node, NIF.beginIndex, Literal(0)),
              (node, NIF.endIndex, Literal(9)), (node, DIP.surface, Literal(surface)),
              (node, DIP.sentenceText, Literal(f"{surface} said.")), (node, DIP.dateEvidence, Literal(evidence))]
        if date:
            t.append((node, DIP.claimDate, Literal(date, datatype=XSD.date)))
        if date_end:
            t.append((node, DIP.claimDateEnd, Literal(date_end, datatype=XSD.date)))
        t += [(node, DIP.modifier, Literal(m)) for m in modifiers]
        for prop, value in props.items():
            t.append((node, DIP[prop], value if isinstance(value, (URIRef, Literal)) else Literal(value)))
        self.expected[case] = expected
        self.verdicts[case] = verdict
        return node

    def role(self, case: str, expected: str | None, person: URIRef, office: URIRef | None, date: str | None,
             **kw) -> URIRef:
        if office is not None:
            kw["position"] = office
        return self.claim(case, DIP.RoleClaim, expected, subject=person, date=date, **kw)

    def title(self, label: str, denotes: tuple = (), may_denote: tuple = ()) -> URIRef:
        self.n += 1
        title = KG[f"title/{label.replace(' ', '-')}-{self.n}"]
        self.wikidata += [(title, RDF.type, DIP.Title), (title, RDFS.label, Literal(label))]
        self.wikidata += [(title, DIP.denotes, p) for p in denotes] + [(title, DIP.mayDenote, p) for p in may_denote]
        return title


def _out_of_term(w: World) -> None:
    def term(case, start, end, date, expected, verdict=None, **kw):
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", office, start, end)
        if verdict is None and not expected and not kw.get("modifiers"):
            verdict = "consistent"  # checked, and Wikidata agrees
        w.role(case, expected, person, office, date, verdict=verdict, **kw)

    term("oot-last-day", "2009-01-20", "2017-01-20", "2017-01-20", None)
    term("oot-day-after-last", "2009-01-20", "2017-01-20", "2017-01-21", "out-of-term")
    term("oot-first-day", "2009-01-20", "2017-01-20", "2009-01-20", None)
    term("oot-day-before-first", "2009-01-20", "2017-01-20", "2009-01-19", "out-of-term")
    term("oot-year-end-last-day", "2010", "2015", "2015-12-31", None)
    term("oot-year-end-next-year", "2010", "2015", "2016-01-01", "out-of-term")
    term("oot-year-start-first-day", "2010", "2015", "2010-01-01", None)
    term("oot-year-start-year-before", "2010", "2015", "2009-12-31", "out-of-term")
    term("oot-month-end-last-day", "2020-10", "2021-01", "2021-01-31", None)
    term("oot-month-end-next-month", "2020-10", "2021-01", "2021-02-01", "out-of-term")
    term("oot-month-start-first-day", "2020-10", "2021-02", "2020-10-01", None)
    term("oot-month-start-month-before", "2020-10", "2021-02", "2020-09-30", "out-of-term")
    term("oot-open-end", "2021-01-20", None, "2023-06-01", None)
    term("oot-open-start", None, "2017-01-20", "1990-06-01", None)
    term("oot-on-snapshot-day", "2009-01-20", "2017-01-20", SNAPSHOT, "out-of-term")
    term("oot-in-term-on-snapshot-day", "2021-01-20", None, SNAPSHOT, None)  # checked: not after the snapshot
    term("oot-after-snapshot", "2009-01-20", "2017-01-20", "2024-01-02", None, verdict="after-snapshot")
    term("oot-former", "2009-01-20", "2017-01-20", "2022-01-21", None, modifiers=("former",))
    term("oot-acting", "2009-01-20", "2017-01-20", "2022-01-21", None, modifiers=("acting",))
    term("oot-incoming", "2009-01-20", "2017-01-20", "2008-12-01", None, modifiers=("incoming",))
    # several modifiers: one that makes the role past or provisional leaves the claim unchecked, whichever
    # comes first ("deputy" sorts before "former"); "deputy"/"vice" alone do not (check/role-claims ?modifier)
    term("oot-deputy-former", "2009-01-20", "2017-01-20", "2012-01-21", None, modifiers=("deputy", "former"))
    term("oot-vice-acting", "2009-01-20", "2017-01-20", "2012-01-21", None, modifiers=("vice", "acting"))
    term("oot-late-then-former", "2009-01-20", "2017-01-20", "2022-01-21", None, modifiers=("late", "then", "former"))
    term("oot-interim-acting", "2009-01-20", "2017-01-20", "2012-01-21", None, modifiers=("interim", "acting"))
    term("oot-deputy-vice", "2009-01-20", "2017-01-20", "2012-01-21", None, "consistent", modifiers=("deputy", "vice"))
    # the name differs, so no out-of-term; no statement covers the date: unverifiable, not consistent
    term("oot-name-differs", "2009-01-20", "2017-01-20", "2022-01-21", None, nameDiffers=Literal(True),
         verdict="no-statement")
    # an office recorded government by government: the predecessor's segments end and begin on the
    # same day; the handover within their last government is not dated, so a claim in it about the
    # next holder is not checked (unverifiable) ...
    def by_government(case, predecessor_segments, start, end, date, expected, verdict=None):
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", office, start, end)
        predecessor = w.person(f"Predecessor {case}")
        others: dict = {}
        for b, e, *who in predecessor_segments:  # a segment may be of "other office" or "other person"
            holder, held = predecessor, office
            if "other office" in who:
                held = others.setdefault("office", w.item(f"Other office {case}"))
            if "other person" in who:
                holder = others.setdefault("person", w.person(f"Other person {case}"))
            w.statement(holder, "P39", held, b, e)
        w.role(case, expected, person, office, date, verdict=verdict)

    by_government("oot-by-government-last-one", [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2016-06-12", None, verdict="no-statement")
    # ... but a claim in an earlier government of the predecessor's is out of term
    by_government("oot-by-government-earlier-one", [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2013-06-12", "out-of-term")
    # ... and a predecessor with one term (the handover dated) leaves the claim out of term
    by_government("oot-one-term-predecessor", [("2012-05-16", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2016-06-12", "out-of-term")
    # ... as does a predecessor whose segments do not meet the person's start
    by_government("oot-by-government-gap", [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-11-01")],
                  "2016-12-06", "2017-05-15", "2016-06-12", "out-of-term")
    term("oot-undated", "2009-01-20", "2017-01-20", None, None, verdict="no-date")
    # ... on the first day of the predecessor's last government too (its start is on or before the claim) ...
    by_government("oot-by-government-segment-first-day", [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2014-08-25", None, verdict="no-statement")
    # ... but not after the person's own term (the handover is before the claim) ...
    by_government("oot-by-government-after-term", [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2018-01-01", "out-of-term")
    # ... nor when the segments are not one person's record of this office
    by_government("oot-by-government-last-other-office",
                  [("2012-05-16", "2014-08-25"), ("2014-08-25", "2016-12-06", "other office")],
                  "2016-12-06", "2017-05-15", "2016-06-12", "out-of-term")
    by_government("oot-by-government-earlier-other-office",
                  [("2012-05-16", "2014-08-25", "other office"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2016-06-12", "out-of-term")
    by_government("oot-by-government-earlier-other-person",
                  [("2012-05-16", "2014-08-25", "other person"), ("2014-08-25", "2016-12-06")],
                  "2016-12-06", "2017-05-15", "2016-06-12", "out-of-term")
    # a modifier that does not make the role past or provisional ("deputy") leaves the claim checked
    term("oot-deputy", "2009-01-20", "2017-01-20", "2018-01-21", "out-of-term", modifiers=("deputy",))
    # a retrospective title: the clause dates an earlier event and names the person by the office
    # they hold when the article is written ("In 2008, Secretary of State X was a Senate aide",
    # written in 2022): not a claim that they held it in 2008; consistent, as they hold it when written
    # (check/supported)
    def retrospective(case, expected, *, published="2022-03-01", start="2021-01-20", end=None,
                      evidence="time expression 'In 2008' at 0-7", verdict=None):
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", office, start, end)
        w.role(case, expected, person, office, "2008-06-01", verdict=verdict, date_evidence=evidence)
        article = KG[f"article/{case}"]
        w.articles[article].append((article, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))

    retrospective("oot-retrospective", None, verdict="consistent")
    # ... but not when only the article dates the claim (no clause of its own gives the time) ...
    retrospective("oot-retrospective-article-date", "out-of-term", evidence="article date (given)")
    # ... nor when the article was written no later than the claim's time ...
    retrospective("oot-retrospective-written-before", "out-of-term", published="2008-05-01")
    # ... even when the person held the office at the writing, before the time the clause gives
    retrospective("oot-retrospective-written-in-term-before", "out-of-term", published="2008-05-10",
                  start="2000-01-01", end="2008-05-15")
    # ... nor when the person no longer holds the office when it was written, or did not yet
    retrospective("oot-retrospective-ended", "out-of-term", end="2021-12-31")
    retrospective("oot-retrospective-not-yet", "out-of-term", start="2022-06-01")
    # a claim about a period ("in December 2016 and January 2017") overlapping the term's start
    term("oot-range-overlaps-start", "2017-01-01", None, "2016-12-20", None, date_end="2017-01-05")
    term("oot-range-before-start", "2017-01-01", None, "2016-12-01", "out-of-term", date_end="2016-12-31")
    # two terms of one office: a date in either is covered, a date between them is not
    person, office = w.person("Person two terms"), w.item("Office two terms")
    w.statement(person, "P39", office, "2001-01-01", "2005-01-01")
    w.statement(person, "P39", office, "2009-01-01", "2013-01-01")
    w.role("oot-second-term", None, person, office, "2010-06-01", verdict="consistent")
    w.role("oot-between-terms", "out-of-term", person, office, "2007-06-01")
    # another person's term of the same office does not cover this person's claim
    other, office = w.person("Person other holder"), w.item("Office shared")
    w.statement(other, "P39", office, "2015-01-01", None)
    person = w.person("Person earlier holder")
    w.statement(person, "P39", office, "2001-01-01", "2005-01-01")
    w.role("oot-other-holds-it", "out-of-term", person, office, "2016-06-01")


def _wrong_name(w: World) -> None:
    def holder(case, start, end, date, expected, verdict=None, differs=True):
        person, office = w.person(f"Person {case}"), w.item(f"Office {case}")
        w.statement(person, "P39", office, start, end)
        kw = {"nameDiffers": Literal(True)} if differs else {}
        w.role(case, expected, person, office, date, verdict=verdict, **kw)

    holder("wn-in-term", "2021-01-26", None, "2022-01-21", "wrong-name")
    holder("wn-same-name", "2021-01-26", None, "2022-01-21", None, verdict="consistent", differs=False)
    holder("wn-on-snapshot-day", "2021-01-26", None, SNAPSHOT, "wrong-name")
    holder("wn-after-snapshot", "2021-01-26", None, "2024-01-02", None, verdict="after-snapshot")
    holder("wn-last-day", "2009-01-20", "2017-01-20", "2017-01-20", "wrong-name")
    # the name differs but no statement covers the date: unverifiable (no-statement), never consistent
    holder("wn-day-after-last", "2009-01-20", "2017-01-20", "2017-01-21", None, verdict="no-statement")
    holder("wn-first-day", "2009-01-20", "2017-01-20", "2009-01-20", "wrong-name")
    holder("wn-day-before-first", "2009-01-20", "2017-01-20", "2009-01-19", None, verdict="no-statement")
    holder("wn-year-end-last-day", "2010", "2015", "2015-12-31", "wrong-name")
    holder("wn-year-end-next-year", "2010", "2015", "2016-01-01", None, verdict="no-statement")
    holder("wn-year-start-first-day", "2010", "2015", "2010-01-01", "wrong-name")
    holder("wn-month-end-last-day", "2020-10", "2021-01", "2021-01-31", "wrong-name")
    holder("wn-month-end-next-month", "2020-10", "2021-01", "2021-02-01", None, verdict="no-statement")
    holder("wn-month-start-first-day", "2020-10", "2021-02", "2020-10-01", "wrong-name")
    person, office = w.person("Person wn range"), w.item("Office wn range")
    w.statement(person, "P39", office, "2017-01-01", None)
    w.role("wn-range-overlaps-start", "wrong-name", person, office, "2016-12-20", date_end="2017-01-05",
           nameDiffers=Literal(True))


def _never_held(w: World) -> None:
    def case(name, label, expected, *, held_it=False, human=True, holds_any=True, tracked=True, may=False,
             differs=False, verdict=None):
        # human=False: an item of another class (an organisation); None: an item the slice gives no class
        person = w.person(f"Person {name}") if human else w.item(f"Thing {name}", *([WD.Q43229] if human is False else []))
        office, other_office = w.item(f"Office {name}"), w.item(f"Other office {name}")
        if holds_any:
            w.statement(person, "P39", other_office, "2001", "2004")
        if held_it:
            w.statement(person, "P39", office, "2005", "2008")
        if tracked:
            w.statement(w.person(f"Holder {name}"), "P39", office, "2010", None)
        title = w.title(label, may_denote=(office,)) if may else w.title(label, denotes=(office,))
        kw = {"nameDiffers": Literal(True)} if differs else {}
        w.role(name, expected, person, None, "2022-01-21", title=title, positionTitle=label, verdict=verdict, **kw)

    case("nh-prime-minister", "prime minister", "never-held", verdict=None)
    case("nh-held-it", "prime minister", None, held_it=True, verdict="office-unknown")
    case("nh-minister-words", "minister foreign", "never-held")
    case("nh-title-elsewhere", "prime minister", "never-held", may=True)  # "US Prime Minister"
    case("nh-title-elsewhere-held", "prime minister", None, may=True, held_it=True, verdict="office-unknown")
    case("nh-acting", "acting president", None, verdict="office-unknown")
    case("nh-press-secretary", "press secretary", None, verdict="office-unknown")
    case("nh-ambassador", "ambassador", None, verdict="office-unknown")
    case("nh-no-office-at-all", "president", None, holds_any=False, verdict="no-offices")
    case("nh-not-a-person", "president", None, human=False, verdict="office-unknown")
    # a historical claim whose clause gives no time: never holding an office is true at any time,
    # so it is checked when the article predates the snapshot ...
    def undated(name, published, expected):
        person, office = w.person(f"Person {name}"), w.item(f"Office {name}")
        w.statement(person, "P39", w.item(f"Other office {name}"), "2001", "2004")
        w.statement(w.person(f"Holder {name}"), "P39", office, "2010", None)
        w.role(name, expected, person, None, None, title=w.title("president", denotes=(office,)),
               positionTitle="president", reading="historical", verdict=None)
        w.articles[KG[f"article/{name}"]].append((KG[f"article/{name}"], SCHEMA.datePublished,
                                                  Literal(published, datatype=XSD.date)))

    undated("nh-historical-undated", "2020-05-01", "never-held")
    # ... and not when it was written after the snapshot (the office may have been taken since)
    undated("nh-historical-undated-after-snapshot", "2024-05-01", None)
    # an undated claim that is not historical has no time at all: not checked
    person, office = w.person("Person nh undated asserted"), w.item("Office nh undated asserted")
    w.statement(person, "P39", w.item("Other office nh undated asserted"), "2001", "2004")
    w.statement(w.person("Holder nh undated asserted"), "P39", office, "2010", None)
    w.role("nh-undated-asserted", None, person, office, None, title=w.title("president", denotes=(office,)),
           positionTitle="president", verdict="no-date")
    # a holder whom the slice gives no P31 is known only from lists of current holders: the record
    # lacks the person's other offices, so "never held" cannot be concluded from it
    case("nh-unclassed-holder", "president", None, human=None, verdict="office-unknown")
    # ... but the offices it lists show which country the holder serves: a title that names only
    # another country's offices is one they never held ("French President Olaf Scholz"), while a
    # title of their own country ("Swiss President Cassis") or of no known country decides nothing
    def unclassed(name, expected, own, named, *, own_prop="P17", also_own=False, may=False, verdict=None):
        person, office, other = w.item(f"Thing {name}"), w.item(f"Office {name}"), w.item(f"Other office {name}")
        w.statement(person, "P39", other, "2019", None)
        w.statement(w.person(f"Holder {name}"), "P39", office, "2010", None)
        if own is not None:
            w.wikidata.append((other, WDT[own_prop], own))
        if named is not None:
            w.wikidata.append((office, WDT.P17, named))
        extra = ()
        if also_own:  # the title may also denote an office of the holder's country
            extra = (w.item(f"Own-country office {name}"),)
            w.wikidata.append((extra[0], WDT.P17, own))
        title = w.title("president", denotes=(office,), may_denote=extra)
        w.role(name, expected, person, None, "2022-01-21", title=title, positionTitle="president", verdict=verdict)

    home, abroad = w.item("Country home"), w.item("Country abroad")
    unclassed("nh-unclassed-other-country", "never-held", home, abroad)
    unclassed("nh-unclassed-other-country-p1001", "never-held", home, abroad, own_prop="P1001")
    unclassed("nh-unclassed-same-country", None, home, home, verdict="office-unknown")
    unclassed("nh-unclassed-title-may-be-own", None, home, abroad, also_own=True, verdict="office-unknown")
    unclassed("nh-unclassed-own-office-no-country", None, None, abroad, verdict="office-unknown")
    unclassed("nh-unclassed-title-no-country", None, home, None, verdict="office-unknown")
    # the text names the office's country ("U.S. Prime Minister Jacinda Ardern"): a person every one
    # of whose offices has a country, none of them that one, held no office of it -- even when the
    # title may denote an office they did hold elsewhere (no U.S. office is titled prime minister)
    def named_country(name, expected, named, *, human=True, own=home, own_missing=False, verdict=None):
        person = w.person(f"Person {name}") if human else w.item(f"Thing {name}")
        held, other_holder_office = w.item(f"Held office {name}"), w.item(f"Office {name}")
        w.statement(person, "P39", held, "2019", None)
        w.wikidata.append((held, WDT.P17, own))
        if own_missing:  # an office of no country (an international one): the record cannot tell
            w.statement(person, "P39", w.item(f"International office {name}"), "2010", "2012")
        w.statement(w.person(f"Holder {name}"), "P39", other_holder_office, "2010", None)
        title = w.title("prime minister", may_denote=(held, other_holder_office))
        kw = {"country": named} if named is not None else {}
        w.role(name, expected, person, None, "2022-01-21", title=title, positionTitle="Prime Minister",
               verdict=verdict, **kw)

    named_country("nh-named-country-not-theirs", "never-held", abroad)
    named_country("nh-named-country-not-theirs-unclassed", "never-held", abroad, human=False)
    named_country("nh-named-country-theirs", None, home, verdict="office-unknown")
    named_country("nh-named-country-none", None, None, verdict="office-unknown")
    named_country("nh-named-country-office-without-country", None, abroad, own_missing=True, verdict="office-unknown")
    # the country is the claim's own: a claim of the same person and title node that names no
    # country is not decided by another claim's country
    person, held = w.person("Person nh country of another claim"), w.item("Held office nh country of another claim")
    w.statement(person, "P39", held, "2019", None)
    w.wikidata.append((held, WDT.P17, home))
    w.statement(w.person("Holder nh country of another claim"), "P39", held, "2010", None)
    shared = w.title("prime minister", may_denote=(held,))
    w.role("nh-country-of-another-claim-named", "never-held", person, None, "2022-01-21", title=shared,
           positionTitle="Prime Minister", country=abroad)
    w.role("nh-country-of-another-claim-unnamed", None, person, None, "2022-01-21", title=shared,
           positionTitle="Prime Minister", verdict="office-unknown")
    case("nh-untracked-office", "president", None, tracked=False, verdict="office-unknown")
    case("nh-name-differs", "president", None, differs=True, verdict="office-unknown")
    # a person who held two other offices: both are the evidence
    person, office = w.person("Person nh two offices"), w.item("Office nh two offices")
    w.statement(person, "P39", w.item("First office nh"), "2001", "2004")
    w.statement(person, "P39", w.item("Second office nh"), "2005", "2008")
    w.statement(w.person("Holder nh two offices"), "P39", office, "2010", None)
    w.role("nh-two-offices", "never-held", person, None, "2022-01-21",
           title=w.title("prime minister", denotes=(office,)), positionTitle="prime minister")
    # a title that denotes nothing and may denote nothing: no evidence, no conflict
    person = w.person("Person nh no office for title")
    w.statement(person, "P39", w.item("Office nh no office for title"), "2001", "2004")
    w.role("nh-title-denotes-nothing", None, person, None, "2022-01-21", title=w.title("president"),
           verdict="office-unknown")


def _lifespan(w: World) -> None:
    def life(case, date, expected, *, birth=None, death=None, date_end=None, modifiers=(), evidence="test"):
        person, office = w.person(f"Person {case}", birth=birth, death=death), w.item(f"Office {case}")
        w.statement(person, "P39", office, None, None)
        w.role(case, expected, person, office, date, date_end=date_end, modifiers=modifiers, date_evidence=evidence,
               verdict=None if expected or modifiers else "consistent")

    life("ls-after-death", "2010-05-02", "lifespan", death="2010-05-01")
    # dated only by the article ("the model of President X"): a retrospective mention, not an act after death
    life("ls-after-death-article-date", "2010-05-02", None, death="2010-05-01", evidence="article date (given)")
    life("ls-death-day", "2010-05-01", None, death="2010-05-01")
    life("ls-year-death-last-day", "2010-12-31", None, death="2010")
    life("ls-year-death-next-year", "2011-01-01", "lifespan", death="2010")
    life("ls-month-death-last-day", "2010-05-31", None, death="2010-05")
    life("ls-month-death-next-month", "2010-06-01", "lifespan", death="2010-05")
    life("ls-before-birth", "1960-02-29", "lifespan", birth="1960-03-01")
    life("ls-birth-day", "1960-03-01", None, birth="1960-03-01")
    life("ls-year-birth-first-day", "1960-01-01", None, birth="1960")
    life("ls-year-birth-year-before", "1959-12-31", "lifespan", birth="1960")
    life("ls-month-birth-first-day", "1960-03-01", None, birth="1960-03")
    life("ls-range-reaches-birth", "1959-12-01", None, birth="1960-01-01", date_end="1960-01-31")
    life("ls-late", "2012-01-01", None, death="2010-05-01", modifiers=("late",))
    # every past modifier (kg.lexicon.PAST_MODIFIERS) is left out, not only "late" and "former"
    life("ls-onetime", "2012-01-01", None, death="2010-05-01", modifiers=("onetime",))


def _membership(w: World) -> None:
    def member(case, status, date, expected, start=None, end=None, *, iso=True, statement=True, org_has_members=True):
        country = w.item(f"Country {case}")
        if iso:
            w.wikidata.append((country, WDT.P297, Literal("XX")))
        org = w.item(f"Org {case}")
        if statement:
            w.statement(country, "P463", org, start, end)
        if org_has_members:
            w.statement(w.item(f"Other member {case}"), "P463", org, "1950", None)
        w.claim(case, DIP.MembershipClaim, expected, subject=country, organization=org, membershipStatus=status,
                date=date)

    member("mb-member-none", "member", "2022-01-21", "membership", statement=False)
    member("mb-member-covered", "member", "2022-01-21", None, "2004-03-29")
    member("mb-member-year-start", "member", "2004-01-01", None, "2004")
    member("mb-member-year-before", "member", "2003-12-31", "membership", "2004")
    member("mb-member-first-day", "member", "2004-03-29", None, "2004-03-29")
    member("mb-member-day-before", "member", "2004-03-28", "membership", "2004-03-29")
    member("mb-member-last-day", "member", "2010-06-30", None, "2004-03-29", "2010-06-30")
    member("mb-member-day-after", "member", "2010-07-01", "membership", "2004-03-29", "2010-06-30")
    member("mb-member-year-end", "member", "2010-12-31", None, "2004", "2010")
    member("mb-member-after-snapshot", "member", "2024-01-02", None, statement=False)
    member("mb-member-on-snapshot-day", "member", SNAPSHOT, "membership", statement=False)
    member("mb-member-no-iso", "member", "2022-01-21", None, iso=False, statement=False)
    member("mb-member-org-without-members", "member", "2022-01-21", None, statement=False, org_has_members=False)
    member("mb-not-member-covered", "not-member", "2022-01-21", "membership", "2004-03-29")
    member("mb-not-member-none", "not-member", "2022-01-21", None, statement=False)
    member("mb-not-member-year-start", "not-member", "2023-06-01", None, "2023")  # joined some day in 2023
    member("mb-not-member-year-after", "not-member", "2024-01-01", "membership", "2023")
    member("mb-not-member-year-end", "not-member", "2020-06-01", None, "2004", "2020")  # left some day in 2020
    member("mb-not-member-year-before-end", "not-member", "2019-12-31", "membership", "2004", "2020")
    member("mb-not-member-last-day", "not-member", "2010-06-30", "membership", "2004-03-29", "2010-06-30")
    member("mb-not-member-first-day", "not-member", "2004-03-29", "membership", "2004-03-29")
    member("mb-member-month-start", "member", "2004-03-01", None, "2004-03")
    member("mb-member-month-before", "member", "2004-02-29", "membership", "2004-03")
    member("mb-member-month-end", "member", "2010-07-31", None, "2004-03-29", "2010-07")
    member("mb-member-month-after", "member", "2010-08-01", "membership", "2004-03-29", "2010-07")
    member("mb-not-member-month-start", "not-member", "2023-03-30", None, "2023-03")  # joined some day in March
    member("mb-not-member-month-last-day", "not-member", "2023-03-31", "membership", "2023-03")
    member("mb-not-member-year-start-late", "not-member", "2023-12-30", None, "2023")
    member("mb-not-member-month-after", "not-member", "2023-05-01", "membership", "2023-04")
    member("mb-not-member-month-end", "not-member", "2020-06-15", None, "2004", "2020-06")  # left in June
    member("mb-not-member-month-before-end", "not-member", "2020-05-31", "membership", "2004", "2020-06")
    member("mb-not-member-year-end-first-day", "not-member", "2020-01-01", "membership", "2004", "2020")
    member("mb-not-member-year-end-second-day", "not-member", "2020-01-02", None, "2004", "2020")
    member("mb-not-member-month-end-first-day", "not-member", "2020-06-01", "membership", "2004", "2020-06")
    member("mb-not-member-month-end-second-day", "not-member", "2020-06-02", None, "2004", "2020-06")
    member("mb-joining-covered", "joining", "2022-01-21", "membership", "2004-03-29")
    member("mb-joining-not-yet", "joining", "2022-01-21", None, "2023-04-04")


def _location(w: World) -> None:
    def seat(case, expected, *, same=False, country_of_hq=False, capital_of_hq=False, same_label=False,
             labelled=True, hq=True):
        org, city = w.item(f"Org {case}"), w.item(f"City {case}")
        if hq:
            w.wikidata.append((org, WDT.P159, city))
        if same:
            place = city
        elif same_label:
            place = w.item(f"City {case}")
        else:
            place = w.item(f"Place {case}" if labelled else None)
        if country_of_hq:
            w.wikidata.append((city, WDT.P17, place))
        if capital_of_hq:
            w.wikidata.append((place, WDT.P36, city))
        w.claim(case, DIP.LocationClaim, expected, subject=org, organization=org, seat=place, date="2022-01-21")

    seat("loc-elsewhere", "location")
    seat("loc-hq", None, same=True)
    seat("loc-country-of-hq", None, country_of_hq=True)
    seat("loc-capital-is-hq", None, capital_of_hq=True)
    seat("loc-same-label", None, same_label=True)
    seat("loc-unlabelled-place", None, labelled=False)
    seat("loc-no-hq", None, hq=False)


def _cross_article(w: World) -> None:
    def pair(case, expected, *, label="secretary of state", other_date="2022-02-02", same_article=False,
             holds=False, modifier=(), other_modifier=(), differs=False, date_end=None, known=False):
        office = w.item(f"Office {case}")
        holder = w.person(f"Holder {case}")
        w.statement(holder, "P39", office, "2021-01-26", None)
        title = w.title(label, denotes=(office,))
        country = w.item(f"Country {case}")
        subject = w.person(f"Person {case}") if known or holds else KG[f"entity/{case}"]
        if holds:
            w.statement(subject, "P39", office, "2010", "2012")
        kw = {"nameDiffers": Literal(True)} if differs else {}
        claim = w.role(case, expected, subject, None, "2022-02-02", title=title, country=country,
                       modifiers=modifier, date_end=date_end, positionTitle=label,
                       verdict=None if expected or modifier else ("office-unknown" if holds or known else "person-unknown"),
                       **kw)  # a "former" claim is not checked at all (no date of its own)
        w.role(f"{case}-other", None, holder, office, other_date, title=title, country=country,
               article=case if same_article else f"{case}-other", modifiers=other_modifier,
               verdict="consistent" if not other_modifier else None)
        return claim

    pair("xa-two-articles", "cross-article")
    pair("xa-prime-minister", "cross-article", label="minister prime")
    pair("xa-other-day", None, other_date="2022-02-03")
    pair("xa-same-article", None, same_article=True)
    pair("xa-person-held-it", None, holds=True)
    pair("xa-former", None, modifier=("former",))
    pair("xa-other-former", None, other_modifier=("former",))
    pair("xa-name-differs", None, differs=True)
    pair("xa-period", None, date_end="2022-02-20")
    pair("xa-deputy", None, label="deputy secretary of state")
    pair("xa-ambassador", None, label="ambassador")


BUILDERS = (_out_of_term, _wrong_name, _never_held, _lifespan, _membership, _location, _cross_article)


def _world(builders=BUILDERS) -> World:
    w = World()
    w.wikidata.append((WIKIDATA_GRAPH, DCTERMS.issued, Literal(SNAPSHOT, datatype=XSD.date)))
    for build in builders:
        build(w)
    return w


def _store(w: World) -> Store:
    store = Store(None)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata), **w.articles})
    return store


@pytest.fixture(scope="module")
def world() -> World:
    return _world()


@pytest.fixture(scope="module")
def store(world) -> Store:
    return _store(world)


def _case(claim: str) -> str:
    return claim.rsplit("/claim/", 1)[1].split("/role/")[0]


@pytest.fixture(scope="module")
def hits(store) -> dict[str, set[str]]:
    """case -> the conflict queries that return its claim."""
    out: dict[str, set[str]] = {}
    for kind in KINDS:
        for row in store.select(queries.get(f"conflicts/{kind}").text):
            out.setdefault(_case(row["claim"]), set()).add(kind)
    return out


@pytest.fixture(scope="module")
def report(store):
    return check(store, write=False)


_EXPECTED = _world().expected
#: The lifespan query compares the claim's date inside each UNION branch, where ?claimDate and
#: ?until are not in scope (SPARQL evaluates a group bottom-up), so it returns nothing. Pending
#: for the owner of queries/conflicts: move the FILTER out of the UNION (see the helper's note).
ALL = list(_EXPECTED)
PARAMS = list(ALL)


@pytest.mark.parametrize("case", PARAMS)
def test_exactly_the_expected_query_returns_the_claim(world, hits, case):
    expected = world.expected[case]
    assert hits.get(case, set()) == ({expected} if expected else set())


@pytest.mark.parametrize("case", PARAMS)
def test_check_reports_the_expected_kind(world, report, case):
    kinds = [c.kind for c in report.conflicts if _case(c.claim) == case]
    assert kinds == ([world.expected[case]] if world.expected[case] else [])


@pytest.mark.parametrize("case", [c for c in ALL if not c.startswith(("mb-", "loc-"))])
def test_a_role_claim_that_is_no_conflict_is_consistent_or_unverifiable_for_its_reason(world, report, case):
    if world.expected[case]:
        return
    reasons = [u.reason for u in report.unverifiable if _case(u.claim) == case]
    verdict = world.verdicts[case]
    if verdict in (None, "consistent"):
        assert reasons == []
    else:
        assert reasons == [verdict]


def test_counts_add_up():
    world = _world(BUILDERS)
    report = check(_store(world), write=False)
    roles = [c for c in world.expected if not c.startswith(("mb-", "loc-"))]
    consistent = [c for c in roles if world.verdicts[c] == "consistent"]
    conflicting = [c for c in roles if world.expected[c]]
    assert report.claims == len(roles)
    assert report.role_conflicts == len(conflicting)
    assert report.consistent == len(consistent)
    assert report.snapshot_date == SNAPSHOT
    # past or provisional claims (former, acting...): neither consistent, conflicting nor unverifiable
    undated = [c for c in roles if world.verdicts[c] is None and not world.expected[c]]
    assert undated and report.not_checked == len(undated)


def test_role_claims_names_the_first_undated_modifier(world, store):
    """check/role-claims gives a claim with several modifiers one of them, always the same: the first,
    alphabetically, that makes the role past or provisional (never "deputy"/"vice")."""
    from kg.lexicon import UNDATED_MODIFIERS

    modifiers: dict[str, set[str]] = {}
    for triples in world.articles.values():
        for s, p, o in triples:
            if p == DIP.modifier:
                modifiers.setdefault(_case(str(s)), set()).add(str(o))
    assert any(len(m & UNDATED_MODIFIERS) > 1 for m in modifiers.values())
    rows = store.select(queries.get("check/role-claims").text, {"wikidata": WIKIDATA_GRAPH})
    got = {_case(r["claim"]): r.get("modifier") for r in rows}
    assert len(got) == len(rows)  # one row a claim
    for case, words in modifiers.items():
        assert got[case] == min(words & UNDATED_MODIFIERS, default=None), case


def _conflict(report, case):
    return next(c for c in report.conflicts if _case(c.claim) == case)


def test_out_of_term_explanation_names_the_term_and_the_holder_on_the_date(report):
    c = _conflict(report, "oot-other-holds-it")
    assert "Person earlier holder held Office shared (2001-01-01 – 2005-01-01), but not on 2016-06-01" in c.explanation
    assert "On 2016-06-01 it was held by Person other holder." in c.explanation
    assert f"Wikidata as of {SNAPSHOT}" in c.explanation
    assert {e.start for e in c.evidence} == {"2001-01-01", "2015-01-01"}
    assert c.confidence == pytest.approx(0.9)


def test_wrong_name_explanation_names_the_holder(report):
    c = _conflict(report, "wn-in-term")
    assert c.explanation.startswith("On 2022-01-21 the Office wn-in-term was Person wn-in-term")
    assert c.evidence and c.evidence[0].start == "2021-01-26" and c.evidence[0].end is None


def test_never_held_explanation_lists_the_offices_held(report):
    c = _conflict(report, "nh-title-elsewhere")
    assert "never held an office titled 'prime minister'" in c.explanation
    assert "Other office nh-title-elsewhere" in c.explanation
    assert [(e.start, e.end) for e in c.evidence] == [("2001", "2004")]


def test_never_held_evidence_is_every_office_held(report):
    c = _conflict(report, "nh-two-offices")
    assert sorted((e.value, e.start, e.end) for e in c.evidence) == [
        ("Person nh two offices: First office nh", "2001", "2004"),
        ("Person nh two offices: Second office nh", "2005", "2008")]
    assert c.explanation.endswith("offices held: First office nh; Second office nh.")


def test_lifespan_explanation_gives_the_date_of_death(report):
    c = _conflict(report, "ls-after-death")
    assert "was not alive on 2010-05-02" in c.explanation and "died (P570)" in c.explanation


def test_membership_explanation_gives_the_membership_dates(report):
    c = _conflict(report, "mb-member-day-after")
    assert "is a member of Org mb-member-day-after on 2010-07-01" in c.explanation
    assert "a member (2004-03-29 – 2010-06-30)" in c.explanation
    none = _conflict(report, "mb-member-none")
    assert "not listed as a member" in none.explanation


def test_location_explanation_gives_the_headquarters(report):
    c = _conflict(report, "loc-elsewhere")
    assert "its headquarters are in City loc-elsewhere" in c.explanation


def test_cross_article_evidence_is_the_other_article(report):
    c = _conflict(report, "xa-two-articles")
    assert [e.value for e in c.evidence] == ["article xa-two-articles-other 0-9: 'xa-two-articles-other' "
                                             "(Holder xa-two-articles)"]
    assert "another article names someone else for it on that day" in c.explanation


def test_a_claim_hit_by_two_queries_reports_the_first_kind():
    w = _world(())
    person, office = w.person("Person both"), w.item("Office both")
    w.statement(person, "P39", w.item("Other office both"), "2001", "2004")
    holder = w.person("Holder both")
    w.statement(holder, "P39", office, "2021-01-26", None)
    title, country = w.title("secretary of state", denotes=(office,)), w.item("Country both")
    w.role("both", "never-held", person, None, "2022-02-02", title=title, country=country)
    w.role("both-other", None, holder, office, "2022-02-02", title=title, country=country, article="other")
    store = _store(w)
    kinds = {k for k in KINDS for r in store.select(queries.get(f"conflicts/{k}").text) if _case(r["claim"]) == "both"}
    assert kinds == {"never-held", "cross-article"}
    assert [c.kind for c in check(store, write=False).conflicts] == ["never-held"]


def test_check_limited_to_some_articles_and_written_to_the_conflicts_graph(store):
    report = check(store, {"oot-day-after-last", "wn-in-term", "oot-after-snapshot"})
    assert sorted(_case(c.claim) for c in report.conflicts) == ["oot-day-after-last", "wn-in-term"]
    assert (report.claims, report.role_conflicts, report.consistent) == (3, 2, 0)
    assert [_case(u.claim) for u in report.unverifiable] == ["oot-after-snapshot"]
    rows = store.select("SELECT ?kind WHERE { ?c a dip:Conflict ; dip:conflictKind ?kind }")
    assert sorted(r["kind"] for r in rows) == ["out-of-term", "wrong-name"]
    report = check(store, {"loc-elsewhere"}, write=True)
    # a partial check keeps the conflicts of the articles it did not look at
    rows = store.select("SELECT ?kind WHERE { ?c a dip:Conflict ; dip:conflictKind ?kind }")
    assert sorted(r["kind"] for r in rows) == ["location", "out-of-term", "wrong-name"]
    # dip:evidence links every node evidence; dip:statement only Wikidata statements
    links = store.select("SELECT ?kind ?p ?e WHERE { ?c dip:conflictKind ?kind ; ?p ?e "
                         "FILTER(?p IN (dip:evidence, dip:statement)) }")
    by_kind = {k: sorted((r["p"].rsplit("#", 1)[-1], "/statement/" in r["e"]) for r in links if r["kind"] == k)
               for k in ("location", "out-of-term")}
    assert by_kind["location"] == [("evidence", False)]
    assert by_kind["out-of-term"] == [("evidence", True), ("statement", True)]


def test_article_texts_reads_only_the_articles_asked_for():
    from kg.check import article_texts
    from kg.vocab import NIF

    w = _world(())
    for n in ("a", "b"):
        a = KG[f"article/{n}"]
        w.articles[a] = [(a, SCHEMA.identifier, Literal(n)), (a, NIF.isString, Literal(f"text {n}")),
                         (a, SCHEMA.headline, Literal(f"title {n}"))]
    store = _store(w)
    assert article_texts(store, {"a"}) == {"a": ("title a", "text a", "")}
    assert article_texts(store, set()) == {}


def test_a_partial_check_replaces_the_old_triples_of_its_own_conflicts():
    from kg.check import conflict_iri
    from kg.vocab import CONFLICTS_GRAPH

    w = _world((_out_of_term,))
    store = _store(w)
    first = check(store, {"oot-day-after-last", "oot-between-terms"})
    node = conflict_iri(next(c for c in first.conflicts if _case(c.claim) == "oot-day-after-last"))
    store.update(f"INSERT DATA {{ GRAPH <{CONFLICTS_GRAPH}> {{ <{node}> <{DIP.explanation}> 'stale' }} }}")
    check(store, {"oot-day-after-last"})
    rows = store.select("SELECT ?e WHERE { ?c dip:explanation ?e }", {"c": node})
    assert [r["e"] for r in rows] == [first.conflicts[[_case(c.claim) for c in first.conflicts].index(
        "oot-day-after-last")].explanation]
    # the other article's conflict, not re-checked, is kept
    kinds = store.select("SELECT ?c WHERE { ?c a dip:Conflict }")
    assert len(kinds) == 2


def test_never_held_explanation_names_the_country_the_text_names(report):
    c = _conflict(report, "nh-named-country-not-theirs")
    assert "never held an office titled 'Prime Minister' in Country abroad" in c.explanation
    assert "Held office nh-named-country-not-theirs" in c.explanation
    assert "in Country" not in _conflict(report, "nh-title-elsewhere").explanation
