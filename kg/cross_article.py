"""The cross-article conflict, found by an index of claims by (title, date) rather than a self-join.

``queries/conflicts/cross-article.rq`` joins every claim Wikidata cannot vouch for with every other
article's claim giving the same title on the same day to a holder of the office.  Run store-wide
that is a self-join of the store's claims; here it is two halves joined in Python on
(title, claimDate): ``check/cross-unvouched`` (the sub-SELECT) over the articles being checked, then
``check/cross-holders`` over the whole store, but only for those (title, date) keys (a VALUES
list).  The rows are the full query's (``?claim ?subject ?position ?claimDate ?statement``), so
:mod:`kg.check` treats them like any conflict query's (tests/test_check_incremental.py checks
that the two give the same rows).

A new article also changes the verdicts of other articles: its holder claims can vouch against
their unvouched claims.  :func:`affected` names those articles, so an incremental check re-checks
them too.
"""

from __future__ import annotations

from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .store import Store

#: The query rows are those of queries/conflicts/cross-article.rq.
QUERY = "conflicts/cross-article"


def _key(row: dict) -> tuple[str, str]:
    return row["title"], row["claimDate"]


def _terms(keys: Iterable[tuple[str, str]]) -> list[tuple[URIRef, Literal]]:
    return [(URIRef(t), Literal(d, datatype=XSD.date)) for t, d in sorted(keys)]


def unvouched(store: Store, keys: Iterable[tuple[str, str]] | None = None) -> list[dict]:
    """The claims Wikidata cannot vouch for (store-wide; with one of ``keys``)."""
    return _lookup(store, "check/cross-unvouched", keys)


def holders(store: Store, keys: Iterable[tuple[str, str]] | None = None) -> list[dict]:
    """The claims giving a title on a day to a holder of the office (store-wide; with one of ``keys``)."""
    return _lookup(store, "check/cross-holders", keys)


def _lookup(store: Store, query: str, keys: Iterable[tuple[str, str]] | None) -> list[dict]:
    if keys is None:
        return store.select(query)
    terms = _terms(keys)
    return store.select(query, values={("title", "claimDate"): terms}) if terms else []


def join(claims: list[dict], holder_claims: list[dict]) -> list[dict]:
    """The full query's rows: each unvouched claim with each holder claim of its (title, date) in
    another article, about another person."""
    by_key: dict[tuple[str, str], list[dict]] = {}
    for h in holder_claims:
        by_key.setdefault(_key(h), []).append(h)
    rows, seen = [], set()
    for c in claims:
        for h in by_key.get(_key(c), ()):
            if h["b"] == c["a"] or h["holder"] == c["subject"]:
                continue
            row = (c["claim"], c["subject"], h["position"], c["claimDate"], h["statement"])
            if row not in seen:
                seen.add(row)
                rows.append(dict(zip(("claim", "subject", "position", "claimDate", "statement"), row)))
    return rows


def keys(store: Store, articles: set[str] | None = None) -> set[tuple[str, str]]:
    """The (title, date) keys of the claims of these articles (None: of every article)."""
    kw = {} if articles is None else {"values": {"article": [Literal(a) for a in sorted(articles)]}}
    if articles is not None and not articles:
        return set()
    return {_key(r) for r in store.select("check/claim-keys", **kw)}


def rows(store: Store, articles: set[str] | None = None) -> list[dict]:
    """The cross-article rows of the claims of these articles (None: of every article), each against
    the whole store's holder claims: the unvouched claims and the holder claims of their keys."""
    found = keys(store, articles)
    claims = [c for c in unvouched(store, keys=found) if articles is None or c.get("article") in articles]
    return join(claims, holders(store, keys={_key(c) for c in claims}))


def affected(store: Store, articles: set[str]) -> set[str]:
    """The articles whose cross-article verdicts the claims of ``articles`` may change: those with an
    unvouched claim under the (title, date) of one of these articles' holder claims.  (The claims
    these articles had before they were edited or deleted are gone: kg.check_incremental adds the
    articles whose recorded conflicts cited them.)"""
    mine = [h for h in holders(store, keys=keys(store, articles)) if h.get("article") in articles]
    return {c["article"] for c in unvouched(store, keys={_key(h) for h in mine}) if "article" in c}
