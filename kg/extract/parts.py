"""Texts longer than spaCy's ``nlp.max_length``: parsed in parts, merged back into one Doc.

spaCy refuses a text over ``nlp.max_length`` characters (1,000,000 by default:
the parser and NER need about 1 GB of temporary memory per 100,000 characters),
and kg's file limit (20 MB) is above it.  :func:`pipe` is ``nlp.pipe(..., as_tuples=True)``
that also takes such texts: each is cut into parts of at most ``PART_CHARS``
(100,000; or ``max_length`` if smaller) characters (:func:`split_points`) at the last paragraph break (a blank line) of
the window, else the last sentence end (``.``, ``!`` or ``?`` before white space),
else the last white space, else at the limit; the parts are parsed with the same
pipeline and joined with ``Doc.from_docs`` without added white space, so the
merged Doc's text is the original text character for character and every offset
taken from it (mentions, claims, sentences) refers to the whole article.  A cut
never falls inside a token; it can fall inside a sentence only when a whole
window has no sentence end.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

#: Longest part a long text is cut into: spaCy's memory grows with the length of a text
#: (about 1 GB per 100,000 characters, says spaCy), not with the number of texts.
PART_CHARS = 100_000

_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split_points(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text`` in order, each at most ``limit`` characters."""
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end the part that starts at ``start``: after a break's white space, at most ``stop``."""
    floor = start + (stop - start) // 4  # parts are not made tiny to find a better break
    for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
        last = None
        for match in pattern.finditer(text, floor, stop):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return stop


def pipe(nlp: Language, pairs: Iterable[tuple[str, Any]], **kwargs) -> Iterator[tuple[Doc, Any]]:
    """``nlp.pipe(pairs, as_tuples=True, **kwargs)``, also for texts over ``nlp.max_length``."""
    limit = nlp.max_length
    part = min(limit, PART_CHARS)

    def expanded() -> Iterator[tuple[str, tuple[Any, int, int]]]:
        for text, context in pairs:
            if len(text) <= limit:
                yield text, (context, 0, 1)
                continue
            spans = split_points(text, part)
            for i, (start, end) in enumerate(spans):
                yield text[start:end], (context, i, len(spans))

    parts: list[Doc] = []
    for doc, (context, i, count) in nlp.pipe(expanded(), as_tuples=True, **kwargs):
        if count == 1:
            yield doc, context
            continue
        parts.append(doc)
        if i == count - 1:
            yield Doc.from_docs(parts, ensure_whitespace=False), context
            parts = []
