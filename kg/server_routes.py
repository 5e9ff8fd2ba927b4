"""The route handlers of the SPARQL endpoint (:mod:`kg.server` assembles them into the app).

Each handler is a plain ``async def handler(request)``; what they share -- the store, the settings,
the query runner, the view for the server's own reads -- is one :class:`AppState`, kept on the app as
``app.state.kg``.  A handler raises :class:`~kg.errors.KgError` (an :class:`~kg.errors.HttpError`
for the protocol's own refusals); the app's one error handler (:func:`on_kg_error`) answers it as JSON
``{"error": message, "status": code}`` with the status of :func:`kg.errors.http_status`.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from .config import Settings
from .errors import HttpError, QueryError, StoreError, http_status
from .landing import landing_page
from .protocol_request import Operation, protocol_request, with_update_dataset
from .fresh_store import FreshStore
from .query_workers import Busy, ProcessRunner, StreamCut, StreamedAnswer, ThreadRunner, TimedOut, WorkerFailed
from .sparql_protocol import GRAPH_FORMATS, RESULTS_FORMATS, accepted_ranges, negotiate, serialize_graph
from .store import Store

ONTOLOGY_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                    "jsonld": ox.RdfFormat.JSON_LD}

#: Requests (body + query string) at least this long are parsed and screened off the event loop.
INLINE_REQUEST_CHARS = 32_000


def error_response(status: int, message: str) -> JSONResponse:
    """The one error shape: ``{"error": message, "status": code}`` (+ WWW-Authenticate on 401, Retry-After on 503)."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {"Retry-After": "5"} if status == 503 else None
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


async def on_kg_error(request: Request, exc: Exception) -> Response:
    """The app's handler for every KgError: one table, :data:`kg.errors.HTTP_STATUS`."""
    return error_response(http_status(exc), str(exc))


class CurrentStore:
    """The store for the server's own reads (graph store, existence checks): a read-only store is a
    snapshot of the moment it was opened, so it is reopened on change (:class:`FreshStore`; only
    called in threads, as it may wait up to 0.5 s for a reopen), as the query workers do."""

    def __init__(self, store: Store):
        reopen = store.path is not None and getattr(store, "read_only", False)
        self.fresh = FreshStore(store.path, store) if reopen else None
        self.store = store

    def get(self) -> Store:
        return self.fresh.get() if self.fresh is not None else self.store


