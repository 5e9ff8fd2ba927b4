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
them too: the claims sharing a title and a day with the new claims are looked up in the check
state's index of claim keys (:func:`keys`, kg.check_state.same_day), and the query is run from
those claims only.  (Measured 2026-12-05 on 10,032 replicated dev articles, 100 new: a query joining
the new claims with the store's on title and day took 17-19 s for 7,392 candidate rows.)
"""

from __future__ import annotations

from . import check_state, queries
from .check_scope import patterns, scope
from .store import Store
from .vocab import DIP, P, PS

#: The query rows are those of queries/conflicts/cross-article.rq.
QUERY = "conflicts/cross-article"
#: The keys the query joins two articles' claims on (title, day, subject).
KEYS = "check/claim-keys"


def keys(store: Store, articles: set[str] | None = None) -> dict[str, list[check_state.ClaimKey]]:
    """article id -> its claims' (claim, title, day, subject, vouched), for ``articles`` (each has an
    entry, empty when it has no dated titled claim) or, None, the whole store.  ``vouched``: Wikidata
    lists the person in an office the title denotes (:class:`_Vouching`), so the query never reports the claim."""
    out: dict[str, list[check_state.ClaimKey]] = {a: [] for a in articles or ()}
    if articles is not None and not articles:
        return out
    if articles is None or store.read_only:
        rows = [r for r in store.select(queries.get(KEYS).text) if articles is None or r["article"] in articles]
    else:
        with scope(store, articles, patterns([KEYS])) as graph:
            rows = store.select(queries.get(KEYS).scoped(graph))
    held = _Vouching(store)
    for r in rows:
        out.setdefault(r["article"], []).append(
            (r["claim"], r["title"], r["claimDate"], r["subject"], held.vouched(r["subject"], r["title"])))
    for v in out.values():
        v.sort()
    return out


class _Vouching:
    """Whether Wikidata lists a person in an office a title denotes: the query's first filter
    (``FILTER NOT EXISTS { ?title dip:denotes ?p FILTER EXISTS { ?subject p:P39 ?own . ?own ps:P39 ?p } }``)
    by pattern lookups, each person's and title's looked up once.  The query's other tests are not
    repeated: a claim not vouched for is only a candidate, which the query confirms or not.
    (A ?vouched column in check/claim-keys made it 2.8 s -> 19.9 s store-wide at 10,032 articles.)"""

    def __init__(self, store: Store):
        self.store = store
        self.offices: dict[str, frozenset] = {}
        self.denoted: dict[str, frozenset] = {}

    def vouched(self, subject: str, title: str) -> bool:
        if subject not in self.offices:
            self.offices[subject] = frozenset(
                q2.object for q in self.store.quads(subject, P.P39, None)
                for q2 in self.store.quads(q.object, PS.P39, None))
        if title not in self.denoted:
            self.denoted[title] = frozenset(q.object for q in self.store.quads(title, DIP.denotes, None))
        return not self.offices[subject].isdisjoint(self.denoted[title])


def affected(store: Store, articles: set[str], own: dict | None = None) -> set[str]:
    """The articles whose cross-article verdicts the claims of ``articles`` may change: those with an
    unvouched claim that one of these articles' holder claims contradicts.  (The claims these
    articles had before they were edited or deleted are gone: kg.check_incremental adds the
    articles whose recorded conflicts cited them.)

    The candidates are the recorded claims (kg.check_state: the claims of every article
    checked before) with the title and day of one of these articles' holder claims and another subject; the
    query is run from them against these articles' claims only.  A read-only store keeps no state: the store-wide rows, filtered.
    ``own``: these articles' claim keys (:func:`keys`) when the caller has them."""
    if not articles:
        return set()
    if store.read_only:
        return {r["article"] for r in store.select(QUERY) if r.get("otherArticle") in articles and "article" in r}
    own = keys(store, articles) if own is None else own
    # only a holder claim (vouched: Wikidata lists its person in an office its title denotes) can be
    # the query's ?statement, so only these articles' vouched claims look up candidates (measured
    # 2026-12-07, 100 new of 10,032 replicated dev articles: 2,992 -> 528 candidates, 0.9 -> 0.35 s)
    candidates = {claim for claim, article in
                  check_state.same_day(store, ((t, d, s) for ks in own.values() for _, t, d, s, vouched in ks if vouched))
                  if article not in articles}
    if not candidates:
        return set()
    # both sides scoped: the candidates and these articles' claims (whose pairs are a superset of
    # the candidates' with these articles' claims); the store is read only from those
    roles = ("checked", "cited")
    marked = sorted({p for role in roles for p in patterns([QUERY], role)}, key=str)
    with scope(store, articles, marked, nodes=candidates) as graph:
        return {r["article"] for r in store.select(queries.get(QUERY).scoped(graph, roles))
                if r.get("otherArticle") in articles and "article" in r}
