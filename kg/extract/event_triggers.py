"""Event triggers: the words that say an event happened, in text order.

Part of :mod:`kg.extract.events` (see its docstring for the approach): each token is read as a
verb trigger (:mod:`kg.extract.event_verbs`) or a noun trigger (:mod:`kg.extract.event_nouns`),
each looked up by lemma in :mod:`kg.extract.event_lexicon` and filtered by its syntax;
:func:`find_triggers` returns the triggers of a doc in text order, one per event.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .event_lexicon import Sense
from .event_nouns import noun_trigger
from .event_syntax import own_subject
from .event_trigger_record import Trigger
from .event_verbs import verb_trigger


def _according_to(tok: Token) -> Trigger | None:
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return Trigger(Sense("STATEMENT"), tok, tok.i, tok.i + 2)
    return None


def find_triggers(doc: Doc) -> list[Trigger]:
    found = []
    for tok in doc:
        trig = _according_to(tok) or verb_trigger(tok) or noun_trigger(tok)
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
