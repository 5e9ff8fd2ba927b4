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
3. Status and PLOVER coding (:mod:`kg.extract.event_status`): asserted, negated, hedged, planned,
   proposed or conditional; a planned cooperative act is coded AGREE, a planned hostile one
   THREATEN, a refused one REJECT; an event that is the complement, participle, purpose clause or
   condition of another is ``part_of`` it.  Source and target actors with their sector and country
   (:mod:`kg.extract.event_actors`); a stated deadline (:mod:`kg.extract.event_deadline`).
   ``attributed_to``: the speaker of a reporting verb whose clausal complement holds the trigger, or
   of "according to".  STATEMENT content is that complement (or the clause an "according to" phrase
   qualifies).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..model import Article, EventClaim, Mention
from .dating import date_of_span
from .event_actors import PLACE_TARGET, actors, np_text, place_targets, pobjs, source_tokens, target_tokens
from .event_deadline import deadline_of
from .event_lexicon import (
    ACTOR_LABELS,
    ACTOR_NOUNS,
    NOUN_TRIGGERS,
    PLACE_LABELS,
    REPORTING_VERBS,
    UNDIRECTED,
)
from .event_status import HOSTILE, chain_up, in_condition, plover_type, status_of
from .event_syntax import open_clause, subject_of
from .event_trigger_record import Trigger
from .event_triggers import find_triggers
from .sentences import sentence_of

_pobjs = pobjs


def _with_conjuncts(toks: list[Token]) -> list[Token]:
    out = []
    for tok in toks:
        out.extend([tok, *tok.conjuncts] if tok is not None else [])
    return out


@dataclass
class _Roles:
    others: list[Token]  # participants besides source and targets ("with X", "US-Russia talks")
    places: list[Token]


def _roles(trig: Trigger) -> _Roles:
    key = trig.key
    if key.pos_ in {"NOUN", "PROPN"}:
        return _noun_roles(trig)
    if key.lower_ == "according":
        return _Roles([], [])
    objs = [c for c in key.children if c.dep_ in {"dobj", "dative"} and c.i >= trig.end]
    others = objs + _pobjs(key, {"with", "between", "among", "to"}) if trig.type == "CONSULT" else []
    anchors = [key, *objs] + ([key.head] if key.dep_ in {"conj", "xcomp"} else [])
    places = _place_tokens(anchors, trig.type)  # "met X in Geneva" (attached to X or to met)
    if trig.type == "CONSULT" and key.lemma_.lower() == "visit":
        places += objs
    return _Roles(others, places)


def _noun_roles(trig: Trigger) -> _Roles:
    noun, light = trig.key, trig.light
    kids = list(noun.children)
    mods = [c for c in kids if c.dep_ in {"compound", "amod", "nmod"}]
    mods += [g for m in mods for g in m.children if g.dep_ in {"compound", "amod", "nmod"}]
    mods = [m for m in mods if m.ent_type_ or m.pos_ == "PROPN"]  # "US-Russia talks", not "urgent talks"
    others = mods + _pobjs(noun, {"with", "between", "among"})
    if noun.dep_ == "attr" or any(c.dep_ == "acl" for c in kids):  # "no new talks scheduled with Russia"
        others += [p for c in kids if c.dep_ == "acl" for p in _pobjs(c, {"with", "between"})]
    if light is not None and trig.type == "CONSULT":
        others += [c for c in light.children if c.dep_ in {"dobj", "dative"} and c != noun]
        others += _pobjs(light, {"with", "between"})
    places = _place_tokens([noun] + ([light] if light is not None else []), trig.type)
    if trig.type == "CONSULT" and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        places += _place_tokens([noun.head.head], trig.type)  # "summoned X to Geneva for talks"
    return _Roles(others, places)


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
    """An unnamed actor's words: its noun phrase with "of"/"from" phrases, white space trimmed."""
    return np_text(tok, preps=frozenset({"of", "from"}), strip=None)


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


# --------------------------------------------------------------------------- attribution and content

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
    score += 0.1 if (speaker is not None if trig.type not in UNDIRECTED else len(participants) > 1) else 0.0
    score += 0.05 if place is not None else 0.0
    return round(min(score, 0.95), 2)


def _governor(trig: Trigger, keys: dict[int, Trigger]) -> tuple[Trigger | None, bool]:
    """The trigger this one is part of, and whether as a complement (True) or an adjunct (False).

    Complement: the trigger is in the complement chain of another trigger ("demanded [that X
    withdraw]", "rejected an appeal [for deploying troops]").  Adjunct: a participle or purpose
    clause on another trigger ("opened fire, [killing] two", "began a hunger strike [to protest]"),
    a condition on it ("would strike back [if attacked]"), or "in protest" on it.  Statements do not govern: a reported event is an event of its own.
    """
    start = trig.light if trig.light is not None else trig.key
    chain = chain_up(start)
    for i, gov in enumerate(chain[1:], start=1):
        other = keys.get(gov.i)
        if other is not None and other is not trig and other.type != "STATEMENT":
            if chain[i - 1].dep_ == "conj":
                break  # "reached out to X and confronted him": a conjunct is an event of its own
            return other, True
    tok = start
    if tok.dep_ in {"advcl", "xcomp"} and (open_clause(tok) or in_condition(tok)) or tok.dep_ == "pobj" \
            and tok.head.lower_ == "in" and tok.lemma_.lower() in {"protest", "response", "retaliation"}:
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        other = keys.get(head.i)
        if other is not None and other is not trig and other.type != "STATEMENT":
            return other, False
    return None, False


