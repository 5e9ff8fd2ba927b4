"""Event status and PLOVER coding: did the event happen, and which event does a coder sign.

Part of :mod:`kg.extract.events`.  The status comes from the parse of the trigger's clause:

- ``negated``: a ``neg`` child or a "no" determiner on the trigger (or its light verb), or a
  governor that says the event did not or will not happen (refuse, decline, reject, deny,
  dismiss, oppose, fail, cancel, call off, rule out...): "rejected a call to deploy troops"; or the
  "from" complement of a verb of prevention that is not itself negated ("would prevent the army
  from attacking"; "could not stop them from attacking" is asserted).
- ``planned``: a future auxiliary ("will visit"), "would" inside a reported clause ("said they
  would meet": future in the past), "going to", a planned/upcoming modifier, a future time
  adverbial on a trigger not in the past tense ("the visit to Ottawa tomorrow", "meet next
  week"), a nominal event another is placed before ("days before the president's trip", "ahead
  of the summit", "on the eve of the visit"), or a governor of intent or commitment (plan,
  intend, agree, promise, pledge, vow, offer, willing, prepared...).
- ``proposed``: a governor that puts the event forward (propose, suggest, urge, demand, call for...).
- ``conditional``: an if/unless clause on the trigger, or the trigger inside such a clause.
- ``hedged``: a modal of possibility (may, might, could, should, would), a hedging adverb
  ("reportedly"), a governor of expectation or attempt (expect, want, try, hope...), an
  alleged/possible modifier.
- ``asserted`` otherwise.  Only asserted events happened.

Governors count only through complement links (xcomp, ccomp of a non-reporting verb, objects,
"of/on/to/for" complements), so an adjunct ("amid warnings") inherits nothing.  A trigger that
is the complement of another trigger is **part of** it: the withdrawal a demand asks for, the
meeting a refusal turns down, the aid a pledge promises; a participle or purpose clause on a
trigger ("opened fire, killing two"; "went on strike to protest") is part of it too.  PLOVER codes
the governing event; the part keeps its own type and status.

PLOVER coding (CAMEO 03 "Express intent to ..." and 13 "Threaten ..."): a planned cooperative act
(meet, visit, aid, cooperate, yield, release, withdraw...) is coded AGREE, a planned hostile act
(sanction, coerce, assault, protest, mobilise) THREATEN, and a refused one ("will not accept",
"would not attend") REJECT; ``action`` keeps the type of the act itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_lexicon import (
    BEFORE_OF_HEADS,
    BEFORE_PREPS,
    CONDITION_MARKS,
    COMPLEMENT_PREPS,
    FUTURE_AUX,
    FUTURE_TIME_MODIFIERS,
    FUTURE_TIME_WORDS,
    HEDGE_ADVERBS,
    HEDGE_AMODS,
    HEDGE_GOVERNORS,
    HEDGE_MODALS,
    INTENT_GOVERNORS,
    NEG_GOVERNORS,
    NEG_PARTICLES,
    PLANNED_AMODS,
    PREVENTION_GOVERNORS,
    PROPOSAL_GOVERNORS,
    REPORTING_VERBS,
    TIME_UNITS,
)
from .event_syntax import open_clause, own_subject
from .event_trigger_record import Trigger

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"}
HOSTILE = {"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"}
#: Status an event takes from the type of the event it is the complement of.
STATUS_UNDER = {"REQUEST": "proposed", "REJECT": "negated", "AGREE": "planned", "THREATEN": "planned"}


def governs(tok: Token) -> bool:
    """True when tok is a complement of its head: "want [to meet]", "demanded [that X withdraw]"."""
    dep = tok.dep_
    if dep in {"xcomp", "dobj", "pcomp", "appos", "nsubjpass", "oprd"}:
        return True
    if dep == "compound":  # "suspended aid deliveries": the aid is what the deliveries are
        return tok.head.pos_ in {"NOUN", "PROPN"}
    if dep == "ccomp":
        return True  # "demanded that X withdraw"; a reporting verb is no governor ("said that ...")
    if dep == "prep" and tok.lower_ == "from" and tok.head.lemma_.lower() in PREVENTION_GOVERNORS:
        return True  # "prevented the army [from attacking]": the act prevented
    if dep == "pobj" or dep == "prep":
        return (tok.head if dep == "pobj" else tok).lower_ in COMPLEMENT_PREPS
    return dep in {"advcl", "acl", "relcl"} and open_clause(tok) and dep != "relcl"


def chain_up(tok: Token, limit: int = 8) -> list[Token]:
    """The trigger and the words it is a complement of, within its clause (conjuncts pass through)."""
    chain = [tok]
    while (governs(tok) or tok.dep_ == "conj") and tok.head != tok and len(chain) < limit:
        tok = tok.head
        chain.append(tok)
    return chain


def _negating(gov: Token) -> bool:
    lemma = gov.lemma_.lower()
    if lemma == "hold":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in gov.children)
    if lemma in NEG_PARTICLES:
        return any(c.dep_ == "prt" and c.lower_ == NEG_PARTICLES[lemma] for c in gov.children)
    return lemma in NEG_GOVERNORS


def _reported(tok: Token) -> bool:
    """Inside the clausal complement of a reporting verb ("said they would ...")."""
    for _ in range(6):
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in REPORTING_VERBS:
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


def _own_flags(tok: Token, flags: set[str], reported: bool, threat: bool) -> None:
    """Markers on one word of the chain: negation, auxiliaries, adverbs, conditions."""
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids) or any(c.dep_ == "det" and c.lower_ == "no" for c in kids):
        flags.add("negated")
    for c in kids:
        word = c.lower_
        if c.dep_ == "aux" and word in FUTURE_AUX:
            flags.add("planned")
        elif c.dep_ == "aux" and word == "would" and reported:
            flags.add("planned")
        elif c.dep_ == "aux" and word in HEDGE_MODALS and not threat:
            flags.add("hedged")
        elif c.dep_ == "advmod" and word in HEDGE_ADVERBS:
            flags.add("hedged")
        elif c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in c.children):
            flags.add("conditional")
        elif c.dep_ == "amod" and word in HEDGE_AMODS:
            flags.add("hedged")
        elif c.dep_ == "amod" and word in PLANNED_AMODS:
            flags.add("planned")
    if tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in kids):
        flags.add("planned")
    if tok.tag_ not in {"VBD", "VBN"} and any(_future_time(c) for c in kids):
        flags.add("future-time")  # "the visit to Ottawa tomorrow", "meet next week"


def _future_time(tok: Token) -> bool:
    """A time adverbial after the time of speaking: "tomorrow", "next week", "the coming month"."""
    if tok.dep_ not in {"npadvmod", "advmod", "tmod"}:
        return False
    if tok.lower_ in FUTURE_TIME_WORDS:
        return True
    return tok.lower_ in TIME_UNITS and any(c.dep_ == "amod" and c.lower_ in FUTURE_TIME_MODIFIERS
                                            for c in tok.children)


def _placed_before(tok: Token) -> bool:
    """A nominal event another is placed before: "days before the president's trip", "ahead of the
    summit", "on the eve of the visit" -- it had not happened at the time of that other event."""
    if tok.dep_ != "pobj" or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    prep = tok.head
    return prep.lower_ in BEFORE_PREPS or prep.lower_ == "of" and prep.head.lower_ in BEFORE_OF_HEADS


