"""schema.org ClaimReview of the conflicts, in the shape fact-check aggregators take.

Google's "Fact check (ClaimReview) structured data" guidelines
(developers.google.com/search/docs/appearance/structured-data/factcheck), which aggregators
(Google Fact Check Explorer, the Duke Reporters' Lab ClaimReview database) follow:

- ``ClaimReview``: ``claimReviewed`` (required: a SHORT summary of the claim, under 75 characters
  to avoid wrapping, without the rating), ``reviewRating`` (required), ``url`` (required: the page
  with the full fact check, each review at its own HTML anchor, on the domain of the page that
  hosts the markup), ``author`` (recommended: the Organization or Person publishing the check,
  with ``name`` and ``url``), ``datePublished`` and ``itemReviewed`` (recommended);
- ``itemReviewed`` a ``Claim``: ``author`` (who made the claim: the article's outlet),
  ``appearance`` (where it appears: the article), ``datePublished`` (when it was made: the
  article's date), all recommended;
- ``Rating``: ``alternateName`` (required: the verdict in words, the only part shown),
  ``ratingValue``/``bestRating``/``worstRating`` with a documented number-to-words scale (each
  kind's ``rating`` and ``verdict`` in :mod:`kg.conflict_kinds`).

The JSON-LD context is the trimmed copy of schema.org's context bundled as
``kg/schemaorg-context.jsonld`` (the terms kg writes, mapped as https://schema.org/docs/jsonldcontext.jsonld
maps them: ``@vocab`` http://schema.org/, ``url``/``sameAs``/``isBasedOn`` as IRIs,
``datePublished`` as ``schema:Date``), inlined so that any JSON-LD processor reads the file offline.
``context="remote"`` writes ``"@context": "https://schema.org"`` instead (what a crawler such as
Google's expects on a web page; the same triples once the context is fetched).
"""

from __future__ import annotations

import datetime as _dt
import importlib.resources
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any, Mapping
from urllib.parse import quote, urlsplit

from rdflib import Literal

from . import conflict_kinds, queries
from . import findings as _findings
from .config import Settings
from .errors import ConfigError
from .model import Conflict
from .vocab import BASE, WDS, qid_of

KG_URL = BASE
CLAIM_REVIEWED_CHARS = 75
_REAL_STATEMENT = re.compile(r"(Q[0-9]+)-([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})")


@dataclass(frozen=True)
class ReviewOptions:
    """Who publishes the reviews and where (settings ``review_*``; ``--review-base-url``)."""

    base_url: str = ""  # the URL of the published HTML report; reviews are its anchors
    author: str = "kg"
    author_url: str = KG_URL
    publisher: str = ""  # default: the author
    context: str = "inline"  # or "remote": "@context": "https://schema.org"

    @classmethod
    def from_settings(cls, settings: Settings | Mapping[str, Any] | None) -> "ReviewOptions":
        """The options the ``review_*`` settings give (a mapping is read as :meth:`Settings.of` reads it);
        an empty author, author URL or context falls back to the default."""
        s = Settings.of(settings)
        return cls(base_url=s.review_base_url, author=s.review_author or "kg", author_url=s.review_author_url or KG_URL,
                   publisher=s.review_publisher, context=s.review_context or "inline")


@dataclass(frozen=True)
class ArticleMeta:
    headline: str = ""
    url: str = ""
    date: str = ""
    publisher: str = ""


