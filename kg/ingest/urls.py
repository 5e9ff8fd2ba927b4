"""An article's URL as given, made safe to store and to link: an absolute http(s) IRI or nothing.

The URL becomes an IRI in the graph (``schema:url``) and a link in the HTML report, so
a value that is not a valid IRI would fail the whole store transaction, and a
``javascript:`` or ``data:`` URL would be a script in the report.  ``clean_url``
keeps ``http``/``https`` URLs, percent-encodes the characters RFC 3987 does not allow
where they are (spaces, ``<>"{}|\\^```, controls, ``[`` ``]`` outside an IPv6 host, a
second ``#``, a ``%`` not followed by two hex digits, non-characters and private-use
characters outside the query), and leaves out (with a warning) what cannot be
repaired: another scheme, a relative reference, a bad IPv6 host or port.
"""

from __future__ import annotations

import ipaddress
import re

SCHEMES = frozenset({"http", "https"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SPLIT = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>.*)", re.DOTALL)
_ASCII_OK = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?")
_PCT = re.compile(r"%[0-9A-Fa-f]{2}")
#: RFC 3987 ucschar: the non-ASCII characters an IRI may hold anywhere.
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0000, 0x10000)) + ((0xE1000, 0xEFFFD),)
#: RFC 3987 iprivate: also allowed in the query.
_IPRIVATE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_PORT = re.compile("[0-9]+")
_IPV_FUTURE = re.compile(r"v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+")


class _Unusable(ValueError):
    """The URL cannot be made a valid http(s) IRI."""


def clean_url(url: str) -> tuple[str, tuple[str, ...]]:
    """(the URL to store, warnings): an absolute http(s) IRI, or "" when there is none usable."""
    given = url.strip()
    if not given:
        return "", ()
    try:
        cleaned = _clean(given)
    except _Unusable as exc:
        return "", (f"the url {_show(given)} was left out: {exc}; give an absolute http(s) URL",)
    if cleaned != given:
        return cleaned, (f"the url {_show(given)} held characters an IRI does not allow; "
                         f"they were percent-encoded: {_show(cleaned)}",)
    return cleaned, ()


def _clean(url: str) -> str:
    scheme = _SCHEME.match(url)
    if scheme is not None and scheme[1].lower() not in SCHEMES:
        raise _Unusable(f"the scheme {scheme[1]!r} is not http or https")
    match = _SPLIT.fullmatch(url)
    if match is None:
        raise _Unusable("it is not an absolute URL (http(s)://host/...)")
    scheme = match["scheme"]
    rest = match["rest"]
    rest, hash_, fragment = rest.partition("#")
    path, question, query = rest.partition("?")
    return "".join((
        scheme, "://", _authority(match["authority"]),
        _encode(path, ""), question, _encode(query, "?"), hash_, _encode(fragment, "#"),
    ))


def _authority(authority: str) -> str:
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("["):
        host, bracket, port = hostport[1:].partition("]")
        if not bracket or not (_IPV_FUTURE.fullmatch(host) or _is_ipv6(host)):
            raise _Unusable("its host is not a valid IPv6 address")
        host = f"[{host}]"
        if port and not port.startswith(":"):
            raise _Unusable("something follows its IPv6 host")
        port = port[1:] if port else None
    else:
        host, colon, port = hostport.partition(":")
        host = _encode(host, "host")
        port = port if colon else None
    if port and not _PORT.fullmatch(port):
        raise _Unusable(f"its port {port!r} is not a number")
    return (_encode(userinfo, "@") + at if at else "") + host + (f":{port}" if port is not None else "")


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def _encode(part: str, where: str) -> str:
    """``part`` with every character its IRI component does not allow percent-encoded."""
    out: list[str] = []
    for i, char in enumerate(part):
        if char == "%":
            out.append("%" if _PCT.match(part, i) else "%25")
        elif _allowed(char, where):
            out.append(char)
        else:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass")))
    return "".join(out)


def _allowed(char: str, where: str) -> bool:
    if char.isascii():
        if where == "host":
            return char in _ASCII_OK and char not in ":@/?"
        if where == "@":
            return char in _ASCII_OK and char not in "@/?"
        return char in _ASCII_OK
    code = ord(char)
    if any(lo <= code <= hi for lo, hi in _UCSCHAR):
        return True
    return where == "?" and any(lo <= code <= hi for lo, hi in _IPRIVATE)


def _show(text: str, limit: int = 120) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")
