"""Named SPARQL queries: ``queries/**/*.rq``, one per file, each with a header.

Header lines at the top of each file::

    # name: persons
    # params: none
    # returns: ?person ?label ?mention ?start ?end
    # Every person mentioned, with the offsets of each mention.

A query takes the modifier words it tests from kg.lexicon, the one vocabulary, rather than
restating them: ``{{UNDATED_MODIFIERS}}`` in a file becomes the set's words as SPARQL strings
(``"acting", "caretaker", ...``, for an ``IN (...)`` list) and ``{{PROVISIONAL_MODIFIERS|}}`` the words
joined by ``|`` (for a REGEX alternation), sorted, when the file is loaded.  Any ``*MODIFIERS`` set
of kg.lexicon may be named; another name is an error.

A conflict query also marks the claims a check of some articles restricts, with a triple pattern
that finds them: ``{{CHECKED ?claim a dip:RoleClaim}}`` where the checked claim is bound,
``{{CITED ?statement a dip:RoleClaim}}`` where a claim of another article it cites is; and
``{{LATERAL}} ... {{/LATERAL}}`` around patterns to evaluate once per row of what precedes them
when scoped.  In the
query's ``text`` (what ``kg query`` runs, standard SPARQL) every marker is nothing: the query
covers the store.  :meth:`NamedQuery.scoped` writes the marked role's pattern in on the scope graph
(``GRAPH <g> { ?claim a dip:RoleClaim }``, which kg.check_scope fills with the articles' triples
of that pattern) and the LATERAL markers as Oxigraph's ``LATERAL { ... }``: from the few scoped
rows the group is looked up per row, where a join would read it store-wide.  (Store-wide the
patterns stay in the enclosing group, which the engine joins faster than a LATERAL per row.)
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from pathlib import Path

from . import lexicon
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
    template: str = ""  # the text with its scope markers ({{CHECKED ?claim}}, {{CITED ?statement}})

    @property
    def is_update(self) -> bool:
        """Whether the file is a SPARQL Update (kg's own, run by ``Store.update``), not a query: its first
        word after the prologue (found by lexing, comments skipped) is not SELECT, CONSTRUCT, ASK or DESCRIBE."""
        for tok in tokens(self.text):
            if tok.kind == "word" and tok.upper not in ("PREFIX", "BASE"):
                return tok.upper not in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
        return False

    @property
    def roles(self) -> frozenset[str]:
        """The scope roles the query marks (``checked``, ``cited``)."""
        return frozenset(m.group(1).lower() for m in _SCOPE.finditer(self.template))

    def scope_patterns(self, role: str = "checked") -> list[tuple[str, str | None]]:
        """The (predicate IRI, object IRI or None) of each pattern marked with ``role``: what the scope
        graph must hold of the checked articles (kg.check_scope)."""
        return [(_iri(m.group(3)), None if m.group(4).startswith("?") else _iri(m.group(4)))
                for m in _SCOPE.finditer(self.template) if m.group(1).lower() == role]

    def scoped(self, graph: str, role: str | tuple[str, ...] = "checked") -> str:
        """The query restricted to the nodes of ``graph`` where ``role`` (one, or a tuple of roles) is
        marked (each marked pattern read in that graph, ``{{LATERAL}}`` as LATERAL when the checked
        role is scoped); the other markers are nothing.  A query without a role marked is refused:
        it would silently cover the whole store."""
        roles = (role,) if isinstance(role, str) else tuple(role)
        for r in roles:
            if r not in self.roles:
                raise QueryError(f"{self.name}: no {{{{{r.upper()} ?var ...}}}} marker to scope")
        text = _SCOPE.sub(lambda m: f"GRAPH <{graph}> {{ ?{m.group(2)} {m.group(3)} {m.group(4)} }}"
                          if m.group(1).lower() in roles else "", self.template)
        return _LATERAL.sub(lambda m: ("}" if m.group(1) else "LATERAL {") if "checked" in roles else "", text)


def _iri(term: str) -> str:
    """The IRI of a marker's term: ``a`` (rdf:type) or a prefixed name of kg.vocab.PREFIXES."""
    from .vocab import PREFIXES

    if term == "a":
        return PREFIXES["rdf"] + "type"
    prefix, _, local = term.partition(":")
    if prefix not in PREFIXES or not local:
        raise QueryError(f"scope marker: {term!r} is not a prefixed name of kg.vocab.PREFIXES")
    return PREFIXES[prefix] + local


_PLACEHOLDER = re.compile(r"\{\{(?!/?LATERAL\}\})([A-Z_]+)(\|?)\}\}")
#: {{CHECKED ?var predicate object}}: the marked node, and the pattern that finds it in the scope graph
_SCOPE = re.compile(r"\{\{(CHECKED|CITED) \?([A-Za-z_][A-Za-z0-9_]*) (a|[a-z]+:[A-Za-z][\w-]*) "
                    r"(\?[A-Za-z_][A-Za-z0-9_]*|[a-z]+:[A-Za-z][\w-]*)\}\}")
_LATERAL = re.compile(r"\{\{(/?)LATERAL\}\}")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def vocabulary(name: str) -> frozenset[str]:
    """The kg.lexicon modifier set a placeholder names (``UNDATED_MODIFIERS``)."""
    words = getattr(lexicon, name, None) if name.endswith("MODIFIERS") else None
    if not isinstance(words, frozenset):
        raise QueryError(f"{{{{{name}}}}}: not a modifier vocabulary of kg.lexicon")
    return words


def expand(text: str, where: str = "query") -> str:
    """``text`` with each ``{{NAME}}`` (quoted, comma-separated) and ``{{NAME|}}`` (``|``-joined)
    replaced by the words of ``kg.lexicon.NAME``, sorted."""
    def words(match: re.Match) -> str:
        try:
            listed = sorted(vocabulary(match.group(1)))
        except QueryError as exc:
            raise QueryError(f"{where}: {exc}") from None
        bad = [w for w in listed if not _WORD.fullmatch(w)]
        if bad:  # neither a string nor a regex needs escaping for these words; others are not expected
            raise QueryError(f"{where}: {match.group(1)} has words a query cannot take as they are: {bad}")
        return "|".join(listed) if match.group(2) else ", ".join(f'"{w}"' for w in listed)
    return _PLACEHOLDER.sub(words, text)


def _parse(name: str, path: Path) -> NamedQuery:
    template = expand(path.read_text(encoding="utf-8"), str(path))
    text = _LATERAL.sub("", _SCOPE.sub("", template))
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
        template=template,
    )


