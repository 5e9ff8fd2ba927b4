"""The vocabulary in kg/vocab.py and the ontology file cannot drift apart."""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import vocab
from kg.resources import resource_dir


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resource_dir("ontology") / "diplomacy.ttl")


def test_every_declared_term_is_in_the_ontology_and_back(ontology):
    in_file = {str(s)[len(vocab.DIP_NS):] for s in ontology.subjects() if str(s).startswith(vocab.DIP_NS)}
    assert in_file == set(vocab.DIP_TERMS)


def test_unknown_term_fails_loudly():
    with pytest.raises(AttributeError):
        vocab.DIP.Persn  # noqa: B018 - a typo must raise


@pytest.mark.parametrize("term", vocab.DIP_TERMS)
def test_every_term_has_label_and_comment(ontology, term):
    iri = URIRef(vocab.DIP_NS + term)
    assert (iri, RDFS.label, None) in ontology
    assert (iri, RDFS.comment, None) in ontology
    assert (iri, RDF.type, None) in ontology


def test_ontology_header(ontology):
    onto = URIRef(vocab.ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert (onto, OWL.versionIRI, None) in ontology


def test_local_iris_are_stable_and_normalised():
    a = vocab.local_entity_iri("Sergeï  Lavrov", "Person")
    assert a == vocab.local_entity_iri("sergei lavrov", "Person")
    assert a != vocab.local_entity_iri("Sergei Lavrov", "Organization")


def test_article_iris_escape_ids():
    iri = vocab.article_graph("isot-real-00762~p/ x")
    assert " " not in iri and iri.startswith(vocab.ARTICLE_GRAPH_PREFIX)


def test_wikidata_iri_rejects_garbage():
    assert vocab.wikidata_iri("Q76") == URIRef("http://www.wikidata.org/entity/Q76")
    with pytest.raises(ValueError):
        vocab.wikidata_iri("Q76> <x")
