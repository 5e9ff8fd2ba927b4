"""Named-entity mentions from a spaCy ``Doc``."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..model import Article, Mention

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


def mentions_from_doc(doc: Doc, article: Article, extractor: str, ruler_name: str) -> list[Mention]:
    """The article's entity mentions, outside its boilerplate, in text order."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        span = _trim(ent)
        if span is None:
            continue
        start, end = span.start_char, span.end_char
        if article.is_excluded(start, end):
            continue
        sent = span.sent
        source = "kb-names" if ent.kb_id_ else extractor
        out.append(
            Mention(
                article_id=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                label=ent.label_,
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                extractor=source,
            )
        )
    return out