_PARSED: dict[tuple[Path, int, int], NamedQuery] = {}  # (path, mtime_ns, size) -> its query


def catalogue(root: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name.  A file is parsed again only when it changed (its modification
    time or size): a check asks for a query per claim, and reading every file each time cost more
    than some of the queries."""
    base = root or resource_dir("queries")
    return {(name := path.relative_to(base).with_suffix("").as_posix()): _cached(name, path)
            for path in sorted(base.rglob("*.rq"))}


def _cached(name: str, path: Path) -> NamedQuery:
    st = path.stat()
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _PARSED:
        _PARSED[key] = _parse(name, path)
    return _PARSED[key]


def named(name: str, root: Path | None = None) -> NamedQuery | None:
    """The query of exactly this name (``kb/label``), None when there is none: a name is its file,
    read without walking every query file (a check asks per claim; names leaving the folder are refused)."""
    base = root or resource_dir("queries")
    if all(part not in ("", ".", "..") for part in name.split("/")) and (base / f"{name}.rq").is_file():
        return _cached(name, base / f"{name}.rq")
    return None


def get(name: str, root: Path | None = None) -> NamedQuery:
    """A named query (``persons``, ``conflicts/wrong-name``) or a ``.rq`` file path."""
    if name.endswith(".rq") or "/" in name and Path(name).is_file():
        path = Path(name)
        if path.is_dir():
            raise QueryError(f"{name}: is a directory, not a query file; give a .rq file")
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
        return _parse(path.stem, path)
    found = named(name, root)
    if found is not None:
        return found
    queries = catalogue(root)
    if name in queries:
        return queries[name]
    matches = [q for n, q in queries.items() if n.rsplit("/", 1)[-1] == name]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(sorted(queries))
    raise QueryError(f"no query named {name!r}; known queries: {known} (or pass a .rq file or - for stdin)")
