"""The check state: which articles were checked, at which content, under which knowledge base and
code, and their verdicts -- what lets ``kg check`` re-check only what changed (like a linter's cache).

One record per article: its ``dip:contentDigest`` when checked and its verdicts (the
:class:`kg.model.Conflict`, :class:`kg.check.Unverifiable` and :class:`kg.findings.Finding`
records, as JSON, and its counts of role claims); and one identity for the whole state
(:func:`identity`: the Wikidata graph's fingerprint, kg.link.index_cache, and a digest of the check
code and queries).  When the identity differs the state is void: everything is checked again.

A store on disk keeps its state in ``check-state.sqlite`` in the store directory (stdlib sqlite3,
each save one transaction; the conflicts graph is written first, so a crash between the two only
means a re-check); an in-memory store keeps it in memory, for the store object's life.

With the verdicts it keeps the checked articles' claim keys (kg.cross_article.keys: claim, title,
day, subject, vouched), indexed by title and day: the claims a new article's holder claims may be
evidence against are found by lookups (:func:`same_day`), not by a store-wide self-join of claims.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import weakref
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .cache import digest_files
from .model import Conflict, Evidence

FILE = "check-state.sqlite"
#: What the verdicts depend on besides the articles and the knowledge base (under the kg package and
#: queries/): these modules and every kg module they import but those of :data:`NOT_VERDICTS`.
CODE = ("check.py", "check_evidence.py", "check_incremental.py", "check_scope.py", "check_state.py", "conflict_kinds.py",
        "cross_article.py", "findings.py", "kb/sources.py", "lexicon.py", "model.py", "namefold.py", "queries.py",
        "sparql_bind.py", "title_vocab.py", "vocab.py", "wdqs.py", "wikidata_ids.py")
#: Modules the check code imports that decide nothing a verdict says (tests/test_check_identity.py).
NOT_VERDICTS = {
    "store.py": "the store gateway: reads and writes what it is asked",
    "store_terms.py": "the gateway's term conversions: how terms are written, as store.py",
    "concurrent_reads.py": "when the queries run, not what they answer (answers in the jobs' order)",
    "cache.py": "digests files (this identity) and names the cache folder",
    "progress.py": "progress bars on stderr",
    "errors.py": "the exception types",
    "resources.py": "finds the files shipped with kg",
    "sparql_screen.py": "screens SPARQL text (kg.queries: tells a query from an update)",
    "link/index_cache.py": "the Wikidata graph's fingerprint: already part of this identity",
    "gc_pause.py": "pauses the garbage collector",
    "kb/wikibase.py": "writes facts in the Wikidata graph's form (a load or import: the fingerprint changes)",
    "kb/records.py": "parses Wikidata's values when the knowledge base is loaded",
}
QUERY_DIRS = ("conflicts", "check", "findings", "kb")

_MEMORY: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass
class Verdicts:
    """One article's verdicts: what its part of a :class:`kg.check.CheckReport` holds."""

    conflicts: list = field(default_factory=list)
    unverifiable: list = field(default_factory=list)
    not_asserted: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    counts: tuple[int, int, int] = (0, 0, 0)  # role claims, consistent, role claims in conflict

    def __len__(self) -> int:
        return len(self.conflicts) + len(self.unverifiable) + len(self.not_asserted) + len(self.findings)

    def to_json(self) -> str:
        return json.dumps({"conflicts": [asdict(c) for c in self.conflicts],
                           "unverifiable": [asdict(u) for u in self.unverifiable],
                           "not_asserted": [asdict(u) for u in self.not_asserted],
                           "findings": [asdict(f) for f in self.findings], "counts": list(self.counts)},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Verdicts":
        from .check import Unverifiable
        from .findings import Finding

        d = json.loads(text)
        return cls(conflicts=[conflict_from_dict(c) for c in d["conflicts"]],
                   unverifiable=[Unverifiable(**u) for u in d["unverifiable"]],
                   not_asserted=[Unverifiable(**u) for u in d["not_asserted"]],
                   findings=[Finding(**f) for f in d["findings"]], counts=tuple(d["counts"]))


def conflict_from_dict(d: dict) -> Conflict:
    """The :class:`Conflict` ``dataclasses.asdict`` gave ``d`` (its evidence records and offsets as tuples again)."""
    evidence = tuple(Evidence(**{**e, "chars": tuple(e["chars"]) if e.get("chars") is not None else None})
                     for e in d.get("evidence", ()))
    return Conflict(**{**d, "evidence": evidence})


class StateUnreadable(Exception):
    """The check state could not be read part way through a check (its message says what to do)."""


#: A claim's cross-article keys: (claim IRI, title IRI, day, subject IRI, vouched: Wikidata lists
#: the person in an office the title denotes, so the claim is never the one reported).
ClaimKey = tuple[str, str, str, str, bool]


@dataclass
class State:
    identity: str = ""
    #: article id -> (content digest when checked, its verdicts; None: not read yet, see :func:`fill`)
    articles: dict[str, tuple[str, Verdicts | None]] = field(default_factory=dict)
    #: article id -> its claims' keys (kept in memory only for an in-memory store; on disk: sqlite)
    claims: dict[str, list[ClaimKey]] = field(default_factory=dict)


def identity(store) -> str:
    """What every verdict depends on beyond its article: the store's Wikidata graph (its fingerprint,
    kg.link.index_cache: sources, size, fetches, kg's version) and the check's code and queries."""
    from .link.index_cache import fingerprint
    from .resources import resource_dir

    digest = hashlib.sha256(fingerprint(store).encode())
    root = Path(__file__).resolve().parent
    files = [root / name for name in CODE]
    queries = resource_dir("queries")
    for name in QUERY_DIRS:
        files += sorted((Path(queries) / name).rglob("*.rq"))
    digest_files(digest, ((path.name, path) for path in files))
    return digest.hexdigest()


def _path(store) -> Path | None:
    return None if store.path is None else store.path / FILE


#: The claim index's columns (kg.cross_article.keys' records and their article).
_CLAIM_COLUMNS = {"article": "TEXT", "claim": "TEXT", "title": "TEXT", "day": "TEXT", "subject": "TEXT",
                  "vouched": "INTEGER"}


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, digest TEXT NOT NULL, "
               "verdicts TEXT NOT NULL)")
    columns = [row[1] for row in db.execute("PRAGMA table_info(claims)")]
    if columns and columns != list(_CLAIM_COLUMNS):  # written by another kg version: void, re-checked
        with db:
            db.execute("DROP TABLE claims")
            db.execute("DELETE FROM meta WHERE key = 'identity'")
    db.execute(f"CREATE TABLE IF NOT EXISTS claims ({', '.join(f'{c} {t} NOT NULL' for c, t in _CLAIM_COLUMNS.items())})")
    db.execute("CREATE INDEX IF NOT EXISTS claims_by_key ON claims (title, day)")
    db.execute("CREATE INDEX IF NOT EXISTS claims_by_article ON claims (article)")
    return db


