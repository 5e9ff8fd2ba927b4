"""Entity linking: Mention -> Wikidata item (or a reasoned decision not to link).

Importing this package does not import spaCy: the linker reads kg's own records.
"""

from __future__ import annotations

from ..kb import ensure_loaded
from ..kb.index import KnowledgeBase
from ..model import Extraction, Linked, RoleLink
from .base import kind_of_label, unlinked
from .linker import Linker

__all__ = ["link", "kind_of_label", "open_kb", "unlinked", "Linker"]


def link(extraction: Extraction, kb=None) -> Linked:
    """One Link per mention of the article, and its role claims resolved."""
    if kb is None:
        links = {m.key: unlinked(m, "no knowledge base") for m in extraction.mentions}
        roles = tuple(RoleLink(claim=r, person=links[r.person.key], title_key="") for r in extraction.roles
                      if r.person.key in links)
        return Linked(links=tuple(links.values()), roles=roles)
    return Linker(kb).link(extraction)


def open_kb(store):
    """The knowledge base of ``store``: the embedded snapshot is loaded into it on first use."""
    ensure_loaded(store)
    return KnowledgeBase.from_store(store)
