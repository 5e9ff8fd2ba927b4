"""Extraction: articles -> spaCy -> Mention (and claim) records.

spaCy objects never leave this package: callers get :class:`kg.model.Extraction`.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language

from ..model import Article, Extraction
from .mentions import mentions_from_doc
from .pipeline import RULER_NAME, load_nlp, model_id

__all__ = ["extract", "load_nlp", "masked_text"]


def masked_text(article: Article) -> str:
    """The article text with its boilerplate blanked out (same length, same offsets)."""
    if not article.excluded:
        return article.text
    chars = list(article.text)
    for start, end in article.excluded:
        for i in range(start, min(end, len(chars))):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[Extraction]:
    """Run the pipeline over the articles, streaming, in input order."""
    extractor = model_id(nlp)
    pairs = ((masked_text(a), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        mentions = mentions_from_doc(doc, article, extractor, RULER_NAME)
        sentences = tuple(sorted({(m.sent_start, m.sent_end) for m in mentions}))
        yield Extraction(article=article, mentions=tuple(mentions), sentences=sentences)
