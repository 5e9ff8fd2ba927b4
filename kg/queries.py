"""Named SPARQL queries: ``queries/**/*.rq``, one per file, each with a header.

Header lines at the top of each file::

    # name: persons
    # params: none
    # returns: ?person ?label ?mention ?start ?end
    # Every person mentioned, with the offsets of each mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError
from .resources import resource_dir
from .sparql_screen import tokens


@dataclass(frozen=True)
class NamedQuery:
    name: str  # path under queries/ without .rq, e.g. "persons" or "conflicts/wrong-name"
    path: Path
    text: str
    params: tuple[str, ...]
    returns: str
    description: str

    @property
    def is_update(self) -> bool:
        """Whether the file is a SPARQL Update (kg's own, run by ``Store.update``), not a query: its first
        word after the prologue (found by lexing, comments skipped) is not SELECT, CONSTRUCT, ASK or DESCRIBE."""
        for tok in tokens(self.text):
            if tok.kind == "word" and tok.upper not in ("PREFIX", "BASE"):
                return tok.upper not in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
        return False


def _parse(name: str, path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    description: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        key, sep, value = body.partition(":")
        if sep and key.strip() in {"name", "params", "returns"}:
            fields[key.strip()] = value.strip()
        elif body:
            description.append(body)
    params = tuple(
        p.strip().lstrip("?").split()[0]
        for p in fields.get("params", "").split(",")
        if p.strip() and p.strip().lower() != "none"
    )
    return NamedQuery(
        name=name,
        path=path,
        text=text,
        params=params,
        returns=fields.get("returns", ""),
        description=" ".join(description),
    )


_PARSED: dict[tuple[Path, int, int], NamedQuery] = {}  # (path, mtime_ns, size) -> its query


def catalogue(root: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name.  A file is parsed again only when it changed (its modification
    time or size): a check asks for a query per claim, and reading every file each time cost more
    than some of the queries."""
    base = root or resource_dir("queries")
    out = {}
    for path in sorted(base.rglob("*.rq")):
        name = path.relative_to(base).with_suffix("").as_posix()
        st = path.stat()
        key = (path, st.st_mtime_ns, st.st_size)
        if key not in _PARSED:
            _PARSED[key] = _parse(name, path)
        out[name] = _PARSED[key]
    return out


def get(name: str, root: Path | None = None) -> NamedQuery:
    """A named query (``persons``, ``conflicts/wrong-name``) or a ``.rq`` file path."""
    if name.endswith(".rq") or "/" in name and Path(name).is_file():
        path = Path(name)
        if path.is_dir():
            raise QueryError(f"{name}: is a directory, not a query file; give a .rq file")
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
        return _parse(path.stem, path)
    queries = catalogue(root)
    if name in queries:
        return queries[name]
    matches = [q for n, q in queries.items() if n.rsplit("/", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(sorted(queries))
    raise QueryError(f"no query named {name!r}; known queries: {known} (or pass a .rq file or - for stdin)")
