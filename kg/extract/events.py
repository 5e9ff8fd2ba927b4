"""Event claims aligned with PLOVER categories, read off a spaCy ``Doc``.

The approach is language data plus the dependency parse; no name of a person,
place or article appears here.

1. Triggers (:mod:`kg.extract.event_triggers`, words in :mod:`kg.extract.event_lexicon`).
   Each token is looked up by lemma: verbs
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
from .event_lexicon import (
    ACTOR_LABELS,
    ACTOR_NOUNS,
    COMPLEMENT_PREPS,
    DIRECTED,
    HEDGE_ADVERBS,
    HEDGE_AMODS,
    HEDGE_GOVERNORS,
    HEDGE_MODALS,
    NEG_GOVERNORS,
    NOUN_TRIGGERS,
    PLACE_LABELS,
    REPORTING_VERBS,
)
from .event_triggers import Trigger, find_triggers, open_clause, subject_of
from .sentences import sentence_of

# --------------------------------------------------------------------------- arguments

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


def _roles(trig: Trigger) -> _Roles:
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
    return _Roles([subject_of(key)], targets, others, places)


def _noun_roles(trig: Trigger) -> _Roles:
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
        source.append(subject_of(light))
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
    return dep in {"advcl", "acl"} and open_clause(tok)


def _chain_up(tok: Token, limit: int = 7) -> list[Token]:
    """The trigger and the words it is a complement of, within its clause."""
    chain = [tok]
    while _governs(tok) and tok.head != tok and len(chain) < limit:
        tok = tok.head
        chain.append(tok)
    return chain


def _negated(trig: Trigger) -> bool:
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


def _hedged(trig: Trigger) -> bool:
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


def _attribution(trig: Trigger, index: dict[int, Mention]) -> Mention | None:
    """The speaker of a reporting verb whose complement holds the trigger, or of "according to"."""
    tok = trig.key
    for _ in range(8):
        for child in tok.children:
            if child.lower_ == "according" and child.i != trig.key.i:
                speaker = _actor(next(iter(_pobjs(child, {"to"})), None), index)
                return speaker if isinstance(speaker, Mention) else None
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in REPORTING_VERBS:
            speaker = _actor(subject_of(tok.head), index)
            return speaker if isinstance(speaker, Mention) else None
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _content(trig: Trigger) -> tuple[int, int] | None:
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

def _confidence(trig: Trigger, speaker, participants: list, place) -> float:
    score = 0.5 if trig.key.pos_ in {"NOUN", "PROPN"} else 0.6
    named = [p for p in participants if isinstance(p, Mention)]
    score += 0.15 if named else 0.0
    score += 0.1 if (speaker is not None if trig.type in DIRECTED else len(participants) > 1) else 0.0
    score += 0.05 if place is not None else 0.0
    return round(min(score, 0.95), 2)


def _claim(trig: Trigger, doc: Doc, index: dict[int, Mention], article: Article, extractor: str) -> EventClaim:
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
    sent = sentence_of(trig.key)
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
    for trig in find_triggers(doc):
        span = doc[trig.start:trig.end]
        if article.is_excluded(span.start_char, span.end_char):
            continue
        claims.append(_claim(trig, doc, index, article, extractor))
    return claims
