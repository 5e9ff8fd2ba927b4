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


@dataclass
class PRScore:
    """Precision/recall of predicted items against gold items."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _role_fields(role) -> dict:
    """The fields of a resolved role claim (:class:`kg.model.RoleLink`) that gold role lines carry."""
    c = role.claim
    return {"article": c.article_id, "start": c.start, "end": c.end, "surface": "",
            "person_qid": role.person.qid, "position_qid": role.position, "claim_date": c.claim_date,
            "modifiers": sorted(c.modifiers)}


def score_roles(gold: Iterable[dict], roles: Iterable) -> dict[str, PRScore]:
    """Role claims against gold lines; two figures:

    ``span``: a predicted claim matches a gold one when their spans overlap;
    ``full``: and the person, the position and the claim date are the gold ones too.
    Each gold line is matched at most once.
    """
    gold = list(gold)
    predicted = [_role_fields(r) for r in roles]
    out = {}
    for level in ("span", "full"):
        score = PRScore(gold=len(gold), predicted=len(predicted))
        used: set[int] = set()
        for p in predicted:
            for i, g in enumerate(gold):
                if i in used or g["article"] != p["article"] or not (p["start"] < g["end"] and g["start"] < p["end"]):
                    continue
                if level == "full":
                    wrong = [k for k in ("person_qid", "position_qid", "claim_date") if p[k] != g[k]]
                    if wrong:
                        score.errors.append(f"{g['article']} {g['surface']!r}: " + ", ".join(
                            f"{k} gold {g[k]} kg {p[k]}" for k in wrong))
                        continue
                used.add(i)
                score.matched += 1
                break
            else:
                if level == "span":
                    score.errors.append(f"{p['article']} {p['start']}-{p['end']}: not in the gold")
        for i, g in enumerate(gold):
            if i not in used and level == "span":
                score.errors.append(f"{g['article']} {g['surface']!r}: missed")
        out[level] = score
    return out


def score_events(gold: Iterable[dict], events: Iterable) -> dict[str, PRScore]:
    """Events (:class:`kg.model.EventClaim`) against gold lines, per type and ``all``:
    a predicted event matches a gold one of the same type whose trigger it overlaps."""
    from .model import EVENT_TYPES

    gold = list(gold)
    events = list(events)
    out = {}
    for kind in EVENT_TYPES + ("all",):
        g_items = [g for g in gold if kind in ("all", g["type"])]
        p_items = [e for e in events if kind in ("all", e.type)]
        score = PRScore(gold=len(g_items), predicted=len(p_items))
        used: set[int] = set()
        for e in p_items:
            for i, g in enumerate(g_items):
                if i not in used and g["article"] == e.article_id and g["type"] == e.type \
                        and e.trigger_start < g["end"] and g["start"] < e.trigger_end:
                    used.add(i)
                    score.matched += 1
                    break
            else:
                score.errors.append(f"{e.article_id} {e.type} {e.trigger!r} at {e.trigger_start}: not in the gold")
        score.errors += [f"{g['article']} {g['type']} {g['trigger']!r} at {g['start']}: missed"
                         for i, g in enumerate(g_items) if i not in used]
        out[kind] = score
    return out


@dataclass
class ConflictScore(PRScore):
    typed: int = 0  # matched pairs whose kind is the gold one

    @property
    def type_accuracy(self) -> float:
        return self.typed / self.matched if self.matched else 0.0

    def line(self) -> str:
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"type_acc={self.type_accuracy:.3f} (gold={self.gold} reported={self.predicted} tp={self.matched})")


def score_conflicts(gold: Iterable[dict], reported: Iterable[dict], *, strict_type: bool = False) -> ConflictScore:
    """Reported conflict records (``article, start, end, type``) against gold ones: a report
    matches an unused gold conflict of the same article whose span it overlaps (and, with
    ``strict_type``, of the same type) -- the rule of ../shared/eval/score_conflicts.py."""
    gold = list(gold)
    reported = list(reported)
    score = ConflictScore(gold=len(gold), predicted=len(reported))
    used: set[int] = set()
    for r in reported:
        for i, g in enumerate(gold):
            if i in used or g["article"] != r["article"] or not (int(r["start"]) < g["end"] and g["start"] < int(r["end"])):
                continue
            if strict_type and r["type"] != g["type"]:
                continue
            used.add(i)
            score.matched += 1
            score.typed += r["type"] == g["type"]
            break
        else:
            score.errors.append(f"FP\t{r['article']}\t{r['type']}\t{r.get('surface', '')!r}")
    score.errors += [f"FN\t{g['article']}\t{g['type']}\t{g.get('surface', '')!r}" for i, g in enumerate(gold) if i not in used]
    return score
