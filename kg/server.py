"""The SPARQL 1.1 Protocol over a kg store (starlette app, run by uvicorn).

Routes:

* ``/sparql`` -- query by GET ``?query=``, POST form (``query=``, urlencoded or
  multipart) or POST ``application/sparql-query``; ``default-graph-uri`` /
  ``named-graph-uri`` pick the dataset (without them the default graph is the
  union of all graphs).  GET with no query returns the service description (Turtle).
  Updates (``update=`` or ``application/sparql-update``) are refused (403)
  unless the app was made with ``allow_update=True`` and the request carries
  ``Authorization: Bearer <token>`` (401 otherwise).
* ``/rdf-graphs/service?graph=IRI`` / ``?default`` -- Graph Store Protocol: GET/HEAD
  read a graph; PUT (replace, atomically), POST (add) and DELETE only with updates on
  and the bearer token, like SPARQL Update.
* ``/`` -- a small self-contained query page (:mod:`kg.landing`): labels next to IRIs, item
  links, a CSV download, CONSTRUCT/DESCRIBE results as Turtle.
* ``/labels`` -- POST ``{"iris": [...]}`` (at most :data:`kg.labels.MAX_IRIS`): ``{"labels": {iri: label}}``
  for the IRIs with an rdfs:label, skos:prefLabel or schema:headline (:mod:`kg.labels`); the query page's lookup.
* ``/ontology`` -- the ontology: HTML documentation, or Turtle / N-Triples /
  RDF/XML / JSON-LD by ``Accept`` (``/ontology.ttl`` etc. by suffix).

Limits (settings): bodies over ``max_body_bytes`` -> 413; a head not in after
``header_timeout`` s -> connection closed; a body not in after ``body_timeout`` s ->
408; at most ``max_connections`` connections (503 past it).  Queries run in worker
processes killed at ``query_timeout`` (503; :mod:`kg.query_workers`), waiting for one of
``max_concurrent_queries`` slots in a FIFO queue.  Results with more than
``max_results`` rows/triples are *truncated* to that many and carry the header
``X-KG-Truncated: true``.  ``SERVICE`` (federated queries) and ``LOAD`` are refused
with 400 on the tokens (:mod:`kg.sparql_screen`): the server never fetches remote data
for a client; ``SERVICE wikibase:label`` runs locally (:mod:`kg.wdqs`).  The request
rules of the SPARQL 1.1 Protocol are :mod:`kg.protocol_request`.

Errors are answered as JSON: ``{"error": message, "status": code}``.
"""

from __future__ import annotations

import contextlib
import json
import secrets
from typing import Any, Mapping

import anyio
import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import Route

from .check_service import check_routes
from .config import Settings
from .errors import KgError, QueryError, StoreError, http_status
from .landing import landing_page
from .protocol_request import Operation, protocol_request, with_update_dataset
from .query_workers import Busy, FreshStore, ProcessRunner, ThreadRunner, TimedOut, WorkerFailed
from .sparql_protocol import GRAPH_FORMATS, RESULTS_FORMATS, HttpError, accepted_ranges, negotiate, serialize_graph
from .store import Store

ONTOLOGY_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                    "jsonld": ox.RdfFormat.JSON_LD}

#: Sent with every response; the HTML pages are self-contained (inline script and style only).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
HTML_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS, and a Content-Security-Policy on HTML."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                ctype = dict(headers).get(b"content-type", b"")
                if ctype.startswith(b"text/html") and b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", HTML_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {"Retry-After": "5"} if status == 503 else None
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


# -- the app -----------------------------------------------------------------------


def _short_seconds(given, settings: Settings) -> float:
    """``short_query_seconds``; a partial mapping without it (the Python API) gets min(1, query_timeout / 8)."""
    if isinstance(given, Settings) or "short_query_seconds" in (given or {}):
        return settings.short_query_seconds
    return min(1.0, settings.query_timeout / 8)


