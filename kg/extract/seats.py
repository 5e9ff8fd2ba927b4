"""Location claims: where an organisation has its seat.

"NATO headquarters in Brussels", "the Vienna-based OSCE", "the OSCE, based in Vienna",
"NATO's headquarters in Brussels", "the OSCE, headquartered in Vienna".  A claim pairs an
organisation mention (ORG) with a place mention (GPE/LOC) of the same sentence when the words
between them say "seat".  Language data only; the knowledge base says where the seat is (P159).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Article, LocationClaim, Mention
from .dating import date_of_span
from .mentions import by_sentence

_PLACE_LABELS = {"GPE", "LOC"}
#: Organisation first: "NATO headquarters in Brussels", "the OSCE, based in Vienna".
ORG_FIRST = re.compile(r"^(?:['’]s)?\s*,?\s*(?:which\s+is\s+|is\s+)?(?:headquarters|head\s+office|headquartered|based|"
                       r"seated|secretariat)\s+(?:is\s+|are\s+)?(?:in|at)\s+(?:the\s+city\s+of\s+)?$", re.I)
#: Place first: "the Vienna-based OSCE", "the Brussels-headquartered alliance" (only when an ORG follows).
PLACE_FIRST = re.compile(r"^\s*[-–]\s*(?:based|headquartered)\s+(?:the\s+)?$", re.I)


def location_claims(doc: Doc, mentions: list[Mention], article: Article, extractor: str) -> list[LocationClaim]:
    """The organisation-seat claims of one article, in text order."""
    out = []
    text = article.text
    for group in by_sentence(mentions):
        for o in (m for m in group if m.label == "ORG"):
            for p in (m for m in group if m.label in _PLACE_LABELS):
                if o.end <= p.start and ORG_FIRST.match(text[o.end:p.start]):
                    start, end = o.start, p.end
                elif p.end <= o.start and PLACE_FIRST.match(text[p.end:o.start]):
                    start, end = p.start, o.end
                else:
                    continue
                if article.is_excluded(start, end):
                    continue
                date, date_end, evidence = date_of_span(doc, start, end, start, article)
                out.append(LocationClaim(article_id=article.id, start=start, end=end, organization=o, place=p,
                                         claim_date=date, claim_date_end=date_end, date_evidence=evidence,
                                         extractor=f"{extractor}+seats", confidence=0.75))
    return sorted(out, key=lambda c: c.start)
