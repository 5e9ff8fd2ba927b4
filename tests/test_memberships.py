"""Membership claims: which phrases say member, not a member, or joining."""

from __future__ import annotations

import pytest

from kg.model import Article


def _claims(nlp_kb, text):
    from kg.extract import extract

    nlp, _ = nlp_kb
    ex = next(extract([Article(id="t", text=text, date="2022-01-21")], nlp))
    return [(m.member.text, m.organization.text, m.status) for m in ex.memberships]


@pytest.mark.parametrize("text, expected", [
    ("NATO member Turkey has objected.", ("Turkey", "NATO", "member")),
    ("Poland, a member of the European Union, agreed.", ("Poland", "European Union", "member")),
    ("Finland joined NATO last year.", ("Finland", "NATO", "member")),
    ("Sweden is not a member of NATO.", ("Sweden", "NATO", "not-member")),
    ("Russia wants to prevent Ukraine joining NATO.", ("Ukraine", "NATO", "joining")),
    ("Georgia's bid to join NATO stalled.", ("Georgia", "NATO", "joining")),
    # a prospective modifier: an aspiration, not membership (twin: the first row)
    ("It lies between Romania and possible future NATO member Ukraine.", ("Ukraine", "NATO", "joining")),
    ("They met the would-be NATO member Georgia.", ("Georgia", "NATO", "joining")),
])
def test_membership_phrases(nlp_kb, text, expected):
    assert expected in _claims(nlp_kb, text)


@pytest.mark.parametrize("text", [
    "Forces must leave non-NATO countries such as Ukraine.",
    "Ukraine and NATO held talks in Brussels.",
    "The head of NATO visited Poland.",
])
def test_no_membership_claim(nlp_kb, text):
    assert _claims(nlp_kb, text) == []