def _governor_flags(gov: Token, flags: set[str]) -> None:
    lemma = gov.lemma_.lower()
    if _negating(gov):
        flags.add("negated")
    elif lemma in INTENT_GOVERNORS:
        flags.add("planned")
    elif lemma in PROPOSAL_GOVERNORS:
        flags.add("proposed")
    elif lemma in HEDGE_GOVERNORS:
        flags.add("hedged")


def _future_temporal(verb: Token) -> bool:
    """Present tense in a temporal clause of a past main clause speaks of the future:
    "... backed sanctions just before Trump visits Beijing"."""
    if verb.tag_ not in {"VBZ", "VBP"} or verb.dep_ != "advcl":
        return False
    marked = any(c.dep_ == "mark" and c.lower_ in {"before", "until", "once", "when"} for c in verb.children)
    return marked and verb.head.tag_ == "VBD"


def in_condition(tok: Token) -> bool:
    """The trigger's clause is the antecedent of a condition: "if war starts", "unless Russia withdraws"."""
    for _ in range(6):
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children):
            return True
        if tok.head == tok or tok.dep_ in {"ccomp", "ROOT"}:
            return False
        tok = tok.head
    return False


def status_of(trig: Trigger, governor: Trigger | None) -> tuple[str, set[str]]:
    """The event's status and the full set of flags found (see the module docstring)."""
    flags: set[str] = set()
    key = trig.key
    reported = _reported(key)
    threat = trig.type == "THREATEN"
    heads = [key] + ([trig.light] if trig.light is not None else [])
    for h in heads:
        _own_flags(h, flags, reported, threat)
    if trig.light is not None and trig.light.lemma_.lower() not in {"end", "halt", "stop", "suspend"}:
        _governor_flags(trig.light, flags)  # "proposed talks", "cancelled the meeting" (not "ended the talks")
    chain = chain_up(trig.light if trig.light is not None else key)
    for i, gov in enumerate(chain[1:], start=1):
        via = chain[i - 1].dep_
        if governor is not None and gov.i in {governor.key.i, getattr(governor.light, "i", -1)}:
            if governor.type in STATUS_UNDER:  # an accused or discussed act keeps its own status
                flags.add(STATUS_UNDER[governor.type])
            break
        if via == "conj":
            if own_subject(chain[i - 1]) is not None:
                break  # "X wants to talk, but Y has refused": a clause of its own
            _own_flags(gov, flags, reported, threat)  # "will meet X and visit Y": the shared auxiliary
            continue
        shares_subject = via == "xcomp" or via in {"advcl", "acl"} and open_clause(chain[i - 1])
        if via == "prep" and chain[i - 1].lower_ == "from" and gov.lemma_.lower() in PREVENTION_GOVERNORS:
            if not any(c.dep_ == "neg" for c in gov.children):  # "could not stop them from attacking": it happened
                flags.add("negated")  # "prevented the army from attacking": it did not happen
            break
        _governor_flags(gov, flags)
        if shares_subject:  # "will try to meet": the governor's auxiliaries are the actor's too
            _own_flags(gov, flags, reported, threat)
    if in_condition(key):
        flags.add("conditional")
    if _future_temporal(key) or _placed_before(key) or "future-time" in flags and "hedged" not in flags:
        flags.add("planned")  # a future time, unless a modal hedges it ("may meet next week")
    for status in ("negated", "conditional", "planned", "proposed", "hedged"):
        if status in flags:
            return status, flags
    return "asserted", flags


def plover_type(kind: str, flags: set[str]) -> str:
    """The PLOVER type a coder gives an event of type kind with these status flags."""
    intent = "planned" in flags
    if "negated" in flags and intent and kind in COOPERATIVE:
        return "REJECT"  # "will not accept", "would not attend"
    if "negated" in flags or "hedged" in flags and "planned" not in flags or "proposed" in flags:
        return kind
    if intent and kind in COOPERATIVE and kind != "AGREE":
        return "AGREE"  # CAMEO 03: express intent to meet, aid, cooperate, yield, release...
    if intent and kind in HOSTILE:
        return "THREATEN"  # CAMEO 13: threaten to sanction, boycott, blockade, attack...
    return kind
