"""The RDF store: a pyoxigraph ``Store`` on disk (or in memory for tests).

Articles are named graphs.  New graphs are loaded in one transaction; a graph
already there is replaced by a single SPARQL Update (``DROP GRAPH`` + ``INSERT
DATA``), which pyoxigraph applies atomically, so a re-build never leaves
duplicates or half graphs behind.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError
from .vocab import DECLARED_DATATYPES, PREFIXES
from .wdqs import WDQS_PREFIXES, prepare_query

#: File suffix / --format name -> pyoxigraph format.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {"nq", "trig", "jsonld"}

Triple = tuple[Node, Node, Node]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to the pyoxigraph term with the same meaning."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store RDF term {term!r} of type {type(term).__name__}")


def ntriples(triples: Iterable[Triple]) -> bytes:
    """rdflib triples as N-Triples bytes (one statement per line)."""
    return ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples],
                        format=ox.RdfFormat.N_TRIPLES)


def values_block(bindings: Mapping[str, Node]) -> str:
    """``VALUES (?a ?b) { (<x> "y") }`` for one row of bindings."""
    names = list(bindings)
    for name in names:
        if not name.isidentifier():
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    terms = " ".join(str(to_ox(bindings[n])) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a VALUES block at the start of its WHERE group."""
    block = values_block(bindings)
    match = _WHERE.search(sparql)
    if match is None:
        return sparql.rstrip() + "\n" + block
    return sparql[: match.end()] + "\n  " + block + "\n" + sparql[match.end():]


def bind_list(sparql: str, name: str, terms) -> str:
    """The query with ``VALUES ?name { t1 t2 ... }`` (one variable, many rows) at the start of its WHERE group."""
    if not name.isidentifier():
        raise QueryError(f"not a SPARQL variable name: {name!r}")
    block = f"VALUES ?{name} {{ {' '.join(str(to_ox(t)) for t in terms)} }}"
    match = _WHERE.search(sparql)
    if match is None:
        return sparql.rstrip() + "\n" + block
    return sparql[: match.end()] + "\n  " + block + "\n" + sparql[match.end():]


