"""The exception hierarchy: one root, one subclass per stage.

Messages say what failed, on which input, and what to do about it.  Only
``kg.cli`` turns these into exit codes and ``kg.serve`` into HTTP responses.
"""

from __future__ import annotations


class KgError(Exception):
    """Root of every error kg raises on purpose."""


class ConfigError(KgError):
    """A setting has a bad value or a config file cannot be read."""


class ArticleError(KgError):
    """An input article cannot be read or is not usable."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        where = source or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message  # without the location
        self.source = source
        self.line = line


class ExtractError(KgError):
    """The NLP pipeline cannot be loaded or fails on an article."""


class KbError(KgError):
    """The Wikidata knowledge base (snapshot or live endpoint) is unusable."""


class LinkError(KgError):
    """Entity linking failed."""


class StoreError(KgError):
    """The RDF store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query cannot be found, parsed or evaluated (to the endpoint: a client error, unless QueryFailed)."""


class QueryFailed(QueryError):
    """A query that parses but that the engine failed to evaluate: the server's fault, not the client's."""


class ExportError(KgError):
    """RDF cannot be written or pushed to another store."""


class OntologyError(KgError):
    """The ontology or shapes file cannot be read, or the reasoner cannot run."""


class HttpError(KgError):
    """A request the SPARQL endpoint refuses or cannot answer, with the HTTP status to answer it with.

    Raised by the endpoint's own checks (a malformed request: 400, a format it cannot give:
    406, a body over the limit: 413, busy or too slow: 503...); ``status`` is the code.
    """

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


#: The HTTP status each error class is answered with by the endpoint (kg.server's one error handler, and the
#: query code of kg.sparql_protocol): the one table.  A class not listed takes its nearest listed base class's
#: status (every KgError at least KgError's: 500); HttpError carries its own (the protocol's own checks:
#: 400, 406, 413, 415, 503 ...).  tests/test_errors.py pins every row.
HTTP_STATUS: dict[type[KgError], int] = {
    KgError: 500,
    ConfigError: 500,  # the server's settings: not the client's fault
    ArticleError: 400,  # an article sent in a request cannot be read
    ExtractError: 500,
    KbError: 502,  # the Wikidata knowledge base (live endpoint or snapshot) behind the server failed
    LinkError: 500,
    StoreError: 500,
    QueryError: 400,  # a query that cannot be parsed, is refused (kg.sparql_screen) or names no known query
    QueryFailed: 500,  # a query that parses but failed while the engine evaluated it
    ExportError: 502,  # the store kg pushes to failed
    OntologyError: 500,
}


def http_status(exc: BaseException) -> int:
    """The HTTP status for ``exc``: its own for :class:`HttpError`, else by :data:`HTTP_STATUS`; 500 for others."""
    if isinstance(exc, HttpError):
        return exc.status
    for cls in type(exc).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 500


def http_status_markdown() -> str:
    """The README's table of error statuses, generated from :data:`HTTP_STATUS`."""
    rows = ["| error class (`kg.errors`) | HTTP status | what |", "|---|---|---|"]
    rows += [f"| `{cls.__name__}` | {status} | {(cls.__doc__ or '').strip().splitlines()[0]} |"
             for cls, status in HTTP_STATUS.items()]
    rows.append("| `HttpError` | its own `status` | the endpoint's own refusals (400, 401, 403, 405, 406, 408, 413, "
                "415, 503 ...) |")
    return "\n".join(rows) + "\n"

