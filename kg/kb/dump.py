"""Stream a Wikidata JSON dump (``latest-all.json[.gz|.bz2]``) into N-Triples in the snapshot's model.

The dump is a JSON array with one entity per line (``[``, ``{...},``, ..., ``]``).  Memory stays
flat: lines are read one at a time, most are skipped by a byte test before any JSON parsing
(an entity is parsed only when it may be kept), and the only state that grows is two bitmaps of
QIDs (one bit per QID: 16 MB for today's 130 M QIDs).

What is kept (``Selection``): people (P31 Q5) with a non-deprecated position held (P39); items
whose class (P31) is one of ``position_classes`` or ``keep_classes``; the ``seeds`` (by default
the items the knowledge base already has); and, when ``follow`` is on, every item those point to
(positions held, given/family names, countries, organisations), which a second pass over the
file picks up: an office's entity comes before or after its holders' in the file, so one pass
cannot know it is wanted.  The second pass parses only the lines whose id is wanted.

Decompression runs in-process by default; ``decompress="external"`` pipes it through a
``gzip -dc``/``bzip2 -dc`` child process and ``workers > 1`` parses in worker processes. Both
were slower on the 2-core machine this was measured on (see bench/kb_import.py and the README),
so neither is the default; on a machine with idle cores they may pay off.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import json
import multiprocessing
import re
import shutil
import subprocess
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from kg.errors import KbError
from kg.kb import entity as ent

if TYPE_CHECKING:
    from kg.store import Store

SUFFIXES = (".json", ".json.gz", ".json.bz2")
#: Classes of positions kept by default besides the snapshot's own (position, public office).
DEFAULT_POSITION_CLASSES = frozenset({"Q4164871", "Q294414"})
_ID = re.compile(rb'"id"\s*:\s*"(Q[1-9][0-9]*)"')
_MODIFIED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NAME_DATE = re.compile(r"(?<![0-9])(20[0-9]{2})([01][0-9])([0-3][0-9])(?![0-9])")
CHUNK_LINES = 2000


@dataclass(frozen=True)
class Selection:
    """Which entities of a dump to keep (see the module docstring)."""

    seeds: frozenset[str] = frozenset()
    position_classes: frozenset[str] = DEFAULT_POSITION_CLASSES
    keep_classes: frozenset[str] = frozenset()
    follow: bool = True
    languages: tuple[str, ...] = ("en",)

    def markers(self) -> tuple[bytes, ...]:
        """Byte strings one of which a line must hold to be parsed on the first pass."""
        found: list[bytes] = [b'"P39"']
        for qid in sorted(self.position_classes | self.keep_classes):
            found += [f'"id":"{qid}"'.encode(), f'"id": "{qid}"'.encode()]
        return tuple(found)

    def wants(self, entity: dict) -> bool:
        if entity.get("id") in self.seeds:
            return True
        kinds = ent.classes(entity)
        if "Q5" in kinds and ent.held(entity):
            return True
        return bool(kinds & (self.position_classes | self.keep_classes))


class IdSet:
    """A set of QIDs as a bitmap (one bit per numeric id)."""

    def __init__(self, data: bytes | bytearray = b"") -> None:
        self.bits = bytearray(data)

    def add(self, qid: str) -> None:
        n = int(qid[1:])
        index = n >> 3
        if index >= len(self.bits):
            self.bits.extend(bytes(max(index + 1 - len(self.bits), len(self.bits))))
        self.bits[index] |= 1 << (n & 7)

    def __contains__(self, qid: object) -> bool:
        if not isinstance(qid, str) or qid[:1] != "Q" or not qid[1:].isdigit():
            return False
        n = int(qid[1:])
        return (n >> 3) < len(self.bits) and bool(self.bits[n >> 3] & (1 << (n & 7)))

    def minus(self, other: IdSet) -> IdSet:
        mine = np.frombuffer(self.bits, dtype=np.uint8)
        theirs = np.zeros(len(self.bits), dtype=np.uint8)
        common = min(len(self.bits), len(other.bits))
        theirs[:common] = np.frombuffer(other.bits, dtype=np.uint8)[:common]
        return IdSet((mine & ~theirs).tobytes())

    def ids(self) -> np.ndarray:
        """The numeric ids in the set, ascending."""
        data = np.frombuffer(self.bits, dtype=np.uint8)
        nonzero = np.flatnonzero(data)
        rows, cols = np.nonzero(np.unpackbits(data[nonzero][:, None], axis=1, bitorder="little"))
        return nonzero[rows] * 8 + cols

    def __iter__(self) -> Iterator[str]:
        return (f"Q{n}" for n in self.ids().tolist())

    def __len__(self) -> int:
        return len(self.ids())

    @property
    def nbytes(self) -> int:
        return len(self.bits)


@dataclass
class ImportStats:
    """What an import read and kept."""

    lines: int = 0
    parsed: int = 0
    kept: int = 0
    kept_second_pass: int = 0
    referenced_missing: int = 0
    triples: int = 0
    passes: int = 1
    modified: str = ""  # the newest "modified" date among the kept entities
    seconds: float = 0.0
    decompress: str = ""
    workers: int = 1
    kept_ids: IdSet = field(default_factory=IdSet, repr=False)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "kept_ids"}
        out["entities_per_second"] = round(self.lines / self.seconds) if self.seconds else 0
        return out


def check_path(path: Path) -> Path:
    path = Path(path)
    if not path.name.endswith(SUFFIXES):
        raise KbError(f"{path}: not a Wikidata JSON dump; expected a file ending in "
                      f"{', '.join(SUFFIXES)} (e.g. latest-all.json.gz)")
    if not path.is_file():
        raise KbError(f"{path}: no such file; download a dump from https://dumps.wikimedia.org/wikidatawiki/entities/")
    return path


def dump_date(path: Path) -> str | None:
    """The date in a dump's file name (``wikidata-20261125-all.json.gz`` -> ``2026-11-25``), if any."""
    match = _NAME_DATE.search(Path(path).name)
    return f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else None


