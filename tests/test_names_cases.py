"""Given-name matching and the linker's choices, on names and a tiny knowledge base written here.

Each linker case has its own people and offices (a Turtle graph below), so one case cannot
decide another: the office holder preferred among people of the same name, and a title that
names no office of the given country ("US Prime Minister") falling back to that title's
offices anywhere.
"""

from __future__ import annotations

import pytest

from kg.link.names import given_name_matches, given_names, key, surname_key, tokens


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("j", "john", True),  # an initial matches a name it starts
    ("j", "antony", False),  # ... and no other
    ("john", "j", True),
    ("a", "j", False),
    ("", "antony", True),  # no given name written: nothing contradicts
    ("antony", "", True),
    ("tony", "antony", True),  # a nickname, either way round
    ("antony", "tony", True),
    ("bill", "william", True),
    ("jim", "robert", False),  # (the nicknames data lists Bill under Robert too)
    ("sergei", "sergey", True),  # a transliteration
    ("ser", "sergei", True),  # a short form of three letters or more
    ("se", "sergei", False),
    ("serge", "segei", False),
    ("john", "antony", False),
    ("John", "JOHN", True),
])
def test_given_name_matches(a, b, expected):
    assert given_name_matches(a, b) is expected


@pytest.mark.parametrize(("name", "toks", "k", "surname", "given"), [
    ("Antony J. Blinken", ("antony", "blinken"), "antoni blinken", "blinken", ("antony", "j")),  # a middle initial is a given name
    ("Mr. Putin's", ("putin",), "putin", "putin", ()),
    ("Volodymyr Zelenskyy", ("volodymyr", "zelenskyy"), "volodimir zelenski", "zelenski", ("volodymyr",)),
    ("Sir Keir Starmer", ("keir", "starmer"), "keir starmer", "starmer", ("keir",)),
    ("J. Smith", ("j", "smith"), "j smith", "smith", ("j",)),
    ("", (), "", "", ()),
])
def test_name_parts(name, toks, k, surname, given):
    assert tokens(name) == toks
    assert key(name) == k
    assert surname_key(name) == surname
    assert given_names(name) == given


KB_TTL = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# two people named Quill Varder: the lower QID holds more offices and is in office elsewhere
# on the date; the other holds the office the title names
wd:Q920001 rdfs:label "Quill Varder"@en ; wdt:P31 wd:Q5 ;
    p:P39 wds:Q920001-a, wds:Q920001-b .
wds:Q920001-a ps:P39 wd:Q920011 ; pq:P580 "2020-01-01"^^xsd:date .
wds:Q920001-b ps:P39 wd:Q920012 ; pq:P580 "2001-01-01"^^xsd:date ; pq:P582 "2003-01-01"^^xsd:date .
wd:Q920002 rdfs:label "Quill Varder"@en ; wdt:P31 wd:Q5 ; p:P39 wds:Q920002-a .
wds:Q920002-a ps:P39 wd:Q920010 ; pq:P580 "2021-01-01"^^xsd:date .
wd:Q920010 rdfs:label "Keeper of the Seals"@en ; wdt:P31 wd:Q4164871 .
wd:Q920011 rdfs:label "Harbour Master"@en ; wdt:P31 wd:Q4164871 .
wd:Q920012 rdfs:label "Lamplighter General"@en ; wdt:P31 wd:Q4164871 .

# a country with a prime minister, and one without
wd:Q920020 rdfs:label "Ostravia"@en ; wdt:P31 wd:Q6256 ; wdt:P297 "OV" .
wd:Q920021 rdfs:label "Belmark"@en ; wdt:P31 wd:Q6256 ; wdt:P297 "BM" .
wd:Q920022 rdfs:label "Prime Minister of Ostravia"@en ; skos:altLabel "Prime Minister"@en ;
    wdt:P31 wd:Q4164871 ; wdt:P17 wd:Q920020 .
wd:Q920023 rdfs:label "Tamsin Orrey"@en ; wdt:P31 wd:Q5 ; p:P39 wds:Q920023-a .
wds:Q920023-a ps:P39 wd:Q920022 ; pq:P580 "2019-05-01"^^xsd:date .
"""


@pytest.fixture(scope="module")
def tiny_kb():
    from kg.kb.index import KnowledgeBase
    from kg.store import Store

    import pyoxigraph

    from kg.kb.wikibase import wdqs_form

    store = Store(None)  # kg's model of the facts, written as the Wikidata graph holds them
    store.replace_graph("https://w3id.org/kg-diplomacy/graph/wikidata",
                        wdqs_form(pyoxigraph.parse(KB_TTL.encode(), format=pyoxigraph.RdfFormat.TURTLE)))
    return KnowledgeBase.from_store(store)


def _linked(kb, text: str, title: str, country: str = "", date: str = "2022-01-21"):
    from kg.link import link
    from kg.model import Article, Extraction, Mention, RoleClaim

    start = text.index(title)
    name_start = start + len(title) + 1
    person = Mention("t", name_start, len(text), text[name_start:], "PERSON", 0, len(text), "test")
    role = RoleClaim(article_id="t", start=start, end=len(text), person=person, title=title, title_start=start,
                     title_end=start + len(title), country=country, claim_date=date)
    article = Article(id="t", text=text, date=date)
    return link(Extraction(article=article, mentions=(person,), roles=(role,)), kb)


def test_the_holder_of_the_titled_office_is_preferred_among_people_of_the_same_name(tiny_kb):
    linked = _linked(tiny_kb, "Keeper of the Seals Quill Varder", "Keeper of the Seals")
    assert linked.links[0].qid == "Q920002"
    assert linked.roles[0].position == "Q920010"


def test_without_a_title_the_person_in_office_on_the_date_is_preferred(tiny_kb):
    # the negative twin: no title, so no holder to prefer; the one in office on the date wins
    linked = _linked(tiny_kb, "Harbour Master Quill Varder", "Harbour Master")
    assert linked.links[0].qid == "Q920001"


def test_a_title_no_office_of_the_country_has_falls_back_to_that_title_anywhere(tiny_kb):
    linked = _linked(tiny_kb, "Belmark Prime Minister Tamsin Orrey", "Prime Minister", country="Belmark")
    role = linked.roles[0]
    assert role.country == "Q920021"
    assert role.positions == () and role.position is None
    assert role.broader == ("Q920022",)


def test_a_title_the_country_has_denotes_its_office(tiny_kb):
    linked = _linked(tiny_kb, "Ostravia Prime Minister Tamsin Orrey", "Prime Minister", country="Ostravia")
    role = linked.roles[0]
    assert role.positions == ("Q920022",) and role.position == "Q920022" and role.broader == ()
