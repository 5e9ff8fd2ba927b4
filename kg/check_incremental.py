"""``kg check`` after a build: check only the new or changed articles, keep the others' verdicts.

The stale articles are those whose ``dip:contentDigest`` differs from the one recorded in the check
state (:mod:`kg.check_state`), or that have none recorded; when the state's identity (knowledge base,
check code) differs, every article is.  The cross-article rule reaches beyond an article, so two more
sets join them: the articles whose earlier cross-article conflict cited a claim of a changed or
deleted article, and those whose unvouched claims the stale articles' holder claims may now vouch
against (:func:`kg.cross_article.affected`: looked up in the state's index of the checked
articles' claims by title and day, which each save updates for the articles checked).  Those are checked (:func:`kg.check.check` scoped to
them), their verdict nodes in the conflicts graph replaced, the deleted articles' dropped; the
report covers every article (or the ones asked for), the unchanged ones from the state.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from rdflib import RDF

from . import check_state, concurrent_reads, cross_article, gc_pause
from .check import CheckReport, check, snapshot_date, verdict_nodes, write_conflicts
from .check_state import Verdicts
from .store import Store
from .vocab import DIP, SCHEMA


@dataclass
class Progress:
    """What an incremental check did."""

    checked: int = 0  # articles checked now
    reused: int = 0  # articles whose verdicts came from the state
    reused_verdicts: int = 0  # verdict records (conflicts, unverifiable, findings) reused
    dropped: int = 0  # deleted articles whose verdicts were dropped
    full: bool = False  # every article was checked (--all, or the identity changed)

    def line(self) -> str:
        """``check: 100 articles checked, 9,900 unchanged (1,234 verdicts reused)``."""
        why = " (all: --all or the knowledge base or check code changed)" if self.full and self.checked else ""
        dropped = f", {self.dropped:,} deleted (verdicts dropped)" if self.dropped else ""
        return (f"check: {self.checked:,} article{'s' if self.checked != 1 else ''} checked{why}, "
                f"{self.reused:,} unchanged ({self.reused_verdicts:,} verdicts reused){dropped}")


def digests(store: Store) -> dict[str, str]:
    """article id -> its content digest ("" when it has none: always checked again): what the
    ``check/article-digests`` query gives, read by three pattern lookups (10,032 articles, measured
    2026-12-06: 0.47 s, the query 0.59-1.6 s)."""
    articles = {q.subject for q in store.quads(None, RDF.type, DIP.Article)}
    ids = {q.subject: q.object.value for q in store.quads(None, SCHEMA.identifier, None) if q.subject in articles}
    digest = {q.subject: q.object.value for q in store.quads(None, DIP.contentDigest, None) if q.subject in ids}
    return {article: digest.get(node, "") for node, article in ids.items()}


def _split(report: CheckReport, ids: set[str]) -> dict[str, Verdicts]:
    out = {a: Verdicts() for a in ids}
    for c in report.conflicts:
        out.setdefault(c.article, Verdicts()).conflicts.append(c)
    for u in report.unverifiable:
        out.setdefault(u.article, Verdicts()).unverifiable.append(u)
    for u in report.not_asserted:
        out.setdefault(u.article, Verdicts()).not_asserted.append(u)
    for f in report.findings:
        out.setdefault(f.article, Verdicts()).findings.append(f)
    for a, counts in report.counts.items():
        out.setdefault(a, Verdicts()).counts = tuple(counts)
    return out


def _merge(verdicts: dict[str, Verdicts], snapshot: str) -> CheckReport:
    report = CheckReport(snapshot_date=snapshot)
    for a in sorted(verdicts):
        v = verdicts[a]
        report.conflicts += v.conflicts
        report.unverifiable += v.unverifiable
        report.not_asserted += v.not_asserted
        report.findings += v.findings
        claims, consistent, role_conflicts = v.counts
        report.claims += claims
        report.consistent += consistent
        report.role_conflicts += role_conflicts
        if claims:
            report.counts[a] = list(v.counts)
    report.conflicts.sort(key=lambda c: (c.article, c.start))
    report.unverifiable.sort(key=lambda u: (u.article, u.start))
    report.not_asserted.sort(key=lambda u: (u.article, u.start))
    report.findings.sort(key=lambda f: (f.article, f.start, f.end, f.deadline))
    return report


#: The conflict kind whose verdicts reach across articles.
_CROSS = cross_article.QUERY.rsplit("/", 1)[-1]


def _citing(state: check_state.State, changed: set[str]) -> set[str]:
    """The articles whose recorded cross-article conflicts cite a claim of a ``changed`` article
    (a lazily loaded state has read every record with a cross-article conflict)."""
    return {a for a, (_, v) in state.articles.items() if v is not None
            and any(c.kind == _CROSS and any(e.article in changed for e in c.evidence) for c in v.conflicts)}


def check_incremental(store: Store, articles: set[str] | None = None, *, full: bool = False,
                      write: bool = True, progress: bool | None = None) -> tuple[CheckReport, Progress]:
    """Check the stale articles (``full``: all), keep the others' verdicts; the report of every
    article (``articles``: of these).  ``write``: update the conflicts graph and the state."""
    try:
        return _check_incremental(store, articles, full=full, write=write, progress=progress, lazy=True)
    except check_state.StateUnreadable:  # (changed while read: read again, whole)
        return _check_incremental(store, articles, full=full, write=write, progress=progress, lazy=False)


def _check_incremental(store: Store, articles: set[str] | None, *, full: bool, write: bool,
                       progress: bool | None, lazy: bool) -> tuple[CheckReport, Progress]:
    # what the store and the state hold now, read side by side (the store's on the engine's threads);
    # of the state's verdicts only those with a cross-article conflict (which a changed article may
    # have been cited by: see _citing), the others when it is known which are needed (a report of
    # some articles needs few; a check of all, none)
    unread = check_state.with_conflict_kind(_CROSS) if lazy and not full else None
    with gc_pause.paused():  # (the state's records: tens of thousands of objects made at once)
        identity, state, current = concurrent_reads.run_all(
            [partial(check_state.identity, store), partial(check_state.load, store, lazy=unread, verdicts=not full),
             partial(digests, store)])
    done = Progress(full=full or state.identity != identity)
    if done.full:
        state = check_state.State(identity)
        stale = set(current)
    else:
        stale = {a for a, d in current.items() if not d or a not in state.articles or state.articles[a][0] != d}
    deleted = set(state.articles) - set(current)
    reported = set(current) if articles is None else set(current) & set(articles)
    own: dict = {}  # the changed articles' claim keys: looked up once, for affected() and the state
    if not done.full and (stale or deleted):
        changed = stale | deleted
        own = cross_article.keys(store, changed)
        stale |= _citing(state, changed) & set(current)
        stale |= cross_article.affected(store, changed, own) & set(current)
    # the verdicts still to read: the stale and deleted articles' (their old verdict nodes) and the
    # reported ones' (not beside the check: two threads making Python objects wait on each other's
    # GIL, measured slower than one after the other)
    with gc_pause.paused():
        check_state.fill(store, state, stale | deleted | reported)
    every_key = None  # a full check's claim keys: read while the check runs (its queries leave a core idle at times)
    if done.full:  # (the check on this thread, so that Ctrl-C stops it)
        part, every_key = concurrent_reads.run_beside(partial(check, store, None, write=False, progress=progress),
                                                      partial(cross_article.keys, store) if write else None)
    elif stale:
        part = check(store, stale, write=False, progress=progress)
    else:
        part = CheckReport(snapshot_date=snapshot_date(store))
    fresh = _split(part, stale)
    if write:
        if done.full:
            write_conflicts(store, part)
        elif stale or deleted:
            # the old verdict nodes: the recorded verdicts' (their claims may be gone from the store)
            old = {n for a in stale | deleted if a in state.articles for n in verdict_nodes(state.articles[a][1])}
            write_conflicts(store, part, articles=stale | deleted, old=old)
        if done.full:
            claims = every_key
        else:
            claims = {a: own[a] for a in stale if a in own}
            claims.update(cross_article.keys(store, stale - set(own)))
        check_state.save(store, identity, {a: (current[a], fresh[a]) for a in stale}, deleted,
                         replace_all=done.full, claims=claims)
    verdicts = {a: fresh[a] if a in fresh else state.articles[a][1] for a in current}
    if articles is not None:
        verdicts = {a: v for a, v in verdicts.items() if a in articles}
    done.checked = len(stale)
    reused = [a for a in verdicts if a not in fresh]
    done.reused, done.reused_verdicts = len(reused), sum(len(verdicts[a]) for a in reused)
    done.dropped = len(deleted)
    with gc_pause.paused():  # (its sorts make a key per record, and each few thousand a
        # full pass walked the state's records: 0.43 -> 0.09 s at 10,032 articles, cProfile, 2026-12-07)
        return _merge(verdicts, part.snapshot_date), done
