"""`kg validate`: the SHACL shapes (ontology/shapes.ttl) against real and broken graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import shapes
from kg.cli import COMMANDS, main
from kg.store import Store
from kg.vocab import ARTICLE_GRAPH_PREFIX, CONFLICTS_GRAPH, DIP, KG, NIF, TITLE_GRAPH_PREFIX, WIKIDATA_GRAPH

from .conftest import FIXTURES, ROOT

BROKEN = FIXTURES / "ontology" / "broken.trig"
ARTICLE = ARTICLE_GRAPH_PREFIX + "fixture-broken"


@pytest.fixture()
def broken_store(tmp_path) -> Path:
    path = tmp_path / "broken"
    Store(path).load(BROKEN, "trig")
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_built_samples_have_no_violations(built_samples):
    report = shapes.validate(Store(built_samples, read_only=True))
    assert report.violations == [], "\n".join(f.line() for f in report.violations)
    graphs = set(report.graphs)
    assert str(CONFLICTS_GRAPH) in graphs and str(WIKIDATA_GRAPH) not in graphs
    assert sum(g.startswith(ARTICLE_GRAPH_PREFIX) for g in graphs) == 2
    assert any(g.startswith(TITLE_GRAPH_PREFIX) for g in graphs)
    assert report.triples > 4000 and report.conforms


def test_cli_validate_built_samples(built_samples, capsys):
    code, out, _ = _run(capsys, "validate", "--store", str(built_samples))
    assert code == 0
    assert out.strip().splitlines()[-1].endswith(": 0 violation(s), 0 warning(s)")
    code, out, _ = _run(capsys, "validate", "--store", str(built_samples), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["conforms"] is True and doc["violations"] == 0 and doc["graphs"] >= 4


#: (focus node, result path or "", words of the message) of every violation in broken.trig.
BROKEN_VIOLATIONS = {
    (str(KG["claim/fixture-broken/role/14-45"]), str(DIP.inArticle), "no provenance"),
    (str(KG["mention/fixture-broken/250-263"]), "", "outside the text of"),
    (str(KG["mention/fixture-broken/250-263"]), "", "outside its sentence"),
    (str(KG["conflict/fixture-broken/role/14-45/wrong-name"]), "", "wrong-name conflict has no evidence"),
    (str(KG["conflict/fixture-broken/role/14-45/wrong-name"]), "", "is in no article graph"),
    (str(KG["conflict/fixture-broken/role/0-2/out-of-term"]), "", "is in no article graph"),
}


def test_broken_fixture_violations_are_named(broken_store):
    report = shapes.validate(Store(broken_store, read_only=True))
    found = {(f.focus, f.path, next((w for *_, w in BROKEN_VIOLATIONS if w in f.message), f.message))
             for f in report.violations}
    assert found == BROKEN_VIOLATIONS
    assert not report.conforms and report.warnings == []
    by_focus = {f.focus: f for f in report.violations}
    mention = next(f for f in report.violations if "outside the text" in f.message)
    assert mention.graph == ARTICLE and "250-263" in mention.message and "74 characters" in mention.message
    assert by_focus[str(KG["claim/fixture-broken/role/14-45"])].graph == ARTICLE
    assert by_focus[str(KG["conflict/fixture-broken/role/0-2/out-of-term"])].graph == str(CONFLICTS_GRAPH)


def test_cli_validate_broken_exits_1_and_says_where(broken_store, capsys):
    code, out, _ = _run(capsys, "validate", "--store", str(broken_store))
    assert code == 1
    assert "[Violation] kg:claim/fixture-broken/role/14-45 dip:inArticle: the claim has no provenance" in out
    assert f"graph {ARTICLE}; shape kgsh:ClaimShape (minCount)" in out
    assert "offsets 250-263 are outside the text of" in out
    assert out.strip().splitlines()[-1].endswith(": 6 violation(s), 0 warning(s)")
    code, out, _ = _run(capsys, "validate", "--store", str(broken_store), "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["conforms"] is False and doc["violations"] == 6
    assert {"severity", "focus", "path", "message", "graph", "shape", "constraint", "value"} <= set(doc["results"][0])


def test_cli_validate_one_graph(broken_store, capsys):
    code, out, _ = _run(capsys, "validate", "--store", str(broken_store), "--graph", ARTICLE)
    assert code == 1 and f"graph {CONFLICTS_GRAPH}" not in out
    assert out.strip().splitlines()[-1].startswith("validated 1 graph(s)")
    assert out.strip().splitlines()[-1].endswith(": 3 violation(s), 0 warning(s)")
    code, _, err = _run(capsys, "validate", "--store", str(broken_store), "--graph", ARTICLE_GRAPH_PREFIX + "nope")
    assert code == 1 and "no graph" in err and "nope" in err


def _conflict(kind: str, *, evidence: bool) -> Graph:
    g = Graph()
    node, claim = KG[f"conflict/x/role/1-2/{kind}"], KG["claim/x/role/1-2"]
    g.add((node, RDF.type, DIP.Conflict))
    g.add((node, DIP.conflictKind, Literal(kind)))
    g.add((node, DIP.claim, claim))
    g.add((claim, DIP.inArticle, KG["article/x"]))
    g.add((node, DIP.explanation, Literal("why")))
    g.add((node, DIP.found, Literal("what")))
    g.add((node, DIP.confidence, Literal("0.75", datatype=XSD.decimal)))
    if evidence:
        g.add((node, DIP.evidence, URIRef("http://www.wikidata.org/entity/statement/Q1-x")))
    return g


@pytest.mark.parametrize(("kind", "evidence", "severities"), [
    ("out-of-term", True, []),
    ("out-of-term", False, ["Violation"]),
    ("membership", False, ["Warning"]),  # "NATO member Ukraine": rests on the absence of a P463 statement
    ("membership", True, []),
    ("misspelt-kind", True, ["Violation"]),
])
def test_conflict_evidence(kind, evidence, severities):
    findings = shapes.validate_graph(_conflict(kind, evidence=evidence), "test")
    assert [f.severity for f in findings] == severities


@pytest.mark.parametrize("datatype", [XSD.nonNegativeInteger, XSD.integer])
def test_offsets_accept_what_kg_writes_and_what_the_store_holds(datatype):
    """kg writes xsd:nonNegativeInteger offsets; pyoxigraph gives them back as xsd:integer."""
    g, a, s = Graph(), KG["article/x"], KG["sentence/x/0-13"]
    g.add((a, RDF.type, DIP.Article))
    g.add((a, NIF.isString, Literal("Geneva talks.")))
    g.add((s, RDF.type, DIP.Sentence))
    g.add((s, RDF.type, NIF.Sentence))
    g.add((s, RDF.type, NIF.OffsetBasedString))
    g.add((s, DIP.inArticle, a))
    g.add((s, NIF.beginIndex, Literal(0, datatype=datatype)))
    g.add((s, NIF.endIndex, Literal(13, datatype=datatype)))
    g.add((s, NIF.referenceContext, a))
    assert [f for f in shapes.validate_graph(g, "x") if f.focus == str(s)] == []
    g.set((s, NIF.endIndex, Literal(14, datatype=datatype)))
    assert [f.message for f in shapes.validate_graph(g, "x") if f.focus == str(s)] == [
        f"offsets 0-14 are outside the text of {a} (13 characters)"]
    g.set((s, NIF.beginIndex, Literal(-1, datatype=XSD.integer)))
    assert {f.constraint for f in shapes.validate_graph(g, "x") if f.focus == str(s)} >= {"minInclusive", "pattern"}


def test_shapes_ship_with_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"kg._res.ontology" = ["*.ttl"]' in pyproject and (ROOT / "ontology" / "shapes.ttl").is_file()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_cli_command_is_documented_in_readme(name):
    readme = (ROOT / "README.md").read_text()
    assert f"`kg {name}" in readme


def test_an_event_placed_at_an_organisation_is_a_warning():
    g = Graph()
    event, place = KG["claim/x/consult/1-2"], URIRef("http://www.wikidata.org/entity/Q7184")
    g.add((event, RDF.type, DIP.Consult))
    g.add((event, DIP.place, place))
    g.add((place, RDF.type, DIP.Organization))
    place_findings = [f for f in shapes.validate_graph(g, "x") if f.shape.endswith("#EventPlaceShape")]
    assert [(f.severity, f.message) for f in place_findings] == [
        ("Warning", f"the event's place {place} is typed {DIP.Organization}, not a place")]
    g.set((place, RDF.type, DIP.Country))
    assert [f for f in shapes.validate_graph(g, "x") if f.shape.endswith("#EventPlaceShape")] == []
