"""``POST /check`` and the paste-an-article page ``GET /check`` of ``kg serve``.

One :class:`kg.api.Kg` per process, on its own embedded in-memory store with the
Wikidata snapshot (not the served store, which stays read-only): the spaCy
pipeline and the knowledge base load once (``kg serve`` warms them at start), and
each request's article graph is dropped after its check, so memory stays flat.

Request: JSON ``{"text": ..., "date": "YYYY-MM-DD", "title": ..., "url": ...}``, or
``{"url": ...}`` alone to fetch the page.  Same safety defaults as the endpoint:
the body is limited to ``max_body_bytes`` (413), a URL is fetched only over
http(s) and only from a public address (never the service's own network), with
a 10 s timeout and a 5 MB limit.  Answer: ``{"conflicts": [...], "unverifiable":
[...], "events": [...], "articles": [...], "text": ..., "summary": ...}`` with the
records of ``kg check --format jsonl``; an article that cannot be checked (empty,
not English, a URL that fails) is a 422 ``{"error": ..., "status": 422}``, never
an empty list of conflicts.  Checks run one at a time (one store writer) in a
worker thread, off the event loop.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Mapping

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .config import Settings
from .errors import ArticleError, KgError

FETCH_TIMEOUT = 10.0
FETCH_MAX_BYTES = 5_000_000

_checker = None
_checker_lock = threading.Lock()


def checker():
    """The process's Kg (made, and warmed, on first use)."""
    global _checker
    with _checker_lock:
        if _checker is None:
            from .api import Kg

            _checker = Kg(None).warm()
            from .language import identify

            identify("warm up the language model")
        return _checker


def warm_in_background() -> threading.Thread:
    """Load the pipeline and the knowledge base now, in a thread (``kg serve`` calls this)."""
    thread = threading.Thread(target=checker, name="kg-check-warm", daemon=True)
    thread.start()
    return thread


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLarge(int(declared))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge(size)
        chunks.append(chunk)
    return b"".join(chunks)


class _TooLarge(Exception):
    pass


def _run_check(payload: dict) -> dict:
    from .ingest.adhoc import text_article
    from .ingest.fetch import fetch_article

    text, url = payload.get("text"), payload.get("url") or ""
    date, title = payload.get("date"), payload.get("title") or ""
    if text is None or (isinstance(text, str) and not text.strip() and url):
        if not url:
            raise ArticleError('give the article as "text" (with "date"), or a "url" to fetch')
        article = fetch_article(str(url), timeout=FETCH_TIMEOUT, max_bytes=FETCH_MAX_BYTES,
                                allow_private=False, date=date, title=str(title))
    else:
        article = text_article(text, date=date, title=str(title), url=str(url))
    result = checker().check_articles([article], keep=False)
    return {**result.to_dict(), "text": article.text, "title": article.title, "date": article.date}


