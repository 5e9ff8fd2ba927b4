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
from rdflib import URIRef
from rdflib.term import Node

from . import queries
from .errors import QueryError, StoreError
from .vocab import PREFIXES
from .sparql_bind import bind_update, bind_values, insert_in_where, to_ox, values_block, values_blocks
from .store_terms import (Triple, _as_stored, _graph_term, _ntriples_of, _pattern_term,  # the terms
                          check_iri, declared_datatypes, ntriples)  # (check_iri: re-exported, the gateway's)
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
__all__ = ["DATASET_FORMATS", "QUERY_PREFIXES", "RDF_FORMATS", "Store", "Triple", "check_iri",
           "declared_datatypes", "dumps", "ntriples"]


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
                self._ox = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; build one with `kg build PATH`")
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
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

    def sync_graph(self, graph: URIRef | str, triples: Iterable[Triple]) -> int:
        """Make named graph ``graph`` hold exactly ``triples`` by one SPARQL Update of the difference
        (``DELETE DATA`` of the triples gone, ``INSERT DATA`` of the new): readers see the old graph or
        the new, and a graph that barely changed is barely written -- a full check writing its
        conflicts graph again (112,200 triples, 23 MB) took 8.3 s as a swap (``DROP`` + ``INSERT
        DATA``), 2.1 s as a load into an empty graph (measured 2026-12-07).  Returns how many triples
        were deleted or inserted.  (Triples with blank nodes, which ``DELETE DATA`` cannot name, are
        written by a swap, :meth:`replace_graphs`, and so is a graph whose difference is larger than the
        graph; a graph not there yet is loaded.)  Not atomic with other writers *of this process*: the
        graph is read, then updated."""
        rows = list(triples)
        g = _graph_term(graph)
        if not isinstance(g, ox.NamedNode):
            raise StoreError(f"sync_graph writes a named graph, not {graph!r}")
        memo: dict = {}
        for row in rows:
            for t in row:
                if t not in memo:
                    memo[t] = to_ox(t)
        _as_stored(memo)
        new = {ox.Triple(*(memo[t] for t in row)) for row in rows}
        old = {q.triple for q in self._ox.quads_for_pattern(None, None, None, g)}
        gone, added = old - new, new - old
        if (not old or len(gone) + len(added) > len(new)
                or any(isinstance(term, ox.BlankNode) for t in new | old for term in (t.subject, t.object))):
            # an empty graph is loaded (faster than INSERT DATA); a graph mostly changed is swapped
            self.replace_graphs({URIRef(g.value): rows})
            return len(gone) + len(added)
        parts = [f"{op} DATA {{ GRAPH {g} {{\n{''.join(f'{t} .{chr(10)}' for t in sorted(ts, key=str))}}}}}"
                 for op, ts in (("DELETE", gone), ("INSERT", added)) if ts]
        if parts:
            self.update(" ;\n".join(parts))
        return len(gone) + len(added)

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
            if self._ox.contains_named_graph(g):
                parts.append(_swap(g, data, replace=True))
            elif data:
                # N-Triples escape line breaks inside literals: " .\n" only ends statements
                fresh.append(data.replace(b" .\n", f" {g} .\n".encode()))
        if fresh:
            try:
                self._ox.load(b"".join(fresh), format=ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
                raise self._write_error(exc, "write") from exc
        if parts:
            self.update(" ;\n".join(parts))

    def replace_graph(self, graph: URIRef | str | None, data: bytes | Iterable[Triple]) -> None:
        """Swap graph ``graph`` (None: the default graph) for ``data`` (N-Triples bytes or rdflib triples)
        in one SPARQL Update (``DROP SILENT GRAPH`` + ``INSERT DATA``): readers see the old graph or the new."""
        if update := _swap(_graph_term(graph), _ntriples_of(data), replace=True):
            self.update(update)

    def add_graph(self, graph: URIRef | str | None, data: bytes | Iterable[Triple]) -> None:
        """Add ``data`` (N-Triples bytes or rdflib triples) to graph ``graph`` (None: the default graph)."""
        if update := _swap(_graph_term(graph), _ntriples_of(data), replace=False):
            self.update(update)

    def drop_graphs(self, graphs: Iterable[URIRef | str]) -> None:
        """Drop these named graphs (absent ones are skipped) in one SPARQL Update."""
        parts = [f"DROP SILENT GRAPH {_graph_term(g)}" for g in graphs]
        if parts:
            self.update(" ;\n".join(parts))

    def update(
        self,
        sparql: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        values: Mapping[str | tuple[str, ...], Iterable] | None = None,
        insert: tuple[URIRef | str | None, bytes | Iterable[Triple]] | None = None,
        prefixes: bool = False,
        base_iri: str | None = None,
    ) -> None:
        """Run a SPARQL Update -- its text, or the name of one in ``queries/`` (``"kb/clear-subjects"``,
        run with :data:`QUERY_PREFIXES` predeclared; ``prefixes``: predeclare them for text too).

        ``bindings`` (one row) and ``values`` (lists of terms, as in :meth:`query`) go in VALUES blocks
        first in the WHERE group of each operation (the engine has no bindings for updates); ``insert``
        ``(graph, data)`` adds the data (N-Triples bytes or rdflib triples) to the graph as a last
        ``INSERT DATA`` of the same update, so the whole runs as one transaction.

        StoreError when it fails; its ``__cause__`` is pyoxigraph's error (SyntaxError for a bad update)."""
        text = _query_text(sparql)
        if text is not sparql:
            prefixes = True
        sparql = text
        blocks = ([values_block(bindings)] if bindings else []) + values_blocks(values or {})
        if blocks:
            sparql = bind_update(sparql, blocks)
        if insert is not None and (data := _swap(_graph_term(insert[0]), _ntriples_of(insert[1]), replace=False)):
            sparql = sparql.rstrip().rstrip(";") + " ;\n" + data
        kwargs: dict = {}
        if prefixes:
            kwargs["prefixes"] = QUERY_PREFIXES
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        try:
            self._ox.update(sparql, **kwargs)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise self._write_error(exc, "update") from exc

    def _write_error(self, exc: Exception, what: str) -> StoreError:
        # pyoxigraph on a read-only store: RuntimeError "Transaction are only possible on read-write instances"
        if "read-write" in str(exc) or (self.read_only and isinstance(exc, RuntimeError)):
            return StoreError(f"{self.path}: the store is open read-only; cannot {what} it ({exc})")
        return StoreError(f"store {what} failed: {exc}")

    def load(
        self,
        data: bytes | str | IO[bytes] | Path,
        fmt: str,
        graph: URIRef | str | None = None,
        *,
        bulk: bool = False,
    ) -> None:
        """Parse RDF into the store (into ``graph`` for triple formats): in one transaction, or (``bulk``)
        by the bulk loader -- faster, not atomic."""
        kwargs = {"format": RDF_FORMATS[fmt]}
        if graph is not None and fmt not in DATASET_FORMATS:
            kwargs["to_graph"] = ox.NamedNode(str(graph))
        load = self._ox.bulk_load if bulk else self._ox.load
        try:
            if isinstance(data, Path):
                load(path=str(data), **kwargs)
            else:
                load(data, **kwargs)
            # written to disk now: otherwise the next open replays the write-ahead log (14 CPU s after `kg kb load`)
            self.flush()
        except RuntimeError as exc:
            raise self._write_error(exc, "load into") from exc
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"cannot load {fmt} data{f' from {data}' if isinstance(data, Path) else ''}: {exc}") from exc

    def drop_graph(self, graph: URIRef | str | None) -> None:
        """Remove named graph ``graph`` if it is there; None: empty the default graph."""
        g = _graph_term(graph)
        try:
            if isinstance(g, ox.DefaultGraph):
                self._ox.clear_graph(g)
            elif self._ox.contains_named_graph(g):
                self._ox.remove_graph(g)
        except (OSError, ValueError, RuntimeError) as exc:
            raise self._write_error(exc, "write") from exc

    def flush(self) -> None:
        if self.path is not None:
            self._ox.flush()

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
        named: bool = True,
        values: Mapping[str | tuple[str, ...], Iterable] | None = None,
        **more_bindings: Node,
    ):
        """Run a SPARQL query -- its text, or the name of one in ``queries/`` (``"kb/label"``); kg's and
        WDQS's prefixes are predeclared (:data:`QUERY_PREFIXES`).

        SERVICE and LOAD are refused (:class:`kg.sparql_screen.Refused`, a
        QueryError) -- except WDQS's ``SERVICE wikibase:label``, which is run
        locally (:mod:`kg.wdqs`); the engine never fetches anything.

        ``bindings`` (a mapping, or keyword arguments) maps variable names to
        rdflib terms.  The engine binds them (pyoxigraph's ``substitutions=``,
        SPARQL SEP-0007: the variable is replaced everywhere it occurs), never
        by pasting text into the query.  SEP-0007 substitutes only variables a
        SELECT projects; for the others the terms (serialised by pyoxigraph) go
        in a ``VALUES`` block first in the outermost WHERE group.  By default
        the default graph is the union of all named graphs, which is what users
        of a multi-graph store expect.  ``named=False``: ``sparql`` is always
        query text (what a SPARQL endpoint is sent).

        ``values`` binds variables to lists of terms: ``{"i": [t1, t2]}`` or
        ``{("i", "g"): [(t1, g1), (t2, g2)]}`` become VALUES blocks first in
        the outermost WHERE group (terms serialised by pyoxigraph).
        """
        bindings = {**(bindings or {}), **more_bindings}
        sparql = _query_text(sparql, named)
        kwargs: dict = {"prefixes": QUERY_PREFIXES}
        if base_iri is not None:
            kwargs["base_iri"] = base_iri
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = union_default_graph
        if named_graphs is not None:
            kwargs["named_graphs"] = [ox.NamedNode(str(g)) for g in named_graphs]
        sparql = prepare_query(sparql, QUERY_PREFIXES)
        if values:
            sparql = insert_in_where(sparql, "\n  ".join(values_blocks(values)))
        if bindings:
            for name in bindings:
                if not name.isidentifier():
                    raise QueryError(f"not a SPARQL variable name: {name!r}")
            kwargs["substitutions"] = {ox.Variable(n): to_ox(t) for n, t in bindings.items()}
        try:
            try:
                return self._ox.query(sparql, **kwargs)
            except RuntimeError as exc:
                if not bindings or "SELECT projection" not in str(exc):
                    raise
                del kwargs["substitutions"]  # a variable the SELECT does not project (SEP-0007 will not bind it)
                return self._ox.query(bind_values(sparql, bindings), **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None, **kw) -> list[dict[str, str]]:
        """A SELECT's rows (query text or name, bound as in :meth:`query`) as dicts of plain strings
        (unbound variables left out)."""
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

    def contains_graph(self, graph: URIRef | str | None) -> bool:
        """Whether named graph ``graph`` is in the store (the default graph always is)."""
        g = _graph_term(graph)
        return isinstance(g, ox.DefaultGraph) or self._ox.contains_named_graph(g)

    def triples(self, graph: URIRef | str | None, subject: URIRef | str | None = None,
                predicate: URIRef | str | None = None) -> Iterator[ox.Triple]:
        """The triples of graph ``graph`` (None: the default graph), optionally of one subject / predicate."""
        return (q.triple for q in self.quads(subject, predicate, None, _graph_term(graph)))

    def quads(self, subject=None, predicate=None, object=None, graph=None) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None: any term; ``graph`` None: any graph, including the default
        one).  Terms are IRIs (str, URIRef), rdflib terms or pyoxigraph terms."""
        g = None if graph is None else _graph_term(graph)
        return iter(self._ox.quads_for_pattern(_pattern_term(subject), _pattern_term(predicate),
                                               _pattern_term(object), g))

    def add_quads(self, quads: Iterable[ox.Quad], *, bulk: bool = False) -> None:
        """Add pyoxigraph quads: in one transaction, or (``bulk``) by the bulk loader -- faster, not atomic."""
        try:
            (self._ox.bulk_extend if bulk else self._ox.extend)(quads)
        except (OSError, ValueError, RuntimeError) as exc:
            raise self._write_error(exc, "write") from exc

    def optimize(self) -> None:
        """Compact the store's files (RocksDB): after a bulk load, whose files are not merged as
        transactional writes' are in the background, queries read up to twice as fast (measured
        2026-12-06 on 10,032 bulk-loaded articles: conflicts/never-held 8.9 -> 4.6 s; 69 s to compact 6.2 GB to 3.8 GB)."""
        try:
            self._ox.optimize()
        except (OSError, RuntimeError) as exc:
            raise self._write_error(exc, "compact") from exc

    def copy_triples(self, patterns: Iterable[tuple], into: URIRef | str) -> None:
        """Copy the triples matching these (subject, predicate, object, graph) patterns (None: any term;
        a graph None: any graph) into graph ``into`` (one transaction)."""
        target = _graph_term(into)
        self.add_quads([ox.Quad(q.subject, q.predicate, q.object, target) for s, p, o, g in patterns
                        for q in self._ox.quads_for_pattern(_pattern_term(s), _pattern_term(p), _pattern_term(o),
                                                            None if g is None else _graph_term(g))])

    def remove_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Remove these quads (absent ones are skipped)."""
        try:
            for quad in list(quads):
                self._ox.remove(quad)
        except (OSError, ValueError, RuntimeError) as exc:
            raise self._write_error(exc, "write") from exc

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs())

    def __len__(self) -> int:
        return len(self._ox)

    def count(self, graph: URIRef | str | None = None) -> int:
        """The quads of the store, or the triples of named graph ``graph`` (counted by the engine)."""
        if graph is None:
            return len(self._ox)
        return int(self.select("kb/graph-size", default_graph=[URIRef(str(graph))])[0]["n"])

    def dump(self, out: IO[bytes], fmt: str, graph: URIRef | None = None) -> None:
        """Serialise the whole dataset (dataset formats) or one graph, streaming."""
        rdf_format = RDF_FORMATS[fmt]
        prefixes = _PREFIX_MAP if fmt in {"ttl", "trig"} else None
        try:
            if graph is not None:
                quads = self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
                ox.serialize((q.triple for q in declared_datatypes(quads)), out, rdf_format, prefixes=prefixes)
            elif fmt in DATASET_FORMATS:
                ox.serialize(declared_datatypes(self._ox), out, rdf_format, prefixes=prefixes)
            else:
                raise StoreError(
                    f"format {fmt!r} holds one graph: pass --graph IRI, or use nq, trig or jsonld for the whole dataset"
                )
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot write {fmt}: {exc}") from exc


