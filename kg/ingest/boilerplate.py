"""Find boilerplate in an article's text: spans the extractor should skip.

The text is never changed; the result is a sorted tuple of non-overlapping
``(start, end)`` character spans.  Three rules, all over paragraphs (blocks
separated by blank lines) and their lines:

* **Line rules, anywhere.**  A line that is a link list or page furniture:
  "Related Posts:" / "Read more:" / "Also read:" / "See also:" (with the colon),
  "3 min read" / "3 mn read", "Sign up ..." / "Subscribe ..." (short lines),
  "Advertisement", a line of share buttons, a cookie notice.
* **Appeals, anywhere.**  A paragraph scores the distinct cues it contains:
  2 for a publisher speaking about itself ("support us", "our journalism",
  "our reporting", "no shareholders", "every contribution", "our newsletter",
  "independent ... news organisation", ...), 1 for weaker ones ("readers",
  "donate", "subscribe", "contribution", "financially", "afford", "join us", ...).
  A score of 3 or more with at least one strong cue is an appeal.  News about
  donations ("plans to donate tanks") scores 1 and stays in.
* **The tail.**  Walking back from the last paragraph over boilerplate paragraphs,
  footers and short lines without final punctuation ("Support us ➔"), stopping at
  the first real paragraph: if that run holds an appeal, a line rule or a footer,
  everything from its first such paragraph to the end of the text is excluded.
  Footers count only here: "©", "Copyright 2022", "All rights reserved",
  "Printer:", "(Reporting by ...)", an author bio ("Jane Doe is a ... correspondent")
  or a publisher blurb ("X is a ... digital media / news site").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

Span = tuple[int, int]

#: A paragraph this short without final punctuation counts as a stray line in the tail.
SHORT_LINE = 80
#: Footers are short; a long paragraph with "copyright" in it is news about copyright.
MAX_FOOTER = 600
APPEAL_THRESHOLD = 3

_I = re.IGNORECASE
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_LINE = re.compile(r"[^\r\n]+")
_LINE_RULES = (
    re.compile(r"^\W*(?:related(?:\s+(?:posts?|articles?|stories|coverage|content|reading))?"
               r"|read\s+more|read\s+also|also\s+read|see\s+also|more\s+on\s+this(?:\s+story)?"
               r"|recommended(?:\s+for\s+you)?)\s*[:：]", _I),
    re.compile(r"^\W*\d+\s*(?:mn|mins?|minutes?)\s+read\W*$", _I),
    re.compile(r"^\W*(?:sign\s+up|subscribe)\b.{0,180}$", _I),
    re.compile(r"^\W*(?:skip\s+)?(?:advertisement|sponsored(?:\s+content)?)\W*$", _I),
    re.compile(r"^(?=.*cookie)(?=.*(?:\bwe\s+use\b|\baccept|\bconsent|cookie\s+(?:policy|settings"
               r"|preferences)|uses\s+cookies)).{0,400}$", _I),
)
_SHARE_WORDS = frozenset("share this article story post on via tweet email e-mail print copy link "
                         "facebook twitter x linkedin whatsapp telegram reddit pinterest messenger "
                         "flipboard".split())
_SHARE_CUES = frozenset("share tweet facebook twitter linkedin whatsapp telegram reddit pinterest".split())

_STRONG_PATTERNS = (
    r"\bsupport\s+us\b", r"\bour\s+(?:journalism|reporting|newsroom)\b", r"\bindependent\s+journalism\b",
    r"\bindependent\b[^.]{0,60}\bnews\s+organi[sz]ation\b", r"\bno\s+shareholders\b",
    r"\bbillionaire\s+owner\b", r"\b(?:every|make\s+a|your)\s+contribution\b",
    r"\bbecome\s+a\s+(?:member|subscriber|supporter|patron)\b", r"\bsubscribe\s+(?:now|today)\b",
    r"\bour\s+(?:free\s+)?(?:daily\s+|weekly\s+)?newsletters?\b", r"\bdonate\s+(?:now|today|to\s+us)\b",
    r"\bsupport\s+(?:independent|quality)\s+(?:journalism|news|reporting)\b",
    r"\breader[- ](?:funded|supported)\b", r"\bpaywall\b", r"\byour\s+support\b",
    r"\bdelivered\s+to\b[^.]{0,40}\binbox",
)
_STRONG_CUES = tuple(re.compile(p, _I) for p in _STRONG_PATTERNS)
_ANY_STRONG_CUE = re.compile("|".join(f"(?:{p})" for p in _STRONG_PATTERNS), _I)
_WEAK_CUES = tuple(re.compile(p, _I) for p in (
    r"\bdonat(?:e|es|ed|ion|ions)\b", r"\bcontributions?\b", r"\bsubscri(?:be|bers?|ption|ptions)\b",
    r"\bsign(?:ed)?\s+up\b", r"\breaders\b", r"\bfinancially\b", r"\bafford\b",
    r"\bfree\s+from\s+(?:influence|bias)\b", r"\beditorial\s+independence\b",
    r"\b(?:quality|trustworthy)\s+(?:news|information|journalism)\b", r"\bjoin\s+us\b",
    r"\binbox(?:es)?\b", r"\bnewsletters?\b", r"\bmakes?\s+a\s+difference\b",
))
_FOOTER_CUES = tuple(re.compile(p, _I) for p in (
    r"©", r"\bcopyright\s+(?:\(c\)\s*)?(?:19|20)\d\d\b", r"^copyright\b", r"\ball\s+rights\s+reserved\b",
    r"^printer\s*:", r"^\(?(?:reporting|writing|editing|additional\s+reporting)\s+by\b",
    r"^follow\s+(?:us|him|her|them|@\w+)\s+on\b",
    r"^this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:originally\s+)?(?:published|amended|updated)",
))
_BIO = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,4}is\s+an?\b[^.\n]{0,80}?\b(?:correspondent|reporter"
                  r"|journalist|writer|editor|columnist|contributor|freelancer?)\b")
_BLURB = re.compile(r"^[\w'’. -]{1,60}\bis\s+an?\b[^.\n]{0,80}?\b(?:digital\s+media|news\s+(?:site"
                    r"|outlet|agency|website|platform|organi[sz]ation)|media\s+(?:company|outlet|group))\b",
                    _I)
#: Credits and copyright notices run into the last paragraph of flattened pages.
_TRAILERS = (
    re.compile(r"\b(?:(?:Additional\s+)?[Rr]eporting|Writing|Editing)\s+by\s+[A-Z][^.]{0,400}?"
               r"(?:Our\s+Standards:\s*The\s+Thomson\s+Reuters\s+Trust\s+Principles\.)?\s*\Z"),
    re.compile(r"(?:\bCopyright\b|©)\W{0,4}(?:19|20)\d\d\b.{0,400}\Z", re.DOTALL),
)
TRAILER_WINDOW = 600
_FINAL_PUNCTUATION = tuple(".!?\"”’»)…:")


class Kind(Enum):
    """What a paragraph is, for the tail rule."""

    CONTENT = "content"
    BOILERPLATE = "boilerplate"  # excluded wherever it is
    FOOTER = "footer"  # excluded only in the tail
    SHORT = "short"  # a stray line: excluded only inside the tail


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines, as offsets into the article."""

    start: int
    end: int
    text: str


