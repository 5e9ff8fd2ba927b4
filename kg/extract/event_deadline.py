"""Stated deadlines of events: "withdrawn by the end of 1997", "release them no later than March 2005".

Part of :mod:`kg.extract.events`.  A deadline is a "by" / "no later than" / "before" phrase
attached to the trigger (or its light verb) whose object holds a date naming a year.  The
deadline is the end of the period it names ("by 1997", "by the end of 1997": 1997-12-31; "by
March 1997": 1997-03-31).  Phrases that name a past reference point are no deadline: "return to
the 1997 borders" (a modifier), "since 1997" (a starting point), "the 1997 agreement".
"""

from __future__ import annotations

import calendar
import re

from spacy.tokens import Token

from .event_trigger_record import Trigger

DEADLINE_PREPS = {"by", "before"}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def _date_end(text: str) -> str | None:
    """The last day of the period a date phrase names: "the end of 1997" -> 1997-12-31."""
    years = _YEAR.findall(text)
    if len(years) != 1 or re.search(r"\d{4}s\b", text):
        return None  # "the 1990s", "1997 to 1999": no single deadline
    year = int(years[0])
    month = next((n for w, n in _MONTHS.items() if re.search(rf"\b{w}\b", text.lower())), None)
    if month is None:
        return f"{year:04d}-12-31"
    day = re.search(rf"\b(\d{{1,2}})\b", _YEAR.sub("", text))
    if day and 1 <= int(day.group(1)) <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}-{int(day.group(1)):02d}"
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _deadline_preps(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in DEADLINE_PREPS]
    for c in tok.children:  # "no later than 1997"
        if c.dep_ == "advmod" and c.lower_ == "later" and any(g.lower_ == "than" for g in c.children):
            out += [g for g in c.children if g.lower_ == "than"]
    return out


def _past_perfect(tok: Token) -> bool:
    """"had agreed to withdraw by 1997": a past reference time, the deadline is relative to it."""
    for _ in range(5):
        if any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in tok.children):
            return True
        if tok.dep_ not in {"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "advcl"} or tok.head == tok:
            return False
        tok = tok.head
    return False


#: Nouns naming a part of a period: "by the end of 1997", "before the middle of March".
PERIOD_PARTS = {"end", "close", "middle", "start", "beginning", "turn", "spring", "summer", "autumn", "fall", "winter"}


def _date_head(obj: Token | None) -> Token | None:
    """The date the phrase is: its head is a date ("by 1997", "by March 2023"), or a part of a
    period followed by one ("by the end of 1997"); else None."""
    if obj is None:
        return None
    if obj.ent_type_ == "DATE":
        return obj
    if obj.lemma_.lower() in PERIOD_PARTS:
        inner = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"), None)
        if inner is not None and inner.ent_type_ == "DATE":
            return inner
    return None


def deadline_of(trig: Trigger) -> tuple[str | None, str]:
    """``(ISO date, phrase)`` of the deadline stated for the event, else ``(None, "")``."""
    heads = [trig.key] + ([trig.light] if trig.light is not None else [])
    if _past_perfect(trig.key):
        return None, ""
    for head in heads:
        for prep in _deadline_preps(head):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if _date_head(obj) is None:
                continue  # "investigated by a party he has belonged to since 1963": an agent, no deadline
            toks = [t for t in obj.subtree if not any(a.dep_ in {"relcl", "acl"} for a in t.ancestors
                                                    if a.i != obj.i and obj in a.ancestors)]
            phrase = obj.doc[toks[0].i:toks[-1].i + 1].text
            date = _date_end(phrase)
            if date is not None:
                return date, f"{prep.text} {phrase}"
    return None, ""
