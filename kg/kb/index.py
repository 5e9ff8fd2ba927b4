"""The in-memory knowledge-base index the linker and the checker query.

``KnowledgeBase.from_store`` reads the Wikidata graph with four SELECTs (``kg/kb/queries``)
into plain dicts; every public method takes and returns strings and frozen records.

Kinds, first rule that applies (Wikidata's subject/value-type constraints of the properties):
Person (P31 Q5, or holds a position: P39's subject is a human); Country (P31 Q6256); Position
(P31 Q4164871, or the value of a P39); Organization (has headquarters P159, or has members P463);
Country (has an ISO 3166-1 code P297, or has a capital P36); Place (is a capital P36, a
headquarters P159, a place of birth P19, or a jurisdiction P1001 not classified above: US states,
cities); else Other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rdflib import URIRef

from kg.errors import KbError, KgError
from kg.namefold import plain
from kg.kb.records import Holding, KbEntity, Membership, check_date, first_day, last_day, precision
from kg.store import Store
from kg.vocab import P, RDFS, SKOS, WDT, WIKIDATA_GRAPH
from kg.wikidata_ids import item_id, qid_order as _order  # the one Wikidata-id helper (item_id stays importable here)

LOCAL_PREFIX = "urn:diplomacy-kb:local:"
_WDT, _P = str(WDT), str(P)
_LABEL, _ALIAS, _SHORT = str(RDFS.label), str(SKOS.altLabel), _WDT + "P1813"
_NAME_RANK = {_LABEL: 0, _ALIAS: 1, _SHORT: 2}


def name_key(name: str) -> str:
    """Matching form of a name (:func:`kg.namefold.plain`): no case, accents, periods or apostrophes.

    >>> name_key("U.S.") == name_key("US") and name_key("Secretary-General") == "secretary general"
    True
    """
    return plain(name)


def query_text(name: str) -> str:
    """The text of ``kg/kb/queries/<name>.rq``."""
    try:
        return (resources.files("kg.kb") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    except OSError as exc:
        raise KbError(f"query {name!r} is missing from kg/kb/queries; reinstall kg") from exc


class KnowledgeBase:
    """Names, kinds, positions held and memberships from the Wikidata graph, in memory."""

    def __init__(self) -> None:
        self.snapshot_date: str | None = None
        self._entities: dict[str, KbEntity] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self._held: dict[str, list[Holding]] = defaultdict(list)
        self._holders: dict[str, list[Holding]] = defaultdict(list)
        self._members: dict[str, list[Membership]] = defaultdict(list)
        self._memberships: dict[str, list[Membership]] = defaultdict(list)
        self._hq: dict[str, list[str]] = defaultdict(list)
        self._capitals: dict[str, list[str]] = defaultdict(list)

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def from_store(cls, store: Store, graph: str = str(WIKIDATA_GRAPH)) -> KnowledgeBase:
        """Read the graph ``graph`` of ``store`` (a kg ``Store``); KbError when it is empty."""
        g = URIRef(graph)

        def select(name: str, **bindings: URIRef):
            try:
                return store.query(query_text(name), bindings, default_graph=[g])
            except KgError as exc:  # QueryError: the engine failed (a syntax error, a broken store)
                raise KbError(f"query {name} failed on graph <{graph}>: {exc}") from exc

        kb = cls()
        dates = [row["date"].value for row in select("kb_snapshot_date", graph=g)]
        kb.snapshot_date = min(dates) if dates else None
        names = [(row[0].value, row[1].value, row[2].value) for row in select("kb_names")]
        facts = [(row[0].value, row[1].value, row[2].value) for row in select("kb_facts")]
        statements = [
            (row[0].value, row[1].value, row[2].value, row[3].value,
             row[4].value if row[4] is not None else None, row[5].value if row[5] is not None else None)
            for row in select("kb_statements")
        ]
        if not (names or facts or statements):
            raise KbError(f"graph <{graph}> is empty; load the snapshot first "
                          "(`kg kb load`, or kg.kb.ensure_loaded(store))")
        kb._build(names, facts, statements)
        return kb

    @classmethod
    def from_snapshot(cls, path: Path | None = None) -> KnowledgeBase:
        """Load the packaged snapshot (or ``path``) into a fresh in-memory store and index it."""
        from kg.kb.snapshot import load_snapshot

        store = Store(None)
        load_snapshot(store, path)
        return cls.from_store(store)

    def _build(self, names: list[tuple[str, str, str]], facts: list[tuple[str, str, str]],
               statements: list[tuple[str, str, str, str, str | None, str | None]]) -> None:
        text: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for item, prop, value in names:
            text[item][prop].add(value)
        fact: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        objects: dict[str, set[str]] = defaultdict(set)  # property -> items that are its object
        for item, prop, value in facts:
            fact[item][prop[len(_WDT):]].add(value)
            objects[prop[len(_WDT):]].add(value)
        for item, prop, _st, value, _s, _e in statements:
            objects[prop[len(_P):]].add(value)
        self._index_statements(fact, statements)
        for item, props in fact.items():
            for prop, table in (("P159", self._hq), ("P36", self._capitals)):
                if prop in props:
                    table[item_id(item)] = sorted(map(item_id, props[prop]), key=_order)
        linked = objects["P17"] | objects["P1001"] | objects["P36"] | objects["P159"] | objects["P19"] \
            | objects["P39"] | objects["P463"]
        keys: dict[str, dict[str, int]] = defaultdict(dict)
        for iri in sorted(set(text) | set(fact) | linked, key=lambda i: _order(item_id(i))):
            # in QID order: a set's order varies with the hash seed, and what iterates the knowledge
            # base (the entity ruler's patterns: the first item of a name keeps it) must not
            if not iri.startswith(("http", "urn:")):
                continue
            entity = self._entity(iri, text.get(iri, {}), fact.get(iri, {}), objects)
            self._entities[entity.qid] = entity
            for prop, values in text.get(iri, {}).items():
                for value in values:
                    key = name_key(value)
                    if key:
                        rank = keys[key].get(entity.qid, 9)
                        keys[key][entity.qid] = min(rank, _NAME_RANK[prop])
        self._names = {
            key: tuple(sorted(found, key=lambda q: (found[q], _order(q)))) for key, found in keys.items()
        }

    def _index_statements(self, fact: dict[str, dict[str, set[str]]],
                          statements: list[tuple[str, str, str, str, str | None, str | None]]) -> None:
        bounds: dict[tuple[str, str, str, str], tuple[set[str], set[str]]] = {}
        for item, prop, statement, value, start, end in statements:
            starts, ends = bounds.setdefault((item, prop[len(_P):], statement, value), (set(), set()))
            if start:
                starts.add(start[:10])
            if end:
                ends.add(end[:10])
        stated = set()
        for (item, prop, statement, value), (starts, ends) in sorted(bounds.items()):
            start = min(starts, key=first_day) if starts else None  # widest reading of the bounds
            end = max(ends, key=last_day) if ends else None
            stated.add((item, prop, value))
            self._add_statement(prop, item, value, start, end, statement)
        for item, props in fact.items():  # bare wdt: links with no statement node
            for prop in ("P39", "P463"):
                for value in sorted(props.get(prop, ())):
                    if (item, prop, value) not in stated:
                        self._add_statement(prop, item, value, None, None, None)
        for table in (self._held, self._holders, self._members, self._memberships):
            for records in table.values():
                records.sort(key=lambda r: (first_day(r.start) if r.start else "", r.end or "", r.statement or ""))

    def _add_statement(self, prop: str, item: str, value: str, start: str | None, end: str | None,
                       statement: str | None) -> None:
        subject, target = item_id(item), item_id(value)
        args = (start, end, precision(start), precision(end), statement)
        if prop == "P39":
            holding = Holding(subject, target, *args)
            self._held[subject].append(holding)
            self._holders[target].append(holding)
        elif prop == "P463":
            membership = Membership(subject, target, *args)
            self._memberships[subject].append(membership)
            self._members[target].append(membership)

    @staticmethod
    def _entity(iri: str, text: dict[str, set[str]], fact: dict[str, set[str]],
                objects: dict[str, set[str]]) -> KbEntity:
        labels = sorted(text.get(_LABEL, ()))
        label = labels[0] if labels else None
        aliases = tuple(sorted((set(labels[1:]) | text.get(_ALIAS, set())) - {label}))
        classes = {item_id(c) for c in fact.get("P31", ())}
        if "Q5" in classes or "P39" in fact:
            kind = "Person"
        elif "Q6256" in classes:
            kind = "Country"
        elif "Q4164871" in classes or iri in objects["P39"]:
            kind = "Position"
        elif "P159" in fact or iri in objects["P463"]:
            kind = "Organization"
        elif "P297" in fact or "P36" in fact:
            kind = "Country"
        elif any(iri in objects[prop] for prop in ("P36", "P159", "P19", "P1001")):
            kind = "Place"
        else:
            kind = "Other"

        def one(prop: str) -> str | None:
            values = sorted(fact.get(prop, ()))
            return item_id(values[0]) if values else None

        return KbEntity(
            qid=item_id(iri), label=label, aliases=aliases, kind=kind,
            birth=min(fact["P569"])[:10] if fact.get("P569") else None,
            death=min(fact["P570"])[:10] if fact.get("P570") else None,
            country=one("P17"), jurisdiction=one("P1001"),
            short_titles=tuple(sorted(text.get(_SHORT, ()))),
            instance_of=tuple(sorted(classes, key=_order)),
        )

    # -- lookups ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, str) and self.entity(ref) is not None

    def __iter__(self) -> Iterator[KbEntity]:
        return iter(self._entities.values())

    @staticmethod
    def ref(qid_or_iri: str) -> str:
        """The public id for ``Q42``, ``wd:Q42``, a Wikidata IRI, ``kb:Name`` or a local IRI."""
        value = qid_or_iri.strip()
        if value.startswith("wd:"):
            return value[3:]
        if value.startswith("kb:"):
            return LOCAL_PREFIX + value[3:]
        return item_id(value)

    def entity(self, qid_or_iri: str) -> KbEntity | None:
        """The item, or None when the knowledge base does not hold it."""
        return self._entities.get(self.ref(qid_or_iri))

    def candidates(self, name: str) -> list[KbEntity]:
        """Items with a label, alias or short title equal to ``name`` under ``name_key``.

        Label matches come first, then aliases, then short titles; QID order within each.
        """
        return [self._entities[q] for q in self._names.get(name_key(name), ())]

    def positions(self) -> Iterator[KbEntity]:
        """Every item of kind Position."""
        return (e for e in self._entities.values() if e.kind == "Position")

    def positions_held(self, person: str) -> list[Holding]:
        """P39 statements of ``person``, earliest start first."""
        return list(self._held.get(self.ref(person), ()))

    def holders(self, position: str) -> list[Holding]:
        """P39 statements naming ``position``, earliest start first."""
        return list(self._holders.get(self.ref(position), ()))

    def holders_on(self, position: str, date: str) -> list[Holding]:
        """Holdings of ``position`` that may include ``date`` (YYYY-MM-DD; YYYY-MM or YYYY: any overlap)."""
        check_date(date)
        return [h for h in self.holders(position) if h.covers(date)]

    def members(self, org: str) -> list[Membership]:
        """P463 statements naming ``org``."""
        return list(self._members.get(self.ref(org), ()))

    def members_on(self, org: str, date: str) -> list[Membership]:
        """Memberships of ``org`` that may include ``date``."""
        check_date(date)
        return [m for m in self.members(org) if m.covers(date)]

    def memberships(self, member: str) -> list[Membership]:
        """P463 statements of ``member`` (a country, usually)."""
        return list(self._memberships.get(self.ref(member), ()))

    def headquarters(self, org: str) -> list[str]:
        """P159 values of ``org``."""
        return list(self._hq.get(self.ref(org), ()))

    def capital(self, country: str) -> list[str]:
        """P36 values of ``country`` (some states have two)."""
        return list(self._capitals.get(self.ref(country), ()))
