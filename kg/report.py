"""Fact-check reports: readable text and JSON Lines."""

from __future__ import annotations

import json
from typing import IO

from .check import CheckReport
from .model import Conflict
from .vocab import qid_of


def conflict_record(c: Conflict) -> dict:
    """The JSONL record of one conflict (the format ../shared/eval/score_conflicts.py scores)."""
    return {
        "article": c.article,
        "start": c.start,
        "end": c.end,
        "type": c.kind,
        "subject": c.subject,
        "subject_label": c.subject_label,
        "position": c.position,
        "position_label": c.position_label,
        "claim_date": c.claim_date,
        "surface": c.surface,
        "sentence": c.sentence,
        "explanation": c.explanation,
        "confidence": c.confidence,
        "snapshot_date": c.snapshot_date,
        "evidence": [{"statement": e.statement, "value": e.value, "start": e.start, "end": e.end} for e in c.evidence],
    }


def write_jsonl(report: CheckReport, out: IO[str]) -> None:
    for c in report.conflicts:
        out.write(json.dumps(conflict_record(c), ensure_ascii=False) + "\n")


def write_text(report: CheckReport, out: IO[str]) -> None:
    if not report.conflicts:
        out.write(f"No conflicts with Wikidata (as of {report.snapshot_date or 'unknown date'}).\n")
        return
    out.write(f"{len(report.conflicts)} conflict(s) with Wikidata (as of {report.snapshot_date}):\n")
    for c in report.conflicts:
        qid = qid_of(c.subject)
        out.write(f"\n[{c.kind}] {c.article} {c.start}-{c.end}: {c.surface!r} (claim date {c.claim_date})\n")
        out.write(f"  sentence: {' '.join(c.sentence.split())}\n")
        out.write(f"  why:      {c.explanation}\n")
        for e in c.evidence:
            out.write(f"  wikidata: {e.value} [{e.start or '?'} – {e.end or 'open'}] {e.statement}\n")
        if qid:
            out.write(f"  item:     https://www.wikidata.org/wiki/{qid}\n")
