"""HTTP authentication for ``kg push``: Basic, Digest, or whichever the target asks for."""

from __future__ import annotations

import httpx

from .errors import ExportError

SCHEMES = ("auto", "basic", "digest")


PROBE_OVER = 64 * 1024  # a body bigger than this is not sent only to be refused: a HEAD asks first


class ChallengeAuth(httpx.Auth):
    """Answer the scheme the target's first ``401`` asks for (Digest or Basic), like curl's
    ``--anyauth``: no password goes out before the target asks, and never as Basic to a target
    that asked for Digest.  After the first challenge every request is authenticated directly.

    The challenge is learnt once per client, from a ``HEAD`` on the same URL when the first
    request carries a big body (a server may reset the connection on a 401 without reading a
    big body, as Virtuoso does), else from the request itself; it is then answered in place,
    without sending the request unauthenticated a second time.  ``only`` fixes the scheme."""

    requires_request_body = True

    def __init__(self, user: str, password: str, only: str | None = None):
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._only = only
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request):
        if self._chosen is None and len(request.content) > PROBE_OVER:
            probe = httpx.Request("HEAD", request.url, headers={
                k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "content-type")})
            self._learn(probe, (yield probe))
        if self._chosen is None:
            response = yield request
            if not self._learn(request, response):
                return
        yield from self._chosen.auth_flow(request)

    def _learn(self, request, response) -> bool:
        """Take the scheme from a 401's challenge (and prime Digest with it); whether one was given."""
        if response.status_code != 401:
            return False
        asked = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        scheme = self._only or ("digest" if asked == "digest" else "basic")
        if scheme == "digest":
            flow = self._digest.auth_flow(request)
            next(flow)
            try:
                flow.send(response)  # httpx keeps the challenge: later requests carry the answer
            except StopIteration:  # no Digest challenge in it: the target will say so again
                pass
        self._chosen = self._digest if scheme == "digest" else self._basic
        return True


def client_auth(user: str | None, password: str | None, scheme: str = "auto") -> httpx.Auth | None:
    """The httpx auth for these credentials (None without a user)."""
    if scheme not in SCHEMES:
        raise ExportError(f"unknown --auth {scheme!r}: use one of {', '.join(SCHEMES)}")
    if not user:
        return None
    password = password or ""
    if scheme == "basic":
        return httpx.BasicAuth(user, password)
    if scheme == "digest":
        return ChallengeAuth(user, password, only="digest")
    return ChallengeAuth(user, password)
