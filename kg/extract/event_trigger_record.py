"""The record of an event trigger: the words that name an event, the token it hangs on and its sense.

Made by :mod:`kg.extract.event_nouns` and :mod:`kg.extract.event_verbs`, collected by
:mod:`kg.extract.event_triggers`, read by the other ``event_*`` modules.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .event_lexicon import Sense


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
