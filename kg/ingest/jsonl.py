"""Read JSON Lines: one article object per line, streamed, each line on its own.

Fields ``id, title, text, date, source, url`` fill the Article (``outlet`` or
``publisher`` stand in for a missing ``source``); every other field is kept in
``Article.metadata``.  ``max_bytes`` limits each line, not the file.  A bad line
becomes an ArticleError with its line number and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.errors import ArticleError
from kg.ingest.assemble import build_article, replace_surrogates
from kg.ingest.decode import UTF16_BOMS, decode_bytes
from kg.ingest.files import LIMIT_HINT, display_path, open_regular, os_error_message
from kg.model import Article

FIELDS = frozenset({"id", "title", "text", "date", "source", "url"})
SOURCE_ALIASES = ("outlet", "publisher")
_CHUNK = 1 << 20


def read_jsonl(path: Path, max_bytes: int, name: str | None = None) -> Iterator[Article | ArticleError]:
    """Articles and per-line errors of one JSONL file, in line order (``name``: the path as printed)."""
    name = name or display_path(path)[0]
    try:
        stream = open_regular(path, name)
    except ArticleError as exc:
        yield exc
        return
    with stream:
        try:
            if _is_utf16(stream):
                yield ArticleError("is UTF-16 text, but JSON Lines files are UTF-8; re-save it as UTF-8",
                                   source=name)
                return
            for lineno, raw, size in _bounded_lines(stream, max_bytes):
                if raw is None:
                    yield ArticleError(f"line is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
                                       f"split the record, or raise the limit ({LIMIT_HINT})",
                                       source=name, line=lineno)
                elif raw.strip():
                    try:
                        yield parse_record(raw, path=name, line=lineno)
                    except ArticleError as exc:
                        yield exc
        except OSError as exc:
            yield ArticleError(os_error_message(exc), source=name)


def parse_record(raw: bytes, *, path: Path | str, line: int) -> Article:
    """One JSONL line as an Article; ArticleError when it is not a usable record."""
    def fail(message: str) -> ArticleError:
        return ArticleError(message, source=str(path), line=line)

    decoded = decode_bytes(raw, source=str(path), line=line)
    try:
        record = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}); "
                   "fix or remove the line") from exc
    except RecursionError as exc:
        raise fail("JSON nested too deeply; fix or remove the line") from exc
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail("no article text: \"text\" is missing, empty or not a string; "
                   "put the article body in \"text\"")
    text, warnings = replace_surrogates(text)
    if decoded.warning:
        warnings = (decoded.warning, *warnings)
    try:
        return _record_article(record, text, warnings, path=f"{path}:{line}")
    except ArticleError as exc:  # a field refused (an id too long): located by line
        raise fail(exc.reason) from exc


def _record_article(record: dict, text: str, warnings: tuple[str, ...], *, path: str) -> Article:
    return build_article(
        text,
        path=path,
        given_id=_scalar(record.get("id")),
        title=_scalar(record.get("title")),
        given_date=record.get("date"),
        source=_scalar(record.get("source")) or next(
            (_scalar(record.get(k)) for k in SOURCE_ALIASES if _scalar(record.get(k))), ""),
        url=_scalar(record.get("url")),
        warnings=warnings,
        metadata={k: v for k, v in record.items() if k not in FIELDS},
    )


def _scalar(value: Any) -> str:
    """A JSON scalar as text; None, lists and objects as ""."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return ""
    return replace_surrogates(str(value))[0]


def _is_utf16(stream: IO[bytes]) -> bool:
    """Whether the file starts with a UTF-16 BOM (never the start of UTF-8).

    Without a BOM each line is refused on its own ("looks like UTF-16").
    """
    return stream.peek(2)[:2].startswith(UTF16_BOMS)


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over ``limit`` bytes, size) without holding long lines."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield lineno, line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
            size += len(line)
        yield lineno, None, size
