"""Read the CC0 Wikidata slice (``shared/wikidata``) into triples in Wikidata's RDF model.

One function per input file; each returns pyoxigraph ``Triple`` objects.  Labels follow
Wikidata's model of one ``rdfs:label`` per item and language: the first label seen wins
(the curated Turtle files first, then ``labels.csv``, ``persons.csv``, ``positions.csv``,
``territories.csv``, places of birth) and every other English name becomes a ``skos:altLabel``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from kg.errors import KbError
from kg.kb import entity as wikibase_json
from kg.vocab import DCAT, DCTERMS, PQ, PROV, PS, RDF, RDFS, SKOS, WD, WDT, XSD
from kg.vocab import P as STATEMENT_PROPERTY
from kg.wikidata_ids import is_qid

LABEL = NamedNode(str(RDFS.label))
ALT_LABEL = NamedNode(str(SKOS.altLabel))
INSTANCE_OF = NamedNode(str(WDT.P31))
SHORT_NAME = NamedNode(str(WDT.P1813))
ISO_ALPHA2 = NamedNode(str(WDT.P297))
ISO_ALPHA3 = NamedNode(str(WDT.P298))
HUMAN = NamedNode(str(WD.Q5))
POSITION = NamedNode(str(WD.Q4164871))
COUNTRY = NamedNode(str(WD.Q6256))

#: Input files, relative to the slice root.
TURTLE_FILES = ("derived/kb_wikidata_2022.ttl", "derived/supplement.ttl")
LABELS_CSV = "derived/labels.csv"
PERSONS_CSV = "derived/persons.csv"
POSITIONS_CSV = "derived/positions.csv"
TERRITORIES_CSV = "derived/territories.csv"
RIGOUR_JSONL = "raw/rigour_territories.jsonl"
PROVENANCE_CSV = "PROVENANCE.csv"
LABEL_HISTORY_CSV = "raw/every-politician-scrapers/label_history_extract.csv"
PLACES_OF_BIRTH_CSV = "raw/every-politician-scrapers/world/badges__rawdata__pob.csv"
#: Verbatim Wikidata entities (``wbgetentities``): Putin, and 14 of his relatives one per line.
NOMENKLATURA_FILES = ("raw/nomenklatura/Q7747.json", "raw/nomenklatura/entities_with_claims.jsonl")

_DATE_TYPES = {10: str(XSD.date), 7: str(XSD.gYearMonth), 4: str(XSD.gYear)}


def wd(qid: str) -> NamedNode:
    return NamedNode(str(WD) + qid)


def en(text: str) -> Literal:
    return Literal(text, language="en")


def typed_date(value: str, where: str) -> Literal | None:
    """``YYYY[-MM[-DD]]`` as an xsd:date/gYearMonth/gYear literal; impossible days fall back to the month."""
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
        raise KbError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD; fix the source row")
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            value = value[:7]  # e.g. 1951-06-31: keep the month, as derived/README does
    return Literal(value, datatype=NamedNode(_DATE_TYPES[len(value)]))


def read_csv(source: Path, name: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a slice CSV with a ``file:line`` location for error messages."""
    path = source / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield f"{path}:{number}", row
    except OSError as exc:
        raise KbError(f"cannot read {path}: {exc}; pass the slice directory with --from") from exc


def _qid(value: str, where: str) -> str:
    if not is_qid(value):
        raise KbError(f"{where}: {value!r} is not a Wikidata QID; fix the source row")
    return value


class Labels:
    """One rdfs:label per item; other names become skos:altLabel."""

    def __init__(self) -> None:
        self.label: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}

    def add(self, iri: str, text: str, *, alias: bool = False) -> None:
        text = " ".join(text.split())
        if not text:
            return
        if not alias and iri not in self.label:
            self.label[iri] = text
        elif text != self.label.get(iri):
            self.aliases.setdefault(iri, set()).add(text)

    def triples(self) -> Iterator[Triple]:
        for iri, text in self.label.items():
            yield Triple(NamedNode(iri), LABEL, en(text))
        for iri, texts in self.aliases.items():
            for text in texts - {self.label.get(iri)}:
                yield Triple(NamedNode(iri), ALT_LABEL, en(text))


def supranational(source: Path) -> set[str]:
    """QIDs rigour marks ``Supranational`` (EU, UN, Global, Cyberspace): their codes are not ISO 3166-1."""
    path = source / RIGOUR_JSONL
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KbError(f"cannot read {path}: {exc}; pass the slice directory with --from") from exc
    items = (json.loads(line) for line in lines if line.strip())
    return {item["qid"] for item in items if item.get("region") == "Supranational" and item.get("qid")}


