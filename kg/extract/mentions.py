"""Named-entity mentions from a spaCy ``Doc``."""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span

from ..model import Article, Mention
from .compounds import KindOf, split_compound, strip_prefix
from .sentences import sentence_of
from .titles import country_word

#: NER labels kg keeps: people, organisations, countries/cities/states, places, nationalities, facilities.
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
_STRIP_LEFT = {"the", "The", "a", "an"}


def _trim(span: Span) -> Span | None:
    """Drop leading determiners and trailing possessives/punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _STRIP_LEFT or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or not doc[end - 1].text.strip() or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _pieces(text: str, label: str, kind_of: KindOf | None) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, label, changed) pieces of an entity's text: prefix stripped, compounds split."""
    if label == "PERSON":
        yield _person_piece(text)
        return
    if kind_of is None:
        yield 0, len(text), label, False
        return
    skip = strip_prefix(text)
    parts = split_compound(text[skip:], kind_of)
    if parts:
        for s, e, part_label in parts:
            yield skip + s, skip + e, part_label, True
    elif skip:
        yield skip, len(text), kind_of(text[skip:]) or label, True
    else:
        yield 0, len(text), label, False


def _person_piece(text: str) -> tuple[int, int, str, bool]:
    """A PERSON span without what the model glued to it: a country name or adjective in front
    ("Belarus Alexander Lukashenko"; only when two words or more remain) and anything after a
    line break (a speaker label: "Pence-\n\nMIKE PENCE") or a spaced dash ("James Doe - the
    director")."""
    dash = re.search(r"\s[-–—]\s", text)
    if dash and dash.start() > 0:  # "James Doe - the agency's director": the name ends at the dash
        text_end = dash.start()
    else:
        text_end = len(text)
    if "\n" in text[:text_end]:
        text_end = text.index("\n")
    end = text_end
    while end < len(text) and end > 0 and not text[end - 1].isalnum():
        end -= 1  # "Pence-" before the cut
    if end == 0:
        return 0, len(text), "PERSON", False
    words = [(w.start(), w.end()) for w in re.finditer(r"\S+", text[:end])]
    while len(words) > 2:
        two = text[words[0][0]:words[1][1]] if len(words) > 3 else ""
        if two and country_word(two):  # "United States Richard Roe"
            words = words[2:]
        elif country_word(text[words[0][0]:words[0][1]]):
            words = words[1:]
        else:
            break
    start = words[0][0] if words else 0
    return start, end, "PERSON", (start, end) != (0, len(text))


def mentions_from_doc(doc: Doc, article: Article, extractor: str, kind_of: KindOf | None = None) -> list[Mention]:
    """The article's entity mentions, outside its boilerplate, in text order.

    With ``kind_of`` (names kg knows -> NER label), compound entities are split
    into their parts and prefixes stripped (see :mod:`kg.extract.compounds`);
    tokens the model left untagged that are such compounds become mentions too.
    """
    spans: list[tuple[Span, str, str]] = []  # (span, label, provenance)
    for ent in doc.ents:
        if ent.label_ in KEPT_LABELS:
            span = _trim(ent)
            if span is not None:
                spans.append((span, ent.label_, "kb-names" if ent.kb_id_ else extractor))
    if kind_of is not None:
        for token in doc:
            if not token.ent_type_ and token.text[:1].isupper() and split_compound(token.text, kind_of):
                spans.append((doc[token.i:token.i + 1], "GPE", extractor))
    out: list[Mention] = []
    for span, label, source in sorted(spans, key=lambda x: x[0].start_char):
        sent = sentence_of(span)
        for s, e, piece_label, changed in _pieces(span.text, label, kind_of):
            start, end = span.start_char + s, span.start_char + e
            if article.is_excluded(start, end):
                continue
            out.append(
                Mention(
                    article_id=article.id,
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    label=piece_label,
                    sent_start=sent.start_char,
                    sent_end=sent.end_char,
                    extractor=f"{source}+compound" if changed else source,
                )
            )
    return out


def by_sentence(mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped by sentence, in text order."""
    groups: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        groups.setdefault((m.sent_start, m.sent_end), []).append(m)
    return list(groups.values())
