"""The Python API: ``kg.open()`` -> a :class:`Kg` that builds, checks and queries one store.

Made for notebooks and services: the spaCy pipeline and the knowledge base load
once, on first use, and stay loaded, so every check after the first is fast.
Safe defaults: an embedded in-memory store (``store=None``) with the Wikidata
snapshot loaded; the knowledge base is always used unless ``kb=False``; input
that cannot be read, or is not English, raises or is reported -- a result is
never an empty "no conflicts" for an article that was not checked
(:attr:`CheckResult.checked`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import ArticleError, KgError, QueryError

__all__ = ["CheckResult", "Kg", "NotChecked", "open"]


class NotChecked(ArticleError):
    """An article was given but could not be checked (unreadable, empty, not English...)."""


@dataclass
class CheckResult:
    """What one check found: conflicts (``kg.model.Conflict``), unverifiable claims and events.

    ``articles``: the ids of the articles checked; ``errors``: messages about inputs that
    could not be checked (``checked`` is False when none was).
    """

    conflicts: list = field(default_factory=list)
    unverifiable: list = field(default_factory=list)
    events: list[dict[str, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def checked(self) -> bool:
        return bool(self.articles)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``POST /check`` answers: records as ``kg check --format jsonl`` writes them."""
        return {"articles": list(self.articles), "conflicts": [c.to_dict() for c in self.conflicts],
                "unverifiable": [u.to_dict() for u in self.unverifiable], "events": list(self.events),
                "errors": list(self.errors), "summary": self.summary}

    def to_pandas(self, what: str = "conflicts"):
        """A pandas DataFrame of the conflicts (or ``"unverifiable"``, ``"events"``); needs pandas."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise KgError("to_pandas() needs pandas: pip install pandas (or kg-diplomacy[pandas])") from exc
        records = {"conflicts": lambda: [c.to_dict() for c in self.conflicts],
                   "unverifiable": lambda: [u.to_dict() for u in self.unverifiable],
                   "events": lambda: list(self.events)}
        if what not in records:
            raise ValueError(f"what must be one of {', '.join(records)}, not {what!r}")
        return pd.DataFrame.from_records(records[what]())


class Kg:
    """One kg store with its pipeline and knowledge base (see :func:`open`)."""

    def __init__(self, store: str | Path | None = None, *, kb: bool = True, model: str | None = None,
                 language_check: bool = True):
        from .store import Store

        self.store = Store(store)
        self.use_kb, self.model, self.language_check = kb, model, language_check
        self._kb = self._nlp = None
        self._lock = threading.RLock()  # one build/check at a time: the store has one writer

    # -- what loads once --------------------------------------------------------------
    @property
    def kb(self):
        """The knowledge base (the Wikidata snapshot, loaded into the store on first use), or None."""
        if self._kb is None and self.use_kb:
            from .link import open_kb

            self._kb = open_kb(self.store)
        return self._kb

    @property
    def nlp(self):
        """The spaCy pipeline, with the knowledge base's names."""
        if self._nlp is None:
            from .extract import load_nlp
            from .link.candidates import ruler_patterns

            kb = self.kb
            self._nlp = load_nlp(self.model, patterns=ruler_patterns(kb) if kb is not None else None)
        return self._nlp

    def warm(self) -> "Kg":
        """Load the pipeline and the knowledge base now (a service does this at start)."""
        _ = self.nlp
        return self

    # -- building and checking ------------------------------------------------------------
    def build(self, paths: Iterable[str | Path] | str | Path, *, rebuild: bool = False, strict: bool = False,
              on_error=None):
        """Build articles (files, folders, or Article records) into the store; a BuildSummary."""
        from .build import build

        if isinstance(paths, (str, Path)):
            paths = [paths]
        errors: list[str] = []

        def failed(error: KgError) -> None:
            errors.append(str(error))
            if on_error is not None:
                on_error(error)

        screen = self._screen if self.language_check else None
        with self._lock:
            return build([p if not isinstance(p, Path) else str(p) for p in paths], self.store, nlp=self.nlp,
                         kb=self.kb, progress=False, strict=strict, rebuild=rebuild, on_error=failed,
                         screen=screen)

    def check(self, articles: Iterable[str] | None = None) -> CheckResult:
        """Check the store's claims (all, or those of the article ids given)."""
        from .check import check
        from .report import summary_line

        only = set(articles) if articles is not None else None
        with self._lock:
            report = check(self.store, only, progress=False)
        ids = sorted(only) if only is not None else [r["article"] for r in self.query("articles")]
        return CheckResult(conflicts=list(report.conflicts), unverifiable=list(report.unverifiable),
                           events=self._events(set(ids)), articles=ids, summary=summary_line(report))

    def check_text(self, text: str, *, date: object = None, title: str = "", url: str = "",
                   source: str = "") -> CheckResult:
        """Check one article given as text; NotChecked when it cannot be (empty, not English...)."""
        from .ingest.adhoc import text_article

        return self.check_articles([text_article(text, date=date, title=title, url=url, source=source)])

    def check_url(self, url: str, *, date: object = None, title: str = "", timeout: float = 10.0,
                  max_bytes: int = 5_000_000, allow_private: bool = True) -> CheckResult:
        """Fetch the page at ``url`` (http(s) only) and check its main text (trafilatura)."""
        from .ingest.fetch import fetch_article

        article = fetch_article(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                                date=date, title=title)
        return self.check_articles([article])

    def check_articles(self, articles: list, *, keep: bool = True) -> CheckResult:
        """Build the given Article records and check them; NotChecked when none could be.

        ``keep=False`` drops their graphs afterwards (a service's store does not grow).
        """
        errors: list[str] = []
        with self._lock:
            summary = self.build(articles, on_error=lambda e: errors.append(str(e)))
            if not summary.ids:
                raise NotChecked("nothing was checked: " + "; ".join(errors or ["no article"]))
            result = self.check(summary.ids)
            if not keep:
                self.forget(summary.ids)
        result.errors = errors
        return result

    def forget(self, ids: Iterable[str]) -> None:
        """Drop the graphs of these articles from the store."""
        from .vocab import article_graph

        graphs = [article_graph(i) for i in sorted(set(ids))]
        if graphs:
            with self._lock:
                self.store.drop_graphs(graphs)

    def _screen(self, article) -> str | None:
        from .language import language_problem

        return language_problem(article.text)

    def _events(self, ids: set[str]) -> list[dict[str, str]]:
        if not ids:
            return []
        return [row for row in self.query("events") if row.get("article") in ids]

    # -- querying ---------------------------------------------------------------------------
    def query(self, name_or_sparql: str, **bindings) -> list[dict[str, str]]:
        """Rows (dicts of strings) of a named query (``"persons"``, ``"conflicts/wrong-name"``) or a SPARQL
        SELECT; keyword arguments bind its variables (``entity="wd:Q7821917"`` or an IRI or a literal)."""
        from . import queries
        from .terms import parse_term

        is_sparql = "{" in name_or_sparql  # every query has a group; no query name has a brace
        text = name_or_sparql if is_sparql else queries.get(name_or_sparql).text
        terms = {name: parse_term(value) for name, value in bindings.items()}
        result = self.store.query(text, terms, named=False)
        if isinstance(result, bool):
            return [{"result": "true" if result else "false"}]
        if not hasattr(result, "variables"):
            raise QueryError("query() returns rows: use a SELECT or ASK query (CONSTRUCT: kg export)")
        names = [v.value for v in result.variables]
        return [{n: s[n].value for n in names if s[n] is not None} for s in result]

    def close(self) -> None:
        self.store.flush()

    def __enter__(self) -> "Kg":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open(store: str | Path | None = None, *, kb: bool = True, model: str | None = None,  # noqa: A001
         language_check: bool = True) -> Kg:
    """A :class:`Kg` on ``store`` (a directory; None: an embedded in-memory store).

    ``kb=True`` (the default) links to the Wikidata snapshot and checks against it;
    ``language_check`` reports non-English articles as not checked.
    """
    return Kg(store, kb=kb, model=model, language_check=language_check)