def turtle(source: Path, labels: Labels, drop_codes: set[str]) -> tuple[list[Triple], int]:
    """The curated Turtle files, labels moved into ``labels``; returns (triples, dropped)."""
    out: list[Triple] = []
    dropped = 0
    drop = {str(WD) + qid for qid in drop_codes}
    for name in TURTLE_FILES:
        path = source / name
        try:
            triples = list(parse(path=path, format=RdfFormat.TURTLE))
        except (OSError, SyntaxError) as exc:
            raise KbError(f"cannot parse {path}: {exc}; check the slice is complete") from exc
        for triple in triples:
            if triple.predicate == LABEL:
                labels.add(triple.subject.value, triple.object.value)
            elif triple.predicate == ALT_LABEL:
                labels.add(triple.subject.value, triple.object.value, alias=True)
            elif triple.predicate in (ISO_ALPHA2, ISO_ALPHA3) and triple.subject.value in drop:
                dropped += 1
            else:
                out.append(triple)
    return out, dropped


def labels_csv(source: Path, labels: Labels) -> list[Triple]:
    """Labels (most-attested first), aliases and short titles (``wdt:P1813``)."""
    rows = [(where, row) for where, row in read_csv(source, LABELS_CSV)]
    out: list[Triple] = []
    ranked = sorted(
        ((where, row) for where, row in rows if row["kind"] == "label"),
        key=lambda item: -len(item[1]["sources"].split("|")),
    )  # stable: file order among equals
    for where, row in ranked:
        labels.add(str(WD) + _qid(row["qid"], where), row["text"])
    for where, row in rows:
        iri = str(WD) + _qid(row["qid"], where)
        if row["kind"] == "alias":
            labels.add(iri, row["text"], alias=True)
        elif row["kind"] == "short_title":
            out.append(Triple(NamedNode(iri), SHORT_NAME, en(row["text"])))
        elif row["kind"] != "label":
            raise KbError(f"{where}: unknown kind {row['kind']!r}; expected label, alias or short_title")
    return out


def persons_csv(source: Path, labels: Labels) -> list[Triple]:
    """``wdt:P31 wd:Q5``, the name and P569/P570 for every person."""
    out: list[Triple] = []
    for where, row in read_csv(source, PERSONS_CSV):
        item = wd(_qid(row["qid"], where))
        out.append(Triple(item, INSTANCE_OF, HUMAN))
        labels.add(item.value, row["name"])
        for column, prop in (("dob", WDT.P569), ("dod", WDT.P570)):
            date = typed_date(row[column], where)
            if date is not None:
                out.append(Triple(item, NamedNode(str(prop)), date))
    return out


def positions_csv(source: Path, labels: Labels) -> list[Triple]:
    """``wdt:P31 wd:Q4164871``, label, P17, P1001 and P1813 short titles for every position."""
    out: list[Triple] = []
    for where, row in read_csv(source, POSITIONS_CSV):
        item = wd(_qid(row["position_qid"], where))
        out.append(Triple(item, INSTANCE_OF, POSITION))
        labels.add(item.value, row["label"])
        for title in filter(None, (t.strip() for t in row["short_titles"].split("|"))):
            out.append(Triple(item, SHORT_NAME, en(title)))
        for column, prop in (("country_qid", WDT.P17), ("jurisdiction_qid", WDT.P1001)):
            # Wikidata's "unknown value" (a .well-known/genid IRI) is left out on purpose.
            if is_qid(row[column]):
                out.append(Triple(item, NamedNode(str(prop)), wd(row[column])))
    return out


def territories_csv(source: Path, labels: Labels) -> list[Triple]:
    """Names of every territory; ``wdt:P31 wd:Q6256``, P297 and P298 for countries."""
    out: list[Triple] = []
    for where, row in read_csv(source, TERRITORIES_CSV):
        item = wd(_qid(row["qid"], where))
        labels.add(item.value, row["name"])
        labels.add(item.value, row["full_name"], alias=True)
        if row["is_country"] != "True":
            continue
        out.append(Triple(item, INSTANCE_OF, COUNTRY))
        if re.fullmatch(r"[a-z]{2}", row["code"]):  # historical 4-letter ISO 3166-3 codes are not P297
            out.append(Triple(item, ISO_ALPHA2, Literal(row["code"].upper())))
        if row["alpha3"]:
            out.append(Triple(item, ISO_ALPHA3, Literal(row["alpha3"].upper())))
    return out


def places_of_birth(source: Path, labels: Labels) -> list[Triple]:
    """``wdt:P19`` (place of birth) from the pipeline's Wikidata output; deprecated ranks left out."""
    out: list[Triple] = []
    for where, row in read_csv(source, PLACES_OF_BIRTH_CSV):
        if not row["pob"] or row["rank"] == "DeprecatedRank":
            continue
        place = wd(_qid(row["pob"], where))
        out.append(Triple(wd(_qid(row["item"], where)), NamedNode(str(WDT.P19)), place))
        labels.add(place.value, row["pobLabel"])
    return out


def nomenklatura_entities(source: Path) -> Iterator[dict]:
    """The Wikidata entities of the nomenklatura fixtures (absent files are skipped)."""
    for name in NOMENKLATURA_FILES:
        path = source / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            entities = [json.loads(text)] if name.endswith(".json") else [
                json.loads(line) for line in text.splitlines() if line.strip()]
        except (OSError, ValueError) as exc:
            raise KbError(f"cannot read {path}: {exc}; check the slice is complete") from exc
        for item in entities:
            yield from (item.get("entities") or {}).values() if "entities" in item else (item,)


