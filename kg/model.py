"""The records the stages exchange: plain frozen dataclasses.

No spaCy object and no rdflib term ever appears here; offsets are Python string
indices (Unicode code points) into ``Article.text`` exactly as given.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# the modifier vocabulary is kg.lexicon's, re-exported for the stages that read it with the records
from .lexicon import PAST_MODIFIERS, PROSPECTIVE_MODIFIERS, UNDATED_MODIFIERS  # noqa: F401


@dataclass(frozen=True)
class Article:
    """One news article as read from the input."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO 8601 calendar date (YYYY-MM-DD) or None when unknown
    date_source: str = "unknown"  # "given", "inferred: <evidence>" or "unknown"
    source: str = ""  # publisher / outlet
    url: str = ""
    path: str = ""  # the file it was read from
    excluded: tuple[tuple[int, int], ...] = ()  # boilerplate spans kept out of extraction
    warnings: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def is_excluded(self, start: int, end: int) -> bool:
        """True when the span [start, end) overlaps a boilerplate span."""
        return any(s < end and start < e for s, e in self.excluded)

    @property
    def digest(self) -> str:
        """SHA-256 of what the graph is built from (text and metadata, not the file path):
        an article whose digest is unchanged need not be built again."""
        content = [self.text, self.title, self.date, self.date_source, self.source, self.url, list(self.excluded)]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Mention:
    """A named-entity mention found in an article."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # spaCy NER label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    sent_start: int
    sent_end: int
    extractor: str  # e.g. "spacy-ner" or "kb-ruler"

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.article_id, self.start, self.end)


@dataclass(frozen=True)
class Link:
    """A mention's link to a knowledge-base item, or the decision not to link."""

    mention: Mention
    qid: str | None  # "Q7821917" or None when left unlinked
    kind: str  # Person, Organization, Country, Place, Position, Other
    score: float
    method: str  # how the link was made: "label", "alias", "coref", "office-holder", ...
    name_differs: bool = False  # surname and office match, given name does not
    label: str = ""  # the KB label of the linked item (or the mention's normalised name)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # sentences that hold a mention or claim
    roles: tuple["RoleClaim", ...] = ()
    events: tuple["EventClaim", ...] = ()
    memberships: tuple["MembershipClaim", ...] = ()
    locations: tuple["LocationClaim", ...] = ()
    genre: str = "news"  # kg.extract.genre.GENRES, read off the text's layout
    genre_evidence: str = ""


@dataclass(frozen=True)
class RoleClaim:
    """"TITLE NAME" and its variants: the article says a person holds (or held) an office."""

    article_id: str
    start: int  # the claim's span: title + name (or name + title), in the article text
    end: int
    person: Mention
    title: str  # the title as written, without country and modifiers: "Secretary of State"
    title_start: int
    title_end: int
    country: str = ""  # the country word(s) as written: "US", "Russian", "the UK's" -> "UK"
    organization: str = ""  # an organisation the title belongs to: "NATO Secretary General"
    modifiers: tuple[str, ...] = ()  # former, then, ex, late, acting, deputy, vice, incoming, would-be
    principal: str = ""  # whose title it is: "Donald Trump's national security adviser" -> "Donald Trump"
    qualifier: str = ""  # an acronym naming the title's body, which kg does not know: "NEC Director" -> "NEC"
    pattern: str = "title-name"
    claim_date: str | None = None  # ISO date the claim speaks of (start of the interval)
    claim_date_end: str | None = None  # end of the interval when the time expression is a period
    date_evidence: str = ""
    extractor: str = ""
    confidence: float = 0.0
    #: What the mention asserts (kg.extract.reading.READINGS): asserted, address, historical,
    #: hypothetical, negated, quoted; why; and who a quoted claim is attributed to.
    reading: str = "asserted"
    reading_evidence: str = ""
    speaker: str = ""

    @property
    def past(self) -> bool:
        """True when a modifier says the office was held before (former, ex-, then-, late)."""
        return any(m in PAST_MODIFIERS for m in self.modifiers)


#: PLOVER-aligned event types kg extracts.
#: The 16 PLOVER 2021 event types, then kg's own STATEMENT (no PLOVER match).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EVENT_TYPES = PLOVER_TYPES + ("STATEMENT",)
#: What the text says of an event: only "asserted" events happened.
EVENT_STATUSES = ("asserted", "negated", "hedged", "planned", "proposed", "conditional")


