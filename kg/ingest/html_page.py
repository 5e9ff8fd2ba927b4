"""Main text and metadata of an HTML page.

The text comes from ``trafilatura`` (main-content detection: menus, bylines,
related links, cookie banners and footers are left out).  Script (except JSON-LD),
style, iframe, noscript, template, svg, object and embed elements are removed
before either extractor runs.  When trafilatura cannot be imported or finds no
main content, a plain ``lxml.html`` walk of <article>, <main> or <body> is used
instead, also dropping nav, footer, aside, form, button and select; the article
then carries a warning.  Paragraphs are joined with blank lines.

Metadata is read from the page itself first -- title from og:title, <title>, <h1>;
date from meta tags such as article:published_time or itemprop=datePublished; url
from <link rel=canonical> or og:url; source from og:site_name -- and completed
from trafilatura's metadata.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import lxml.html
from lxml import etree

from kg.errors import ArticleError

logger = logging.getLogger("kg.ingest")

#: Never text, whichever extractor runs (JSON-LD scripts stay: trafilatura reads metadata there).
_NEVER_TEXT = ("script", "style", "iframe", "noscript", "template", "svg", "object", "embed")
#: Also dropped by the plain lxml extractor, which has no main-content detection.
_FURNITURE = ("nav", "footer", "aside", "form", "button", "select")
_BLOCKS = frozenset("address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
                    "header hr li main ol p pre section table td th tr ul".split())
_DATE_META = ("article:published_time", "og:published_time", "article:published", "datepublished",
              "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
              "dcterms.created", "dcterms.date", "parsely-pub-date", "sailthru.date",
              "publication_date")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: plain text plus the metadata found in it."""

    text: str
    title: str = ""
    date: str | None = None
    url: str = ""
    source: str = ""
    warnings: tuple[str, ...] = ()


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any."""
    match = _CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_page(html: str, *, source: str) -> Page:
    """Plain text and metadata of ``html``; ArticleError when no text is found."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleError(f"cannot parse the HTML ({exc}); check that it is a web page",
                           source=source) from exc
    meta = _page_metadata(tree)
    _drop(tree, _NEVER_TEXT, keep=_is_json_ld)
    text, doc, warning = _main_text(tree)
    if not text.strip():
        raise ArticleError("no article text found in the HTML; check that the page holds the "
                           "article and not only a script that loads it", source=source)
    return Page(
        text=text,
        title=meta["title"] or _attr(doc, "title"),
        date=meta["date"] or _attr(doc, "date") or None,
        url=meta["url"] or _attr(doc, "url"),
        source=meta["source"] or _attr(doc, "sitename"),
        warnings=(warning,) if warning else (),
    )


def _main_text(tree: lxml.html.HtmlElement) -> tuple[str, Any, str | None]:
    """(text, trafilatura document or None, warning about the fallback or None)."""
    trafilatura = _trafilatura()
    doc = None
    if trafilatura is not None:
        try:
            doc = trafilatura.bare_extraction(
                copy.deepcopy(tree), with_metadata=True, include_comments=False, include_tables=True,
                date_extraction_params={"extensive_search": False, "original_date": True})
        except Exception as exc:  # a third-party failure on one page falls back to lxml
            logger.debug("trafilatura failed: %s", exc)
            doc = None
        text = _paragraphs(_attr(doc, "text"))
        if text:
            return text, doc, None
        why = "trafilatura found no main text"
    else:
        why = "trafilatura is unavailable"
    return _paragraphs(_lxml_text(tree)), doc, (
        f"main text taken by the plain lxml extractor ({why}); menus or link lists may remain")


@functools.cache
def _trafilatura() -> ModuleType | None:
    try:
        import trafilatura
    except ImportError as exc:
        logger.warning("trafilatura cannot be imported (%s); HTML is read with a plain lxml "
                       "extractor. Install trafilatura and lxml_html_clean to fix this.", exc)
        return None
    # "discarding data: None" when it finds no main text: kg falls back and says so itself
    logging.getLogger("trafilatura.core").addFilter(_not_discarding)
    return trafilatura


def _not_discarding(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith("discarding data")


def _lxml_text(tree: lxml.html.HtmlElement) -> str:
    candidates = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    root = candidates[0] if candidates else tree
    _drop(root, _NEVER_TEXT + _FURNITURE)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)  # keeps their tails
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag in _BLOCKS:
            parts.append("\n")
        if event == "start" and element.text:
            parts.append(element.text)
        if event == "end" and element is not root and element.tail:
            parts.append(element.tail)
    return "".join(parts)


def _drop(root: lxml.html.HtmlElement, tags: tuple[str, ...],
          keep: Callable[[lxml.html.HtmlElement], bool] = lambda element: False) -> None:
    """Remove the elements with these tags (and their content, not their tails) under root."""
    for element in list(root.iter(*tags)):
        if element is not root and not keep(element):
            element.drop_tree()


def _is_json_ld(element: lxml.html.HtmlElement) -> bool:
    return (element.get("type") or "").strip().lower() == "application/ld+json"


def _paragraphs(text: str) -> str:
    """One paragraph per non-blank line, whitespace collapsed, joined by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    metas = _meta_values(tree)
    return {
        "title": metas.get("og:title") or metas.get("twitter:title") or _first_text(tree, "//title")
        or _first_text(tree, "//h1"),
        "date": next((metas[key] for key in _DATE_META if metas.get(key)), "")
        or _first_attr(tree, "//*[@itemprop='datePublished']", ("content", "datetime")),
        "url": _first_attr(tree, "//link[@rel='canonical']", ("href",)) or metas.get("og:url", ""),
        "source": metas.get("og:site_name", ""),
    }


def _meta_values(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """<meta> content by lower-cased property, name or itemprop (the first one wins)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = (meta.get("content") or "").strip()
        if key and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _first_text(tree: lxml.html.HtmlElement, xpath: str) -> str:
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return ""


def _first_attr(tree: lxml.html.HtmlElement, xpath: str, names: tuple[str, ...]) -> str:
    for element in tree.xpath(xpath):
        for name in names:
            value = (element.get(name) or "").strip()
            if value:
                return value
    return ""


def _attr(doc: Any, name: str) -> str:
    value = getattr(doc, name, None) if doc is not None else None
    return value.strip() if isinstance(value, str) else ""
