"""Store figures for ``kg stats``."""

from __future__ import annotations

from .store import Store
from .vocab import ARTICLE_GRAPH_PREFIX, CONFLICTS_GRAPH, WIKIDATA_GRAPH

def stats(store: Store) -> dict[str, int]:
    row = store.select("graphs/counts")[0]
    graphs = store.graphs()
    figures = {k: int(row.get(k, 0)) for k in ("articles", "mentions", "entities", "linked_entities")}
    figures["article_graphs"] = sum(1 for g in graphs if g.startswith(ARTICLE_GRAPH_PREFIX))
    figures["graphs"] = len(graphs)
    figures["wikidata_triples"] = store.count(WIKIDATA_GRAPH)
    figures["conflicts_triples"] = store.count(CONFLICTS_GRAPH)
    figures["quads"] = len(store)
    return figures
