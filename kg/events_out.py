"""``kg events``: the events in the store as a table, JSONL, CSV or PLOVER (POLECAT-style) JSON.

Reads the store with the named queries ``events`` and ``event-actors``; filters by type, actor
QID and date.  ``--format plover`` writes one JSON object per event a PLOVER coder codes: every
PLOVER-typed event that is not part of another (the withdrawal a demand asks for is part of the
demand and described by it); kg's STATEMENT events are not PLOVER events and are left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

from . import queries
from .errors import KgError
from .formats import add_format, choices
from .model import EVENT_TYPES, PLOVER_TYPES
from .wikidata_ids import qid_of

#: PLOVER 2021 type -> the CAMEO root codes it covers (from the CAMEO-to-PLOVER 2021 table).
CAMEO_ROOTS = {
    "AGREE": ("03",), "CONSULT": ("04",), "SUPPORT": ("05",), "COOPERATE": ("06",), "AID": ("07",),
    "CONCEDE": ("08",), "RETREAT": ("08",), "ACCUSE": ("09", "11"), "REQUEST": ("10",), "REJECT": ("12",),
    "THREATEN": ("13",), "PROTEST": ("14",), "MOBILIZE": ("15",), "SANCTION": ("16",),
    "COERCE": ("16", "17", "19"), "ASSAULT": ("17", "18", "19", "20"),
}
FORMATS = choices("text", "jsonl", "csv", "plover")
COLUMNS = ("article", "type", "status", "trigger", "date", "source", "target", "place", "mode", "context",
           "part_of", "deadline", "sentence")


@dataclass
class Event:
    row: dict[str, str]
    source: list[dict[str, Any]] = field(default_factory=list)
    target: list[dict[str, Any]] = field(default_factory=list)

    @property
    def qids(self) -> set[str]:
        return {a["qid"] for a in self.source + self.target if a.get("qid")}


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``kg events`` (the parser is made by kg/cli.py)."""
    add_format(p, FORMATS,
               help="text (default, a table), jsonl (one event per line), csv, plover (PLOVER/POLECAT-style JSON "
                        "lines, the events a PLOVER coder codes)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default stdout)")
    p.add_argument("--type", action="append", metavar="TYPE", type=str.upper,
                   help="only events of this type (PLOVER name or STATEMENT; repeatable)")
    p.add_argument("--actor", action="append", metavar="QID", help="only events with this actor (source, "
                   "target or participant; repeatable)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only events dated on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only events dated on or before this day")


def _check_args(args: argparse.Namespace) -> None:
    bad = [t for t in args.type or [] if t not in EVENT_TYPES]
    if bad:
        raise KgError(f"--type {', '.join(bad)}: unknown event type; use one of {', '.join(EVENT_TYPES)}")
    bad = [q for q in args.actor or [] if not (q[:1] in "Qq" and q[1:].isdigit())]
    if bad:
        raise KgError(f"--actor {', '.join(bad)}: not a Wikidata id; pass a QID such as Q159")
    for name in ("since", "until"):
        value = getattr(args, name)
        if value and not (len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit()):
            raise KgError(f"--{name} {value}: not a date; use YYYY-MM-DD")


def read_events(store) -> list[Event]:
    """Every event in the store with its source and target actors, in article and text order."""
    events = {r["event"]: Event(r) for r in store.select(queries.get("events").text)}
    for r in store.select(queries.get("event-actors").text):
        ev = events.get(r["event"])
        if ev is None:
            continue
        entity = r.get("entity", "")
        actor = {"text": r.get("text", ""), "qid": qid_of(entity) if entity else None,
                 "country": r.get("iso3") or None, "sector": r.get("sector") or None}
        (ev.source if r["role"] == "source" else ev.target).append(actor)
    return list(events.values())


def select(events: list[Event], args: argparse.Namespace) -> list[Event]:
    types = set(args.type or [])
    actors = {q.upper() for q in args.actor or []}
    out = []
    for ev in events:
        date = ev.row.get("date", "")
        participants = {qid_of(p) for p in ev.row.get("participants", "").split("; ") if qid_of(p)}
        if types and ev.row["type"] not in types:
            continue
        if actors and not actors & (ev.qids | participants):
            continue
        if args.since and (not date or date < args.since) or args.until and (not date or date > args.until):
            continue
        out.append(ev)
    return out


def plover(ev: Event) -> dict[str, Any]:
    r = ev.row
    status = r.get("status", "asserted")
    return {
        "article": r["article"], "event_type": r["type"], "event_mode": r.get("mode", ""),
        "event_context": r.get("context", ""), "negated": status == "negated", "status": status,
        "source": ev.source, "target": ev.target,
        "trigger": {"start": int(r["start"]), "end": int(r["end"]), "text": r["trigger"]},
        "date": r.get("date"), "location": r.get("placeLabel"), "sentence": r.get("sentence", ""),
        "cameo_roots": list(CAMEO_ROOTS.get(r["type"], ())),
    }


def _flat(ev: Event) -> dict[str, str]:
    r = ev.row
    names = lambda xs: "; ".join(a["text"] + (f" ({a['qid']})" if a.get("qid") else "") for a in xs)  # noqa: E731
    return {"article": r["article"], "type": r["type"], "status": r.get("status", ""), "trigger": r["trigger"],
            "date": r.get("date", ""), "source": names(ev.source), "target": names(ev.target),
            "place": r.get("placeLabel", ""), "mode": r.get("mode", ""), "context": r.get("context", ""),
            "part_of": r.get("partOf", ""), "deadline": r.get("deadline", ""), "sentence": r.get("sentence", "")}


def write(events: list[Event], fmt: str, out: TextIO) -> int:
    """Write the events; returns how many were written."""
    if fmt == "plover":
        rows = [e for e in events if e.row["type"] in PLOVER_TYPES and not e.row.get("partOf")]
        for ev in rows:
            out.write(json.dumps(plover(ev), ensure_ascii=False) + "\n")
        return len(rows)
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps({**_flat(ev), "negated": ev.row.get("status") == "negated",
                                  "source": ev.source, "target": ev.target}, ensure_ascii=False) + "\n")
        return len(events)
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=COLUMNS)
        w.writeheader()
        for ev in events:
            w.writerow(_flat(ev))
        return len(events)
    cols = [c for c in COLUMNS if c not in {"sentence", "part_of", "context", "deadline"}]
    rows = [_flat(e) for e in events]
    widths = {c: min(40, max([len(c)] + [len(r[c]) for r in rows])) for c in cols}
    cell = lambda text, c: (text if len(text) <= widths[c] else text[: widths[c] - 1] + "…").ljust(widths[c])  # noqa: E731
    out.write("  ".join(cell(c, c) for c in cols).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(cell(r[c].replace("\n", " "), c) for c in cols).rstrip() + "\n")
    return len(rows)


def run(args: argparse.Namespace, store) -> int:
    """``kg events``: read, filter and write; the count goes to stderr."""
    _check_args(args)
    events = select(read_events(store), args)
    out = open(args.output, "w", encoding="utf-8") if args.output and args.output != "-" else sys.stdout
    try:
        n = write(events, args.format, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output and args.output != "-" or args.format != "text":
        print(f"{n} events written", file=sys.stderr)
    return 0
