"""One Wikidata entity (its JSON, as in a dump line) -> N-Triples in the snapshot's RDF model.

The model is Wikibase's RDF mapping cut down to what kg uses, exactly as the snapshot is shaped:
``rdfs:label``/``skos:altLabel`` per language; truthy ``wdt:`` links (best rank: the preferred
statements of a property if it has any, else its normal ones; deprecated never); for P39, P463,
P36 and P159 also the statement nodes ``p:Pxx wds:ID . wds:ID ps:Pxx value ; pq:P580 ; pq:P582``
(every rank but deprecated, each with its ``wikibase:rank``), with P1365/P1366 (replaces / replaced
by) qualifiers for P39.
Statement IRIs are Wikibase's: ``wds:`` + the statement GUID with ``$`` replaced by ``-``.
Time values become ``xsd:date``/``xsd:gYearMonth``/``xsd:gYear`` at day/month/year precision;
coarser precisions, BCE dates and "unknown value"/"no value" snaks are left out (as
``live_facts.rq`` does for the Query Service).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from kg.kb.wikibase import RANKS
from kg.vocab import P, PQ, PS, RDFS, SKOS, WD, WDS, WDT, WIKIBASE, XSD

_WD, _WDT, _P, _PS, _PQ, _WDS = str(WD), str(WDT), str(P), str(PS), str(PQ), str(WDS)
_LABEL, _ALIAS = f"<{RDFS.label}>", f"<{SKOS.altLabel}>"
_DATE_TYPES = {11: f"<{XSD.date}>", 10: f"<{XSD.gYearMonth}>", 9: f"<{XSD.gYear}>"}
_DATE_LENGTH = {11: 10, 10: 7, 9: 4}
_PRECISION_OF_LENGTH = {length: precision for precision, length in _DATE_LENGTH.items()}

#: Item-valued properties kept as truthy wdt: links.
ITEM_PROPERTIES = ("P31", "P17", "P1001", "P27", "P735", "P734", "P21", "P19", "P39", "P463", "P36", "P159")
#: Time-valued properties kept as truthy wdt: dates.
TIME_PROPERTIES = ("P569", "P570", "P571", "P576")
#: String-valued properties (ISO 3166-1 codes).
STRING_PROPERTIES = ("P297", "P298")
#: Monolingual-text properties kept for the wanted languages (short name).
TEXT_PROPERTIES = ("P1813",)
#: Properties whose statement nodes are kept, with the qualifiers kept for each.
STATEMENT_PROPERTIES = {
    "P39": ("P580", "P582", "P1365", "P1366"),
    "P463": ("P580", "P582"),
    "P36": ("P580", "P582"),
    "P159": ("P580", "P582"),
}
#: Item-valued properties whose values are "referenced items" (kept on the second pass).
REFERENCE_PROPERTIES = ("P39", "P735", "P734", "P27", "P17", "P1001", "P463", "P36", "P159")

_QID = re.compile(r"Q[1-9][0-9]*")
_TIME = re.compile(r"\+([0-9]{4,})-([0-9]{2})-([0-9]{2})T")
_GUID_SAFE = re.compile(r"[^\w-]")


def literal(text: str) -> str:
    """An N-Triples string literal body (quotes included)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def lang_literal(text: str, lang: str) -> str:
    return f"{literal(text)}@{lang}"


def item_value(snak: dict) -> str | None:
    """The QID of a wikibase-item snak, or None ("unknown value", "no value", other types)."""
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value")
    if not isinstance(value, dict):
        return None
    qid = value.get("id") or (f"Q{value['numeric-id']}" if value.get("entity-type") == "item" and "numeric-id" in value else None)
    return qid if isinstance(qid, str) and _QID.fullmatch(qid) else None


def time_value(snak: dict) -> str | None:
    """A time snak as a typed N-Triples literal at its precision, or None."""
    text = time_text(snak)
    return None if text is None else f"{literal(text)}^^{_DATE_TYPES[_PRECISION_OF_LENGTH[len(text)]]}"


def time_text(snak: dict) -> str | None:
    """A time snak as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` at its precision, or None."""
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value")
    if not isinstance(value, dict):
        return None
    precision = value.get("precision")
    match = _TIME.match(value.get("time", ""))
    if precision not in _DATE_TYPES or match is None or len(match.group(1)) != 4:
        return None
    year, month, day = match.groups()
    if precision >= 10 and month == "00" or precision == 11 and day == "00":
        return None  # a month/day precision with no month/day: malformed, left out
    return f"{year}-{month}-{day}"[: _DATE_LENGTH[precision]]