def _claim(trig: Trigger, doc: Doc, index: dict[int, Mention], article: Article, extractor: str,
           governor: Trigger | None, complement: bool) -> EventClaim:
    roles = _roles(trig)
    status, flags = status_of(trig, governor if complement else None)
    kind = trig.type if governor is not None and complement else plover_type(trig.type, flags)
    if kind == "REJECT" and trig.type != "REJECT":
        status = "asserted"  # "will not accept refugees": the refusal is stated; action keeps the refused act
    sources = actors(source_tokens(trig), index)
    src_ids = {t.i for t in source_tokens(trig) if t is not None}
    targets = actors(target_tokens(trig), index, exclude=src_ids)
    if not targets and kind in PLACE_TARGET | {"THREATEN", "AGREE"}:
        targets = actors(place_targets(trig), index, exclude=src_ids)
    others = [a for a in (_actor(t, index) for t in _with_conjuncts(roles.others)) if a is not None]
    mentioned = list(dict.fromkeys([a.mention for a in sources + targets if a.mention is not None]
                                   + [a for a in others if isinstance(a, Mention)]))
    texts = list(dict.fromkeys([a.text for a in sources + targets if a.mention is None]
                               + [a for a in others if isinstance(a, str)]))
    place = next((index[t.i] for t in roles.places if t.i in index and index[t.i].label in PLACE_LABELS
                  and index[t.i] not in mentioned), None)
    directed = trig.type not in UNDIRECTED
    speaker = next((a.mention for a in sources if a.mention is not None), None) if directed else None
    target = next((a.mention for a in targets if a.mention is not None), None) if directed else None
    span: Span = doc[trig.start:trig.end]
    sent = sentence_of(trig.key)
    date, date_end, evidence = date_of_span(doc, span.start_char, span.end_char, span.start_char, article)
    content = _content(trig)
    attributed = _attribution(trig, index)
    deadline, deadline_text = deadline_of(trig)
    if status == "asserted" and date and article.date and date > article.date and evidence.startswith("time expression"):
        status = "planned"  # "Trudeau's visit to the U.S. tomorrow": dated after the article
    return EventClaim(
        article_id=article.id, type=kind,
        trigger_start=span.start_char, trigger_end=span.end_char, trigger=span.text,
        sent_start=sent.start_char, sent_end=sent.end_char,
        participants=tuple(mentioned),
        speaker=speaker, target=target if target != speaker else None,
        place=place,
        actor_texts=tuple(texts),
        content_start=content[0] if content else None, content_end=content[1] if content else None,
        attributed_to=attributed if attributed != speaker else None,
        negated=status == "negated", hedged=status == "hedged",
        event_date=date, event_date_end=date_end, date_evidence=evidence,
        extractor=extractor, confidence=_confidence(trig, speaker, mentioned + texts, place),
        status=status, mode=trig.sense.mode, context=trig.sense.context,
        action=trig.type if kind != trig.type else "",
        sources=tuple(sources), targets=tuple(targets),
        part_of=doc[governor.start].idx if governor is not None else None,
        deadline=deadline, deadline_text=deadline_text,
    )


def _inherit(claims: list[EventClaim]) -> list[EventClaim]:
    """A governing event without a target takes its part's ("threatened to break relations with X");
    a pledge of a hostile act is a threat ("vowed to fight")."""
    by_start = {c.trigger_start: c for c in claims}
    out = {c.trigger_start: c for c in claims}
    for part in claims:
        gov = out.get(part.part_of) if part.part_of is not None else None
        if gov is None or by_start[part.part_of].trigger_start == part.trigger_start:
            continue
        changes = {}
        if not gov.targets and part.targets:
            changes["targets"] = tuple(a for a in part.targets if a not in gov.sources)
        if not gov.sources and part.sources:
            changes["sources"] = part.sources
        if gov.type == "AGREE" and part.type in HOSTILE | {"THREATEN"}:
            changes.update(type="THREATEN", action=part.type)
        if not gov.context and part.context:
            changes["context"] = part.context
        if changes:
            out[gov.trigger_start] = replace(gov, **changes)
    return [out[c.trigger_start] for c in claims]


def event_claims(doc: Doc, mentions: list[Mention], article: Article, extractor: str) -> list[EventClaim]:
    """The events the article reports, in text order (see the module docstring for the rules)."""
    index = _mention_index(doc, mentions)
    triggers = find_triggers(doc)
    keys = {t.key.i: t for t in triggers}
    for t in triggers:  # "will impose sanctions if ...": the light verb stands for its noun's event
        if t.light is not None:
            keys.setdefault(t.light.i, t)
    claims = []
    for trig in triggers:
        span = doc[trig.start:trig.end]
        if article.is_excluded(span.start_char, span.end_char):
            continue
        governor, complement = _governor(trig, keys)
        claims.append(_claim(trig, doc, index, article, extractor, governor, complement))
    return _inherit(claims)
