"""`kg check --format csv`: one row per conflict, formula-like cells escaped for spreadsheets."""

from __future__ import annotations

import csv
import io

import pytest

from kg.check import UNVERIFIABLE, CheckReport, Unverifiable
from kg.model import Conflict, Evidence
from kg.report_csv import COLUMNS, safe_cell, write_csv


def _conflict(surface: str, sentence: str) -> Conflict:
    return Conflict(kind="wrong-name", claim="https://example.org/claim/1", article="art-1", start=10, end=10 + len(surface),
                    surface=surface, sentence=sentence, subject="http://www.wikidata.org/entity/Q1",
                    subject_label="Jane Doe", position="http://www.wikidata.org/entity/Q2", position_label="Minister",
                    claim_date="2022-01-21", explanation="the holder was Jane Doe", confidence=0.9,
                    evidence=(Evidence(statement="http://www.wikidata.org/entity/statement/Q1-x", value="Jane Doe",
                                       start="2021-01-01", end=None),))


@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"),
    ("+1 555", "'+1 555"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Minister Jane Doe", "Minister Jane Doe"), ("a=b", "a=b"), (42, 42), ("", ""),
])
def test_formula_like_cells_are_escaped_and_others_kept(value, shown) -> None:
    assert safe_cell(value) == shown


def test_one_row_per_conflict_then_unverifiable_and_no_formula_survives() -> None:
    report = CheckReport(conflicts=[_conflict("=cmd|' /C calc'!A0", "@risky sentence"), _conflict("Jane Roe", "ok")])
    report.unverifiable.append(Unverifiable(claim="c2", article="art-2", start=1, end=5, surface="-Envoy", sentence="s",
                                            subject="", claim_date="", reason=next(iter(UNVERIFIABLE))))
    out = io.StringIO()
    write_csv(report, out, unverifiable=True)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["type"] for r in rows] == ["wrong-name", "wrong-name", "unverifiable"]
    assert rows[0]["surface"] == "'=cmd|' /C calc'!A0" and rows[0]["sentence"] == "'@risky sentence"
    assert rows[2]["surface"] == "'-Envoy"
    assert rows[1]["start"] == "10" and "Jane Doe [2021-01-01 – open]" in rows[1]["evidence"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    out = io.StringIO()
    write_csv(report, out)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == 2  # conflicts only by default
