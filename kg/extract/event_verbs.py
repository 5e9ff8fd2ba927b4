"""Verb event triggers: "met", "imposed sanctions", "called off", "said that X must" -- when a verb names an event.

Part of :mod:`kg.extract.event_triggers`: a verb (with its object or particle) is looked up in
:mod:`kg.extract.event_lexicon`, then kept only when its arguments fit the sense.
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_lexicon import (
    ACTOR_NOUNS,
    DEMAND_MARKERS,
    MODIFIED_NOUN_TRIGGERS,
    NEEDS_ACTOR_OBJECT,
    NEEDS_CONTENT,
    NOUN_TRIGGERS,
    OBJECT_TRIGGERS,
    PHRASAL_TRIGGERS,
    RECIPROCAL,
    Sense,
    THREAT_ACTS,
    THREAT_MODALS,
    VERB_TRIGGERS,
)
from .event_syntax import obligation_clause, prepositions, subject_of, verb_lemma
from .event_trigger_record import Trigger
from .sentences import sentence_of


#: Partitive and measure heads whose "of" phrase is the real object: "part of the aid", "700 kg of medicine".
PARTITIVES = {"part", "some", "most", "all", "much", "half", "portion", "share", "bulk", "kg", "ton", "tonne",
              "tons", "tonnes", "worth", "shipment", "consignment", "load", "batch"}


def _objects(verb: Token) -> list[Token]:
    """Direct objects, and the passive subject (the object of the active verb); a partitive object
    stands for its "of" phrase ("suspended part of the aid program")."""
    out = []
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            inner = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                     if g.dep_ == "pobj"] if c.lemma_.lower() in PARTITIVES else []
            out += inner or [c]
    return out


def verb_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "amod":
        return None
    lemma, doc = verb_lemma(tok), tok.doc
    children = list(tok.children)
    for objects, sense in OBJECT_TRIGGERS.get(lemma, ()):
        obj = next((c for c in _objects(tok) if c.lemma_.lower() in objects or c.lower_ in objects), None)
        if obj is not None:
            end = obj.i + 1 if 0 < obj.i - tok.i <= 4 else tok.i + 1  # "impose a curfew", not a whole clause
            return Trigger(sense, tok, tok.i, end)
    for child in children:
        sense = PHRASAL_TRIGGERS.get((lemma, child.lower_))
        adjacent = child.i > tok.i and all(t.pos_ == "ADV" for t in doc[tok.i + 1:child.i])
        if sense and (child.dep_ == "prt" or child.dep_ == "prep" and adjacent):  # not "called X, for his part"
            if lemma == "call" and child.lower_ != "off" and any(c.dep_ == "prt" for c in children):
                return None  # "call out for": no demand
            end = child.i + 1 if child.dep_ == "prt" and child.i == tok.i + 1 else tok.i + 1
            return Trigger(sense, tok, tok.i, end)
    if lemma == "make" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "clear":
        return Trigger(Sense(_demand_or_statement(tok)), tok, tok.i, tok.i + 2)
    if lemma in SPECIAL_VERBS:
        sense, test = SPECIAL_VERBS[lemma]
        if test(tok):
            return Trigger(sense, tok, tok.i, tok.i + 1)
    sense = VERB_TRIGGERS.get(lemma)
    if sense is None or _reduced_relative(tok):
        return None
    kind = sense.type
    if kind == "STATEMENT":
        return _statement_trigger(tok, lemma)
    if kind != "CONSULT" and not _agentive_subject(tok):
        return None  # "a strategy that calls for", "the advance threatens"
    if lemma == "confront" and not _confronts_someone(tok):
        return None  # "confront militants": a fight, not an accusation
    if kind == "CONSULT" and lemma in {"meet", "host", "visit"} and _object_is_thing(tok):
        return None  # "meet the demands", "hosted the talks" (the noun is the trigger)
    if lemma in RECIPROCAL and not _reciprocal(tok):
        return None  # "the draft is being discussed", "discussing the talks, X said"
    if lemma == "defend" and any(o.lower_ in {"itself", "themselves", "himself", "herself"} for o in _objects(tok)):
        return None  # "mobilized to defend itself": self-defence, not verbal support
    if lemma in NEEDS_ACTOR_OBJECT and not all(_actor_like(o) for o in _objects(tok)):
        return None  # "backed the idea", "released a report", "beat the odds"
    if lemma == "attack" and any(_abstract(o) for o in _objects(tok)):
        return Trigger(Sense("ACCUSE", "disapprove"), tok, tok.i, tok.i + 1)  # "attacked the plan"
    if lemma in {"demonstrate", "march", "rally"} and any(c.dep_ == "dobj" for c in children):
        return None  # "demonstrated its resolve", "rallied support" (not a protest)
    if lemma == "protest" and _official_complaint(tok):
        return Trigger(Sense("ACCUSE", "allege", "diplomatic"), tok, tok.i, tok.i + 1)
    return Trigger(sense, tok, tok.i, tok.i + 1)


#: Objects that a verb of support or release can take besides actors: positions and proposals.
POSITION_NOUNS = {"resolution", "plan", "proposal", "bid", "candidacy", "policy", "statement", "decision",
                  "move", "effort", "initiative", "stance", "position", "call", "idea", "deal", "agreement",
                  "treaty", "accord", "peace", "process", "election", "reform"}


def _actor_like(tok: Token) -> bool:
    if tok.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"} or tok.pos_ in {"PROPN", "PRON"}:
        return True
    lemma = tok.lemma_.lower()
    return lemma in ACTOR_NOUNS or lemma in POSITION_NOUNS and tok.head.lemma_.lower() not in {"release", "free",
                                                                                              "beat", "strike"}


def _abstract(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in POSITION_NOUNS or lemma in {"policy", "comment", "remark", "report", "claim", "law", "bill"}


def _official_complaint(verb: Token) -> bool:
    """"Serbia protested to Albania": a state complains officially (ACCUSE), not a street protest."""
    if "to" in prepositions(verb):
        return True
    subj = subject_of(verb)
    return subj is not None and (subj.ent_type_ in {"GPE"} or subj.lemma_.lower() in
                                 {"government", "ministry", "embassy", "minister", "administration"})


def _asks_to_act(verb: Token) -> bool:
    """"asked his counterpart to mediate", "asked for weapons": a request, not a question."""
    kids = list(verb.children)
    to_act = any(c.dep_ in {"xcomp", "ccomp"} and any(g.lower_ == "to" for g in c.children) for c in kids)
    return to_act and any(c.dep_ == "dobj" for c in kids) or "for" in prepositions(verb)


def _reciprocal(verb: Token) -> bool:
    """Someone discusses with someone: a "with/between" partner, or a conjoined or plural subject."""
    if prepositions(verb) & {"with", "between", "among"}:
        return True
    subj = subject_of(verb)
    if subj is None or subj.dep_ == "nsubjpass":
        return False
    return bool(subj.conjuncts) or subj.tag_ in {"NNS", "NNPS"} or subj.lower_ in {"they", "we"}


def _reduced_relative(verb: Token) -> bool:
    """"militants accused of ...": a participle describing a noun, no agent, no reported event."""
    agent = any(c.dep_ == "agent" for c in verb.children)
    return verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and not agent


def _agentive_subject(verb: Token) -> bool:
    """No subject, a pronoun, a name or a noun that can act (not "a strategy", "the advance")."""
    subj = subject_of(verb)
    if subj is None or subj.pos_ in {"PRON", "PROPN"} or subj.ent_type_ or subj.dep_ == "nsubjpass":
        return True
    if any(c.ent_type_ in {"NORP", "GPE", "ORG"} for c in subj.children):
        return True  # "Israeli tanks", "US Predator attacks"
    lemma = subj.lemma_.lower()
    return lemma in ACTOR_NOUNS or lemma in NOUN_TRIGGERS or lemma in MODIFIED_NOUN_TRIGGERS


def _confronts_someone(verb: Token) -> bool:
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    named = obj is not None and obj.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"}
    return named or bool(prepositions(verb) & {"about", "over"})


def _object_is_thing(verb: Token) -> bool:
    """"meet the demands", "until their demands are met": a thing met is no meeting."""
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child.ent_type_ == "" and child.pos_ == "NOUN" and child.lemma_.lower() not in ACTOR_NOUNS
    return False


def _statement_trigger(verb: Token, lemma: str) -> Trigger | None:
    if subject_of(verb) is None:
        return None  # "suffice to say", "so to speak"
    has_content = any(c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i for c in verb.children) \
        or _in_quote_sentence(verb)
    if lemma in NEEDS_CONTENT and not has_content:
        return None
    if lemma == "warn" and _names_threatened_act(verb):
        return Trigger(Sense("THREATEN"), verb, verb.i, verb.i + 1)
    if _obliges(verb):
        return Trigger(Sense("REQUEST"), verb, verb.i, verb.i + 1)  # "said that Sudan must return ..."
    return Trigger(Sense("STATEMENT"), verb, verb.i, verb.i + 1)


def _obliges(verb: Token) -> bool:
    return obligation_clause(verb) is not None


def _in_quote_sentence(tok: Token) -> bool:
    return any(t.text in {'"', "“", "”"} for t in sentence_of(tok))


def _names_threatened_act(verb: Token) -> bool:
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        modal = any(c.dep_ == "aux" and c.lower_ in THREAT_MODALS for c in clause.children)
        negated = any(c.dep_ == "neg" for c in clause.children)
        if modal and not negated and clause.lemma_.lower() in THREAT_ACTS:
            return True
    return False


def _demand_or_statement(verb: Token) -> str:
    """"made clear it will not agree unless...", "insisted that Russia must": a demand."""
    clause = [t for c in verb.children if c.dep_ == "ccomp" for t in c.subtree]
    markers = DEMAND_MARKERS if verb.lemma_.lower() == "make" else {"must", "should", "need"}
    return "REQUEST" if any(t.lower_ in markers for t in clause) else "STATEMENT"


def _phone_call(verb: Token) -> bool:
    """"Biden called Putin": a named person or country as object, no "called it a ..."."""
    deps = {c.dep_ for c in verb.children}
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.ent_type_ in {"PERSON", "GPE"} and not deps & {"oprd", "xcomp", "ccomp"}


def _threatening_modal(verb: Token) -> bool:
    """"Russia would retaliate": a retaliation announced, not done."""
    return any(c.dep_ == "aux" and c.lower_ in THREAT_MODALS for c in verb.children)


def _orders_to_act(verb: Token) -> bool:
    """"ordered X to appear": a demand of X (not "ordered troops to the border", a mobilisation)."""
    return any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children)


#: Verbs that are triggers only when a test on their arguments holds.
SPECIAL_VERBS = {
    "insist": (Sense("REQUEST"), lambda v: _demand_or_statement(v) == "REQUEST"),
    "call": (Sense("CONSULT", "phone"), _phone_call),
    "ask": (Sense("REQUEST"), _asks_to_act),
    "order": (Sense("REQUEST"), _orders_to_act),
    "retaliate": (Sense("THREATEN"), _threatening_modal),
}