def check_routes(settings: Settings | Mapping[str, Any] | None = None) -> list[Route]:
    """The routes to add to the ``kg serve`` app: ``GET /check`` (the page), ``POST /check`` (a body
    over ``settings.max_body_bytes`` is refused)."""
    limit = Settings.of(settings).max_body_bytes

    async def check_endpoint(request: Request) -> Response:
        if request.method == "GET":
            return HTMLResponse(PAGE)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return _error(415, 'send the article as JSON (Content-Type: application/json): '
                               '{"text": ..., "date": "YYYY-MM-DD"} or {"url": ...}')
        try:
            payload = json.loads(await _body(request, limit))
        except _TooLarge:
            return _error(413, f"request body is over max_body_bytes ({limit})")
        except (ValueError, UnicodeDecodeError) as exc:
            return _error(400, f"the body is not valid JSON ({exc})")
        if not isinstance(payload, dict):
            return _error(400, 'the body must be a JSON object: {"text": ..., "date": ...} or {"url": ...}')
        try:
            answer = await run_in_threadpool(_run_check, payload)
        except ArticleError as exc:
            return _error(422, f"nothing was checked: {exc}")
        except KgError as exc:
            return _error(500, str(exc))
        return JSONResponse(answer)

    return [Route("/check", check_endpoint, methods=["GET", "POST"])]


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg: check an article</title>
<style>
body{font-family:system-ui,sans-serif;margin:1em auto;max-width:60em;padding:0 1em;line-height:1.45}
textarea{width:100%;height:12em;box-sizing:border-box;font:inherit}
input{font:inherit;padding:.3em;box-sizing:border-box}#url{width:100%}
.row{display:flex;gap:.6em;flex-wrap:wrap;align-items:center;margin:.5em 0}
button{font:inherit;padding:.4em 1.2em}
#error{color:#a00;white-space:pre-wrap}
#text{white-space:pre-wrap;border:1px solid #ccc;padding:.8em;border-radius:4px}
mark.conflict{background:#ffd1d1;border-bottom:2px solid #c00}mark.unverifiable{background:#eee}
.card{border-left:4px solid #c00;padding:.4em .8em;margin:.6em 0;background:#fff6f6}
.card.unverifiable{border-color:#999;background:#f7f7f7}.kind{font-weight:bold}
</style></head><body>
<h1>Check an article</h1>
<p>Paste an article (English) or give the URL of a page; kg finds the claims about office holders that
contradict Wikidata. <a href="/">SPARQL endpoint</a></p>
<form id="form">
<textarea id="article" placeholder="Paste the article here (first line: its title)"></textarea>
<div class="row"><label>or URL <input id="url" type="url" placeholder="https://..."></label></div>
<div class="row"><label>Date <input id="date" type="date"></label><button type="submit">Check</button>
<span id="status"></span></div>
</form>
<div id="error"></div><div id="summary"></div><div id="cards"></div><div id="text" hidden></div>
<script>
const $ = id => document.getElementById(id);
function mark(text, spans) {
  const out = document.createDocumentFragment(); let at = 0;
  spans.sort((a, b) => a.start - b.start).forEach(s => {
    if (s.start < at) return;
    out.append(text.slice(at, s.start));
    const m = document.createElement('mark'); m.className = s.cls; m.title = s.why; m.textContent = text.slice(s.start, s.end);
    out.append(m); at = s.end;
  });
  out.append(text.slice(at)); return out;
}
function card(r, cls) {
  const d = document.createElement('div'); d.className = 'card ' + cls;
  const k = document.createElement('span'); k.className = 'kind'; k.textContent = (r.type || cls) + ': ';
  const q = document.createElement('q'); q.textContent = r.surface;
  const p = document.createElement('p'); p.textContent = r.explanation || '';
  d.append(k, q, p);
  (r.evidence || []).forEach(e => { const a = document.createElement('div');
    a.textContent = 'Wikidata: ' + e.value + ' [' + (e.start || '?') + ' – ' + (e.end || 'open') + ']'; d.append(a); });
  return d;
}
$('form').addEventListener('submit', async ev => {
  ev.preventDefault(); $('error').textContent = ''; $('cards').replaceChildren(); $('summary').textContent = '';
  $('text').hidden = true; $('status').textContent = 'checking…';
  const body = {text: $('article').value, date: $('date').value || null, url: $('url').value || null};
  if (!body.text.trim()) delete body.text;
  try {
    const res = await fetch('check', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    const data = await res.json();
    if (!res.ok) { $('error').textContent = data.error; return; }
    $('summary').textContent = data.conflicts.length + ' conflict(s) with Wikidata. ' + data.summary;
    data.conflicts.forEach(c => $('cards').append(card(c, 'conflict')));
    data.unverifiable.forEach(u => $('cards').append(card(u, 'unverifiable')));
    const spans = data.conflicts.map(c => ({start: c.start, end: c.end, cls: 'conflict', why: c.explanation}))
      .concat(data.unverifiable.map(u => ({start: u.start, end: u.end, cls: 'unverifiable', why: u.explanation})));
    $('text').replaceChildren(mark(data.text, spans)); $('text').hidden = false;
  } catch (e) { $('error').textContent = String(e); }
  finally { $('status').textContent = ''; }
});
const given = new URLSearchParams(location.search);  // /check?text=...&date=... (or url=) checks at once
if (given.get('text') || given.get('url')) {
  $('article').value = given.get('text') || ''; $('url').value = given.get('url') || ''; $('date').value = given.get('date') || '';
  $('form').requestSubmit();
}
</script></body></html>
"""
