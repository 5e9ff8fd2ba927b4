"""The knowledge-base linker: candidates by name, constrained by type, decided by context.

Context used: the title next to a person's name (the office and its holder on
the claim's date), earlier and later mentions in the same article
(coreference by surname), and the article date against birth and terms of
office.  A mention with no good candidate stays unlinked: no forced links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract.titles import country_word
from ..model import Extraction, Link, Linked, Mention, RoleClaim, RoleLink
from .candidates import ALLOWED_KINDS, NameIndex
from .names import given_name_matches, given_names, key, surname_key, tokens
from .titles import TitleIndex, title_key

_CACHE: dict[int, tuple] = {}


def _indexes(kb) -> tuple[NameIndex, TitleIndex]:
    cached = _CACHE.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, NameIndex(kb), TitleIndex(kb))
        _CACHE.clear()
        _CACHE[id(kb)] = cached
    return cached[1], cached[2]


@dataclass
class _Context:
    date: str | None
    roles: dict[tuple, RoleClaim]
    chains: dict[str, str] = field(default_factory=dict)  # surname key -> QID linked in this article


class Linker:
    def __init__(self, kb):
        self.kb = kb
        self.names, self.titles = _indexes(kb)

    # -- public -------------------------------------------------------------------------

    def link(self, extraction: Extraction) -> Linked:
        article = extraction.article
        ctx = _Context(date=article.date, roles={r.person.key: r for r in extraction.roles})
        links: dict[tuple, Link] = {}
        # Pass 1: full names (two tokens or more) of people, and every non-person mention.
        for m in extraction.mentions:
            if not self._is_short_person(m):
                links[m.key] = self._link(m, ctx, allow_surname=False)
        # Pass 2: surnames alone ("Blinken", "Mr. Putin"), now that the article's full names are known.
        for m in extraction.mentions:
            if m.key not in links:
                links[m.key] = self._link(m, ctx, allow_surname=True)
        ordered = tuple(links[m.key] for m in extraction.mentions)
        roles = tuple(self.resolve_role(r, links.get(r.person.key), ctx.date) for r in extraction.roles)
        return Linked(links=ordered, roles=roles)

    # -- mentions -----------------------------------------------------------------------

    @staticmethod
    def _is_short_person(m: Mention) -> bool:
        return len(tokens(m.text)) <= 1 and m.label in {"PERSON", "ORG", "GPE"}

    def _link(self, m: Mention, ctx: _Context, *, allow_surname: bool) -> Link:
        if m.label == "PERSON" or (allow_surname and surname_key(m.text) in ctx.chains):
            link = self._link_person(m, ctx, allow_surname)
            if link is not None:
                if link.qid:
                    ctx.chains.setdefault(surname_key(link.label), link.qid)
                    ctx.chains.setdefault(surname_key(m.text), link.qid)
                return link
            if m.label == "PERSON":
                return _unlinked(m, "no person in the knowledge base has this name")
        kinds = ALLOWED_KINDS.get(m.label)
        if kinds is None:
            return _unlinked(m, f"{m.label} mentions are not linked")
        text = m.text
        if m.label == "NORP":
            text = country_word(text) or ""
            if not text:
                return _unlinked(m, "not a country adjective")
        found = self.names.lookup(text, kinds)
        if not found:
            return _unlinked(m, "no candidate of a compatible type")
        best = sorted(found, key=lambda e: (e.kind != "Country", e.qid not in self.names.capitals,
                                            not _is_name(e, text), _qnum(e.qid)))[0]
        score = 0.95 if len(found) == 1 else 0.75
        method = "label" if _is_label(best, text) else "alias"
        return Link(mention=m, qid=best.qid, kind=best.kind, score=score, method=method, label=best.label or m.text)

    def _link_person(self, m: Mention, ctx: _Context, allow_surname: bool) -> Link | None:
        role = ctx.roles.get(m.key)
        date = (role.claim_date if role and role.claim_date else None) or ctx.date
        holders = self._title_holders(role, m, date) if role else []
        candidates = [e for e in self.names.lookup(m.text, {"Person"}) if _born_by(e, date)]
        if candidates:
            best = self._prefer(candidates, holders, date)
            return Link(mention=m, qid=best.qid, kind="Person", score=0.95 if len(candidates) == 1 else 0.8,
                        method="label" if _is_label(best, m.text) else "alias", label=best.label or m.text)
        surname = surname_key(m.text)
        if holders:
            # The office holder on the date, matched by surname: "Secretary of State John Blinken".
            same = [h for h in holders if surname_key(h.label or "") == surname]
            if len(same) == 1:
                holder = same[0]
                given = given_names(m.text)
                differs = bool(given) and not _given_matches(given, holder)
                return Link(mention=m, qid=holder.qid, kind="Person", score=0.7 if differs else 0.85,
                            method="office-holder", name_differs=differs, label=holder.label or m.text)
        if surname in ctx.chains and (allow_surname or _given_matches(given_names(m.text), self.kb.entity(ctx.chains[surname]))):
            qid = ctx.chains[surname]
            entity = self.kb.entity(qid)
            if len(tokens(m.text)) <= 1 or _given_matches(given_names(m.text), entity):
                return Link(mention=m, qid=qid, kind="Person", score=0.85, method="coref",
                            label=entity.label if entity else m.text)
        if allow_surname or len(tokens(m.text)) >= 2:
            same = [e for e in self.names.surname(m.text) if e is not None and _born_by(e, date)]
            if len(tokens(m.text)) >= 2:
                same = [e for e in same if _given_matches(given_names(m.text), e)]
            active = [e for e in same if date and any(h.covers(date) for h in self.kb.positions_held(e.qid))]
            if len(active) == 1:
                return Link(mention=m, qid=active[0].qid, kind="Person", score=0.6,
                            method="surname+office-on-date", label=active[0].label or m.text)
        return None

    def _title_holders(self, role: RoleClaim, m: Mention, date: str | None) -> list:
        if not date:
            return []
        positions = self.role_positions(role)
        out = {}
        for position in positions:
            for h in self.kb.holders_on(position, date):
                entity = self.kb.entity(h.person)
                if entity is not None:
                    out[entity.qid] = entity
        return list(out.values())

    def _prefer(self, candidates: list, holders: list, date: str | None):
        holder_ids = {h.qid for h in holders}
        def rank(e):
            active = bool(date) and any(h.covers(date) for h in self.kb.positions_held(e.qid))
            return (e.qid not in holder_ids, not active, -len(self.kb.positions_held(e.qid)), _qnum(e.qid))
        return sorted(candidates, key=rank)[0]

    # -- roles --------------------------------------------------------------------------

    def country_of(self, role: RoleClaim) -> str | None:
        if not role.country:
            return None
        found = self.names.lookup(role.country, {"Country"})
        return found[0].qid if found else None

    def role_positions(self, role: RoleClaim) -> set[str]:
        return self.titles.positions(_title_text(role), self.country_of(role))

    def resolve_role(self, role: RoleClaim, person: Link | None, date: str | None) -> RoleLink:
        title = _title_text(role)
        country = self.country_of(role)
        positions = self.titles.positions(title, country)
        person = person or _unlinked(role.person, "not linked")
        chosen = None
        method = "no position in the knowledge base has this title"
        if positions and person.qid:
            held = [h for h in self.kb.positions_held(person.qid) if h.position in positions]
            if held:
                covering = [h for h in held if role.claim_date and h.covers(role.claim_date)]
                chosen = (covering or held)[0].position
                method = "a position with this title the person held"
            elif len(positions) == 1:
                chosen, method = next(iter(positions)), "the only position with this title"
            else:
                method = "several positions have this title; the person held none of them"
        elif len(positions) == 1:
            chosen, method = next(iter(positions)), "the only position with this title"
        broader = self.titles.broader(title, country) - positions
        if country and not positions and not broader:
            # No such office in that country ("US Prime Minister"): the title still names an
            # office type, and a person who held none of its offices anywhere never held it.
            broader = self.titles.positions(title) | self.titles.broader(title)
            method = f"{method} in that country; offices with this title elsewhere are the evidence"
        return RoleLink(claim=role, person=person, title_key=title_key(title), positions=tuple(sorted(positions, key=_qnum)),
                        broader=tuple(sorted(broader, key=_qnum)),
                        position=chosen, country=country, method=method)


def _title_text(role: RoleClaim) -> str:
    """The title with its organisation, as the title index reads it: "NATO Secretary General"."""
    return f"{role.organization} {role.title}" if role.organization else role.title


def _unlinked(m: Mention, reason: str) -> Link:
    from . import unlinked

    return unlinked(m, reason)


def _qnum(qid: str) -> int:
    return int(qid[1:]) if qid[:1] == "Q" and qid[1:].isdigit() else 1 << 40


def _is_label(entity, text: str) -> bool:
    return bool(entity.label) and key(entity.label) == key(text)


def _is_name(entity, text: str) -> bool:
    """True when ``text`` is one of the entity's names (not only the head of "Washington, D.C.")."""
    return any(key(n) == key(text) for n in (entity.label,) + tuple(entity.aliases) if n)


def _born_by(entity, date: str | None) -> bool:
    return not (date and entity.birth and entity.birth[:4] > date[:4])


def _given_matches(given: tuple[str, ...], entity) -> bool:
    """True when the mention's given names fit one of the entity's names."""
    if not given:
        return True
    if entity is None:
        return False
    for name in (entity.label,) + tuple(entity.aliases):
        if not name:
            continue
        theirs = given_names(name)
        if not theirs:
            continue
        if given_name_matches(given[0], theirs[0]):
            return True
    return False