def with_conflict_kind(kind: str) -> str:
    """The text a record's verdicts hold when it has a conflict of ``kind`` (for :func:`load`'s ``lazy``)."""
    return json.dumps({"kind": kind})[1:-1]  # as Verdicts.to_json writes it: '"kind": "cross-article"'


def load(store, *, lazy: str | None = None, verdicts: bool = True) -> State:
    """The store's check state (an empty one when there is none or it cannot be read).  ``lazy``:
    read the verdicts only of the records whose verdicts hold this text (:func:`with_conflict_kind`);
    the others' are None until :func:`fill` reads them -- a check reporting on a few articles of a
    large store need not read every article's verdicts (an in-memory store's are all there).
    ``verdicts`` False: none (a check of every article: the records' ids and digests only)."""
    path = _path(store)
    if path is None:
        state = _MEMORY.get(store)
        return State(state.identity, dict(state.articles), dict(state.claims)) if state else State()
    if not path.exists():
        return State()
    try:
        db = _connect(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if not verdicts:
                rows = db.execute("SELECT id, digest, NULL FROM articles")
            elif lazy is None:
                rows = db.execute("SELECT id, digest, verdicts FROM articles")
            else:
                rows = db.execute("SELECT id, digest, CASE WHEN instr(verdicts, ?) > 0 THEN verdicts END FROM articles",
                                  (lazy,))
            articles = {a: (d, None if v is None else Verdicts.from_json(v)) for a, d, v in rows}
        finally:
            db.close()
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return State()  # unreadable: everything is checked again
    return State(meta.get("identity", ""), articles)


def fill(store, state: State, ids: Iterable[str]) -> None:
    """Read the verdicts :func:`load` left unread of these articles (those the state records);
    :class:`StateUnreadable` when the state cannot be read now or changed since the load (a record
    lost or saved again, another identity: another process checked meanwhile)."""
    wanted = sorted(a for a in set(ids) if a in state.articles and state.articles[a][1] is None)
    path = _path(store)
    if not wanted or path is None:
        return
    try:
        db = _connect(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            rows = db.execute("SELECT id, digest, verdicts FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                              (json.dumps(wanted),))
            changed = meta.get("identity", "") != state.identity
            for a, d, v in rows:
                if d != state.articles[a][0]:
                    changed = True
                    break
                state.articles[a] = (d, Verdicts.from_json(v))
        finally:
            db.close()
    except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        raise StateUnreadable(f"the check state {path} could not be read ({exc}); run `kg check --all`") from exc
    if changed:
        raise StateUnreadable(f"the check state {path} changed while it was read (another check saved it); "
                              "run `kg check` again")
    missing = [a for a in wanted if state.articles[a][1] is None]
    if missing:  # deleted by another process between load and fill
        raise StateUnreadable(f"the check state {path} changed while it was read ({len(missing)} records gone); "
                              "run `kg check` again")


def save(store, identity_: str, checked: dict[str, tuple[str, Verdicts]], dropped: set[str], *,
         replace_all: bool = False, claims: dict[str, list[ClaimKey]] | None = None) -> None:
    """Record ``checked`` (article -> (digest, verdicts)) and their ``claims`` keys (article -> keys;
    a checked article missing from it has none), forget ``dropped``, under ``identity_``, in one
    transaction (``replace_all``: the records are all there are).  A read-only store keeps no state."""
    claims = claims or {}
    path = _path(store)
    if path is None:
        state = _MEMORY.get(store)
        if state is None or replace_all or state.identity != identity_:
            state = _MEMORY[store] = State(identity_)
        state.identity = identity_
        for a in dropped:
            state.articles.pop(a, None)
            state.claims.pop(a, None)
        state.articles.update(checked)
        state.claims.update({a: list(claims.get(a, ())) for a in checked})
        return
    if getattr(store, "read_only", False):
        return
    db = _connect(path)
    try:
        with db:
            if replace_all:
                db.execute("DELETE FROM articles")
                db.execute("DELETE FROM claims")
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('identity', ?)", (identity_,))
            gone = [(a,) for a in sorted(dropped | set(checked))]
            db.executemany("DELETE FROM articles WHERE id = ?", [(a,) for a in sorted(dropped)])
            db.executemany("DELETE FROM claims WHERE article = ?", gone)
            db.executemany("INSERT OR REPLACE INTO articles (id, digest, verdicts) VALUES (?, ?, ?)",
                           [(a, d, v.to_json()) for a, (d, v) in sorted(checked.items())])
            db.executemany("INSERT INTO claims (article, claim, title, day, subject, vouched) VALUES (?, ?, ?, ?, ?, ?)",
                           [(a, *key[:4], int(key[4])) for a in sorted(checked) for key in sorted(claims.get(a, ()))])
    finally:
        db.close()


def forget(store, articles: set[str]) -> None:
    """Mark these articles' records stale (built again under an unchanged digest, ``kg build
    --rebuild``): the next incremental check checks them, their recorded verdicts naming the
    verdict nodes to replace (the new build's claims may differ from those they were about)."""
    if not articles:
        return
    path = _path(store)
    if path is None:
        state = _MEMORY.get(store)
        for a in articles & set(state.articles) if state else ():
            state.articles[a] = ("", state.articles[a][1])
        return
    if getattr(store, "read_only", False) or not path.exists():
        return
    db = _connect(path)
    try:
        with db:
            db.executemany("UPDATE articles SET digest = '' WHERE id = ?", [(a,) for a in sorted(articles)])
    finally:
        db.close()


def same_day(store, keys: Iterable[tuple[str, str, str]]) -> set[tuple[str, str]]:
    """The recorded claims not vouched for with the title and day of one of ``keys`` ((title, day,
    subject)) and another subject, as (claim, article): those a claim with these keys may be
    cross-article evidence against (a superset: kg.cross_article.affected runs the query from them)."""
    wanted: dict[tuple[str, str], set[str]] = {}
    for title, day, subject in keys:
        wanted.setdefault((title, day), set()).add(subject)
    if not wanted:
        return set()
    path = _path(store)
    if path is None:
        state = _MEMORY.get(store)
        rows = ((a, *key) for a, keys_ in (state.claims.items() if state else ()) for key in keys_)
        return {(claim, a) for a, claim, title, day, subject, vouched in rows
                if not vouched and wanted.get((title, day), {subject}) - {subject}}
    if not path.exists():
        return set()
    db = _connect(path)
    try:
        found = set()
        for (title, day), subjects in sorted(wanted.items()):
            for claim, a, subject in db.execute("SELECT claim, article, subject FROM claims "
                                                "WHERE title = ? AND day = ? AND vouched = 0", (title, day)):
                if subjects - {subject}:
                    found.add((claim, a))
        return found
    finally:
        db.close()
