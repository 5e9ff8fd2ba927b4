"""Scoring kg's output against hand-annotated gold: links (and, later, roles and conflicts).

Used by ``bench/`` and the tests, so that both report the same figure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .model import Link


def read_jsonl(path: str | Path) -> list[dict]:
    """The non-empty lines of a JSONL file, parsed."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class LinkScore:
    total: int = 0
    correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def score_links(gold: Iterable[dict], links: Iterable[Link]) -> LinkScore:
    """Linking accuracy: a gold mention (``article, start, end, qid|null``) is correct when kg
    has a mention overlapping it whose link equals the gold one (unlinked = null); a gold
    mention kg did not find counts as wrong."""
    by_article: dict[str, list[Link]] = {}
    for link in links:
        by_article.setdefault(link.mention.article_id, []).append(link)
    score = LinkScore()
    for g in gold:
        score.total += 1
        hits = [l for l in by_article.get(g["article"], ())
                if l.mention.start < g["end"] and g["start"] < l.mention.end]
        got = hits[0].qid if hits else "MISSED"
        if got == g["qid"]:
            score.correct += 1
        else:
            score.errors.append(f"{g['article']} {g['start']}-{g['end']} {g['surface']!r}: gold {g['qid']}, kg {got}")
    return score
