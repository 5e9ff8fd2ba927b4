"""The fact-check report as one self-contained HTML page that leads with the errors.

Top to bottom: the summary (claims, conflicts by kind), an index of the articles
with conflicts (count and kinds, most conflicts first, each a link), filters
(checkboxes by conflict kind, by the conflict's reading and by the reason a claim is unverifiable; plain
CSS/JS, everything shows without JS), then one section per article: its
conflicts as cards -- the claim, the sentence, why, the Wikidata evidence with
its statement link and dates, the item link -- then its unverifiable claims
and its text with the claims highlighted, both collapsed (``<details>``).
Articles with only unverifiable claims come after all articles with conflicts.
One column on a phone (under 700 px), no external resources, no script from
the data: every value is escaped and only http(s) links are written.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import IO

from . import findings as _findings
from .check import NOT_ASSERTED, CheckReport, Unverifiable
from .claimreview import conflict_anchor
from .report import summary_line
from .vocab import qid_of

_CSS = """
*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:1em 1.2em;background:#1d3557;color:#fff}header h1{margin:0 0 .3em;font-size:1.35em}
main{padding:.5em 1.2em;max-width:72em;margin:auto}a{color:#0b4f8a}
.counts span{display:inline-block;margin:.15em .4em .15em 0;padding:.05em .5em;border-radius:1em;background:#fff2;font-size:.9em}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
.n{text-align:right;font-variant-numeric:tabular-nums}
.filters{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5em .8em;margin:1em 0}
.filters label{display:inline-block;margin:.2em .9em .2em 0;white-space:nowrap}
section.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em 1em;margin:1em 0}
section.article h2{margin:.1em 0 .3em;font-size:1.15em;overflow-wrap:anywhere}.meta{color:#666;font-size:.9em;overflow-wrap:anywhere}
.card{border-left:4px solid #c1121f;background:#fff5f5;padding:.5em .8em;margin:.7em 0;overflow-wrap:anywhere}
.card.unverifiable{border-color:#888;background:#f4f4f4}
.kind{font-weight:600;text-transform:uppercase;font-size:.78em;letter-spacing:.03em;color:#c1121f}
.unverifiable .kind{color:#555}blockquote{margin:.3em 0;padding-left:.6em;border-left:2px solid #ccc;color:#333}
.ev{font-size:.92em;color:#444;padding-left:1.2em;margin:.3em 0}
details{margin:.6em 0}summary{cursor:pointer;color:#0b4f8a}.text{white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffd6d6;border-bottom:2px solid #c1121f;padding:0 .1em}mark.unverifiable{background:#eee;border-bottom:2px dotted #888}
.hidden{display:none}
@media (max-width:700px){body{font-size:15px}main,header{padding-left:.7em;padding-right:.7em}
 .kinds-col{display:none}section.article{padding:.6em .7em}}
"""

_JS = """
document.querySelectorAll('.filters input').forEach(box => box.addEventListener('change', () => {
  const off = new Set([...document.querySelectorAll('.filters input')].filter(b => !b.checked).map(b => b.value));
  document.querySelectorAll('[data-filter]').forEach(el => el.classList.toggle('hidden',
    off.has(el.dataset.filter) || off.has(el.dataset.reading)));
}));
"""


def _e(value: object) -> str:
    return html.escape(str(value if value is not None else ""))


def _safe_link(url: str, label: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):  # never javascript: or data:
        return f'<a href="{_e(url)}">{_e(label)}</a>'
    return _e(label)


def write_html(report: CheckReport, out: IO[str], texts: dict[str, tuple[str, str, str]]) -> None:
    """The page for ``report``; ``texts``: article id -> (title, text, url)."""
    conflicts: dict[str, list] = {}
    unverifiable: dict[str, list] = {}
    for c in report.conflicts:
        conflicts.setdefault(c.article, []).append(c)
    for u in [*report.unverifiable, *getattr(report, "not_asserted", [])]:  # not asserted: listed with its reading
        unverifiable.setdefault(u.article, []).append(u)
    order = sorted(conflicts, key=lambda a: (-len(conflicts[a]), a)) + sorted(set(unverifiable) - set(conflicts))
    kinds = Counter(c.kind for c in report.conflicts)
    reasons = Counter(u.reason for u in [*report.unverifiable, *getattr(report, "not_asserted", [])])
    readings = Counter(c.reading or "asserted" for c in report.conflicts)

    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              f"<title>kg fact-check report: {len(report.conflicts)} conflict(s)</title><style>{_CSS}</style></head><body>\n")
    out.write(f"<header><h1>{len(report.conflicts)} conflict(s) with Wikidata in {len(conflicts)} article(s)</h1>"
              f"<div>{_e(summary_line(report))}; Wikidata as of {_e(report.snapshot_date or 'unknown')}</div>"
              '<div class="counts">' + "".join(f"<span>{_e(k)}: {n}</span>" for k, n in kinds.most_common())
              + (f"<span>unverifiable: {len(report.unverifiable)}</span>" if report.unverifiable else "")
              + "</div></header><main>\n")
    if not order:
        out.write("<p>No conflicts and no unverifiable claims.</p>")
    if conflicts:
        out.write('<h2 id="index">Articles with conflicts</h2><table><thead><tr><th>article</th>'
                  '<th class="n">conflicts</th><th class="kinds-col">kinds</th></tr></thead><tbody>')
        for article in sorted(conflicts, key=lambda a: (-len(conflicts[a]), a)):
            title = texts.get(article, ("", "", ""))[0] or article
            article_kinds = Counter(c.kind for c in conflicts[article])
            out.write(f'<tr><td><a href="#a-{_e(article)}">{_e(title)}</a> <span class="meta">{_e(article)}</span></td>'
                      f'<td class="n">{len(conflicts[article])}</td>'
                      f'<td class="kinds-col">{_e(", ".join(f"{k} ({n})" for k, n in sorted(article_kinds.items())))}</td></tr>')
        out.write("</tbody></table>\n")
    if len(kinds) + len(reasons) > 1 or len(readings) > 1:
        out.write('<div class="filters"><strong>Show:</strong> ')
        for kind in sorted(kinds):
            out.write(f'<label><input type="checkbox" value="kind:{_e(kind)}" checked> {_e(kind)} ({kinds[kind]})</label>')
        if len(readings) > 1:  # the conflicts by how the text makes the claim (asserted, quoted, historical)
            for reading in sorted(readings):
                out.write(f'<label><input type="checkbox" value="reading:{_e(reading)}" checked> reading: '
                          f"{_e(reading)} ({readings[reading]})</label>")
        for reason in sorted(reasons):
            out.write(f'<label><input type="checkbox" value="reason:{_e(reason)}" checked> unverifiable: '
                      f"{_e(reason)} ({reasons[reason]})</label>")
        out.write("</div>\n")
    for article in order:
        _article(out, article, conflicts.get(article, []), unverifiable.get(article, []),
                 texts.get(article, ("", "", "")))
    _findings.write_html(getattr(report, "findings", []), out, _e)  # the text contradicting itself, apart
    out.write(f"</main><script>{_JS}</script></body></html>\n")


def _article(out: IO[str], article: str, conflicts: list, unverifiable: list, text_info: tuple[str, str, str]) -> None:
    title, text, url = text_info
    out.write(f'<section class="article" id="a-{_e(article)}"><h2>{_e(title or article)}</h2>'
              f'<div class="meta">{_safe_link(url, article)} &middot; {len(conflicts)} conflict(s), '
              f"{len(unverifiable)} unverifiable</div>\n")
    for n, c in enumerate(sorted(conflicts, key=lambda c: c.start)):
        qid = qid_of(c.subject)
        item = f' &middot; <a href="https://www.wikidata.org/wiki/{_e(qid)}">{_e(c.subject_label or qid)} ({_e(qid)})</a>' if qid else ""
        evidence = "".join(
            f"<li>{_e(x.value)} [{_e(x.start or '?')} – {_e(x.end or 'open')}]"
            + (f" ({_e(x.source)})" if x.source else "")
            + (f' <a href="{_e(x.statement)}">statement</a>' if x.statement.lower().startswith(("http://", "https://")) else "")
            + "</li>" for x in c.evidence)
        out.write(f'<div class="card" id="{_e(conflict_anchor(article, n))}" data-filter="kind:{_e(c.kind)}" '
                  f'data-reading="reading:{_e(c.reading or "asserted")}">'
                  f'<div class="kind">{_e(c.kind)}</div><strong>{_e(c.surface)}</strong> '
                  f"(characters {c.start}–{c.end}, claim date {_e(c.claim_date or '?')}){item}"
                  f"<div class=\"meta\">reading: {_e(c.reading or 'asserted')}"
                  f"{', attributed to ' + _e(c.speaker) if c.speaker else ''}</div>"
                  f"<blockquote>{_e(' '.join(c.sentence.split()))}</blockquote><p>{_e(c.explanation)}</p>"
                  + (f'<div>Wikidata says:</div><ul class="ev">{evidence}</ul>' if evidence else "") + "</div>\n")
    if unverifiable:
        out.write(f"<details><summary>{len(unverifiable)} unverifiable or not checked claim(s) (not conflicts)</summary>")
        for u in sorted(unverifiable, key=lambda u: u.start):
            out.write(f'<div class="card unverifiable" data-filter="reason:{_e(u.reason)}"><div class="kind">'
                      f"{'not checked: ' if u.reason in NOT_ASSERTED else 'unverifiable: '}{_e(u.reason)}</div>"
                      f"<strong>{_e(u.surface)}</strong>"
                      f"<blockquote>{_e(' '.join(u.sentence.split()))}</blockquote><p>{_e(u.explanation)}</p></div>")
        out.write("</details>\n")
    if text:
        out.write(f"<details><summary>The article with its claims highlighted</summary><div class=\"text\">"
                  f"{_highlighted(text, conflicts, unverifiable)}</div></details>")
    out.write("</section>\n")


def _highlighted(text: str, conflicts: list, unverifiable: list) -> str:
    parts, pos = [], 0
    for f in sorted([*conflicts, *unverifiable], key=lambda f: (f.start, isinstance(f, Unverifiable))):
        if f.start < pos or f.end > len(text):
            continue
        cls = "unverifiable" if isinstance(f, Unverifiable) else "conflict"
        parts += [_e(text[pos:f.start]), f'<mark class="{cls}" title="{_e(f.explanation)}">{_e(text[f.start:f.end])}</mark>']
        pos = f.end
    parts.append(_e(text[pos:]))
    return "".join(parts)
