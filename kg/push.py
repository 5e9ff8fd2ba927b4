"""Push the store's named graphs into another RDF store, each graph replaced atomically.

Two protocols, both idempotent (pushing again replaces each graph, never duplicates it):

- ``gsp``: the SPARQL 1.1 Graph Store HTTP Protocol, ``PUT <store>?graph=IRI`` with the graph
  as N-Triples (Oxigraph: ``http://host:port/store``; Fuseki: ``http://host:port/DATASET/data``;
  kg serve: ``.../rdf-graphs/service``; Virtuoso: ``.../sparql-graph-crud-auth``).
- ``update``: SPARQL 1.1 Update, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``
  in ONE request to an update endpoint (Oxigraph, Fuseki: ``.../update``; kg serve and
  Virtuoso: ``.../sparql``, Virtuoso with Digest auth: ``.../sparql-auth``).

Request bodies never exceed ``max_request_bytes`` (default 900,000 bytes: under kg serve's 1 MB
``max_body_bytes`` and under the limits of the other stores' defaults).  What "atomic" means:

- a graph that fits in one request is replaced by that one request (the PUT, or the one update
  carrying DROP + INSERT): the target applies it as a whole or not at all;
- a bigger graph is uploaded in parts (each under the limit, cut between triples) into a
  temporary graph ``urn:uuid:...`` (GSP: a PUT then POSTs; update: INSERT DATA requests), then
  ``MOVE GRAPH <tmp> TO GRAPH <g>`` swaps it in with one update.  Until the MOVE the target
  graph keeps its old triples; when a part is refused the temporary graph is dropped and the
  target graph is left as it was.  A GSP push needs the target's update endpoint for the MOVE:
  ``update_url``, or guessed from the Graph Store URL for the layouts above.  The swap is as
  atomic as the target makes one update request (Oxigraph, kg and Fuseki's TDB: a transaction).
  Triples sharing a blank node are never split across parts (blank nodes are scoped to a request).

Authentication: ``auth="auto"`` (default) answers the target's challenge (Digest, as Virtuoso
asks, or Basic) and never sends a password before one is asked for; ``"basic"`` sends Basic on
every request; ``"digest"`` forces Digest; or a bearer ``token``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import URIRef

from .errors import ExportError
from .store import Store, dumps

#: Largest request body kg sends, in bytes (``--max-request-bytes``).
MAX_REQUEST_BYTES = 900_000
#: Most triples in one INSERT DATA (``--max-request-triples``; Graph Store requests have no cap
#: unless one is given): Virtuoso 7's SPARQL compiler refuses an INSERT DATA of about 1,300
#: triples ("SP031: generated SQL text has exceeded 10000 lines"), whatever their size.
MAX_UPDATE_TRIPLES = 1_000

#: Graph Store endpoint path -> the same server's update endpoint (for the MOVE of a graph in parts).
UPDATE_FOR_GRAPH_STORE = (
    ("/rdf-graphs/service", "/sparql"),          # kg serve
    ("/store", "/update"),                       # Oxigraph server
    ("/data", "/update"),                        # Fuseki dataset
    ("/sparql-graph-crud-auth", "/sparql-auth"),  # Virtuoso, authenticated
    ("/sparql-graph-crud", "/sparql"),           # Virtuoso
)

#: What to do when a target answers with this status.
HINTS = {
    400: "the target could not use the request: see its message",
    401: "the target wants credentials: pass --user/--password (Basic or Digest, as it asks) or --bearer TOKEN",
    403: "the target refuses writes: it may be read-only (kg serve needs --allow-update; Virtuoso's anonymous "
         "/sparql has no SPARQL_UPDATE right, use /sparql-auth with --user) or these credentials lack the right",
    404: "no such endpoint: check the URL (Oxigraph .../store or .../update; Fuseki .../DATASET/data or "
         ".../DATASET/update; kg serve .../rdf-graphs/service or .../sparql; Virtuoso .../sparql-graph-crud-auth "
         "or .../sparql-auth)",
    405: "the endpoint does not take this method: for --protocol gsp give the Graph Store URL, for --protocol "
         "update the update endpoint (a query-only endpoint refuses both)",
    413: "the request was over the target's body limit: lower --max-request-bytes",
    503: "the target gave up on it (its own time limit: kg serve applies query_timeout, 30 s by default, to "
         "updates too, and a big graph's MOVE can take longer; kg serve cannot cancel it, so it may still finish): "
         "raise the target's limit (kg serve: KG_QUERY_TIMEOUT / --query-timeout) and push again",
    415: "the target does not take this content type (application/n-triples, application/sparql-update): "
         "try the other --protocol",
}


@dataclass
class PushSummary:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        failed = f"; {len(self.failed)} graph(s) failed" if self.failed else ""
        return f"pushed {self.graphs} graph(s), {self.triples} triple(s) in {self.requests} request(s){failed}"


class Refused(Exception):
    """The target refused one request of a graph's push (the message says what to do)."""


