"""The ontology as an artefact: load it, serialise it, and reason over it with HermiT.

``ontology/diplomacy.ttl`` is the vocabulary (``kg/vocab.py`` exposes its terms,
``tests/test_vocab.py`` keeps the two in step); ``ontology/shapes.ttl`` holds the
SHACL shapes (run by :mod:`kg.shapes`); :mod:`kg.ontodoc` renders the HTML
documentation.  This module loads both files and runs ``kg ontology check``:
the ontology plus a sample of the store's typed entities, handed to HermiT
through owlready2, which reports an entity typed with two disjoint classes
(a person that is also a country) as an inconsistency.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .errors import OntologyError
from .resources import resource_dir
from .store import Store
from .vocab import ARTICLE_GRAPH_PREFIX, DIP, ONTOLOGY_IRI, PREFIXES

__all__ = ["OntologyError", "ReasonerReport", "check", "html", "java_available", "load", "ontology_graph",
           "reason", "serialize", "shapes_graph"]

ONTOLOGY_FILE = "diplomacy.ttl"
SHAPES_FILE = "shapes.ttl"

#: The classes kg types entities with (kg/graph/mentions.py); the sample is drawn from their instances.
ENTITY_CLASSES = (DIP.Person, DIP.Organization, DIP.Country, DIP.Place, DIP.Position, DIP.Entity)

#: rdflib format names for :func:`serialize`.
FORMATS = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}

#: XSD datatypes HermiT knows (the OWL 2 datatype map lacks xsd:date, which kg writes).
_OWL2_XSD = {XSD[n] for n in (
    "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
    "boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")}


def _path(name: str) -> Path:
    return resource_dir("ontology") / name


@lru_cache(maxsize=4)
def load(name: str = ONTOLOGY_FILE) -> Graph:
    """One of the ontology folder's Turtle files, parsed (cached: do not modify the graph)."""
    path = _path(name)
    try:
        graph = Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:  # rdflib raises BadSyntax, a SyntaxError
        raise OntologyError(f"cannot read {path}: {exc}; fix the file or reinstall kg") from exc
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, replace=True)
    return graph


def ontology_graph() -> Graph:
    """``ontology/diplomacy.ttl`` as an rdflib graph."""
    return load(ONTOLOGY_FILE)


def shapes_graph() -> Graph:
    """``ontology/shapes.ttl`` as an rdflib graph."""
    return load(SHAPES_FILE)


def serialize(fmt: str = "ttl") -> bytes:
    """The ontology in ``fmt`` (ttl, nt, xml, jsonld); Turtle is the file itself, byte for byte."""
    if fmt == "ttl":
        return _path(ONTOLOGY_FILE).read_bytes()
    if fmt not in FORMATS:
        raise OntologyError(f"unknown ontology format {fmt!r}; use one of {', '.join(FORMATS)}")
    return ontology_graph().serialize(format=FORMATS[fmt], encoding="utf-8")


def html() -> str:
    """The ontology's HTML documentation (see :mod:`kg.ontodoc`)."""
    from .ontodoc import html as render

    return render(ontology_graph())


# -- reasoning -------------------------------------------------------------------------------


#: entity IRI -> its rdf:types -> the graphs that type it so.
Types = dict[str, dict[str, set[str]]]


@dataclass(frozen=True)
class Clash:
    """An entity whose types fall in two disjoint classes."""

    entity: str
    first: str  # a disjoint class
    first_via: str  # the asserted type that puts the entity in it
    first_graphs: tuple[str, ...]  # the graphs that assert it
    second: str
    second_via: str
    second_graphs: tuple[str, ...]

    def line(self) -> str:
        def part(cls: str, asserted: str, graphs: tuple[str, ...]) -> str:
            name = _short(cls) if cls == asserted else f"{_short(cls)} (as {_short(asserted)})"
            if not graphs:
                return name
            more = f" and {len(graphs) - 2} more" if len(graphs) > 2 else ""
            return f"{name} in {', '.join(graphs[:2])}{more}"

        return (f"{_short(self.entity)} is typed {part(self.first, self.first_via, self.first_graphs)} and "
                f"{part(self.second, self.second_via, self.second_graphs)}: the ontology declares "
                f"{_short(self.first)} and {_short(self.second)} disjoint")


@dataclass
class ReasonerReport:
    """What ``kg ontology check`` found."""

    entities: int = 0  # typed entities in the store
    sampled: int = 0  # entities handed to the reasoner
    consistent: bool | None = None  # None: not reasoned (no Java)
    clashes: list[Clash] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str = ""  # why reasoning was skipped
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.skipped:
            return [f"ontology check skipped: {self.skipped}"]
        head = (f"ontology {ONTOLOGY_IRI} + {self.sampled} of {self.entities} typed entities: "
                f"{'consistent' if self.consistent else 'INCONSISTENT'} (HermiT, {self.seconds:.1f} s)")
        out = [head] + [f"  {c.line()}" for c in self.clashes]
        if not self.consistent and not self.clashes:
            out.append("  no entity is typed with two disjoint classes: the inconsistency is in the ontology's own "
                       "axioms; run `kg ontology check` on an empty store to confirm, then fix ontology/diplomacy.ttl")
        return out + [f"  note: {n}" for n in self.notes]


