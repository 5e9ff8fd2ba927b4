"""kg.check_evidence.claim_row: the ``queries/check/claim.rq`` row of a claim, read by pattern lookups."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import queries
from kg.check_evidence import claim_row
from kg.kb.wikibase import wdqs_form
from kg.store import Store
from kg.vocab import DIP, NIF, SCHEMA, WIKIDATA_GRAPH, article_graph

from .test_conflict_cases import BUILDERS, _world


def _query_row(store: Store, claim: str):
    rows = store.select(queries.get("check/claim").text, {"claim": URIRef(claim)})
    return rows[0] if rows else None


def test_the_row_is_the_querys_for_every_claim_of_the_conflict_cases():
    w = _world(BUILDERS)
    store = Store(None)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata), **{article_graph(str(a).rsplit("/article/", 1)[1]): t
                                                                     for a, t in w.articles.items()}})
    claims = {q.subject.value for q in store.quads(None, DIP.inArticle, None)}
    assert len(claims) > 20
    rows = {c: claim_row(store, c) for c in claims}
    assert rows == {c: _query_row(store, c) for c in claims}
    # the cases have the optional columns too, so each is compared, not only the required ones
    seen = {k for r in rows.values() if r for k in r}
    assert {"article", "title", "claimDate", "position", "reading"} <= seen


A, C = URIRef("urn:test:article"), "urn:test:claim"


def _claim(**drop_or_add) -> Store:
    triples = {(URIRef(C), DIP.inArticle, A), (URIRef(C), NIF.beginIndex, Literal(3)), (URIRef(C), NIF.endIndex, Literal(9)),
               (URIRef(C), DIP.surface, Literal("Mr. X")), (URIRef(C), DIP.sentenceText, Literal("Mr. X spoke.")),
               (URIRef(C), DIP.subject, URIRef("urn:test:x")), (URIRef(C), DIP.claimDate, Literal("2022-01-10", datatype=XSD.date)),
               (A, SCHEMA.identifier, Literal("a1")), (A, SCHEMA.url, Literal("https://example.org/a1"))}
    triples -= set(drop_or_add.get("drop", ()))
    triples |= set(drop_or_add.get("add", ()))
    store = Store(None)
    store.replace_graphs({article_graph("a1"): list(triples)})
    return store


def test_a_claim_missing_a_required_property_or_its_articles_identifier_has_no_row():
    whole = claim_row(_claim(), C)
    assert whole == _query_row(_claim(), C)
    assert whole["url"] == "https://example.org/a1" and whole["start"] == "3" and whole["article"] == "a1"
    for missing in [(URIRef(C), DIP.sentenceText, Literal("Mr. X spoke.")), (URIRef(C), DIP.inArticle, A),
                    (A, SCHEMA.identifier, Literal("a1")), (URIRef(C), DIP.subject, URIRef("urn:test:x"))]:
        store = _claim(drop=[missing])
        assert claim_row(store, C) is None and _query_row(store, C) is None, missing
    # optional ones are left out of the row, as the query leaves them unbound
    store = _claim(drop=[(A, SCHEMA.url, Literal("https://example.org/a1")),
                         (URIRef(C), DIP.claimDate, Literal("2022-01-10", datatype=XSD.date))])
    assert claim_row(store, C) == _query_row(store, C) and not {"url", "claimDate"} & set(claim_row(store, C))
    assert claim_row(_claim(), "urn:test:no-such-claim") is None


def test_a_property_with_two_values_gives_the_first_in_order_whatever_the_order_written():
    two = [(URIRef(C), DIP.position, URIRef("urn:test:office-b")), (URIRef(C), DIP.position, URIRef("urn:test:office-a"))]
    assert claim_row(_claim(add=two), C)["position"] == "urn:test:office-a"
    assert claim_row(_claim(add=two[::-1]), C)["position"] == "urn:test:office-a"


def test_the_rows_columns_are_the_querys():
    returns = [c.lstrip("?") for c in queries.get("check/claim").text.split("# returns:", 1)[1].split("\n", 1)[0].split()]
    from kg.check_evidence import _CLAIM_ROW

    assert sorted(returns) == sorted([*_CLAIM_ROW, "article", "url"])


def test_a_claim_in_two_graphs_and_a_literal_for_its_article():
    store = _claim()
    store.replace_graphs({URIRef("urn:test:copy"): [(URIRef(C), DIP.surface, Literal("Mr. X")),
                                                    (URIRef(C), DIP.position, URIRef("urn:test:office"))]})
    assert claim_row(store, C) == _query_row(store, C) and claim_row(store, C)["position"] == "urn:test:office"
    odd = _claim(add=[(URIRef(C), DIP.inArticle, Literal("not an article"))])
    assert claim_row(odd, C) == _query_row(odd, C) and claim_row(odd, C)["article"] == "a1"