def push(store: Store, url: str, *, graphs: Iterable[str] | None = None, protocol: str = "gsp",
         user: str | None = None, password: str | None = None, token: str | None = None,
         auth: str = "auto", max_request_bytes: int | None = None, max_request_triples: int | None = None,
         update_url: str | None = None, timeout: float = 600.0, skip: Iterable[str] = ()) -> PushSummary:
    """Replace each named graph of ``store`` (or ``graphs``) on the target at ``url``.

    Raises ExportError when the options are unusable or the target cannot be reached; the graphs
    the target refused are listed in the summary's ``failed`` (each left as it was there)."""
    import httpx

    from .pushauth import client_auth

    if protocol not in {"gsp", "update"}:
        raise ExportError(f"unknown push protocol {protocol!r}: use gsp or update")
    max_request_bytes = max_request_bytes or MAX_REQUEST_BYTES
    if max_request_bytes < 1024:
        raise ExportError(f"--max-request-bytes {max_request_bytes} is too small: give at least 1024")
    present = store.graphs()
    names = list(graphs) if graphs is not None else present
    missing = sorted(set(names) - set(present))
    if missing:
        raise ExportError(f"no graph {missing[0]} in the store: `kg stats` or SELECT DISTINCT ?g lists its graphs")
    skipped = set(skip)
    names = [g for g in names if g not in skipped]
    headers = {"User-Agent": "kg-diplomacy push"}
    if token:
        if user:
            raise ExportError("give either --bearer or --user/--password, not both")
        headers["Authorization"] = f"Bearer {token}"
    if max_request_triples is None and protocol == "update":
        max_request_triples = MAX_UPDATE_TRIPLES
    if max_request_triples is not None and max_request_triples < 1:
        raise ExportError(f"--max-request-triples {max_request_triples} is too small: give at least 1")
    pusher = _Pusher(url, protocol, max_request_bytes, update_url, max_request_triples)
    summary = PushSummary()
    with httpx.Client(headers=headers, auth=client_auth(user, password, auth), timeout=timeout,
                      trust_env=False) as client:
        pusher.client = client
        for graph in names:
            data = dumps(store, "nt", URIRef(graph))
            try:
                summary.requests += pusher.replace(graph, data)
            except Refused as exc:
                summary.failed.append(f"{graph}: {exc}")
                continue
            except httpx.TimeoutException as exc:
                raise ExportError(f"{url} did not answer within {timeout:g} s while {graph} was pushed ({exc}); it may "
                                  "still be working on it (a big graph's MOVE): raise --timeout") from exc
            except httpx.HTTPError as exc:
                raise ExportError(f"cannot reach {url}: {exc}; check the URL and that the store is running") from exc
            summary.graphs += 1
            summary.triples += data.count(b"\n")
    return summary


def parts(lines: list[bytes], budget: int, max_triples: int | None = None) -> Iterator[bytes]:
    """N-Triples lines joined into consecutive parts of at most ``budget`` bytes (and ``max_triples``
    triples) each, cut between triples; the triples with a blank node stay together (blank nodes do
    not cross requests), whatever ``max_triples`` says."""
    blank = [line for line in lines if _has_blank_node(line)]
    units = [line + b"\n" for line in lines if not _has_blank_node(line)]
    if blank:
        units.insert(0, b"\n".join(blank) + b"\n")
    current: list[bytes] = []
    size = count = 0
    cap = max_triples or len(lines) + 1
    for unit in units:
        if len(unit) > budget:
            what = "the triples with blank nodes take" if blank and unit is units[0] else "one triple takes"
            raise Refused(f"{what} {len(unit)} bytes, over --max-request-bytes ({budget} for the triples): "
                          "raise it if the target accepts bigger bodies")
        if current and (size + len(unit) > budget or count >= cap):
            yield b"".join(current)
            current, size, count = [], 0, 0
        current.append(unit)
        size += len(unit)
        count += unit.count(b"\n")
    if current:
        yield b"".join(current)


def _has_blank_node(line: bytes) -> bool:
    """A blank node as subject or object of an N-Triples line (not ``_:`` inside a literal or IRI)."""
    if b"_:" not in line:
        return False
    if line.startswith(b"_:"):
        return True
    return line.rstrip().rstrip(b".").rstrip().rsplit(b" ", 1)[-1].startswith(b"_:")