@contextlib.contextmanager
def open_dump(path: Path, decompress: str = "auto") -> Iterator[IO[bytes]]:
    """The dump's decompressed bytes; ``decompress`` is auto (= python), python, or external (a
    ``gzip -dc``/``bzip2 -dc`` child process, when installed)."""
    path = check_path(path)
    tool = {"gz": "gzip", "bz2": "bzip2"}.get(path.suffix.lstrip("."))
    if decompress not in ("auto", "external", "python"):
        raise KbError(f"decompress must be auto, external or python (got {decompress!r})")
    if tool and decompress == "external" and shutil.which(tool):
        process = subprocess.Popen([tool, "-dc", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   bufsize=1 << 20)
        try:
            yield process.stdout
        finally:
            process.stdout.close()
            process.kill() if process.poll() is None else None
            err = process.stderr.read().decode(errors="replace").strip()
            process.stderr.close()
            code = process.wait()
            if code not in (0, -9) and err:
                raise KbError(f"{path}: {tool} failed ({err}); check the file is complete")
        return
    if tool == "gzip":
        opener = gzip.open
    elif tool == "bzip2":
        opener = bz2.open
    elif tool is None:
        opener = open
    else:
        raise KbError(f"{path}: no {tool} program and no Python decompressor for it")
    try:
        with opener(path, "rb") as handle:
            yield handle
    except (OSError, EOFError) as exc:
        raise KbError(f"{path}: cannot decompress ({exc}); check the file is complete") from exc


def lines(path: Path, handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """``(line number, entity JSON)`` for each entity line of the array."""
    try:
        for number, line in enumerate(handle, start=1):
            line = line.strip()
            if not line or line in (b"[", b"]"):
                continue
            if line.endswith(b","):
                line = line[:-1]
            if not line.startswith(b"{"):
                raise KbError(f"{path}:{number}: not a Wikidata JSON dump line (expected '[', ']' or an "
                              "entity object per line); pass latest-all.json.gz or a file in its format")
            yield number, line
    except (OSError, EOFError) as exc:
        raise KbError(f"{path}: cannot read ({exc}); check the file is complete") from exc


def _parse(path: Path, number: int, line: bytes) -> dict:
    try:
        entity = json.loads(line)
    except ValueError as exc:
        raise KbError(f"{path}:{number}: bad JSON ({exc}); the dump is damaged or truncated") from exc
    if not isinstance(entity, dict):
        raise KbError(f"{path}:{number}: not an entity object; pass a Wikidata JSON dump")
    return entity


# -- one chunk of lines (run in the main process or a worker) ----------------------------------------

_STATE: dict[str, Any] = {}


def _init(selection: Selection, wanted: frozenset[str] | None, path: str) -> None:
    _STATE.update(selection=selection, markers=selection.markers(), wanted=wanted, path=Path(path))


def _chunk(batch: list[tuple[int, bytes]]) -> tuple[bytes, list[str], list[str], str, int]:
    """(N-Triples, kept ids, referenced ids, newest modified, parsed count) for a batch of lines."""
    selection, markers, wanted, path = _STATE["selection"], _STATE["markers"], _STATE["wanted"], _STATE["path"]
    out: list[str] = []
    kept: list[str] = []
    refs: list[str] = []
    modified, parsed = "", 0
    for number, line in batch:
        match = _ID.search(line, 0, 400)
        qid = match.group(1).decode() if match else None
        if wanted is not None:  # second pass: only the wanted ids
            if qid not in wanted:
                continue
        elif qid not in selection.seeds and not any(m in line for m in markers):
            continue
        entity = _parse(path, number, line)
        parsed += 1
        if wanted is None and not selection.wants(entity):
            continue
        if entity.get("type", "item") != "item" or not isinstance(entity.get("id"), str):
            continue
        out += ent.triples(entity, selection.languages)
        kept.append(entity["id"])
        if wanted is None and selection.follow:
            refs += ent.references(entity)
        stamp = entity.get("modified")
        if isinstance(stamp, str) and _MODIFIED.match(stamp):
            modified = max(modified, stamp[:10])
    data = ("\n".join(out) + "\n").encode() if out else b""
    return data, kept, refs, modified, parsed


def _batches(path: Path, handle: IO[bytes], stats: ImportStats, size: int) -> Iterator[list[tuple[int, bytes]]]:
    batch: list[tuple[int, bytes]] = []
    for item in lines(path, handle):
        stats.lines += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_pass(path: Path, selection: Selection, wanted: frozenset[str] | None, out: IO[bytes],
              stats: ImportStats, refs: IdSet, *, workers: int, decompress: str,
              progress: Callable[[int, int | None], None] | None) -> int:
    """One read of the file; returns the entities kept."""
    kept_count = 0
    counting = wanted is None  # count lines once (first pass)
    lines_before = stats.lines

    def collect(result: tuple[bytes, list[str], list[str], str, int]) -> None:
        nonlocal kept_count
        data, kept, referenced, modified, parsed = result
        if data:
            out.write(data)
            stats.triples += data.count(b"\n")
        for qid in kept:
            stats.kept_ids.add(qid)
        for qid in referenced:
            refs.add(qid)
        kept_count += len(kept)
        stats.parsed += parsed
        stats.modified = max(stats.modified, modified)
        if progress is not None:  # entities read in this pass; the second's total is the first's count
            progress(stats.lines - lines_before, None if counting else lines_before)

    with open_dump(path, decompress) as handle:
        batches = _batches(path, handle, stats, CHUNK_LINES)
        if workers <= 1:
            _init(selection, wanted, str(path))
            for batch in batches:
                collect(_chunk(batch))
        else:
            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
            with context.Pool(workers, initializer=_init, initargs=(selection, wanted, str(path))) as pool:
                pending: deque = deque()
                for batch in batches:  # at most 2 batches per worker in flight: memory stays flat
                    pending.append(pool.apply_async(_chunk, (batch,)))
                    while len(pending) >= 2 * workers:
                        collect(pending.popleft().get())
                while pending:
                    collect(pending.popleft().get())
    if not counting:
        stats.lines = lines_before
    return kept_count


def import_dump(path: Path, out: IO[bytes], selection: Selection, *, workers: int = 1, decompress: str = "auto",
                progress: Callable[[int, int | None], None] | None = None) -> ImportStats:
    """Write the kept entities' triples (N-Triples) to ``out``; return what was read and kept."""
    began = time.perf_counter()
    path = check_path(path)
    tool = {".gz": "gzip", ".bz2": "bzip2"}.get(path.suffix)
    external = bool(tool) and decompress == "external" and shutil.which(tool) is not None
    stats = ImportStats(workers=max(1, workers), decompress=f"{tool} -dc" if external else "python")
    refs = IdSet()
    stats.kept = _run_pass(path, selection, None, out, stats, refs, workers=workers, decompress=decompress,
                           progress=progress)
    if selection.follow:
        missing = refs.minus(stats.kept_ids)
        wanted = frozenset(missing)
        if wanted:
            stats.passes = 2
            stats.kept_second_pass = _run_pass(path, selection, wanted, out, stats, refs, workers=workers,
                                               decompress=decompress, progress=progress)
            stats.kept += stats.kept_second_pass
            stats.referenced_missing = len(wanted) - stats.kept_second_pass
    stats.seconds = round(time.perf_counter() - began, 3)
    return stats


# -- into a store ------------------------------------------------------------------------------------


def default_selection(store: Store, languages: tuple[str, ...] = ("en",), *, held: bool = True, kinds: bool = True,
                      extra_classes: frozenset[str] = frozenset()) -> Selection:
    """Keep what the knowledge base already has (its items are seeds), the people with a position
    held, positions of the classes the KB's positions have (``kinds``) and the items kept people
    point to (``held``: the offices they held, second pass)."""
    from kg.vocab import WD, WIKIDATA_GRAPH

    wd = str(WD)
    seeds = {q.subject.value[len(wd):] for q in store.quads(graph=WIKIDATA_GRAPH)
             if q.subject.value.startswith(wd) and q.subject.value[len(wd):].startswith("Q")}
    classes = set(DEFAULT_POSITION_CLASSES) | set(extra_classes)
    if kinds:
        rows = store.query("kb/position-classes", {"graph": WIKIDATA_GRAPH}, union_default_graph=False)
        classes |= {r["c"].value[len(wd):] for r in rows if r["c"].value.startswith(wd)}
    elif not extra_classes:
        classes = set()
    return Selection(seeds=frozenset(seeds), position_classes=frozenset(classes), follow=held,
                     languages=tuple(languages))


def import_to_store(store: Store, path: Path, selection: Selection, *, date: str | None = None, workers: int = 1,
                    decompress: str = "auto", tmp_dir: Path | None = None,
                    progress: Callable[[int, int | None], None] | None = None) -> dict[str, Any]:
    """Import the dump as the source "Wikidata dump <date>" of ``store`` (a kg ``Store``) and
    re-make the effective Wikidata graph for the items it covers."""
    import tempfile

    from kg.kb import sources
    from kg.kb.records import check_date

    path = check_path(path)
    with tempfile.NamedTemporaryFile(prefix="kg-dump-", suffix=".nt", dir=tmp_dir, delete=False) as tmp:
        tmp_path = Path(tmp.name)
        try:
            stats = import_dump(path, tmp, selection, workers=workers, decompress=decompress, progress=progress)
        except BaseException:
            tmp.close()
            tmp_path.unlink(missing_ok=True)
            raise
    try:
        when = date or dump_date(path) or stats.modified
        if not when:
            raise KbError(f"{path}: cannot tell the dump's date (no date in its name, no 'modified' field); "
                          "pass --date YYYY-MM-DD")
        check_date(when)
        if len(when) != 10:
            raise KbError(f"--date {when!r}: give the dump's day, YYYY-MM-DD")
        if not stats.kept:
            raise KbError(f"{path}: no entity kg uses (people with positions held, offices, known items); "
                          "is it a Wikidata dump?")
        loaded = sources.add_source(store, "dump", when, path.resolve().as_uri(), tmp_path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return {"date": when, **stats.as_dict(), **loaded}
