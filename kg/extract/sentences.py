"""The sentence a token or span is in, and the entities in a sentence, found by bisection.

spaCy's ``Span.sent`` / ``Token.sent`` walk the document's sentences on every
call; extraction asks thousands of times per article, so the sentence starts
are listed once per Doc (kept in ``doc.user_data``) and searched instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "kg.sentences"
_ENTS = "kg.entities"
_TEXT = "kg.text"


def _sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        sents = list(doc.sents)
        cached = ([s.start for s in sents], sents)
        doc.user_data[_KEY] = cached
    return cached


def sentence_of(item: Span | Token) -> Span:
    """The sentence holding ``item`` (a span's first token decides, as spaCy's ``Span.sent`` does)."""
    doc = item.doc
    index = item.i if isinstance(item, Token) else item.start
    starts, sents = _sentences(doc)
    return sents[max(bisect_right(starts, index) - 1, 0)]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def entities_in(sent: Span) -> list[Span]:
    """The named entities inside ``sent`` (``Span.ents`` rebuilds every entity of the Doc per call)."""
    doc = sent.doc
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        ents = list(doc.ents)
        cached = ([e.start for e in ents], ents)
        doc.user_data[_ENTS] = cached
    starts, ents = cached
    first = bisect_left(starts, sent.start)
    return [e for e in ents[first:bisect_left(starts, sent.end)] if e.end <= sent.end]
