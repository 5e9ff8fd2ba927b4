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

This module assembles the app (routes, middleware, the one error handler) and runs it; the route
handlers and the state they share are :mod:`kg.server_routes`.  Errors are answered as JSON:
``{"error": message, "status": code}``, with the status of :data:`kg.errors.HTTP_STATUS`.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Mapping

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from . import server_routes as routes
from .check_service import check_routes
from .config import Settings
from .errors import KgError
from .query_workers import ProcessRunner, StreamCut
from .server_routes import AppState
from .store import Store

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


class CutStreams:
    """ASGI middleware for a streamed answer that stops before its end (:class:`~kg.query_workers.StreamCut`):
    the response has started, so no error status can be sent; the app returns without ending the body,
    which makes uvicorn drop the connection (the client sees an incomplete chunked body), and the log
    says why in one line."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        try:
            await self.app(scope, receive, send)
        except StreamCut as exc:
            logging.getLogger("kg.server").warning("a streamed answer was cut (%s): connection dropped", exc)


# -- the app -----------------------------------------------------------------------


def _short_seconds(given, settings: Settings) -> float:
    """``short_query_seconds``; a partial mapping without it (the Python API) gets min(1, query_timeout / 8)."""
    if isinstance(given, Settings) or "short_query_seconds" in (given or {}):
        return settings.short_query_seconds
    return min(1.0, settings.query_timeout / 8)


def create_app(store: Store, *, settings: Settings | Mapping[str, Any], allow_update: bool = False,
               extra_routes=()) -> Starlette:
    """The starlette app serving ``store`` (see the module docstring for the routes).

    The handlers are :mod:`kg.server_routes`; what they share is one :class:`~kg.server_routes.AppState`
    (``app.state.kg``).  ``extra_routes`` (starlette ``Route`` objects) are added to the table.  Queries run in
    worker processes for an on-disk store (``settings.query_workers``, default on; a plain mapping is read with
    :meth:`Settings.of`), in threads for an in-memory one (:mod:`kg.query_workers`); ``app.state.runner.close()``
    stops the workers.
    """
    given = settings
    settings = Settings.of(given)
    state = AppState.make(store, settings, allow_update=allow_update, short_seconds=_short_seconds(given, settings))
    middleware = [Middleware(CutStreams), Middleware(SecurityHeaders)]
    origins = [o.strip() for o in settings.cors.split(",") if o.strip()]
    if origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept", "Authorization"]))
    table = [
        Route("/", routes.landing, methods=["GET"]),
        Route("/labels", routes.labels_endpoint, methods=["POST"]),
        Route("/ontology", routes.ontology, methods=["GET"]),
        Route("/ontology.{suffix}", routes.ontology, methods=["GET"]),
        Route("/sparql", routes.sparql, methods=["GET", "POST"]),
        Route("/rdf-graphs/service", routes.graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        *check_routes(settings),  # POST /check, GET /check: kg/check_service.py
        *extra_routes,
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        state.runner.close()

    app = Starlette(routes=table, middleware=middleware, exception_handlers={KgError: routes.on_kg_error},
                    lifespan=lifespan)
    app.state.kg = state
    app.state.runner = state.runner
    return app


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
    """The uvicorn settings: address, header/idle timeouts, the connection cap and the access log
    (``access_log``, off by default) from ``settings``.

    A plain mapping may also carry uvicorn's ``log_level`` (default info) and ``lifespan`` (default on)."""
    import uvicorn

    extras = {} if isinstance(settings, Settings) else dict(settings)
    s = Settings.of(settings)
    return uvicorn.Config(
        app, host=s.host, port=s.port, log_level=extras.get("log_level", "info"), access_log=s.access_log,
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
