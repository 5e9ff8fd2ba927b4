"""Incremental check (kg.check_incremental): checking only the stale articles gives the verdicts a
full check gives -- over several builds, an edited article, a deleted one, a knowledge-base change,
and the cross-article rule either way round."""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from kg import check_state, cross_article, queries
from kg.check import check, write_conflicts
from kg.check_incremental import check_incremental
from kg.kb.wikibase import wdqs_form
from kg.store import Store
from kg.vocab import CONFLICTS_GRAPH, DIP, KG, SCHEMA, WIKIDATA_GRAPH, article_graph

from .test_conflict_cases import BUILDERS, _cross_article, _out_of_term, _world


def _graphs(w) -> dict:
    """The world's articles as a build writes them: each in its article graph, a dip:Article with a digest."""
    out = {}
    for a, triples in w.articles.items():
        article = str(a).rsplit("/article/", 1)[1]
        out[article] = list(triples) + [(a, RDF.type, DIP.Article), (a, DIP.contentDigest, Literal("v1"))]
    return out


def _store(w, only=None) -> tuple[Store, dict]:
    store = Store(None)
    graphs = _graphs(w)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata),
                          **{article_graph(a): t for a, t in graphs.items() if only is None or a in only}})
    return store, graphs


def _add(store: Store, graphs: dict, *ids: str) -> None:
    store.replace_graphs({article_graph(a): graphs[a] for a in ids})


def _key(report):
    return (sorted(report.conflicts, key=repr), sorted(report.unverifiable, key=repr),
            sorted(report.not_asserted, key=repr), sorted(report.findings, key=repr),
            report.claims, report.consistent, report.role_conflicts)


def _nodes(store: Store) -> list[tuple[str, str]]:
    rows = store.select("SELECT ?node ?claim WHERE { ?node dip:claim ?claim }", default_graph=[CONFLICTS_GRAPH])
    return sorted((r["node"], r["claim"]) for r in rows)


def _same_as_full(store: Store, report) -> None:
    """The incremental report, and the conflicts graph it left, are what a full check gives."""
    nodes = _nodes(store)
    full = check(store)
    assert _key(report) == _key(full)
    assert nodes == _nodes(store)


@pytest.fixture(scope="module")
def world():
    return _world(BUILDERS)


def test_several_builds_checked_incrementally_give_the_full_verdicts(world):
    ids = sorted(_graphs(world))
    store, graphs = _store(world, only=set(ids[::3]))
    report, done = check_incremental(store)
    assert done.full and done.checked == len(ids[::3])
    _same_as_full(store, report)
    _add(store, graphs, *ids[1::3])
    report, done = check_incremental(store)
    assert not done.full and done.checked >= len(ids[1::3]) and done.reused > 0
    _same_as_full(store, report)
    _add(store, graphs, *ids[2::3])
    report, done = check_incremental(store)
    _same_as_full(store, report)
    again, done = check_incremental(store)
    assert done.checked == 0 and done.reused == len(ids) and done.reused_verdicts > 0
    assert _key(again) == _key(report)


def test_only_the_articles_asked_for_are_reported(world):
    store, _ = _store(world)
    check_incremental(store)
    report, done = check_incremental(store, {"oot-day-after-last", "oot-after-snapshot"})
    assert done.checked == 0
    assert [c.article for c in report.conflicts] == ["oot-day-after-last"]
    assert [u.article for u in report.unverifiable] == ["oot-after-snapshot"]


def test_an_edited_article_is_checked_again_and_its_old_conflict_node_dropped():
    w = _world((_out_of_term,))
    store, graphs = _store(w)
    first, _ = check_incremental(store)
    claim = str(KG["claim/oot-day-after-last/role/0-9"])
    assert claim in {c.claim for c in first.conflicts} and claim in {c for _, c in _nodes(store)}
    # the article edited: its claim now dated within the term, its digest another
    a = KG["article/oot-day-after-last"]
    edited = [t for t in graphs["oot-day-after-last"] if t[1] not in (DIP.claimDate, DIP.contentDigest)]
    edited += [(KG["claim/oot-day-after-last/role/0-9"], DIP.claimDate, Literal("2016-06-01", datatype=queries_date())),
               (a, DIP.contentDigest, Literal("v2"))]
    store.replace_graphs({article_graph("oot-day-after-last"): edited})
    report, done = check_incremental(store)
    assert done.checked == 1
    assert claim not in {c.claim for c in report.conflicts}
    assert claim not in {c for _, c in _nodes(store)}  # the stale conflict node is gone
    _same_as_full(store, report)


