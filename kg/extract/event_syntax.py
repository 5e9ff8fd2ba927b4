"""The parse around an event word: a verb's lemma, its prepositions, subject and clauses.

Part of :mod:`kg.extract.events`: what :mod:`kg.extract.event_nouns`, :mod:`kg.extract.event_verbs`
and the readers of actors and status (:mod:`kg.extract.event_actors`, :mod:`kg.extract.event_status`)
read off the dependency parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_lexicon import (
    LIGHT_VERBS,
    OBJECT_TRIGGERS,
    OBLIGATION_MODALS,
    PHRASAL_TRIGGERS,
    SUBJECT_DEPS,
    VERB_TRIGGERS,
)


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


def prepositions(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


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
