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
    """A SPARQL query cannot be found, parsed or evaluated."""


class ExportError(KgError):
    """RDF cannot be written or pushed to another store."""


class OntologyError(KgError):
    """The ontology or shapes file cannot be read, or the reasoner cannot run."""
