"""Fact-check reports: readable text, JSON Lines and schema.org ClaimReview (HTML: kg/report_html.py)."""

from __future__ import annotations

import datetime as _dt
import json
from typing import IO

from .check import CheckReport, Unverifiable
from .model import Conflict
from .vocab import qid_of

#: schema.org Rating for each conflict kind: 1 = false on a 1..5 scale, with the verdict's words.
RATINGS = {
    "wrong-name": (2, "Wrong name"),
    "out-of-term": (1, "False: not in office on that date"),
    "never-held": (1, "False: never held that office"),
    "lifespan": (1, "False: not alive on that date"),
    "membership": (1, "False: membership"),
    "location": (1, "False: location"),
    "cross-article": (2, "Contradicted by another article"),
}
KG_URL = "https://w3id.org/kg-diplomacy/"


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


def unverifiable_record(u: Unverifiable) -> dict:
    return {"article": u.article, "start": u.start, "end": u.end, "type": "unverifiable", "reason": u.reason,
            "explanation": u.explanation, "subject": u.subject, "claim_date": u.claim_date,
            "surface": u.surface, "sentence": u.sentence}


def write_jsonl(report: CheckReport, out: IO[str], *, unverifiable: bool = False) -> None:
    """One JSON object per conflict (and, when asked, per unverifiable claim, ``type: unverifiable``)."""
    for c in report.conflicts:
        out.write(json.dumps(conflict_record(c), ensure_ascii=False) + "\n")
    if unverifiable:
        for u in report.unverifiable:
            out.write(json.dumps(unverifiable_record(u), ensure_ascii=False) + "\n")


def summary_line(report: CheckReport) -> str:
    other = len(report.conflicts) - report.role_conflicts
    return (f"{report.claims} role claim(s): {report.consistent} consistent with Wikidata, "
            f"{report.role_conflicts} in conflict, {len(report.unverifiable)} unverifiable, "
            f"{report.not_checked} not checked (former/acting/...)"
            + (f"; {other} other conflict(s) (membership, location)" if other else ""))


def claim_review(c: Conflict, *, today: str | None = None) -> dict:
    """A schema.org ClaimReview of one conflict."""
    value, verdict = RATINGS.get(c.kind, (1, "False"))
    appearance = {"@type": "NewsArticle", "identifier": c.article}
    if c.url:
        appearance["url"] = c.url
    review = {
        "@type": "ClaimReview",
        "datePublished": today or _dt.date.today().isoformat(),
        "claimReviewed": c.sentence.strip(),
        "itemReviewed": {"@type": "Claim", "appearance": appearance, "text": c.surface},
        "author": {"@type": "Organization", "name": "kg", "url": KG_URL,
                   "description": f"automated check against Wikidata as of {c.snapshot_date or 'unknown'}"},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                         "alternateName": verdict},
        "reviewBody": c.explanation,
        "isBasedOn": [{"@type": "Dataset", "name": f"Wikidata (snapshot of {c.snapshot_date})", "url": e.statement}
                      for e in c.evidence] or [{"@type": "Dataset", "name": "Wikidata", "url": "https://www.wikidata.org/"}],
    }
    if c.claim_date:
        review["itemReviewed"]["datePublished"] = c.claim_date
    qid = qid_of(c.subject)
    if qid:
        review["itemReviewed"]["about"] = {"@type": "Person", "name": c.subject_label,
                                           "sameAs": f"https://www.wikidata.org/wiki/{qid}"}
    return review


def write_claimreview(report: CheckReport, out: IO[str]) -> None:
    """The conflicts as a schema.org ClaimReview JSON-LD document."""
    doc = {"@context": "https://schema.org", "@graph": [claim_review(c) for c in report.conflicts]}
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def write_text(report: CheckReport, out: IO[str]) -> None:
    out.write(summary_line(report) + "\n")
    _write_unverifiable(report, out)
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


def _write_unverifiable(report: CheckReport, out: IO[str]) -> None:
    if not report.unverifiable:
        return
    out.write(f"\nUnverifiable ({len(report.unverifiable)}; not conflicts):\n")
    for u in report.unverifiable:
        out.write(f"  {u.article} {u.start}-{u.end}: {u.surface!r}: {u.explanation}\n")
    out.write("\n")


# The HTML page: kg/report_html.py (write_html).