def nomenklatura_classes(source: Path) -> list[Triple]:
    """``wdt:P31`` of the nomenklatura entities (non-deprecated): Putin's relatives, otherwise only
    labels in the slice, are typed as humans as Wikidata types them."""
    return [Triple(wd(entity["id"]), INSTANCE_OF, wd(qid)) for entity in nomenklatura_entities(source)
            if is_qid(entity.get("id", "")) for qid in sorted(wikibase_json.classes(entity))]


def statement_ranks(source: Path, triples: Iterable[Triple]) -> dict[str, str]:
    """The statement nodes of ``triples`` whose rank the slice gives as not normal: ``{IRI: rank}``.

    The curated Turtle's statements carry no rank; holders21 and the other pipeline outputs list
    non-deprecated statements only, and the nomenklatura entities are Wikidata's own with their
    ranks.  A statement there matches a node on item, property, value, start and end (at the
    Turtle's precision)."""
    prop, value_prop = str(STATEMENT_PROPERTY) + "P", str(PS)
    start, end = str(PQ.P580), str(PQ.P582)
    owner: dict[str, tuple[str, str]] = {}
    facts: dict[str, dict[str, str]] = {}
    for triple in triples:
        predicate, obj = triple.predicate.value, triple.object
        if predicate.startswith(prop) and isinstance(obj, NamedNode):
            owner[obj.value] = (triple.subject.value, predicate[len(prop) - 1:])
        elif predicate.startswith(value_prop) or predicate in (start, end):
            facts.setdefault(triple.subject.value, {})[predicate] = obj.value
    nodes: dict[tuple, list[str]] = {}
    for node, (item, name) in owner.items():
        got = facts.get(node, {})
        key = (item, name, got.get(value_prop + name), got.get(start), got.get(end))
        nodes.setdefault(key, []).append(node)
    ranks: dict[str, str] = {}
    for entity in nomenklatura_entities(source):
        item = str(WD) + entity.get("id", "")
        for name, statements in (entity.get("claims") or {}).items():
            for statement in statements:
                if statement.get("rank") not in ("preferred", "deprecated"):
                    continue
                value = wikibase_json.item_value(statement.get("mainsnak", {}))
                qualifiers = statement.get("qualifiers") or {}
                dates = [[wikibase_json.time_text(snak) for snak in qualifiers.get(q, ())][:1] or [None]
                         for q in ("P580", "P582")]
                key = (item, name, value and str(WD) + value, dates[0][0], dates[1][0])
                for node in nodes.get(key, ()):
                    ranks[node] = statement["rank"]
    return ranks


def upstream_sources(source: Path) -> list[tuple[str, str, str]]:
    """Distinct ``(repo, commit, commit_date)`` behind the slice, from PROVENANCE.csv."""
    found: set[tuple[str, str, str]] = set()
    for where, row in read_csv(source, PROVENANCE_CSV):
        if re.fullmatch(r"[0-9a-f]{40}", row["commit"]):
            found.add((row["repo"], row["commit"], row["commit_date"]))
    if (source / LABEL_HISTORY_CSV).exists():  # PROVENANCE says "(per row)" for this file
        for where, row in read_csv(source, LABEL_HISTORY_CSV):
            found.add(("every-politician-scrapers/" + row["repo"], row["commit"], row["commit_date"]))
    if not found:
        raise KbError(f"{source / PROVENANCE_CSV}: no upstream commit found; the slice looks incomplete")
    return sorted(found)


def metadata(graph: str, issued: str, generated: str, sources: Iterable[tuple[str, str, str]]) -> list[Triple]:
    """DCAT/PROV description of the snapshot, on the graph IRI."""
    g = NamedNode(graph)
    out = [
        Triple(g, NamedNode(str(RDF.type)), NamedNode(str(DCAT.Dataset))),
        Triple(g, NamedNode(str(DCTERMS.title)), en("Wikidata slice for the diplomacy knowledge graph (2022 snapshot)")),
        Triple(g, NamedNode(str(DCTERMS.description)), en(
            "Wikidata facts (positions held, memberships, capitals, headquarters, labels) as they stood "
            "in mid-2022, taken from every-politician-scrapers Wikidata output, nomenklatura Wikidata "
            "fixtures and rigour territories, with a curated supplement whose statements carry "
            "prov:wasDerivedFrom.")),
        Triple(g, NamedNode(str(DCTERMS.issued)), Literal(issued, datatype=NamedNode(str(XSD.date)))),
        Triple(g, NamedNode(str(PROV.generatedAtTime)), Literal(generated, datatype=NamedNode(str(XSD.dateTime)))),
        Triple(g, NamedNode(str(DCTERMS.license)), NamedNode("http://creativecommons.org/publicdomain/zero/1.0/")),
        Triple(g, NamedNode(str(DCTERMS.license)), NamedNode("https://opensource.org/licenses/MIT")),
    ]
    for repo, commit, _date in sources:
        upstream = NamedNode(f"https://github.com/{repo}/tree/{commit}")
        out.append(Triple(g, NamedNode(str(DCTERMS.source)), upstream))
        out.append(Triple(g, NamedNode(str(PROV.wasDerivedFrom)), upstream))
    return out
