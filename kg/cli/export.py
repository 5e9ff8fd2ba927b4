"""``kg export`` (the store, or one graph, as RDF) and ``kg push`` (its graphs into another store)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_PARTIAL, command, err, open_store, parse_term, settings_of
from .options import add_format, add_output


def export_arguments(p: argparse.ArgumentParser, common) -> None:
    add_format(p, ["ttl", "nt", "nq", "trig", "jsonld", "xml"], default=None,
               help="RDF format: ttl, nt, nq, trig, jsonld, xml (RDF/XML); default: from the output file's suffix, "
                    "N-Quads on stdout")
    p.add_argument("--graph", metavar="IRI", help="export only this named graph")
    add_output(p, help="output file (.gz compresses); default stdout")


@command("export", "write the store (or one graph) as RDF", arguments=export_arguments)
def cmd_export(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from ..export import export

    settings = settings_of(args)
    store = open_store(settings, read_only=True)
    graph = URIRef(parse_term(args.graph)) if args.graph else None
    if args.output and args.output != "-":
        n = export(store, Path(args.output), args.format, graph)
        print(f"wrote {n} {'triples' if graph else 'quads'} to {args.output}", file=sys.stderr)
    else:
        export(store, sys.stdout.buffer, args.format, graph)
    return EXIT_OK


def push_arguments(p: argparse.ArgumentParser, common) -> None:
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


@command("push", "send the store's named graphs to another store (Graph Store Protocol PUT or SPARQL Update)",
         arguments=push_arguments)
def cmd_push(args: argparse.Namespace) -> int:
    from ..push import push
    from ..vocab import WIKIDATA_GRAPH

    settings = settings_of(args)
    store = open_store(settings, read_only=True)
    summary = push(store, args.url, graphs=args.graph or None, protocol=args.protocol, user=args.user,
                   password=args.password or os.environ.get("KG_PUSH_PASSWORD"), token=args.bearer,
                   auth=args.auth, max_request_bytes=args.max_request_bytes,
                   max_request_triples=args.max_request_triples, update_url=args.update_url, timeout=args.timeout,
                   skip=[str(WIKIDATA_GRAPH)] if args.skip_wikidata else ())
    for failure in summary.failed:
        err(failure)
    print(summary.line(), file=sys.stderr)
    return EXIT_PARTIAL if summary.failed else EXIT_OK