def update_endpoint_for(url: str) -> str | None:
    """The update endpoint beside a Graph Store endpoint, for the layouts kg knows."""
    base, _, query = url.partition("?")
    for suffix, update in UPDATE_FOR_GRAPH_STORE:
        if base.rstrip("/").endswith(suffix):
            return base.rstrip("/")[: -len(suffix)] + update + (f"?{query}" if query else "")
    return None


class _Pusher:
    """Sends one graph's requests; ``replace`` returns how many it sent and raises Refused."""

    def __init__(self, url: str, protocol: str, budget: int, update_url: str | None, max_triples: int | None):
        self.url, self.protocol, self.budget, self.max_triples = url, protocol, budget, max_triples
        self.update_url = update_url or (url if protocol == "update" else update_endpoint_for(url))
        self.client = None

    def replace(self, graph: str, data: bytes) -> int:
        few = self.max_triples is None or data.count(b"\n") <= self.max_triples
        if self.protocol == "gsp":
            if len(data) <= self.budget and few:
                self._send("PUT", self.url, data, graph=graph)
                return 1
            if not self.update_url:
                raise Refused(f"{len(data)} bytes, over --max-request-bytes ({self.budget}) or --max-request-triples; "
                              "replacing it atomically "
                              "means uploading it in parts into a temporary graph and one MOVE, which needs the "
                              "target's update endpoint: pass --update-url (or raise --max-request-bytes if the "
                              "target accepts bigger bodies)")
            return self._in_parts(graph, data.splitlines(), self.budget)
        g = f"<{graph}>".encode()
        head, tail = b"DROP SILENT GRAPH " + g + b" ;\nINSERT DATA { GRAPH " + g + b" {\n", b"} }\n"
        if len(head) + len(data) + len(tail) <= self.budget and few:
            self._send("POST", self.url, head + data + tail)
            return 1
        overhead = len(head) + len(tail) + 60  # the temporary graph's IRI is as long as a urn:uuid
        return self._in_parts(graph, data.splitlines(), self.budget - overhead)

    def _in_parts(self, graph: str, lines: list[bytes], budget: int) -> int:
        tmp = f"urn:uuid:{uuid.uuid4()}"
        t = f"<{tmp}>".encode()
        sent = 0
        try:
            for n, part in enumerate(parts(lines, budget, self.max_triples)):
                if self.protocol == "gsp":
                    self._send("PUT" if n == 0 else "POST", self.url, part, graph=tmp)
                else:
                    drop = b"DROP SILENT GRAPH " + t + b" ;\n" if n == 0 else b""
                    self._send("POST", self.update_url, drop + b"INSERT DATA { GRAPH " + t + b" {\n" + part + b"} }\n")
                sent += 1
            self._send("POST", self.update_url, f"MOVE GRAPH {t.decode()} TO GRAPH <{graph}>".encode())
        except Refused as exc:
            self._drop_quietly(tmp)
            raise Refused(f"{exc} (part {sent + 1}; the graph was left as it was on the target)") from exc
        return sent + 1

    def _drop_quietly(self, tmp: str) -> None:
        try:
            if self.protocol == "gsp":
                self.client.delete(self.url, params={"graph": tmp})
            if self.update_url:
                self.client.post(self.update_url, content=f"DROP SILENT GRAPH <{tmp}>".encode(),
                                 headers={"Content-Type": "application/sparql-update"})
        except Exception:  # noqa: BLE001 - best effort: the target already refused us once
            pass

    def _send(self, method: str, url: str, body: bytes, graph: str | None = None) -> None:
        ctype = "application/n-triples" if graph is not None else "application/sparql-update"
        response = self.client.request(method, url, params={"graph": graph} if graph else None, content=body,
                                       headers={"Content-Type": ctype})
        if response.status_code >= 300:
            raise Refused(refusal(response, len(body)))


def refusal(response, size: int) -> str:
    """A one-line message for a refused request: status, the target's words, what to do."""
    text = response.text.strip()
    try:
        parsed = json.loads(text)
        if isinstance(parsed, dict) and parsed.get("error"):
            text = str(parsed["error"])
    except ValueError:
        pass
    said = " ".join(text.split())[:300]
    status = response.status_code
    hint = HINTS.get(status) or ("the target failed on it: smaller requests may help" if status >= 500 else "")
    if "SP031" in said or "SP030" in said:  # Virtuoso's SPARQL compiler: too many triples in one request
        hint = "Virtuoso's SPARQL compiler takes about 1,300 triples per INSERT DATA: lower --max-request-triples"
    challenge = response.headers.get("www-authenticate", "").split(" ", 1)[0]
    asks = f" (it asks for {challenge})" if status == 401 and challenge else ""
    request = response.request
    return (f"HTTP {status} {response.reason_phrase} for {request.method} of {size} bytes to {request.url}"
            f"{': ' + said if said else ''}{asks}; {hint}".rstrip("; "))