def queries_date():
    from rdflib.namespace import XSD

    return XSD.date


def test_a_partial_check_drops_the_verdict_node_of_a_conflict_that_went_away():
    w = _world((_out_of_term,))
    store, graphs = _store(w)
    check(store)
    claim = KG["claim/oot-day-after-last/role/0-9"]
    edited = [t for t in graphs["oot-day-after-last"] if t[1] != DIP.claimDate]
    edited.append((claim, DIP.claimDate, Literal("2016-06-01", datatype=queries_date())))
    store.replace_graphs({article_graph("oot-day-after-last"): edited})
    check(store, {"oot-day-after-last"})
    assert str(claim) not in {c for _, c in _nodes(store)}
    assert _nodes(store)  # the other articles' verdicts are kept


def test_a_deleted_article_loses_its_verdicts():
    w = _world((_out_of_term,))
    store, _ = _store(w)
    check_incremental(store)
    store.drop_graphs([article_graph("oot-day-after-last")])
    report, done = check_incremental(store)
    assert done.dropped == 1 and done.checked == 0
    assert "oot-day-after-last" not in {c.article for c in report.conflicts}
    assert not [c for _, c in _nodes(store) if "/oot-day-after-last/" in c]
    _same_as_full(store, report)


def test_a_knowledge_base_change_checks_everything_again():
    w = _world((_out_of_term,))
    store, _ = _store(w)
    check_incremental(store)
    _, done = check_incremental(store)
    assert not done.full and done.checked == 0
    store.add_graph(WIKIDATA_GRAPH, [(KG["entity/new"], RDFS.label, Literal("new"))])
    report, done = check_incremental(store)
    assert done.full and done.checked == len(w.articles)
    _same_as_full(store, report)


def test_the_state_round_trips_every_verdict(world, tmp_path):
    store = Store(tmp_path / "store")
    graphs = _graphs(world)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(world.wikidata), **{article_graph(a): t for a, t in graphs.items()}})
    first, _ = check_incremental(store)
    assert (tmp_path / "store" / check_state.FILE).exists()
    again, done = check_incremental(store)  # every verdict read back from the sqlite file
    assert done.checked == 0 and _key(again) == _key(first)
    assert any(c.evidence for c in again.conflicts) and again.conflicts == first.conflicts


@pytest.mark.parametrize("first", ["xa-two-articles", "xa-two-articles-other"])
def test_a_cross_article_pair_split_across_two_builds(first):
    w = _world((_cross_article,))
    other = {"xa-two-articles": "xa-two-articles-other", "xa-two-articles-other": "xa-two-articles"}[first]
    store, graphs = _store(w, only={a for a in _graphs(w) if a != other})
    report, _ = check_incremental(store)
    assert "xa-two-articles" not in {c.article for c in report.conflicts}
    _add(store, graphs, other)
    report, done = check_incremental(store)
    assert [c.kind for c in report.conflicts if c.article == "xa-two-articles"] == ["cross-article"]
    _same_as_full(store, report)
    # the holder's article deleted: the conflict that cited its claim goes
    store.drop_graphs([article_graph("xa-two-articles-other")])
    report, done = check_incremental(store)
    assert "xa-two-articles" not in {c.article for c in report.conflicts}
    _same_as_full(store, report)


def test_the_articles_a_holder_claim_affects_are_those_of_the_unvouched_claims_it_contradicts():
    w = _world((_cross_article,))
    store, _ = _store(w)
    whole = store.select(queries.get(cross_article.QUERY).text)
    assert whole and {r["otherArticle"] for r in whole} >= {"xa-two-articles-other"}
    check_incremental(store)  # the check state: the claim keys of the articles checked
    # the articles whose unvouched claim a holder claim of "xa-two-articles-other" contradicts
    assert cross_article.affected(store, {"xa-two-articles-other"}) == {"xa-two-articles"}
    assert cross_article.affected(store, {"xa-two-articles"}) == set()


