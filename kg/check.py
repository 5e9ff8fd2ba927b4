"""Conflict detection: run ``queries/conflicts/*.rq``, explain each hit, store and report.

Each query finds the claims of one kind; this module adds what a reader needs
(the sentence, what Wikidata says with dates, who held the office then),
keeps one conflict per claim (the most specific kind), and writes them to the
conflicts named graph so they can be queried from the endpoint.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import partial
from dataclasses import dataclass, field, replace

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from . import check_scope, concurrent_reads, conflict_kinds, queries
from .check_evidence import CachedReads, claim_row, claimed, evidence_of, label
from .conflict_kinds import ConflictKind
from .lexicon import UNDATED_MODIFIERS
from .model import Conflict
from .findings import ANACHRONISM, anachronisms
from .store import Store
from .kb import sources as kb_sources
from .vocab import CONFLICTS_GRAPH, DIP, KG, WIKIDATA_GRAPH

#: The built-in conflict kinds' names in precedence order (the registry: kg/conflict_kinds.py).
KINDS = conflict_kinds.names()


#: Why a claim cannot be checked, in the order the reasons are tried.
UNVERIFIABLE = {
    "person-unknown": "Wikidata (this snapshot) does not know the person",
    "no-offices": "Wikidata lists no offices for the person",
    "office-unknown": "no office in Wikidata has this title (for this country)",
    "no-date": "the claim has no date",
    "after-snapshot": "the claim's date is after the snapshot",
    "no-statement": "no Wikidata statement supports it: the person is not listed in an office this title "
                    "denotes on the claim's date (nor does a conflict rule apply)",
}
#: Claims not checked because of their reading (kg.extract.reading): they do not assert tenure on a date.
NOT_ASSERTED = {
    "address": "a form of address (vocative, speaker label, courtesy title), not a statement that the person holds the office",
    "hypothetical": "a hypothetical, prospective or candidate role, not one held",
    "negated": "the text denies the role",
    "historical": "the clause speaks of an earlier time it does not give",
}


@dataclass(frozen=True)
class Unverifiable:
    """A role claim kg could not check, and why (a key of UNVERIFIABLE)."""

    claim: str
    article: str
    start: int
    end: int
    surface: str
    sentence: str
    subject: str
    claim_date: str
    reason: str
    reading: str = ""
    reading_evidence: str = ""
    speaker: str = ""

    @property
    def explanation(self) -> str:
        if self.reason in NOT_ASSERTED:
            return f"not checked: {NOT_ASSERTED[self.reason]}" + (f" ({self.reading_evidence})" if self.reading_evidence else "")
        return UNVERIFIABLE[self.reason]

    def to_dict(self) -> dict:
        """The record ``kg check --format jsonl --unverifiable`` writes: ``type: unverifiable``, or
        ``type: not-checked`` for a claim not checked because of its reading."""
        record = {"article": self.article, "start": self.start, "end": self.end,
                  "type": "not-checked" if self.reason in NOT_ASSERTED else "unverifiable",
                  "reason": self.reason, "explanation": self.explanation, "subject": self.subject,
                  "claim_date": self.claim_date, "surface": self.surface, "sentence": self.sentence,
                  "reading": self.reading or "asserted"}
        if self.speaker:
            record["speaker"] = self.speaker
        return record


@dataclass
class CheckReport:
    conflicts: list[Conflict] = field(default_factory=list)
    snapshot_date: str = ""
    unverifiable: list[Unverifiable] = field(default_factory=list)
    claims: int = 0  # role claims looked at
    consistent: int = 0  # checked, no conflict, and a Wikidata statement supports it
    role_conflicts: int = 0  # role claims in conflict (the other conflicts are about memberships)
    findings: list = field(default_factory=list)  # kg.findings.Finding: the text contradicting itself
    #: claims not checked because of their reading (address, hypothetical, negated, undated historical)
    not_asserted: list[Unverifiable] = field(default_factory=list)
    #: per article: [role claims, consistent, role claims in conflict] (what kg.check_state keeps)
    counts: dict[str, list[int]] = field(default_factory=dict)

    @property
    def not_checked(self) -> int:
        """Claims not checked: those not asserted (see ``not_asserted``) and provisional ones ("acting")."""
        return self.claims - self.consistent - self.role_conflicts - len(self.unverifiable)

    @property
    def provisional(self) -> int:
        """Provisional claims ("acting", "interim", "caretaker"): no tenure of their own to check."""
        return self.not_checked - len(self.not_asserted)


def snapshot_date(store: Store) -> str:
    """The date of the store's newest Wikidata source."""
    rows = store.select(queries.get("kb/snapshot-date").text,
                        default_graph=[WIKIDATA_GRAPH, URIRef(kb_sources.SOURCES_GRAPH)])  # the newest source
    return rows[0]["d"] if rows else ""


