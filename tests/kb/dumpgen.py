"""Write Wikidata JSON dumps for tests and benchmarks (the format of latest-all.json: a JSON array,
one compact entity object per line, with Wikibase's snak/statement/qualifier layout)."""

from __future__ import annotations

import bz2
import gzip
import json
import random
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


def item_snak(prop: str, qid: str) -> dict:
    return {"snaktype": "value", "property": prop, "hash": uuid.uuid4().hex[:40],
            "datavalue": {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
                          "type": "wikibase-entityid"}, "datatype": "wikibase-item"}


def time_snak(prop: str, date: str) -> dict:
    """``date`` is YYYY, YYYY-MM or YYYY-MM-DD; the precision follows (9, 10, 11)."""
    parts = date.split("-")
    precision = {1: 9, 2: 10, 3: 11}[len(parts)]
    full = (parts + ["00", "00"])[:3]
    return {"snaktype": "value", "property": prop, "hash": uuid.uuid4().hex[:40],
            "datavalue": {"value": {"time": f"+{full[0]}-{full[1]}-{full[2]}T00:00:00Z", "timezone": 0,
                                    "before": 0, "after": 0, "precision": precision, "calendarmodel": GREGORIAN},
                          "type": "time"}, "datatype": "time"}


def statement(subject: str, snak: dict, *, rank: str = "normal", qualifiers: dict[str, list[dict]] | None = None,
              guid: str | None = None) -> dict:
    out = {"mainsnak": snak, "type": "statement", "id": f"{subject}${guid or str(uuid.uuid4()).upper()}",
           "rank": rank, "references": []}
    if qualifiers:
        out["qualifiers"] = qualifiers
        out["qualifiers-order"] = list(qualifiers)
    return out


def held(subject: str, position: str, start: str | None = None, end: str | None = None, *,
         rank: str = "normal", replaces: str | None = None, guid: str | None = None) -> dict:
    """A P39 statement with P580/P582 (and P1365) qualifiers."""
    qualifiers: dict[str, list[dict]] = {}
    if start:
        qualifiers["P580"] = [time_snak("P580", start)]
    if end:
        qualifiers["P582"] = [time_snak("P582", end)]
    if replaces:
        qualifiers["P1365"] = [item_snak("P1365", replaces)]
    return statement(subject, item_snak("P39", position), rank=rank, qualifiers=qualifiers, guid=guid)


def entity(qid: str, label: str | None, *, aliases: Iterable[str] = (), claims: Iterable[dict] = (),
           modified: str = "2026-11-20T10:00:00Z", labels: dict[str, str] | None = None,
           description: str | None = None) -> dict:
    grouped: dict[str, list[dict]] = {}
    for claim in claims:
        grouped.setdefault(claim["mainsnak"]["property"], []).append(claim)
    names = {"en": label} if label else {}
    names.update(labels or {})
    return {
        "type": "item", "id": qid,
        "labels": {lang: {"language": lang, "value": text} for lang, text in names.items()},
        "descriptions": {"en": {"language": "en", "value": description}} if description else {},
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]} if aliases else {},
        "claims": grouped, "sitelinks": {},
        "lastrevid": 1, "modified": modified,
    }


def person(qid: str, label: str, positions: Iterable[dict] = (), *, born: str | None = None,
           aliases: Iterable[str] = (), extra: Iterable[dict] = (), modified: str = "2026-11-20T10:00:00Z") -> dict:
    claims = [statement(qid, item_snak("P31", "Q5")), *positions, *extra]
    if born:
        claims.append(statement(qid, time_snak("P569", born)))
    return entity(qid, label, aliases=aliases, claims=claims, modified=modified)


def position(qid: str, label: str, country: str | None = None, *, aliases: Iterable[str] = (),
             kind: str = "Q4164871") -> dict:
    claims = [statement(qid, item_snak("P31", kind))]
    if country:
        claims.append(statement(qid, item_snak("P17", country)))
    return entity(qid, label, aliases=aliases, claims=claims)


def open_out(path: Path):
    name = str(path)
    if name.endswith(".gz"):
        return gzip.open(path, "wb", compresslevel=1)
    if name.endswith(".bz2"):
        return bz2.open(path, "wb", compresslevel=1)
    return open(path, "wb")


def write_dump(path: Path, entities: Iterable[dict]) -> Path:
    """Write ``entities`` as Wikidata's dumps do: ``[``, one entity per line ending ``,``, ``]``."""
    path = Path(path)
    with open_out(path) as out:
        out.write(b"[\n")
        first = True
        for item in entities:
            if not first:
                out.write(b",\n")
            out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode())
            first = False
        out.write(b"\n]\n")
    return path


def synthetic(n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` entities mixing what a real dump holds: mostly items kg skips (articles, taxa, places),
    some politicians with dated positions held, their offices, given names and countries."""
    rng = random.Random(seed)
    base = 200_000_000
    offices = max(10, n // 200)
    for i in range(n):
        qid = f"Q{base + i}"
        roll = rng.random()
        if roll < 0.08:  # a politician with one to three positions held
            claims = [held(qid, f"Q{base + rng.randrange(offices) * 200 + 1}", f"{rng.randrange(1950, 2025)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
                           f"{rng.randrange(2025, 2030)}" if rng.random() < 0.5 else None,
                           rank=rng.choice(("normal", "normal", "preferred", "deprecated")))
                      for _ in range(rng.randrange(1, 4))]
            claims.append(statement(qid, item_snak("P735", f"Q{base + 3}")))
            claims.append(statement(qid, item_snak("P27", f"Q{base + 5}")))
            yield person(qid, f"Person {i}", claims, born=f"19{rng.randrange(20, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
                         aliases=[f"P. {i}"])
        elif i % 200 == 1:  # an office (kind "position" or only referenced by holders)
            kind = "Q4164871" if rng.random() < 0.5 else "Q83307"
            yield position(qid, f"Office {i}", f"Q{base + 5}", kind=kind)
        else:  # a scholarly article, with the bulk a real dump line has
            claims = [statement(qid, item_snak("P31", "Q13442814")),
                      statement(qid, time_snak("P577", f"{rng.randrange(1900, 2026)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}"))]
            claims += [statement(qid, item_snak("P50", f"Q{rng.randrange(1, base)}")) for _ in range(rng.randrange(2, 8))]
            yield entity(qid, f"A study of item {i} and its {rng.random():.6f} properties", claims=claims,
                         labels={"de": f"Studie {i}", "fr": f"Étude {i}"}, description="scholarly article")
