"""Bytes to text: size limit, binary detection and the encoding fallback chain.

UTF-8 first (a leading BOM is dropped; UTF-16 is read when it starts with its BOM),
then cp1252, then latin-1, which never fails.  Data with NUL bytes is refused: as
UTF-16 without a BOM when every other byte is zero (kg does not guess the byte
order), else as binary.  A file that starts with a UTF-8 BOM
stays UTF-8, its bad bytes replaced by U+FFFD.  A fallback is not an error: the text
is returned with a warning so the caller can record it on the article.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from kg.errors import ArticleError
from kg.ingest.files import LIMIT_HINT, read_limited  # noqa: F401 - re-exported

#: Share of control characters above which decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Unicode Cc less \t \n \v \f \r
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and any warning about it."""

    text: str
    encoding: str
    warning: str | None = None


def decode_bytes(raw: bytes, *, source: str, line: int | None = None,
                 preferred: str | None = None) -> Decoded:
    """Decode ``raw`` (UTF-16 by BOM, ``preferred``, UTF-8, cp1252, latin-1).

    Raises ArticleError when the data looks binary.  ``preferred`` is an encoding
    declared by the document itself (an HTML ``<meta charset>``).
    """
    if raw.startswith(UTF16_BOMS):
        decoded = _try_utf16(raw)
    elif b"\x00" in raw:
        if utf16_byte_order(raw) is not None:
            raise ArticleError("looks like UTF-16 text without a byte-order mark (every other byte "
                               "is zero); re-save it as UTF-8", source=source, line=line)
        raise _binary(source, line)
    else:
        decoded = _decode_text(raw, preferred)
    if looks_binary(decoded.text):
        raise _binary(source, line)
    return decoded


def looks_binary(text: str) -> bool:
    """True when more than MAX_CONTROL_SHARE of the characters are control codes."""
    return "\x00" in text or len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text)


def _try_utf16(raw: bytes) -> Decoded:
    text = raw.decode("utf-16", errors="replace")  # the BOM picks the byte order and is dropped
    warning = None
    if "\ufffd" in text:
        warning = "some UTF-16 characters could not be decoded and were replaced by U+FFFD"
    return Decoded(text, "utf-16", warning)


def utf16_byte_order(raw: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``raw`` looks like BOM-less UTF-16, else None.

    The sign: at least one code unit in eight has a zero high byte (ASCII letters,
    digits, spaces, punctuation: Latin text has many, Cyrillic or Greek text its
    spaces), no low byte is zero, and the data decodes to text, not control codes.
    """
    if len(raw) < 4:
        return None
    units = len(raw) // 2
    for codec, high, low in (("utf-16-le", raw[1::2], raw[0::2]), ("utf-16-be", raw[0::2], raw[1::2])):
        if high.count(0) * 8 >= units and low[:units].count(0) == 0 and _reads_as_text(raw, codec):
            return codec
    return None


def _reads_as_text(raw: bytes, codec: str) -> bool:
    """Whether ``raw`` decodes as ``codec`` to text: binary data (packed integers, images) does not."""
    try:
        text = raw[: len(raw) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return False
    return not looks_binary(text)


def _decode_text(raw: bytes, preferred: str | None) -> Decoded:
    declared = _declared_codec(preferred)
    if declared is not None:
        try:
            return Decoded(raw.decode(declared), declared)
        except (UnicodeError, LookupError):
            pass  # the declaration is wrong or not a text encoding: use the usual chain
    has_bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8):] if has_bom else raw
    try:
        return Decoded(body.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(raw) - len(body)
        where = f"invalid byte 0x{raw[offset]:02x} at offset {offset}"
    if has_bom:  # a UTF-8 BOM says UTF-8: keep it, marking the bad bytes
        return Decoded(body.decode("utf-8", errors="replace"), "utf-8",
                       f"not valid UTF-8 despite its BOM ({where}); bad bytes replaced by U+FFFD")
    for fallback in ("cp1252", "latin-1"):
        try:
            text = raw.decode(fallback)
        except UnicodeDecodeError:
            continue
        return Decoded(text, fallback, f"not valid UTF-8 ({where}); decoded as {fallback}: "
                                       "check accented characters, or re-save the file as UTF-8")
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _declared_codec(name: str | None) -> str | None:
    """The codec to try first for a declared charset; None to use the usual chain.

    As browsers do, a declared latin-1 or ASCII is read as cp1252 and a declared
    UTF-16/32 (impossible in a page that was read as ASCII-compatible) is ignored.
    """
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("iso8859-1", "ascii"):
        return "cp1252"
    return None if codec == "utf-8" or codec.startswith(("utf-16", "utf-32")) else codec


def _binary(source: str, line: int | None) -> ArticleError:
    return ArticleError("looks binary (NUL bytes or mostly control characters), not text; "
                        "give kg the article as .txt, .jsonl or .html", source=source, line=line)