def find_boilerplate(text: str) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans of ``text`` that are not article content."""
    paragraphs = split_paragraphs(text)
    kinds = [classify(p.text) for p in paragraphs]
    spans: list[Span] = []
    for paragraph, kind in zip(paragraphs, kinds, strict=True):
        if kind is Kind.BOILERPLATE:
            spans.append((paragraph.start, paragraph.end))
        else:
            spans.extend(_line_spans(paragraph))
    tail = _tail_start(paragraphs, kinds)
    if tail is None and paragraphs:
        tail = _trailer_start(paragraphs[-1])
    if tail is not None:
        spans.append((tail, len(text)))
    return _merge(spans, text)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by blank lines, without their surrounding whitespace."""
    paragraphs = []
    start = 0
    for end, next_start in [(m.start(), m.end()) for m in _BLANK_LINES.finditer(text)] + [
            (len(text), len(text))]:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            first = start + len(chunk) - len(chunk.lstrip())
            paragraphs.append(Paragraph(first, first + len(stripped), stripped))
        start = next_start
    return paragraphs


def classify(paragraph: str) -> Kind:
    """The kind of one paragraph (its text without surrounding whitespace)."""
    lines = [line for line in paragraph.splitlines() if line.strip()]
    if all(_is_boilerplate_line(line) for line in lines) or is_appeal(paragraph):
        return Kind.BOILERPLATE
    if len(paragraph) <= MAX_FOOTER and _is_footer(paragraph):
        return Kind.FOOTER
    if len(paragraph) <= SHORT_LINE and not paragraph.endswith(_FINAL_PUNCTUATION):
        return Kind.SHORT
    return Kind.CONTENT


def appeal_score(paragraph: str) -> tuple[int, int]:
    """(score, number of strong cues) of a paragraph, by distinct cues."""
    strong = sum(1 for cue in _STRONG_CUES if cue.search(paragraph))
    weak = sum(1 for cue in _WEAK_CUES if cue.search(paragraph))
    return 2 * strong + weak, strong


def is_appeal(paragraph: str) -> bool:
    """True for a donation, subscription or newsletter appeal."""
    if not _ANY_STRONG_CUE.search(paragraph):  # one scan settles most paragraphs
        return False
    score, strong = appeal_score(paragraph)
    return strong > 0 and score >= APPEAL_THRESHOLD


def _is_boilerplate_line(line: str) -> bool:
    line = line.strip()
    return any(rule.search(line) for rule in _LINE_RULES) or _is_share_line(line)


def _is_share_line(line: str) -> bool:
    if len(line) > 120:
        return False
    words = {w for w in re.split(r"[\s|•·,/:]+", line.lower()) if w}
    return bool(words) and words <= _SHARE_WORDS and bool(words & _SHARE_CUES)


def _is_footer(paragraph: str) -> bool:
    return (any(cue.search(paragraph) for cue in _FOOTER_CUES)
            or bool(_BIO.search(paragraph) or _BLURB.search(paragraph)))


def _line_spans(paragraph: Paragraph) -> list[Span]:
    return [(paragraph.start + m.start(), paragraph.start + m.end())
            for m in _LINE.finditer(paragraph.text) if _is_boilerplate_line(m.group())]


def _tail_start(paragraphs: list[Paragraph], kinds: list[Kind]) -> int | None:
    first = len(kinds)
    while first > 0 and kinds[first - 1] is not Kind.CONTENT:
        first -= 1
    for paragraph, kind in zip(paragraphs[first:], kinds[first:], strict=True):
        if kind in (Kind.BOILERPLATE, Kind.FOOTER):
            return paragraph.start
    return None


def _trailer_start(last: Paragraph) -> int | None:
    """Start of a credit line or copyright notice run into the end of the last paragraph."""
    offset = max(0, len(last.text) - TRAILER_WINDOW)
    window = last.text[offset:]
    starts = [m.start() for rule in _TRAILERS if (m := rule.search(window))]
    return last.start + offset + min(starts) if starts else None


def _merge(spans: list[Span], text: str) -> tuple[Span, ...]:
    """Sort, drop empty spans, and join spans that overlap or touch across whitespace."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and (start <= merged[-1][1] or text[merged[-1][1]:start].isspace()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
