"""The date a claim or event speaks of: a time expression near it in its sentence, else the article date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article
from .timex import resolve

#: Tokens between a time expression and a claim beyond which the expression is not the claim's.
MAX_DATE_GAP = 8


def _token_start(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _token_end(doc: Doc, char: int) -> int:
    span = doc.char_span(max(char - 1, 0), char, alignment_mode="expand")
    return span.end if span is not None else len(doc)


def _verb_of(token):
    """The nearest verb governing ``token`` (itself when a verb), or None."""
    while True:
        if token.pos_ in {"VERB", "AUX"}:
            while token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
                token = token.head  # coordinated predicates share their time: "met ..., met ... last week"
            return token
        if token.head.i == token.i:
            return None
        token = token.head


def date_of_span(doc: Doc, start: int, end: int, anchor: int, article: Article) -> tuple[str | None, str | None, str]:
    """``(date, date_end, evidence)`` for the span [start, end) of ``doc``.

    The nearest DATE entity of the sentence holding character ``anchor``, within
    MAX_DATE_GAP tokens of the span or modifying the verb of the span's clause
    ("On Wednesday, A and B held talks"), resolved against the article date; a year
    that describes a noun ("the 2016 election campaign") does not count.  Else
    the article date; else no date, and the evidence says so.
    """
    anchor_span = doc.char_span(anchor, anchor + 1, alignment_mode="expand")
    sent = anchor_span.sent
    clause = _verb_of(anchor_span.root)
    best = None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        if ent.root.dep_ in {"compound", "nummod", "amod", "poss"} and ent.root.head.pos_ in {"NOUN", "PROPN"}:
            continue  # "the 2016 election campaign": the year describes a noun, not the claim
        gap = max(ent.start - _token_end(doc, end), _token_start(doc, start) - ent.end, 0)
        if gap > MAX_DATE_GAP and (clause is None or _verb_of(ent.root) != clause):
            continue  # far away, and not a time of the claim's own clause
        interval = resolve(ent.text, article.date)
        if interval is None:
            continue
        distance = min(abs(ent.start_char - start), abs(ent.end_char - end))
        if best is None or distance < best[0]:
            best = (distance, interval, ent)
    if best is not None:
        _, (first, last), ent = best
        return first, last, f"time expression {ent.text!r} at {ent.start_char}-{ent.end_char}"
    if article.date:
        return article.date, article.date, f"article date ({article.date_source})"
    return None, None, "no date: the article date is unknown"
