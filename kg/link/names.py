"""The person-name model: a name's parts, and when two given names are the same name.

Parts come from ``nameparser`` (titles, suffixes such as Jr./III, particles von/van/de/bin/al-
kept with the family name, given/middle/family), with honorifics it does not know as titles
("Emir", "King", "Crown Prince") added, and a lone word read as a family name ("Ayatollah
Khamenei" has no given name).  Folding (case, accents, transliteration) is :mod:`kg.namefold`.

Two given names are the **same name** when they fold alike (Sergei/Sergey), one is an initial of
the other (J./John), one is a hypocorism of the other (Jim/James, Tony/Antony: the ``nicknames``
data set), one is a prefix of the other ("Chris"/"Christopher"), or, for names of five letters or
more, they are one edit apart (Antony/Anthony, a typo: :func:`misspelt`).  A mention's given name
fits a person when it is the same name as ANY given or middle name of any of the person's names
(the press leaves out the first of several given names), or one of their family-name words (a
Spanish double surname cut: "Lopez Obrador" for "Andrés Manuel López Obrador").

>>> same_given("Tony", "Antony") and same_given("Jim", "James") and same_given("J", "John")
True
>>> same_given("John", "Antony") or same_given("Jake", "Jack")
False
>>> parse_name("Sheikh Tamim bin Hamad Al Thani").given, parse_name("Ayatollah Khamenei").given
(('tamim', 'bin', 'hamad'), ())
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import Constants
from nicknames import NickNamer

from ..namefold import (ARTICLES, HONORIFICS, ascii_lower, fold_token, key, plain, split_article, surname_key, tokens,
                        unhyphenate)

__all__ = ["PersonName", "parse_name", "same_given", "misspelt", "given_fits", "given_names",
           "given_name_matches", "key", "surname_key", "tokens", "HONORIFICS", "nicknames_of"]

#: Honorifics and styles written before a name that nameparser does not treat as titles.
_EXTRA_TITLES = ("emir", "amir", "king", "queen", "prince", "princess", "crown", "sultan", "sheikha",
                 "shaikh", "sheik", "imam", "grand", "ayatollah", "hojatoleslam", "mullah", "pope",
                 "archbishop", "cardinal", "mme", "herr", "frau", "hon", "honourable", "honorable")
#: nameparser titles that are also common given names (Dean Rusk, Major Garrett): not titles here.
_NOT_TITLES = ("dean", "major", "judge", "general", "bishop", "marshal", "deacon", "chancellor",
               "governor", "president", "minister", "secretary", "senator", "ambassador", "count",
               "baron", "earl", "duke", "lord", "lady", "justice", "elder", "master", "rector")
#: Particles that belong to the family name ("al-" is split off by the tokenizer already).
_PARTICLES = ("al", "el", "bin", "ibn", "bint", "ben", "abu", "von", "van", "der", "den", "de", "del",
              "della", "di", "da", "du", "dos", "das", "la", "le", "ter", "ten", "zu")


def _constants() -> Constants:
    c = Constants()
    c.titles.add(*_EXTRA_TITLES)
    c.titles.remove(*[t for t in _NOT_TITLES if t in c.titles])
    c.prefixes.add(*_PARTICLES)
    return c


_CONSTANTS = _constants()
_STYLE = re.compile(r"^\s*(?:H\.\s?E\.?|His Excellency|Her Excellency)\s+", re.IGNORECASE)
_NAMER = NickNamer()


@dataclass(frozen=True)
class PersonName:
    """A person's name in parts, each a tuple of lower-case ASCII words."""

    text: str
    titles: tuple[str, ...] = ()
    given: tuple[str, ...] = ()  # first and middle names (initials as one letter)
    family: tuple[str, ...] = ()  # family name, particles included ("von der leyen")
    suffix: tuple[str, ...] = ()  # Jr., III

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""

    @property
    def surname(self) -> str:
        """The folded last word of the family name."""
        return fold_token(self.family[-1]) if self.family else ""


def _words(part: str) -> tuple[str, ...]:
    text = unhyphenate(split_article(ascii_lower(part)))  # as kg.namefold.tokens
    return tuple(w for w in plain(text).split() if w)


