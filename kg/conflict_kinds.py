"""The conflict kinds, defined once: what each is, how it is found, explained, rated and shown.

Each kind is a :class:`ConflictKind`: its name (the ``type`` of a JSONL record, the
``dip:conflictKind`` of a conflict node), the named query that finds its claims
(``queries/conflicts/<name>.rq``), its precedence (a claim several queries return is reported as
the kind of lowest precedence), the confidence kg gives it, the evidence it shows (an
:data:`EVIDENCE_SHAPES` key; the records are :class:`kg.model.Evidence` with a ``role``), the
function that writes its explanation from the claim's facts (:class:`Claimed`) and the evidence
records' fields, its schema.org ClaimReview rating (a number on 1..5 and the verdict in words,
``alternateName``), and the Wikidata property its evidence is about (the section of the item's
page a ClaimReview links to).

:mod:`kg.check` runs the kinds in :func:`kinds` order, :mod:`kg.claimreview` rates them and
:mod:`kg.report` names them from this registry alone: a kind added to :data:`REGISTRY` is
checked, explained, rated and reported with no other change (``tests/test_conflict_kinds.py``).
The findings in the text itself (:mod:`kg.findings`, listed apart from the conflicts) are in
:data:`FINDINGS`, described the same way.

>>> [k.name for k in kinds()]
['wrong-name', 'out-of-term', 'never-held', 'lifespan', 'membership', 'location', 'cross-article']
>>> kind("out-of-term").query, kind("out-of-term").verdict
('conflicts/out-of-term', 'False: not in office on that date')
>>> kind("no-such-kind").rating, kind("no-such-kind").confidence, kind("no-such-kind").wikidata_property
(1, 0.7, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .model import Evidence

#: The evidence a kind shows, by shape: the roles (``Evidence.role``) of its records.
EVIDENCE_SHAPES = {
    "terms-and-holders": "the person's statements of the office (statement) and whoever held it on the "
                         "claim's date (holder-on-date)",
    "offices-held": "the offices the person did hold (statement)",
    "memberships": "the member's membership statements, with their dates (membership)",
    "headquarters": "the organisation's headquarters (P159) statements (headquarters)",
    "other-claims": "the other articles' claims naming someone else (other-claim)",
    "life-events": "the person's date of death or birth (life-event)",
    "statements": "the statements the query returns, in words (other)",
}


@dataclass(frozen=True)
class Claimed:
    """What an explanation says of the claim in conflict (kg.check reads it with
    ``queries/check/claim.rq`` and the knowledge base's labels)."""

    subject: str  # the person's (or member's) IRI
    subject_label: str
    surface: str = ""  # the claim's words in the article
    claim_date: str = ""
    position: str = ""  # the office (or organisation) IRI, "" when the claim names none
    position_label: str = ""
    title: str | None = None  # the title as written, None when the claim has none
    country_label: str = ""  # the country the title names, if any
    status: str = "member"  # membership claims: member | not-member | joining

    @property
    def what(self) -> str:
        """The office (or organisation) the claim is about: its label, else the title as written."""
        return self.position_label if self.position else (self.title or "")


Explain = Callable[[Claimed, Sequence[Evidence], str], str]


def _as_of(snapshot: str) -> str:
    return f" (Wikidata as of {snapshot})" if snapshot else ""


def _terms(evidence: Sequence[Evidence], role: str = "statement") -> str:
    return "; ".join(f"{e.start or '?'} – {e.end or 'open'}" for e in evidence if e.role == role)


def explain_wrong_name(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    return (f"On {c.claim_date} the {c.what} was {c.subject_label}{_as_of(snapshot)}; the article calls them "
            f"{c.surface!r}, a given name none of their labels or aliases has.")


def explain_out_of_term(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    """The person's terms (their statements' dates) and who held the office on the claim's date.

    >>> c = Claimed("wd:Q1", "Ann Lee", claim_date="2020-05-01", position="wd:Q2", position_label="Mayor: X")
    >>> explain_out_of_term(c, [Evidence.of("statement", "s1", "Ann Lee", "Mayor: X", start="2001", end="2005"),
    ...                         Evidence.of("holder-on-date", "s2", "Bo Roe: Jr", "Mayor: X", date="2020-05-01")], "")
    'Ann Lee held Mayor: X (2001 – 2005), but not on 2020-05-01. On 2020-05-01 it was held by Bo Roe: Jr.'
    """
    holders = ", ".join(e.subject_label for e in evidence if e.role == "holder-on-date")
    then = f" On {c.claim_date} it was held by {holders}." if holders else ""
    return f"{c.subject_label} held {c.what} ({_terms(evidence)}), but not on {c.claim_date}{_as_of(snapshot)}.{then}"


def explain_never_held(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    held = "; ".join(sorted({e.object_label for e in evidence}))
    where = f" in {c.country_label}" if c.country_label else ""
    return f"{c.subject_label} never held an office titled {c.title!r}{where}{_as_of(snapshot)}; offices held: {held}."


_SAID = {"member": "is a member of", "not-member": "is not a member of", "joining": "is joining (not yet a member of)"}


def explain_membership(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    member_terms = _terms(evidence, "membership")
    truth = f"a member ({member_terms})" if member_terms else "not listed as a member"
    return (f"The article says {c.subject_label} {_SAID.get(c.status, c.status)} {c.what} on {c.claim_date}; "
            f"according to Wikidata{' as of ' + snapshot if snapshot else ''} {c.subject_label} is {truth}.")


def explain_location(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    seats = ", ".join(e.object_label for e in evidence if e.role == "headquarters")
    return (f"The article places the seat of {c.what} as {c.surface!r}; according to Wikidata"
            f"{' as of ' + snapshot if snapshot else ''} its headquarters are in {seats}.")


def explain_cross_article(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    others = "; ".join(e.value for e in evidence)  # each other claim, in its own words
    who = repr(c.surface) if c.subject_label.startswith(("http://", "https://", "urn:")) else c.subject_label
    what = c.title if c.title is not None else c.what
    return (f"On {c.claim_date} this article names {who} as {what}, an office Wikidata does not list "
            f"them as ever holding{_as_of(snapshot)}; another article names someone else for it on that day: {others}.")


def explain_lifespan(c: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
    return f"{c.subject_label} was not alive on {c.claim_date}{_as_of(snapshot)}: {evidence[0].value if evidence else ''}."


@dataclass(frozen=True)
class ConflictKind:
    """One kind of conflict between a claim and Wikidata (or, in :data:`FINDINGS`, within the text)."""

    name: str
    precedence: int  # lower first: a claim several kinds' queries return is reported as the first
    description: str
    confidence: float = 0.7
    rating: int = 1  # schema.org reviewRating.ratingValue on 1 (false) .. 5 (true)
    verdict: str = "False"  # reviewRating.alternateName: the verdict in words
    wikidata_property: str | None = None  # what the evidence is about: "P39" (position held), ...
    evidence: str = "statements"  # an EVIDENCE_SHAPES key
    explain: Explain | None = None  # None: "<kind>: <surface> contradicts Wikidata"
    #: a claim dated after every Wikidata source covering its person is unverifiable, not this conflict
    dated: bool = False
    #: about a role claim (an office held), not a membership or a seat
    role_claim: bool = True
    query_name: str = ""  # default conflicts/<name>

    @property
    def query(self) -> str:
        """The named query that finds this kind's claims (``queries/<query>.rq``)."""
        return self.query_name or f"conflicts/{self.name}"

    def explanation(self, claimed: Claimed, evidence: Sequence[Evidence], snapshot: str) -> str:
        """The sentence a reader gets: what the article says and what Wikidata (as of ``snapshot``) says."""
        if self.explain is None:
            return f"{self.name}: {claimed.surface!r} contradicts Wikidata{_as_of(snapshot)}."
        return self.explain(claimed, evidence, snapshot)


#: name -> kind, for every conflict kind kg checks (run in precedence order: :func:`kinds`).
REGISTRY: dict[str, ConflictKind] = {k.name: k for k in (
    ConflictKind("wrong-name", 10, "the office holder on the date is called by a given name none of their "
                 "labels or aliases has", confidence=0.8, rating=2, verdict="Wrong name", wikidata_property="P39",
                 evidence="terms-and-holders", explain=explain_wrong_name, dated=True),
    ConflictKind("out-of-term", 20, "the person held the office, but not on the date the claim speaks of",
                 confidence=0.9, verdict="False: not in office on that date", wikidata_property="P39",
                 evidence="terms-and-holders", explain=explain_out_of_term, dated=True),
    ConflictKind("never-held", 30, "the person never held an office of that title (in that country)",
                 confidence=0.75, verdict="False: never held that office", wikidata_property="P39",
                 evidence="offices-held", explain=explain_never_held, dated=True),
    ConflictKind("lifespan", 40, "the person was not alive at the time the claim's clause gives", confidence=0.9,
                 verdict="False: not alive on that date", wikidata_property="P570", evidence="life-events",
                 explain=explain_lifespan),
    ConflictKind("membership", 50, "a country said to be (or not to be, or to be joining) a member of an "
                 "organisation, against P463 with its dates", confidence=0.75, verdict="False: membership",
                 wikidata_property="P463", evidence="memberships", explain=explain_membership, dated=True,
                 role_claim=False),
    ConflictKind("location", 60, "an organisation's seat given as a place that is not its P159 headquarters",
                 confidence=0.7, verdict="False: location", wikidata_property="P159", evidence="headquarters",
                 explain=explain_location, role_claim=False),
    ConflictKind("cross-article", 70, "two articles give the same title to different people on the same day; "
                 "this one's person is not listed as ever holding it", confidence=0.6, rating=2,
                 verdict="Contradicted by another article", evidence="other-claims", explain=explain_cross_article),
)}

#: Findings in the text itself (kg.findings): not conflicts with Wikidata, listed apart.
FINDINGS: dict[str, ConflictKind] = {k.name: k for k in (
    ConflictKind("anachronism", 10, "the event's stated deadline lies before the event's own date", rating=2,
                 verdict="Anachronism: deadline before the event", evidence="", role_claim=False,
                 query_name="findings/anachronism"),
)}


def kinds() -> tuple[ConflictKind, ...]:
    """The conflict kinds in precedence order."""
    return tuple(sorted(REGISTRY.values(), key=lambda k: (k.precedence, k.name)))


def names() -> tuple[str, ...]:
    """The conflict kinds' names in precedence order."""
    return tuple(k.name for k in kinds())


def kind(name: str) -> ConflictKind:
    """The kind called ``name``; for a name not in the registry (a record written by another
    version), a kind with the defaults: confidence 0.7, rated 1 "False", no property."""
    found = REGISTRY.get(name) or FINDINGS.get(name)
    return found if found is not None else ConflictKind(name, 1 << 30, "", dated=False)


def non_role_kinds() -> tuple[str, ...]:
    """The kinds about something other than an office held (memberships, seats), in precedence order."""
    return tuple(k.name for k in kinds() if not k.role_claim)
