"""Role claims: "TITLE NAME" and its variants, read off a spaCy ``Doc``.

Patterns (each a function below):
- title-name:            [the] [COUNTRY|ORG['s]] [modifiers] TITLE NAME [of COUNTRY]
- title-of-country-name: TITLE of [the] COUNTRY NAME ("Prime Minister of Japan X",
                         "Minister of Foreign Affairs of Brazil X")
- title-comma-name:      the UK's Foreign Secretary, Liz Truss
- name-comma-title:      Liz Truss, the UK's Foreign Secretary
Which office a title denotes is decided by the linker from the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Mention, RoleClaim
from .titles import (COUNTRY_WORDS, HEADS, JOINERS, MODIFIERS, OFFICE_MODIFIERS, ORG_WORDS, TITLE_WORDS, country_word,
                     singular_head)
from .sentences import sentence_of

_POSSESSIVE = {"'s", "’s", "'", "’"}
_HYPHENS = {"-", "–", "—"}
#: A clock time or its am/pm: "9:50", "14:00", "am", "p.m.", "10am"
_CLOCK = re.compile(r"\d{1,2}(?::\d{2}){1,2}|\d{0,2}(?:[ap]\.?m\.?)")


@dataclass
class _Title:
    """A parsed title expression over doc tokens [start, end)."""

    start: int
    end: int
    title_start: int
    title_end: int
    country: str = ""
    organization: str = ""
    modifiers: tuple[str, ...] = ()


def _word(tok: Token) -> str:
    return tok.text.lower().rstrip(".") if tok.text not in {"U.S.", "U.K.", "E.U.", "U.N."} else tok.text.lower()


def _is_title_token(tok: Token) -> bool:
    w = tok.text.lower()
    return _is_country_entity(tok) or singular_head(w) in TITLE_WORDS or w in MODIFIERS or w in JOINERS or w in COUNTRY_WORDS or w in ORG_WORDS \
        or w.rstrip(".") in COUNTRY_WORDS or tok.text in _POSSESSIVE or tok.text in _HYPHENS


def _is_country_entity(tok: Token) -> bool:
    """A token of a place entity followed by a possessive: "Estonia" in "Estonia's prime minister"."""
    if tok.ent_type_ != "GPE":
        return False
    j = tok.i
    while j + 1 < len(tok.doc) and tok.doc[j + 1].ent_iob_ == "I" and tok.doc[j + 1].ent_type_ == "GPE":
        j += 1
    return j + 1 < len(tok.doc) and tok.doc[j + 1].text in _POSSESSIVE


def _country_at(doc: Doc, i: int, end: int) -> tuple[str, str, int]:
    """(country, organisation, tokens used) for a country/org word starting at token i, or a
    place entity followed by a possessive ("Estonia's")."""
    if i + 1 < end:
        two = f"{doc[i].text.lower()} {doc[i + 1].text.lower()}"
        if two in COUNTRY_WORDS:
            return COUNTRY_WORDS[two], "", 2
    w = doc[i].text.lower()
    if w in COUNTRY_WORDS:
        return COUNTRY_WORDS[w], "", 1
    if w.rstrip(".") in COUNTRY_WORDS and w.rstrip(".") not in TITLE_WORDS:
        return COUNTRY_WORDS[w.rstrip(".")], "", 1
    if w in ORG_WORDS:
        return "", ORG_WORDS[w], 1
    if _is_country_entity(doc[i]) and doc[i].ent_iob_ == "B":
        j = i + 1
        while j < end and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == "GPE":
            j += 1
        return doc[i:j].text, "", j - i
    return "", "", 0


def _parse_title(doc: Doc, start: int, end: int) -> _Title | None:
    """Parse tokens [start, end) as [the] [mods] [COUNTRY['s]] [mods] TITLE; None if not a title."""
    i = start
    # (a dash before the title is punctuation, "9:50 am ET — President X": a title's dashes join its words)
    while i < end and (doc[i].text.lower() in JOINERS or doc[i].text in _HYPHENS):
        i += 1
    first = i
    modifiers: list[str] = []
    country = organization = ""
    while i < end:
        w = doc[i].text.lower()
        if w in MODIFIERS and w not in OFFICE_MODIFIERS:
            modifiers.append(w)
            i += 1
            while i < end and doc[i].text in _HYPHENS:
                i += 1
            continue
        c, o, used = _country_at(doc, i, end)
        if used and not (country or organization):
            country, organization = c, o
            i += used
            while i < end and (doc[i].text in _POSSESSIVE):
                i += 1
            continue
        break
    t_start = i
    while i < end and doc[i].text.lower() in OFFICE_MODIFIERS:
        modifiers.append(doc[i].text.lower())
        i += 1
        while i < end and doc[i].text in _HYPHENS:
            i += 1
    words = doc[t_start:end]
    if words and words[0].lower_ in JOINERS and t_start > first:
        return None  # "of Russia and President X": a country across a conjunction is not the title's
    if words and words[0].lower_ == "under" and (len(words) < 2 or not words[1].lower_.startswith("secretary")):
        return None  # "under President Maduro": a preposition, not "Under Secretary"
    if not any(singular_head(t.text) in HEADS for t in words):
        return None
    if any(not (singular_head(t.text) in TITLE_WORDS or t.text.lower() in JOINERS or t.text.lower() in MODIFIERS
                or t.text in _HYPHENS) for t in words):
        return None
    if doc[end - 1].text.lower() in JOINERS:
        return None
    content = [t for t in words if t.lower_ not in JOINERS and t.text not in _HYPHENS and t.is_alpha]
    if any(a.is_lower and b.text[:1].isupper() for a, b in zip(content, content[1:])):
        return None  # "support the initiative of President": a title is cased alike, capitals first
    return _Title(first, end, t_start, end, country, organization, tuple(modifiers))


def _left_title(doc: Doc, name_start: int, sent_start: int) -> _Title | None:
    """The longest title expression ending right before token ``name_start``."""
    i = name_start
    while i > sent_start and _is_title_token(doc[i - 1]) and name_start - i < 10:
        i -= 1
    # try the longest span first, then shorter ones
    for start in range(i, name_start):
        parsed = _parse_title(doc, start, name_start)
        if parsed is not None:
            return parsed
    return None


def _country_before(doc: Doc, name_start: int, sent_start: int) -> tuple[int, str] | None:
    """"... of [the] COUNTRY NAME": (index of "of", the country's text) when a country (a GPE
    entity, a country word, or words the model glued to the PERSON span, which mentions.py cut
    off) stands right before the name after "of"; else None."""
    j = name_start
    while j > sent_start and name_start - j < 5 and (
            doc[j - 1].ent_type_ in {"GPE", "LOC", "PERSON", "ORG"} or doc[j - 1].lower_ in COUNTRY_WORDS) \
            and doc[j - 1].lower_ not in JOINERS:
        j -= 1
    if j == name_start:
        return None
    country = doc[j:name_start].text
    if any(t.ent_type_ == "ORG" for t in doc[j:name_start]) and not country_word(country):
        return None  # an organisation is a country here only when its name is one ("United States")
    k = j - 1
    if k > sent_start and doc[k].lower_ == "the":
        k -= 1
    if k <= sent_start or doc[k].lower_ != "of":
        return None
    return k, COUNTRY_WORDS.get(country.lower(), country)


def _previous_conjunct(doc: Doc, name_start: int, sent_start: int) -> int:
    """The last token of the name before "X and NAME" / "X, NAME" (-1 when there is none)."""
    i = name_start - 1
    if i > sent_start and doc[i].lower_ in {"and", ","}:
        return i - 1
    return -1


def _conjuncts(doc: Doc, title: _Title) -> list[_Title]:
    """A title of two offices joined by "and" as two titles, sharing the country and modifiers:
    "the former Russian president and prime minister" is a former president and a former prime
    minister.  Only when each side has a head noun: "Minister of Europe and Foreign Affairs" is one
    office."""
    for k in range(title.title_start + 1, title.title_end - 1):
        if doc[k].lower_ not in {"and", "&"}:
            continue
        left, right = doc[title.title_start:k], doc[k + 1:title.title_end]
        if any(t.lower_ in HEADS for t in left) and any(t.lower_ in HEADS for t in right) \
                and left[-1].lower_ not in JOINERS:
            first = _Title(title.start, k, title.title_start, k, title.country, title.organization, title.modifiers)
            second = _Title(title.start, title.end, k + 1, title.title_end, title.country, title.organization,
                            title.modifiers)
            return [first, second]
    return [title]


def _right_title(doc: Doc, name_end: int, sent_end: int, name_dep: str = "nsubj") -> _Title | None:
    """"NAME, [the] [COUNTRY's] TITLE," : the apposition after a name (``name_dep``: the name's
    dependency label)."""
    if name_end >= sent_end or doc[name_end].text != ",":
        return None
    if name_end + 1 < sent_end and doc[name_end + 1].lower_ in {"and", "or", "but", "who", "which"}:
        return None  # a list ("X, and the chancellor") or a relative clause, not an apposition
    j = name_end + 1
    while j < sent_end and _is_title_token(doc[j]) and j - name_end < 10:
        j += 1
    stop = doc[j] if j < sent_end else None
    if stop is not None and stop.text in _POSSESSIVE:
        return None  # "X, the President's adviser": the title belongs to someone else
    if stop is not None and not (stop.is_punct or stop.pos_ in {"VERB", "AUX", "CCONJ"}):
        return None
    if stop is not None and stop.pos_ in {"VERB", "AUX"} and name_dep not in {"nsubj", "nsubjpass", "ROOT"}:
        # "after the meeting with X, the Vice President will host him": the name ends a fronted
        # phrase and the title is the subject of the verb after it, not an apposition
        return None
    return _parse_title(doc, name_end + 1, j)


def _of_country(doc: Doc, name_end: int, sent_end: int) -> str:
    """"President Vladimir V. Putin of Russia": the country after the name."""
    if name_end + 1 < sent_end and doc[name_end].text == "of":
        c, _, used = _country_at(doc, name_end + 1, sent_end)
        if used:
            return c
        ent = doc[name_end + 1]
        if ent.ent_type_ == "GPE":
            return ent.text
    return ""


def _principal(doc: Doc, title_start: int, sent_start: int) -> str:
    """"Donald Trump's national security adviser": the person whose title it is, else ""."""
    i = title_start
    while i > sent_start and doc[i - 1].lower_ in {"the"}:
        i -= 1
    if i - 2 < sent_start or doc[i - 1].text not in _POSSESSIVE or doc[i - 2].ent_type_ != "PERSON":
        return ""
    j = i - 2
    while j > sent_start and doc[j].ent_iob_ == "I":
        j -= 1  # back to the first token of the name
    return doc[j:i - 1].text


def _qualifier(doc: Doc, title_start: int, sent_start: int) -> str:
    """"NEC Director X", "OMB Director X": an acronym right before the title names the body whose
    office it is (the title is that body's, not any director's), or ''.  Known countries and
    organisations are parsed as part of the title; only the others are qualifiers."""
    i = title_start - 1
    if i < sent_start:
        return ""
    tok = doc[i]
    word = tok.text.rstrip(".").replace(".", "")
    if not (2 <= len(word) <= 6 and word.isalpha() and word.isupper()) or _word(tok) in COUNTRY_WORDS \
            or _word(tok) in ORG_WORDS or singular_head(tok.text.lower()) in TITLE_WORDS:
        return ""
    if i > sent_start and _CLOCK.fullmatch(doc[i - 1].text.lower()):
        return ""  # a time zone after a clock time ("10 a.m. EST President X", "14:00 GMT"), not a body
    return word


def role_claims(doc: Doc, mentions: list[Mention], extractor: str) -> list[RoleClaim]:
    """Every role claim about a PERSON mention of the article."""
    out: list[RoleClaim] = []
    text = doc.text  # spaCy rebuilds Doc.text from the tokens on every access
    plural: dict[int, _Title] = {}  # last token of a name -> the plural title before it
    for m in mentions:
        if m.label != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        sent = sentence_of(span)
        found: list[tuple[_Title, str, float]] = []
        before = _country_before(doc, span.start, sent.start)
        left = _left_title(doc, before[0], sent.start) if before else None
        if left is not None and not left.organization:
            left.country = before[1]  # "of COUNTRY" complements the title nearest the name
            found.append((left, "title-of-country-name", 0.9))
        elif (left := _left_title(doc, span.start, sent.start)) is not None:
            found.append((left, "title-name", 0.9))
        elif span.start - 1 > sent.start and doc[span.start - 1].text == ",":
            comma = _left_title(doc, span.start - 1, sent.start)
            if comma is not None and any(singular_head(t.text) != t.lower_ for t in
                                         doc[comma.title_start:comma.title_end] if singular_head(t.text) in HEADS):
                comma = None  # "a lunch with EU foreign ministers, X stressed": a plural title is not X's
            if comma is not None:
                found.append((comma, "title-comma-name", 0.8))
        right = _right_title(doc, span.end, sent.end, span.root.dep_)
        if right is not None:
            found.append((right, "name-comma-title", 0.8))
        if not found and (shared := plural.get(_previous_conjunct(doc, span.start, sent.start))) is not None:
            found.append((shared, "title-name", 0.8))  # "Foreign Ministers X and Y": Y's title too
        if left is not None and any(singular_head(t.text) != t.lower_ for t in doc[left.title_start:left.title_end]
                                    if singular_head(t.text) in HEADS):
            plural[span.end - 1] = left
        found = [(part, pattern, confidence) for title, pattern, confidence in found
                 for part in _conjuncts(doc, title)]
        for title, pattern, confidence in found:
            country = title.country or (_of_country(doc, span.end, sent.end) if pattern == "title-name" else "")
            principal = _principal(doc, title.start, sent.start) if not country else ""
            t0, t1 = doc[title.title_start], doc[title.title_end - 1]
            title_start, title_end = t0.idx, t1.idx + len(t1.text)
            start = min(title_start, m.start)
            end = max(title_end, m.end)
            out.append(
                RoleClaim(
                    article_id=m.article_id,
                    start=start,
                    end=end,
                    person=m,
                    title=text[title_start:title_end],
                    title_start=title_start,
                    title_end=title_end,
                    country=country,
                    organization=title.organization,
                    modifiers=title.modifiers,
                    principal=principal,
                    qualifier=_qualifier(doc, title.title_start, sent.start) if title.start == title.title_start else "",
                    pattern=pattern,
                    extractor=f"{extractor}+roles",
                    confidence=confidence,
                )
            )
    return out