def test_only_holder_claims_look_up_the_claims_they_may_contradict(monkeypatch):
    # the query's ?statement is a claim Wikidata vouches for: an unvouched claim of a new article
    # (its negative twin) is no evidence against another article's, so it looks nothing up
    w = _world((_cross_article,))
    store, _ = _store(w)
    check_incremental(store)
    looked_up = []
    same_day = check_state.same_day
    monkeypatch.setattr(check_state, "same_day", lambda s, keys: same_day(s, looked_up.append(list(keys)) or looked_up[-1]))
    own = cross_article.keys(store, {"xa-two-articles", "xa-two-articles-other"})
    assert {a: [k[4] for k in ks] for a, ks in own.items()} == {"xa-two-articles": [False], "xa-two-articles-other": [True]}
    assert cross_article.affected(store, {"xa-two-articles"}) == set()
    assert looked_up == [[]]
    assert cross_article.affected(store, {"xa-two-articles-other"}) == {"xa-two-articles"}
    assert looked_up[1] == [k[1:4] for k in own["xa-two-articles-other"]]


@pytest.mark.parametrize("on_disk", [False, True])
def test_the_claim_index_finds_the_same_title_and_day_for_another_person(tmp_path, on_disk):
    store = Store(tmp_path / "store") if on_disk else Store(None)
    title, other_title = "urn:t:secretary-of-state", "urn:t:president"
    claims = {"a": [("urn:c:a1", title, "2022-01-10", "urn:p:blinken", False)],
              "b": [("urn:c:b1", title, "2022-01-10", "urn:p:john", False),  # same title and day, another person
                    ("urn:c:b2", title, "2022-01-11", "urn:p:john", False),  # another day
                    ("urn:c:b3", other_title, "2022-01-10", "urn:p:john", False),  # another title
                    ("urn:c:b4", title, "2022-01-10", "urn:p:jake", True),  # vouched for: never reported
                    ],
              "c": [("urn:c:c1", title, "2022-01-10", "urn:p:blinken", False)]}  # the same person
    check_state.save(store, "id", {a: ("digest", check_state.Verdicts()) for a in claims}, set(), claims=claims)
    assert check_state.same_day(store, [(title, "2022-01-10", "urn:p:blinken")]) == {("urn:c:b1", "b")}
    assert check_state.same_day(store, [(title, "2022-01-10", "urn:p:john")]) == {("urn:c:a1", "a"), ("urn:c:c1", "c")}
    assert check_state.same_day(store, []) == set()
    # an article checked again replaces its keys; a deleted one loses them
    check_state.save(store, "id", {"b": ("digest2", check_state.Verdicts())}, {"c"}, claims={"b": []})
    assert check_state.same_day(store, [(title, "2022-01-10", "urn:p:blinken")]) == set()
    assert check_state.same_day(store, [(title, "2022-01-10", "urn:p:john")]) == {("urn:c:a1", "a")}
    # a full check's records are all there are
    check_state.save(store, "id", {"d": ("x", check_state.Verdicts())}, set(), replace_all=True,
                     claims={"d": [("urn:c:d1", title, "2022-01-10", "urn:p:x", False)]})
    assert check_state.same_day(store, [(title, "2022-01-10", "urn:p:john")]) == {("urn:c:d1", "d")}


def test_a_state_file_of_another_claim_index_layout_is_void_not_an_error(tmp_path):
    import sqlite3

    store = Store(tmp_path / "store")
    db = sqlite3.connect(tmp_path / "store" / check_state.FILE)
    with db:  # an earlier layout: no subject column
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('identity', 'old')")
        db.execute("CREATE TABLE claims (article TEXT, claim TEXT, title TEXT, day TEXT)")
    db.close()
    assert check_state.load(store).identity == ""  # void: everything is checked again
    key = ("urn:c:1", "urn:t", "2022-01-10", "urn:p:1", False)
    check_state.save(store, "id", {"a": ("d", check_state.Verdicts())}, set(), claims={"a": [key]})
    assert check_state.same_day(store, [("urn:t", "2022-01-10", "urn:p:2")]) == {("urn:c:1", "a")}


