"""Findings that are not Wikidata conflicts: the text contradicting itself.

One kind so far, ``anachronism``: an event whose stated deadline lies a year or more before the
event's own date ("last week Russia demanded that forces be withdrawn by the end of 1997").  The
deadline is read by :mod:`kg.extract.event_deadline` (reference points such as "since 1997" or "the
1997 borders" are not deadlines); the comparison is the named query ``findings/anachronism``.
Findings are listed apart from the conflicts in every report format, so conflict scores do not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from . import queries
from .conflict_kinds import FINDINGS
from .store import Store

ANACHRONISM = FINDINGS["anachronism"]  # its query, description and ClaimReview rating (kg/conflict_kinds.py)


@dataclass(frozen=True)
class Finding:
    kind: str
    event: str  # event IRI
    article: str
    start: int
    end: int
    surface: str
    sentence: str
    event_type: str
    event_date: str
    deadline: str
    deadline_text: str
    governor: str = ""  # the event the dated one is part of ("demanding"), if any

    @property
    def explanation(self) -> str:
        what = f"{self.governor!r} ({self.surface!r})" if self.governor else repr(self.surface)
        return (f"The event {what} is dated {self.event_date}, but its stated deadline "
                f"{self.deadline_text!r} ({self.deadline}) lies before it: the text contradicts itself.")


def anachronisms(store: Store, articles: set[str] | None = None, scope: str = "") -> list[Finding]:
    """Every anachronism in the store (or in these articles), one per sentence and deadline
    (``scope``: the check scope graph holding these articles' nodes, kg.check_scope)."""
    out, seen = [], set()
    query = queries.get(ANACHRONISM.query)
    for r in store.select(query.scoped(scope) if scope else query.text):
        if articles is not None and r["article"] not in articles:
            continue
        key = (r["article"], r["sentence"], r["deadline"])
        if key in seen:
            continue
        seen.add(key)
        out.append(Finding(ANACHRONISM.name, r["event"], r["article"], int(r["start"]), int(r["end"]), r["trigger"],
                           r["sentence"], r["type"], r["date"], r["deadline"], r.get("deadlineText", ""),
                           r.get("governorTrigger", "")))
    return sorted(out, key=lambda f: (f.article, f.start, f.end, f.deadline))


def record(f: Finding) -> dict:
    """The JSONL record of a finding (``type: anachronism``; written only with ``--findings``)."""
    return {"article": f.article, "start": f.start, "end": f.end, "type": f.kind, "event": f.event,
            "event_type": f.event_type, "surface": f.surface, "governor": f.governor, "sentence": f.sentence,
            "event_date": f.event_date, "deadline": f.deadline, "deadline_text": f.deadline_text,
            "explanation": f.explanation}


def write_text(findings: list[Finding], out: IO[str]) -> None:
    if not findings:
        return
    out.write(f"\nFindings in the text itself ({len(findings)}; not Wikidata conflicts):\n")
    for f in findings:
        out.write(f"\n[{f.kind}] {f.article} {f.start}-{f.end}: {f.surface!r} (event date {f.event_date}, "
                  f"deadline {f.deadline})\n")
        out.write(f"  sentence: {' '.join(f.sentence.split())}\n")
        out.write(f"  why:      {f.explanation}\n")


def claim_review(f: Finding, today: str) -> dict:
    """A schema.org ClaimReview of a finding (rated as self-contradictory, based on the text itself)."""
    kind = FINDINGS.get(f.kind, ANACHRONISM)
    return {
        "@type": "ClaimReview", "datePublished": today, "claimReviewed": f.sentence.strip(),
        "itemReviewed": {"@type": "Claim", "appearance": {"@type": "NewsArticle", "identifier": f.article},
                         "text": f.surface, "datePublished": f.event_date},
        "author": {"@type": "Organization", "name": "kg", "description": "automated check of the text's own dates"},
        "reviewRating": {"@type": "Rating", "ratingValue": kind.rating, "bestRating": 5, "worstRating": 1,
                         "alternateName": kind.verdict},
        "reviewBody": f.explanation,
        "additionalType": f.kind,
    }


def write_html(findings: list[Finding], out: IO[str], escape) -> None:
    """A section of its own after the conflicts: one card per finding."""
    if not findings:
        return
    e = escape
    out.write(f"<section id=\"findings\"><h2>Findings in the text itself ({len(findings)}; not Wikidata conflicts)</h2>\n")
    for f in findings:
        out.write(f"<div class=\"card unverifiable\"><div class=\"kind\">{e(f.kind)}</div>"
                  f"{e(f.article)}: <q>{e(' '.join(f.sentence.split()))}</q>"
                  f"<p>{e(f.explanation)}</p></div>\n")
    out.write("</section>\n")
