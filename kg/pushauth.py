"""HTTP authentication for ``kg push``: Basic, Digest, or whichever the target asks for."""

from __future__ import annotations

import httpx

from .errors import ExportError

SCHEMES = ("auto", "basic", "digest")


class ChallengeAuth(httpx.Auth):
    """Answer the scheme the target's first ``401`` asks for (Digest or Basic), like curl's
    ``--anyauth``: no password goes out before the target asks, and never as Basic to a target
    that asked for Digest.  After the first challenge every request is authenticated directly."""

    requires_request_body = True

    def __init__(self, user: str, password: str):
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request):
        if self._chosen is None:
            response = yield request
            if response.status_code != 401:
                return
            scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
            self._chosen = self._digest if scheme == "digest" else self._basic
        yield from self._chosen.auth_flow(request)


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
        return httpx.DigestAuth(user, password)
    return ChallengeAuth(user, password)
