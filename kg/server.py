"""The SPARQL 1.1 Protocol over a kg store (starlette app, run by uvicorn).

Routes:

* ``/sparql`` -- query by GET ``?query=``, POST form (``query=``) or POST
  ``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri``
  pick the dataset (without them the default graph is the union of all
  graphs).  GET with no query returns the service description (Turtle).
  Updates (``update=`` or ``application/sparql-update``) are refused (403)
  unless the app was made with ``allow_update=True`` and the request carries
  ``Authorization: Bearer <token>`` (401 otherwise).
* ``/rdf-graphs/service?graph=IRI`` / ``?default`` -- Graph Store Protocol: GET/HEAD
  read a graph; PUT (replace, atomically), POST (add) and DELETE only with updates on
  and the bearer token, like SPARQL Update.
* ``/`` -- a small self-contained query page.

Limits (settings): bodies over ``max_body_bytes`` -> 413; queries running past
``query_timeout`` seconds -> 503.  pyoxigraph cannot cancel a query, so the
worker thread of a timed-out query finishes in the background (and holds one
of the thread pool's slots until then).  Results with more than
``max_results`` rows/triples are *truncated* to that many and carry the header
``X-KG-Truncated: true``.  ``SERVICE`` (federated queries) and ``LOAD`` are
refused with 400: the server never fetches remote data for a client.

Errors are answered as JSON: ``{"error": message, "status": code}``.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any, Callable
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
import pyoxigraph as ox
from rdflib import URIRef
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .errors import KgError, QueryError
from .landing import landing_page
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


class HttpError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


# -- content negotiation -------------------------------------------------------


def _accepted(header: str | None) -> list[str]:
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


def _negotiate(accepted: list[str], table: dict[str, Any]) -> tuple[str, Any] | None:
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


# -- refusing SERVICE and LOAD ---------------------------------------------------

_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)


def _keyword(text: str, word: str) -> bool:
    """Whether ``word`` occurs as a SPARQL keyword (outside strings, IRIs, comments, names)."""
    bare = _OPAQUE.sub(" ", text)
    return re.search(rf"(?<![\w:?$-]){word}(?![\w:-])", bare, re.IGNORECASE) is not None


def _check_federation(text: str) -> None:
    if _keyword(text, "SERVICE"):
        raise HttpError(400, "SERVICE (federated query) is not allowed on this endpoint; query remote endpoints directly")
    if _keyword(text, "LOAD"):
        raise HttpError(400, "LOAD is not allowed on this endpoint; load data with the kg command line")


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


def _take(items, limit: int) -> tuple[list, bool]:
    """At most ``limit`` items, and whether there were more."""
    out = []
    for item in items:
        if len(out) >= limit:
            return out, True
        out.append(item)
    return out, False


class _Full(Exception):
    """Raised by ``_Bounded`` when a serialisation grows past its budget."""


class _Bounded:
    """A binary sink that refuses to grow past ``budget`` bytes (raises ``_Full``)."""

    def __init__(self, budget: int):
        self.budget = budget
        self.size = 0
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.budget:
            raise _Full
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        return b"".join(self.parts)


def _direct(serialize: Callable[[_Bounded], Any], limit: int) -> bytes | None:
    """Oxigraph's own serialisation when it cannot hold more than ``limit`` rows/triples, else None.

    Every row or triple takes at least one byte in every results and RDF
    format, so output of at most ``limit`` bytes holds at most ``limit`` of
    them and needs no counting; bigger output is abandoned after ``limit``
    bytes (never buffered whole) and the caller counts rows instead.
    """
    sink = _Bounded(limit)
    try:
        serialize(sink)
    except _Full:
        return None
    return sink.value()


def _select_body(run: Callable[[], Any], fmt: ox.QueryResultsFormat, limit: int) -> tuple[bytes, bool]:
    """Serialise at most ``limit`` solutions of the query ``run`` runs.

    The fast path is Oxigraph's serialiser; past ``limit`` bytes the query is
    run again and its first ``limit`` solutions are rebuilt as JSON (and
    converted to ``fmt``) so the truncated answer is still well-formed.
    """
    body = _direct(lambda sink: run().serialize(sink, format=fmt), limit)
    if body is not None:
        return body, False
    result = run()
    names = [v.value for v in result.variables]
    solutions, truncated = _take(result, limit)
    bindings = [{name: _term_json(solution[name]) for name in names if solution[name] is not None}
                for solution in solutions]
    data = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, separators=(",", ":")).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return data, truncated
    parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=fmt), truncated


def _graph_body(run: Callable[[], Any], fmt: ox.RdfFormat, limit: int) -> tuple[bytes, bool]:
    """Serialise at most ``limit`` triples of the CONSTRUCT/DESCRIBE query ``run`` runs (as ``_select_body``)."""
    prefixes = _PREFIX_MAP if fmt == ox.RdfFormat.TURTLE else None
    body = _direct(lambda sink: ox.serialize(run(), sink, format=fmt, prefixes=prefixes), limit)
    if body is not None:
        return body, False
    triples, truncated = _take(run(), limit)
    return _serialize_graph(triples, fmt), truncated


def _run_query(store: Store, text: str, dataset: dict[str, list[URIRef]], accepted: list[str], limit: int):
    """Run a query and serialise its answer: (body, media type, truncated).  Runs in a worker thread.

    pyoxigraph's result iterators must be dropped on the thread that made
    them, so a failure is re-raised as a fresh error only after the original
    one (whose traceback holds the iterator) has been released here.
    """
    try:
        return _answer(store, text, dataset, accepted, limit)
    except HttpError as exc:
        failure = (exc.status, exc.message)
    except Exception as exc:  # noqa: BLE001 - answered as a 500, never a dropped connection
        failure = (500, f"query failed: {type(exc).__name__}: {exc}")
    raise HttpError(*failure)


def _answer(store: Store, text: str, dataset: dict[str, list[URIRef]], accepted: list[str], limit: int):
    def run():
        try:
            return store.query(text, **dataset)
        except QueryError as exc:
            status = 400 if isinstance(exc.__cause__, SyntaxError) else 500
            raise HttpError(status, str(exc)) from exc

    result = run()
    first = [result]

    def again():
        """The result already made the first time, a fresh run after that (for the slow path)."""
        return first.pop() if first else run()

    try:
        if isinstance(result, ox.QueryBoolean):
            chosen = _negotiate(accepted, RESULTS_FORMATS)
            if chosen is None:
                raise HttpError(406, f"ASK results cannot be given as {', '.join(accepted)}; accept one of {', '.join(RESULTS_FORMATS)}")
            return result.serialize(format=chosen[1]), chosen[1].media_type, False
        if isinstance(result, ox.QuerySolutions):
            chosen = _negotiate(accepted, RESULTS_FORMATS)
            if chosen is None:
                raise HttpError(406, f"SELECT results cannot be given as {', '.join(accepted)}; accept one of {', '.join(RESULTS_FORMATS)}")
            del result
            body, truncated = _select_body(again, chosen[1], limit)
            return body, chosen[1].media_type, truncated
        chosen = _negotiate(accepted, GRAPH_FORMATS)
        if chosen is None:
            raise HttpError(406, f"graph results cannot be given as {', '.join(accepted)}; accept one of {', '.join(GRAPH_FORMATS)}")
        del result
        body, truncated = _graph_body(again, chosen[1], limit)
        return body, chosen[1].media_type, truncated
    except (OSError, ValueError, RuntimeError) as exc:
        raise HttpError(500, f"query failed: {exc}") from exc


def _serialize_graph(triples: Any, fmt: ox.RdfFormat) -> bytes:
    prefixes = _PREFIX_MAP if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


async def _in_thread(fn: Callable[[], Any], timeout: float) -> Any:
    """Run ``fn`` in a worker thread; 503 after ``timeout`` s (the thread itself runs to its end)."""
    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)
    except TimeoutError as exc:
        raise HttpError(503, f"query ran longer than {timeout:g} s (query_timeout); narrow it or add a LIMIT") from exc


# -- the app -----------------------------------------------------------------------


def create_app(store: Store, *, settings: dict, allow_update: bool = False) -> Starlette:
    """The starlette app serving ``store`` (see the module docstring for the routes)."""
    timeout = float(settings.get("query_timeout", 30.0))
    limit = int(settings.get("max_results", 100_000))
    max_body = int(settings.get("max_body_bytes", 1_000_000))
    token = str(settings.get("token", "") or "")

    async def read_body(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            raise HttpError(413, f"request body of {length} bytes is over max_body_bytes ({max_body})")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                raise HttpError(413, f"request body is over max_body_bytes ({max_body})")
            chunks.append(chunk)
        return b"".join(chunks)

    async def params_of(request: Request) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
        if request.method != "POST":
            return params
        body = await read_body(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/x-www-form-urlencoded":
            for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
                params.setdefault(key, []).append(value)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif ctype == "application/sparql-update":
            params["update"] = [body.decode("utf-8", "replace")]
        else:
            raise HttpError(415, f"unsupported content type {ctype!r}; use application/x-www-form-urlencoded, "
                                 "application/sparql-query or application/sparql-update")
        return params

    async def sparql(request: Request) -> Response:
        try:
            params = await params_of(request)
            if "query" in params and "update" in params:
                raise HttpError(400, "give either query or update, not both")
            if "update" in params:
                return await update(request, params["update"][0])
            if "query" not in params:
                if request.method == "GET":
                    return service_description(request)
                raise HttpError(400, "no query: pass query= (or update=)")
            if len(params["query"]) > 1:
                raise HttpError(400, "more than one query parameter")
            text = params["query"][0]
            _check_federation(text)
            dataset: dict[str, Any] = {}
            if params.get("default-graph-uri"):
                dataset["default_graph"] = [URIRef(g) for g in params["default-graph-uri"]]
            if params.get("named-graph-uri"):
                dataset["named_graphs"] = [URIRef(g) for g in params["named-graph-uri"]]
            accepted = _accepted(request.headers.get("accept"))
            if _negotiate(accepted, RESULTS_FORMATS) is None and _negotiate(accepted, GRAPH_FORMATS) is None:
                raise HttpError(406, f"cannot answer in {request.headers.get('accept')}")
            body, media, truncated = await _in_thread(
                lambda: _run_query(store, text, dataset, accepted, limit), timeout
            )
            headers = {"X-KG-Truncated": "true"} if truncated else {}
            return Response(body, media_type=media, headers=headers)
        except HttpError as exc:
            return _error(exc.status, exc.message)

    def authorise(request: Request) -> None:
        """403 unless updates are on, 401 unless the request carries the bearer token."""
        if not allow_update:
            raise HttpError(403, "updates are disabled on this endpoint; start it with --allow-update")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if not token or scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
            raise HttpError(401, "a valid bearer token is required for updates")

    async def update(request: Request, text: str) -> Response:
        authorise(request)
        _check_federation(text)

        def run() -> None:
            try:
                store.ox.update(text, prefixes=_PREFIX_MAP)
            except SyntaxError as exc:
                raise HttpError(400, f"SPARQL syntax error: {exc}") from exc
            except (OSError, ValueError, RuntimeError) as exc:
                raise HttpError(500, f"update failed: {exc}") from exc

        await _in_thread(run, timeout)
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
        chosen = _negotiate(_accepted(request.headers.get("accept")), GRAPH_FORMATS)
        if chosen is None or chosen[1] == ox.RdfFormat.TURTLE:
            return Response(text, media_type="text/turtle")
        triples = [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]
        return Response(_serialize_graph(triples, chosen[1]), media_type=chosen[1].media_type)

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
        if isinstance(graph, ox.DefaultGraph):
            return True
        return store.ox.contains_named_graph(graph)

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
                await _in_thread(lambda: store.ox.clear_graph(graph) if isinstance(graph, ox.DefaultGraph)
                                 else store.ox.remove_graph(graph), timeout)
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
                target = "DEFAULT" if isinstance(graph, ox.DefaultGraph) else str(graph)
                data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
                inside = data if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{data}}}"
                parts = [f"DROP SILENT {'DEFAULT' if target == 'DEFAULT' else 'GRAPH ' + target}"] if replace else []
                parts.append(f"INSERT DATA {{ {inside} }}")
                store.ox.update(" ;\n".join(parts))  # one update: the graph is swapped atomically

            await _in_thread(write, timeout)
            return Response(status_code=204 if existed else 201)
        except HttpError as exc:
            return _error(exc.status, exc.message)

    async def read_graph(request: Request, graph: Any) -> Response:
        if not graph_exists(graph):
            raise HttpError(404, f"no graph {graph.value} in this store")
        chosen = _negotiate(_accepted(request.headers.get("accept")), GRAPH_FORMATS)
        if chosen is None:
            raise HttpError(406, f"graphs are given as one of {', '.join(GRAPH_FORMATS)}")

        def run() -> bytes:
            triples = [q.triple for q in store.ox.quads_for_pattern(None, None, None, graph)]
            return _serialize_graph(triples, chosen[1])

        body = await _in_thread(run, timeout)
        if request.method == "HEAD":
            return Response(media_type=chosen[1].media_type, headers={"Content-Length": str(len(body))})
        return Response(body, media_type=chosen[1].media_type)

    async def landing(request: Request) -> Response:
        return HTMLResponse(landing_page())

    async def on_kg_error(request: Request, exc: Exception) -> Response:
        return _error(500, str(exc))

    middleware = []
    origins = [o.strip() for o in str(settings.get("cors", "") or "").split(",") if o.strip()]
    if origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept", "Authorization"]))
    routes = [
        Route("/", landing, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/rdf-graphs/service", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={KgError: on_kg_error})


def serve(store: Store, settings: dict, *, allow_update: bool = False) -> None:
    """Run the app with uvicorn on ``settings["host"]:settings["port"]`` until interrupted."""
    import uvicorn

    app = create_app(store, settings=settings, allow_update=allow_update)
    uvicorn.run(app, host=settings["host"], port=int(settings["port"]), log_level="info")


# -- landing page -------------------------------------------------------------------
