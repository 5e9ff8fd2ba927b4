"""The live Wikidata backend: fetch items' facts from a SPARQL endpoint, refresh the local graph.

``LiveWikidata.fetch`` asks the endpoint (SPARQLWrapper, POST, batches of ``VALUES ?item``) the
CONSTRUCT query ``kg/kb/queries/live_facts.rq``, whose answer is already in the snapshot's model.
``refresh`` puts those facts in the source graph of the day (``kg.kb.sources``, kind ``wdqs``),
re-makes those items in ``WIKIDATA_GRAPH`` from it, and records per item when they were
fetched in ``LIVE_CACHE_GRAPH``, so asking again for the same items sends no request.
"""

from __future__ import annotations

import email.utils
import json
import socket
import time
import urllib.error
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from importlib import metadata
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import URIRef
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from kg.errors import KbError, StoreError
from kg.kb import sources
from kg.kb.index import query_text
from kg.sparql_bind import bind_list, where_group
from kg.vocab import BASE, PROV, WD, XSD
from kg.wikidata_ids import parse_qid

if TYPE_CHECKING:
    from kg.store import Store

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
#: Named graph recording, per item, when and from where its facts were last fetched.
LIVE_CACHE_GRAPH = URIRef(BASE + "graph/wikidata-cache")


def _version() -> str:
    for distribution in ("kg-diplomacy", "kg"):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "dev"


def qid(ref: str) -> str:
    """``Q42`` from ``Q42``, ``wd:Q42`` or ``http://www.wikidata.org/entity/Q42``; else KbError
    (:func:`kg.wikidata_ids.parse_qid`)."""
    return parse_qid(ref)


def remote_query(name: str, variable: str, terms: Iterable) -> str:
    """The text of ``kg/kb/queries/<name>.rq`` for an endpoint, with ``VALUES ?variable { ... }`` (the
    terms serialised by pyoxigraph) first in its outermost WHERE group, found by lexing the query.

    Whole-line comments are dropped: SPARQLWrapper guesses the query form from the text and
    takes a word such as "inserted" in a comment for an update.
    """
    query = "\n".join(line for line in query_text(name).splitlines() if not line.lstrip().startswith("#"))
    if where_group(query) is None:
        raise KbError(f"{name}.rq has no WHERE clause; reinstall kg")
    return bind_list(query, variable, terms)


def bind_items(qids: Iterable[str]) -> str:
    """The ``live_facts`` query for validated QIDs (the only terms put into the query)."""
    return remote_query("live_facts", "item", [ox.NamedNode(f"{WD}{qid(q)}") for q in qids])


class LiveWikidata:
    """A Wikidata SPARQL endpoint asked for the snapshot's facts about given items."""

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, *, user_agent: str | None = None,
                 batch_size: int = 50, max_retries: int = 5, timeout: float = 60.0,
                 backoff: float = 1.0, max_wait: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if batch_size < 1 or max_retries < 0:
            raise KbError(f"batch_size must be >= 1 and max_retries >= 0 (got {batch_size}, {max_retries})")
        self.endpoint = endpoint
        self.user_agent = user_agent or (
            f"kg/{_version()} (diplomacy knowledge graph; https://w3id.org/kg-diplomacy)")
        self.batch_size = batch_size
        self.max_retries = max_retries
        self.timeout = timeout
        self.backoff = backoff
        self.max_wait = max_wait
        self.requests_sent = 0  # HTTP requests, retries included
        self._sleep = sleep

    def fetch(self, qids: Iterable[str]) -> list[str]:
        """N-Triples lines (``<s> <p> <o> .``) of the items' facts, sorted, in the snapshot's model."""
        items = list(dict.fromkeys(qid(q) for q in qids))
        lines: set[str] = set()
        for start in range(0, len(items), self.batch_size):
            lines.update(self.fetch_batch(items[start:start + self.batch_size]))
        return sorted(lines)

    def fetch_batch(self, qids: list[str]) -> list[str]:
        """One request's worth of items (``len(qids) <= batch_size``)."""
        if not qids:
            return []
        body, content_type = self._send(bind_items(qids))
        media = (content_type or "text/turtle").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
        try:
            return sorted({f"{triple} ." for triple in ox.parse(body, format=fmt)})
        except (SyntaxError, ValueError) as exc:
            raise KbError(f"{self.endpoint} sent {media} that does not parse: {exc}; "
                          "check the endpoint is a SPARQL 1.1 endpoint") from exc

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT's rows (variable -> value) from the endpoint, with the same retries."""
        body, _ = self._send(query, JSON)
        try:
            data = json.loads(body)
            return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise KbError(f"{self.endpoint} sent SPARQL JSON results that do not parse: {exc}") from exc

    def _send(self, query: str, fmt: str = TURTLE) -> tuple[bytes, str | None]:
        """POST the query, retrying HTTP 429 and 5xx with exponential backoff and Retry-After."""
        for attempt in range(self.max_retries + 1):
            self.requests_sent += 1
            client = SPARQLWrapper(self.endpoint, agent=self.user_agent)
            client.setMethod(POST)
            client.setQuery(query)
            client.setReturnFormat(fmt)
            client.setTimeout(int(max(1, self.timeout)))
            try:
                result = client.query()
                return result.response.read(), result.info().get("content-type")
            except urllib.error.HTTPError as exc:
                status, retry_after = exc.code, exc.headers.get("Retry-After") if exc.headers else None
                if status != 429 and status < 500:
                    raise KbError(f"{self.endpoint} answered HTTP {status} {exc.reason}; "
                                  "check the endpoint URL") from exc
            except EndPointInternalError:
                status, retry_after = 500, None
            except SPARQLWrapperException as exc:  # 400, 401, 404, 414
                raise KbError(f"{self.endpoint} refused the query: {exc}; "
                              "check the endpoint URL or lower the batch size") from exc
            except (urllib.error.URLError, socket.timeout, OSError) as exc:
                raise KbError(f"cannot reach {self.endpoint}: {exc}; check the network or the endpoint URL") from exc
            if attempt == self.max_retries:
                raise KbError(f"{self.endpoint} answered HTTP {status} {attempt + 1} times; "
                              "try again later or with a smaller batch size")
            wait = self._wait(attempt, retry_after)
            if wait > self.max_wait:
                raise KbError(f"{self.endpoint} asks to wait {wait:.0f} s (HTTP {status}); try again later")
            self._sleep(wait)
        raise AssertionError("unreachable")

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        """Seconds to wait: Retry-After (seconds or HTTP date) if given, else backoff * 2**attempt."""
        if retry_after:
            value = retry_after.strip()
            if value.isdigit():
                return float(value)
            try:
                when = email.utils.parsedate_to_datetime(value)
                return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
            except (TypeError, ValueError):
                pass
        return self.backoff * 2 ** attempt


