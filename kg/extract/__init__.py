"""Extraction: articles -> spaCy -> Mention, RoleClaim (and event) records.

spaCy objects never leave this package: callers get :class:`kg.model.Extraction`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Extraction, Mention, RoleClaim
from .mentions import mentions_from_doc
from . import parts
from .pipeline import RULER_NAME, load_nlp, model_id
from .roles import role_claims
from .events import event_claims
from .memberships import membership_claims
from .seats import location_claims
from .dating import date_of_span, in_quotation, past_tense, verb_of
from .genre import layout as text_layout
from .reading import read_claim

__all__ = ["extract", "extract_doc", "load_nlp", "masked_text"]


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


def _date_claim(doc: Doc, claim: RoleClaim, article: Article, layout=None) -> RoleClaim:
    """Give the claim the date its sentence speaks of, else the article date.

    No date at all -- the claim is then unverifiable in time, never out of term --
    when the title is someone's ("Donald Trump's national security adviser": it
    speaks of that person's time in office), or when a quotation speaks in the past
    tense ("“what President Trump was dealing with”": the speaker's time, unknown).
    """
    date, date_end, evidence = date_of_span(doc, claim.start, claim.end, claim.person.start, article)
    stamp = layout.stamp_at(claim.start) if layout is not None else None
    if stamp and evidence.startswith("article date"):
        evidence = f"article date ({article.date_source}), live-blog entry stamped {stamp}"
    if evidence.startswith("article date"):
        if claim.principal:
            return replace(claim, claim_date=None, claim_date_end=None,
                           date_evidence=f"no date: the title is {claim.principal}'s, so the claim speaks of their time")
        person = doc.char_span(claim.person.start, claim.person.end, alignment_mode="expand")
        if in_quotation(article.text, claim.start) and past_tense(verb_of(person.root)):
            return replace(claim, claim_date=None, claim_date_end=None,
                           date_evidence="no date: a quotation in the past tense, speaking of a time it does not say")
    return replace(claim, claim_date=date, claim_date_end=date_end, date_evidence=evidence)


def _outside_titles(mentions: list[Mention], roles: list[RoleClaim]) -> list[Mention]:
    """Drop mentions that are part of a title ('State' in 'Secretary of State')."""
    spans = [(r.title_start, r.title_end) for r in roles]
    return [m for m in mentions if m.label == "PERSON" or not any(s <= m.start and m.end <= e for s, e in spans)]


def _kind_of(nlp: Language):
    return nlp.get_pipe(RULER_NAME).kind_of if RULER_NAME in nlp.pipe_names else None


def extract_doc(doc: Doc, article: Article, extractor: str, kind_of=None) -> Extraction:
    """One parsed article -> its Extraction (``kind_of``: see :func:`mentions_from_doc`)."""
    mentions = mentions_from_doc(doc, article, extractor, kind_of)
    layout = text_layout(article.text)
    roles = [read_claim(doc, _date_claim(doc, r, article, layout), article, layout)
             for r in role_claims(doc, mentions, extractor)]
    mentions = _outside_titles(mentions, roles)
    events = event_claims(doc, mentions, article, extractor)
    memberships = membership_claims(doc, mentions, article, extractor)
    locations = location_claims(doc, mentions, article, extractor)
    sentences = {(m.sent_start, m.sent_end) for m in mentions} | {(e.sent_start, e.sent_end) for e in events}
    return Extraction(article=article, mentions=tuple(mentions), sentences=tuple(sorted(sentences)),
                      roles=tuple(roles), events=tuple(events), memberships=tuple(memberships),
                      locations=tuple(locations), genre=layout.genre, genre_evidence=layout.evidence)


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    n_process: int = 1,
    batch_size: int = 32,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Extraction]:
    """Run the pipeline over the articles, streaming, in input order.

    With ``on_error``, an article whose extraction raises is handed to it
    with the exception and the others go on; without, the exception stops it.
    """
    extractor = model_id(nlp)
    kind_of = _kind_of(nlp)
    pairs = ((masked_text(a), a) for a in articles)
    # texts over nlp.max_length are parsed in parts and merged (kg.extract.parts)
    for doc, article in parts.pipe(nlp, pairs, n_process=n_process, batch_size=batch_size):
        if on_error is None:
            yield extract_doc(doc, article, extractor, kind_of)
            continue
        try:
            extraction = extract_doc(doc, article, extractor, kind_of)
        except Exception as exc:  # noqa: BLE001 - the caller decides what a failed article means
            on_error(article, exc)
            continue
        yield extraction
