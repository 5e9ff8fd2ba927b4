"""The one ``--format`` vocabulary of the ``kg`` commands: a name means the same thing in every command.

Each command accepts a subset (:func:`choices`); old or common spellings are accepted as aliases
(:data:`ALIASES`) and turned into the name by :func:`normalise`, the ``type=`` of every ``--format``.
``kg.cli.FORMATS`` is this table.
"""

from __future__ import annotations

#: name -> its one meaning (README "Output formats" lists this table).
FORMATS: dict[str, str] = {
    "text": "for people in a terminal: aligned columns for rows, a report for checks (the default)",
    "json": "one JSON document (rows and ASK: SPARQL 1.1 Query Results JSON)",
    "jsonl": "JSON Lines: one JSON object per record (conflict, event, ...), one per line",
    "csv": "comma-separated values, a header row then one row per record",
    "tsv": "tab-separated values, a header row then one row per record (SPARQL 1.1 TSV)",
    "xml": "the standard XML form: SPARQL Query Results XML for rows, RDF/XML for graphs",
    "ttl": "RDF Turtle (a graph)",
    "nt": "RDF N-Triples (a graph)",
    "nq": "RDF N-Quads (a dataset: the named graphs)",
    "trig": "RDF TriG (a dataset: the named graphs)",
    "jsonld": "JSON-LD (a graph or a dataset)",
    "claimreview": "schema.org ClaimReview JSON-LD, the form fact-check aggregators read",
    "html": "one self-contained HTML page",
    "plover": "PLOVER/POLECAT-style JSON Lines, one object per event a PLOVER coder codes",
}

#: other spellings -> the name they stand for ("table" was the name of ``text`` in query, stats, events).
ALIASES: dict[str, str] = {
    "table": "text",
    "turtle": "ttl",
    "ntriples": "nt",
    "n-triples": "nt",
    "nquads": "nq",
    "n-quads": "nq",
    "json-ld": "jsonld",
    "rdfxml": "xml",
    "ndjson": "jsonl",
}

#: the RDF formats (``kg export``; a CONSTRUCT or DESCRIBE result of ``kg query``).
RDF = ("ttl", "nt", "nq", "trig", "jsonld", "xml")


def normalise(name: str) -> str:
    """The vocabulary's name for ``name`` (lower-cased, aliases resolved); unknown names are returned as given
    so argparse's ``choices`` reports them."""
    key = name.strip().lower()
    return ALIASES.get(key, key)


def choices(*names: str) -> list[str]:
    """``names``, checked against the vocabulary (a typo in a command's list fails at import)."""
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ValueError(f"not in kg.formats.FORMATS: {', '.join(unknown)}")
    return list(names)


def add_format(parser, names, *, default: str | None = "text", help: str | None = None) -> None:
    """``--format`` on ``parser`` with the names ``names`` of the vocabulary, aliases accepted."""
    listed = choices(*names)
    meanings = "; ".join(f"{n}: {FORMATS[n]}" for n in listed)
    parser.add_argument("--format", type=normalise, choices=listed, default=default,
                        help=help or f"{'|'.join(listed)}{f' (default {default})' if default else ''} — {meanings}")
