"""The SPARQL 1.1 Protocol's work apart from HTTP routing: content negotiation,
and running a query within the endpoint's limits (time, result size) into
serialised bytes.  Screening is :mod:`kg.sparql_screen`; where queries run
(worker processes, slots) is :mod:`kg.query_workers`.

Used by :mod:`kg.server`; errors are :class:`HttpError` with the status to answer.
"""

from __future__ import annotations

import csv
import io
import json
import time
from itertools import islice
from typing import Any, Callable

import pyoxigraph as ox
from rdflib import URIRef

from .errors import HttpError, QueryError, QueryFailed, http_status
from .sparql_bound import answer_bound
from .sparql_screen import Refused
from .store import Store, _PREFIX_MAP

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/x-json+ld": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/xml": ox.RdfFormat.RDF_XML,
}


# -- content negotiation -------------------------------------------------------


def accepted_ranges(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped)."""
    if not header or not header.strip():
        return ["*/*"]
    ranges = []
    for index, part in enumerate(header.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, index, media.lower()))
    return [media for _, _, media in sorted(ranges)]


def negotiate(accepted: list[str], table: dict[str, Any]) -> tuple[str, Any] | None:
    """(media type, format) for the best accepted range; the table's first entry is the default."""
    for media in accepted:
        if media in table:
            return media, table[media]
        if media == "*/*":
            first = next(iter(table))
            return first, table[first]
        if media.endswith("/*"):
            for candidate, fmt in table.items():
                if candidate.startswith(media[:-1]):
                    return candidate, fmt
    return None


# -- running queries -------------------------------------------------------------


def _term_json(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _term_json(term.subject),
            "predicate": _term_json(term.predicate),
            "object": _term_json(term.object),
        }}
    raise TypeError(f"unexpected term {term!r}")


class Expired(Exception):
    """A query's time is up: raised where kg's own code sees its results (rows, output chunks)."""


