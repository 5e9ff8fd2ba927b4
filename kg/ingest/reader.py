"""`read_articles`: walk the inputs, read each file by its suffix, report bad input.

Inputs are files and directories.  Directories are walked recursively in sorted
order (a directory's files, then its subdirectories), skipping hidden entries,
symlinked directories and files whose suffix kg does not read.  A file named
explicitly must have a known suffix.  Every problem becomes an ArticleError that
goes to ``on_error``, is raised (``strict=True``) or is logged as a warning on the
``kg.ingest`` logger; reading then goes on with the next line or file.  An article
that was read but with a warning (a non-UTF-8 encoding, a bad given date or url, no
date at all) is yielded, and each of its warnings is logged at WARNING on
``kg.ingest`` as ``PATH: warning: ...`` (the ``kg`` command prints them on stderr).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import ArticleError
from kg.ingest.assemble import build_article
from kg.ingest.decode import decode_bytes, read_limited
from kg.ingest.html_page import declared_charset, extract_page
from kg.ingest.jsonl import read_jsonl
from kg.model import Article

logger = logging.getLogger("kg.ingest")

#: File suffixes kg reads, and the reader each one uses.
SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20_000_000

ErrorHandler = Callable[[ArticleError], None]


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Stream the articles in ``paths`` (files or directories), one file at a time.

    ``.txt``: one article; its first non-empty line is the title and the text is the
    whole decoded file.  ``.jsonl``: one article per line.  ``.html``/``.htm``: the
    page's main text.  ``max_bytes`` caps a .txt or .html file and each JSONL line.

    Bad input never stops the rest: each problem is an ArticleError passed to
    ``on_error``; with ``strict=True`` the first one is raised instead; with
    neither it is logged at WARNING on the ``kg.ingest`` logger.  The warnings of
    the articles read (``Article.warnings``) are logged at WARNING in every case.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    report = _error_handler(strict, on_error)
    for path in _input_files(paths, report):
        for item in _read_file(path, max_bytes):
            if isinstance(item, ArticleError):
                report(item)
            else:
                for warning in item.warnings:
                    logger.warning("%s: warning: %s", item.path, warning)
                yield item


def _error_handler(strict: bool, on_error: ErrorHandler | None) -> ErrorHandler:
    if strict:
        def raise_it(error: ArticleError) -> None:
            raise error
        return raise_it
    if on_error is not None:
        return on_error
    return lambda error: logger.warning("%s", error)


def _input_files(paths: Iterable[str | Path] | str | Path, report: ErrorHandler) -> Iterator[Path]:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, report)
        elif not path.exists():
            report(ArticleError("no such file or directory; check the path", source=str(path)))
        elif path.suffix.lower() not in SUFFIXES:
            report(ArticleError(f"unsupported file type {path.suffix or '(no suffix)'!r}; kg reads "
                                f"{', '.join(SUFFIXES)}: convert or rename the file",
                                source=str(path)))
        else:
            yield path


def _walk(root: Path, report: ErrorHandler) -> Iterator[Path]:
    def on_walk_error(exc: OSError) -> None:
        report(ArticleError(f"cannot list the directory ({exc.strerror or exc})",
                            source=str(exc.filename or root)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_walk_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES:
                yield path


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | ArticleError]:
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        yield from read_jsonl(path, max_bytes)
        return
    try:
        yield read_txt(path, max_bytes) if kind == "txt" else read_html(path, max_bytes)
    except ArticleError as exc:
        yield exc


def read_txt(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One plain-text article: the text is the whole decoded file, offsets included."""
    decoded = decode_bytes(read_limited(path, max_bytes), source=str(path))
    if not decoded.text.strip():
        raise ArticleError("is empty (no text); remove it or put the article in it",
                           source=str(path))
    return build_article(decoded.text, path=str(path),
                         warnings=(decoded.warning,) if decoded.warning else ())


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One web page: its extracted main text and the metadata found in it."""
    raw = read_limited(path, max_bytes)
    decoded = decode_bytes(raw, source=str(path), preferred=declared_charset(raw))
    if not decoded.text.strip():
        raise ArticleError("is empty (no text); remove it or put the article in it",
                           source=str(path))
    page = extract_page(decoded.text, source=str(path))
    warnings = ((decoded.warning,) if decoded.warning else ()) + page.warnings
    return build_article(page.text, path=str(path), title=page.title, given_date=page.date,
                         source=page.source, url=page.url, warnings=warnings)
