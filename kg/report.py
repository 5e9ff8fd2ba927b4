"""Fact-check reports: readable text, JSON Lines, schema.org ClaimReview and a self-contained HTML page."""

from __future__ import annotations

import datetime as _dt
import html
import json
from typing import IO

from collections import Counter

from .check import NOT_ASSERTED, CheckReport, Unverifiable
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
        "reading": c.reading or "asserted",
        **({"speaker": c.speaker} if c.speaker else {}),
        "evidence": [{"statement": e.statement, "value": e.value, "start": e.start, "end": e.end} for e in c.evidence],
    }


def unverifiable_record(u: Unverifiable) -> dict:
    """An unverifiable claim (``type: unverifiable``) or one not checked for its reading (``type: not-checked``)."""
    kind = "not-checked" if u.reason in NOT_ASSERTED else "unverifiable"
    record = {"article": u.article, "start": u.start, "end": u.end, "type": kind, "reason": u.reason,
              "explanation": u.explanation, "subject": u.subject, "claim_date": u.claim_date,
              "surface": u.surface, "sentence": u.sentence, "reading": u.reading or "asserted"}
    if u.speaker:
        record["speaker"] = u.speaker
    return record


def write_jsonl(report: CheckReport, out: IO[str], *, unverifiable: bool = False) -> None:
    """One JSON object per conflict (and, when asked, per unverifiable claim, ``type: unverifiable``)."""
    for c in report.conflicts:
        out.write(json.dumps(conflict_record(c), ensure_ascii=False) + "\n")
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
        "reviewBody": c.explanation + f" Reading: {c.reading or 'asserted'}"
                      + (f", attributed to {c.speaker}." if c.speaker else "."),
        "isBasedOn": [{"@type": "Dataset", "name": f"Wikidata (snapshot of {c.snapshot_date})", "url": e.statement}
                      for e in c.evidence] or [{"@type": "Dataset", "name": "Wikidata", "url": "https://www.wikidata.org/"}],
    }
    if c.claim_date:
        review["itemReviewed"]["datePublished"] = c.claim_date
    if c.speaker:  # a quoted claim: the claim is the speaker's
        review["itemReviewed"]["author"] = {"@type": "Person", "name": c.speaker}
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


def _write_not_asserted(report: CheckReport, out: IO[str]) -> None:
    if not report.not_asserted:
        return
    out.write(f"\nNot checked for their reading ({len(report.not_asserted)}; not conflicts):\n")
    for u in report.not_asserted:
        who = f" [{u.speaker}]" if u.speaker else ""
        out.write(f"  {u.article} {u.start}-{u.end}: {u.surface!r}{who}: {u.reading}: {u.reading_evidence or u.explanation}\n")
    out.write("\n")


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 2em;background:#1d3557;color:#fff}header h1{margin:0;font-size:1.4em}
main{padding:1em 2em}article{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em;
background:#fff;border:1px solid #ddd;border-radius:6px;padding:1em 1.5em;margin:1em 0}
article h2{grid-column:1/-1;margin:.2em 0;font-size:1.15em}.text{white-space:pre-wrap}
mark{background:#ffd6d6;border-bottom:2px solid #c1121f;padding:0 .1em}
mark.unverifiable{background:#eee;border-bottom:2px dotted #888}
.card{border-left:4px solid #c1121f;background:#fff5f5;padding:.5em .8em;margin:0 0 1em}
.card.unverifiable{border-color:#888;background:#f4f4f4}.kind{font-weight:600;text-transform:uppercase;font-size:.8em}
.ev{font-size:.9em;color:#444}.meta{color:#666;font-size:.9em}
"""


def write_html(report: CheckReport, out: IO[str], texts: dict[str, tuple[str, str, str]]) -> None:
    """A self-contained page: each article with a finding, its text with the claims highlighted,
    and beside it what Wikidata says.  ``texts``: article id -> (title, text, url)."""
    by_article: dict[str, list] = {}
    for c in report.conflicts:
        by_article.setdefault(c.article, []).append(c)
    for u in report.unverifiable + report.not_asserted:
        by_article.setdefault(u.article, []).append(u)
    e = html.escape
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width\"><title>kg fact-check report</title>"
              f"<style>{_CSS}</style></head><body>\n")
    out.write(f"<header><h1>kg fact-check report</h1><div>{e(summary_line(report))} &middot; "
              f"Wikidata as of {e(report.snapshot_date or 'unknown')}</div></header><main>\n")
    if not by_article:
        out.write("<p>No conflicts and no unverifiable claims.</p>")
    for article in sorted(by_article):
        findings = sorted(by_article[article], key=lambda f: f.start)
        title, text, url = texts.get(article, ("", "", ""))
        out.write(f"<article id=\"{e(article)}\"><h2>{e(title or article)}</h2>\n<div class=\"text\">")
        pos = 0
        for n, f in enumerate(findings):
            if f.start < pos or not text:
                continue
            cls = "unverifiable" if isinstance(f, Unverifiable) else "conflict"
            out.write(e(text[pos:f.start]))
            out.write(f"<mark class=\"{cls}\" id=\"{e(article)}-{n}\" title=\"{e(f.explanation)}\">"
                      f"{e(text[f.start:f.end])}</mark>")
            pos = f.end
        out.write(e(text[pos:]) + "</div>\n<aside>")
        safe = url and url.lower().startswith(("http://", "https://"))  # never javascript: or data:
        meta = f"<a href=\"{e(url)}\">{e(article)}</a>" if safe else e(article)
        out.write(f"<p class=\"meta\">{meta}</p>")
        for n, f in enumerate(findings):
            if isinstance(f, Unverifiable):
                label = f"not checked: {f.reading}" if f.reason in NOT_ASSERTED else "unverifiable"
                out.write(f"<div class=\"card unverifiable\"><div class=\"kind\">{e(label)}</div>"
                          f"<a href=\"#{e(article)}-{n}\">{e(f.surface)}</a>: {e(f.explanation)}</div>")
                continue
            qid = qid_of(f.subject)
            item = f" <a href=\"https://www.wikidata.org/wiki/{e(qid)}\">{e(qid)}</a>" if qid else ""
            evidence = "".join(f"<li>{e(x.value)} [{e(x.start or '?')} – {e(x.end or 'open')}]</li>" for x in f.evidence)
            out.write(f"<div class=\"card\"><div class=\"kind\">{e(f.kind)}</div>"
                      f"<a href=\"#{e(article)}-{n}\">{e(f.surface)}</a> (claim date {e(f.claim_date or '?')}){item}"
                      f"<p class=\"meta\">reading: {e(f.reading or 'asserted')}"
                      f"{', attributed to ' + e(f.speaker) if f.speaker else ''}</p>"
                      f"<p>{e(f.explanation)}</p><ul class=\"ev\">{evidence}</ul></div>")
        out.write("</aside></article>\n")
    out.write("</main></body></html>\n")
