"""Conflict detection on short articles written for each rule: what must and must not be flagged."""

from __future__ import annotations

import pytest

from kg.build import build
from kg.check import check
from kg.link import open_kb
from kg.store import Store

ARTICLES = {
    # must be flagged
    "obama-2022": ("2022-01-21", "After the summit, President Barack Obama declared that the talks had failed.", "out-of-term"),
    "quote-present": ("2022-04-11", "He told reporters: “President Barack Obama is meeting the Russian president today.”", "out-of-term"),
    "pm-trump": ("2017-11-03", "Prime Minister Donald Trump said the United States would not back down.", "never-held"),
    "blinken-name": ("2022-01-21", "US Secretary of State John Blinken said the alliance was united.", "wrong-name"),
    "cross-a": ("2022-02-02", "US Secretary of State Zorblat Quenn said the talks had failed.", "cross-article"),
    "seat-geneva": ("2022-01-21", "Diplomats gathered at NATO headquarters in Geneva on Monday.", "location"),
    "member-ukraine": ("2022-01-21", "NATO member Ukraine sent troops to the border.", "membership"),
    "joining-poland": ("2022-01-21", "Russia wants to prevent Poland joining NATO, officials said.", "membership"),
    # must stay quiet
    "former": ("2022-01-21", "Former President Barack Obama declared that the talks had failed.", None),
    "in-2014": ("2022-01-21", "In 2014, President Barack Obama imposed sanctions on Russia.", None),
    "possessive": ("2017-12-01", "Backers bragged after the election that they had support from Donald Trump's "
                                 "national security adviser Michael Flynn for the project.", None),
    "quote-past": ("2022-04-11", "Cheney said: “It is clear that what President Trump was dealing with was awful.”", None),
    "timeline": ("2017-12-01", "* Dec. 28: President Barack Obama signs an executive order imposing sanctions on Russia.", None),
    "other-clause": ("2017-06-19", "The ambassador praised Qatar on October 26, 2016, and weeks later Secretary of State "
                                   "Rex Tillerson urged Qatar to respond to its neighbours.", None),
    "premier": ("2017-11-08", "Chinese Prime Minister Li Keqiang met the delegation in Beijing.", None),
    "after-snapshot": ("2024-03-01", "President Joe Biden spoke to Russian President Vladimir Putin.", None),
    "cross-b": ("2022-02-02", "US Secretary of State Antony Blinken flew to Kyiv.", None),
    "cross-other-day": ("2022-02-03", "US Secretary of State Marko Brill said the talks went well.", None),
    "cross-no-country": ("2022-02-02", "President Yoweri Museveni spoke in Kampala.", None),
    "seat-brussels": ("2022-01-21", "Diplomats gathered at NATO headquarters in Brussels on Monday.", None),
    "seat-vienna": ("2022-01-21", "The Vienna-based OSCE sent monitors to the border.", None),
    "seat-country": ("2022-01-21", "The OSCE, based in Austria, sent monitors to the border.", None),
    "member-turkey": ("2022-01-21", "NATO member Turkey objected to the plan.", None),
    "joining-ukraine": ("2022-01-21", "Russia wants to prevent Ukraine joining NATO, officials said.", None),
    "finland-2022": ("2022-01-21", "Finland is not a member of NATO.", None),  # joined in 2023
    "non-nato-class": ("2022-01-21", "Forces must leave non-NATO countries such as Ukraine.", None),
    "unknown-person": ("2022-01-21", "Foreign Minister Zorblat Quenn said the talks had failed.", None),
}


@pytest.fixture(scope="module")
def conflicts(tmp_path_factory, nlp_kb):
    nlp, _ = nlp_kb
    store = Store(tmp_path_factory.mktemp("conflicts") / "store")
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    import json

    path.write_text("\n".join(json.dumps({"id": k, "title": "", "text": t, "date": d}) for k, (d, t, _) in ARTICLES.items()))
    build([str(path)], store, nlp=nlp, kb=open_kb(store), progress=False)
    report = check(store)
    out: dict[str, list[str]] = {k: [] for k in ARTICLES}
    for c in report.conflicts:
        out[c.article].append(c.kind)
    return out


@pytest.mark.parametrize("article", [k for k, v in ARTICLES.items() if v[2]])
def test_flagged(conflicts, article):
    assert conflicts[article] == [ARTICLES[article][2]]


@pytest.mark.parametrize("article", [k for k, v in ARTICLES.items() if not v[2]])
def test_quiet(conflicts, article):
    assert conflicts[article] == []
