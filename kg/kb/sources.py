"""Several Wikidata sources at once: the snapshot, imported dumps and live refreshes.

Each source lives in its own named graph (``graph/wikidata/<kind>/<date>``) with its date, one
quad per item holding the item's facts as N-Triples text (``<item> FACTS "..."``): kept as text,
not as triples, because the conflict queries read the union of all graphs, where a 2022 term
copied into a source graph would still count.  The registry and, per item, which sources cover
it are in ``SOURCES_GRAPH``::

    <source> a dcat:Dataset ; dcterms:type "dump" ; dcterms:issued "2026-11-25"^^xsd:date ;
             dcterms:title "Wikidata dump 2026-11-25" ; dcterms:source <file:...> .
    wd:Q42 prov:wasDerivedFrom <source> .

The graph every query and conflict rule reads, ``WIKIDATA_GRAPH``, is the *effective* graph:
each item's triples (and its statement nodes) come from the newest source covering it, so the
queries need no change and an item refreshed in 2026 no longer shows its 2022 terms.  Newest
wins per item rather than per triple because a source lists all of an item's statements: a
statement missing from the newer source was removed or corrected in Wikidata, and must go.

Until a second source arrives the store holds the snapshot in ``WIKIDATA_GRAPH`` only, as
before; the first import or refresh copies it to its own source graph and registers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KbError, KgError, StoreError
from kg.kb import wikibase
from kg.vocab import BASE, DCAT, DCTERMS, PROV, RDF, WD, WDS, WDV, WIKIDATA_GRAPH, XSD

if TYPE_CHECKING:
    from kg.store import Store

#: The registry of sources and the per-item coverage.
SOURCES_GRAPH = BASE + "graph/wikidata-sources"
KINDS = ("snapshot", "dump", "wdqs")  # older kinds first: on a tie of dates the later kind wins
TITLES = {"snapshot": "kg snapshot", "dump": "Wikidata dump", "wdqs": "Wikidata Query Service"}
_REGISTRY = ox.NamedNode(SOURCES_GRAPH)
_STATEMENT_PROPERTY = "http://www.wikidata.org/prop/P"
BATCH = 400


@dataclass(frozen=True)
class Source:
    graph: str
    kind: str
    date: str
    title: str
    origin: str = ""
    items: int = 0


def source_graph(kind: str, date: str) -> str:
    if kind not in KINDS:
        raise KbError(f"unknown Wikidata source kind {kind!r}; expected one of {', '.join(KINDS)}")
    return f"{WIKIDATA_GRAPH}/{kind}/{date}"


def title(kind: str, date: str) -> str:
    return f"{TITLES[kind]} {date}"


def _rows(store: Store, query: str, bindings=None, **kw) -> list:
    try:
        return list(store.query(query, bindings, union_default_graph=False, **kw))
    except (KgError, OSError, SyntaxError, RuntimeError, ValueError) as exc:
        raise KbError(f"cannot read the Wikidata sources: {exc}") from exc


def _update(store: Store, sparql: str, bindings=None, **kw) -> None:
    try:
        store.update(sparql, bindings, **kw)
    except StoreError as exc:
        raise KbError(f"cannot update the Wikidata sources: {exc}") from exc


def registered(store: Store) -> list[Source]:
    """The sources in the registry, oldest first (none until an import or a refresh)."""
    rows = _rows(store, "kb/sources-registered", {"registry": _REGISTRY})
    found = [Source(r["g"].value, r["kind"].value, r["date"].value, r["title"].value,
                    r["origin"].value if r["origin"] is not None else "") for r in rows]
    return sorted(found, key=lambda s: (s.date, KINDS.index(s.kind) if s.kind in KINDS else -1, s.graph))


def sources(store: Store) -> list[Source]:
    """Every source with the number of items it covers; the bare snapshot when nothing is registered."""
    found = registered(store)
    if not found:
        rows = _rows(store, "kb/graph-issued", {"graph": WIKIDATA_GRAPH})
        if not rows:
            return []
        date = rows[0]["d"].value
        return [Source(str(WIKIDATA_GRAPH), "snapshot", date, title("snapshot", date), "data/wikidata")]
    counts = {r["g"].value: int(r["n"].value) for r in _rows(store, "kb/source-sizes", {"registry": _REGISTRY})}
    return [Source(s.graph, s.kind, s.date, s.title, s.origin, counts.get(s.graph, 0)) for s in found]


def _register(store: Store, graph: str, kind: str, date: str, origin: str) -> None:
    g = ox.NamedNode(graph)
    origin_term = ox.NamedNode(origin) if origin.startswith(("http://", "https://", "file:", "urn:")) else ox.Literal(origin)
    record = [(g, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(DCAT.Dataset))),
              (g, ox.NamedNode(str(DCTERMS.type)), ox.Literal(kind)),
              (g, ox.NamedNode(str(DCTERMS.issued)), ox.Literal(date, datatype=ox.NamedNode(str(XSD.date)))),
              (g, ox.NamedNode(str(DCTERMS.title)), ox.Literal(title(kind, date))),
              (g, ox.NamedNode(str(DCTERMS.source)), origin_term)]
    _update(store, "kb/register-source", {"registry": _REGISTRY, "source": g}, insert=(SOURCES_GRAPH, record))


FACTS = BASE + "ontology/wikidataFacts"


def _owner_of_statement(iri: str) -> str | None:
    """``wd:Q42`` for a Wikibase statement IRI ``wds:Q42-<GUID>`` (or ``wds:q42-...``)."""
    if not iri.startswith(str(WDS)):
        return None
    head = iri[len(str(WDS)):].split("-", 1)[0].upper()
    return f"{WD}{head}" if head[:1] == "Q" and head[1:].isdigit() else None


def _write_blobs(store: Store, graph: str, groups: Iterable[tuple[str, list[str]]]) -> list[str]:
    """Store each item's facts as one ``<item> FACTS "N-Triples"`` quad in ``graph`` and record the
    coverage; returns the items. The facts stay out of the union of graphs the queries read."""
    g, facts, derived = ox.NamedNode(graph), ox.NamedNode(FACTS), ox.NamedNode(str(PROV.wasDerivedFrom))
    registry = ox.NamedNode(SOURCES_GRAPH)
    items: list[str] = []
    buffer: list[ox.Quad] = []
    for item, lines in groups:
        subject = ox.NamedNode(item)
        buffer.append(ox.Quad(subject, facts, ox.Literal("\n".join(lines)), g))
        buffer.append(ox.Quad(subject, derived, g, registry))
        items.append(item)
        if len(buffer) >= 20_000:
            store.add_quads(buffer, bulk=True)
            buffer = []
    if buffer:
        store.add_quads(buffer, bulk=True)
    return items


def _drop_source(store: Store, graph: str) -> None:
    store.drop_graph(graph)
    _update(store, "kb/uncover-source", {"registry": _REGISTRY, "source": ox.NamedNode(graph)})


def _group_effective(store: Store) -> Iterable[tuple[str, list[str]]]:
    """The effective graph's triples grouped by item: statement nodes go with their item, and a
    time value node (shared, named by its value) with every item whose statements use it, since a
    source graph keeps the facts as the effective graph has them (kg.kb.wikibase.wdqs_form)."""
    own: dict[str, list[str]] = {}
    statements: dict[str, str] = {}
    pending: dict[str, list[str]] = {}
    values: dict[str, list[str]] = {}
    uses: dict[str, set[str]] = {}
    for quad in store.quads(graph=WIKIDATA_GRAPH):
        subject = quad.subject.value
        line = f"{quad.subject} {quad.predicate} {quad.object} ."
        if subject == str(WIKIDATA_GRAPH) or not isinstance(quad.subject, ox.NamedNode):
            continue
        if subject.startswith(str(WDV)):
            values.setdefault(subject, []).append(line)
            continue
        if isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(str(WDV)):
            uses.setdefault(subject, set()).add(quad.object.value)
        if quad.predicate.value.startswith(_STATEMENT_PROPERTY) and isinstance(quad.object, ox.NamedNode):
            statements[quad.object.value] = subject
        (pending if subject.startswith(str(WDS)) else own).setdefault(subject, []).append(line)
    for node, lines in pending.items():
        owner = statements.get(node)
        if owner is not None:
            own.setdefault(owner, []).extend(lines)
            uses.setdefault(owner, set()).update(uses.get(node, ()))
    for owner, lines in own.items():
        for value in sorted(uses.get(owner, ())):
            lines.extend(values.get(value, ()))
    return own.items()


def ensure_snapshot_registered(store: Store) -> Source | None:
    """Copy the loaded snapshot to its own source graph and register it, once."""
    if any(s.kind == "snapshot" for s in registered(store)):
        return None
    rows = _rows(store, "kb/graph-issued", {"graph": WIKIDATA_GRAPH})[:1]
    if not rows:
        return None  # no snapshot loaded: the new source alone makes the effective graph
    date = rows[0]["d"].value
    graph = source_graph("snapshot", date)
    _drop_source(store, graph)
    _write_blobs(store, graph, list(_group_effective(store)))
    _register(store, graph, "snapshot", date, "data/wikidata")
    return Source(graph, "snapshot", date, title("snapshot", date), "data/wikidata")


def group_entities(lines: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """Consecutive N-Triples lines grouped by entity, as ``kg.kb.dump`` writes them (an entity's
    triples, then its statement nodes')."""
    current, group = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        subject = line[1:line.index(">")]
        owner = _owner_of_statement(subject) if subject.startswith(str(WDS)) else subject
        if owner != current and not subject.startswith(str(WDS)):
            if current is not None and group:
                yield current, group
            current, group = subject, []
        group.append(line)
    if current is not None and group:
        yield current, group


def add_source(store: Store, kind: str, date: str, origin: str, ntriples: Path) -> dict[str, int]:
    """Load an N-Triples file (one entity after another, as ``kg.kb.dump`` writes) as the source
    (``kind``, ``date``), replacing a source of the same kind and date; re-materialise the items
    it covers. Returns counts (triples, items, materialised)."""
    ensure_snapshot_registered(store)
    graph = source_graph(kind, date)
    _drop_source(store, graph)
    triples = 0

    def counted(handle):
        nonlocal triples
        for line in handle:
            triples += 1
            yield line

    try:
        with open(ntriples, encoding="utf-8") as handle:
            items = _write_blobs(store, graph, group_entities(counted(handle)))
    except (OSError, ValueError, StoreError) as exc:
        raise KbError(f"cannot load the {kind} of {date} into the store: {exc}") from exc
    _register(store, graph, kind, date, origin)
    return {"triples": triples, "items": len(items), "materialised": materialise(store, items)}


def add_items(store: Store, kind: str, date: str, origin: str, items: Sequence[str], lines: Iterable[str]) -> int:
    """Put fresh facts about ``items`` (IRIs) into the source (``kind``, ``date``), replacing what it
    held about them, and re-materialise them (a live refresh). Returns the items materialised."""
    if not items:
        return 0
    lines = list(lines)
    ensure_snapshot_registered(store)
    graph = source_graph(kind, date)
    if not any(s.graph == graph for s in registered(store)):
        _register(store, graph, kind, date, origin)
    for item in items:
        store.remove_quads(store.quads(item, FACTS, None, graph))
    _write_blobs(store, graph, [(item, _lines_for(lines, [item])) for item in items])
    return materialise(store, list(items))


def _lines_for(lines: Iterable[str], items: Sequence[str]) -> list[str]:
    """The lines about ``items`` or their statement nodes (``wds:<QID>-...``)."""
    wanted = set(items)
    out = []
    for line in lines:
        subject = line.split(" ", 1)[0][1:-1]
        if subject in wanted or _owner_of_statement(subject) in wanted:
            out.append(line)
    return out


def winners(store: Store, items: Sequence[str]) -> dict[str, Source]:
    """For each item, the newest registered source covering it."""
    order = {s.graph: (s.date, KINDS.index(s.kind) if s.kind in KINDS else -1) for s in registered(store)}
    by_graph = {s.graph: s for s in registered(store)}
    best: dict[str, Source] = {}
    for start in range(0, len(items), BATCH):
        batch = [ox.NamedNode(i) for i in items[start:start + BATCH]]
        for r in _rows(store, "kb/item-sources", {"registry": _REGISTRY}, values={"i": batch}):
            item, graph = r["i"].value, r["g"].value
            if graph in order and (item not in best or order[graph] > order[best[item].graph]):
                best[item] = by_graph[graph]
    return best


def materialise(store: Store, items: Sequence[str] | None = None) -> int:
    """Rebuild the effective graph's triples of ``items`` (default: every covered item) from the
    newest source covering each; one transaction per batch. Returns the items rewritten."""
    if items is None:
        items = covered(store)
    items = list(dict.fromkeys(items))
    best = winners(store, items)
    done = 0
    for start in range(0, len(items), BATCH):
        batch = [i for i in items[start:start + BATCH] if i in best]
        if not batch:
            continue
        pairs = [(ox.NamedNode(i), ox.NamedNode(best[i].graph)) for i in batch]
        facts = [r["t"].value for r in _rows(store, "kb/item-facts", {"facts": ox.NamedNode(FACTS)},
                                            values={("i", "g"): pairs})]
        data = "".join(f"{triple} .\n" for triple in _wdqs_form("\n".join(facts)))
        _update(store, "kb/clear-items", {"graph": ox.NamedNode(str(WIKIDATA_GRAPH))},
                values={"i": [ox.NamedNode(i) for i in batch]}, insert=(WIKIDATA_GRAPH, data.encode()))
        done += len(batch)
    return done


def _wdqs_form(data: str) -> list[ox.Triple]:
    """The facts being written as the Wikidata graph holds them (:func:`kg.kb.wikibase.wdqs_form`)."""
    try:
        triples = list(ox.parse(data.encode(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise KbError(f"a Wikidata source holds malformed facts ({exc}); import or refresh it again") from exc
    return wikibase.wdqs_form(triples)


# -- what the checks and the report need --------------------------------------------------------------


def subject_dates(store: Store) -> dict[str, str]:
    """Claim subject IRI -> the date of the newest source covering it (a kg ``Store``); {} when only
    the snapshot is loaded (the checks then use the snapshot date, as before)."""
    rows = store.select("kb/subject-dates", {"registry": _REGISTRY})
    return {r["subject"]: r["date"] for r in rows if "date" in r}


def evidence_source(store: Store, iri: str) -> str:
    """Where a Wikidata statement (or item) an evidence line cites comes from, in words:
    "Wikidata dump 2026-11-25", "kg snapshot 2022-08-03" or "curated supplement: <source>"."""
    if not iri.startswith(("http://", "https://", "urn:")) or "/claim/" in iri:
        return ""
    derived = [r["o"] for r in store.select("kb/literal-sources", {"s": _ref(iri)}, default_graph=[WIKIDATA_GRAPH])]
    web = [part.strip() for text in derived for part in text.split("|") if part.strip().startswith("web:")]
    if web:
        return "curated supplement: " + "; ".join(sorted(set(web)))
    item = iri
    if iri.startswith(str(WDS)):
        owners = store.select("kb/statement-owner", {"s": _ref(iri)}, default_graph=[WIKIDATA_GRAPH])
        item = owners[0]["i"] if owners else ""
    rows = store.select("kb/item-source-titles", {"registry": _REGISTRY, "i": _ref(item)}) if item else []
    if rows:
        # the effective graph holds the newest covering source's facts
        return rows[0]["t"]
    issued = store.select("kb/graph-issued", {"graph": WIKIDATA_GRAPH})
    return title("snapshot", issued[0]["d"]) if issued else ""


def _ref(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def covered(store: Store) -> list[str]:
    """Every item some registered source covers."""
    return [r["i"].value for r in _rows(store, "kb/covered-items", {"registry": _REGISTRY})]


def reapply(store: Store) -> int:
    """After the snapshot was loaded again (``kg kb load --force``): re-make the items a newer
    source covers. Returns the items re-made."""
    return materialise(store, [i for i, s in winners(store, covered(store)).items() if s.kind != "snapshot"])