def cached(store: Store, qids: Iterable[str]) -> set[str]:
    """The QIDs among ``qids`` that ``LIVE_CACHE_GRAPH`` says were fetched already."""
    wanted = {str(WD) + qid(q) for q in qids}
    return {quad.subject.value[len(str(WD)):] for quad in store.quads(None, PROV.generatedAtTime, None, LIVE_CACHE_GRAPH)
            if quad.subject.value in wanted}


def record_fetch(store: Store, qids: list[str], endpoint: str, when: str) -> None:
    """Replace the items' fetch records in ``LIVE_CACHE_GRAPH`` (one update: ``kb/clear-subjects`` and
    the new records)."""
    endpoint_iri = ox.NamedNode(endpoint)  # validates the IRI
    stamp = ox.Literal(when, datatype=ox.NamedNode(str(XSD.dateTime)))
    generated, derived = ox.NamedNode(str(PROV.generatedAtTime)), ox.NamedNode(str(PROV.wasDerivedFrom))
    items = [ox.NamedNode(f"{WD}{qid(q)}") for q in qids]
    records = [t for item in items for t in ((item, generated, stamp), (item, derived, endpoint_iri))]
    store.update("kb/clear-subjects", {"graph": ox.NamedNode(str(LIVE_CACHE_GRAPH))}, values={"s": items},
                 insert=(LIVE_CACHE_GRAPH, records))


def refresh(store: Store, qids: Iterable[str], endpoint: str = DEFAULT_ENDPOINT, force: bool = False,
            *, client: LiveWikidata | None = None,
            progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Replace the facts about ``qids`` in ``WIKIDATA_GRAPH`` with the endpoint's.

    Items fetched before (per ``LIVE_CACHE_GRAPH``) are skipped unless ``force``. Each batch is
    one transaction; an item the endpoint knows nothing about keeps its facts and is not cached.
    ``progress(done, total)`` is called after each batch. Returns counts: requested,
    skipped_cached, fetched, missing, triples, requests_sent.
    """
    client = client or LiveWikidata(endpoint)
    items = list(dict.fromkeys(qid(q) for q in qids))
    skip = set() if force else cached(store, items)
    todo = [q for q in items if q not in skip]
    sent_before = client.requests_sent
    counts = {"requested": len(items), "skipped_cached": len(skip), "fetched": len(todo),
              "missing": 0, "triples": 0}
    for start in range(0, len(todo), client.batch_size):
        batch = todo[start:start + client.batch_size]
        lines = client.fetch_batch(batch)
        found = [q for q in batch if any(line.startswith(f"<{WD}{q}> ") for line in lines)]
        counts["missing"] += len(batch) - len(found)
        counts["triples"] += len(lines)
        if found:
            when = datetime.now(timezone.utc).isoformat(timespec="seconds")
            try:
                record_fetch(store, found, client.endpoint, when)
            except StoreError as exc:
                raise KbError(f"cannot write the facts fetched from {client.endpoint} "
                              f"into the store: {exc}") from exc
            # the facts go to the source "Wikidata Query Service <day>"; WIKIDATA_GRAPH is re-made from it
            sources.add_items(store, "wdqs", when[:10], client.endpoint, [f"{WD}{q}" for q in found], lines)
        if progress is not None:
            progress(start + len(batch), len(todo))
    counts["requests_sent"] = client.requests_sent - sent_before
    return counts
