"""Event claims aligned with PLOVER categories, read off a spaCy ``Doc``.

The approach is language data plus the dependency parse; no name of a person,
place or article appears here.

1. Triggers.  Each token is looked up by lemma in the lexicons below: verbs
   ("met", "accuses"), nouns ("talks", "sanctions"), nouns that count only with
   a modifier ("military movements", "phone call"), verbs that count only with
   a particle, preposition or object ("reached out", "call on", "supply
   weapons", "made clear", "according to").  Filters keep out what is no
   reported event: a noun used as a mere predicate ("the talks are a pretext"),
   a comparison ("as a meeting"), a bare generic noun ("a substitute for
   negotiations"), a modifier of another noun ("a sanctions list"), a word
   inside a name ("the Court of Appeal"), sanctions being lifted, a participle
   describing a noun ("militants accused of..."), a directed verb whose subject
   cannot act ("a strategy that calls for..."), "say" with no speaker, and
   "discuss/negotiate" with no partner.
2. Arguments.  The speaker is the subject of a verb trigger (found through
   conj/xcomp chains, raising and object control: "prompted X to warn"), or the
   possessor of a noun trigger, or the subject of the light verb that governs it
   ("held talks", "impose sanctions").  Targets are objects and the objects of
   "against/on/to/at"; participants are every actor, including the members of
   "with X", "between X and Y" and compounds such as "US-Russia talks".  An
   actor is the entity mention holding the head of its noun phrase, else (for a
   common noun such as "German officials") the phrase's text in ``actor_texts``;
   pronouns are left out.  The place is a GPE/LOC/FAC mention under "in"/"at"
   (and "to" for visits) on the trigger, its object or its governing verb.
3. Flags.  ``negated``: a neg child on the trigger or its light verb, a "no"
   determiner, or a governing refuse/decline/cancel/hold off.  ``hedged``: a
   modal (may/might/could/should/would), a governing expect/want/try/hope/
   seek/offer..., a hedging adverb, or possible/potential on a noun trigger.
   Governors count only through complement links (xcomp, objects, "of/on/to"),
   so an adjunct ("amid warnings", "after talks") inherits nothing.
   ``attributed_to``: the speaker of a reporting verb whose clausal complement
   holds the trigger, or of "according to".  STATEMENT content is that
   complement (or the clause an "according to" phrase qualifies).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Article, EventClaim, Mention
from .dating import date_of_span

from .event_lexicon import (  # noqa: F401  (language data)
    ACTOR_LABELS,
    ACTOR_NOUNS,
    COMPLEMENT_PREPS,
    DEMAND_MARKERS,
    DIRECTED,
    EVENT_COMPOUND_HEADS,
    FORCES,
    HEDGE_ADVERBS,
    HEDGE_AMODS,
    HEDGE_GOVERNORS,
    HEDGE_MODALS,
    LIGHT_VERBS,
    MODIFIED_NOUN_PREPS,
    MODIFIED_NOUN_TRIGGERS,
    NAME_LABELS,
    NEEDS_CONTENT,
    NEG_GOVERNORS,
    NOT_EVENT_MODIFIERS,
    NOUN_TRIGGERS,
    OBJECT_TRIGGERS,
    PHRASAL_TRIGGERS,
    PLACE_LABELS,
    RECIPROCAL,
    REPORTING_VERBS,
    SPAN_LIGHT_VERBS,
    SUBJECT_DEPS,
    THREAT_ACTS,
    THREAT_MODALS,
    UNDOING,
    VERB_TRIGGERS,
    WEAPONS,
)

# --------------------------------------------------------------------------- triggers

@dataclass
class _Trigger:
    type: str
    key: Token  # the token the event hangs on (verb or noun)
    start: int  # token span of the trigger text
    end: int
    light: Token | None = None  # the light verb governing a noun trigger


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
    return verb if verb.lemma_.lower() in LIGHT_VERBS else None


def _noun_type(tok: Token) -> str | None:
    lemma, word = tok.lemma_.lower(), tok.lower_
    if _mods(tok) & NOT_EVENT_MODIFIERS.get(lemma, set()):
        return None
    if word in NOUN_TRIGGERS and (word != "talks" or tok.tag_ in {"NNS", "NNPS"}):
        return NOUN_TRIGGERS[word]
    if lemma in NOUN_TRIGGERS and lemma not in {"talk", "talks"}:
        return NOUN_TRIGGERS[lemma]
    if lemma in WEAPONS and _preps(tok) & {"for", "to"}:
        return "AID"  # "a new tranche of weapons for Ukraine"
    if lemma in MODIFIED_NOUN_TRIGGERS:
        kind, mods = MODIFIED_NOUN_TRIGGERS[lemma]
        if _mods(tok) & mods or _preps(tok) & MODIFIED_NOUN_PREPS.get(lemma, set()):
            return kind
        light = _light_verb(tok)
        if lemma == "measure" and light is not None and light.lemma_.lower() in SPAN_LIGHT_VERBS:
            return kind
    return None


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


def _noun_trigger(tok: Token) -> _Trigger | None:
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in NAME_LABELS:
        return None  # "the Court of Appeal" is a name, not a plea
    kind = _build_up(tok) or _noun_type(tok)
    if kind is None or _is_predicate_only(tok):
        return None
    if kind == "SANCTION" and {tok.head.lemma_.lower(), tok.head.head.lemma_.lower()} & UNDOING:
        return None  # "lift sanctions", "the easing of sanctions"
    start, end = tok.i, tok.i + 1
    if tok.lower_ == "build":
        end = tok.i + 3
    if kind == "MOBILIZE":  # "military buildup", "troop movements"
        while start > 0 and tok.doc[start - 1].lemma_.lower() in {"military", "troop", "army"}:
            start -= 1
    light = _light_verb(tok)
    if kind == "THREATEN" and not _has_source(tok, light):
        return None  # "the threat of war", "the use of threats": no one threatens
    if light is not None and light.lemma_.lower() in SPAN_LIGHT_VERBS and tok.head == light \
            and tok.dep_ == "dobj" and 0 < tok.i - light.i <= 4:
        start = light.i
    return _Trigger(kind, tok, start, end, light)


def _build_up(tok: Token) -> str | None:
    doc = tok.doc
    if tok.lower_ == "build" and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" \
            and doc[tok.i + 2].lower_ == "up":
        return "MOBILIZE"
    return None


def _has_source(noun: Token, light: Token | None) -> bool:
    """A threat someone makes: a possessor (on it or its conjunct head), a light verb or from/by."""
    heads = [noun] + ([noun.head] if noun.dep_ == "conj" else [])
    if any(c.dep_ == "poss" for h in heads for c in h.children):
        return True
    return light is not None or bool(_preps(noun) & {"from", "by"})


def _verb_trigger(tok: Token) -> _Trigger | None:
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "amod":
        return None
    lemma, doc = tok.lemma_.lower(), tok.doc
    children = list(tok.children)
    for child in children:
        kind = PHRASAL_TRIGGERS.get((lemma, child.lower_))
        adjacent = child.i > tok.i and all(t.pos_ == "ADV" for t in doc[tok.i + 1:child.i])
        if kind and (child.dep_ == "prt" or child.dep_ == "prep" and adjacent):  # not "called X, for his part"
            if lemma == "call" and any(c.dep_ == "prt" for c in children):
                return None  # "call out for": no demand
            end = child.i + 1 if child.dep_ == "prt" and child.i == tok.i + 1 else tok.i + 1
            return _Trigger(kind, tok, tok.i, end)
    if lemma == "make" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "clear":
        return _Trigger(_demand_or_statement(tok), tok, tok.i, tok.i + 2)
    if lemma in SPECIAL_VERBS:
        kind, test = SPECIAL_VERBS[lemma]
        if test(tok):
            return _Trigger(kind, tok, tok.i, tok.i + 1)
    for objects, kind in OBJECT_TRIGGERS.get(lemma, ()):
        obj = next((c for c in children if c.dep_ == "dobj" and c.lemma_.lower() in objects), None)
        if obj is not None:
            return _Trigger(kind, tok, tok.i, obj.i + 1)
    kind = VERB_TRIGGERS.get(lemma)
    if kind is None or _reduced_relative(tok):
        return None
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
    return _Trigger(kind, tok, tok.i, tok.i + 1)


def _asks_to_act(verb: Token) -> bool:
    """"asked his counterpart to mediate", "asked for weapons": a request, not a question."""
    kids = list(verb.children)
    to_act = any(c.dep_ in {"xcomp", "ccomp"} and any(g.lower_ == "to" for g in c.children) for c in kids)
    return to_act and any(c.dep_ == "dobj" for c in kids) or "for" in _preps(verb)


def _reciprocal(verb: Token) -> bool:
    """Someone discusses with someone: a "with/between" partner, or a conjoined or plural subject."""
    if _preps(verb) & {"with", "between", "among"}:
        return True
    subj = _subject(verb)
    if subj is None or subj.dep_ == "nsubjpass":
        return False
    return bool(subj.conjuncts) or subj.tag_ in {"NNS", "NNPS"} or subj.lower_ in {"they", "we"}


def _reduced_relative(verb: Token) -> bool:
    """"militants accused of ...": a participle describing a noun, no agent, no reported event."""
    agent = any(c.dep_ == "agent" for c in verb.children)
    return verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and not agent


def _agentive_subject(verb: Token) -> bool:
    """No subject, a pronoun, a name or a noun that can act (not "a strategy", "the advance")."""
    subj = _subject(verb)
    if subj is None or subj.pos_ in {"PRON", "PROPN"} or subj.ent_type_:
        return True
    return subj.lemma_.lower() in ACTOR_NOUNS


def _confronts_someone(verb: Token) -> bool:
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    named = obj is not None and obj.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"}
    return named or bool(_preps(verb) & {"about", "over"})


def _object_is_thing(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "dobj":
            return child.ent_type_ == "" and child.pos_ == "NOUN" and child.lemma_.lower() not in ACTOR_NOUNS
    return False


def _statement_trigger(verb: Token, lemma: str) -> _Trigger | None:
    if _subject(verb) is None:
        return None  # "suffice to say", "so to speak"
    has_content = any(c.dep_ in {"ccomp", "parataxis"} and c.i > verb.i for c in verb.children) \
        or _in_quote_sentence(verb)
    if lemma in NEEDS_CONTENT and not has_content:
        return None
    if lemma == "warn" and _names_threatened_act(verb):
        return _Trigger("THREATEN", verb, verb.i, verb.i + 1)
    return _Trigger("STATEMENT", verb, verb.i, verb.i + 1)


def _in_quote_sentence(tok: Token) -> bool:
    return any(t.text in {'"', "“", "”"} for t in tok.sent)


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
    return "DEMAND" if any(t.lower_ in markers for t in clause) else "STATEMENT"


def _phone_call(verb: Token) -> bool:
    """"Biden called Putin": a named person or country as object, no "called it a ..."."""
    deps = {c.dep_ for c in verb.children}
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.ent_type_ in {"PERSON", "GPE"} and not deps & {"oprd", "xcomp", "ccomp"}


def _threatening_modal(verb: Token) -> bool:
    """"Russia would retaliate": a retaliation announced, not done."""
    return any(c.dep_ == "aux" and c.lower_ in THREAT_MODALS for c in verb.children)


#: Verbs that are triggers only when a test on their arguments holds.
SPECIAL_VERBS = {
    "insist": ("DEMAND", lambda v: _demand_or_statement(v) == "DEMAND"),
    "call": ("CONSULT", _phone_call),
    "ask": ("DEMAND", _asks_to_act),
    "retaliate": ("THREATEN", _threatening_modal),
}


def _according_to(tok: Token) -> _Trigger | None:
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return _Trigger("STATEMENT", tok, tok.i, tok.i + 2)
    return None


def _triggers(doc: Doc) -> list[_Trigger]:
    found = []
    for tok in doc:
        trig = _according_to(tok) or _verb_trigger(tok) or _noun_trigger(tok)
        if trig is not None and not _repeats(trig, found):
            found.append(trig)
    return found


def _repeats(trig: _Trigger, found: list[_Trigger]) -> bool:
    """A second trigger for the same event: overlapping spans, or "X met A, met on B" (conj, no subject)."""
    for other in found:
        if other.type == trig.type and other.start < trig.end and trig.start < other.end:
            return True
        if (other.type == trig.type and trig.key.dep_ == "conj" and trig.key.head == other.key
                and trig.key.lemma_ == other.key.lemma_ and not _own_subject(trig.key)):
            return True
    return False


# --------------------------------------------------------------------------- arguments

def _own_subject(tok: Token, raising: bool = False) -> Token | None:
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


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject, through conj/xcomp/advcl chains and object control ("prompted X to warn")."""
    subj = _own_subject(verb, raising=depth > 0)
    if subj is not None or depth > 4 or verb.dep_ == "ROOT":
        return subj
    head = verb.head
    if verb.dep_ == "xcomp":
        obj = next((c for c in head.children if c.dep_ in {"dobj"}), None)
        return obj if obj is not None else _subject(head, depth + 1)
    if verb.dep_ == "conj" or verb.dep_ == "advcl" and _open_clause(verb):
        return _subject(head, depth + 1) if head.pos_ in {"VERB", "AUX"} else None
    if verb.dep_ == "pcomp" and head.head.pos_ == "VERB":
        return _subject(head.head, depth + 1)
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
        return next((c for c in head.children if c.dep_ == "poss"), None)
    return None