#: A check of some articles runs each query over the whole store and keeps their claims' rows:
#: measured 2026-12-04 on 1,026 replicated dev articles (100 of them checked), the store-wide queries
#: took 0.6-1.8 s each against 2-7 s with a VALUES list of the articles' claims, and the whole check
#: 70.9 s when each query ran over the articles' own graphs ten at a time (a default graph of k
#: graphs makes the engine look each pattern up k times) -- since the queries take one step per
#: EXISTS group (queries/conflicts/out-of-term.rq) a store-wide run is the cheap one.  What a
#: check of some articles saves is the evidence, the explanations and the writing of the others.


#: The queries a check runs besides the conflict kinds' (scoped like them).
_PER_CLAIM = ("check/role-claims", "check/supported", ANACHRONISM.query)


def check(store: Store, articles: set[str] | None = None, *, write: bool = True,
          progress: bool | None = None) -> CheckReport:
    """Run every conflict query; keep one conflict per claim; write the conflicts graph.

    ``articles``: check only these articles' claims (the queries' rows of their claims; the
    cross-article one against every article's holder claims) and update their verdicts in the conflicts graph, keeping the others'; None: the whole
    store, its conflicts graph replaced.

    ``progress``: bars on stderr of the conflict queries run, then of the conflicts explained
    (:mod:`kg.progress`; None: only on a terminal)."""
    from .progress import bar

    snapshot = snapshot_date(store)
    as_of = kb_sources.subject_dates(store)  # per person: the newest Wikidata source covering them
    catalogue = queries.catalogue()
    found: dict[str, tuple[ConflictKind, list[dict]]] = {}
    report = CheckReport(snapshot_date=snapshot)
    # some articles: the queries start from their nodes (kg.check_scope); a store opened read-only
    # cannot hold the scope graph, so its queries run store-wide and the rows are filtered below
    scoped = articles is not None and not store.read_only
    kinds = [kind for kind in conflict_kinds.kinds() if kind.query in catalogue]
    run = [kind.query for kind in kinds] + list(_PER_CLAIM)
    with check_scope.scope(store, articles, check_scope.patterns(run)) if scoped else nullcontext("") as graph:
        # the queries read only: side by side on the cores (kg.concurrent_reads), the per-claim ones
        # first (the longest store-wide), the answers taken in the kinds' order below
        jobs = [partial(store.select, _text(queries.get(_PER_CLAIM[0]), graph), {"wikidata": WIKIDATA_GRAPH}),
                partial(store.select, _text(queries.get(_PER_CLAIM[1]), graph)),
                partial(anachronisms, store, articles, graph)]
        jobs += [partial(store.select, _text(catalogue[kind.query], graph)) for kind in kinds]
        with bar(total=len(jobs), unit="queries", desc="check", enabled=progress) as shown:
            roles, supported_rows, report.findings, *answers = concurrent_reads.run_all(
                jobs, done=lambda: shown.update(1))  # (findings sorted by article and offsets)
    supported = {r["claim"] for r in supported_rows}
    for kind, rows in zip(kinds, answers):
        for row in rows:
            claim = row["claim"]
            if claim in found and found[claim][0] != kind:
                continue
            found.setdefault(claim, (kind, []))[1].append(row)
    reads = CachedReads(store)  # (the evidence reads the same offices, holders and sources again and again)
    for claim, (kind, rows) in bar(found.items(), total=len(found), unit="conflicts", desc="check: evidence",
                                   enabled=progress if found else False):
        d = claim_row(store, claim)
        if d is None:
            continue
        if articles is not None and d["article"] not in articles:
            continue
        d["subjectLabel"] = label(reads, d["subject"])
        if d.get("organization"):
            d["position"] = d["organization"]
        if d.get("position"):
            d["positionLabel"] = label(reads, d["position"])
        if d.get("country"):
            d["countryLabel"] = label(reads, d["country"])
        position = d.get("position", "")
        asof = as_of.get(d["subject"], snapshot)
        if kind.dated and asof and d.get("claimDate", "")[:10] > asof:
            continue  # after every source covering the subject: unverifiable (after-snapshot)
        # (the rows in a fixed order: the engine's order follows its plan, which a scope changes)
        evidence = evidence_of(reads, kind, d, sorted(rows, key=lambda r: sorted(r.items())))
        evidence = [replace(e, source=kb_sources.evidence_source(reads, e.statement)) for e in evidence]
        report.conflicts.append(Conflict(
            kind=kind.name, claim=claim, article=d["article"], start=int(d["start"]), end=int(d["end"]),
            surface=d["surface"], sentence=d["sentence"], subject=d["subject"],
            subject_label=d.get("subjectLabel", ""), position=position, position_label=d.get("positionLabel", ""),
            claim_date=d.get("claimDate", ""), explanation=kind.explanation(claimed(d), evidence, asof),
            evidence=tuple(evidence), confidence=kind.confidence, snapshot_date=asof,
            url=d.get("url", ""), reading=d.get("reading", ""), speaker=d.get("speaker", ""),
        ))
    report.conflicts.sort(key=lambda c: (c.article, c.start))
    _classify(report, roles, supported, {c.claim for c in report.conflicts}, articles, as_of)
    if write:
        write_conflicts(store, report, articles=articles)
    return report


