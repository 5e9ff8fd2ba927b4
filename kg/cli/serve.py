"""``kg serve``: the store as a SPARQL 1.1 endpoint (:mod:`kg.server`), read-only unless --allow-update."""

from __future__ import annotations

import argparse
import sys

from ..errors import ConfigError
from .common import EXIT_OK, command, loading, open_store, settings_of
from .options import add_setting


def serve_arguments(p: argparse.ArgumentParser, common) -> None:
    add_setting(p, "host", help="address to bind")
    add_setting(p, "port", help="port")
    p.add_argument("--allow-update", action="store_true",
                   help="accept SPARQL Update with the bearer token (KG_TOKEN); read-only otherwise")
    add_setting(p, "cors", help="origins allowed by CORS, comma-separated (empty: CORS off)")
    add_setting(p, "query_timeout", help="seconds per query")


@command("serve", "serve the store as a SPARQL 1.1 endpoint (read-only unless --allow-update)",
         arguments=serve_arguments)
def cmd_serve(args: argparse.Namespace) -> int:
    from ..server import serve

    settings = settings_of(args)
    if args.allow_update and not settings.token:
        raise ConfigError("--allow-update needs a bearer token: set KG_TOKEN (or `token` in kg.toml)")
    store = open_store(settings, read_only=not args.allow_update)
    print(f"kg: SPARQL endpoint on http://{settings.host}:{settings.port}/sparql "
          f"({'read-write' if args.allow_update else 'read-only'}); Ctrl-C stops it", file=sys.stderr)
    from ..check_service import warm_in_background

    loading("the spaCy pipeline and the Wikidata knowledge base for POST /check")
    warm_in_background()
    serve(store, settings, allow_update=args.allow_update)
    return EXIT_OK
