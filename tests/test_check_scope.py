"""A check of some articles reads their claims, not the store's (kg.check_scope, the
``{{CHECKED ?claim a dip:RoleClaim}}`` / ``{{CITED ...}}`` / ``{{LATERAL}}`` markers of kg.queries)."""

from __future__ import annotations

import pytest

from kg import check_scope, cross_article, queries
from kg.check import check
from kg.errors import QueryError
from kg.store import Store
from kg.vocab import CHECK_SCOPE_GRAPH, DIP, RDF

from .test_conflict_cases import _case, _store, _world

#: The queries a check runs per claim: each must mark the claim it checks.
CHECKED = sorted(n for n in queries.catalogue()
                 if n.startswith("conflicts/") or n in ("check/role-claims", "check/supported", "findings/anachronism"))


ROLE = [(str(RDF.type), str(DIP.RoleClaim))]


@pytest.fixture(scope="module")
def store() -> Store:
    return _store(_world())


@pytest.mark.parametrize("name", CHECKED)
def test_every_query_a_check_runs_marks_its_checked_claim(name):
    query = queries.get(name)
    assert "checked" in query.roles
    assert "{{" not in query.text and "check-scope" not in query.text  # kg query runs it store-wide
    assert "LATERAL {" not in query.text  # standard SPARQL store-wide
    scoped = query.scoped("urn:scope")
    assert "GRAPH <urn:scope> {" in scoped and "{{" not in scoped
    assert query.scope_patterns()


def test_the_cross_article_query_scopes_either_side():
    query = queries.get(cross_article.QUERY)
    checked, cited = query.scoped("urn:s", "checked"), query.scoped("urn:s", "cited")
    assert "GRAPH <urn:s> { ?claim a dip:RoleClaim }" in checked and "{ ?statement a dip:RoleClaim }" not in checked
    assert "GRAPH <urn:s> { ?statement a dip:RoleClaim }" in cited and "{ ?claim a dip:RoleClaim }" not in cited
    # the holders looked up per unvouched claim when the claims are scoped, joined otherwise
    assert "LATERAL {" in checked and "LATERAL {" not in cited and "LATERAL {" not in query.text


def test_a_marker_names_the_triples_the_scope_holds():
    from kg.vocab import DIP, RDF

    assert queries.get("conflicts/location").scope_patterns() == [(str(RDF.type), str(DIP.LocationClaim))]
    assert queries.get("findings/anachronism").scope_patterns() == [(str(DIP.deadline), None)]
    assert check_scope.patterns(["conflicts/out-of-term", "conflicts/never-held"]) == [(str(RDF.type), str(DIP.RoleClaim))]


def test_a_query_without_the_role_is_not_scoped_silently():
    with pytest.raises(QueryError, match="no {{CITED"):
        queries.get("conflicts/out-of-term").scoped("urn:s", "cited")


def test_the_scope_holds_the_articles_nodes_and_is_emptied(store):
    with check_scope.scope(store, {"oot-day-after-last", "loc-elsewhere"}, ROLE) as graph:
        rows = store.select(f"SELECT ?n ?c WHERE {{ GRAPH <{graph}> {{ ?n a ?c }} }}")
        # the role claims of these articles, not their other nodes (the location claim)
        assert rows and {(_case(r["n"]), r["c"]) for r in rows} == {("oot-day-after-last", str(DIP.RoleClaim))}
    assert not store.contains_graph(CHECK_SCOPE_GRAPH)


def test_a_scope_left_by_a_crash_is_emptied_before_the_next(store):
    with pytest.raises(RuntimeError):
        with check_scope.scope(store, {"oot-day-after-last"}, ROLE):
            raise RuntimeError("crash")
    assert not store.contains_graph(CHECK_SCOPE_GRAPH)
    store.update(f"INSERT DATA {{ GRAPH <{CHECK_SCOPE_GRAPH}> {{ <urn:left> <{DIP.inArticle}> <urn:over> }} }}")
    with check_scope.scope(store, {"oot-day-after-last"}, ROLE) as graph:
        assert not store.select(f"SELECT ?a WHERE {{ GRAPH <{graph}> {{ <urn:left> ?p ?a }} }}")


def test_a_scoped_check_reads_only_the_scoped_claims(store, monkeypatch):
    articles = {"oot-day-after-last", "wn-in-term", "oot-after-snapshot"}
    seen: list[str] = []
    select = Store.select

    def spy(self, sparql, bindings=None, **kw):
        rows = select(self, sparql, bindings, **kw)
        seen.extend(r["claim"] for r in rows if "claim" in r and "check-scope" in sparql)
        return rows

    monkeypatch.setattr(Store, "select", spy)
    report = check(store, articles, write=False)
    assert seen and {_case(c) for c in seen} <= articles
    assert sorted(_case(c.claim) for c in report.conflicts) == ["oot-day-after-last", "wn-in-term"]
    assert not store.contains_graph(CHECK_SCOPE_GRAPH)


def test_a_read_only_store_is_checked_store_wide_and_filtered(tmp_path):
    path = tmp_path / "store"
    writable = Store(path)
    full = _store(_world())
    writable.add_quads(full.quads())
    writable.flush()
    del writable
    ro = Store(path, read_only=True)
    report = check(ro, {"oot-day-after-last", "wn-in-term"}, write=False)
    assert sorted(_case(c.claim) for c in report.conflicts) == ["oot-day-after-last", "wn-in-term"]
