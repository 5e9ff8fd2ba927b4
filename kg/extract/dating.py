"""The date a claim or event speaks of: a time expression near it in its sentence, else the article date."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article
from .timex import resolve
from .sentences import entities_in, sentence_of

#: Tokens between a time expression and a claim beyond which the expression is not the claim's.
MAX_DATE_GAP = 8


def _token_start(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _token_end(doc: Doc, char: int) -> int:
    span = doc.char_span(max(char - 1, 0), char, alignment_mode="expand")
    return span.end if span is not None else len(doc)


def verb_of(token):
    """The nearest verb governing ``token`` (itself when a verb), or None."""
    while True:
        if token.pos_ in {"VERB", "AUX"}:
            while token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"} \
                    and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
                token = token.head  # predicates sharing a subject share their time: "met ..., met ... last week"
            return token
        if token.head.i == token.i:
            return None
        token = token.head


def finite_clause(verb):
    """The finite clause a non-finite one belongs to: "met X *to discuss* Y on May 3" -- an
    infinitive or participle without its own subject takes the time of the verb it depends on."""
    while verb is not None and verb.dep_ in {"xcomp", "advcl", "acl"} and verb.head.i != verb.i \
            and verb.tag_ in {"VB", "VBG", "VBN", "TO"} \
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} and c.tag_ != "TO" for c in verb.children):
        head = verb.head
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        if head.pos_ not in {"VERB", "AUX"}:
            break
        verb = head
    return verb


#: Words that put a clause in the future: "will meet", "is to visit", "plans to", "is scheduled to".
_FUTURE = frozenset({"will", "shall", "'ll", "wo", "plan", "schedule", "set", "expect", "due", "intend", "prepare"})


def _future(verb) -> bool:
    """True when the clause of ``verb`` speaks of the future."""
    if verb is None:
        return False
    words = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    head = verb.head if verb.dep_ == "xcomp" else None  # "plans to meet"
    if head is not None:
        words.add(head.lemma_.lower())
        words |= {c.lemma_.lower() for c in head.children if c.dep_ in {"aux", "auxpass"}}
    return bool(words & _FUTURE) or "going" in words and verb.dep_ == "xcomp"


def date_of_span(doc: Doc, start: int, end: int, anchor: int, article: Article) -> tuple[str | None, str | None, str]:
    """``(date, date_end, evidence)`` for the span [start, end) of ``doc``.

    The nearest DATE entity of the sentence holding character ``anchor`` that
    modifies the same verb as the span ("On Wednesday, A and B held talks"), or,
    in a verbless sentence (a headline), lies within MAX_DATE_GAP tokens of it; resolved against the article date; a year
    that describes a noun ("the 2016 election campaign") does not count.  Else
    the article date; else no date, and the evidence says so.
    """
    anchor_span = doc.char_span(anchor, anchor + 1, alignment_mode="expand")
    sent = sentence_of(anchor_span)
    clause = verb_of(anchor_span.root)
    own = finite_clause(clause)
    best = None
    for ent in entities_in(sent):
        if ent.label_ != "DATE":
            continue
        if ent.root.dep_ in {"compound", "nummod", "amod", "poss"} and ent.root.head.pos_ in {"NOUN", "PROPN"}:
            continue  # "the 2016 election campaign": the year describes a noun, not the claim
        if ent.root.dep_ == "pobj" and ent.root.head.dep_ == "prep" and ent.root.head.head.pos_ == "NOUN":
            continue  # "the election in 2020": a prepositional phrase dating a noun, not the clause
        if verb_of(ent.root) != clause and finite_clause(verb_of(ent.root)) != own:
            continue  # a time of another clause: "(@user) October 26, 2016. Not long after, Secretary ..."
        gap = max(ent.start - _token_end(doc, end), _token_start(doc, start) - ent.end, 0)
        if clause is None and gap > MAX_DATE_GAP:
            continue  # no verb to tie them (a headline): only a time right next to the claim
        interval = resolve(ent.text, article.date, future=_future(clause))
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


_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"


def in_quotation(text: str, pos: int) -> bool:
    """True when character ``pos`` lies inside a direct quotation of its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    before = text[para:pos]
    opened = max(before.rfind(q) for q in _OPEN_QUOTES)
    closed = max(before.rfind(q) for q in _CLOSE_QUOTES)
    if opened > closed:
        return True
    return before.count('"') % 2 == 1


def past_tense(verb) -> bool:
    """True when the clause of ``verb`` is in a past tense ("was dealing", "had met", "said")."""
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if auxes:
        return auxes[0].tag_ in {"VBD", "VBN"}
    # a participle with its own subject and no auxiliary heads a finite clause: a simple past the
    # tagger read as VBN ("the community chided X", "Watch frequently criticized X")
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and verb.dep_ in {"ROOT", "conj", "ccomp"} and any(
        c.dep_ == "nsubj" for c in verb.children)
