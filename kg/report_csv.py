"""The fact-check report as CSV for spreadsheets: one row per conflict and finding (and per unverifiable claim).

Spreadsheet-safe: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be read as a formula by Excel, LibreOffice or Google Sheets (CSV injection,
OWASP); such a cell is written with a leading apostrophe (``'=HYPERLINK(...)``), which
spreadsheets show as text.  Numbers (offsets, confidence) are written as numbers.
"""

from __future__ import annotations

import csv
from typing import IO

from . import findings as _findings
from .check import CheckReport
from .report import conflict_record, unverifiable_record

COLUMNS = ("article", "type", "start", "end", "surface", "subject", "subject_label", "position",
           "position_label", "claim_date", "reading", "speaker", "sentence", "explanation", "evidence", "reason",
           "confidence", "snapshot_date")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it as text: formula-like strings get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _evidence(record: dict) -> str:
    return " | ".join(f"{e['value']} [{e.get('start') or '?'} – {e.get('end') or 'open'}] {e['statement']}"
                      for e in record.get("evidence", ()))


def rows(report: CheckReport, *, unverifiable: bool = False) -> list[dict]:
    """The CSV rows (not yet escaped), conflicts first."""
    out = []
    for c in report.conflicts:
        record = conflict_record(c)
        out.append({**{k: record.get(k, "") for k in COLUMNS}, "evidence": _evidence(record)})
    for f in getattr(report, "findings", ()):  # the text contradicting itself (type: anachronism)
        record = _findings.record(f)
        out.append({**{k: record.get(k, "") for k in COLUMNS}, "claim_date": record.get("event_date", "")})
    if unverifiable:
        for u in [*report.unverifiable, *getattr(report, "not_asserted", [])]:
            record = unverifiable_record(u)
            out.append({k: record.get(k, "") for k in COLUMNS})
    return out


def write_csv(report: CheckReport, out: IO[str], *, unverifiable: bool = False) -> None:
    """A header row, then one row per conflict (``unverifiable``: and per unverifiable claim)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(report, unverifiable=unverifiable):
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