def _open_clause(verb: Token) -> bool:
    """A to-infinitive or a bare participle: a clause that shares its governor's subject."""
    kids = list(verb.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return True
    return verb.tag_ == "VBG" and not any(c.dep_ == "mark" for c in kids)


def _pobjs(tok: Token, preps: set[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ in {"prep", "dative"} and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _with_conjuncts(toks: list[Token]) -> list[Token]:
    out = []
    for tok in toks:
        out.extend([tok, *tok.conjuncts] if tok is not None else [])
    return out


@dataclass
class _Roles:
    source: list[Token]
    targets: list[Token]
    others: list[Token]  # other participants ("with X")
    places: list[Token]


def _roles(trig: _Trigger) -> _Roles:
    key = trig.key
    if key.pos_ in {"NOUN", "PROPN"}:
        return _noun_roles(trig)
    if key.lower_ == "according":
        return _Roles(_pobjs(key, {"to"}) + [c for c in key.children if c.dep_ == "pobj"], [], [], [])
    objs = [c for c in key.children if c.dep_ in {"dobj", "dative"} and c.i >= trig.end]
    thing = [c for c in key.children if c.dep_ == "dobj" and c.i < trig.end]  # "sent [troops]"
    targets, others = [], []
    if trig.type == "CONSULT":
        others = objs + _pobjs(key, {"with", "between", "among", "to"})
    elif trig.type == "STATEMENT":
        targets = objs if key.lemma_.lower() == "tell" else []
    elif trig.type == "MOBILIZE":  # "sent troops into X", "mobilized forces against X"
        towards = {"against", "into", "to", "toward", "towards"}
        targets = [p for t in [key, *objs, *thing] for p in _pobjs(t, towards)]
    else:
        targets = objs + _pobjs(key, {"against", "on", "to", "at", "from", "into"})
        targets += [p for o in thing for p in _pobjs(o, {"to", "for"})]  # "send weapons to Ukraine"
        if trig.type == "AID":  # "bolster Ukraine's capacity"
            targets += [p for o in objs for p in o.children if p.dep_ == "poss"]
    anchors = [key, *objs] + ([key.head] if key.dep_ in {"conj", "xcomp"} else [])
    places = _place_tokens(anchors, trig.type)  # "met X in Geneva" (attached to X or to met)
    if trig.type == "CONSULT" and key.lemma_.lower() == "visit":
        places += objs
    return _Roles([_subject(key)], targets, others, places)


def _noun_roles(trig: _Trigger) -> _Roles:
    noun, light = trig.key, trig.light
    kids = list(noun.children)
    poss = [c for c in kids if c.dep_ == "poss"]
    if not poss and noun.dep_ == "conj":
        poss = [c for c in noun.head.children if c.dep_ == "poss"]
    mods = [c for c in kids if c.dep_ in {"compound", "amod", "nmod"}]
    mods += [g for m in mods for g in m.children if g.dep_ in {"compound", "amod", "nmod"}]
    mods = [m for m in mods if m.ent_type_ or m.pos_ == "PROPN"]  # "US-Russia talks", not "urgent talks"
    source = poss + _pobjs(noun, {"by", "from"})
    if light is not None:
        source.append(_subject(light))
    others = mods + _pobjs(noun, {"with", "between", "among"})
    targets = [] if trig.type == "CONSULT" else _pobjs(noun, {"against", "on", "to", "for", "toward", "towards"})
    if light is not None and trig.type != "CONSULT":  # "imposed sanctions on Russia"
        targets += _pobjs(light, {"against", "on", "to"})
    if noun.dep_ == "attr" or any(c.dep_ == "acl" for c in kids):  # "no new talks scheduled with Russia"
        others += [p for c in kids if c.dep_ == "acl" for p in _pobjs(c, {"with", "between"})]
    if light is not None and trig.type == "CONSULT":
        others += [c for c in light.children if c.dep_ in {"dobj", "dative"} and c != noun]
        others += _pobjs(light, {"with", "between"})
    places = _place_tokens([noun] + ([light] if light is not None else []), trig.type)
    if trig.type == "CONSULT" and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        places += _place_tokens([noun.head.head], trig.type)  # "summoned X to Geneva for talks"
    return _Roles(source, targets, others, places)


def _place_tokens(anchors: list[Token], kind: str) -> list[Token]:
    preps = {"in", "at"} | ({"to"} if kind == "CONSULT" else set())
    return _with_conjuncts([p for a in anchors for p in _pobjs(a, preps)])


# --------------------------------------------------------------------------- actors

def _mention_index(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    index = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        for tok in span or ():
            index.setdefault(tok.i, m)
    return index


def _np_text(tok: Token) -> str:
    """The noun phrase headed by tok, without its clauses, appositions, conjuncts and most preps."""
    keep = [tok]
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.dep_ in {"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "case"}:
            continue
        if child.dep_ == "prep" and child.head == tok and child.lower_ not in {"of", "from"}:
            continue
        keep.append(child)
        stack.extend(child.children)
    idx = sorted(t.i for t in keep)
    return tok.doc[idx[0]:idx[-1] + 1].text.strip()


def _actor(tok: Token | None, index: dict[int, Mention]) -> Mention | str | None:
    """The mention holding the phrase head (or its apposition), else the phrase's text, else None."""
    if tok is None or tok.pos_ in {"PRON", "DET", "SCONJ", "NUM"} and tok.lower_ not in {"other"}:
        return None
    if tok.lower_ in NOUN_TRIGGERS or tok.lemma_.lower() in NOUN_TRIGGERS or tok.ent_type_ in {"DATE", "TIME"}:
        return None
    if tok.i in index and index[tok.i].label in ACTOR_LABELS:
        return index[tok.i]
    for child in tok.children:
        if child.dep_ == "appos" and child.i in index and index[child.i].label == "PERSON":
            return index[child.i]
    if tok.pos_ == "PROPN" or tok.lemma_.lower() in ACTOR_NOUNS:
        return _np_text(tok)  # "German officials", "the US Secretary of State"
    return None


# --------------------------------------------------------------------------- flags

def _governs(tok: Token) -> bool:
    """True when tok is a complement of its head: "want [to meet]", "offered a round [of talks]"."""
    dep = tok.dep_
    if dep in {"xcomp", "conj", "dobj", "pcomp", "appos", "nsubjpass"}:
        return True
    if dep == "pobj" or dep == "prep":
        return (tok.head if dep == "pobj" else tok).lower_ in COMPLEMENT_PREPS
    return dep in {"advcl", "acl"} and _open_clause(tok)


def _chain_up(tok: Token, limit: int = 7) -> list[Token]:
    """The trigger and the words it is a complement of, within its clause."""
    chain = [tok]
    while _governs(tok) and tok.head != tok and len(chain) < limit:
        tok = tok.head
        chain.append(tok)
    return chain


def _negated(trig: _Trigger) -> bool:
    key = trig.key
    if any(c.dep_ == "det" and c.lower_ == "no" for c in key.children):
        return True
    heads = [key] + ([trig.light] if trig.light is not None else [])
    if any(c.dep_ == "neg" for h in heads for c in h.children):
        return True
    chain = _chain_up(key)
    return any(_negating(t) for i, t in enumerate(chain[1:]) if chain[i].dep_ != "conj")


def _negating(governor: Token) -> bool:
    """"refused to meet", "held off on imposing sanctions"."""
    if governor.lemma_.lower() == "hold":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in governor.children)
    return governor.lemma_.lower() in NEG_GOVERNORS


def _hedged(trig: _Trigger) -> bool:
    key = trig.key
    if key.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "amod" and c.lower_ in HEDGE_AMODS for c in key.children):
        return True
    chain = _chain_up(key)
    for i, tok in enumerate(chain):
        via = chain[i - 1].dep_ if i else ""
        if i and via not in {"conj", "appos"} and tok.lemma_.lower() in HEDGE_GOVERNORS:
            return True
        threat = i == 0 and trig.type == "THREATEN"  # "would retaliate": the modal is the threat
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in HEDGE_MODALS and not threat:
                return True
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return True
    return False


def _attribution(trig: _Trigger, index: dict[int, Mention]) -> Mention | None:
    """The speaker of a reporting verb whose complement holds the trigger, or of "according to"."""
    tok = trig.key
    for _ in range(8):
        for child in tok.children:
            if child.lower_ == "according" and child.i != trig.key.i:
                speaker = _actor(next(iter(_pobjs(child, {"to"})), None), index)
                return speaker if isinstance(speaker, Mention) else None
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in REPORTING_VERBS:
            speaker = _actor(_subject(tok.head), index)
            return speaker if isinstance(speaker, Mention) else None
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _content(trig: _Trigger) -> tuple[int, int] | None:
    """STATEMENT: the quoted or reported clause."""
    if trig.type != "STATEMENT":
        return None
    key = trig.key
    if key.lower_ == "according":
        clause = key.head
        inner = set(key.subtree)
        toks = [t for t in clause.subtree if t not in inner and not t.is_space]
    else:
        clause = next((c for c in key.children if c.dep_ in {"ccomp", "parataxis"}), None)
        toks = [t for t in clause.subtree if not t.is_space] if clause is not None else []
    while toks and toks[0].is_punct:  # quotes and commas around the content
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


# --------------------------------------------------------------------------- assembly

def _confidence(trig: _Trigger, speaker, participants: list, place) -> float:
    score = 0.5 if trig.key.pos_ in {"NOUN", "PROPN"} else 0.6
    named = [p for p in participants if isinstance(p, Mention)]
    score += 0.15 if named else 0.0
    score += 0.1 if (speaker is not None if trig.type in DIRECTED else len(participants) > 1) else 0.0
    score += 0.05 if place is not None else 0.0
    return round(min(score, 0.95), 2)


def _claim(trig: _Trigger, doc: Doc, index: dict[int, Mention], article: Article, extractor: str) -> EventClaim:
    roles = _roles(trig)
    source = [a for a in (_actor(t, index) for t in _with_conjuncts(roles.source)) if a is not None]
    targets = [a for a in (_actor(t, index) for t in _with_conjuncts(roles.targets)) if a is not None]
    others = [a for a in (_actor(t, index) for t in _with_conjuncts(roles.others)) if a is not None]
    actors = list(dict.fromkeys(source + targets + others))
    mentioned = [a for a in actors if isinstance(a, Mention)]
    place = next((index[t.i] for t in roles.places if t.i in index and index[t.i].label in PLACE_LABELS
                  and index[t.i] not in mentioned), None)
    speaker = source[0] if source and trig.type in DIRECTED else None
    target = targets[0] if targets and trig.type in DIRECTED else None
    span: Span = doc[trig.start:trig.end]
    sent = trig.key.sent
    date, date_end, evidence = date_of_span(doc, span.start_char, span.end_char, span.start_char, article)
    content = _content(trig)
    attributed = _attribution(trig, index)
    return EventClaim(
        article_id=article.id, type=trig.type,
        trigger_start=span.start_char, trigger_end=span.end_char, trigger=span.text,
        sent_start=sent.start_char, sent_end=sent.end_char,
        participants=tuple(mentioned),
        speaker=speaker if isinstance(speaker, Mention) else None,
        target=target if isinstance(target, Mention) else None,
        place=place,
        actor_texts=tuple(a for a in actors if isinstance(a, str)),
        content_start=content[0] if content else None, content_end=content[1] if content else None,
        attributed_to=attributed if attributed != speaker else None,
        negated=_negated(trig), hedged=_hedged(trig),
        event_date=date, event_date_end=date_end, date_evidence=evidence,
        extractor=extractor, confidence=_confidence(trig, speaker, actors, place),
    )


def event_claims(doc: Doc, mentions: list[Mention], article: Article, extractor: str) -> list[EventClaim]:
    """The events the article reports, in text order (see the module docstring for the rules)."""
    index = _mention_index(doc, mentions)
    claims = []
    for trig in _triggers(doc):
        span = doc[trig.start:trig.end]
        if article.is_excluded(span.start_char, span.end_char):
            continue
        claims.append(_claim(trig, doc, index, article, extractor))
    return claims
