"""Entity linking: Mention -> Wikidata item (or a reasoned decision not to link).

Importing this package does not import spaCy: the linker reads kg's own records.
"""

from __future__ import annotations

from ..kb import ensure_loaded
from ..model import Extraction, Linked, RoleLink
from .base import kind_of_label, unlinked
from .linker import Linker

__all__ = ["link", "kind_of_label", "open_kb", "unlinked", "warm", "Linker"]


def link(extraction: Extraction, kb=None) -> Linked:
    """One Link per mention of the article, and its role claims resolved."""
    if kb is None:
        links = {m.key: unlinked(m, "no knowledge base") for m in extraction.mentions}
        roles = tuple(RoleLink(claim=r, person=links[r.person.key], title_key="") for r in extraction.roles
                      if r.person.key in links)
        return Linked(links=tuple(links.values()), roles=roles)
    return Linker(kb).link(extraction)


def open_kb(store):
    """The knowledge base of ``store`` with the linker's indexes of it: the embedded snapshot is
    loaded into the store on first use; the indexes are read from the cache when they were built
    for the same Wikidata graph before (:mod:`kg.link.index_cache`), else built and cached."""
    from .index_cache import load

    return load(store, ensure_loaded(store))


def warm(store, *, rebuild: bool = False):
    """Build and cache the knowledge-base indexes of ``store`` (for ``kg kb load``): the next
    start reads them. ``rebuild``: even when the cache has them. Returns the cache file or None."""
    from .index_cache import warm as warm_cache

    return warm_cache(store, rebuild=rebuild)