class Store:
    """A kg store: the pyoxigraph store plus kg's conventions for graphs."""

    def __init__(self, path: str | Path | None = "./kg-store", *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        if self.path is not None and self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: is a file, not a store directory; give another --store path "
                             "(KG_STORE), or move the file")
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; build one with `kg build PATH`")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as exc:
            hint = ("is another kg process using it?" if "lock" in str(exc).lower()
                    else "check the path and its permissions")
            raise StoreError(f"{self.path}: cannot open the store ({exc}); {hint}") from exc

    # -- writing -----------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]]) -> int:
        """Replace each named graph by the given triples (see :meth:`write_graphs`); returns the triple count."""
        data: dict[str, bytes] = {}
        count = 0
        for graph, triples in graphs.items():
            rows = list(triples)
            count += len(rows)
            data[str(graph)] = ntriples(rows)
        self.write_graphs(data)
        return count

    def write_graphs(self, graphs: Mapping[str, bytes]) -> None:
        """Replace each named graph (IRI -> its N-Triples) in the store.

        Graphs new to the store are loaded together in one transaction (all
        or nothing).  Graphs already there are swapped by one SPARQL Update
        (``DROP GRAPH`` + ``INSERT DATA``), so a reader never sees an article
        half re-built.  A crash between the two leaves every graph either
        absent or whole, never duplicated.
        """
        fresh: list[bytes] = []
        parts: list[str] = []
        for graph, data in graphs.items():
            g = ox.NamedNode(graph)
            if self.ox.contains_named_graph(g):
                parts.append(f"DROP SILENT GRAPH {g}")
                if data:
                    parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{data.decode()}\n}}}}")
            elif data:
                # N-Triples escape line breaks inside literals: " .\n" only ends statements
                fresh.append(data.replace(b" .\n", f" {g} .\n".encode()))
        if fresh:
            try:
                self.ox.load(b"".join(fresh), format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError) as exc:
                raise StoreError(f"store write failed: {exc}") from exc
        if parts:
            self.update(" ;\n".join(parts))

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except RuntimeError as exc:  # pyoxigraph: "Transaction are only possible on read-write instances"
            raise StoreError(f"{self.path}: the store is open read-only; cannot update it ({exc})") from exc
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"store update failed: {exc}") from exc

    def load(
        self,
        data: bytes | str | IO[bytes] | Path,
        fmt: str,
        graph: URIRef | None = None,
    ) -> None:
        """Parse RDF into the store (into ``graph`` for triple formats)."""
        kwargs = {"format": RDF_FORMATS[fmt]}
        if graph is not None and fmt not in DATASET_FORMATS:
            kwargs["to_graph"] = ox.NamedNode(str(graph))
        try:
            if isinstance(data, Path):
                self.ox.load(path=str(data), **kwargs)
            else:
                self.ox.load(data, **kwargs)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"cannot load {fmt} data{f' from {data}' if isinstance(data, Path) else ''}: {exc}") from exc

    def remove_graph(self, graph: URIRef) -> None:
        g = ox.NamedNode(str(graph))
        if self.ox.contains_named_graph(g):
            self.ox.remove_graph(g)

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    # -- reading -----------------------------------------------------------------

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        union_default_graph: bool = True,
        default_graph: list[URIRef] | None = None,
        named_graphs: list[URIRef] | None = None,
        base_iri: str | None = None,
    ):
        """Run a SPARQL query; kg's and WDQS's prefixes are predeclared (:data:`QUERY_PREFIXES`).

        SERVICE and LOAD are refused (:class:`kg.sparql_screen.Refused`, a
        QueryError) -- except WDQS's ``SERVICE wikibase:label``, which is run
        locally (:mod:`kg.wdqs`); the engine never fetches anything.

        ``bindings`` maps variable names to rdflib terms.  They are bound by a
        ``VALUES`` block of terms serialised by pyoxigraph (never by pasting
        user text into the query), put first in the outermost WHERE group so
        every pattern and FILTER of the query sees them.  By default the default graph is the union of all
        named graphs, which is what users of a multi-graph store expect.
        """
        kwargs = {"prefixes": QUERY_PREFIXES}
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = union_default_graph
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(str(g)) for g in named_graphs]
        sparql = prepare_query(sparql, QUERY_PREFIXES)
        if bindings:
            sparql = bind_values(sparql, bindings)
        try:
            return self.ox.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, **kw) -> list[dict[str, str]]:
        """A SELECT's rows as dicts of plain strings (unbound variables left out)."""
        result = self.query(sparql, bindings, **kw)
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs())

    def __len__(self) -> int:
        return len(self.ox)

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self.ox)
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))

    def dump(self, out: IO[bytes], fmt: str, graph: URIRef | None = None) -> None:
        """Serialise the whole dataset (dataset formats) or one graph, streaming."""
        rdf_format = RDF_FORMATS[fmt]
        prefixes = _PREFIX_MAP if fmt in {"ttl", "trig"} else None
        try:
            if graph is not None:
                quads = self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
                ox.serialize((q.triple for q in declared_datatypes(quads)), out, rdf_format, prefixes=prefixes)
            elif fmt in DATASET_FORMATS:
                ox.serialize(declared_datatypes(self.ox), out, rdf_format, prefixes=prefixes)
            else:
                raise StoreError(
                    f"format {fmt!r} holds one graph: pass --graph IRI, or use nq, trig or jsonld for the whole dataset"
                )
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot write {fmt}: {exc}") from exc

    def iter_quads(self) -> Iterator[ox.Quad]:
        return iter(self.ox)


_PREFIX_MAP = dict(PREFIXES)
#: Predeclared in every query (CLI, server, named queries): WDQS's prefixes, then kg's (kg's win: ``schema:``).
QUERY_PREFIXES = {**WDQS_PREFIXES, **_PREFIX_MAP}
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DECLARED = {p: ox.NamedNode(d) for p, d in DECLARED_DATATYPES.items()}


def declared_datatypes(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads with the datatypes kg wrote (vocab.DECLARED_DATATYPES) where Oxigraph stored
    them as xsd:integer: NIF offsets go out as xsd:nonNegativeInteger."""
    for q in quads:
        datatype = _DECLARED.get(q.predicate.value)
        if datatype is not None and isinstance(q.object, ox.Literal) and q.object.datatype == _XSD_INTEGER:
            q = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value, datatype=datatype), q.graph_name)
        yield q


def dumps(store: Store, fmt: str, graph: URIRef | None = None) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, fmt, graph)
    return buffer.getvalue()