@lru_cache(maxsize=1)
def bundled_context() -> dict:
    """The trimmed schema.org JSON-LD context shipped with kg (its ``@context`` object)."""
    text = importlib.resources.files("kg").joinpath("schemaorg-context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)["@context"]


def article_meta(store, ids) -> dict[str, ArticleMeta]:
    """article id -> what a review says about it, read with ``queries/check/review-article.rq``."""
    query = queries.get("check/review-article").text
    found = {}
    for article in sorted(set(ids)):
        rows = store.select(query, {"id": Literal(article)})
        if rows:
            r = rows[0]
            found[article] = ArticleMeta(r.get("headline", ""), r.get("url", ""), r.get("date", ""), r.get("publisher", ""))
    return found


def conflict_anchor(article: str, n: int) -> str:
    """The HTML anchor of an article's ``n``-th conflict (by start offset) in the report page
    (``kg check --format html``, kg/report_html.py, writes its cards with these ids)."""
    return f"c-{article}-{n}"


def review_anchors(report) -> dict[int, str]:
    """id(conflict) -> the HTML anchor of its card in the report page (each article's conflicts
    numbered by start offset, see :func:`conflict_anchor`)."""
    by_article: dict[str, list] = {}
    for finding in report.conflicts:
        by_article.setdefault(finding.article, []).append(finding)
    anchors = {}
    for article, findings in by_article.items():
        for n, finding in enumerate(sorted(findings, key=lambda f: f.start)):
            anchors[id(finding)] = conflict_anchor(article, n)
    return anchors


def claim_reviewed(c: Conflict) -> str:
    """The claim in a few words (the words of the article that make it, and the date it speaks
    of), under 75 characters, cut at a word: not the whole sentence, and never the verdict."""
    text = " ".join(c.surface.split())
    when = f" ({c.claim_date})" if c.claim_date else ""
    room = CLAIM_REVIEWED_CHARS - len(when)
    if len(text) > room:
        text = text[: room - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text + when


def evidence_url(statement: str, kind: str) -> str:
    """A page that shows the evidence on Wikidata: the statement's anchor when the id is a real
    Wikidata statement id; else the item's page at the property's section (kg's snapshot names
    its statements ``Q…-kb-…``: no such statement exists on Wikidata)."""
    if statement.startswith(str(WDS)):
        local = statement[len(str(WDS)):]
        real = _REAL_STATEMENT.fullmatch(local)
        if real:
            return f"https://www.wikidata.org/wiki/{real[1]}#{real[1]}${real[2]}"
        item = local.split("-", 1)[0]
        prop = conflict_kinds.kind(kind).wikidata_property
        return f"https://www.wikidata.org/wiki/{item}" + (f"#{prop}" if prop else "")
    qid = qid_of(statement)
    return f"https://www.wikidata.org/wiki/{qid}" if qid else statement


def claim_review(c: Conflict, *, anchor: str = "", article: ArticleMeta | None = None,
                 options: ReviewOptions = ReviewOptions(), today: str | None = None) -> dict:
    """A schema.org ClaimReview of one conflict."""
    article = article or ArticleMeta(url=c.url)
    rated = conflict_kinds.kind(c.kind)
    value, verdict = rated.rating, rated.verdict
    author = {"@type": "Organization", "name": options.author, "url": options.author_url,
              "description": f"automated check against Wikidata as of {c.snapshot_date or 'unknown'}"}
    appearance: dict[str, Any] = {"@type": "NewsArticle", "identifier": c.article}
    url = article.url or c.url
    if url and url.lower().startswith(("http://", "https://")):
        appearance["url"] = url
    if article.headline:
        appearance["headline"] = article.headline
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance, "text": " ".join(c.surface.split())}
    outlet = article.publisher or (urlsplit(appearance["url"]).hostname or "" if "url" in appearance else "")
    if outlet:  # who made the claim: the outlet (its name, else the site the article is on)
        claim["author"] = appearance["publisher"] = {"@type": "Organization", "name": outlet}
    if c.speaker:  # a quoted claim is its speaker's; the outlet published it
        claim["author"] = {"@type": "Person", "name": c.speaker}
    if article.date:
        claim["datePublished"] = appearance["datePublished"] = article.date
    if c.claim_date:
        claim["temporalCoverage"] = c.claim_date  # the time the claim speaks of
    qid = qid_of(c.subject)
    if qid:
        claim["about"] = {"@type": "Person", "name": c.subject_label, "sameAs": f"https://www.wikidata.org/wiki/{qid}"}
    review = {
        "@type": "ClaimReview",
        "url": options.base_url + "#" + quote(anchor, safe="-._~!$&'()*+,;=:@/?") if anchor else options.base_url,
        "datePublished": today or _dt.date.today().isoformat(),
        "claimReviewed": claim_reviewed(c),
        "itemReviewed": claim,
        "author": author,
        "publisher": ({"@type": "Organization", "name": options.publisher} if options.publisher else author),
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                         "alternateName": verdict, "name": verdict},
        "reviewBody": c.explanation + f" Reading: {c.reading or 'asserted'}"
                      + (f", attributed to {c.speaker}." if c.speaker else "."),
        "isBasedOn": [{"@type": "WebPage", "url": evidence_url(e.statement, c.kind),
                       "name": f"{e.source or 'Wikidata (as of ' + (c.snapshot_date or 'unknown') + ')'}: {e.value}"
                               + (f" [{e.start or '?'} – {e.end or 'open'}]" if e.start or e.end else "")}
                      for e in c.evidence]
                     or [{"@type": "WebPage", "name": "Wikidata", "url": "https://www.wikidata.org/"}],
    }
    if not review["url"]:
        del review["url"]
    return review


def claimreview_document(report, *, articles: Mapping[str, ArticleMeta] | None = None,
                         options: ReviewOptions = ReviewOptions(), today: str | None = None) -> dict:
    """The conflicts as one JSON-LD document of ClaimReviews."""
    if options.context not in {"inline", "remote"}:
        raise ConfigError(f"setting review_context must be inline or remote, not {options.context!r}")
    anchors = review_anchors(report)
    articles = articles or {}
    graph = [claim_review(c, anchor=anchors.get(id(c), ""), article=articles.get(c.article), options=options,
                          today=today) for c in report.conflicts]
    context = bundled_context() if options.context == "inline" else "https://schema.org"
    doc = {"@context": context, "@graph": graph}
    if getattr(report, "findings", None):  # apart from the Wikidata conflicts: the text contradicting itself
        doc["findings"] = [_findings.claim_review(f, today or _dt.date.today().isoformat()) for f in report.findings]
    return doc


def write_claimreview(report, out: IO[str], *, store=None, settings: Settings | Mapping[str, Any] | None = None,
                      today: str | None = None) -> None:
    """Write the ClaimReview document; with ``store`` each article's outlet, date and headline."""
    articles = article_meta(store, {c.article for c in report.conflicts}) if store is not None else {}
    doc = claimreview_document(report, articles=articles, options=ReviewOptions.from_settings(settings),
                               today=today)
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
