"""Entity linking: Mention -> Wikidata item (or a reasoned decision not to link)."""

from __future__ import annotations

from ..model import Extraction, Link, Mention

__all__ = ["link", "kind_of_label"]

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


def link(extraction: Extraction, kb=None) -> list[Link]:
    """One Link per mention of the article."""
    if kb is None:
        return [unlinked(m, "no knowledge base") for m in extraction.mentions]
    from .linker import Linker  # the KB-backed linker

    return Linker(kb).link(extraction)