def test_claim_keys_are_the_dated_titled_role_claims_of_the_articles_asked_for():
    w = _world((_cross_article,))
    store, graphs = _store(w)
    every = cross_article.keys(store)
    assert set(every) >= {"xa-two-articles", "xa-two-articles-other"}
    some = cross_article.keys(store, {"xa-two-articles", "no-such-article"})  # scoped to them
    assert some == {"xa-two-articles": every["xa-two-articles"], "no-such-article": []}
    assert all(len(k) == 5 and k[0].startswith("http") for k in every["xa-two-articles"])


def test_a_claim_key_is_vouched_for_when_the_person_held_an_office_the_title_denotes(world):
    store, _ = _store(world)
    every = [k for ks in cross_article.keys(store).values() for k in ks]
    ask = ("SELECT ?p WHERE { <%s> dip:denotes ?p . <%s> p:P39 ?s . ?s ps:P39 ?p } LIMIT 1")
    flags = {(subject, title): vouched for _, title, _, subject, vouched in every}
    assert {v for v in flags.values()} == {True, False}  # both kinds among the cases
    for (subject, title), vouched in flags.items():
        assert vouched == bool(store.select(ask % (title, subject))), (subject, title)
    # the claims the cross-article query reports are never vouched for; their evidence is
    reported = store.select(queries.get(cross_article.QUERY).text)
    assert reported
    by_claim = {k[0]: k[4] for k in every}
    assert not any(by_claim[r["claim"]] for r in reported)
    assert all(by_claim[r["statement"]] for r in reported)


def test_write_conflicts_of_some_articles_keeps_the_others():
    w = _world((_out_of_term,))
    store, _ = _store(w)
    full = check(store)
    part = check(store, {"oot-between-terms"}, write=False)
    write_conflicts(store, part, articles={"oot-between-terms"})
    assert len(_nodes(store)) == len(full.conflicts) + len(full.unverifiable)


def test_kg_check_is_incremental_and_all_checks_everything(tmp_path, capsys):
    import gc
    import json

    from kg.cli import main

    w = _world((_out_of_term,))
    path = tmp_path / "store"
    store = Store(path)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata),
                          **{article_graph(a): t for a, t in _graphs(w).items()}})
    del store
    gc.collect()
    n = len(w.articles)

    def run(*extra):
        out = tmp_path / "c.jsonl"
        assert main(["check", "--store", str(path), "--format", "jsonl", "-o", str(out), *extra]) == 0
        line = next(x for x in capsys.readouterr().err.splitlines() if x.startswith("check: "))
        return line, [json.loads(x) for x in out.read_text().splitlines()]

    line, first = run()
    assert line.startswith(f"check: {n} articles checked")
    line, again = run()
    assert line.startswith("check: 0 articles checked") and f"{n} unchanged" in line and again == first
    line, full = run("--all")
    assert line.startswith(f"check: {n} articles checked") and full == first
    assert main(["check", "--store", str(path), "--format", "jsonl", "-o", str(tmp_path / "q.jsonl"), "-q"]) == 0
    assert not [x for x in capsys.readouterr().err.splitlines() if x.startswith("check: ")]


@pytest.mark.parametrize("on_disk", [False, True])
def test_forgotten_articles_are_checked_again(tmp_path, on_disk):
    w = _world((_out_of_term,))
    store = Store(tmp_path / "store" if on_disk else None)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata),
                          **{article_graph(a): t for a, t in _graphs(w).items()}})
    check_incremental(store)
    check_state.forget(store, {"oot-day-after-last", "oot-between-terms"})  # what kg build --rebuild does
    # marked stale: no digest recorded, the verdicts kept (they name the verdict nodes to replace)
    assert {a for a, (d, _) in check_state.load(store).articles.items() if d} == \
        set(_graphs(w)) - {"oot-day-after-last", "oot-between-terms"}
    assert set(check_state.load(store).articles) == set(_graphs(w))
    report, done = check_incremental(store)
    assert done.checked == 2
    _same_as_full(store, report)


