"""Name normalisation for matching mentions against knowledge-base labels.

``key(name)`` folds case, diacritics, punctuation, possessives, honorifics,
middle initials and common transliteration variants (Sergei/Sergey,
Zelensky/Zelenskyy/Zelenskiy, Kiev/Kyiv), so that equal keys mean "the same
name as written by different outlets".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady madam mme m herr frau prof professor rev".split())

#: English hypocoristics: short form -> formal given names (language data).
NICKNAMES: dict[str, frozenset[str]] = {
    short: frozenset(full.split())
    for short, full in {
        "tony": "antony anthony", "jim": "james", "jimmy": "james", "mike": "michael", "bob": "robert",
        "rob": "robert", "bill": "william", "will": "william", "joe": "joseph", "liz": "elizabeth",
        "beth": "elizabeth", "betsy": "elizabeth", "dick": "richard", "rick": "richard", "tom": "thomas",
        "ted": "edward", "ed": "edward", "eddie": "edward", "chuck": "charles", "charlie": "charles",
        "dan": "daniel", "danny": "daniel", "dave": "david", "steve": "stephen steven", "nick": "nicholas",
        "chris": "christopher christine", "matt": "matthew", "pat": "patrick patricia", "sam": "samuel",
        "ben": "benjamin", "alex": "alexander alexandra", "andy": "andrew", "sasha": "alexander",
        "al": "albert alan", "fred": "frederick", "jeff": "jeffrey", "jerry": "gerald jerome", "ken": "kenneth",
        "larry": "lawrence", "ron": "ronald", "don": "donald", "greg": "gregory", "pete": "peter",
        "sue": "susan", "kate": "katherine catherine", "jenny": "jennifer", "vlad": "vladimir",
        "volodymyr": "vladimir", "kathy": "katherine", "nancy": "ann", "hank": "henry", "harry": "henry",
        "jack": "john", "johnny": "john", "jon": "jonathan john", "tim": "timothy", "newt": "newton",
    }.items()
}

_INITIAL = re.compile(r"^[a-z]$")


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """One name token in a transliteration-insensitive form."""
    t = token
    t = re.sub(r"(iy|yy|ii|ij|yi|ei|ey|yj)$", "y", t)  # Zelenskiy/Zelenskyy/Zelensky, Sergei/Sergey
    t = t.replace("kyiv", "kiev").replace("kyyiv", "kiev")
    t = t.replace("yy", "y").replace("ij", "y")
    t = re.sub(r"(.)\1", r"\1", t)  # doubled letters: Gennadiy/Gennady, Medvedev stays
    t = t.replace("kh", "h").replace("dzh", "j").replace("zh", "j")
    t = t.replace("ya", "ia").replace("yu", "iu").replace("y", "i")
    return t


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """Lower-cased, accent-free word tokens; possessives, honorifics and initials dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    if not text.isascii():
        text = anyascii(text)  # letters without a decomposition: Radosław, Løkke, Сергей
    text = text.lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"(?<![a-z])([a-z])\.", r"\1", text)  # acronyms: E.U. -> eu, U.S. -> us
    text = re.sub(r"(?<=[a-z])[-‐](?=[a-z])", "", text)  # Co-operation/Cooperation
    text = text.replace(".", " ").replace("’", "").replace("'", "")
    words = re.findall(r"[a-z0-9]+", text)
    while words and words[0] in HONORIFICS:
        words = words[1:]
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not _INITIAL.match(w)] + [words[-1]]
    return tuple(words)


def key(name: str) -> str:
    """The matching key of a whole name."""
    return " ".join(fold_token(t) for t in tokens(name))


def surname_key(name: str) -> str:
    toks = tokens(name)
    return fold_token(toks[-1]) if toks else ""


def given_names(name: str) -> tuple[str, ...]:
    toks = tokens(name)
    return toks[:-1]


def given_name_matches(mention_given: str, label_given: str) -> bool:
    """True when two given names can be the same person's (Tony/Antony, Sergei/Sergey, J./John)."""
    a, b = mention_given.lower(), label_given.lower()
    if not a or not b:
        return True
    if fold_token(a) == fold_token(b):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in NICKNAMES.get(a, ()) or a in NICKNAMES.get(b, ()):
        return True
    shorter, longer = sorted((fold_token(a), fold_token(b)), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter)
