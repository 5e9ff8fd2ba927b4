"""Noun event triggers: "talks", "a hunger strike", "the military buildup" -- when a noun names an event.

Part of :mod:`kg.extract.event_triggers`: a noun is looked up in :mod:`kg.extract.event_lexicon`,
then kept only when its syntax shows an event (a light verb, an actor, not a predicate or a name).
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_lexicon import (
    EVENT_COMPOUND_HEADS,
    LIGHT_VERBS,
    MODIFIED_NOUN_PREPS,
    MODIFIED_NOUN_TRIGGERS,
    NAME_LABELS,
    NOT_EVENT_MODIFIERS,
    NOUN_TRIGGERS,
    SPAN_LIGHT_VERBS,
    STRIKE_MODS,
    Sense,
    UNDOING,
    WEAPONS,
)
from .event_syntax import prepositions, verb_lemma
from .event_trigger_record import Trigger


def _mods(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}


def _light_verb(noun: Token) -> Token | None:
    """The verb whose object (or for/in/to complement) the noun is: "held talks", "round of talks"."""
    tok = noun
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "a new round of talks"
    if tok.dep_ == "appos":
        tok = tok.head  # "tried a gamble: a plea"
    if tok.dep_ in {"dobj", "nsubjpass", "attr", "dative"} and tok.head.pos_ in {"VERB", "AUX"}:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in {"for", "in", "into", "to", "on"} \
            and tok.head.head.pos_ == "VERB":
        verb = tok.head.head
    else:
        return None
    lemma = verb_lemma(verb)
    if lemma == "prevent":
        return None  # "prevented the demonstration": the prevention is the event
    if lemma == "have" and NOUN_TRIGGERS.get(noun.lower_, NOUN_TRIGGERS.get(noun.lemma_.lower(), Sense(""))).type != "CONSULT":
        return None  # "had talks" is a meeting, "had donations" is no aid
    return verb if lemma in LIGHT_VERBS else None


def _noun_type(tok: Token) -> Sense | None:
    lemma, word = tok.lemma_.lower(), tok.lower_
    mods = _mods(tok)
    if mods & NOT_EVENT_MODIFIERS.get(lemma, set()):
        return None
    if lemma == "call" and prepositions(tok) & {"for", "on"}:
        return Sense("REQUEST")  # "calls for a ceasefire", "a call on Russia to ..."
    if lemma in MODIFIED_NOUN_TRIGGERS:  # "hunger strike", "bomb attack": the modified sense first
        sense, wanted = MODIFIED_NOUN_TRIGGERS[lemma]
        if mods & wanted or prepositions(tok) & MODIFIED_NOUN_PREPS.get(lemma, set()):
            return sense
        light = _light_verb(tok)
        if lemma == "measure" and light is not None and light.lemma_.lower() in SPAN_LIGHT_VERBS:
            return sense
    if lemma == "strike" and (mods & STRIKE_MODS or tok.head.lemma_.lower() in {"go", "stage", "call", "begin",
                                                                                  "hold", "launch", "start"}):
        if not any(t.lemma_.lower() in {"air", "missile", "drone", "military", "preemptive", "pre-emptive"}
                   for t in tok.children):
            return Sense("PROTEST", "hunger" if "hunger" in mods else "boycott")
    if word in NOUN_TRIGGERS and (word != "talks" or tok.tag_ in {"NNS", "NNPS"}):
        return NOUN_TRIGGERS[word]
    if lemma in NOUN_TRIGGERS and lemma not in {"talk", "talks"}:
        return NOUN_TRIGGERS[lemma]
    if lemma in WEAPONS and prepositions(tok) & {"for", "to"}:
        return Sense("AID", "", "military")  # "a new tranche of weapons for Ukraine"
    return None


#: Nouns kept from the first inventory (meetings, statements, accusations, demands, threats, sanctions,
#: build-ups, aid): they count wherever they are used as events.  Every other noun trigger must show an
#: actor or an action: a governing light verb, a possessor or by/from agent, a nationality or name
#: modifier, or a clause it is the subject of ("a roadside bombing killed ...").
OPEN_NOUNS = set("""talks meeting summit negotiation negotiations visit trip dialogue dialog consultation
consultations warning accusation allegation condemnation demand plea appeal threat ultimatum sanction
sanctions embargo expulsion buildup build-up mobilization mobilisation deployment aid assistance call calls""".split())


def _shows_actor(noun: Token, light: Token | None) -> bool:
    if light is not None or prepositions(noun) & {"by", "from", "against", "on", "with", "between"}:
        return True
    kids = list(noun.children)
    if any(c.dep_ == "poss" or (c.dep_ in {"amod", "compound", "nmod"} and (c.ent_type_ or c.pos_ == "PROPN"))
           for c in kids):
        return True
    return noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.pos_ == "VERB"


def _is_predicate_only(noun: Token) -> bool:
    """"The talks are a pretext", "as a meeting", "a substitute for negotiations": no event."""
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and any(c.dep_ == "attr" for c in noun.head.children):
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in {"as", "like"}:
        return True
    if noun.dep_ == "compound" and noun.head.lemma_.lower() not in EVENT_COMPOUND_HEADS:
        return True  # "a sanctions list", "the talks table"
    bare = not any(c.dep_ not in {"punct"} for c in noun.children)
    return bare and noun.dep_ == "pobj" and noun.head.head.pos_ == "NOUN" and noun.head.lower_ != "of"


def noun_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in NAME_LABELS:
        return None  # "the Court of Appeal" is a name, not a plea
    sense = _build_up(tok) or _noun_type(tok)
    if sense is None or _is_predicate_only(tok):
        return None
    light = _light_verb(tok)
    modified = sense == MODIFIED_NOUN_TRIGGERS.get(tok.lemma_.lower(), (None,))[0]  # "diplomatic efforts"
    if tok.lower_ not in OPEN_NOUNS and tok.lemma_.lower() not in OPEN_NOUNS and not modified \
            and not _shows_actor(tok, light):
        return None  # "under the agreement", "the fighting": no one acts in this sentence
    if sense.type == "SANCTION" and {tok.head.lemma_.lower(), tok.head.head.lemma_.lower()} & UNDOING:
        return None  # "lift sanctions", "the easing of sanctions"
    start, end = tok.i, tok.i + 1
    if tok.lower_ == "build":
        end = tok.i + 3
    if sense.type == "MOBILIZE":  # "military buildup", "troop movements"
        while start > 0 and tok.doc[start - 1].lemma_.lower() in {"military", "troop", "army"}:
            start -= 1
    if sense.type == "PROTEST" and light is not None and light.lemma_.lower() in {"lodge", "file", "register", "issue",
                                                                                "deliver", "send", "voice"}:
        sense = Sense("ACCUSE", "allege", "diplomatic")  # "lodged a protest with X": an official complaint
    if sense.type == "THREATEN" and not _has_source(tok, light):
        return None  # "the threat of war", "the use of threats": no one threatens
    if light is not None and light.lemma_.lower() in SPAN_LIGHT_VERBS and tok.head == light \
            and tok.dep_ == "dobj" and 0 < tok.i - light.i <= 4:
        start = light.i
    return Trigger(sense, tok, start, end, light)


def _build_up(tok: Token) -> Sense | None:
    doc = tok.doc
    if tok.lower_ == "build" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" \
            and doc[tok.i + 2].lower_ == "up":
        return Sense("MOBILIZE", "troops", "military")
    return None


def _has_source(noun: Token, light: Token | None) -> bool:
    """A threat someone makes: a possessor (on it or its conjunct head), a light verb or from/by."""
    heads = [noun] + ([noun.head] if noun.dep_ == "conj" else [])
    if any(c.dep_ == "poss" for h in heads for c in h.children):
        return True
    return light is not None or bool(prepositions(noun) & {"from", "by"})
