"""Fact-check reports: readable text and JSON Lines (HTML: kg/report_html.py; ClaimReview: kg/claimreview.py)."""

from __future__ import annotations

import json
from collections import Counter
from typing import IO

from . import conflict_kinds
from . import findings as _findings
from .check import CheckReport, Unverifiable
from .claimreview import KG_URL, claim_review, write_claimreview  # noqa: F401 - re-exported (kg/claimreview.py)
from .model import Conflict
from .vocab import qid_of


def conflict_record(c: Conflict) -> dict:
    """The JSONL record of one conflict (the format ../shared/eval/score_conflicts.py scores)."""
    return c.to_dict()


def unverifiable_record(u: Unverifiable) -> dict:
    """The JSONL record of one unverifiable claim (``type: unverifiable``)."""
    return u.to_dict()


def write_jsonl(report: CheckReport, out: IO[str], *, unverifiable: bool = False, findings: bool = False) -> None:
    """One JSON object per conflict (and, when asked, per unverifiable claim, ``type: unverifiable``,
    and per finding in the text itself, ``type: anachronism``)."""
    for c in report.conflicts:
        out.write(json.dumps(conflict_record(c), ensure_ascii=False) + "\n")
    for f in report.findings if findings else ():
        out.write(json.dumps(_findings.record(f), ensure_ascii=False) + "\n")
    if unverifiable:
        for u in report.unverifiable + report.not_asserted:
            out.write(json.dumps(unverifiable_record(u), ensure_ascii=False) + "\n")


def _counts(items) -> str:
    counts = Counter(items)
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def summary_line(report: CheckReport) -> str:
    """One line: consistent means a Wikidata statement supports the claim; the rest say why not."""
    other = len(report.conflicts) - report.role_conflicts
    why = _counts(u.reason for u in report.unverifiable)
    readings = _counts(u.reason for u in report.not_asserted)
    return (f"{report.claims} role claim(s): {report.consistent} consistent (a Wikidata statement supports them), "
            f"{report.role_conflicts} in conflict, {len(report.unverifiable)} unverifiable"
            + (f" ({why})" if why else "")
            + f", {len(report.not_asserted)} not checked for their reading" + (f" ({readings})" if readings else "")
            + (f", {report.provisional} provisional (acting/interim)" if report.provisional else "")
            + (f"; {other} other conflict(s) ({', '.join(conflict_kinds.non_role_kinds())})" if other else ""))


def write_text(report: CheckReport, out: IO[str]) -> None:
    out.write(summary_line(report) + "\n")
    _write_unverifiable(report, out)
    _findings.write_text(report.findings, out)
    _write_not_asserted(report, out)
    if not report.conflicts:
        out.write(f"No conflicts with Wikidata (as of {report.snapshot_date or 'unknown date'}).\n")
        return
    out.write(f"{len(report.conflicts)} conflict(s) with Wikidata (as of {report.snapshot_date}):\n")
    for c in report.conflicts:
        qid = qid_of(c.subject)
        out.write(f"\n[{c.kind}] {c.article} {c.start}-{c.end}: {c.surface!r} (claim date {c.claim_date})\n")
        out.write(f"  sentence: {' '.join(c.sentence.split())}\n")
        out.write(f"  reading:  {c.reading or 'asserted'}" + (f", attributed to {c.speaker}" if c.speaker else "") + "\n")
        out.write(f"  why:      {c.explanation}\n")
        for e in c.evidence:
            out.write(f"  wikidata: {e.value} [{e.start or '?'} – {e.end or 'open'}] {e.statement}"
                      f"{f' ({e.source})' if e.source else ''}\n")
        if qid:
            out.write(f"  item:     https://www.wikidata.org/wiki/{qid}\n")


def _write_unverifiable(report: CheckReport, out: IO[str]) -> None:
    if not report.unverifiable:
        return
    out.write(f"\nUnverifiable ({len(report.unverifiable)}; not conflicts):\n")
    for u in report.unverifiable:
        out.write(f"  {u.article} {u.start}-{u.end}: {u.surface!r}: {u.explanation}\n")
    out.write("\n")


def _write_not_asserted(report: CheckReport, out: IO[str]) -> None:
    if not report.not_asserted:
        return
    out.write(f"\nNot checked for their reading ({len(report.not_asserted)}; not conflicts):\n")
    for u in report.not_asserted:
        who = f" [{u.speaker}]" if u.speaker else ""
        out.write(f"  {u.article} {u.start}-{u.end}: {u.surface!r}{who}: {u.reading}: {u.reading_evidence or u.explanation}\n")
    out.write("\n")


# The HTML page: kg/report_html.py (write_html).
