"""Fetch one article from a URL the user gave: http(s) only, bounded in time and size.

The one module of the ingest stage that touches the network, and only when asked
(``kg check URL``, ``kg.open().check_url(url)``, ``POST /check`` with a url).

* Only ``http`` and ``https``, also for redirects (at most ``MAX_REDIRECTS``).
* ``timeout`` seconds to connect and for each read, and as a deadline for the whole
  download; at most ``max_bytes`` bytes are read (no compression is asked for, so
  none has to be undone).
* ``allow_private=False`` (the service's default) refuses a host that resolves to
  a loopback, private, link-local or otherwise non-public address, so a request to
  kg's service cannot make it fetch from the network it runs in.  The address is
  checked when the connection is made (a check on a separate DNS look-up could be
  raced by a DNS answer that changes).
* HTML pages go through :func:`kg.ingest.html_page.extract_page` (trafilatura: main
  text, title, date); ``text/plain`` is taken as it is.  Failures are ArticleErrors
  naming the URL and what to do.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message

from kg.errors import ArticleError
from kg.ingest.assemble import build_article
from kg.ingest.decode import decode_bytes
from kg.ingest.html_page import declared_charset, extract_page
from kg.model import Article

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = "kg-diplomacy/0.1 (fact-checking; +https://w3id.org/kg-diplomacy)"
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class _Refused(OSError):
    """A connection kg will not make."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _guarded(connection_class):
    class Guarded(connection_class):
        def connect(self):
            super().connect()
            peer = self.sock.getpeername()[0]
            if not is_public(peer):
                self.sock.close()
                raise _Refused(f"its host {self.host} is at {peer}, a private or local address")
    return Guarded


class _PublicHTTP(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_guarded(http.client.HTTPConnection), req)


class _PublicHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_guarded(http.client.HTTPSConnection), req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, location)).scheme.lower()
            if scheme not in ("http", "https"):
                fp.close()
                raise urllib.error.URLError(f"it redirects to a {scheme} URL, not http(s)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def check_url(url: str) -> str:
    """The URL, stripped; ArticleError when it is not an absolute http(s) URL."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ArticleError("is not an http(s) URL; kg fetches only http:// and https:// pages "
                           "(save the page and give the file instead)", source=url or "(empty URL)")
    return url


def fetch_article(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                  allow_private: bool = True, date: object = None, title: str = "") -> Article:
    """The article at ``url``: fetched, its main text, title and date extracted.

    ``date``/``title`` override what the page says.
    """
    url = check_url(url)
    raw, headers, final = _download(url, timeout, max_bytes, allow_private)
    kind = (headers.get_content_type() or "").lower()
    charset = headers.get_content_charset()
    if kind not in _TYPES:
        raise ArticleError(f"is {kind or 'of no declared type'}, not a web page or text; "
                           "give kg the article as HTML or text", source=url)
    decoded = decode_bytes(raw, source=url, preferred=charset or (declared_charset(raw) if kind != "text/plain" else None))
    if not decoded.text.strip():
        raise ArticleError("the page is empty (no text)", source=url)
    warnings = (decoded.warning,) if decoded.warning else ()
    if kind == "text/plain":
        return build_article(decoded.text, path=url, title=title, given_date=date, url=final, warnings=warnings)
    page = extract_page(decoded.text, source=url)
    return build_article(page.text, path=url, title=title or page.title,
                         given_date=date if date is not None and str(date).strip() else page.date,
                         source=page.source, url=page.url or final, warnings=warnings + page.warnings)


def _download(url: str, timeout: float, max_bytes: int, allow_private: bool) -> tuple[bytes, Message, str]:
    handlers = [_Redirects()]
    if not allow_private:
        handlers += [_PublicHTTP(), _PublicHTTPS()]
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                   "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            chunks, size = [], 0
            while size <= max_bytes:
                if time.monotonic() > deadline:
                    raise ArticleError(f"the page took longer than {timeout:g} s to download; "
                                       "try again, or save it and give the file", source=url)
                chunk = response.read(min(65536, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > max_bytes:
                raise ArticleError(f"the page is over {max_bytes:,} bytes; save the article and give the file",
                                   source=url)
            return b"".join(chunks), response.headers, response.geturl()
    except urllib.error.HTTPError as exc:
        raise ArticleError(f"the server answered {exc.code} {exc.reason}; check the URL", source=url) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, _Refused):
            raise ArticleError(f"was not fetched: {reason}; this kg fetches only public addresses",
                               source=url) from exc
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise ArticleError(f"no answer within {timeout:g} s; check the URL or try again", source=url) from exc
        if isinstance(reason, socket.gaierror):
            raise ArticleError("its host name could not be resolved (no network, or a typo); check the URL",
                               source=url) from exc
        raise ArticleError(f"cannot be fetched ({reason}); check the URL", source=url) from exc
    except _Refused as exc:
        raise ArticleError(f"was not fetched: {exc}; this kg fetches only public addresses", source=url) from exc
    except (TimeoutError, socket.timeout) as exc:
        raise ArticleError(f"no answer within {timeout:g} s; check the URL or try again", source=url) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise ArticleError(f"cannot be fetched ({exc}); check the URL", source=url) from exc