@dataclass
class AppState:
    """What the handlers share: the store, the settings, whether updates are on, the query runner and the
    view for the server's own reads.  ``app.state.kg``; :func:`state` gets it from a request."""

    store: Store
    settings: Settings
    allow_update: bool
    runner: ProcessRunner | ThreadRunner
    current: CurrentStore

    @classmethod
    def make(cls, store: Store, settings: Settings, *, allow_update: bool, short_seconds: float) -> "AppState":
        """Queries in worker processes for an on-disk store (``settings.query_workers``), else in threads."""
        slots = settings.max_concurrent_queries
        if store.path is not None and settings.query_workers:
            runner: ProcessRunner | ThreadRunner = ProcessRunner(store.path, slots, short_seconds=short_seconds)
        else:
            runner = ThreadRunner(store, slots)
        return cls(store, settings, allow_update, runner, CurrentStore(store))

    @property
    def timeout(self) -> float:
        return self.settings.query_timeout

    async def run_job(self, job: tuple):
        """``job`` on the query runner: 503 when busy or past query_timeout, 500 when the worker failed."""
        try:
            return await self.runner.run(job, self.timeout)
        except Busy as exc:
            raise HttpError(503, "the server is busy with other queries (max_concurrent_queries); retry later") from exc
        except TimedOut as exc:
            raise HttpError(503, f"query ran longer than {self.timeout:g} s (query_timeout) and was stopped; "
                                 "narrow it or add a LIMIT") from exc
        except WorkerFailed as exc:
            raise HttpError(500, str(exc)) from exc

    async def in_thread(self, fn):
        """``fn`` in a worker thread; 503 after query_timeout (updates and the server's own reads and writes)."""
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
        except TimeoutError as exc:
            raise HttpError(503, f"the operation ran longer than {self.timeout:g} s (query_timeout)") from exc

    def written(self) -> None:
        """A write was answered: the query workers' views reopen before their next query."""
        self.runner.written()

    async def read_body(self, request: Request) -> bytes:
        """The body: 413 over max_body_bytes (by Content-Length or as it arrives), 408 past body_timeout."""
        max_body, body_timeout = self.settings.max_body_bytes, self.settings.body_timeout
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            raise HttpError(413, f"request body of {length} bytes is over max_body_bytes ({max_body})")
        chunks, size = [], 0
        try:
            with anyio.fail_after(body_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > max_body:
                        raise HttpError(413, f"request body is over max_body_bytes ({max_body})")
                    chunks.append(chunk)
        except TimeoutError as exc:
            raise HttpError(408, f"the request body took longer than {body_timeout:g} s (body_timeout)") from exc
        return b"".join(chunks)

    def authorise(self, request: Request) -> None:
        """403 unless updates are on, 401 unless the request carries the bearer token."""
        if not self.allow_update:
            raise HttpError(403, "updates are disabled on this endpoint; start it with --allow-update")
        token = self.settings.token
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if not token or scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
            raise HttpError(401, "a valid bearer token is required for updates")


def state(request: Request) -> AppState:
    return request.app.state.kg


#: How often (s) a streamed answer whose client does not read is checked against the slot rules.
HOLD_CHECK_SECONDS = 0.25


class StreamedResponse(StreamingResponse):
    """A :class:`~kg.query_workers.StreamedAnswer` sent chunked as the worker writes it.  The whole response,
    the client's reading included, has the query's deadline (query_timeout), so a client that stops
    reading cannot hold a query slot: past it the connection is dropped (:class:`StreamCut`, see
    kg.server.CutStreams) and the worker replaced; the slot is freed however the response ends.  Past
    short_query_seconds it is a long query (:meth:`StreamedAnswer.hold`), stopped when the slots are needed."""

    def __init__(self, answer: StreamedAnswer):
        super().__init__(answer.chunks(), media_type=answer.media)
        self.answer = answer

    async def stream_response(self, send) -> None:
        async def timed(message) -> None:
            # a client that does not read blocks the send: every quarter second the slot rules are applied again
            # (a send cancelled while it waits has written nothing, so it is sent again)
            while True:
                left = self.answer.deadline - time.monotonic()
                if left <= 0:
                    raise StreamCut("the client read the answer slower than query_timeout allows")
                with anyio.move_on_after(min(left, HOLD_CHECK_SECONDS)) as scope:
                    await send(message)
                if not scope.cancelled_caught:
                    return
                self.answer.hold()

        try:
            await super().stream_response(timed)
        finally:
            await self.body_iterator.aclose()
            self.answer.close()


# -- /sparql -----------------------------------------------------------------------


async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol: a query (GET or POST), an update (POST), or the service description."""
    app = state(request)
    body = await app.read_body(request) if request.method == "POST" else b""
    base = str(request.url.replace(query=None))
    ctype = request.headers.get("content-type", "")

    def read() -> Operation | None:
        return protocol_request(request.method, request.url.query, ctype, body, base)

    # parsing and screening a big request would stall the event loop -- and a thread would
    # still hold the GIL -- so a query worker does it (a thread for in-memory stores)
    if len(body) + len(request.url.query) < INLINE_REQUEST_CHARS:
        operation = read()
    elif isinstance(app.runner, ProcessRunner):
        operation = await app.run_job(("screen", (request.method, request.url.query, ctype, body, base)))
    else:
        operation = await anyio.to_thread.run_sync(read)
    if operation is None:
        return service_description(request)
    if operation.kind == "update":
        return await update(request, operation)
    accepted = accepted_ranges(request.headers.get("accept"))
    if negotiate(accepted, RESULTS_FORMATS) is None and negotiate(accepted, GRAPH_FORMATS) is None:
        raise HttpError(406, f"cannot answer in {request.headers.get('accept')}")
    # streamed only where chunked transfer is the client's to read (RFC 9112 section 6.1: not to HTTP/1.0) and a
    # body is wanted (not for HEAD)
    streams = request.method != "HEAD" and request.scope.get("http_version", "1.1") not in ("1.0", "0.9")
    answer = await app.run_job((operation.text, operation.dataset, accepted, app.settings.max_results, app.timeout,
                                streams))
    if isinstance(answer, StreamedAnswer):  # big and uncut: sent on as the worker writes it (chunked)
        return StreamedResponse(answer)
    body, media, truncated = answer
    headers = {"X-KG-Truncated": "true"} if truncated else {}
    return Response(body, media_type=media, headers=headers)


async def update(request: Request, operation: Operation) -> Response:
    """A SPARQL Update, with the bearer token: 204; 400 when it does not parse."""
    app = state(request)
    app.authorise(request)
    store = app.store

    def run_update() -> None:
        text = with_update_dataset(operation.text, operation.dataset, lambda: store.graphs())
        try:
            store.update(text, prefixes=True, base_iri=operation.base)
            store.flush()  # a short write-ahead log: the workers' read-only views reopen fast
        except StoreError as exc:
            cause = exc.__cause__ or exc
            if isinstance(cause, SyntaxError):
                raise QueryError(f"SPARQL syntax error: {cause}") from exc  # 400 by the table
            raise StoreError(f"update failed: {cause}") from exc

    await app.in_thread(run_update)
    app.written()
    return Response(status_code=204)


SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{endpoint}#service> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage {languages} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML,
        formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV,
        formats:Turtle, formats:N-Triples, formats:JSON-LD, formats:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
"""


def service_description(request: Request) -> Response:
    """The SPARQL service description (Turtle, or the RDF format the request accepts)."""
    endpoint = str(request.url.replace(query=None))
    languages = "sd:SPARQL11Query, sd:SPARQL11Update" if state(request).allow_update else "sd:SPARQL11Query"
    text = SERVICE_DESCRIPTION.format(endpoint=endpoint, languages=languages)
    chosen = negotiate(accepted_ranges(request.headers.get("accept")), GRAPH_FORMATS)
    if chosen is None or chosen[1] == ox.RdfFormat.TURTLE:
        return Response(text, media_type="text/turtle")
    triples = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
    return Response(serialize_graph(triples, chosen[1]), media_type=chosen[1].media_type)


# -- /rdf-graphs/service -----------------------------------------------------------


def target_graph(request: Request) -> Any:
    """The graph a Graph Store request names: ``?graph=IRI`` or ``?default`` (400 otherwise)."""
    params = request.query_params
    if "graph" in params and "default" in params:
        raise HttpError(400, "pass either ?graph=IRI or ?default, not both")
    if "graph" in params:
        try:
            return ox.NamedNode(params["graph"])
        except ValueError as exc:
            raise HttpError(400, f"not a graph IRI: {exc}") from exc
    if "default" in params:
        return ox.DefaultGraph()
    raise HttpError(400, "pass ?graph=IRI or ?default")


async def graph_store(request: Request) -> Response:
    """Graph Store Protocol: GET/HEAD read a graph; PUT/POST/DELETE write it (updates only)."""
    app = state(request)
    graph = target_graph(request)
    if request.method in ("GET", "HEAD"):
        return await read_graph(request, graph)
    app.authorise(request)
    store = app.store
    if request.method == "DELETE":
        if not app.current.get().contains_graph(graph):
            raise HttpError(404, f"no graph {graph} in this store")
        await app.in_thread(lambda: store.drop_graph(graph))
        app.written()
        return Response(status_code=204)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = GRAPH_FORMATS.get(ctype)
    if fmt is None:
        raise HttpError(415, f"unsupported content type {ctype!r} for a graph; use one of {', '.join(GRAPH_FORMATS)}")
    body = await app.read_body(request)
    existed = app.current.get().contains_graph(graph)
    replace = request.method == "PUT"

    def write() -> None:
        base = graph.value if isinstance(graph, ox.NamedNode) else None
        try:
            triples = [q.triple for q in ox.parse(body, format=fmt, base_iri=base)]
        except (SyntaxError, ValueError) as exc:
            raise HttpError(400, f"cannot parse the {fmt.name} body: {exc}") from exc
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        if replace:
            store.replace_graph(graph, data)  # one update: the graph is swapped atomically
        else:
            store.add_graph(graph, data)
        store.flush()

    await app.in_thread(write)
    app.written()
    return Response(status_code=204 if existed else 201)


async def read_graph(request: Request, graph: Any) -> Response:
    """GET/HEAD of one graph in the negotiated RDF format (404 when the store has no such graph)."""
    app = state(request)
    chosen = negotiate(accepted_ranges(request.headers.get("accept")), GRAPH_FORMATS)

    def run() -> bytes:  # in a thread: current.get() may wait for a reopen
        view = app.current.get()
        if not view.contains_graph(graph):
            raise HttpError(404, f"no graph {graph.value} in this store")
        if chosen is None:
            raise HttpError(406, f"graphs are given as one of {', '.join(GRAPH_FORMATS)}")
        return serialize_graph(list(view.triples(graph)), chosen[1])

    body = await app.in_thread(run)
    if request.method == "HEAD":
        return Response(media_type=chosen[1].media_type, headers={"Content-Length": str(len(body))})
    return Response(body, media_type=chosen[1].media_type)


# -- /, /labels, /ontology ---------------------------------------------------------


async def landing(request: Request) -> Response:
    return HTMLResponse(landing_page())


async def labels_endpoint(request: Request) -> Response:
    """POST ``{"iris": [...]}`` -> ``{"labels": {iri: label}}`` (:mod:`kg.labels`)."""
    from .labels import MAX_IRIS, labels

    app = state(request)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HttpError(415, 'send {"iris": [...]} as JSON (Content-Type: application/json)')
    try:
        payload = json.loads(await app.read_body(request))
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, f"the body is not valid JSON ({exc})") from exc
    iris = payload.get("iris") if isinstance(payload, dict) else None
    if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
        raise HttpError(400, 'the body must be {"iris": ["http://...", ...]}')
    if len(iris) > MAX_IRIS:
        raise HttpError(413, f"{len(iris)} IRIs: ask about at most {MAX_IRIS} at a time")
    found = await app.in_thread(lambda: labels(app.current.get(), iris))
    return JSONResponse({"labels": found})


