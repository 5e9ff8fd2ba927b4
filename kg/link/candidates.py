"""Name index over the knowledge base: full names, surnames, country words; and ruler patterns."""

from __future__ import annotations

from collections import defaultdict

from ..extract.titles import COUNTRY_WORDS
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

#: The NER label the ruler gives each KB kind.
_RULER_LABEL = {"Person": "PERSON", "Country": "GPE", "Place": "GPE", "Organization": "ORG"}


class NameIndex:
    """name key -> KB items; surname key -> persons."""

    def __init__(self, kb):
        self.kb = kb
        self.by_key: dict[str, list[str]] = defaultdict(list)
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        for entity in kb:
            names = (entity.label,) + entity.aliases if entity.label else entity.aliases
            for name in names:
                k = key(name)
                if k and entity.qid not in self.by_key[k]:
                    self.by_key[k].append(entity.qid)
                if entity.kind == "Person" and len(tokens(name)) >= 2:
                    s = surname_key(name)
                    if entity.qid not in self.by_surname[s]:
                        self.by_surname[s].append(entity.qid)

    def lookup(self, name: str, kinds: set[str] | None = None) -> list:
        found = [self.kb.entity(q) for q in self.by_key.get(key(name), ())]
        if not found:
            country = COUNTRY_WORDS.get(name.lower().strip())
            if country:
                found = [self.kb.entity(q) for q in self.by_key.get(key(country), ())]
        return [e for e in found if e is not None and (kinds is None or e.kind in kinds)]

    def surname(self, name: str) -> list:
        return [self.kb.entity(q) for q in self.by_surname.get(surname_key(name), ())]


def ruler_patterns(kb) -> list[dict]:
    """EntityRuler patterns from KB labels and aliases (capitalised names only), id = QID."""
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
            if (name, label) in seen:
                continue
            seen.add((name, label))
            patterns.append({"label": label, "pattern": name, "id": entity.qid})
    return patterns
