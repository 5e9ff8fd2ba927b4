"""The office-title vocabulary, generated from the knowledge base's positions.

Every word of the labels, aliases and short titles of the positions that have a holder in the
snapshot, less the words of country and place names (those are the title's
country, read apart) and function words, is a *title word*; the word a title is headed by (the
last word, or the word before "of"/"for"/"to": "Foreign **Minister**", "**Minister** of Foreign
Affairs") is a *head* when at least :data:`MIN_HEAD` titles are headed by it.  The result is
written to ``kg/title_vocab.py`` (``python -m kg.link.vocab``), so that extraction, which has no
knowledge base, reads it without loading one; ``tests/test_title_vocab.py`` checks the file is
what the embedded snapshot gives.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "title_vocab.py"
MIN_HEAD = 5
_FUNCTION = frozenset("of for to the and at in on a an by with without from de del la le des du et y & s".split())
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
#: Words that end a title phrase but name no one ("Minister without Portfolio", "Minister
#: responsible for ...", "Ministry of ..."): never heads.
_NOT_HEADS = frozenset({"portfolio", "responsible", "ministry"})


def generate(kb) -> tuple[list[str], list[str]]:
    """(heads, title words), sorted."""
    place_words: set[str] = set()
    for e in kb:
        if e.kind in {"Country", "Place"}:
            for n in e.names:
                place_words.update(_WORD.findall(n.lower()))
    words: set[str] = set()
    heads: Counter[str] = Counter()
    for p in kb.positions():
        if not kb.holders(p.qid):
            continue
        for name in p.names:
            ws = _WORD.findall(name.lower())
            if not ws:
                continue
            cut = next((i for i, w in enumerate(ws) if w in {"of", "for", "to"}), len(ws))
            if cut:
                heads[ws[cut - 1]] += 1
            for w in ws:  # spaCy splits "vice-president": keep the parts too
                for part in {w, *w.split("-")}:
                    if part not in _FUNCTION and part not in place_words and len(part) > 1:
                        words.add(part)
    head_set = {h for h, n in heads.items() if n >= MIN_HEAD and h in words and h not in _NOT_HEADS}
    return sorted(head_set), sorted(words)


def render(heads: list[str], words: list[str]) -> str:
    def block(items: list[str]) -> str:
        lines, line = [], ""
        for w in items:
            if len(line) + len(w) + 1 > 96:
                lines.append(line)
                line = ""
            line = f"{line} {w}" if line else w
        lines.append(line)
        return "\n".join(lines)

    return (
        '"""Office-title words generated from the snapshot\'s positions by ``python -m kg.link.vocab``:\n'
        'do not edit by hand (see kg/link/vocab.py)."""\n\n'
        f'GENERATED_HEADS = frozenset("""\n{block(heads)}\n""".split())\n\n'
        f'GENERATED_TITLE_WORDS = frozenset("""\n{block(words)}\n""".split())\n'
    )


def main() -> None:
    from kg.kb.index import KnowledgeBase

    text = render(*generate(KnowledgeBase.from_snapshot()))
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
