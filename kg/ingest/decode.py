"""Bytes to text: size limit, binary detection and the encoding fallback chain.

UTF-8 first (a leading BOM is dropped; UTF-16 is read when it starts with its BOM),
then cp1252, then latin-1, which never fails.  A fallback is not an error: the text
is returned with a warning so the caller can record it on the article.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ArticleError

#: Share of control characters above which decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warning about it."""

    text: str
    encoding: str
    warning: str | None = None


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a whole file, refusing files over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes; "
                "split it, or raise the limit with read_articles(..., max_bytes=N)",
                source=str(path),
            )
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read the file ({exc.strerror or exc}); check its permissions",
                           source=str(path)) from exc


def decode_bytes(raw: bytes, *, source: str, line: int | None = None,
                 preferred: str | None = None) -> Decoded:
    """Decode ``raw`` (UTF-16 by BOM, ``preferred``, UTF-8, cp1252, latin-1).

    Raises ArticleError when the data looks binary.  ``preferred`` is an encoding
    declared by the document itself (an HTML ``<meta charset>``).
    """
    if raw.startswith(_UTF16_BOMS):
        decoded = _try_utf16(raw)
    else:
        if b"\x00" in raw:
            raise _binary(source, line)
        decoded = _decode_text(raw, preferred)
    if looks_binary(decoded.text):
        raise _binary(source, line)
    return decoded


def looks_binary(text: str) -> bool:
    """True when more than MAX_CONTROL_SHARE of the characters are control codes."""
    if not text:
        return False
    controls = sum(1 for ch in text if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls > MAX_CONTROL_SHARE * len(text) or "\x00" in text


def _try_utf16(raw: bytes) -> Decoded:
    text = raw.decode("utf-16", errors="replace")  # the BOM picks the byte order and is dropped
    warning = None
    if "\ufffd" in text:
        warning = "some UTF-16 characters could not be decoded and were replaced by U+FFFD"
    return Decoded(text, "utf-16", warning)


def _decode_text(raw: bytes, preferred: str | None) -> Decoded:
    if preferred and _known_codec(preferred) not in (None, "utf-8"):
        try:
            return Decoded(raw.decode(preferred), _known_codec(preferred) or preferred)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to the usual chain
    try:
        return Decoded(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        where = f"invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}"
    for fallback in ("cp1252", "latin-1"):
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError:
            continue
        return Decoded(text, fallback, f"not valid UTF-8 ({where}); decoded as {fallback}: "
                                       "check accented characters, or re-save the file as UTF-8")
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _binary(source: str, line: int | None) -> ArticleError:
    return ArticleError("looks binary (NUL bytes or mostly control characters), not text; "
                        "give kg the article as .txt, .jsonl or .html", source=source, line=line)