def java_available() -> str | None:
    """The Java executable owlready2 would run HermiT with, or None when there is none."""
    import owlready2

    return shutil.which(owlready2.JAVA_EXE)


def sample_types(store: Store, sample: int = 1000) -> tuple[int, Types]:
    """(number of typed entities, the types of a sample of them, with the graphs that assert each).

    Entities are the subjects of the entity classes in the article graphs; the
    sample is every entity when ``sample`` is 0 or more than there are, else
    ``sample`` entities chosen by a hash of their IRI (the same store gives the
    same sample).  Each sampled entity comes with all its types, so an entity
    typed differently in two articles is seen whole.
    """
    rows = store.select("graphs/entity-types", {"articles": Literal(ARTICLE_GRAPH_PREFIX)},
                        values={"k": [URIRef(c) for c in ENTITY_CLASSES]})
    types: Types = {}
    for r in rows:
        types.setdefault(r["e"], {}).setdefault(r["c"], set()).add(r["g"])
    total = len(types)
    if 0 < sample < total:
        keep = sorted(types, key=lambda e: hashlib.sha1(e.encode()).hexdigest())[:sample]
        types = {e: types[e] for e in keep}
    return total, types


def _reasoner_graph(types: Types) -> tuple[Graph, list[str]]:
    """The ontology without what HermiT cannot read, plus the entities' type triples."""
    graph = Graph()
    notes = []
    dropped = set()
    for s, p, o in ontology_graph():
        if p == RDFS.range and isinstance(o, URIRef) and str(o).startswith(str(XSD)) and o not in _OWL2_XSD:
            dropped.add(o)
            continue
        graph.add((s, p, o))
    if dropped:
        names = ", ".join(sorted(_short(str(d)) for d in dropped))
        notes.append(f"data-property ranges {names} left out for HermiT (not in the OWL 2 datatype map; "
                     "kg writes them, SHACL checks them)")
    for entity, classes in types.items():
        e = URIRef(entity)
        graph.add((e, RDF.type, OWL.NamedIndividual))
        for c in classes:
            graph.add((e, RDF.type, URIRef(c)))
    return graph, notes


def reason(types: Types, *, entities: int | None = None) -> ReasonerReport:
    """Run HermiT on the ontology plus ``types``; name the entities behind an inconsistency."""
    report = ReasonerReport(entities=len(types) if entities is None else entities, sampled=len(types))
    if java_available() is None:
        report.skipped = ("no Java runtime found (HermiT, the OWL reasoner owlready2 runs, needs `java` on the "
                          "PATH; install a JRE, e.g. `apt-get install default-jre-headless`)")
        return report
    import owlready2

    graph, report.notes = _reasoner_graph(types)
    world = owlready2.World()
    started = time.perf_counter()
    try:
        onto = world.get_ontology(ONTOLOGY_IRI).load(
            fileobj=io.BytesIO(graph.serialize(format="nt", encoding="utf-8")), format="ntriples")
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        report.consistent = True
    except owlready2.OwlReadyInconsistentOntologyError:
        report.consistent = False
    except (owlready2.OwlReadyJavaError, OSError) as exc:
        raise OntologyError(f"HermiT failed on the ontology plus {len(types)} entities: {exc}") from exc
    finally:
        world.close()
    report.seconds = time.perf_counter() - started
    if not report.consistent:
        report.clashes = explain(types)
    return report


def check(store: Store, sample: int = 1000) -> ReasonerReport:
    """``kg ontology check``: the ontology plus a sample of the store's typed entities, through HermiT."""
    if sample < 0:
        raise OntologyError(f"--sample must be 0 (every entity) or more, not {sample}")
    if java_available() is None:
        return reason({})
    total, types = sample_types(store, sample)
    return reason(types, entities=total)


# -- explaining an inconsistency ---------------------------------------------------------------


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _superclasses(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each named class -> itself and its named superclasses (rdfs:subClassOf*)."""
    parents: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            parents.setdefault(s, set()).add(o)
    closure: dict[URIRef, set[URIRef]] = {}
    for cls in set(parents) | {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}:
        seen, todo = {cls}, [cls]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        closure[cls] = seen
    return closure


def disjoint_pairs(graph: Graph | None = None) -> set[frozenset[URIRef]]:
    """Every pair of classes the ontology declares disjoint (owl:AllDisjointClasses, owl:disjointWith)."""
    graph = ontology_graph() if graph is None else graph
    pairs: set[frozenset[URIRef]] = set()
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(node, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    pairs |= {frozenset((a, b)) for a, b in graph.subject_objects(OWL.disjointWith)}
    return pairs


def explain(types: Types) -> list[Clash]:
    """Entities whose asserted types (with their superclasses) fall in two disjoint classes."""
    closure = _superclasses(ontology_graph())
    pairs = disjoint_pairs()
    clashes = []
    for entity, classes in sorted(types.items()):
        via: dict[URIRef, URIRef] = {}  # class the entity is in -> an asserted type that puts it there
        for c in sorted(URIRef(x) for x in classes):
            for sup in sorted(closure.get(c, {c})):
                via.setdefault(sup, c)
        for a, b in sorted(sorted(p) for p in pairs if p <= via.keys()):
            clashes.append(Clash(entity, str(a), str(via[a]), tuple(sorted(classes[str(via[a])])),
                                 str(b), str(via[b]), tuple(sorted(classes[str(via[b])]))))
    return clashes
