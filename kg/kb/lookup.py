"""Look up, on a Wikidata SPARQL endpoint, the persons and offices articles name but the KB does not know.

``unknown_names`` reads the store: person mentions with no Wikidata link, and role-claim titles
no office was resolved for.  ``lookup`` asks the endpoint for items whose English label or alias
is exactly one of those names (``VALUES ?name``, batched; through ``LiveWikidata``, so with its
User-Agent, retries and backoff), and records each name asked in ``LIVE_CACHE_GRAPH`` so it is
not asked again.  ``refresh_unknown`` then fetches the found items' facts (``kg.kb.live.refresh``)
and returns the articles whose mentions were looked up, to re-link and re-check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KbError
from kg.kb.live import LIVE_CACHE_GRAPH, LiveWikidata, refresh, remote_query
from kg.vocab import BASE, PROV, RDFS, WD, XSD

if TYPE_CHECKING:
    from kg.store import Store

def unknown_names(store: Store) -> dict[str, set[str]]:
    """Name -> article IRIs: unlinked person mentions and titles of role claims with no office."""
    found: dict[str, set[str]] = {}
    for row in store.query("kb/unknown-names"):
        name = " ".join(row["name"].value.split())
        if name:
            found.setdefault(name, set()).add(row["article"].value)
    return found


def _cache_node(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{BASE}id/lookup/{hashlib.sha1(name.encode()).hexdigest()[:20]}")


def looked_up(store: Store, names: Iterable[str]) -> set[str]:
    return {name for name in names
            if next(store.quads(_cache_node(name), None, None, LIVE_CACHE_GRAPH), None) is not None}


def lookup(store: Store, names: Iterable[str], client: LiveWikidata, *, force: bool = False) -> dict[str, set[str]]:
    """Name -> QIDs of items whose English label or alias is exactly the name (names asked before are
    skipped unless ``force``)."""
    names = sorted(set(names))
    todo = names if force else [n for n in names if n not in looked_up(store, names)]
    found: dict[str, set[str]] = {}
    graph = ox.NamedNode(str(LIVE_CACHE_GRAPH))
    for start in range(0, len(todo), client.batch_size):
        batch = todo[start:start + client.batch_size]
        query = remote_query("lookup_names", "name", [ox.Literal(n, language="en") for n in batch])
        for row in client.select(query):
            item, name = row.get("item", ""), row.get("name", "")
            if item.startswith(str(WD)) and name in batch:
                found.setdefault(name, set()).add(item[len(str(WD)):])
        stamp = ox.Literal(datetime.now(timezone.utc).isoformat(timespec="seconds"),
                           datatype=ox.NamedNode(str(XSD.dateTime)))
        quads = []
        for name in batch:
            node = _cache_node(name)
            store.remove_quads(store.quads(node, None, None, graph))
            quads += [ox.Quad(node, ox.NamedNode(str(RDFS.label)), ox.Literal(name), graph),
                      ox.Quad(node, ox.NamedNode(str(PROV.generatedAtTime)), stamp, graph),
                      ox.Quad(node, ox.NamedNode(str(PROV.wasDerivedFrom)), ox.NamedNode(client.endpoint), graph)]
        store.add_quads(quads)
    return found


def refresh_unknown(store: Store, client: LiveWikidata, *, force: bool = False) -> dict:
    """Look the unknown names up, fetch the found items; return counts and the affected articles."""
    names = unknown_names(store)
    found = lookup(store, names, client, force=force)
    qids = sorted({q for items in found.values() for q in items})
    counts = refresh(store, qids, client.endpoint, force=force, client=client) if qids else {}
    articles = sorted({a for name in found for a in names.get(name, ())})
    if qids and not articles:
        raise KbError("looked-up names matched no article; this is a bug")
    return {"names": len(names), "names_found": len(found), "items": len(qids), "articles": articles,
            "refresh": counts}
