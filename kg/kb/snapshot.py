"""The offline Wikidata snapshot: build it from the CC0 slice, load it into a store.

``build_snapshot`` writes ``wikidata-2022.nt.gz`` (sorted N-Triples, gzip with mtime 0, so a
rebuild is byte-identical) and a README.  ``load_snapshot`` replaces the named graph
``WIKIDATA_GRAPH`` with its content in one transaction.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KbError, StoreError
from kg.kb import inputs as sl
from kg.kb import wikibase
from kg.resources import resource_dir
from kg.vocab import DCTERMS, PQ, PS, WIKIDATA_GRAPH

if TYPE_CHECKING:
    from kg.store import Store

SNAPSHOT_FILENAME = "wikidata-2022.nt.gz"
#: THE snapshot-date property: ``<WIKIDATA_GRAPH> dcterms:issued "2022-08-03"^^xsd:date``.
SNAPSHOT_DATE_PROPERTY = str(DCTERMS.issued)
#: Newest commit of the every-politician cabinet pipelines the P39 data comes from
#: (us-cabinet 0d5e73cb and belarus-ministers 3edd7c7c; russia-cabinet 3871831d the same day).
SNAPSHOT_DATE = "2022-08-03"
SNAPSHOT_GENERATED = "2022-08-03T13:18:15+03:00"  # us-cabinet 0d5e73cb commit time


def build_snapshot(source: Path, out_dir: Path) -> dict[str, Any]:
    """Build ``out_dir/wikidata-2022.nt.gz`` and ``out_dir/README.md`` from the slice at ``source``."""
    began = time.perf_counter()
    source, out_dir = Path(source), Path(out_dir)
    if not (source / sl.TURTLE_FILES[0]).is_file():
        raise KbError(f"{source} is not the Wikidata slice (no {sl.TURTLE_FILES[0]}); "
                      "pass its directory, e.g. `kg kb build --from ../shared/wikidata`")
    labels = sl.Labels()
    drop = sl.supranational(source)
    curated, dropped = sl.turtle(source, labels, drop)
    parts = {
        "turtle": curated,
        "labels_csv": sl.labels_csv(source, labels),
        "persons_csv": sl.persons_csv(source, labels),
        "positions_csv": sl.positions_csv(source, labels),
        "territories_csv": sl.territories_csv(source, labels),
        "places_of_birth": sl.places_of_birth(source, labels),
        "nomenklatura_classes": sl.nomenklatura_classes(source),
    }
    facts = [triple for part in parts.values() for triple in part]
    facts = wikibase.wdqs_form(facts, sl.statement_ranks(source, facts))  # as WDQS has them
    parts["labels"] = list(labels.triples())
    sources = sl.upstream_sources(source)
    if not any(date.startswith(SNAPSHOT_DATE) for _repo, _commit, date in sources):
        raise KbError(f"{source / sl.PROVENANCE_CSV}: no commit dated {SNAPSHOT_DATE}; "
                      "the slice is not the one this snapshot describes")
    parts["metadata"] = sl.metadata(str(WIKIDATA_GRAPH), SNAPSHOT_DATE, SNAPSHOT_GENERATED, sources)
    inputs = {name: len(part) for name, part in parts.items()}
    parts = {"facts": facts, "labels": parts["labels"], "metadata": parts["metadata"]}
    lines = sorted({f"{triple} .\n".encode() for part in parts.values() for triple in part})
    data = gzip_bytes(b"".join(lines))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / SNAPSHOT_FILENAME
    _write_atomic(path, data)
    info: dict[str, Any] = {
        "path": str(path),
        "triples": len(lines),
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "snapshot_date": SNAPSHOT_DATE,
        "inputs": inputs,
        "dropped_supranational_codes": dropped,
        "starts_after_snapshot_date": _starts_after(lines, SNAPSHOT_DATE),
        "position_statements": sum(1 for line in lines if f"<{PS.P39}> ".encode() in line),
        "cabinet_statements": sum(1 for line in lines if _CABINET.search(line)),
        "upstream_commits": len(sources),
    }
    _write_atomic(out_dir / "README.md", readme(info).encode())
    info["seconds"] = round(time.perf_counter() - began, 2)
    return info


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no file name and mtime 0, so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise KbError(f"cannot write {path}: {exc}; check the output directory is writable") from exc


_CABINET = re.compile(rb'<http://www.w3.org/ns/prov#wasDerivedFrom> "[a-z-]+-(?:cabinet|ministers)/html/holders21\.csv"')


def _starts_after(lines: list[bytes], date: str) -> int:
    marker = f"<{PQ.P580}> \"".encode()
    return sum(1 for line in lines if marker in line and line.split(marker)[1][:10].decode() > date)


def readme(info: dict[str, Any]) -> str:
    """The README written next to the snapshot (deterministic: no build time in it)."""
    inputs = "\n".join(f"| {name} | {count:,} |" for name, count in info["inputs"].items())
    return f"""# Wikidata snapshot (mid-2022) for kg

