"""Office titles -> knowledge-base positions.

A title is reduced to a *key*: its content words, lower-cased, British and
American spellings merged, "prime minister" read as "premier" (the same office
in English usage: "Chinese Premier"/"Chinese Prime Minister"), sorted ("Foreign
Minister" and "Minister of Foreign Affairs" both become "foreign minister").  Positions are indexed by the keys of
their short titles and labels, with the position's own country words removed
("President of Russia" -> "president").
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..lexicon import singular_head
from ..namefold import strip_accents

_DROP = {"of", "the", "for", "and", "affairs", "&", "s", "de", "in", "on"}
#: Words a KB title may have beyond the article's without naming another office.
_NEUTRAL = {"state", "commonwealth", "development", "department", "federal", "government"}
_SPELLING = {
    "defence": "defense", "advisor": "adviser", "counsellor": "counselor", "labour": "labor",
    "programme": "program", "organisation": "organization", "co": "", "operation": "cooperation",
    "premier": "premier", "secretary-general": "secretary general",
}


def title_key(title: str) -> str:
    text = strip_accents(title).lower()
    text = text.replace("secretary-general", "secretary general").replace("-", " ")
    words = []
    for w in re.findall(r"[a-z]+", text):
        w = _SPELLING.get(singular_head(w), singular_head(w))  # "Foreign Ministers X and Y"
        if w and w not in _DROP:
            words.append(w)
    if "prime" in words and "minister" in words:  # "Prime Minister" and "Premier" name the same office
        words = [w for w in words if w not in {"prime", "minister"}] + ["premier"]
    return " ".join(sorted(set(words)))


_JOINED = re.compile(r"^(?P<head>.*?\b(?:of|for)\s+)(?P<a>.+?)\s+(?:and|&)\s+(?P<b>.+)$", re.IGNORECASE)


def portfolios(name: str) -> list[str]:
    """The title and, when it joins two portfolios with "and", each portfolio's title:
    France's "Minister of Europe and Foreign Affairs" is also its "Minister of Foreign Affairs";
    "Minister of Foreign Affairs and Trade" is also "Minister of Foreign Affairs".

    >>> portfolios("Minister of Europe and Foreign Affairs")[1:]
    ['Minister of Europe', 'Minister of Foreign Affairs']
    """
    m = _JOINED.match(name)
    if not m:
        return [name]
    return [name, m["head"] + m["a"], m["head"] + m["b"]]


def _country_words(kb, qid: str | None) -> set[str]:
    if not qid:
        return set()
    entity = kb.entity(qid)
    words: set[str] = set()
    if entity is not None:
        for name in entity.names:
            words.update(title_key(name).split())
    return words


#: Words of country names that titles carry without naming another office ("United Nations
#: Secretary-General" is indexed as "nations secretary general").
_STATE_WORDS = frozenset({"united", "states", "kingdom", "people", "republic", "china", "russian", "federation"})


#: Functional equivalents of a portfolio title: a generic description ("foreign minister") names the
#: office whatever its style ("Secretary of State for Foreign ... Affairs", "Minister of External
#: Relations"). A holder noun swaps with the other only beside a portfolio word.
_HOLDER_NOUNS = {"minister": "secretary", "secretary": "minister"}
_PORTFOLIO_EQUIVALENTS = {"foreign": ("external relations", "external")}
_NOT_PORTFOLIO = frozenset({"minister", "secretary", "state", "premier", "deputy", "first", "general"})


def functional_variants(key: str) -> list[str]:
    """Other keys of the same office named by function ("foreign minister" -> "foreign secretary",
    "external minister relation", ...), for a key with a holder noun and a portfolio word.

    >>> functional_variants("foreign minister")
    ['foreign secretary', 'external minister relations', 'external minister', 'external relations secretary', 'external secretary', 'secretary state']
    >>> functional_variants("secretary state")
    []
    """
    words = key.split()
    if not set(words) & set(_HOLDER_NOUNS) or not set(words) - _NOT_PORTFOLIO:
        return []
    swapped = [_HOLDER_NOUNS.get(w, w) for w in words]
    bases = [words, swapped]
    out = [" ".join(sorted(set(swapped)))]
    for base in bases:
        for w, equivalents in _PORTFOLIO_EQUIVALENTS.items():
            if w in base:
                for e in equivalents:
                    out.append(title_key(" ".join([x for x in base if x != w] + [e])))
    if words == ["foreign", "minister"] or words == ["foreign", "secretary"]:
        out.append(title_key("Secretary of State"))  # the United States' foreign minister
    return [k for k in dict.fromkeys(out) if k != key]


class TitleIndex:
    """title key -> positions, built once per knowledge base."""

    def __init__(self, kb):
        self.kb = kb
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._near_memo: dict[str, frozenset[str]] = {}
        self._broader_memo: dict[str, frozenset[str]] = {}
        for position in kb.positions():
            drop = _country_words(kb, position.country) | _country_words(kb, position.jurisdiction)
            drop |= _STATE_WORDS
            for name in {v for n in position.names for v in portfolios(n)}:
                words = title_key(name).split()
                key = " ".join(w for w in words if w not in drop) if len(words) > 1 else " ".join(words)
                if key:
                    self._by_key[key].add(position.qid)

    def positions(self, title: str, country: str | None = None) -> set[str]:
        """Positions (of ``country`` when given) whose key equals the title's, else whose key
        only adds neutral words ("Foreign Secretary" -> "Secretary of State for Foreign and
        Commonwealth Affairs")."""
        key = title_key(title)
        if key not in self._by_key and len(key.split()) > 1:
            key = " ".join(w for w in key.split() if w not in _STATE_WORDS) or key
        exact = self.in_country(set(self._by_key.get(key, ())), country)
        found = exact | self.in_country(self._near(key), country)
        if not country or self.in_country(found, country, strict=True):
            return found
        # no office of that country has the title: one named by its function ("British foreign
        # minister": the Foreign Secretary; "Brazilian foreign minister": Minister of External Relations)
        for variant in functional_variants(key):  # the nearest variant the country has
            mine = self.in_country(set(self._by_key.get(variant, ())) | self._near(variant), country, strict=True)
            if mine:
                return found | mine
        return found

    def broader(self, title: str, country: str | None = None) -> set[str]:
        """Positions whose title holds every word of this one, and more ("chancellor" ->
        "Chancellor of the Exchequer"): offices a person may be meant by the shorter title."""
        key = title_key(title)
        if key not in self._broader_memo:
            words = set(key.split())
            out: set[str] = set()
            for other, positions in self._by_key.items():
                if words and words < set(other.split()):
                    out |= positions
            self._broader_memo[key] = frozenset(out)
        return self.in_country(set(self._broader_memo[key]), country, strict=True)

    def _near(self, key: str) -> set[str]:
        """Positions whose key only adds neutral words to ``key`` (a scan of every key: memoised,
        the index does not change once built)."""
        if key not in self._near_memo:
            self._near_memo[key] = frozenset(self._scan_near(key))
        return set(self._near_memo[key])

    def _scan_near(self, key: str) -> set[str]:
        words = set(key.split())
        if not words:
            return set()
        out: set[str] = set()
        for other, positions in self._by_key.items():
            extra = set(other.split()) - words
            if extra and extra <= _NEUTRAL and words <= set(other.split()):
                out |= positions
        return out

    def in_country(self, positions: set[str], country: str | None, strict: bool = False) -> set[str]:
        """The positions that belong to ``country`` (P17 or P1001), or to no known country unless
        ``strict`` (a broader office -- one whose title only contains this one's -- is the country's
        only when Wikidata says so: "French president" may mean an office of France, not an
        "Acting President of Russia" the slice gives no country)."""
        if not country:
            return positions
        out = set()
        for qid in positions:
            p = self.kb.entity(qid)
            if p is not None and (country in {p.country, p.jurisdiction} or
                                  not strict and not (p.country or p.jurisdiction)):
                out.add(qid)
        return out