@dataclass(frozen=True)
class EventActor:
    """A source or target actor of an event, as written ("Israeli soldiers", "the government").

    ``mention`` is the named-entity mention holding the phrase head (linked later), ``country`` a
    country or nationality mention inside the phrase ("Israeli" in "Israeli soldiers"), ``sector``
    the kind of actor the head noun names (government, military, rebels, protesters, ...).
    """

    text: str
    mention: Mention | None = None
    country: Mention | None = None
    sector: str = ""


@dataclass(frozen=True)
class EventClaim:
    """An event the article reports: a meeting, a statement, an accusation, a demand...

    Actors are the article's mentions (linked later, like every mention) or, for
    an actor with no named-entity mention ("German officials"), its text in
    ``actor_texts``.  ``speaker`` is the source actor (who says, accuses,
    demands...), ``target`` the one acted on; ``participants`` lists every actor.
    """

    article_id: str
    type: str  # one of EVENT_TYPES
    trigger_start: int  # the word(s) that say the event happened: "talks", "accused"
    trigger_end: int
    trigger: str
    sent_start: int
    sent_end: int
    participants: tuple[Mention, ...] = ()
    speaker: Mention | None = None
    target: Mention | None = None
    place: Mention | None = None
    actor_texts: tuple[str, ...] = ()  # unnamed actors as written: "German officials"
    content_start: int | None = None  # STATEMENT: the reported or quoted content
    content_end: int | None = None
    attributed_to: Mention | None = None  # who reports it: "..., Lavrov said"
    negated: bool = False  # status == "negated"
    hedged: bool = False  # status == "hedged"
    event_date: str | None = None
    event_date_end: str | None = None
    date_evidence: str = ""
    extractor: str = ""
    confidence: float = 0.0
    status: str = "asserted"  # one of EVENT_STATUSES
    mode: str = ""  # PLOVER mode ("visit", "release", "arrest", ...)
    context: str = ""  # PLOVER context ("military", "economic", ...)
    action: str = ""  # the type of the act itself when recoded ("will visit": AGREE, action CONSULT)
    sources: tuple[EventActor, ...] = ()
    targets: tuple[EventActor, ...] = ()
    part_of: int | None = None  # trigger_start of the event this one is part of ("demanded [that X withdraw]")
    deadline: str | None = None  # a stated deadline ("by the end of 1997"), as an ISO date
    deadline_text: str = ""


@dataclass(frozen=True)
class MembershipClaim:
    """The article says a country is, is not, or is becoming a member of an organisation."""

    article_id: str
    start: int
    end: int
    member: Mention
    organization: Mention
    status: str  # member | not-member | joining
    claim_date: str | None = None
    claim_date_end: str | None = None
    date_evidence: str = ""
    extractor: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class LocationClaim:
    """The article says where an organisation has its seat ("NATO headquarters in Brussels")."""

    article_id: str
    start: int
    end: int
    organization: Mention
    place: Mention
    claim_date: str | None = None
    claim_date_end: str | None = None
    date_evidence: str = ""
    extractor: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class RoleLink:
    """A role claim resolved against the knowledge base."""

    claim: RoleClaim
    person: Link  # the link of the claim's person mention
    title_key: str  # the normalised title: "minister foreign"
    positions: tuple[str, ...] = ()  # KB positions the title (and country) can denote
    broader: tuple[str, ...] = ()  # positions whose titles hold the title's words and more
    position: str | None = None  # the one the claim most likely means, when it can be told
    country: str | None = None  # QID of the title's country, when written
    method: str = ""
    # positions/broader narrowed for this claim (its qualifier, the person's own office among the
    # longer titles): not the title's own, so written under a title node of their own (kg.graph.claims)
    narrowed: bool = False


@dataclass(frozen=True)
class Linked:
    """The linking stage's output for one article."""

    links: tuple[Link, ...] = ()
    roles: tuple[RoleLink, ...] = ()


