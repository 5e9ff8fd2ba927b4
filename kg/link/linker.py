"""The knowledge-base linker: candidates by name, constrained by type, decided by context.

Context used: the title next to a person's name (the office and its holder on
the claim's date), earlier and later mentions in the same article
(coreference by surname, or by family name written first: East Asian order), the
countries the article names, and the article date against birth and terms of
office.  A mention with no good candidate stays unlinked: no forced links.

Persons, in this order (see :meth:`Linker._link_person`):
1. title first: the holder, on the claim's date, of the office the title names, whose
   surname is the mention's ("President <surname>", "Secretary of State <given> <surname>";
   a given name that is not one of the holder's marks ``name_differs``);
2. the knowledge base's people of that full name, the office holder first; a bare full name
   (no title) needs evidence beyond the string: one of their offices' countries named in the
   article, or a name no other person of the knowledge base shares a surname with;
3. the article's own full-name mention of that surname (coreference);
4. a bare surname with no title: the one person of that surname in office on the date.
A titled surname-only mention that none of these resolves stays unlinked (unverifiable),
never an arbitrary namesake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import SUBDIVISION_NAMES, country_word, subdivision_word
from ..model import Extraction, Link, Linked, Mention, RoleClaim, RoleLink
from ..namefold import ARTICLES, fold_token
from ..wikidata_ids import qid_number as _qnum  # oldest item first (kg.wikidata_ids)
from .base import unlinked as _unlinked
from .candidates import ALLOWED_KINDS, COMMON_NAME, NameIndex
from .index_cache import link_indexes
from .names import given_fits, key, nicknames_of, parse_name, surname_key, tokens, transliterated
from .titles import TitleIndex, title_key

_CACHE: dict[int, tuple] = {}



def _indexes(kb) -> tuple[NameIndex, TitleIndex]:
    cached = _CACHE.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = (kb, *link_indexes(kb))  # the ones an open_kb() knowledge base carries
        _CACHE.clear()
        _CACHE[id(kb)] = cached
    return cached[1], cached[2]


@dataclass
class _Context:
    date: str | None
    roles: dict[tuple, RoleClaim]
    chains: dict[str, str] = field(default_factory=dict)  # surname key -> QID linked in this article
    family_first: dict[str, str] = field(default_factory=dict)  # first-word key -> QID ("Xi" for Xi Jinping)
    countries: frozenset[str] = frozenset()  # countries the article names (QIDs)
    sentence_places: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # GPE texts per sentence


class Linker:
    def __init__(self, kb):
        self.kb = kb
        self.names, self.titles = _indexes(kb)

    # -- public -------------------------------------------------------------------------

    def link(self, extraction: Extraction) -> Linked:
        article = extraction.article
        ctx = _Context(date=article.date, roles={r.person.key: r for r in extraction.roles},
                       countries=self._countries(extraction))
        for m in extraction.mentions:
            if m.label in {"GPE", "LOC"}:
                ctx.sentence_places.setdefault((m.sent_start, m.sent_end), []).append(m.text)
        links: dict[tuple, Link] = {}
        # Pass 1: full names (two tokens or more) of people, and every non-person mention.
        for m in extraction.mentions:
            if not self._is_short_person(m):
                links[m.key] = self._link(m, ctx, allow_surname=False)
        # Pass 2: surnames alone ("Blinken", "Mr. Putin"), now that the article's full names are
        # known: titled ones first ("President Biden" says who a later "Mr. Biden" is).
        for titled in (True, False):
            for m in extraction.mentions:
                if m.key not in links and (m.key in ctx.roles) == titled:
                    links[m.key] = self._link(m, ctx, allow_surname=True)
        ordered = tuple(links[m.key] for m in extraction.mentions)
        roles = tuple(self.resolve_role(r, links.get(r.person.key), ctx.date) for r in extraction.roles)
        return Linked(links=ordered, roles=roles)

    # -- mentions -----------------------------------------------------------------------

    @staticmethod
    def _is_short_person(m: Mention) -> bool:
        if m.label == "PERSON":
            return not parse_name(m.text).given  # "Blinken", "Mr. Putin", "Ayatollah Khamenei"
        return len(tokens(m.text)) <= 1 and m.label in {"ORG", "GPE"}

    def _link(self, m: Mention, ctx: _Context, *, allow_surname: bool) -> Link:
        if m.label == "PERSON" or (allow_surname and m.label != "GPE" and surname_key(m.text) in ctx.chains):
            link = self._link_person(m, ctx, allow_surname)
            if link is not None:
                if link.qid:
                    ctx.chains.setdefault(surname_key(link.label), link.qid)
                    ctx.chains.setdefault(surname_key(m.text), link.qid)
                    ctx.chains.setdefault(parse_name(link.label or m.text).surname, link.qid)
                    first = parse_name(link.label or m.text).given[:1]
                    if first and len(tokens(m.text)) >= 2 and self._family_first(link.label or m.text):
                        ctx.family_first.setdefault(key(first[0]), link.qid)
                return link
            if m.label == "PERSON":
                return _unlinked(m, "no person in the knowledge base has this name")
        kinds = ALLOWED_KINDS.get(m.label)
        if kinds is None:
            return _unlinked(m, f"{m.label} mentions are not linked")
        if m.text.islower() and m.label in {"GPE", "LOC", "ORG", "FAC"}:
            return _unlinked(m, "written in lower case: a common noun, not a name")
        text = m.text
        if m.label == "NORP":
            text = country_word(text) or ""
            if not text:
                return _unlinked(m, "not a country adjective")
        found = self.names.lookup(text, kinds)
        if not found:
            return _unlinked(m, "no candidate of a compatible type")
        among_states = self._among_subdivisions(m, ctx)
        best = sorted(found, key=lambda e: (among_states and e.kind != "Place", e.kind != "Country",
                                            e.qid not in self.names.capitals, not _is_name(e, text),
                                            _qnum(e.qid)))[0]
        score = 0.95 if len(found) == 1 else 0.75
        method = "label" if _is_label(best, text) else "alias"
        return Link(mention=m, qid=best.qid, kind=best.kind, score=score, method=method, label=best.label or m.text)

    def _family_first(self, name: str) -> bool:
        """True when ``name`` may be written family name first (East Asian order): its first word
        is no English given name ("Xi Jinping"), or is also the family name of at least two other
        people of the knowledge base ("Lee Hsien Loong", "Kim Boo-kyum": Lee and Kim are family
        names; Jill and Mark are not)."""
        words = name.split()
        if len(words) < 2:
            return False
        first = tokens(words[0])
        if not first:
            return False
        return not nicknames_of(first[0]) or self.names.surname_counts[fold_token(first[0])] >= 2

    def _among_subdivisions(self, m: Mention, ctx: _Context) -> bool:
        """True when the sentence names another state or province ("Georgia and Minnesota"):
        a name shared by a country and a state then means the state."""
        for other in ctx.sentence_places.get((m.sent_start, m.sent_end), ()):
            if other != m.text and (other in SUBDIVISION_NAMES or subdivision_word(other)) \
                    and not self.names.lookup(other, {"Country"}):
                return True
        return False

    def _link_person(self, m: Mention, ctx: _Context, allow_surname: bool) -> Link | None:
        role = ctx.roles.get(m.key)
        date = (role.claim_date if role and role.claim_date else None) or ctx.date
        name = parse_name(m.text)
        single = not name.given  # a surname (or a title and a surname) alone
        titled = role is not None and bool(self.role_positions(role))
        holders = self._title_holders(role, m, date) if role else []
        candidates = [e for e in self.names.lookup(m.text, {"Person"}) if _born_by(e, date)]
        surname = surname_key(m.text)
        # 1. Title first: the office holder on the date, matched by surname.
        same = [h for h in holders if _has_surname(h, name)
                or (single and any(self._family_first(n) and surname == surname_key(n.split()[0])
                                   for n in h.names if n))]
        if not same and not single:  # the holder under another romanisation ("Fayez Seraj": al-Sarraj)
            same = [h for h in holders if _has_surname(h, name, romanised=True)]
        if len(same) == 1 and (single or not candidates or same[0].qid in {c.qid for c in candidates}):
            holder = same[0]
            differs = bool(name.first) and not given_fits(name.first, holder.names)
            return Link(mention=m, qid=holder.qid, kind="Person", score=0.7 if differs else 0.85,
                        method="office-holder", name_differs=differs, label=holder.label or m.text)
        # 2. The people of that full name (else of that surname and a variant of the given name:
        # "Steve" for "Stephen").
        if not candidates and not single:
            candidates = [e for e in self.names.surname(m.text)
                          if e is not None and _born_by(e, date) and given_fits(name.first, e.names)]
        if candidates and not single:
            best = self._prefer(candidates, holders, date)
            evidence = self._evidence(best, candidates, holders, titled, ctx)
            if evidence is None:
                return _unlinked(m, "a common name with no evidence in the article (no title, country "
                                    "or co-mention of theirs)")
            return Link(mention=m, qid=best.qid, kind="Person", score=0.95 if len(candidates) == 1 else 0.8,
                        method=("label" if _is_label(best, m.text) else "alias") + f" ({evidence})",
                        label=best.label or m.text)
        # 3. The article's own full-name mention of this surname (or of this family name written first).
        qid = ctx.chains.get(surname) or ctx.chains.get(name.surname) or (ctx.family_first.get(key(m.text)) if single and m.label == "PERSON"
                                          else None)
        if qid and (allow_surname or not single):
            entity = self.kb.entity(qid)
            if single or (entity is not None and given_fits(name.first, entity.names)):
                return Link(mention=m, qid=qid, kind="Person", score=0.85, method="coref",
                            label=entity.label if entity else m.text)
        if single and candidates and not titled:
            best = self._prefer(candidates, holders, date)
            return Link(mention=m, qid=best.qid, kind="Person", score=0.6, method="label",
                        label=best.label or m.text)
        if titled and single:
            return _unlinked(m, "no holder of the titled office on the date has this surname, and the "
                                "article names no one of it in full: unverifiable, not a namesake")
        # 4. A bare surname: the one person of that surname in office on the date.
        if allow_surname and single and not role:
            same = [e for e in self.names.surname(m.text) if e is not None and _born_by(e, date)]
            active = [e for e in same if date and any(h.covers(date) for h in self.kb.positions_held(e.qid))]
            if len(active) == 1:
                return Link(mention=m, qid=active[0].qid, kind="Person", score=0.6,
                            method="surname+office-on-date", label=active[0].label or m.text)
        return None

    def _evidence(self, best, candidates: list, holders: list, titled: bool, ctx: _Context) -> str | None:
        """Why a full-name mention may link to ``best``, or None when only the string says so."""
        if best.qid in {h.qid for h in holders}:
            return "holds the titled office"
        held = self.kb.positions_held(best.qid)
        if titled:
            return "titled"
        countries = set()
        for h in held:
            position = self.kb.entity(h.position)
            if position is not None:
                countries.update(c for c in (position.country, position.jurisdiction) if c)
        if countries & ctx.countries:
            return "their country in the article"
        if len(candidates) == 1 and self.names.commonness(best.label or "") <= COMMON_NAME:
            return "a rare name"
        return None

    def _countries(self, extraction: Extraction) -> frozenset[str]:
        """The countries the article names (GPE mentions and country words)."""
        out = set()
        for m in extraction.mentions:
            if m.label in {"GPE", "NORP"}:
                text = country_word(m.text) or m.text if m.label == "NORP" else m.text
                out.update(e.qid for e in self.names.lookup(text, {"Country"}))
        for r in extraction.roles:
            if r.country:
                out.update(e.qid for e in self.names.lookup(r.country, {"Country"}))
        return frozenset(out)

    def _title_holders(self, role: RoleClaim, m: Mention, date: str | None) -> list:
        if not date:
            return []
        positions = self.role_positions(role) or self.titles.broader(_title_text(role), self.country_of(role))
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
        broader = self.titles.broader(title, country) - positions
        narrowed = False  # (a title's positions, told apart from this claim's own: kg.graph.claims)
        if role.qualifier:  # "NEC Director": only an office of the body the acronym names
            kept = {p for p in positions if _abbreviates(role.qualifier, self.kb.entity(p))}
            kept_broader = {p for p in broader if _abbreviates(role.qualifier, self.kb.entity(p))}
            narrowed = kept != positions or kept_broader != broader
            positions, broader = kept, kept_broader
        if not positions and person.qid:
            # The short form of a longer title ("Secretary-General" for "United Nations
            # Secretary-General"): the person's own office among the longer ones, if any.
            mine = {h.position for h in self.kb.positions_held(person.qid)} & broader
            if mine:
                positions, method, narrowed = mine, "a position whose title holds this one, which the person held", True
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
        broader = broader - positions
        if country and not positions and not broader:
            # No such office in that country ("US Prime Minister"): the title still names an
            # office type, and a person who held none of its offices anywhere never held it.
            broader = self.titles.positions(title) | self.titles.broader(title)
            method = f"{method} in that country; offices with this title elsewhere are the evidence"
        return RoleLink(claim=role, person=person, title_key=title_key(title), positions=tuple(sorted(positions, key=_qnum)),
                        broader=tuple(sorted(broader, key=_qnum)),
                        position=chosen, country=country, method=method, narrowed=narrowed)


def _abbreviates(acronym: str, position) -> bool:
    """True when ``acronym`` is the initials of words in one of the position's names: "OMB" in
    "Director of the Office of Management and Budget", "FBI" in "... Federal Bureau of Investigation"."""
    if position is None:
        return False
    for name in (position.label, *position.aliases):
        words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
        if acronym.upper() in "".join(w[0] for w in words).upper() or acronym in name.split():
            return True
    return False


def _title_text(role: RoleClaim) -> str:
    """The title with its organisation, as the title index reads it: "NATO Secretary General"."""
    return f"{role.organization} {role.title}" if role.organization else role.title


def _is_label(entity, text: str) -> bool:
    return bool(entity.label) and key(entity.label) == key(text)


def _is_name(entity, text: str) -> bool:
    """True when ``text`` is one of the entity's names (not only the head of "Washington, D.C.")."""
    return any(key(n) == key(text) for n in (entity.label,) + tuple(entity.aliases) if n)


def _born_by(entity, date: str | None) -> bool:
    return not (date and entity.birth and entity.birth[:4] > date[:4])


def _has_surname(entity, name, romanised: bool = False) -> bool:
    """True when one of the entity's names ends in the mention's family name, all its words
    ("Lopez Obrador" ends "Andrés Manuel López Obrador"; so does "Obrador")."""
    family = [fold_token(w) for w in name.family if w not in ARTICLES] or [fold_token(w) for w in name.family]
    if not family:
        return False
    for n in entity.names:
        if not n:
            continue
        theirs = parse_name(n)
        words = [fold_token(w) for w in theirs.given + theirs.family if w not in ARTICLES]
        if len(words) >= len(family) and words[-len(family):] == family:
            return True
        # the holder of the titled office under another romanisation ("Fayez Seraj": al-Sarraj)
        if romanised and words and len(family) == 1 and transliterated(words[-1], family[0]):
            return True
    return False
