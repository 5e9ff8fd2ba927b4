"""What every linker answers with when it does not link: the NER label's kind and an unlinked Link."""

from __future__ import annotations

from ..model import Link, Mention

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
    """A NIL decision for ``mention``, with its reason."""
    return Link(mention=mention, qid=None, kind=kind_of_label(mention.label), score=0.0,
                method=f"unlinked: {reason}", label=mention.text)