def _skeleton(word: str) -> str:
    """The consonants of a word, doubled letters once ("sarraj" -> "srj", "seraj" -> "srj")."""
    out = []
    for ch in word:
        if ch in "aeiouy" or out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def transliterated(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` (four letters or more) are romanisations of one name: the same
    first letter and consonants, vowels and doubled letters aside (Seraj/Sarraj, Kadafi/Kaddafi).

    >>> transliterated("Seraj", "Sarraj"), transliterated("Seraj", "Sarkozy"), transliterated("Brown", "Brain")
    (True, False, False)
    """
    a, b = fold_token(a.lower()), fold_token(b.lower())
    return a != b and min(len(a), len(b)) >= 4 and a[0] == b[0] and len(_skeleton(a)) >= 3 \
        and _skeleton(a) == _skeleton(b)


@lru_cache(maxsize=65536)
def parse_name(text: str) -> PersonName:
    """``text`` in parts (see the module docstring).

    >>> p = parse_name("Mr. Abdel Fattah al-Sisi")
    >>> p.titles, p.given, p.family
    (('mr',), ('abdel', 'fattah'), ('al', 'sisi'))
    >>> parse_name("Ayatollah Khamenei").given, parse_name("Ayatollah Khamenei").family
    ((), ('khamenei',))
    """
    style = _STYLE.match(text)  # "H.E." (His/Her Excellency) before the name
    human = HumanName(text[style.end():] if style else text.replace("’", "'"), constants=_CONSTANTS)
    titles = _words(human.title)
    given = _words(human.first) + _words(human.middle)
    family = _words(human.last)
    suffix = _words(human.suffix)
    while given and given[0] in HONORIFICS:  # "Mr" when nameparser left it in
        titles, given = titles + given[:1], given[1:]
    if style:
        titles = ("his excellency",) + titles
    while given and given[0] in ARTICLES and len(given) == 1 and family:  # "Al Sisi": an article
        given, family = (), given + family
    if given and not family:  # a lone word after a title is a family name: "Ayatollah Khamenei"
        given, family = given[:-1], given[-1:]
    if not family and suffix and not given:
        family, suffix = suffix, ()
    return PersonName(text=text, titles=titles, given=given, family=family, suffix=suffix)


@lru_cache(maxsize=16384)
def nicknames_of(name: str) -> frozenset[str]:
    """Hypocorisms and formal names that ``name`` may stand for or be written as (lower case)."""
    n = name.lower()
    return frozenset(_NAMER.nicknames_of(n)) | frozenset(_NAMER.canonicals_of(n))


def _distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, stopping once it exceeds ``limit``.

    >>> _distance("antony", "anthony"), _distance("kitten", "sitting"), _distance("kitten", "sitting", 1)
    (1, 3, 2)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(row) > limit:
            return limit + 1
        previous = row
    return previous[-1]


def misspelt(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` (five letters or more) are one edit apart: a variant spelling or typo.

    >>> misspelt("Antony", "Anthony"), misspelt("Ivan", "Iran"), misspelt("Sergei", "Sergey")
    (True, False, False)
    """
    a, b = fold_token(a.lower()), fold_token(b.lower())
    return a != b and min(len(a), len(b)) >= 5 and _distance(a, b, 1) <= 1


@lru_cache(maxsize=65536)
def same_given(a: str, b: str) -> bool:
    """True when two given names can be the same person's (see the module docstring).

    >>> same_given("J.", "John"), same_given("J", "Mary"), same_given("Tony", "Anthony")
    (True, False, True)
    >>> same_given("Chris", "Christopher"), same_given("Sergei", "Sergey"), same_given("Boris", "Vladimir")
    (True, True, False)
    """
    a, b = ascii_lower(a).strip(". "), ascii_lower(b).strip(". ")
    if not a or not b:
        return True
    fa, fb = fold_token(a), fold_token(b)
    if fa == fb:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in nicknames_of(a) or a in nicknames_of(b):
        return True
    if any(misspelt(n, b) for n in nicknames_of(a)) or any(misspelt(n, a) for n in nicknames_of(b)):
        return True  # a hypocorism of a variant spelling: Tony -> Anthony ~ Antony
    shorter, longer = sorted((fa, fb), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True  # a clipped form: Chris/Christopher, Alex/Alexander, a lost letter: Nicol/Nicolas
    return misspelt(a, b)


def given_fits(given: str, names) -> bool:
    """True when the given name ``given`` is the same name as any given or middle name, or any
    family-name word, of one of ``names`` (a person's label and aliases).

    >>> given_fits("Joe", ["Joseph Robinette Biden"]), given_fits("Robinette", ["Joseph Robinette Biden"])
    (True, True)
    >>> given_fits("J.", ["Mary Jane Smith"]), given_fits("Hillary", ["Bill Clinton", "William Clinton"])
    (False, False)
    """
    if not given:
        return True
    for name in names:
        if not name:
            continue
        parts = parse_name(name)
        if parts.given and same_given(given, parts.given[0]):
            return True
        # a later given name, spelt out (an initial of a middle name is too weak: "James" is not
        # "Raymond J.")
        if any(len(g) > 1 and len(given.strip(".")) > 1 and same_given(given, g) for g in parts.given[1:]):
            return True
        if any(fold_token(given.lower()) == fold_token(w) for w in parts.family[:-1]):
            return True
    return False


def given_names(name: str) -> tuple[str, ...]:
    """The given names of ``name`` as written (honorifics, particles and suffixes left out)."""
    return parse_name(name).given


def given_name_matches(mention_given: str, label_given: str) -> bool:
    """Alias of :func:`same_given` kept for callers of the earlier API."""
    return same_given(mention_given, label_given)
