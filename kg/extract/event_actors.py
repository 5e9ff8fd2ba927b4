"""Event actors: source and target phrases from the dependency parse, as :class:`EventActor` records.

Part of :mod:`kg.extract.events`.

- Source: the subject of a verb trigger (through conj/xcomp chains and object control), the agent
  of a passive ("was attacked by militiamen"), the possessor or by/from phrase of a noun trigger
  or the subject of its light verb, or a nationality/name modifier ("an Israeli proposal").  A
  pronoun subject inside a reported clause is the reporting verb's speaker ("the rebels said they
  will release ..."); an event that is part of another shares that event's source.
- Target: the object (or passive subject) of a verb trigger, the objects of against/on/to/at/from/
  into/with (by type), the subject of a demanded or obliged clause ("demanded that Russia withdraw",
  "said Sudan must return": Russia, Sudan), the object of "urged X to", and, when nothing else is
  found, the target of the event it governs ("threatened to break relations with Russia").
- An actor is a named-entity mention holding the phrase head (or its apposition), else a common
  noun phrase naming an actor ("Israeli soldiers", "the opposition", "residents") kept as text with
  its sector and any country or nationality mention inside it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import EventActor, Mention
from .event_lexicon import ACTOR_LABELS, ACTOR_NOUNS, NOUN_TRIGGERS, REPORTING_VERBS, SECTORS
from .event_syntax import obligation_clause, subject_of
from .event_trigger_record import Trigger

#: Types whose "with" object is the target ("broke relations with", "lodged a protest with").
WITH_TARGET = {"SANCTION", "THREATEN", "ACCUSE", "REJECT", "AGREE", "SUPPORT"}
#: Types whose place ("in Algiers") is the target when no actor is ("blocked roads in Algiers").
PLACE_TARGET = {"PROTEST", "COERCE", "ASSAULT", "MOBILIZE", "RETREAT", "CONCEDE", "AID"}


def pobjs(tok: Token, preps: set[str]) -> list[Token]:
    return [g for c in tok.children if c.dep_ in {"prep", "dative", "agent"} and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def with_conjuncts(toks: list[Token]) -> list[Token]:
    out = []
    for tok in toks:
        if tok is not None:
            out.extend([tok, *tok.conjuncts])
    return out


def np_text(tok: Token, preps: frozenset[str] = frozenset({"of", "from", "in"}),
            strip: str | None = " ,\"'“”") -> str:
    """The noun phrase headed by tok, without its clauses, appositions, conjuncts and the preps
    other than ``preps`` attached to its head; ``strip``: characters cut from both ends (None: white space)."""
    keep = [tok]
    stack = list(tok.children)
    while stack:
        child = stack.pop()
        if child.dep_ in {"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "case"}:
            continue
        if child.dep_ == "prep" and child.head == tok and child.lower_ not in preps:
            continue
        keep.append(child)
        stack.extend(child.children)
    idx = sorted(t.i for t in keep)
    return tok.doc[idx[0]:idx[-1] + 1].text.strip(strip)


def _country_mention(tok: Token, index: dict[int, Mention], via_preps: bool = False) -> Mention | None:
    """A GPE or NORP mention modifying the phrase ("Israeli soldiers", "Iraq's army"); with via_preps
    also one under of/from/in ("the forces of Iraq", "rebels in Darfur")."""
    for t in tok.children:
        if t.dep_ in {"amod", "compound", "nmod", "poss"} and t.i in index and index[t.i].label in {"GPE", "NORP"}:
            return index[t.i]
    if via_preps:
        for g in pobjs(tok, {"of", "from", "in"}):
            if g.i in index and index[g.i].label in {"GPE", "NORP"}:
                return index[g.i]
    return None


def _sector(tok: Token) -> str:
    for word in (tok.lemma_.lower(), tok.lower_, tok.lower_.rstrip("s")):  # "Rebels" tagged a name
        if word in SECTORS:
            return SECTORS[word]
    for child in tok.children:  # "security forces", "riot police"
        if child.dep_ in {"compound", "amod"} and child.lemma_.lower() in SECTORS:
            return SECTORS[child.lemma_.lower()]
    return ""


#: Heads that count or group the actors of their "of" phrase: "thousands of Nigerians", "a group of diplomats".
QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores", "million",
                  "millions", "third", "half", "majority", "number", "group", "some", "many", "most", "one", "two",
                  "several", "all", "members", "member", "part", "handful"}


def actor(tok: Token | None, index: dict[int, Mention]) -> EventActor | None:
    """The actor a phrase head names, or None (pronouns, dates, events, things)."""
    for _ in range(3):  # "hundreds of thousands of people"
        if tok is not None and tok.lower_ in QUANTITY_HEADS and tok.i not in index:
            inner = next(iter(pobjs(tok, {"of"})), None)
            if inner is None:
                break
            tok = inner
    if tok is None or tok.pos_ in {"DET", "SCONJ", "NUM", "PRON"} and tok.lower_ not in {"other"}:
        return None
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return None
    if (tok.lower_ in NOUN_TRIGGERS or lemma in NOUN_TRIGGERS) and tok.i not in index:
        return None
    text = np_text(tok)
    if tok.i in index and index[tok.i].label in ACTOR_LABELS:
        m = index[tok.i]
        country = m if m.label in {"GPE", "NORP"} else _country_mention(tok, index, True)
        return EventActor(text, m, country, _sector(tok))
    for child in tok.children:
        if child.dep_ == "appos" and child.i in index and index[child.i].label in {"PERSON", "ORG"}:
            return EventActor(text, index[child.i], _country_mention(tok, index, True), _sector(tok))
    if tok.pos_ == "PROPN" or lemma in ACTOR_NOUNS:
        return EventActor(text, None, _country_mention(tok, index, True), _sector(tok))
    country = _country_mention(tok, index)
    if country is not None and tok.pos_ == "NOUN" and lemma not in NOT_ACTORS:
        return EventActor(text, None, country, _sector(tok))  # "Israeli tanks", "Palestinian youths"
    return None


#: Nouns that a nationality modifier does not make an actor ("Russian relations", "US policy").
NOT_ACTORS = {"relation", "tie", "contact", "policy", "border", "territory", "soil", "war", "conflict", "economy",
              "interest", "position", "statement", "plan", "proposal", "change", "law", "constitution",
              "election", "embassy", "consulate", "language"}


def authors(tok: Token, depth: int = 0) -> list[Token]:
    """For an object that is not an actor (a proposal, a ban, a failure, violations), the actors it
    comes from or belongs to: its possessor, by/from/of phrase or name/nationality modifier
    ("rejected an Australian ultimatum", "dismissed an appeal from X", "protest X's failure")."""
    if tok is None or depth > 2:
        return []
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"} or tok.pos_ == "PROPN" or lemma in ACTOR_NOUNS:
        return [tok]
    kids = list(tok.children)
    found = [c for c in kids if c.dep_ == "poss" and c.pos_ != "PRON"]
    found += pobjs(tok, {"by", "from"})
    found += [c for c in kids if c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_ in {"NORP", "GPE", "ORG"}]
    if not found:
        for g in pobjs(tok, {"of", "against", "with", "on"}):
            found += authors(g, depth + 1)
    return found


def _speaker_of_report(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in REPORTING_VERBS:
            return subject_of(tok.head)
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _resolve(tok: Token | None, trig: Trigger) -> Token | None:
    """A pronoun subject of a reported clause stands for the reporter: "X said they will ..."."""
    if tok is not None and tok.pos_ == "PRON" and tok.lower_ in {"they", "he", "she", "it", "we"}:
        return _speaker_of_report(trig.key)
    return tok


def source_tokens(trig: Trigger) -> list[Token]:
    key = trig.key
    if key.pos_ in {"NOUN", "PROPN"}:
        kids = list(key.children)
        toks = [c for c in kids if c.dep_ == "poss"]
        if not toks and key.dep_ == "conj":
            toks = [c for c in key.head.children if c.dep_ == "poss"]
        toks += pobjs(key, {"by", "from"})
        if trig.light is not None:
            toks.append(_resolve(subject_of(trig.light), Trigger(trig.sense, trig.light, 0, 0)))
        if not toks:  # "an Israeli proposal", "US sanctions"
            toks = [c for c in kids if c.dep_ in {"amod", "compound", "nmod"} and c.ent_type_ in {"NORP", "GPE", "ORG"}]
        if not toks:  # "US Predator attacks"
            toks = [c for c in kids if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not toks and key.dep_ in {"nsubj", "nsubjpass"}:  # "a roadside bombing near Samarra killed ..."
            toks = [p for p in pobjs(key, {"near", "in"})][:1]
        return toks
    if key.lower_ == "according":
        return pobjs(key, {"to"})
    subj = _resolve(subject_of(key), trig)
    if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() not in ACTOR_NOUNS \
            and not subj.ent_type_ and subj.dep_ == "nsubj":  # "a bomb attack killed ...": the attack's source
        inner = source_tokens(Trigger(trig.sense, subj, subj.i, subj.i + 1))
        return inner or [subj]
    return [subj]


def _direct_targets(trig: Trigger) -> list[Token]:
    key, kind = trig.key, trig.type
    if key.pos_ in {"NOUN", "PROPN"}:
        toks = pobjs(key, {"against", "on", "to", "for", "toward", "towards", "at"})
        if kind in WITH_TARGET or kind in {"SANCTION", "CONSULT"}:
            toks += pobjs(key, {"with", "between", "among"} if kind == "CONSULT" else {"with"})
        if trig.light is not None:
            toks += pobjs(trig.light, {"against", "on", "to", "at"})
            toks += [c for c in trig.light.children if c.dep_ in {"dative", "dobj"} and c != key]
            if kind in WITH_TARGET or kind == "CONSULT":
                toks += pobjs(trig.light, {"with"})
        if kind == "REQUEST":  # "its demand that Israel ease ...", "reiterated its demand today that ..."
            holders = [key] + ([trig.light] if trig.light is not None else [])
            toks += [t for h in holders for c in h.children if c.dep_ in {"acl", "ccomp"} for t in c.children
                     if t.dep_ in {"nsubj", "nsubjpass"}]
        return toks
    if kind == "STATEMENT":
        return [c for c in key.children if c.dep_ in {"dobj", "dative"}] if key.lemma_.lower() == "tell" else []
    kids = list(key.children)
    toks = [c for c in kids if c.dep_ in {"dobj", "dative", "nsubjpass", "oprd"}]
    if kind == "REQUEST":
        clause = obligation_clause(key)
        clauses = [clause] if clause is not None else [c for c in kids if c.dep_ == "ccomp"]
        toks += [t for c in clauses for t in c.children if t.dep_ in {"nsubj", "nsubjpass"}]
        if key.lemma_.lower() == "seek":  # "sought asylum in Germany": asked of Germany
            toks += pobjs(key, {"in", "from"})
    preps = {"against", "on", "to", "at", "from", "into", "toward", "towards", "for"}
    if kind in WITH_TARGET:
        preps.add("with")
    if kind == "MOBILIZE":
        preps = {"against", "into", "to", "toward", "towards"}
    if kind == "CONSULT":
        preps = {"with", "to", "between", "among"}
    toks += pobjs(key, preps)
    for o in [c for c in kids if c.dep_ == "dobj"]:  # "send weapons to Ukraine", "expelled diplomats of X"
        toks += pobjs(o, {"to", "for", "of", "on", "against"} if kind != "CONSULT" else {"of"})
    return toks


def target_tokens(trig: Trigger) -> list[Token]:
    """Target phrase heads; an object that is no actor stands for its authors ("rejected an
    Australian ultimatum": Australia); with none, the objects of the act it governs ("threatened to
    deliver blows to the United States", "agreed to open its borders to peacekeepers")."""
    toks = [a for t in _direct_targets(trig) for a in authors(t)]
    if not toks and trig.key.pos_ in {"VERB", "AUX"} and trig.type != "CONSULT":
        for comp in (c for c in trig.key.children if c.dep_ in {"xcomp", "ccomp"}):
            toks += [a for t in _direct_targets(Trigger(trig.sense, comp, comp.i, comp.i + 1)) for a in authors(t)]
    return toks


def place_targets(trig: Trigger) -> list[Token]:
    """Places the act was done in or to, for PLACE_TARGET types with no actor target."""
    anchors = [trig.key] + ([trig.light] if trig.light is not None else [])
    anchors += [c for a in anchors for c in a.children if c.dep_ == "dobj"]
    return with_conjuncts([p for a in anchors for p in pobjs(a, {"in", "into", "near", "from", "of", "at"})])


def actors(toks: list[Token], index: dict[int, Mention], exclude: set[int] = frozenset()) -> list[EventActor]:
    out, seen = [], set()
    for tok in with_conjuncts(toks):
        if tok.i in exclude or tok.i in seen:
            continue
        seen.add(tok.i)
        a = actor(tok, index)
        if a is not None:
            out.append(a)
    return out
