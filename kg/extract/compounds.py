"""Entity spans that are really two names, or one name with a prefix.

News writes relations between countries as compounds: "U.S.-Russia talks",
"U.S.-Russian tensions", "US–China", even "USRussia" when a dash was lost on
the way; and attitudes as prefixes: "non-NATO countries", "pro-Russian
separatists".  The statistical model tags such a token as one entity (or none).
kg splits a compound into its parts when *every* part is a name it knows (a
country, a country adjective or an organisation), and strips the prefix so the
rest can be linked.  Anything else is left as the model tagged it.
"""

from __future__ import annotations

import re
from typing import Callable

#: Prefixes in front of a name: "non-NATO", "pro-Russian", "anti-American".
_PREFIX = re.compile(r"^(?:non|pro|anti|post|pre)[-–‐]", re.IGNORECASE)
#: Where a compound breaks: a dash or slash, or a lost dash between an acronym and a name ("USRussia").
_BREAK = re.compile(r"[-–‐/]|(?<=[A-Z])(?=[A-Z][a-z])")

#: part text -> NER label (GPE, NORP, ORG) of a name kg knows, else None.
KindOf = Callable[[str], "str | None"]


def strip_prefix(text: str) -> int:
    """Length of a leading "non-"/"pro-"/... prefix of ``text`` (0 when there is none)."""
    m = _PREFIX.match(text)
    return m.end() if m and len(text) > m.end() and text[m.end()].isupper() else 0


def split_compound(text: str, kind_of: KindOf) -> list[tuple[int, int, str]] | None:
    """``[(start, end, label), ...]`` offsets into ``text`` of its known parts, or None.

    None unless there are at least two parts and each is a known name.
    """
    bounds = [0]
    for m in _BREAK.finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    if len(bounds) < 4:
        return None
    parts = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        part = text[start:end]
        label = kind_of(part) if part[:1].isupper() else None
        if label is None:
            return None
        parts.append((start, end, label))
    return parts