_PREFIX_MAP = dict(PREFIXES)
#: Predeclared in every query (CLI, server, named queries): WDQS's prefixes, then kg's (kg's win: ``schema:``).
QUERY_PREFIXES = {**WDQS_PREFIXES, **_PREFIX_MAP}


_QUERY_NAME = re.compile(r"\w[\w-]*(?:/\w[\w-]*)*")


def _query_text(name_or_text: str, named: bool = True) -> str:
    """The query itself: ``name_or_text`` when it is SPARQL, else the text of the query of that name in
    ``queries/`` (``kb/label``; no file path: a name never leaves the catalogue)."""
    if named and _QUERY_NAME.fullmatch(name_or_text):  # no SPARQL query is one word; no name has a space
        found = queries.named(name_or_text)
        if found is None:
            raise QueryError(f"no query named {name_or_text!r} in queries/ (`kg queries` lists them)")
        return found.text
    return name_or_text


def _swap(graph: ox.NamedNode | ox.DefaultGraph, data: bytes, *, replace: bool) -> str:
    """The one SPARQL Update that (drops and) fills a graph: ``DROP SILENT GRAPH g ; INSERT DATA {...}``."""
    default = isinstance(graph, ox.DefaultGraph)
    parts = [f"DROP SILENT {'DEFAULT' if default else f'GRAPH {graph}'}"] if replace else []
    if data:
        text = data.decode()
        parts.append(f"INSERT DATA {{ {text} }}" if default else f"INSERT DATA {{ GRAPH {graph} {{\n{text}\n}}}}")
    return " ;\n".join(parts) if parts else ""


def dumps(store: Store, fmt: str, graph: URIRef | None = None) -> bytes:
    buffer = io.BytesIO()
    store.dump(buffer, fmt, graph)
    return buffer.getvalue()
