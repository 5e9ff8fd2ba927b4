"""Entity linking: Mention -> Wikidata item (or a reasoned decision not to link)."""

from __future__ import annotations

from ..model import Extraction, Link, Linked, Mention, RoleLink

__all__ = ["link", "kind_of_label", "open_kb"]

_NER_KIND = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Other",
}


def kind_of_label(label: str) -> str:
    """The entity kind an NER label suggests when no knowledge base says otherwise."""
    return _NER_KIND.get(label, "Other")


def unlinked(mention: Mention, reason: str) -> Link:
    return Link(mention=mention, qid=None, kind=kind_of_label(mention.label), score=0.0,
                method=f"unlinked: {reason}", label=mention.text)


def link(extraction: Extraction, kb=None) -> Linked:
    """One Link per mention of the article, and its role claims resolved."""
    if kb is None:
        links = {m.key: unlinked(m, "no knowledge base") for m in extraction.mentions}
        roles = tuple(RoleLink(claim=r, person=links[r.person.key], title_key="") for r in extraction.roles
                      if r.person.key in links)
        return Linked(links=tuple(links.values()), roles=roles)
    from .linker import Linker  # the KB-backed linker

    return Linker(kb).link(extraction)


def open_kb(store):
    """The knowledge base of ``store``: the embedded snapshot is loaded into it on first use."""
    from ..kb import ensure_loaded
    from ..kb.index import KnowledgeBase

    ensure_loaded(store.ox)
    return KnowledgeBase.from_store(store.ox)
