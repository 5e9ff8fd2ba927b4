"""NIF 2.0 / ITS: the mentions read back from `kg export` as a NIF consumer (GERBIL) reads a
document: the nif:Context with its nif:isString, the annotations that point at it with
nif:referenceContext, their xsd:nonNegativeInteger offsets and itsrdf:taIdentRef. Claims and
events, which keep offsets too, must not be among them."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.namespace import XSD

from kg.cli import main
from kg.vocab import DIP, NIF, article_graph

TEXT = ("On Monday, Secretary of State Antony Blinken met Foreign Minister Sergey Lavrov in Geneva. "
        "The two ministers discussed Ukraine and agreed to meet again.")

#: GERBIL's reading of a NIF document: every string with a reference context that is a nif:Context
#: with a text; mentions are the nif:Phrase ones, their entity the itsrdf:taIdentRef.
GERBIL = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?doc ?text ?s ?begin ?end ?anchor ?entity ?phrase WHERE {
  ?doc a nif:Context ; nif:isString ?text .
  ?s nif:referenceContext ?doc ; nif:beginIndex ?begin ; nif:endIndex ?end .
  OPTIONAL { ?s nif:anchorOf ?anchor }
  OPTIONAL { ?s itsrdf:taIdentRef ?entity }
  BIND(EXISTS { ?s a nif:Phrase } AS ?phrase)
}"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nif")
    (folder / "a.jsonl").write_text(json.dumps({"id": "nif-1", "title": "Talks", "text": TEXT, "date": "2022-01-24",
                                                "url": "https://news.example.org/talks"}) + "\n")
    store = folder / "store"
    assert main(["build", str(folder / "a.jsonl"), "--store", str(store)]) == 0
    out = folder / "article.ttl"  # the article's graph, as a NIF document
    assert main(["export", "--store", str(store), "--graph", str(article_graph("nif-1")), "-o", str(out)]) == 0
    return rdflib.Graph().parse(out, format="turtle")


def test_gerbil_reads_the_mentions_with_their_offsets_and_links(exported):
    rows = list(exported.query(GERBIL))
    phrases = [r for r in rows if r.phrase.toPython()]
    assert phrases, "no nif:Phrase annotations"
    for r in rows:
        assert r.begin.datatype == XSD.nonNegativeInteger and r.end.datatype == XSD.nonNegativeInteger
        assert r.text.toPython() == TEXT
    for r in phrases:
        begin, end = r.begin.toPython(), r.end.toPython()
        assert TEXT[begin:end] == str(r.anchor)
    linked = {str(r.anchor): str(r.entity) for r in phrases if r.entity is not None}
    assert linked.get("Sergey Lavrov") == "http://www.wikidata.org/entity/Q58217"
    assert linked.get("Antony Blinken") == "http://www.wikidata.org/entity/Q7821917"


def test_claims_and_events_are_not_annotations_of_the_context(exported):
    annotated = {r.s for r in exported.query(GERBIL)}
    claims = {s for cls in (DIP.RoleClaim, DIP.Consult, DIP.Statement) for s in exported.subjects(rdflib.RDF.type, cls)}
    assert claims, "the sample text should give a role claim and a meeting"
    assert not claims & annotated
    for claim in claims:  # they keep their offsets, with the NIF datatype
        assert exported.value(claim, NIF.beginIndex).datatype == XSD.nonNegativeInteger
        assert not {o for o in exported.objects(claim, rdflib.RDF.type) if str(o).startswith(str(NIF))}


def test_every_annotation_is_a_mention_sentence_or_boilerplate_and_typed_as_nif_says(exported):
    for r in exported.query(GERBIL):
        types = set(exported.objects(r.s, rdflib.RDF.type))
        assert NIF.OffsetBasedString in types
        assert (DIP.Mention in types) == (NIF.Phrase in types)
        assert (DIP.Sentence in types) == (NIF.Sentence in types)
        assert types & {DIP.Mention, DIP.Sentence, DIP.Boilerplate}
    context = exported.value(predicate=NIF.isString, object=rdflib.Literal(TEXT))
    assert (context, rdflib.RDF.type, NIF.Context) in exported
    assert exported.value(context, NIF.sourceUrl) == rdflib.URIRef("https://news.example.org/talks")
