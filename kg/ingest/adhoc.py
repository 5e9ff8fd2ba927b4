"""Articles that are not files: text given on the command line or to the API, or read from stdin."""

from __future__ import annotations

import os
from typing import BinaryIO

from kg.errors import ArticleError
from kg.ingest.assemble import build_article, replace_surrogates
from kg.ingest.decode import decode_bytes
from kg.ingest.files import LIMIT_HINT
from kg.model import Article

STDIN = "<stdin>"
TEXT = "<text>"


def text_article(text: str, *, name: str = TEXT, date: object = None, title: str = "", url: str = "",
                 source: str = "") -> Article:
    """An Article from ``text`` (the first line is the title unless ``title`` is given)."""
    if not isinstance(text, str):
        raise ArticleError(f"the text must be a string, not {type(text).__name__}", source=name)
    if not text.strip():
        raise ArticleError("is empty (no text); give the article's text", source=name)
    text, warnings = replace_surrogates(text)
    return build_article(text, path=name, title=title or "", given_date=date, url=url or "",
                         source=source or "", warnings=warnings)


def stdin_article(stream: BinaryIO, *, max_bytes: int, date: object = None, title: str = "",
                  url: str = "") -> Article:
    """The article piped to stdin, as bytes decoded like a .txt file."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ArticleError(f"is over the limit of {max_bytes:,} bytes; split it, or raise the limit "
                           f"({LIMIT_HINT})", source=STDIN)
    decoded = decode_bytes(raw, source=STDIN)
    article = text_article(decoded.text, name=STDIN, date=date, title=title, url=url)
    if decoded.warning:
        from dataclasses import replace

        article = replace(article, warnings=(decoded.warning, *article.warnings))
    return article


def is_url(given: str) -> bool:
    """Whether a command-line input names a URL (``scheme://...``) rather than a file."""
    scheme, sep, _ = given.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha()


def gather(inputs: list[str], *, text: str | None = None, date: object = None, title: str = "",
           stdin: BinaryIO | None = None, max_bytes: int, timeout: float, on_error, screen=None) -> list:
    """The inputs of ``kg check``: file paths kept as they are, ``-`` read from ``stdin``,
    URLs fetched, and ``text`` (``--text``), as Article records; each failure to ``on_error``.

    ``date`` and ``title`` apply to the text, stdin and fetched pages (over what a page says).
    A path that does not exist is reported here, and ``screen`` (a reason not to check an
    article, or None) is applied to the articles read here, so such inputs fail fast.
    """
    from kg.ingest.fetch import fetch_article

    out: list = []

    def add(article: Article) -> None:
        reason = screen(article) if screen is not None else None
        if reason is not None:
            raise ArticleError(reason, source=article.path)
        out.append(article)

    for given in inputs:
        try:
            if given == "-":
                if stdin is None:
                    raise ArticleError("no stdin to read", source=STDIN)
                add(stdin_article(stdin, max_bytes=max_bytes, date=date, title=title))
            elif is_url(given):
                add(fetch_article(given, timeout=timeout, max_bytes=max_bytes, date=date, title=title))
            elif not os.path.lexists(given):
                raise ArticleError("no such file or directory; check the path", source=given)
            else:
                out.append(given)
        except ArticleError as exc:
            on_error(exc)
    if text is not None:
        try:
            add(text_article(text, date=date, title=title))
        except ArticleError as exc:
            on_error(exc)
    return out
