"""SHACL validation of the graphs kg writes (``kg validate``).

The shapes are ``ontology/shapes.ttl``.  Each named graph (the articles, the
office titles, the conflicts) is copied out of the store into a small in-memory
pyoxigraph store and validated on its own with pyshacl, so every result names
the graph it is in and memory stays flat however large the store.  (pyshacl
runs a SPARQL-based constraint once per focus node; on an rdflib graph it
re-parses the query every time, about 25 ms each, 13 s for one sample article;
on pyoxigraph it takes well under 1 ms.)  The conflicts graph is validated
with one extra triple per claim it refers to (``?claim dip:inArticle
?article``, read from the store), so a verdict about a claim no article holds
is found.  The Wikidata snapshot and the ontology graph are not validated.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import IO, Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .errors import StoreError
from .ontology import OntologyError, shapes_graph
from .store import Store
from .vocab import DIP, ONTOLOGY_GRAPH, PREFIXES, WIKIDATA_GRAPH

__all__ = ["Finding", "ValidationReport", "validate", "validate_graph", "write_json", "write_text"]

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SHAPES_NS = "https://w3id.org/kg-diplomacy/shapes#"


@dataclass(frozen=True)
class Finding:
    """One SHACL result: which node, which property, what is wrong, how bad, in which graph."""

    severity: str  # Violation, Warning, Info
    focus: str
    path: str
    message: str
    graph: str
    shape: str  # the node shape whose constraint failed
    constraint: str  # e.g. minCount, datatype, sparql
    value: str = ""

    def line(self) -> str:
        path = f" {_short(self.path)}" if self.path else ""
        value = f" (value: {self.value})" if self.value and self.value not in self.message else ""
        return (f"[{self.severity}] {_short(self.focus)}{path}: {self.message}{value}\n"
                f"    graph {self.graph}; shape {_short(self.shape)} ({self.constraint})")


@dataclass
class ValidationReport:
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        """No violations (warnings are what kg should, but need not, write)."""
        return not self.violations

    def summary(self) -> str:
        return (f"validated {len(self.graphs)} graph(s), {self.triples} triples, against ontology/shapes.ttl: "
                f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)")


def _short(iri: str) -> str:
    for prefix, ns in {**PREFIXES, "kgsh": SHAPES_NS}.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _graph(store: Store, name: str) -> ox.Store:
    """The named graph ``name`` of the store, as the default graph of an in-memory store."""
    graph = ox.Store()
    default = ox.DefaultGraph()
    graph.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in store.triples(name))
    return graph


def _claims_context(store: Store, name: str) -> list[ox.Quad]:
    """``?claim dip:inArticle ?article`` for the claims the verdicts in graph ``name`` are about."""
    rows = store.select("check/verdict-claims", {"verdicts": URIRef(name)})
    in_article = ox.NamedNode(str(DIP.inArticle))
    return [ox.Quad(ox.NamedNode(r["claim"]), in_article, ox.NamedNode(r["article"])) for r in rows]


def _node_shape(shapes: Graph, shape: Node) -> Node:
    """The named node shape a (blank) property shape belongs to."""
    parent = shapes.value(None, SH.property, shape)
    return parent if parent is not None else shape


def validate_graph(data: ox.Store | Graph, graph_name: str = "") -> list[Finding]:
    """Validate one graph (a pyoxigraph store's default graph, or an rdflib graph) against the shapes.

    The findings come worst first.
    """
    from pyshacl import validate as shacl_validate
    from pyshacl.errors import ReportableRuntimeError

    shapes = shapes_graph()
    try:
        _, results, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                       allow_warnings=False, allow_infos=False)
    except (ReportableRuntimeError, SyntaxError, ValueError) as exc:  # pyshacl's errors, SPARQL parse errors
        raise OntologyError(f"SHACL validation of {graph_name or 'a graph'} failed: {exc}") from exc
    findings = []
    for result in results.objects(None, SH.result):
        def get(p, r=result):
            value = results.value(r, p)
            return "" if value is None else str(value)

        component = get(SH.sourceConstraintComponent).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        component = component.lower() if component.isupper() else component[:1].lower() + component[1:]
        shape = _node_shape(shapes, results.value(result, SH.sourceShape))
        path = results.value(result, SH.resultPath)
        focus, value = get(SH.focusNode), get(SH.value)
        findings.append(Finding(
            severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
            focus=focus, path=str(path) if isinstance(path, URIRef) else "",
            message=get(SH.resultMessage) or component, graph=graph_name,
            shape=str(shape) if isinstance(shape, URIRef) else "", constraint=component,
            value="" if value == focus else value))
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(findings, key=lambda f: (order.get(f.severity, 3), f.focus, f.path, f.message))


def validate(store: Store, graphs: Iterable[str] | None = None, *, progress: bool | None = None) -> ValidationReport:
    """Validate the given named graphs (default: every graph but the Wikidata snapshot and the ontology);
    ``progress``: a bar of the graphs on stderr (:mod:`kg.progress`; None: only on a terminal)."""
    from .progress import bar

    present = store.graphs()
    if graphs is None:
        names = [g for g in present if g not in (str(WIKIDATA_GRAPH), str(ONTOLOGY_GRAPH))]
    else:
        names = list(dict.fromkeys(str(g) for g in graphs))
        missing = [g for g in names if g not in present]
        if missing:
            raise StoreError(f"no graph {', '.join(missing)} in the store {store.path}; "
                             "`kg query - <<< 'SELECT DISTINCT ?g { GRAPH ?g {} }'` lists the graphs")
    report = ValidationReport(graphs=names)
    about = ox.NamedNode(str(DIP.claim))
    for name in bar(names, unit="graphs", desc="validate", enabled=progress):
        data = _graph(store, name)
        report.triples += len(data)
        if next(data.quads_for_pattern(None, about, None), None) is not None:  # verdicts about other graphs' claims
            data.extend(_claims_context(store, name))
        report.findings += validate_graph(data, name)
    return report


def write_text(report: ValidationReport, out: IO[str]) -> None:
    for finding in report.findings:
        out.write(finding.line() + "\n")
    out.write(report.summary() + "\n")


def write_json(report: ValidationReport, out: IO[str]) -> None:
    json.dump({"conforms": report.conforms, "graphs": len(report.graphs), "triples": report.triples,
               "violations": len(report.violations), "warnings": len(report.warnings),
               "results": [asdict(f) for f in report.findings]}, out, indent=2, ensure_ascii=False)
    out.write("\n")

