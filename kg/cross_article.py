"""The articles whose cross-article verdicts a new or changed article affects.

``queries/conflicts/cross-article.rq`` joins the claims Wikidata cannot vouch for with every other
article's claim giving the same title on the same day to a holder of the office.  Since its
groups take one step each (see queries/conflicts/out-of-term.rq) it runs store-wide in about a
second per thousand articles, and faster than any split of it measured: two halves joined in
Python by (title, date) with VALUES lookups took 372 s on 3,990 replicated dev articles, the
holder half alone 38.8 s store-wide.  So a full check runs it store-wide like the other conflict
queries, and a check of some articles from their claims (kg.check_scope: ``{{CHECKED ?claim}}``).

A new article also changes the verdicts of other articles: its holder claims can vouch against
their unvouched claims.  :func:`affected` names those articles, so an incremental check re-checks
them too: the query run from the claims that share a title and a day with theirs.
"""

from __future__ import annotations

from . import queries
from .check_scope import patterns, scope
from .store import Store

#: The query rows are those of queries/conflicts/cross-article.rq.
QUERY = "conflicts/cross-article"
#: The claims a claim may be cited against (the query's join keys: title, day, another person).
CANDIDATES = "check/cross-candidates"


def affected(store: Store, articles: set[str]) -> set[str]:
    """The articles whose cross-article verdicts the claims of ``articles`` may change: those with an
    unvouched claim that one of these articles' holder claims contradicts.  (The claims these
    articles had before they were edited or deleted are gone: kg.check_incremental adds the
    articles whose recorded conflicts cited them.)

    From these articles' claims, the candidates (check/cross-candidates: the same title on the same
    day for another person, in other articles), then the cross-article query run from those
    candidates: the store's claims are read only where they share a title and a day."""
    if not articles:
        return set()
    if store.read_only:  # no scope graph: the store-wide rows, filtered
        return {r["article"] for r in store.select(QUERY) if r.get("otherArticle") in articles and "article" in r}
    with scope(store, articles, patterns([CANDIDATES], "cited")) as graph:
        candidates = {r["claim"] for r in store.select(queries.get(CANDIDATES).scoped(graph, "cited"))
                      if r["article"] not in articles}
    if not candidates:
        return set()
    with scope(store, (), patterns([QUERY]), nodes=candidates) as graph:
        return {r["article"] for r in store.select(queries.get(QUERY).scoped(graph))
                if r.get("otherArticle") in articles and "article" in r}