def _text(query: queries.NamedQuery, graph: str) -> str:
    """The query's text, scoped to the claims of the scope graph ``graph`` when there is one."""
    return query.scoped(graph) if graph else query.text


def _classify(report: CheckReport, rows: list[dict], supported: set[str], conflicting: set[str],
              articles: set[str] | None, as_of: dict[str, str] | None = None) -> None:
    """Count the role claims (``rows``: check/role-claims'): consistent only when a Wikidata statement
    supports them (``supported``: check/supported's claims); list the unverifiable ones with a reason,
    and apart those whose reading asserts no tenure on a date (``as_of``: each person's newest
    covering source date, kg.kb.sources)."""
    for r in rows:
        if articles is not None and r["article"] not in articles:
            continue
        report.claims += 1
        counts = report.counts.setdefault(r["article"], [0, 0, 0])
        counts[0] += 1
        if r["claim"] in conflicting:
            report.role_conflicts += 1
            counts[2] += 1
            continue
        date = r.get("claimDate", "")
        reading = r.get("reading", "asserted")
        if reading in NOT_ASSERTED and reading != "historical" or reading == "historical" and not date:
            target, reason = report.not_asserted, reading
        elif r.get("modifier") in UNDATED_MODIFIERS:
            continue  # provisional (acting, interim...): counted as not checked
        else:
            target = report.unverifiable
            if r.get("known") != "true":
                reason = "person-unknown"
            elif r.get("holds") != "true":
                reason = "no-offices"
            elif not r.get("position"):
                reason = "office-unknown"
            elif not date:
                reason = "no-date"
            elif (as_of or {}).get(r["subject"], report.snapshot_date) and \
                    date > (as_of or {}).get(r["subject"], report.snapshot_date):
                reason = "after-snapshot"
            elif r["claim"] not in supported:
                reason = "no-statement"
            else:
                report.consistent += 1
                counts[1] += 1
                continue
        target.append(Unverifiable(
            claim=r["claim"], article=r["article"], start=int(r["start"]), end=int(r["end"]),
            surface=r["surface"], sentence=r["sentence"], subject=r["subject"], claim_date=date, reason=reason,
            reading=reading, reading_evidence=r.get("readingEvidence", ""), speaker=r.get("speaker", "")))
    report.unverifiable.sort(key=lambda u: (u.article, u.start))
    report.not_asserted.sort(key=lambda u: (u.article, u.start))