def test_a_rebuilt_article_whose_claims_changed_loses_the_old_claims_verdict_nodes():
    # kg build --rebuild: the same text (digest) built by other code, its claims other nodes;
    # check_state.forget marks it stale and its recorded verdicts name the nodes to drop
    w = _world((_out_of_term,))
    store, graphs = _store(w)
    check_incremental(store)
    old, new = KG["claim/oot-day-after-last/role/0-9"], KG["claim/oot-day-after-last/role/0-10"]
    assert str(old) in {c for _, c in _nodes(store)}
    rebuilt = [tuple(new if term == old else term for term in t) for t in graphs["oot-day-after-last"]]
    store.replace_graphs({article_graph("oot-day-after-last"): rebuilt})
    check_state.forget(store, {"oot-day-after-last"})
    report, done = check_incremental(store)
    assert done.checked >= 1 and not done.full
    assert str(old) not in {c for _, c in _nodes(store)}  # no verdict about a claim that is gone
    assert str(new) in {c.claim for c in report.conflicts}
    _same_as_full(store, report)


def test_digests_are_the_article_digests_query_rows(world):
    from kg.check_incremental import digests

    store, graphs = _store(world)
    # an article without a digest (a hand-made graph) and a node with an identifier that is no article
    a = KG["article/no-digest"]
    store.replace_graphs({article_graph("no-digest"): [(a, RDF.type, DIP.Article),
                                                       (a, KG["x"], Literal("y")),
                                                       (a, SCHEMA.identifier, Literal("no-digest")),
                                                       (KG["thing"], SCHEMA.identifier, Literal("thing")),
                                                       (KG["thing"], DIP.contentDigest, Literal("v9"))]})
    rows = {r["article"]: r.get("digest", "") for r in store.select("check/article-digests")}
    assert digests(store) == rows
    assert rows["no-digest"] == "" and "thing" not in rows and len(rows) == len(graphs) + 1


def _disk_store(w, tmp_path, only=None) -> tuple[Store, dict]:
    store = Store(tmp_path / "store")
    graphs = _graphs(w)
    store.replace_graphs({WIKIDATA_GRAPH: wdqs_form(w.wikidata),
                          **{article_graph(a): t for a, t in graphs.items() if only is None or a in only}})
    return store, graphs


def test_a_report_of_some_articles_reads_only_their_verdicts_and_the_cross_article_ones(world, tmp_path):
    store, _ = _disk_store(world, tmp_path)
    full, _ = check_incremental(store)
    some = {"oot-day-after-last", "oot-after-snapshot"}
    report, done = check_incremental(store, some)
    assert done.checked == 0 and done.reused == 2
    assert [c.article for c in report.conflicts] == ["oot-day-after-last"]
    assert [u.article for u in report.unverifiable] == ["oot-after-snapshot"]
    # what the lazy load read: the records with a cross-article conflict, no other verdicts
    lazy = check_state.load(store, lazy=check_state.with_conflict_kind("cross-article"))
    read = {a for a, (_, v) in lazy.articles.items() if v is not None}
    crossing = {c.article for c in full.conflicts if c.kind == "cross-article"}
    assert crossing and read == crossing
    assert all(d for d, _ in lazy.articles.values()) and set(lazy.articles) == set(check_state.load(store).articles)
    check_state.fill(store, lazy, some | {"no-such-article"})
    assert {a for a, (_, v) in lazy.articles.items() if v is not None} == crossing | some
    assert lazy.articles["oot-day-after-last"][1].conflicts == [c for c in full.conflicts if c.article == "oot-day-after-last"]


