"""The ontology as an artefact: complete, aligned, disjoint where kg's data is, reasoned, documented."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg import ontology, ontodoc, vocab
from kg.cli import main
from kg.graph.events import CLASSES as EVENT_CLASSES
from kg.graph.mentions import _KIND_CLASS
from kg.store import Store
from kg.vocab import DIP, PLOVER

from .conftest import FIXTURES

needs_java = pytest.mark.skipif(ontology.java_available() is None, reason="no Java runtime for HermiT")
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch,
            OWL.equivalentProperty, OWL.equivalentClass)
PERSON_AND_COUNTRY = FIXTURES / "ontology" / "person-and-country.trig"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.ontology_graph()


def _properties(g: Graph) -> list[URIRef]:
    return [URIRef(vocab.DIP_NS + t) for t in vocab.DIP_TERMS
            if (URIRef(vocab.DIP_NS + t), RDF.type, OWL.Class) not in g]


def test_every_property_has_a_domain_and_a_range(onto):
    missing = [str(p) for p in _properties(onto)
               if (p, RDFS.domain, None) not in onto or (p, RDFS.range, None) not in onto]
    assert missing == []


def test_properties_are_object_or_datatype_properties_with_fitting_ranges(onto):
    for p in _properties(onto):
        types = set(onto.objects(p, RDF.type))
        ranges = set(onto.objects(p, RDFS.range))
        if OWL.DatatypeProperty in types:  # an XSD datatype (rdfs:Literal: several, as dip:precisionDate)
            assert all(str(r).startswith(str(XSD)) or r == RDFS.Literal for r in ranges), p
        else:
            assert OWL.ObjectProperty in types and not any(str(r).startswith(str(XSD)) for r in ranges), p


def test_the_header_has_version_and_licence(onto):
    o = URIRef(vocab.ONTOLOGY_IRI)
    assert str(onto.value(o, OWL.versionIRI)).endswith("/" + str(onto.value(o, OWL.versionInfo)))
    assert onto.value(o, URIRef("http://purl.org/dc/terms/license")) is not None


@pytest.mark.parametrize("pid", ["P39", "P580", "P582", "P463", "P159", "P710", "P276", "P585", "P17", "P1001"])
def test_the_wikidata_properties_kg_mirrors_are_aligned(onto, pid):
    targets = {str(o) for p in MAPPINGS for s, o in onto.subject_objects(p) if str(s).startswith(vocab.DIP_NS)}
    assert any(re.fullmatch(rf"http://www\.wikidata\.org/prop/(direct|statement|qualifier)/{pid}", t) for t in targets)


@pytest.mark.parametrize("cls", sorted(EVENT_CLASSES.values()), ids=lambda c: c.rsplit("#", 1)[-1])
def test_event_classes_have_a_plover_category_or_say_why_not(onto, cls):
    plover = [o for p in MAPPINGS for o in onto.objects(cls, p) if str(o).startswith(str(PLOVER))]
    if plover:
        assert all((c, RDF.type, SKOS.Concept) in onto and onto.value(c, SKOS.definition) for c in plover)
    else:
        assert "PLOVER" in str(onto.value(cls, SKOS.note))


def test_external_terms_used_as_classes_or_properties_are_declared(onto):
    """OWL 2 DL wants every entity declared; the mapping annotations must be annotation properties."""
    used = {o for p in (RDFS.subClassOf, RDFS.domain, RDFS.range) for o in onto.objects(None, p)
            if isinstance(o, URIRef) and not str(o).startswith(str(XSD)) and o not in (OWL.Thing, RDFS.Literal)}  # (built-in)
    used |= {o for o in onto.objects(None, RDFS.subPropertyOf) if isinstance(o, URIRef)}
    used |= {p for p in MAPPINGS if p.startswith(str(SKOS))}
    assert [str(t) for t in used if (t, RDF.type, None) not in onto] == []


def test_entity_kinds_are_disjoint_and_countries_are_places(onto):
    pairs = ontology.disjoint_pairs(onto)
    kinds = {DIP.Person, DIP.Organization, DIP.Place, DIP.Position}
    assert set(_KIND_CLASS.values()) == kinds | {DIP.Country, DIP.Entity}  # what kg types entities with
    assert set(ontology.ENTITY_CLASSES) == set(_KIND_CLASS.values())  # what the reasoner samples
    assert all(frozenset((a, b)) in pairs for a in kinds for b in kinds if a != b)
    assert (DIP.Country, RDFS.subClassOf, DIP.Place) in onto
    assert frozenset((DIP.Country, DIP.Place)) not in pairs
    events = set(EVENT_CLASSES.values())
    assert all(frozenset((a, b)) in pairs for a in events for b in events if a != b)


def test_shapes_target_only_ontology_classes_and_cover_every_claim_class(onto):
    g = ontology.shapes_graph()
    SH = URIRef("http://www.w3.org/ns/shacl#targetClass")
    targets = set(g.objects(None, SH))
    assert all((t, RDF.type, OWL.Class) in onto for t in targets)
    claim_shape = URIRef("https://w3id.org/kg-diplomacy/shapes#ClaimShape")
    claims = set(g.objects(claim_shape, SH))
    assert claims == set(EVENT_CLASSES.values()) | {DIP.RoleClaim, DIP.MembershipClaim, DIP.LocationClaim}


# -- reasoning ---------------------------------------------------------------------------------


def test_explain_names_the_entity_and_the_disjoint_classes():
    types = {"http://www.wikidata.org/entity/Q1": {str(DIP.Person): {"g1"}, str(DIP.Country): {"g2"}},
             "http://www.wikidata.org/entity/Q2": {str(DIP.Country): {"g1", "g2"}}}
    clashes = ontology.explain(types)
    assert [(c.entity, c.first, c.second) for c in clashes] == [
        ("http://www.wikidata.org/entity/Q1", str(DIP.Person), str(DIP.Place))]
    assert clashes[0].line() == ("wd:Q1 is typed dip:Person in g1 and dip:Place (as dip:Country) in g2: "
                                 "the ontology declares dip:Person and dip:Place disjoint")


def test_sample_is_deterministic_and_keeps_every_type(tmp_path):
    store = Store(None)
    store.load(PERSON_AND_COUNTRY, "trig")
    total, every = ontology.sample_types(store, 0)
    assert total == 3 and set(every["http://www.wikidata.org/entity/Q7821917"]) == {str(DIP.Person), str(DIP.Country)}
    one = ontology.sample_types(store, 2)
    assert one == ontology.sample_types(store, 2) and len(one[1]) == 2 and one[0] == 3


@needs_java
def test_hermit_finds_a_person_typed_as_a_country(tmp_path, capsys):
    path = tmp_path / "store"
    Store(path).load(PERSON_AND_COUNTRY, "trig")
    assert main(["ontology", "check", "--store", str(path)]) == 1
    out = capsys.readouterr().out
    assert "3 of 3 typed entities: INCONSISTENT (HermiT" in out
    assert ("wd:Q7821917 is typed dip:Person in https://w3id.org/kg-diplomacy/graph/article/fixture-a and "
            "dip:Place (as dip:Country) in https://w3id.org/kg-diplomacy/graph/article/fixture-b") in out
    assert "wd:Q159" not in out


@needs_java
def test_the_ontology_and_the_built_samples_are_consistent(built_samples, capsys):  # noqa: F811
    assert main(["ontology", "check", "--store", str(built_samples), "--sample", "0"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\+ (\d+) of \1 typed entities: consistent \(HermiT", out)


@needs_java
def test_disjointness_is_inherited():
    """A person is an entity, and entities are not office titles."""
    report = ontology.reason({"http://example.org/x": {str(DIP.Person): {"g"}, str(DIP.Title): {"g"}}})
    assert report.consistent is False
    assert [c.line() for c in report.clashes] == [
        "http://example.org/x is typed dip:Entity (as dip:Person) in g and dip:Title in g: "
        "the ontology declares dip:Entity and dip:Title disjoint"]


def test_without_java_the_check_says_so_and_succeeds(built_samples, capsys, monkeypatch):  # noqa: F811
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    assert main(["ontology", "check", "--store", str(built_samples)]) == 0
    assert "ontology check skipped: no Java runtime found" in capsys.readouterr().out


def test_a_negative_sample_is_refused(built_samples, capsys):  # noqa: F811
    assert main(["ontology", "check", "--store", str(built_samples), "--sample", "-1"]) == 1
    assert "--sample must be 0" in capsys.readouterr().err


# -- documentation -----------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.tags, self.text = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if "id" in a:
            self.ids.append(a["id"])
        if "href" in a:
            self.links.append(a["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_html_documents_every_term_with_an_anchor_and_is_self_contained():
    page = _Page()
    page.feed(ontology.html())
    assert len(page.ids) == len(set(page.ids))
    assert set(vocab.DIP_TERMS) <= set(page.ids)
    from kg.model import PLOVER_TYPES as plover
    assert {f"plover-{c}" for c in plover} <= set(page.ids)
    assert all(h[1:] in page.ids for h in page.links if h.startswith("#"))
    assert not page.tags & {"script", "link", "img", "iframe"}
    text = "".join(page.text)
    assert "A human being (Wikidata Q5)." in text and "wdt:P39" in text
    assert "(dip:Mention or dip:Sentence or dip:Claim)" in text  # a union domain, in words


def test_html_escapes_what_the_file_says():
    g = Graph()
    for triple in ontology.ontology_graph():
        g.add(triple)
    g.set((DIP.Person, RDFS.comment, Literal('<script>alert("x")</script> & more')))
    g.add((DIP.Person, SKOS.closeMatch, URIRef('javascript:alert("x")')))
    page = ontodoc.html(g)
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page
    assert 'href="javascript:' not in page


def test_cli_doc_writes_the_page(tmp_path, capsys):
    out = tmp_path / "ontology.html"
    assert main(["ontology", "doc", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ontology.html()
    assert main(["ontology", "doc"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld"])
def test_serialize_round_trips(fmt):
    data = ontology.serialize(fmt)
    g = Graph().parse(data=data, format={"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}[fmt])
    assert len(g) == len(ontology.ontology_graph())


def test_a_broken_ontology_file_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "diplomacy.ttl").write_text("@prefix dip: <x#> .\ndip:A a .", encoding="utf-8")
    monkeypatch.setattr(ontology, "resource_dir", lambda name: Path(tmp_path))
    ontology.load.cache_clear()
    try:
        with pytest.raises(ontology.OntologyError, match="cannot read .*diplomacy.ttl"):
            ontology.ontology_graph()
    finally:
        ontology.load.cache_clear()
