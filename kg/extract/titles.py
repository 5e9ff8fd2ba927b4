"""Title and country words, as extraction reads them: see :mod:`kg.lexicon` (spaCy-free, shared
with the linker)."""

from __future__ import annotations

from ..lexicon import (COUNTRY_WORDS, HEADS, JOINERS, MODIFIERS, OFFICE_MODIFIERS, ORG_WORDS, TITLE_WORDS,
                       country_word, is_demonym, singular_head)

__all__ = ["COUNTRY_WORDS", "HEADS", "JOINERS", "MODIFIERS", "OFFICE_MODIFIERS", "ORG_WORDS", "TITLE_WORDS",
           "country_word", "is_demonym", "singular_head"]
