"""Event triggers: the words that say an event happened, and the subject of a verb.

Part of :mod:`kg.extract.events` (see its docstring for the approach): each token
is looked up by lemma in :mod:`kg.extract.event_lexicon`, then filtered by its
syntax; :func:`find_triggers` returns the triggers of a doc in text order.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .event_lexicon import (
    ACTOR_NOUNS,
    DEMAND_MARKERS,
    NEEDS_ACTOR_OBJECT,
    OBLIGATION_MODALS,
    STRIKE_MODS,
    EVENT_COMPOUND_HEADS,
    LIGHT_VERBS,
    MODIFIED_NOUN_PREPS,
    MODIFIED_NOUN_TRIGGERS,
    NAME_LABELS,
    NEEDS_CONTENT,
    NOT_EVENT_MODIFIERS,
    NOUN_TRIGGERS,
    OBJECT_TRIGGERS,
    PHRASAL_TRIGGERS,
    RECIPROCAL,
    SPAN_LIGHT_VERBS,
    SUBJECT_DEPS,
    THREAT_ACTS,
    THREAT_MODALS,
    UNDOING,
    VERB_TRIGGERS,
    WEAPONS,
    Sense,
)
from .sentences import sentence_of

# --------------------------------------------------------------------------- triggers

@dataclass
class Trigger:
    sense: Sense  # PLOVER type, mode, context
    key: Token  # the token the event hangs on (verb or noun)
    start: int  # token span of the trigger text
    end: int
    light: Token | None = None  # the light verb governing a noun trigger

    @property
    def type(self) -> str:
        return self.sense.type


_KNOWN_VERBS = set(VERB_TRIGGERS) | set(OBJECT_TRIGGERS) | {v for v, _ in PHRASAL_TRIGGERS} | LIGHT_VERBS


def verb_lemma(tok: Token) -> str:
    """The lemma, or for a lemma the tagger got wrong ("staged" -> "stag") the known verb its
    inflected form comes from (stripping -s, -es, -d, -ed, -ing; doubled consonants)."""
    lemma = tok.lemma_.lower()
    if lemma in _KNOWN_VERBS or tok.tag_ not in {"VBD", "VBN", "VBZ", "VBG"}:
        return lemma
    word = tok.lower_
    for suffix in ("d", "ed", "s", "es", "ing"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if cand in _KNOWN_VERBS:
                    return cand
    return lemma


def _mods(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}}


def _preps(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


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
    if lemma == "call" and _preps(tok) & {"for", "on"}:
        return Sense("REQUEST")  # "calls for a ceasefire", "a call on Russia to ..."
    if lemma in MODIFIED_NOUN_TRIGGERS:  # "hunger strike", "bomb attack": the modified sense first
        sense, wanted = MODIFIED_NOUN_TRIGGERS[lemma]
        if mods & wanted or _preps(tok) & MODIFIED_NOUN_PREPS.get(lemma, set()):
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
    if lemma in WEAPONS and _preps(tok) & {"for", "to"}:
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
    if light is not None or _preps(noun) & {"by", "from", "against", "on", "with", "between"}:
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


def _noun_trigger(tok: Token) -> Trigger | None:
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
    return light is not None or bool(_preps(noun) & {"from", "by"})


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


def _verb_trigger(tok: Token) -> Trigger | None:
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
    if "to" in _preps(verb):
        return True
    subj = subject_of(verb)
    return subj is not None and (subj.ent_type_ in {"GPE"} or subj.lemma_.lower() in
                                 {"government", "ministry", "embassy", "minister", "administration"})


def _asks_to_act(verb: Token) -> bool:
    """"asked his counterpart to mediate", "asked for weapons": a request, not a question."""
    kids = list(verb.children)
    to_act = any(c.dep_ in {"xcomp", "ccomp"} and any(g.lower_ == "to" for g in c.children) for c in kids)
    return to_act and any(c.dep_ == "dobj" for c in kids) or "for" in _preps(verb)


def _reciprocal(verb: Token) -> bool:
    """Someone discusses with someone: a "with/between" partner, or a conjoined or plural subject."""
    if _preps(verb) & {"with", "between", "among"}:
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
    return named or bool(_preps(verb) & {"about", "over"})


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


def obligation_clause(verb: Token) -> Token | None:
    """The clausal complement of verb that states an obligation of its subject ("that X must ...")."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        kids = list(clause.children)
        if any(c.dep_ == "neg" for c in kids):
            continue  # "must not" is a warning, read as a statement
        modal = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in kids)
        needs = clause.lemma_.lower() in {"need", "have"} and any(c.dep_ == "xcomp" for c in kids)
        subj = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
        if (modal or needs) and subj is not None and subj.pos_ != "PRON":
            return clause
    return None


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


def _according_to(tok: Token) -> Trigger | None:
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return Trigger(Sense("STATEMENT"), tok, tok.i, tok.i + 2)
    return None


def find_triggers(doc: Doc) -> list[Trigger]:
    found = []
    for tok in doc:
        trig = _according_to(tok) or _verb_trigger(tok) or _noun_trigger(tok)
        if trig is not None and not _repeats(trig, found):
            found.append(trig)
    return found


def _repeats(trig: Trigger, found: list[Trigger]) -> bool:
    """A second trigger for the same event: overlapping spans, or "X met A, met on B" (conj, no subject)."""
    for other in found:
        if other.type == trig.type and other.start < trig.end and trig.start < other.end:
            return True
        if other.type == trig.type and _object_of(trig.key, other.key) or _object_of(other.key, trig.key) \
                and other.type == trig.type:
            return True  # "no agreement was reached", "reached an agreement": one event
        if (other.type == trig.type and trig.key.dep_ == "conj" and trig.key.head == other.key
                and trig.key.lemma_ == other.key.lemma_ and not own_subject(trig.key)):
            return True
    return False


def _object_of(noun: Token, verb: Token) -> bool:
    return noun.head == verb and noun.dep_ in {"dobj", "nsubjpass"}


def own_subject(tok: Token, raising: bool = False) -> Token | None:
    """The subject of tok; for a passive one the agent, unless tok raises it ("he is expected to")."""
    for child in tok.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ not in {"there", "which", "that", "who"}:
            if child.dep_ == "nsubjpass" and not raising:
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return child
        if child.dep_ in SUBJECT_DEPS and child.lower_ in {"which", "who", "that"} and tok.dep_ == "relcl":
            return tok.head
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject, through conj/xcomp/advcl chains and object control ("prompted X to warn")."""
    subj = own_subject(verb, raising=depth > 0)
    if subj is not None or depth > 4 or verb.dep_ == "ROOT":
        return subj
    head = verb.head
    if verb.dep_ == "xcomp":
        obj = next((c for c in head.children if c.dep_ in {"dobj"}), None)
        return obj if obj is not None else subject_of(head, depth + 1)
    if verb.dep_ == "conj" or verb.dep_ == "advcl" and open_clause(verb):
        return subject_of(head, depth + 1) if head.pos_ in {"VERB", "AUX"} else None
    if verb.dep_ == "pcomp" and head.head.pos_ == "VERB":
        return subject_of(head.head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is None and head.dep_ == "dobj" and verb.tag_ == "VBG":  # "issued a statement demanding ..."
            return subject_of(head.head, depth + 1)
        return poss
    if verb.dep_ in {"acomp", "attr"} and head.pos_ in {"VERB", "AUX"}:  # "is prepared to", "is willing to"
        return subject_of(head, depth + 1)
    return None


def open_clause(verb: Token) -> bool:
    """A to-infinitive or a bare participle: a clause that shares its governor's subject."""
    kids = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return True
    return verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in kids)
