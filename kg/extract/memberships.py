"""Membership claims: "Ukraine joining NATO", "NATO member Turkey", "Sweden is not a member of NATO".

A claim pairs a country mention (GPE/NORP) with an organisation mention (ORG) of
the same sentence when the words between them say membership.  Three statuses:

- ``member``: "NATO member Turkey", "Poland, a member of the EU", "Finland joined NATO";
- ``not-member``: "Sweden is not a member of NATO", "non-member Ukraine";
- ``joining``: "Ukraine joining NATO", "Georgia's bid to join NATO", "accession to the EU":
  an aspiration, which says the country is not (yet) a member.

Class-level phrases ("non-NATO countries") name no country and make no claim.
Language data only; which organisations have members is the knowledge base's business.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import PROSPECTIVE_MODIFIERS, Article, MembershipClaim, Mention
from .dating import date_of_span
from .mentions import by_sentence

_COUNTRY_LABELS = {"GPE", "NORP"}
_DET = r"(?:the\s+)?"
_KIND = r"(?:\s+(?:state|states|country|countries|nation|nations|ally|allies))?"

#: (regex over the text between the member and the organisation, status): member first.
MEMBER_FIRST = [
    (re.compile(r"^\s*(?:,|\s)\s*(?:which\s+|who\s+)?(?:is|was|are|were|has\s+been|had\s+been|became|,)?\s*"
                r"(?:a|an|the|one)?\s*(?:fellow\s+|founding\s+|full\s+|longtime\s+|long-time\s+)?member"
                + _KIND + r"\s+of\s+" + _DET + r"$", re.I), "member"),
    (re.compile(r"^\s+(?:is|was|are|were|has\s+never\s+been|has\s+not\s+been|is\s+still\s+not|remains\s+outside)\s+"
                r"(?:not\s+)?(?:a|an)?\s*(?:member" + _KIND + r"\s+of\s+)?" + _DET + r"$", re.I), "not-member?"),
    (re.compile(r"^\s+(?:joined|has\s+joined|had\s+joined|acceded\s+to|entered)\s+" + _DET + r"$", re.I), "member"),
    (re.compile(r"^(?:['’]s)?\s+(?:joining|join|to\s+join|bid\s+to\s+join|application\s+to\s+join|"
                r"membership\s+bid\s+(?:for|to)|accession\s+to|aspirations?\s+to\s+join|entry\s+into|"
                r"becoming\s+(?:a\s+)?member\s+of)\s+" + _DET + r"$", re.I), "joining"),
]
#: Organisation first: "NATO member Turkey", "NATO members such as Poland", "non-member Ukraine".
ORG_FIRST = [
    (re.compile(r"^(?:['’]s)?\s+(?:fellow\s+)?members?" + _KIND + r"\s*,?\s*(?:such\s+as\s+|including\s+|like\s+)?$",
                re.I), "member"),
    (re.compile(r"^\s+non-?members?" + _KIND + r"\s*,?\s*(?:such\s+as\s+|including\s+|like\s+)?$", re.I), "not-member"),
]
_NEGATION = re.compile(r"\b(?:not|never|outside)\b", re.I)


def membership_claims(doc: Doc, mentions: list[Mention], article: Article, extractor: str) -> list[MembershipClaim]:
    """The membership claims of one article, in text order."""
    out = []
    text = article.text
    for group in by_sentence(mentions):
        members = [m for m in group if m.label in _COUNTRY_LABELS]
        orgs = [m for m in group if m.label == "ORG"]
        for c in members:
            for o in orgs:
                status = None
                if c.end <= o.start:
                    between = text[c.end:o.start]
                    for regex, st in MEMBER_FIRST:
                        if regex.match(between):
                            status = st
                            break
                    if status == "not-member?":
                        status = "not-member" if _NEGATION.search(between) else None
                    start, end = c.start, o.end
                elif o.end <= c.start:
                    between = text[o.end:c.start]
                    if text[max(o.start - 4, 0):o.start].lower().endswith(("non-", "non")):
                        continue  # "non-NATO countries such as ...": a class
                    for regex, st in ORG_FIRST:
                        if regex.match(between):
                            status = st
                            break
                    before = text[max(o.start - 40, 0):o.start].lower().split()[-2:]
                    words = set(before) | {part for w in before for part in w.split("-")}
                    if status == "member" and words & PROSPECTIVE_MODIFIERS:
                        status = "joining"  # "possible future NATO member Ukraine": not (yet) a member
                    start, end = o.start, c.end
                if status is None or article.is_excluded(start, end):
                    continue
                date, date_end, evidence = date_of_span(doc, start, end, start, article)
                out.append(MembershipClaim(
                    article_id=article.id, start=start, end=end, member=c, organization=o, status=status,
                    claim_date=date, claim_date_end=date_end, date_evidence=evidence,
                    extractor=f"{extractor}+memberships", confidence=0.8 if status == "member" else 0.7))
    return sorted(out, key=lambda m: m.start)