def create_app(store: Store, *, settings: Settings | Mapping[str, Any], allow_update: bool = False, extra_routes=()) -> Starlette:
    """The starlette app serving ``store`` (see the module docstring for the routes).

    ``extra_routes`` (starlette ``Route`` objects) are added to the table built in
    :func:`_routes`.  Queries run in worker processes for an on-disk store
    (``settings.query_workers``, default on; a plain mapping is read with :meth:`Settings.of`), in threads for an in-memory one
    (:mod:`kg.query_workers`); ``app.state.runner.close()`` stops the workers.
    """
    given = settings
    settings = Settings.of(given)
    timeout = settings.query_timeout
    limit = settings.max_results
    max_body = settings.max_body_bytes
    body_timeout = settings.body_timeout
    token = settings.token
    slots = settings.max_concurrent_queries
    if store.path is not None and settings.query_workers:
        runner = ProcessRunner(store.path, slots, short_seconds=_short_seconds(given, settings))
    else:
        runner = ThreadRunner(store, slots)
    current = _Current(store)

    async def read_body(request: Request) -> bytes:
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

    async def sparql(request: Request) -> Response:
        try:
            body = await read_body(request) if request.method == "POST" else b""
            base = str(request.url.replace(query=None))
            def read() -> Operation | None:
                return protocol_request(request.method, request.url.query, request.headers.get("content-type", ""),
                                        body, base)

            # parsing and screening a big request would stall the event loop -- and a thread would
            # still hold the GIL -- so a query worker does it (a thread for in-memory stores)
            if len(body) + len(request.url.query) < 32_000:
                operation = read()
            elif isinstance(runner, ProcessRunner):
                operation = await run_job(("screen", request.method, request.url.query,
                                           request.headers.get("content-type", ""), body, base))
            else:
                operation = await anyio.to_thread.run_sync(read)
            if operation is None:
                return service_description(request)
            if operation.kind == "update":
                return await update(request, operation)
            accepted = accepted_ranges(request.headers.get("accept"))
            if negotiate(accepted, RESULTS_FORMATS) is None and negotiate(accepted, GRAPH_FORMATS) is None:
                raise HttpError(406, f"cannot answer in {request.headers.get('accept')}")
            body, media, truncated = await run(operation.text, operation.dataset, accepted)
            headers = {"X-KG-Truncated": "true"} if truncated else {}
            return Response(body, media_type=media, headers=headers)
        except HttpError as exc:
            return _error(exc.status, exc.message)

    async def run(text: str, dataset: dict, accepted: list[str]):
        return await run_job((text, dataset, accepted, limit, timeout))

    async def run_job(job: tuple):
        try:
            return await runner.run(job, timeout)
        except Busy as exc:
            raise HttpError(503, "the server is busy with other queries (max_concurrent_queries); retry later") from exc
        except TimedOut as exc:
            raise HttpError(503, f"query ran longer than {timeout:g} s (query_timeout) and was stopped; "
                                 "narrow it or add a LIMIT") from exc
        except WorkerFailed as exc:
            raise HttpError(500, str(exc)) from exc

    def authorise(request: Request) -> None:
        """403 unless updates are on, 401 unless the request carries the bearer token."""
        if not allow_update:
            raise HttpError(403, "updates are disabled on this endpoint; start it with --allow-update")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if not token or scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
            raise HttpError(401, "a valid bearer token is required for updates")

    async def update(request: Request, operation: Operation) -> Response:
        authorise(request)

        def run_update() -> None:
            text = with_update_dataset(operation.text, operation.dataset, lambda: store.graphs())
            try:
                store.update(text, prefixes=True, base_iri=operation.base)
                store.flush()  # a short write-ahead log: the workers' read-only views reopen fast
            except StoreError as exc:
                cause = exc.__cause__ or exc
                if isinstance(cause, SyntaxError):
                    raise QueryError(f"SPARQL syntax error: {cause}") from exc  # 400 by kg.errors.HTTP_STATUS
                raise StoreError(f"update failed: {cause}") from exc  # 500

        await in_thread(run_update, timeout)
        runner.written()
        return Response(status_code=204)

    def service_description(request: Request) -> Response:
        endpoint = str(request.url.replace(query=None))
        languages = "sd:SPARQL11Query, sd:SPARQL11Update" if allow_update else "sd:SPARQL11Query"
        text = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
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
        chosen = negotiate(accepted_ranges(request.headers.get("accept")), GRAPH_FORMATS)
        if chosen is None or chosen[1] == ox.RdfFormat.TURTLE:
            return Response(text, media_type="text/turtle")
        triples = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
        return Response(serialize_graph(triples, chosen[1]), media_type=chosen[1].media_type)

    def target_graph(request: Request) -> Any:
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

    def graph_exists(graph: Any) -> bool:
        return current.get().contains_graph(graph)

    async def graph_store(request: Request) -> Response:
        """Graph Store Protocol: GET/HEAD read a graph; PUT/POST/DELETE write it (updates only)."""
        try:
            graph = target_graph(request)
            if request.method in ("GET", "HEAD"):
                return await read_graph(request, graph)
            authorise(request)
            if request.method == "DELETE":
                if not graph_exists(graph):
                    raise HttpError(404, f"no graph {graph} in this store")
                await in_thread(lambda: store.drop_graph(graph), timeout)
                runner.written()
                return Response(status_code=204)
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            fmt = GRAPH_FORMATS.get(ctype)
            if fmt is None:
                raise HttpError(415, f"unsupported content type {ctype!r} for a graph; use one of {', '.join(GRAPH_FORMATS)}")
            body = await read_body(request)
            existed = graph_exists(graph)
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

            await in_thread(write, timeout)
            runner.written()
            return Response(status_code=204 if existed else 201)
        except HttpError as exc:
            return _error(exc.status, exc.message)

    async def read_graph(request: Request, graph: Any) -> Response:
        chosen = negotiate(accepted_ranges(request.headers.get("accept")), GRAPH_FORMATS)

        def run() -> bytes:  # in a thread: current.get() may wait for a reopen
            view = current.get()
            if not view.contains_graph(graph):
                raise HttpError(404, f"no graph {graph.value} in this store")
            if chosen is None:
                raise HttpError(406, f"graphs are given as one of {', '.join(GRAPH_FORMATS)}")
            triples = list(view.triples(graph))
            return serialize_graph(triples, chosen[1])

        body = await in_thread(run, timeout)
        if request.method == "HEAD":
            return Response(media_type=chosen[1].media_type, headers={"Content-Length": str(len(body))})
        return Response(body, media_type=chosen[1].media_type)

    async def landing(request: Request) -> Response:
        return HTMLResponse(landing_page())

    async def labels_endpoint(request: Request) -> Response:
        from .labels import MAX_IRIS, labels

        try:
            if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                raise HttpError(415, 'send {"iris": [...]} as JSON (Content-Type: application/json)')
            try:
                payload = json.loads(await read_body(request))
            except (ValueError, UnicodeDecodeError) as exc:
                raise HttpError(400, f"the body is not valid JSON ({exc})") from exc
            iris = payload.get("iris") if isinstance(payload, dict) else None
            if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
                raise HttpError(400, 'the body must be {"iris": ["http://...", ...]}')
            if len(iris) > MAX_IRIS:
                raise HttpError(413, f"{len(iris)} IRIs: ask about at most {MAX_IRIS} at a time")
            found = await in_thread(lambda: labels(current.get(), iris), timeout)
            return JSONResponse({"labels": found})
        except HttpError as exc:
            return _error(exc.status, exc.message)

    async def ontology(request: Request) -> Response:
        """The ontology: HTML documentation for browsers, RDF by Accept (or by suffix: /ontology.ttl ...)."""
        from . import ontology as onto

        suffix = request.path_params.get("suffix")
        if suffix is not None:
            fmt = {"ttl": "ttl", "nt": "nt", "rdf": "xml", "owl": "xml", "jsonld": "jsonld"}.get(suffix)
            if fmt is None:
                return _error(404, f"no ontology serialisation .{suffix}; try .ttl, .nt, .rdf or .jsonld")
            chosen = (next(m for m, f in GRAPH_FORMATS.items() if f == ONTOLOGY_FORMATS[fmt]), fmt)
        else:
            ranges = accepted_ranges(request.headers.get("accept"))
            chosen = None
            for media in ranges:
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

    async def on_kg_error(request: Request, exc: Exception) -> Response:
        return _error(http_status(exc), str(exc))  # one table: kg.errors.HTTP_STATUS

    middleware = [Middleware(SecurityHeaders)]
    origins = [o.strip() for o in settings.cors.split(",") if o.strip()]
    if origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept", "Authorization"]))
    routes = [
        Route("/", landing, methods=["GET"]),
        Route("/labels", labels_endpoint, methods=["POST"]),
        Route("/ontology", ontology, methods=["GET"]),
        Route("/ontology.{suffix}", ontology, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/rdf-graphs/service", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        *check_routes(settings),  # POST /check, GET /check: kg/check_service.py
        *extra_routes,
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        runner.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={KgError: on_kg_error},
                    lifespan=lifespan)
    app.state.runner = runner
    return app


class _Current:
    """The store for the server's own reads (graph store, existence checks): a read-only store is a
    snapshot of the moment it was opened, so it is reopened on change (:class:`FreshStore`; only
    called in threads, as it may wait up to 0.5 s for a reopen), as the query workers do."""

    def __init__(self, store: Store):
        reopen = store.path is not None and getattr(store, "read_only", False)
        self.fresh = FreshStore(store.path, store) if reopen else None
        self.store = store

    def get(self) -> Store:
        return self.fresh.get() if self.fresh is not None else self.store


async def in_thread(fn, timeout: float):
    """Run ``fn`` in a worker thread; 503 after ``timeout`` s (used for updates and graph store writes)."""
    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
    except TimeoutError as exc:
        raise HttpError(503, f"the operation ran longer than {timeout:g} s (query_timeout)") from exc


def guarded_protocol(header_timeout: float):
    """uvicorn's HTTP protocol (httptools, else h11) closing connections whose request head is not in after
    ``header_timeout`` s -- uvicorn itself only times out idle keep-alive connections, so half-open
    ones (slowloris) would stay open forever."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as base
    except ImportError:  # pragma: no cover - httptools is a dependency
        from uvicorn.protocols.http.h11_impl import H11Protocol as base

    class Guarded(base):
        _head_timer = None

        def _arm(self) -> None:
            self._disarm()
            self._head_timer = self.loop.call_later(header_timeout, self._head_timeout)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timeout(self) -> None:
            if not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

    return Guarded


def uvicorn_config(app, settings: Settings | Mapping[str, Any]):
    """The uvicorn settings: address, header/idle timeouts and the connection cap from ``settings``.

    A plain mapping may also carry uvicorn's ``log_level`` (default info) and ``lifespan`` (default on)."""
    import uvicorn

    extras = {} if isinstance(settings, Settings) else dict(settings)
    s = Settings.of(settings)
    return uvicorn.Config(
        app, host=s.host, port=s.port, log_level=extras.get("log_level", "info"),
        http=guarded_protocol(s.header_timeout),
        timeout_keep_alive=s.idle_timeout,
        limit_concurrency=s.max_connections,
        backlog=s.max_connections,
        lifespan=extras.get("lifespan", "on"),
    )


def serve(store: Store, settings: Settings, *, allow_update: bool = False) -> None:
    """Run the app with uvicorn on ``settings.host:settings.port`` until interrupted."""
    import sys

    import uvicorn

    app = create_app(store, settings=settings, allow_update=allow_update)
    runner = app.state.runner
    if isinstance(runner, ProcessRunner) and not runner.isolated:
        print("kg: warning: query workers could not drop their network (no user namespaces here); "
              "the SERVICE/LOAD screen is the only guard", file=sys.stderr)
    try:
        uvicorn.Server(uvicorn_config(app, settings)).run()
    finally:
        runner.close()


# -- landing page -------------------------------------------------------------------
