"""Title nodes: a title's positions are the same whichever article was built last.

The phenomenon: the linker narrows a title's positions for one claim -- an acronym naming the
office's body ("NEC Director"), or a short title taking the person's own office among the longer
ones ("Director Brian Deese", "Secretary-General Jens Stoltenberg").  Those positions are the
claim's, not the title's: written under the title's own node, the article built last decided what
the title denotes for every other article's claims (8 of dev2's 140 titles were written with two or
three position lists, 2026-12-07).  A narrowed claim now points to a node of its own.
"""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.graph.claims import title_graphs, title_node_key
from kg.link import open_kb
from kg.model import Link, Mention, RoleClaim, RoleLink
from kg.store import Store

from .test_roles import _roles


def _role_link(positions, broader=(), *, narrowed=False, country=None) -> RoleLink:
    mention = Mention(article_id="t", start=9, end=20, text="Brian Deese", label="PERSON", sent_start=0,
                      sent_end=20, extractor="spacy-ner")
    claim = RoleClaim(article_id="t", start=0, end=20, person=mention, title="Director", title_start=0, title_end=8)
    person = Link(mention=mention, qid="Q1", kind="Person", score=1.0, method="label")
    return RoleLink(claim=claim, person=person, title_key="director", positions=tuple(positions),
                    broader=tuple(broader), country=country, narrowed=narrowed)


def test_a_narrowed_claim_has_a_title_node_of_its_own():
    plain = _role_link(["Q1", "Q2"], ["Q3"])
    assert title_node_key(plain) == "director"
    assert title_node_key(_role_link(["Q1", "Q2"], ["Q3"], country="Q30")) == "director@Q30"
    mine = _role_link(["Q2"], narrowed=True)
    other = _role_link(["Q1"], narrowed=True)
    # one node per narrowing: the same positions share it, other positions have another
    assert title_node_key(mine) == title_node_key(_role_link(["Q2"], narrowed=True))
    assert len({title_node_key(plain), title_node_key(mine), title_node_key(other)}) == 3
    assert title_node_key(mine).startswith("director~n")
    # the broader positions (dip:mayDenote) are part of what a node denotes
    assert title_node_key(_role_link(["Q2"], ["Q3"], narrowed=True)) != title_node_key(mine)
    # every title graph's content is a function of its name, whatever the order of the claims
    graphs = [title_graphs((a, b)) for a, b in [(plain, mine), (mine, plain), (mine, other), (other, plain)]]
    content: dict = {}
    for g in graphs:
        for name, triples in g.items():
            assert content.setdefault(name, sorted(map(str, triples))) == sorted(map(str, triples))
    assert len(content) == 3


@pytest.mark.parametrize("text, date, narrowed", [
    ("Officials, including NEC Director Brian Deese, spoke daily.", "2014-07-01", True),  # the acronym's body
    ("Officials, including Director Brian Deese, spoke daily.", "2014-07-01", True),  # the person's own office
    # twins: the title's own positions
    ("US Secretary of State Antony Blinken flew to Kyiv.", "2022-03-01", False),
    ("Officials, including Director Zorblat Quenn, spoke daily.", "2014-07-01", False),  # no office of theirs
])
def test_the_linker_says_when_it_narrowed(nlp_kb, text, date, narrowed):
    (role,) = _roles(nlp_kb, text, date)
    assert role.narrowed is narrowed


ARTICLES = [
    ("plain", "2014-07-01", "Officials, including Director Zorblat Quenn, spoke daily."),
    ("nec", "2014-07-01", "Officials, including NEC Director Brian Deese, spoke daily."),
    ("own", "2014-07-01", "Officials, including Director Brian Deese, spoke daily."),
]


def _denoted(store: Store) -> dict[str, tuple]:
    rows = store.select("""SELECT ?article ?p ?how WHERE {
        ?claim a dip:RoleClaim ; dip:inArticle/schema:identifier ?article ; dip:title ?t .
        ?t ?how ?p FILTER(?how IN (dip:denotes, dip:mayDenote)) }""")
    out: dict[str, set] = {a: set() for a, _, _ in ARTICLES}
    for r in rows:
        out[r["article"]].add((r["how"].rsplit("#", 1)[-1], r["p"]))
    return {a: tuple(sorted(v)) for a, v in out.items()}


def test_the_build_order_does_not_change_what_a_title_denotes(tmp_path, nlp_kb):
    nlp, _ = nlp_kb
    seen = []
    for order in (ARTICLES, ARTICLES[::-1]):
        path = tmp_path / f"in-{len(seen)}.jsonl"
        path.write_text("\n".join(json.dumps({"id": i, "title": "", "text": t, "date": d}) for i, d, t in order))
        store = Store(tmp_path / f"store-{len(seen)}")
        build([str(path)], store, nlp=nlp, kb=open_kb(store), progress=False)
        seen.append(_denoted(store))
    assert seen[0] == seen[1]
    # each claim's title node holds that claim's positions
    for article, date, text in ARTICLES:
        (role,) = _roles(nlp_kb, text, date)
        assert seen[0][article] == tuple(sorted([("denotes", f"http://www.wikidata.org/entity/{p}") for p in role.positions]
                                                + [("mayDenote", f"http://www.wikidata.org/entity/{p}") for p in role.broader]))
