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

import errno
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import ArticleError
from kg.ingest.assemble import build_article, with_default_date
from kg.ingest.decode import decode_bytes
from kg.ingest.files import display_path, os_error_message, read_limited
from kg.ingest.jsonl import read_jsonl
from kg.model import Article

logger = logging.getLogger("kg.ingest")

#: File suffixes kg reads, and the reader each one uses.
SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20_000_000

ErrorHandler = Callable[[ArticleError], None]


def read_articles(
    paths: Iterable[str | Path | Article] | str | Path,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: ErrorHandler | None = None,
    default_date: object = None,
) -> Iterator[Article]:
    """Stream the articles in ``paths`` (files or directories), one file at a time.

    ``.txt``: one article; its first non-empty line is the title and the text is the
    whole decoded file.  ``.jsonl``: one article per line.  ``.html``/``.htm``: the
    page's main text.  ``max_bytes`` caps a .txt or .html file and each JSONL line.
    An Article given among the paths (text read already) is passed on as it is.
    ``default_date``: the date of the articles that have none (given or in the text).

    Bad input never stops the rest: each problem is an ArticleError passed to
    ``on_error``; with ``strict=True`` the first one is raised instead; with
    neither it is logged at WARNING on the ``kg.ingest`` logger.  The warnings of
    the articles read (``Article.warnings``) are logged at WARNING in every case.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    report = _error_handler(strict, on_error)
    seen: dict[str, str] = {}  # article id -> where it was first read
    for path in _input_files(paths, report):
        if isinstance(path, Article):  # read already (text, stdin, a fetched page)
            name, items = path.path, [path]
        else:
            name, name_warning = display_path(path)
            if name_warning:
                logger.warning("%s: warning: %s", name, name_warning)
            items = _read_file(path, max_bytes, name)
        for item in items:
            if isinstance(item, ArticleError):
                report(item)
                continue
            first = seen.get(item.id)
            if first is not None:
                report(duplicate_id(item, first, name))
                continue
            seen[item.id] = item.path
            if default_date is not None:
                item = with_default_date(item, default_date)
            for warning in item.warnings:
                logger.warning("%s: warning: %s", item.path, warning)
            yield item


def count_articles(paths: Iterable[str | Path | Article] | str | Path) -> int:
    """About how many articles ``paths`` hold, for a progress total: one per .txt/.html file and given
    Article, one per non-blank line of a .jsonl file (read once more); unreadable inputs count 0."""
    n = 0
    for item in _input_files(paths, lambda error: None):
        if isinstance(item, Article) or SUFFIXES[item.suffix.lower()] != "jsonl":
            n += 1
            continue
        try:
            with open(item, "rb") as handle:
                n += sum(1 for line in handle if line.strip())
        except OSError:
            continue
    return n


def duplicate_id(article: Article, first: str, name: str) -> ArticleError:
    """The error for an article (read from file ``name``) whose id was already read from ``first``.

    The policy: the first article read under an id is kept, every later one is refused.
    """
    given = not article.id.startswith("a-")
    if first == article.path:
        return ArticleError("this input was given twice; it was read once", source=name)
    why = (f"the article id {article.id!r} was already read from {first}" if given else
           f"the same text as {first} (id {article.id}, a hash of the text)")
    return ArticleError(f"{why}; this one was not built (the first one read is kept): "
                        + ("give it another id, or remove one of them" if given else
                           "remove the copy"),
                        source=name, line=int(article.path[len(name) + 1:]) if article.path != name else None)


def _error_handler(strict: bool, on_error: ErrorHandler | None) -> ErrorHandler:
    if strict:
        def raise_it(error: ArticleError) -> None:
            raise error
        return raise_it
    if on_error is not None:
        return on_error
    return lambda error: logger.warning("%s", error)


def _input_files(paths: Iterable[str | Path | Article] | str | Path,
                 report: ErrorHandler) -> Iterator[Path | Article]:
    if isinstance(paths, (str, Path, Article)):
        paths = [paths]
    for given in paths:
        if isinstance(given, Article):
            yield given
            continue
        path = Path(given)
        name = display_path(path)[0]
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:
            if exc.errno == errno.ENOENT and not path.is_symlink():
                report(ArticleError("no such file or directory; check the path", source=name))
            else:
                report(ArticleError(os_error_message(exc, "look at the file"), source=name))
            continue
        if is_dir:
            yield from _walk(path, report)
        elif path.suffix.lower() not in SUFFIXES:
            report(ArticleError(f"unsupported file type {path.suffix or '(no suffix)'!r}; kg reads "
                                f"{', '.join(SUFFIXES)}: convert or rename the file",
                                source=name))
        else:
            yield path


def _walk(root: Path, report: ErrorHandler) -> Iterator[Path]:
    def on_walk_error(exc: OSError) -> None:
        report(ArticleError(f"cannot list the directory ({exc.strerror or exc})",
                            source=display_path(exc.filename or root)[0]))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_walk_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES:
                yield path


def _read_file(path: Path, max_bytes: int, name: str) -> Iterator[Article | ArticleError]:
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        yield from read_jsonl(path, max_bytes, name)
        return
    try:
        yield (read_txt if kind == "txt" else read_html)(path, max_bytes, name)
    except ArticleError as exc:
        yield exc


def read_txt(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None) -> Article:
    """One plain-text article: the text is the whole decoded file, offsets included."""
    name = name or display_path(path)[0]
    decoded = decode_bytes(read_limited(path, max_bytes, name), source=name)
    if not decoded.text.strip():
        raise ArticleError("is empty (no text); remove it or put the article in it", source=name)
    return build_article(decoded.text, path=name, warnings=(decoded.warning,) if decoded.warning else ())


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None) -> Article:
    """One web page: its extracted main text and the metadata found in it."""
    from kg.ingest.html_page import declared_charset, extract_page  # lxml: ≈0.13 s, only for pages

    name = name or display_path(path)[0]
    raw = read_limited(path, max_bytes, name)
    decoded = decode_bytes(raw, source=name, preferred=declared_charset(raw))
    if not decoded.text.strip():
        raise ArticleError("is empty (no text); remove it or put the article in it", source=name)
    page = extract_page(decoded.text, source=name)
    warnings = ((decoded.warning,) if decoded.warning else ()) + page.warnings
    return build_article(page.text, path=name, title=page.title, given_date=page.date,
                         source=page.source, url=page.url, warnings=warnings)
