"""``kg kb``: the Wikidata knowledge base -- build the snapshot, load it, import dumps, list the sources,
refresh from a SPARQL endpoint (and re-check the articles a refresh finds new items for)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..config import Settings
from .common import EXIT_OK, command, err, loading, open_store, settings_of
from .options import add_output, add_setting


def kb_arguments(p: argparse.ArgumentParser, common) -> None:
    kb_sub = p.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    q = kb_sub.add_parser("build", help="build data/wikidata from the CC0 slice")
    q.add_argument("--from", dest="source", required=True, metavar="DIR", help="the slice, e.g. ../shared/wikidata")
    q.add_argument("-o", "--output", "--out", dest="out", default="data/wikidata", metavar="DIR",
                   help="output folder (default data/wikidata)")
    q = kb_sub.add_parser("load", help="load the embedded snapshot into the store")
    q.add_argument("--force", action="store_true", help="replace the Wikidata graph even if present")
    add_output(q, "the triple count")
    from ..kb.commands import add_parsers

    add_parsers(kb_sub)
    q = kb_sub.add_parser("refresh", help="fetch current facts for linked entities from a SPARQL endpoint")
    q.add_argument("qids", nargs="*", metavar="QID", help="items to refresh (default: every linked entity)")
    add_setting(q, "endpoint", help="SPARQL endpoint URL (the Wikidata Query Service's by default)")
    q.add_argument("--force", action="store_true", help="fetch even items already fetched")
    add_output(q, "the counts (JSON)")


@command("kb", "the Wikidata knowledge base: build the snapshot, load it, refresh from an endpoint",
         arguments=kb_arguments)
def cmd_kb(args: argparse.Namespace) -> int:
    from .. import kb

    settings = settings_of(args)
    if args.kb_command == "build":
        info = kb.build_snapshot(Path(args.source), Path(args.out))
        print(json.dumps({k: v for k, v in info.items() if isinstance(v, (str, int, float))}, indent=2))
        return EXIT_OK
    store = open_store(settings)
    if args.kb_command == "load":
        n = kb.load_snapshot(store) if args.force else kb.ensure_loaded(store)
        if args.force:  # items newer sources cover are re-made from them
            from ..kb import sources

            sources.reapply(store)
        print(f"Wikidata graph: {n} triples")
        prepare(settings, store, rebuild=args.force)
        return EXIT_OK
    if args.kb_command in ("import", "sources"):
        from ..kb.commands import run

        code = run(args, store)
        if args.kb_command == "import" and not args.out:  # into the store: its graph changed
            prepare(settings, store)
        return code
    code = _refresh(args, settings, store)
    prepare(settings, store)
    return code


def prepare(settings: Settings, store, *, rebuild: bool = False) -> None:
    """After the Wikidata graph was loaded or changed: the linker's index of it built and cached
    now (:func:`kg.link.warm`), and the spaCy tokens of its names (the pipeline's entity trie), so
    that the next ``kg build`` reads both instead of making them. ``rebuild``: the index even when
    the cache has one for the graph's key (``kg kb load --force``: the graph may differ with the
    same key). Nothing when caching is off or the graph is too small to be cached."""
    from ..link import warm

    if warm(store, rebuild=rebuild) is None:
        return
    from ..extract import load_nlp
    from ..link import open_kb
    from ..link.candidates import ruler_patterns

    loading("the spaCy pipeline to tokenize the knowledge base's names")
    load_nlp(settings.model or None, patterns=ruler_patterns(open_kb(store)))  # writes the tokens' cache file


def _refresh(args: argparse.Namespace, settings: Settings, store) -> int:
    """``kg kb refresh``: the items' current facts, then (without QIDs) the names the KB does not know."""
    from ..kb.live import LiveWikidata, refresh
    from ..progress import Tracker

    qids = args.qids or sorted({r["e"].rsplit("/", 1)[-1] for r in store.select("graphs/linked-items")})
    endpoint = args.endpoint or settings.endpoint
    client = LiveWikidata(endpoint)
    with Tracker(unit="items", desc="kb refresh") as progress:
        counts = refresh(store, qids, endpoint=endpoint, force=args.force, client=client, progress=progress)
    if not args.qids:  # also the persons and offices the articles name but the KB does not know
        from ..kb.lookup import refresh_unknown

        counts["unknown"] = found = refresh_unknown(store, client, force=args.force)
        if found["items"]:
            counts["rechecked"] = _relink(settings, store, found["articles"])
    print(json.dumps(counts))
    return EXIT_OK


def _relink(settings: Settings, store, articles: list[str]) -> dict[str, int]:
    """Re-build (re-link) the given article IRIs from their stored text, then re-check them."""
    import tempfile

    from rdflib import URIRef

    from ..build import build
    from ..check import check
    from ..link import open_kb

    rows = store.select("graphs/article-records",
                        values={"a": [URIRef(a) for a in articles]})  # store IRIs, validated by pyoxigraph
    with tempfile.TemporaryDirectory(prefix="kg-relink-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps({k: r[k] for k in ("id", "title", "text", "date", "url") if k in r}) + "\n"
                                for r in rows), encoding="utf-8")
        summary = build([str(path)], store, model=settings.model or None, kb=open_kb(store), rebuild=True,
                        progress=False, on_error=lambda e: err(str(e)))
    report = check(store, set(summary.ids))
    return {"articles": len(rows), "conflicts": len(report.conflicts), "consistent": report.consistent}
