"""Location (seat) claims: which phrases give an organisation's seat."""

from __future__ import annotations

import pytest

from kg.model import Article


def _claims(nlp_kb, text):
    from kg.extract import extract

    nlp, _ = nlp_kb
    ex = next(extract([Article(id="t", text=text, date="2022-01-21")], nlp))
    return [(c.organization.text, c.place.text) for c in ex.locations]


@pytest.mark.parametrize("text, expected", [
    ("Diplomats gathered at NATO headquarters in Brussels on Monday.", ("NATO", "Brussels")),
    ("The Vienna-based OSCE sent monitors.", ("OSCE", "Vienna")),
    ("The OSCE, based in Vienna, sent monitors.", ("OSCE", "Vienna")),
])
def test_seat_phrases(nlp_kb, text, expected):
    assert expected in _claims(nlp_kb, text)


@pytest.mark.parametrize("text", ["NATO and Russia met in Brussels.", "The OSCE sent monitors to Vienna."])
def test_no_seat_claim(nlp_kb, text):
    assert _claims(nlp_kb, text) == []