def conflict_iri(c: Conflict) -> URIRef:
    return KG[f"conflict/{c.claim.rsplit('/claim/', 1)[-1]}/{c.kind}"]


def unverifiable_iri(u: Unverifiable) -> URIRef:
    return KG[f"unverifiable/{u.claim.rsplit('/claim/', 1)[-1]}"]


def verdict_nodes(verdicts) -> set[str]:
    """The conflicts graph's nodes of these verdicts (a :class:`kg.check_state.Verdicts`)."""
    return {str(conflict_iri(c)) for c in verdicts.conflicts} | {str(unverifiable_iri(u)) for u in verdicts.unverifiable}


def write_conflicts(store: Store, report: CheckReport, *, articles: set[str] | None = None,
                    old: set[str] | None = None) -> None:
    """Write the verdicts as ``dip:Conflict`` and ``dip:Unverifiable`` nodes into the conflicts graph.

    ``articles``: the report is these articles' -- in one update, their old verdict nodes and those of
    claims no longer in the store (``check/verdict-nodes``, ``check/orphan-verdict-nodes``) are dropped
    (``check/drop-verdicts``) and the report's inserted, the other articles' kept; None: the report is the whole store's, the graph is made to hold it (kg.store.Store.sync_graph).
    ``old``: the verdict nodes these articles had (kg.check_state's records: those of claims no
    longer in the store among them), instead of a scan of the conflicts graph for orphans
    (0.3 s at 10,032 articles)."""
    triples = []
    for c in report.conflicts:
        node = conflict_iri(c)
        triples += [
            (node, RDF.type, DIP.Conflict),
            (node, DIP.conflictKind, Literal(c.kind)),
            (node, DIP.claim, URIRef(c.claim)),
            (node, DIP.explanation, Literal(c.explanation)),
            (node, DIP.confidence, Literal(f"{c.confidence:.2f}", datatype=XSD.decimal)),
            (node, DIP.found, Literal(c.surface)),
            (node, RDFS.label, Literal(f"{c.kind}: {c.surface}")),
        ]
        if c.snapshot_date:
            triples.append((node, DIP.snapshotDate, Literal(c.snapshot_date, datatype=XSD.date)))
        for e in c.evidence:
            triples.append((node, DIP.expected, Literal(e.value)))
            if not e.statement.startswith(("http://", "https://", "urn:")):
                continue  # not a node of the graph: its words are in dip:expected
            statement = URIRef(e.statement)
            triples.append((node, DIP.evidence, statement))
            if "/statement/" in e.statement:
                triples.append((node, DIP.statement, statement))
    for u in report.unverifiable:
        node = unverifiable_iri(u)
        triples += [
            (node, RDF.type, DIP.Unverifiable),
            (node, DIP.claim, URIRef(u.claim)),
            (node, DIP.explanation, Literal(u.explanation)),
            (node, RDFS.label, Literal(f"unverifiable ({u.reason}): {u.surface}")),
        ]
    if articles is None:  # (by the difference: a check again finds mostly the verdicts it found before)
        store.sync_graph(CONFLICTS_GRAPH, triples)
    else:
        drop = {r["node"] for r in store.select("check/verdict-nodes",
                                                values={"article": [Literal(a) for a in sorted(articles)]})}
        if old is None:
            drop |= {r["node"] for r in store.select("check/orphan-verdict-nodes")}
        else:
            drop |= old
        # one update: the old nodes out, the new in (a VALUES list of nodes; with the articles' list
        # in the same update each operation would join every node with every article)
        store.update("check/drop-verdicts", values={"node": [URIRef(n) for n in sorted(drop)] or [KG["none"]]},
                     insert=(CONFLICTS_GRAPH, triples))
    store.flush()


def article_texts(store: Store, ids: set[str]) -> dict[str, tuple[str, str, str]]:
    """article id -> (headline, text, url) for the given ids, read from the store."""
    if not ids:
        return {}
    # only these articles' texts, not the store's
    rows = store.select("check/article-texts", values={"id": [Literal(i) for i in sorted(ids)]})
    return {r["id"]: (r.get("title", ""), r["text"], r.get("url", "")) for r in rows}
