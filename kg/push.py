"""Push the store's named graphs into another RDF store.

Two protocols, both idempotent (pushing again replaces each graph, never duplicates it):

- ``gsp``: the SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT <store>?graph=IRI`` per named
  graph with its triples as N-Triples (Oxigraph: ``http://host:port/store``; Fuseki:
  ``http://host:port/DATASET/data``; GraphDB: ``.../repositories/REPO/rdf-graphs/service``).
- ``update``: SPARQL 1.1 Update, ``DROP SILENT GRAPH <g>; INSERT DATA { GRAPH <g> { ... } }``
  POSTed to an update endpoint (Oxigraph: ``/update``), in chunks for big graphs.

Authentication: HTTP basic (``user``/``password``) or a bearer ``token``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from rdflib import URIRef

from .errors import ExportError
from .store import Store, dumps

#: Triples per SPARQL Update request (INSERT DATA) when a graph is large.
UPDATE_CHUNK = 20_000


@dataclass
class PushSummary:
    graphs: int = 0
    triples: int = 0
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        failed = f"; {len(self.failed)} graph(s) failed" if self.failed else ""
        return f"pushed {self.graphs} graph(s), {self.triples} triple(s){failed}"


def push(store: Store, url: str, *, graphs: Iterable[str] | None = None, protocol: str = "gsp",
         user: str | None = None, password: str | None = None, token: str | None = None,
         timeout: float = 120.0, skip: Iterable[str] = ()) -> PushSummary:
    """Send every named graph of ``store`` (or ``graphs``) to ``url``; raises ExportError when
    the target cannot be reached, and lists graphs the target refused in the summary."""
    import httpx

    if protocol not in {"gsp", "update"}:
        raise ExportError(f"unknown push protocol {protocol!r}: use gsp or update")
    headers = {"User-Agent": "kg-diplomacy push"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    auth = (user, password or "") if user else None
    names = list(graphs) if graphs is not None else store.graphs()
    names = [g for g in names if g not in set(skip)]
    summary = PushSummary()
    with httpx.Client(headers=headers, auth=auth, timeout=timeout, trust_env=False) as client:
        for graph in names:
            data = dumps(store, "nt", URIRef(graph))
            count = data.count(b"\n")
            try:
                if protocol == "gsp":
                    r = client.put(url, params={"graph": graph}, content=data,
                                   headers={"Content-Type": "application/n-triples"})
                    responses = [r]
                else:
                    responses = [client.post(url, content=body, headers={"Content-Type": "application/sparql-update"})
                                 for body in _updates(graph, data)]
            except httpx.HTTPError as exc:
                raise ExportError(f"cannot reach {url}: {exc}; check the URL and that the store is running") from exc
            bad = [r for r in responses if r.status_code >= 300]
            if bad:
                r = bad[0]
                summary.failed.append(f"{graph}: HTTP {r.status_code} {r.text[:200].strip()}")
                continue
            summary.graphs += 1
            summary.triples += count
    return summary


def _updates(graph: str, ntriples: bytes) -> list[bytes]:
    """SPARQL Update requests that replace ``graph`` with these N-Triples, chunked."""
    lines = ntriples.splitlines()
    target = f"<{graph}>".encode()
    bodies = [b"DROP SILENT GRAPH " + target]
    for i in range(0, len(lines), UPDATE_CHUNK):
        chunk = b"\n".join(lines[i:i + UPDATE_CHUNK])
        bodies.append(b"INSERT DATA { GRAPH " + target + b" {\n" + chunk + b"\n} }")
    return bodies