async def ontology(request: Request) -> Response:
    """The ontology: HTML documentation for browsers, RDF by Accept (or by suffix: /ontology.ttl ...)."""
    from . import ontology as onto

    suffix = request.path_params.get("suffix")
    if suffix is not None:
        fmt = {"ttl": "ttl", "nt": "nt", "rdf": "xml", "owl": "xml", "jsonld": "jsonld"}.get(suffix)
        if fmt is None:
            return error_response(404, f"no ontology serialisation .{suffix}; try .ttl, .nt, .rdf or .jsonld")
        chosen = (next(m for m, f in GRAPH_FORMATS.items() if f == ONTOLOGY_FORMATS[fmt]), fmt)
    else:
        chosen = None
        for media in accepted_ranges(request.headers.get("accept")):
            if media in ("text/html", "application/xhtml+xml") or media == "*/*":
                break  # a browser (or anyone): the documentation
            if media in GRAPH_FORMATS:
                fmt = next(k for k, v in ONTOLOGY_FORMATS.items() if v == GRAPH_FORMATS[media])
                chosen = (media, fmt)
                break
    if chosen is None:
        return HTMLResponse(await run_in_threadpool(onto.html), headers={"Vary": "Accept"})
    body = await run_in_threadpool(onto.serialize, chosen[1])
    return Response(body, media_type=ONTOLOGY_FORMATS[chosen[1]].media_type, headers={"Vary": "Accept"})
