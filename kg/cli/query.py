"""``kg query`` (a named query, a .rq file or stdin, printed as a table or a SPARQL result format) and
``kg queries`` (the catalogue of named queries)."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, command, open_store, parse_term, settings_of
from .options import add_format, add_output


def _compact(value: str) -> str:
    """wd:Q76 instead of http://www.wikidata.org/entity/Q76, for tables people read."""
    from ..vocab import PREFIXES

    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def render_table(rows: list[dict[str, str]], names: list[str], out) -> None:
    """Rows as aligned columns (at most 60 characters each) and a row count."""
    rows = [{k: _compact(v) for k, v in row.items()} for row in rows]
    widths = {n: min(60, max([len(n)] + [len(r.get(n, "")) for r in rows])) for n in names}

    def cell(text: str, n: str) -> str:
        text = text.replace("\n", " ")
        return (text if len(text) <= widths[n] else text[: widths[n] - 1] + "…").ljust(widths[n])

    out.write("  ".join(cell(n, n) for n in names).rstrip() + "\n")
    out.write("  ".join("-" * widths[n] for n in names) + "\n")
    for row in rows:
        out.write("  ".join(cell(row.get(n, ""), n) for n in names).rstrip() + "\n")
    out.write(f"({len(rows)} rows)\n")


def query_arguments(p: argparse.ArgumentParser, common) -> None:
    add_output(p)
    p.add_argument("query", metavar="NAME|FILE.rq|-", help="query name (see `kg queries`), file, or - for stdin")
    add_format(p, ["text", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld"],
               help="rows (SELECT): text (default, a table), json, csv, tsv, xml (the SPARQL 1.1 result formats); "
                    "a graph (CONSTRUCT, DESCRIBE): ttl (also for text), nt, jsonld, xml (RDF/XML)")
    p.add_argument("--bind", action="append", metavar="VAR=VALUE",
                   help="bind a query parameter, e.g. --bind entity=wd:Q7821917 (repeatable)")


@command("query", "run a named query, a .rq file or - (stdin) and print the results", arguments=query_arguments)
def cmd_query(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from .. import queries
    from ..errors import QueryError
    from ..store import RDF_FORMATS

    settings = settings_of(args)
    text = sys.stdin.read() if args.query == "-" else queries.get(args.query).text
    bindings = {}
    for item in args.bind or []:
        name, _, value = item.partition("=")
        bindings[name.lstrip("?")] = parse_term(value)
    store = open_store(settings, read_only=True)
    result = store.query(text, bindings, named=False)  # text: the name was resolved above
    try:
        return _print_result(ox, result, args, RDF_FORMATS)
    except BrokenPipeError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:  # raised while the engine streams the rows
        raise QueryError(f"query failed while running: {exc}") from exc


def _print_result(ox, result, args, RDF_FORMATS) -> int:
    from ..errors import QueryError

    out = sys.stdout.buffer
    rows_formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                    "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
    if isinstance(result, ox.QueryBoolean):  # ASK
        if args.format in rows_formats:
            result.serialize(out, rows_formats[args.format])
            out.write(b"\n")
            out.flush()
        else:
            print("true" if result else "false")
        return EXIT_OK
    if isinstance(result, ox.QuerySolutions):
        if args.format == "text":
            names = [v.value for v in result.variables]
            rows = [{n: s[n].value for n in names if s[n] is not None} for s in result]
            render_table(rows, names, sys.stdout)
            return EXIT_OK
        fmt = rows_formats.get(args.format)
        if fmt is None:
            raise QueryError(f"--format {args.format}: the query gives rows, not a graph; use text, json, csv, "
                             "tsv or xml")
        result.serialize(out, fmt)
        out.flush()
        return EXIT_OK
    fmt = "ttl" if args.format == "text" else args.format  # CONSTRUCT / DESCRIBE: a graph
    if fmt not in RDF_FORMATS:
        raise QueryError(f"--format {args.format}: the query gives a graph, not rows; use ttl (text), nt, "
                         "jsonld or xml")
    ox.serialize(result, out, RDF_FORMATS[fmt])
    out.flush()
    return EXIT_OK


@command("queries", "list the named queries", arguments=lambda p, common: add_output(p, "the list"))
def cmd_queries(args: argparse.Namespace) -> int:
    from .. import queries

    for name, q in queries.catalogue().items():
        params = f" [params: {', '.join(q.params)}]" if q.params else ""
        update = " (an update kg runs itself)" if q.is_update else ""
        print(f"{name:28} {q.description}{params}{update}")
    return EXIT_OK
