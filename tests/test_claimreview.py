"""ClaimReview as fact-check aggregators take it: read back as JSON-LD by rdflib OFFLINE (any
attempt to open a connection fails the test), with the properties Google's guidelines require."""

from __future__ import annotations

import io
import json
import re
import socket
import urllib.request
from dataclasses import replace

import pytest
import rdflib
from rdflib import URIRef
from rdflib.namespace import RDF

from kg.check import CheckReport, Unverifiable
from kg.claimreview import (ArticleMeta, ReviewOptions, article_meta, bundled_context, claim_reviewed,
                            claimreview_document, evidence_url, write_claimreview)
from kg.graph.article import article_triples
from kg.model import Article, Conflict, Evidence
from kg.report_html import write_html
from kg.store import Store
from kg.vocab import article_graph

SDO = rdflib.Namespace("http://schema.org/")
TEXT = ("Talks resumed in Lisbon on Monday. Foreign Minister Jane Roe met envoys there, and "
        "President Sam Doe, who left office years ago, sent greetings.")


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def _conflict(kind: str, surface: str, **kw) -> Conflict:
    start, end = _span(surface)
    fields = dict(kind=kind, claim=f"https://w3id.org/kg-diplomacy/id/claim/a1/role/{start}-{end}", article="a1",
                  start=start, end=end, surface=surface, sentence=TEXT, subject="http://www.wikidata.org/entity/Q111",
                  subject_label="Sam Doe", position="http://www.wikidata.org/entity/Q222", position_label="President",
                  claim_date="2021-03-01", explanation="not in office then", snapshot_date="2022-08-03",
                  evidence=(Evidence("http://www.wikidata.org/entity/statement/Q111-kb-0123456789abcdef",
                                     "Sam Doe: President", "2001-01-01", "2009-01-01"),))
    return Conflict(**{**fields, **kw})


@pytest.fixture()
def report() -> CheckReport:
    start, end = _span("Foreign Minister Jane Roe")
    unverifiable = Unverifiable(claim="urn:x", article="a1", start=start, end=end, surface="Foreign Minister Jane Roe",
                                sentence=TEXT, subject="urn:y", claim_date="2021-03-01", reason=next(iter(_reasons())))
    return CheckReport(conflicts=[_conflict("out-of-term", "President Sam Doe")], snapshot_date="2022-08-03",
                       unverifiable=[unverifiable])


def _reasons():
    from kg.check import UNVERIFIABLE

    return UNVERIFIABLE


