"""Name index over the knowledge base: full names, surnames, country words; and ruler patterns."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..lexicon import country_word, subdivision_word
from ..namefold import fold_token, unhyphenate
from .names import key, surname_key, tokens

#: Which KB kinds a mention with this NER label may link to (type constraints).
ALLOWED_KINDS = {
    "PERSON": {"Person"},
    "GPE": {"Country", "Place", "Organization"},
    "LOC": {"Place", "Country"},
    "FAC": {"Place", "Organization", "Other"},
    "ORG": {"Organization", "Other", "Place"},
    "NORP": {"Country"},
}

#: A full name is common -- an ordinary person may well bear it -- when the number of the
#: knowledge base's people with its first given name times the number with its surname exceeds
#: this (David Harris: 348 x 30; Michael Flynn: 224 x 9 = 2,016 is under it).  Measured on
#: tests/fixtures/linking_gold2.jsonl: see bench/linking.py.
COMMON_NAME = 3000

#: The NER label the ruler gives each KB kind.
_RULER_LABEL = {"Person": "PERSON", "Country": "GPE", "Place": "GPE", "Organization": "ORG"}


class NameIndex:
    """name key -> KB items; surname key -> persons.

    A place labelled "Washington, D.C." also answers to "Washington" (after its
    exact namesakes); national capitals are known so that the linker can prefer
    them for a bare city name in world news.
    """

    def __init__(self, kb):
        self.kb = kb
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.by_head: dict[str, list[str]] = defaultdict(list)
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        self.capitals: set[str] = set()
        self.first_counts: Counter[str] = Counter()
        self.surname_counts: Counter[str] = Counter()
        for entity in kb:
            if entity.kind == "Country":
                self.capitals.update(kb.capital(entity.qid))
            if entity.kind == "Place" and entity.label and (", " in entity.label or " (" in entity.label):
                # "Washington, D.C." also answers to "Washington"; "Georgia (USA)" to "Georgia"
                self.by_head[key(re.split(r", | \(", entity.label)[0])].append(entity.qid)
            names = (entity.label,) + entity.aliases if entity.label else entity.aliases
            if entity.kind == "Person" and entity.label:
                words = tokens(entity.label)  # cheap: no name parsing for 36,000 labels
                if len(words) >= 2:
                    self.first_counts[fold_token(words[0])] += 1
                    self.surname_counts[fold_token(words[-1])] += 1
            for name in names:
                for k in _keys(name, entity.kind):
                    if k and entity.qid not in self.by_key[k]:
                        self.by_key[k].append(entity.qid)
                if entity.kind == "Person" and len(tokens(name)) >= 2:
                    s = surname_key(name)
                    if entity.qid not in self.by_surname[s]:
                        self.by_surname[s].append(entity.qid)

    def lookup(self, name: str, kinds: set[str] | None = None) -> list:
        k = key(name)
        if k not in self.by_key:
            k = " ".join(w for w in k.split() if w != "the") or k
        qids = list(self.by_key.get(k, ()))
        qids += [q for q in self.by_head.get(k, ()) if q not in qids]
        found = [self.kb.entity(q) for q in qids]
        if not found:
            country = country_word(name) or subdivision_word(name)
            if country:
                found = [self.kb.entity(q) for q in self.by_key.get(key(country), ())]
        return [e for e in found if e is not None and (kinds is None or e.kind in kinds)]

    def commonness(self, name: str) -> int:
        """How many of the knowledge base's people share the first given name, times how many
        share the surname: a measure of how many namesakes a full name has (see COMMON_NAME)."""
        words = tokens(name)
        if len(words) < 2:
            return 0
        return self.first_counts[fold_token(words[0])] * self.surname_counts[fold_token(words[-1])]

    def surname(self, name: str) -> list:
        return [self.kb.entity(q) for q in self.by_surname.get(surname_key(name), ())]


def _keys(name: str, kind: str) -> list[str]:
    """The keys a name is found by: its own; for a person known by a middle name, without the
    leading initial ("R. Nicholas Burns" -> "nicholas burns"); for a place, without "the"
    ("Democratic Republic of the Congo" -> "democratic republic of congo")."""
    k = key(name)
    out = [k]
    words = k.split()
    if kind == "Person" and len(words) >= 3 and len(words[0]) == 1:
        out.append(" ".join(words[1:]))
    elif kind != "Person" and "the" in words and len(words) > 1:
        out.append(" ".join(w for w in words if w != "the"))
    return out


def ruler_patterns(kb) -> list[dict]:
    """EntityRuler patterns from KB labels and aliases (capitalised names only), id = QID: the ones
    the knowledge base carries when it was indexed (:class:`kg.link.index_cache.IndexedKnowledgeBase`,
    read from the cache), else made now."""
    carried = getattr(kb, "patterns", None)
    return list(carried) if carried is not None else make_ruler_patterns(kb)


def make_ruler_patterns(kb) -> list[dict]:
    """The patterns of :func:`ruler_patterns`, made from the knowledge base's entities."""
    patterns = []
    seen = set()
    for entity in kb:
        label = _RULER_LABEL.get(entity.kind)
        if label is None:
            continue
        names = (entity.label,) + entity.aliases if entity.label else entity.aliases
        for name in names:
            if not name or not name[0].isupper() or len(name) < 3 and not name.isupper():
                continue
            if label == "PERSON" and len(name.split()) < 2:
                continue
            for variant in dict.fromkeys((name, unhyphenate(name))):  # in order: a set's varies by hash seed
                if (variant, label) not in seen:
                    seen.add((variant, label))
                    patterns.append({"label": label, "pattern": variant, "id": entity.qid})
    return patterns