def string_value(snak: dict) -> str | None:
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value")
    return literal(value) if isinstance(value, str) else None


def text_value(snak: dict, languages: Iterable[str]) -> str | None:
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value")
    if isinstance(value, dict) and value.get("language") in languages and isinstance(value.get("text"), str):
        return lang_literal(value["text"], value["language"])
    return None


def best(statements: list[dict]) -> list[dict]:
    """Wikibase's truthy statements: the preferred ones if any, else the normal ones."""
    kept = [s for s in statements if s.get("rank") != "deprecated"]
    preferred = [s for s in kept if s.get("rank") == "preferred"]
    return preferred or kept


def statement_iri(guid: str) -> str:
    """``wds:`` IRI of a statement GUID (``Q42$F078...`` -> ``.../statement/Q42-F078...``)."""
    return f"<{_WDS}{_GUID_SAFE.sub('-', guid)}>"


def is_human(entity: dict) -> bool:
    return "Q5" in classes(entity)


def classes(entity: dict) -> set[str]:
    """The P31 values of the entity (every rank but deprecated)."""
    return {q for s in entity.get("claims", {}).get("P31", ()) if s.get("rank") != "deprecated"
            for q in [item_value(s.get("mainsnak", {}))] if q}


def held(entity: dict) -> list[str]:
    """The P39 values of non-deprecated statements."""
    return [q for s in entity.get("claims", {}).get("P39", ()) if s.get("rank") != "deprecated"
            for q in [item_value(s.get("mainsnak", {}))] if q]


def references(entity: dict) -> set[str]:
    """Items the entity's kept facts point to (positions held, names, countries, organisations)."""
    claims = entity.get("claims", {})
    return {q for prop in REFERENCE_PROPERTIES for s in claims.get(prop, ()) if s.get("rank") != "deprecated"
            for q in [item_value(s.get("mainsnak", {}))] if q}


def triples(entity: dict, languages: tuple[str, ...] = ("en",)) -> list[str]:
    """The entity's facts kg uses, as N-Triples lines (``<s> <p> <o> .``)."""
    qid = entity.get("id", "")
    if not _QID.fullmatch(qid):
        return []
    s = f"<{_WD}{qid}>"
    out: list[str] = []
    labels, aliases = entity.get("labels", {}) or {}, entity.get("aliases", {}) or {}
    for lang in languages:
        label = (labels.get(lang) or {}).get("value")
        if label:
            out.append(f"{s} {_LABEL} {lang_literal(label, lang)} .")
        for alias in aliases.get(lang, ()) or ():
            if alias.get("value") and alias["value"] != label:
                out.append(f"{s} {_ALIAS} {lang_literal(alias['value'], lang)} .")
    claims = entity.get("claims", {}) or {}
    for prop, reader in ((ITEM_PROPERTIES, _item), (TIME_PROPERTIES, time_value), (STRING_PROPERTIES, string_value)):
        for name in prop:
            for statement in best(claims.get(name, ())):
                value = reader(statement.get("mainsnak", {}))
                if value:
                    out.append(f"{s} <{_WDT}{name}> {value} .")
    for name in TEXT_PROPERTIES:
        for statement in best(claims.get(name, ())):
            value = text_value(statement.get("mainsnak", {}), languages)
            if value:
                out.append(f"{s} <{_WDT}{name}> {value} .")
    for name, qualifiers in STATEMENT_PROPERTIES.items():
        for statement in claims.get(name, ()):
            if statement.get("rank") == "deprecated" or not statement.get("id"):
                continue
            value = item_value(statement.get("mainsnak", {}))
            if value is None:
                continue
            node = statement_iri(statement["id"])
            out.append(f"{s} <{_P}{name}> {node} .")
            out.append(f"{node} <{_PS}{name}> <{_WD}{value}> .")
            out.append(f"{node} <{WIKIBASE.rank}> <{RANKS.get(statement.get('rank'), RANKS['normal'])}> .")
            for qualifier in qualifiers:
                for snak in (statement.get("qualifiers") or {}).get(qualifier, ()):
                    term = time_value(snak) if qualifier in ("P580", "P582") else _item(snak)
                    if term:
                        out.append(f"{node} <{_PQ}{qualifier}> {term} .")
    return list(dict.fromkeys(out))


def _item(snak: dict) -> str | None:
    qid = item_value(snak)
    return f"<{_WD}{qid}>" if qid else None
