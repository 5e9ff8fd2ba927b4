"""Ingest: read news articles from .txt, .jsonl and .html files into `Article` records.

The stage's entry point is :func:`read_articles`.  It streams articles (one file,
or one JSONL line, at a time), works out each article's id, title and date (given,
or inferred from the text: see :mod:`kg.ingest.dates`) and marks boilerplate spans
the extractor should skip (:mod:`kg.ingest.boilerplate`), never changing the text:
offsets always refer to ``Article.text`` exactly as read or extracted.

Modules: ``reader`` (paths, dispatch, errors), ``decode`` (bytes to text),
``jsonl``, ``html_page``, ``assemble`` (fields to Article), ``dates``, ``urls``
(the article URL as a valid http(s) IRI or nothing), ``boilerplate``.
"""

from __future__ import annotations

from kg.ingest.boilerplate import find_boilerplate
from kg.ingest.dates import infer_date, parse_date
from kg.ingest.reader import SUFFIXES, read_articles

__all__ = ["SUFFIXES", "find_boilerplate", "infer_date", "parse_date", "read_articles"]
