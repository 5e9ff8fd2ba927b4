"""RDF out of the store: every format pyoxigraph writes, streamed, ``.gz`` by suffix."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import IO

from rdflib import URIRef

from .errors import ExportError
from .store import RDF_FORMATS, Store

#: Suffixes recognised on output files (after removing .gz).
SUFFIX_FORMAT = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld",
                 ".json": "jsonld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def format_for(path: Path, default: str | None = None) -> str:
    suffixes = [s for s in path.suffixes if s != ".gz"]
    fmt = SUFFIX_FORMAT.get(suffixes[-1]) if suffixes else None
    if fmt is None and default is None:
        raise ExportError(f"{path}: cannot tell the RDF format from the name; pass --format")
    return fmt or default


def export(store: Store, out: Path | IO[bytes], fmt: str | None = None, graph: URIRef | None = None) -> int:
    """Write the dataset (or one graph) to ``out``; returns the number of quads/triples written."""
    if isinstance(out, Path):
        fmt = fmt or format_for(out)
        if fmt not in RDF_FORMATS:
            raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
        try:
            opener = gzip.open if out.suffix == ".gz" else open
            with opener(out, "wb") as handle:
                store.dump(handle, fmt, graph)
        except OSError as exc:
            raise ExportError(f"{out}: cannot write ({exc})") from exc
    else:
        store.dump(out, fmt or "nq", graph)
    return store.count(graph)