`{SNAPSHOT_FILENAME}`: {info['triples']:,} triples, {info['bytes']:,} bytes,
sha256 `{info['sha256']}`. Sorted N-Triples, gzip with mtime 0: rebuilding from the same
slice gives the same bytes (with the same zlib).

It is the project's offline knowledge base, in Wikidata's own RDF model (`wdt:`, `p:`/`ps:`/`pq:`
statement nodes, dates as `xsd:dateTime` on `wdt:`/`ps:`/`pq:` as WDQS has them,
`rdfs:label`/`skos:altLabel`/`wdt:P1813` in English), so a query written for the
Wikidata Query Service runs on it. Every statement node has `wikibase:rank`, every date a value
node (`pqv:`/`psv:`: `wikibase:timeValue`, `wikibase:timePrecision` 9/10/11,
`wikibase:timeCalendarModel`, and kg's day bounds `dip:firstDay`/`dip:lastDay`/`dip:precisionDate`,
which kg's queries compare), and every truthy date its statement node. `kg` loads it into the named graph
`{WIKIDATA_GRAPH}`. Items with no confirmed QID use local IRIs `urn:diplomacy-kb:local:…`.

## Rebuild

    kg kb build --from ../shared/wikidata

(or `python -c "from kg.kb import build_snapshot; print(build_snapshot('../shared/wikidata', 'data/wikidata'))"`)

## Sources and licence

Built from the slice in `shared/wikidata` (see its README and PROVENANCE.csv): Wikidata output
copied from `every-politician-scrapers` and `opensanctions/nomenklatura` (Wikidata is **CC0**),
territory names and codes from `opensanctions/rigour` (**MIT**), and `derived/supplement.ttl`,
curated facts whose statements each carry `prov:wasDerivedFrom`. The graph IRI carries
`dcterms:source`/`prov:wasDerivedFrom` for each of the {info['upstream_commits']} upstream
repo@commit pairs, and `dcterms:license` CC0 and MIT.

| input | triples |
|---|---|
{inputs}

## Snapshot date

`<{WIKIDATA_GRAPH}> dcterms:issued "{SNAPSHOT_DATE}"^^xsd:date` is THE snapshot date
(`prov:generatedAtTime` gives that commit's time, {SNAPSHOT_GENERATED}). It is the newest commit
of the eight per-country every-politician pipelines (us, russia, united-kingdom, ukraine, france,
china, belarus, norway) whose `holders21.csv` give {info['cabinet_statements']:,} of the
{info['position_statements']:,} position-held statements: us-cabinet 0d5e73cb, russia-cabinet
3871831d and belarus-ministers 3edd7c7c are from {SNAPSHOT_DATE}, the others from 2022-07-23..30.
The rest comes from files of other dates: `world/html/holders21.csv` and current foreign
ministers (world@4a3b394d, 2023-01-10, content to Dec 2022), world-leaders (2022-01-31 and
2022-10-10, years only), nomenklatura and the curated supplement. The newest upstream commit
(eu-cabinets 2023-03; 2026 for the nomenklatura and rigour names) would claim a completeness the
bulk does not have; the oldest would hide the later facts. So read the date as "mostly as of": {info['starts_after_snapshot_date']} position-held
statements start after {SNAPSHOT_DATE}, and a check that needs "as of the snapshot" should treat
those as later knowledge.

## Choices made while building

- One `rdfs:label` per item (Wikidata's model): the curated Turtle label wins, then the
  most-attested label in `labels.csv`, then persons/positions/territories; other names become
  `skos:altLabel`. Some people have only a Cyrillic or Chinese name; it is tagged `@en` as in the
  upstream files.
- Rigour's codes for supranational entries (EU, UN, Global, Cyberspace) are not ISO 3166-1
  codes, so their `wdt:P297`/`wdt:P298` were left out ({info['dropped_supranational_codes']} triples).
- `wdt:P19` (place of birth) comes from the pipeline's `world/badges/rawdata/pob.csv`
  (Wikidata output, world@4a3b394d); it marks birthplaces such as Geneva or Sochi as places.
- Countries (rigour `is_country`) get `wdt:P31 wd:Q6256`; historical 4-letter codes are not P297.
- A position whose country is Wikidata's "unknown value" gets no `wdt:P17`.
- One impossible date (1951-06-31) is kept at month precision.
- Ranks: `wikibase:NormalRank` unless a nomenklatura entity (Wikidata's own JSON) has the same
  statement (item, property, value, start, end) preferred or deprecated; holders21 and the other
  pipeline outputs only list non-deprecated statements.
- Value nodes are kg's (`wdv:kg-time-YYYY-MM-DD-P`), shared by equal values; a truthy date's
  statement node is `wds:kg-<QID>-<P>-<first day>`.
- The nomenklatura entities' `wdt:P31` (Putin's relatives: humans) is kept.
"""


def snapshot_path() -> Path:
    """The packaged snapshot: ``data/wikidata/`` in a checkout, ``kg._res.wikidata`` in a wheel."""
    try:
        path = resource_dir("data/wikidata") / SNAPSHOT_FILENAME
    except FileNotFoundError as exc:
        raise KbError(f"the Wikidata snapshot folder is missing ({exc}); "
                      "build it with `kg kb build --from ../shared/wikidata`") from exc
    if not path.is_file():
        raise KbError(f"the Wikidata snapshot {path} is missing; "
                      "build it with `kg kb build --from ../shared/wikidata`")
    return path


def load_snapshot(store: Store, path: Path | None = None) -> int:
    """Replace the graph ``WIKIDATA_GRAPH`` of ``store`` (a kg ``Store``) with the snapshot at ``path``;
    return its triple count.

    Atomic: into an empty graph it is one ``Store.load`` (a transaction); over old content it
    is one SPARQL update ``DROP GRAPH ; INSERT DATA`` (``Store.replace_graph``), so readers see the
    old graph or the new one, never half (slower on an on-disk store: about 10 s against 2 s).
    """
    path = Path(path) if path is not None else snapshot_path()
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
        if not _has_triples(store):
            store.load(data, "nt", WIKIDATA_GRAPH)
        else:
            store.replace_graph(WIKIDATA_GRAPH, data)
    except (OSError, EOFError, SyntaxError, ValueError, StoreError) as exc:
        raise KbError(f"cannot load the Wikidata snapshot {path}: {exc}; "
                      "rebuild it with `kg kb build --from ../shared/wikidata`") from exc
    return graph_size(store)


def _has_triples(store: Store, graph: str = str(WIKIDATA_GRAPH)) -> bool:
    return bool(store.query("kb/graph-nonempty", default_graph=[graph]))


def graph_size(store: Store, graph: str = str(WIKIDATA_GRAPH)) -> int:
    """Number of triples in a named graph."""
    return store.count(graph)


def ensure_loaded(store: Store, path: Path | None = None) -> int:
    """Load the snapshot only when ``WIKIDATA_GRAPH`` is empty; return the graph's triple count."""
    return graph_size(store) if _has_triples(store) else load_snapshot(store, path)