def _check_time(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise Expired


def _take(items, limit: int, deadline: float | None = None) -> tuple[list, bool]:
    """At most ``limit`` items, and whether there were more."""
    out = []
    for item in items:
        if len(out) >= limit:
            return out, True
        if len(out) % 256 == 0:
            _check_time(deadline)
        out.append(item)
    return out, False


class _Full(Exception):
    """Raised by ``_Bounded`` when a serialisation grows past its budget."""


#: How big (bytes) a serialised answer may grow before it is abandoned for the row-by-row path: up to
#: ``max_results`` bytes it cannot hold more than ``max_results`` rows; past that, up to this size, it is
#: parsed back to count them (27 ms for 3.6 MB of JSON) instead of running the query a second time.
MAX_COUNTED_BYTES = 64 * 2**20

#: An answer that grows past this (bytes) and cannot be cut (see :class:`AnswerStream`) is sent on in
#: chunks of about this size as it is written, instead of whole at the end.
STREAM_CHUNK = 64 * 1024

#: What :func:`run_query` answers in place of a body when the answer went out through its stream.
STREAMED = b"<streamed>"


class AnswerStream:
    """Where a query worker sends an answer as it is written: ``send(("stream", (media, bytes)))`` once, then
    ``send(("chunk", bytes))``; the worker ends it (``"end"``, or ``"abort"`` on a failure after the start).

    An answer is streamed only once it is past :data:`STREAM_CHUNK` bytes (smaller ones go whole, with a
    Content-Length) and only when it cannot be cut, so that no ``X-KG-Truncated`` header is owed: there is no
    row cap (``max_results`` 0), or the query's own LIMIT keeps it within the cap (:mod:`kg.sparql_bound`)."""

    def __init__(self, send: Callable[[tuple], Any]):
        self.send = send
        self.started = False
        self.allowed: Callable[[], bool] = lambda: False
        self.media = ""


class _Bounded:
    """A binary sink that refuses to grow past ``budget`` bytes (``_Full``; None: no budget) or its deadline
    (``Expired``); with a ``stream`` it sends the answer on once it is big (see :class:`AnswerStream`)."""

    def __init__(self, budget: int | None, deadline: float | None = None, stream: AnswerStream | None = None):
        self.budget = budget
        self.deadline = deadline
        self.stream = stream
        self.size = 0
        self.held = 0  # bytes in parts
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.size += len(data)
        self.held += len(data)
        _check_time(self.deadline)  # stops a runaway query that streams output: the engine cannot be cancelled
        self.parts.append(bytes(data))
        if self.held > STREAM_CHUNK and self.stream is not None:
            if self.stream.started:
                self._send_chunk()
            elif self.stream.allowed():
                self.stream.started = True
                self.stream.send(("stream", (self.stream.media, self._taken())))
            else:
                self.stream = None
        if self.budget is not None and self.size > self.budget and not (self.stream and self.stream.started):
            raise _Full
        return len(data)

    def _taken(self) -> bytes:
        out = b"".join(self.parts)
        self.parts, self.held = [], 0
        return out

    def _send_chunk(self) -> None:
        self.stream.send(("chunk", self._taken()))

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        """The whole answer; or, when it went out through the stream, its last chunk sent and ``STREAMED``."""
        if self.stream is not None and self.stream.started:
            if self.parts:
                self._send_chunk()
            return STREAMED
        return b"".join(self.parts)


def _direct(serialize: Callable[[_Bounded], Any], limit: int, deadline: float | None,
            stream: AnswerStream | None = None) -> bytes | None:
    """Oxigraph's own serialisation, or None when it grew past :data:`MAX_COUNTED_BYTES` (abandoned then,
    never buffered whole).  Output of at most ``limit`` bytes holds at most ``limit`` rows or triples
    (every one takes at least a byte in every format): no counting needed; bigger output is counted by
    the caller.  With no cap (``limit`` 0) nothing is counted: the answer is whole (or ``STREAMED``)."""
    sink = _Bounded(max(limit, MAX_COUNTED_BYTES) if limit > 0 else None, deadline, stream)
    try:
        serialize(sink)
    except _Full:
        return None
    return sink.value()


def _whole(body: bytes | None, limit: int) -> bool:
    """Whether ``_direct``'s ``body`` is the whole answer, uncut: there is no cap, it was streamed (only
    answers that cannot be cut are), or it is too short to hold more than ``limit`` rows or triples."""
    return body is not None and (limit <= 0 or body is STREAMED or len(body) <= limit)


def _parsed_solutions(data: bytes, fmt: ox.QueryResultsFormat):
    """The solutions of a serialised answer read back, or None for CSV (lossy: oxigraph cannot parse it)."""
    if fmt == ox.QueryResultsFormat.CSV:
        return None
    return ox.parse_query_results(data, format=fmt)


def _csv_rows(data: bytes, most: int) -> int:
    """The records of a CSV answer after its header (counted up to ``most + 1``)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    return max(sum(1 for _ in islice(reader, most + 2)) - 1, 0)


def _select_body(run: Callable[[], Any], fmt: ox.QueryResultsFormat, limit: int,
                 deadline: float | None = None, stream: AnswerStream | None = None) -> tuple[bytes, bool]:
    """Serialise at most ``limit`` solutions of the query ``run`` runs.

    The query runs once, into Oxigraph's serialiser; an answer over ``limit`` bytes is read back to
    count its rows.  Only one with more than ``limit`` rows is cut: its first ``limit`` solutions are
    rebuilt as JSON (and converted to ``fmt``) so the truncated answer is still well-formed -- from the
    answer read back, or (CSV, or an answer over :data:`MAX_COUNTED_BYTES`) from a second run.
    """
    body = _direct(lambda sink: run().serialize(sink, format=fmt), limit, deadline, stream)
    if _whole(body, limit):
        return body, False
    solutions = None
    if body is not None:
        parsed = _parsed_solutions(body, fmt)
        if parsed is None:
            if _csv_rows(body, limit) <= limit:
                return body, False
        else:
            solutions, truncated = _take(parsed, limit, deadline)
            if not truncated:
                return body, False
            names = [v.value for v in parsed.variables]
    if solutions is None:  # CSV or too big to read back: the query again, row by row
        result = run()
        names = [v.value for v in result.variables]
        solutions, truncated = _take(result, limit, deadline)
    del body
    bindings = [{name: _term_json(solution[name]) for name in names if solution[name] is not None}
                for solution in solutions]
    data = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, separators=(",", ":")).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return data, truncated
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt), truncated


def _graph_body(run: Callable[[], Any], fmt: ox.RdfFormat, limit: int,
                deadline: float | None = None, stream: AnswerStream | None = None) -> tuple[bytes, bool]:
    """Serialise at most ``limit`` triples of the CONSTRUCT/DESCRIBE query ``run`` runs (as ``_select_body``:
    one run; an answer over ``limit`` bytes is read back to count its triples, and cut from that)."""
    prefixes = _PREFIX_MAP if fmt == ox.RdfFormat.TURTLE else None
    body = _direct(lambda sink: ox.serialize(run(), sink, format=fmt, prefixes=prefixes), limit, deadline, stream)
    if _whole(body, limit):
        return body, False
    if body is not None:
        triples, truncated = _take((q.triple for q in ox.parse(body, format=fmt)), limit, deadline)
        if not truncated:
            return body, False
    else:
        triples, truncated = _take(run(), limit, deadline)
    return serialize_graph(triples, fmt), truncated


def run_query(store: Store, text: str, dataset: dict[str, list[URIRef]], accepted: list[str], limit: int,
               deadline: float | None = None, stream: AnswerStream | None = None):
    """Run a query and serialise its answer: (body, media type, truncated).  Runs in a worker thread.

    ``limit`` is the row/triple cap (0: none).  With a ``stream``, a big answer that cannot be cut goes out
    through it as it is written and the body answered is :data:`STREAMED` (see :class:`AnswerStream`).

    pyoxigraph's result iterators must be dropped on the thread that made
    them, so a failure is re-raised as a fresh error only after the original
    one (whose traceback holds the iterator) has been released here.
    """
    try:
        return _answer(store, text, dataset, accepted, limit, deadline, stream)
    except HttpError as exc:
        failure = (exc.status, exc.message)
    except Expired:
        failure = (503, "query ran past query_timeout and was stopped; narrow it or add a LIMIT")
    except Exception as exc:  # noqa: BLE001 - answered as a 500, never a dropped connection
        failure = (500, f"query failed: {type(exc).__name__}: {exc}")
    raise HttpError(*failure)


def _answer(store: Store, text: str, dataset: dict[str, list[URIRef]], accepted: list[str], limit: int,
            deadline: float | None, stream: AnswerStream | None = None):
    def run():
        try:
            return store.query(text, named=False, **dataset)  # query text only, never a name
        except QueryError as exc:
            raise HttpError(http_status(_classified(exc)), str(exc)) from exc

    result = run()
    first = [result]

    def again():
        """The result already made the first time, a fresh run after that (for the slow path)."""
        return first.pop() if first else run()

    if stream is not None:
        def uncut() -> bool:
            bound = answer_bound(text)
            return limit <= 0 or (bound is not None and bound <= limit)

        stream.allowed = uncut
    try:
        if isinstance(result, ox.QueryBoolean):
            chosen = _chosen(accepted, RESULTS_FORMATS, "ASK results")
            return result.serialize(format=chosen[1]), chosen[1].media_type, False
        if isinstance(result, ox.QuerySolutions):
            chosen = _chosen(accepted, RESULTS_FORMATS, "SELECT results")
            del result
            if stream is not None:
                stream.media = chosen[1].media_type
            body, truncated = _select_body(again, chosen[1], limit, deadline, stream)
            return body, chosen[1].media_type, truncated
        chosen = _chosen(accepted, GRAPH_FORMATS, "graph results")
        del result
        if stream is not None:
            stream.media = chosen[1].media_type
        body, truncated = _graph_body(again, chosen[1], limit, deadline, stream)
        return body, chosen[1].media_type, truncated
    except (OSError, ValueError, RuntimeError) as exc:
        raise HttpError(500, f"query failed: {exc}") from exc


def _classified(exc: QueryError) -> QueryError:
    """``exc`` as the table (kg.errors.HTTP_STATUS) tells it: a query refused by the screen or one the engine
    cannot parse stays a QueryError (400); any other engine error is a :class:`QueryFailed` (500)."""
    if isinstance(exc, Refused) or isinstance(exc.__cause__, SyntaxError):
        return exc
    return QueryFailed(str(exc))


def _chosen(accepted: list[str], table: dict[str, Any], what: str) -> tuple[str, Any]:
    """negotiate(), or 406 naming what cannot be given and the media types that can."""
    chosen = negotiate(accepted, table)
    if chosen is None:
        raise HttpError(406, f"{what} cannot be given as {', '.join(accepted)}; accept one of {', '.join(table)}")
    return chosen


def serialize_graph(triples: Any, fmt: ox.RdfFormat) -> bytes:
    prefixes = _PREFIX_MAP if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)