@pytest.fixture()
def offline(monkeypatch):
    """Any network access fails: rdflib must find the context in the document itself."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _parse(doc: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld", base="https://example.org/")


def test_the_document_parses_offline_with_the_required_properties(report, offline):
    meta = {"a1": ArticleMeta(headline="Talks", url="https://news.example.com/talks", date="2021-03-02",
                              publisher="Example News")}
    options = ReviewOptions(base_url="https://checks.example.org/report.html", author="Desk", publisher="Desk Media")
    g = _parse(claimreview_document(report, articles=meta, options=options, today="2021-03-05"))
    review = g.value(None, RDF.type, SDO.ClaimReview)
    assert review is not None
    assert g.value(review, SDO.url) == URIRef("https://checks.example.org/report.html#c-a1-0")  # an IRI, not a string
    assert str(g.value(review, SDO.claimReviewed)) == "President Sam Doe (2021-03-01)"
    assert g.value(g.value(review, SDO.author), SDO.name) == rdflib.Literal("Desk")
    assert g.value(g.value(review, SDO.publisher), SDO.name) == rdflib.Literal("Desk Media")
    rating = g.value(review, SDO.reviewRating)
    assert str(g.value(rating, SDO.alternateName)).startswith("False")
    claim = g.value(review, SDO.itemReviewed)
    assert (claim, RDF.type, SDO.Claim) in g
    assert g.value(g.value(claim, SDO.author), SDO.name) == rdflib.Literal("Example News")
    assert g.value(g.value(claim, SDO.appearance), SDO.url) == URIRef("https://news.example.com/talks")
    assert g.value(claim, SDO.datePublished) == rdflib.Literal("2021-03-02", datatype=SDO.Date)
    evidence = g.value(review, SDO.isBasedOn)
    assert g.value(evidence, SDO.url) == URIRef("https://www.wikidata.org/wiki/Q111#P39")


def test_the_review_url_is_the_findings_anchor_in_the_html_report(report):
    doc = claimreview_document(report, options=ReviewOptions(base_url="https://x.example/r.html"))
    fragment = doc["@graph"][0]["url"].split("#", 1)[1]
    page = io.StringIO()
    write_html(report, page, {"a1": ("Talks", TEXT, "")})
    cards = dict(re.findall(r'<div class="card" id="([^"]+)"[^>]*><div class="kind">[^<]*</div><strong>([^<]*)</strong>',
                            page.getvalue()))
    assert cards[fragment] == "President Sam Doe"  # the anchor is this conflict's card, not the unverifiable claim's


def test_remote_context_is_the_schema_org_url(report):
    doc = claimreview_document(report, options=ReviewOptions(context="remote"))
    assert doc["@context"] == "https://schema.org"
    inline = claimreview_document(report)
    assert inline["@context"] == bundled_context() and inline["@graph"] == doc["@graph"]


def test_every_term_kg_writes_is_in_the_bundled_context(report):
    context = bundled_context()
    doc = claimreview_document(report, articles={"a1": ArticleMeta("T", "https://n.example/a", "2021-03-02", "N")},
                               options=ReviewOptions(base_url="https://x.example/r.html", publisher="P"))

    def keys(node):
        if isinstance(node, dict):
            for k, v in node.items():
                yield k
                yield from keys(v)
            if "@type" in node:
                yield node["@type"]
        elif isinstance(node, list):
            for v in node:
                yield from keys(v)

    used = {k for k in keys(doc["@graph"]) if not k.startswith("@")}
    assert used <= set(context), used - set(context)


@pytest.mark.parametrize("surface, date, expected", [
    ("President Sam Doe", "2021-03-01", "President Sam Doe (2021-03-01)"),
    ("President Sam Doe", "", "President Sam Doe"),
])
def test_claim_reviewed_is_the_claim(surface, date, expected):
    assert claim_reviewed(_conflict("out-of-term", surface, claim_date=date)) == expected


def test_a_long_claim_is_cut_at_a_word_under_75_characters():
    long = "the Deputy Assistant Under-Secretary for Regional Multilateral Affairs and Cooperation Jane Roe"
    text = claim_reviewed(replace(_conflict("out-of-term", "President Sam Doe"), surface=long))
    assert len(text) <= 75 and text.endswith("… (2021-03-01)") and " Cooperation" not in text
    assert long.startswith(text.split("…")[0])


@pytest.mark.parametrize("statement, kind, url", [
    ("http://www.wikidata.org/entity/statement/Q76-kb-0011223344556677", "out-of-term",
     "https://www.wikidata.org/wiki/Q76#P39"),  # kg's own statement ids do not exist on Wikidata
    ("http://www.wikidata.org/entity/statement/Q76-5D8E5B2C-4B0A-4A6F-9B51-0A5C5B7D3E21", "out-of-term",
     "https://www.wikidata.org/wiki/Q76#Q76$5D8E5B2C-4B0A-4A6F-9B51-0A5C5B7D3E21"),  # a real statement id
    ("http://www.wikidata.org/entity/Q76", "lifespan", "https://www.wikidata.org/wiki/Q76"),
    ("http://www.wikidata.org/entity/statement/Q5-kb-aa", "cross-article", "https://www.wikidata.org/wiki/Q5"),
])
def test_evidence_links_resolve_on_wikidata(statement, kind, url):
    assert evidence_url(statement, kind) == url


def test_article_meta_reads_the_outlet_date_and_headline_from_the_store(report, offline):
    store = Store(None)
    article = Article(id="a1", text=TEXT, title="Talks resume", date="2021-03-02", date_source="given",
                      source="Example News", url="https://news.example.com/talks")
    store.replace_graphs({article_graph("a1"): article_triples(article)})
    assert article_meta(store, {"a1", "missing"}) == {
        "a1": ArticleMeta("Talks resume", "https://news.example.com/talks", "2021-03-02", "Example News")}
    out = io.StringIO()
    write_claimreview(report, out, store=store, settings={"review_base_url": "https://c.example/r.html"})
    g = _parse(json.loads(out.getvalue()))
    claim = g.value(None, RDF.type, SDO.Claim)
    assert g.value(g.value(claim, SDO.author), SDO.name) == rdflib.Literal("Example News")


def test_without_an_outlet_the_site_is_the_claims_author(report):
    doc = claimreview_document(report, articles={"a1": ArticleMeta(url="https://www.example.net/x")})
    assert doc["@graph"][0]["itemReviewed"]["author"]["name"] == "www.example.net"
    bare = claimreview_document(report)
    assert "author" not in bare["@graph"][0]["itemReviewed"]  # no outlet known: none invented


def test_a_bad_context_setting_is_a_clear_error(report):
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="review_context"):
        claimreview_document(report, options=ReviewOptions(context="elsewhere"))


def test_the_offline_guard_would_catch_a_fetch(report, offline):
    """The remote form needs schema.org's context from the network: the guard above stops it."""
    with pytest.raises(Exception, match="network access attempted"):
        _parse(claimreview_document(report, options=ReviewOptions(context="remote")))


def test_the_bundled_context_ships_with_the_package():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    assert '"kg" = ["*.jsonld"]' in (root / "pyproject.toml").read_text()
    assert (root / "kg" / "schemaorg-context.jsonld").is_file()


def test_review_options_are_read_from_the_typed_settings():
    from kg.config import Settings

    given = {"review_base_url": "https://c.example/r.html", "review_author": "Desk", "review_context": "remote"}
    options = ReviewOptions.from_settings(Settings.of(given))
    assert options == ReviewOptions.from_settings(given) == ReviewOptions(
        base_url="https://c.example/r.html", author="Desk", context="remote")
    assert ReviewOptions.from_settings(None) == ReviewOptions() == ReviewOptions.from_settings(Settings())
    assert ReviewOptions.from_settings(Settings(review_author="", review_context="")) == ReviewOptions()  # empty: default
