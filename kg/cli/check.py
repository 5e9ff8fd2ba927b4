"""``kg check`` (fact-check the store, or the articles, URLs or text given, and write the report) and
``kg eval`` (check articles and score the conflicts against gold)."""

from __future__ import annotations

import argparse
import sys

from ..config import Settings
from ..errors import ConfigError
from .build import run_build
from .common import EXIT_CONFLICT, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, command, err, open_output, open_store, \
    settings_of
from .options import add_build_options, add_format, add_output, add_setting


def check_arguments(p: argparse.ArgumentParser, common) -> None:
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
    p.add_argument("--all", action="store_true",
                   help="check every article again (default: only those new or changed since the last check, "
                        "and those whose cross-article verdicts they touch; the others' verdicts are reused)")
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
    add_output(p, "the report")
    add_build_options(p)


@command("check", "fact-check the store's claims against Wikidata (building PATHs first)", arguments=check_arguments)
def cmd_check(args: argparse.Namespace) -> int:
    from ..check import article_texts
    from ..check_incremental import check_incremental
    from ..progress import is_quiet
    from ..report import summary_line, write_claimreview, write_jsonl, write_text
    from ..report_html import write_html

    settings = settings_of(args)
    inputs, unread = _check_inputs(args, settings)
    store = open_store(settings)
    status = EXIT_OK
    only = None
    if inputs is not None:
        screen = None if args.any_language else _language_screen
        summary = run_build(args, settings, store, summary_to=sys.stderr, paths=inputs, screen=screen,
                            default_date=args.date) if inputs else None
        if summary is None or not summary.ids:
            err("nothing was checked: no input could be read or checked (see the messages above)")
            return EXIT_ERROR
        status = EXIT_PARTIAL if summary.failed or unread else EXIT_OK
        only = summary.ids
    report, done = check_incremental(store, only, full=args.all)
    if not is_quiet():
        print(done.line(), file=sys.stderr)
    if args.fail_on_conflict and report.conflicts and status == EXIT_OK:
        status = EXIT_CONFLICT
    out = open_output(args.output)
    try:
        if args.format == "csv":
            from ..report_csv import write_csv

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
    from ..ingest import parse_date
    from ..ingest.adhoc import gather

    if args.date is not None and parse_date(args.date) is None:
        raise ConfigError(f"--date {args.date!r}: not a date; give it as YYYY-MM-DD")
    unread: list = []

    def failed(error) -> None:
        unread.append(error)
        err(str(error))

    inputs = gather(args.paths, text=args.text, date=args.date, title=args.title or "", stdin=sys.stdin.buffer,
                    max_bytes=settings.max_article_bytes, timeout=args.timeout, on_error=failed,
                    screen=None if args.any_language else _language_screen)
    return inputs, unread


def _language_screen(article) -> str | None:
    from ..language import language_problem

    return language_problem(article.text)


def eval_arguments(p: argparse.ArgumentParser, common) -> None:
    add_output(p)
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold conflicts: {article, start, end, type} per line")
    p.add_argument("paths", nargs="+", metavar="PATH", help="the articles the gold is about")
    p.add_argument("--strict-type", action="store_true", help="a match must also have the gold type")
    p.add_argument("-v", "--verbose", action="store_true", help="list false positives and negatives")
    add_build_options(p)


@command("eval", "fact-check articles and score the conflicts against gold (precision, recall, type accuracy)",
         arguments=eval_arguments)
def cmd_eval(args: argparse.Namespace) -> int:
    from ..check import check
    from ..evaluate import read_jsonl, score_conflicts
    from ..report import conflict_record

    settings = settings_of(args)
    try:
        gold = read_jsonl(args.gold)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the gold file {args.gold}: {exc}; give a JSONL file of "
                          "{article, start, end, type} records") from exc
    store = open_store(settings)
    summary = run_build(args, settings, store, summary_to=sys.stderr)
    report = check(store, summary.ids)
    score = score_conflicts(gold, [conflict_record(c) for c in report.conflicts], strict_type=args.strict_type)
    if args.verbose:
        for line in score.errors:
            print(line)
    print(score.line())
    return EXIT_PARTIAL if summary.failed else EXIT_OK