@pytest.mark.parametrize("first", ["xa-two-articles", "xa-two-articles-other"])
def test_a_report_of_the_new_article_still_rechecks_the_article_whose_conflict_it_touches(first, tmp_path):
    """On disk (the lazy state): the articles checked again are the same whatever the report covers."""
    w = _world((_cross_article,))
    other = {"xa-two-articles": "xa-two-articles-other", "xa-two-articles-other": "xa-two-articles"}[first]
    store, graphs = _disk_store(w, tmp_path, only={a for a in _graphs(w) if a != other})
    check_incremental(store)
    _add(store, graphs, other)
    report, done = check_incremental(store, {other})
    assert {c.article for c in report.conflicts} <= {other}
    whole, again = check_incremental(store)
    assert again.checked == 0  # the touched article was checked with the new one
    assert [c.kind for c in whole.conflicts if c.article == "xa-two-articles"] == ["cross-article"]
    _same_as_full(store, whole)
    # the holder's article deleted, a report of another article: the conflict that cited it goes
    store.drop_graphs([article_graph("xa-two-articles-other")])
    check_incremental(store, {"no-such-article"})
    whole, again = check_incremental(store)
    assert again.checked == 0 and "xa-two-articles" not in {c.article for c in whole.conflicts}
    _same_as_full(store, whole)


def test_a_state_that_loses_records_while_read_is_read_again_whole(world, tmp_path, monkeypatch):
    store, _ = _disk_store(world, tmp_path)
    full, _ = check_incremental(store)
    real_fill = check_state.fill

    def fill_after_a_deletion(store_, state, ids):
        import sqlite3

        db = sqlite3.connect(tmp_path / "store" / check_state.FILE)
        with db:
            db.execute("DELETE FROM articles WHERE id = 'oot-day-after-last'")
        db.close()
        real_fill(store_, state, ids)

    monkeypatch.setattr(check_state, "fill", fill_after_a_deletion)
    report, done = check_incremental(store, {"oot-day-after-last"})
    # read again whole: the article whose record went is checked again, the others are not
    assert not done.full and done.checked == 1
    assert report.conflicts == [c for c in full.conflicts if c.article == "oot-day-after-last"]



@pytest.mark.parametrize("change", ["a record saved again", "another identity"])
def test_a_state_saved_by_another_check_between_the_two_reads_is_read_again_whole(world, tmp_path, monkeypatch, change):
    store, _ = _disk_store(world, tmp_path)
    full, _ = check_incremental(store)
    real_fill, filled = check_state.fill, []

    def fill_after_another_save(store_, state, ids):
        import sqlite3

        if not filled:  # (once: the second pass reads the state whole)
            db = sqlite3.connect(tmp_path / "store" / check_state.FILE)
            with db:
                if change == "a record saved again":
                    db.execute("UPDATE articles SET digest = 'saved-by-another' WHERE id = 'oot-day-after-last'")
                else:
                    db.execute("UPDATE meta SET value = 'another' WHERE key = 'identity'")
            db.close()
        filled.append(set(ids))
        real_fill(store_, state, ids)

    monkeypatch.setattr(check_state, "fill", fill_after_another_save)
    report, done = check_incremental(store, {"oot-day-after-last"})
    if change == "a record saved again":  # its digest is not the article's: it alone is checked again
        assert not done.full and done.checked == 1
    else:  # another identity: everything is
        assert done.full
    assert report.conflicts == [c for c in full.conflicts if c.article == "oot-day-after-last"]

def test_an_incremental_check_loads_the_state_lazily_and_a_full_one_not_at_all(world, tmp_path, monkeypatch):
    # (the other verdicts are read once it is known which are needed: the reports equal a full check's, above)
    store, _ = _disk_store(world, tmp_path)
    check_incremental(store)
    calls = []
    real_load = check_state.load
    states = []

    def load(s, lazy=None, verdicts=True):
        calls.append((lazy, verdicts))
        states.append(real_load(s, lazy=lazy, verdicts=verdicts))
        return states[-1]

    monkeypatch.setattr(check_state, "load", load)
    check_incremental(store, {"oot-day-after-last"})
    check_incremental(store)
    check_incremental(store, {"oot-day-after-last"}, full=True)
    assert calls == [(check_state.with_conflict_kind("cross-article"), True)] * 2 + [(None, False)]
    # the records are all there (ids, digests), the verdicts of a full check's none
    assert set(states[2].articles) == set(states[0].articles) and all(v is None for _, v in states[2].articles.values())
    assert any(v is None for _, v in states[0].articles.values())  # (lazy: not every record's read)