#: What an evidence record is (``Evidence.role``) -> how its words (``Evidence.value``) are written
#: from its fields (``str.format`` with subject, object, date, article, chars, surface).
EVIDENCE_ROLES = {
    "statement": "{subject}: {object}",  # the person held the office (P39)
    "holder-on-date": "{subject}: {object} (holder on {date})",  # someone (subject) held it on the claim's date
    "membership": "{subject}: member of {object}",  # the member's P463 statement
    "headquarters": "{subject}: headquarters {object} (P159)",  # the organisation's seat
    "other-claim": "article {article} {chars}: {surface!r} ({subject})",  # another article's claim
    "life-event": "{subject}: {object} {date}",  # died (P570) / born (P569) on a date
    "other": "{subject}: {object}",  # a statement a query returns, in words
}


@dataclass(frozen=True)
class Evidence:
    """A Wikidata statement (or another article's claim) a verdict rests on, with its dates.

    ``value`` is what it says in words, for readers; the structured fields say the same for code
    (explanations are written from them, never by parsing ``value``).  :meth:`of` writes ``value``
    from the fields (:data:`EVIDENCE_ROLES`).

    >>> e = Evidence.of("holder-on-date", "wds:Q1-x", "Joe Biden", "President", date="2022-01-21")
    >>> e.value, e.subject_label, e.role
    ('Joe Biden: President (holder on 2022-01-21)', 'Joe Biden', 'holder-on-date')
    >>> Evidence.of("other-claim", "kg:claim/b", "Bo Roe", article="b", chars=(3, 9), surface="Mr Roe").value
    "article b 3-9: 'Mr Roe' (Bo Roe)"
    """

    statement: str  # the statement IRI (or the item IRI for direct claims such as P570)
    value: str  # what it says, in words: "Antony Blinken: United States Secretary of State"
    start: str | None = None
    end: str | None = None
    source: str = ""  # where it comes from: "Wikidata dump 2026-11-25", "curated supplement: ..." (kg.kb.sources)
    role: str = ""  # an EVIDENCE_ROLES key ("" for a record given only in words)
    #: who or what the statement is about: the person (the holder, for holder-on-date), the member,
    #: the organisation (headquarters), the other claim's person (other-claim)
    subject_label: str = ""
    #: what it says of them: the office, the organisation joined, the seat, the life event ("died (P570)")
    object_label: str = ""
    date: str = ""  # holder-on-date: the day asked about; life-event: the event's date
    article: str = ""  # other-claim: the other article's id
    chars: tuple[int, int] | None = None  # other-claim: its character offsets in that article
    surface: str = ""  # other-claim: its words

    @classmethod
    def of(cls, role: str, statement: str, subject_label: str, object_label: str = "", *,
           start: str | None = None, end: str | None = None, date: str = "", article: str = "",
           chars: tuple[int, int] | None = None, surface: str = "", source: str = "") -> "Evidence":
        """A record of ``role`` whose words are written from its fields."""
        value = EVIDENCE_ROLES[role].format(subject=subject_label, object=object_label, date=date, article=article,
                                            chars=f"{chars[0]}-{chars[1]}" if chars else "", surface=surface)
        return cls(statement, value, start, end, source, role, subject_label, object_label, date, article, chars,
                   surface)


@dataclass(frozen=True)
class Conflict:
    """A claim that contradicts the linked Wikidata facts."""

    kind: str  # wrong-name, out-of-term, never-held, lifespan, membership, location, cross-article
    claim: str  # claim IRI
    article: str
    start: int
    end: int
    surface: str
    sentence: str
    subject: str
    subject_label: str
    position: str
    position_label: str
    claim_date: str
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.0
    snapshot_date: str = ""
    url: str = ""
    reading: str = ""  # the claim's reading (asserted, quoted, historical)
    speaker: str = ""  # who a quoted claim is attributed to

    def to_dict(self) -> dict:
        """The conflict as the record ``kg check --format jsonl`` writes (the format
        ``../shared/eval/score_conflicts.py`` scores)."""
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "type": self.kind,
            "subject": self.subject,
            "subject_label": self.subject_label,
            "position": self.position,
            "position_label": self.position_label,
            "claim_date": self.claim_date,
            "surface": self.surface,
            "sentence": self.sentence,
            "explanation": self.explanation,
            "confidence": self.confidence,
            "snapshot_date": self.snapshot_date,
            "reading": self.reading or "asserted",
            **({"speaker": self.speaker} if self.speaker else {}),
            "evidence": [{"statement": e.statement, "value": e.value, "start": e.start, "end": e.end,
                          "source": e.source} for e in self.evidence],
        }
