"""The landing page of `kg serve`: a self-contained query editor (inline CSS and JS, no CDN)
with the named queries of ``queries/`` one click away and links to the endpoint, the ontology
and the conflicts graph."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from .errors import KgError
from .queries import catalogue
from .vocab import CONFLICTS_GRAPH, ONTOLOGY_IRI


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em}
textarea{width:100%;height:14em;font-family:monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
#queries li{cursor:pointer;color:#036}#queries li:hover{text-decoration:underline}
#error{color:#a00;white-space:pre-wrap}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Endpoint: <a href="sparql">/sparql</a> (SPARQL 1.1 Protocol) &middot;
Ontology: <a href="ontology">documentation</a> (<a href="ontology.ttl">Turtle</a>; IRI __ONTOLOGY__) &middot;
Conflict report: <a href="rdf-graphs/service?graph=__CONFLICTS__">the conflicts graph</a> (Turtle) &middot;
Prefixes dip:, wd:, wdt:, ... are predeclared.</p>
<form id="form"><textarea id="query" name="query">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25</textarea>
<button type="submit">Run</button></form>
<div id="error"></div><div id="results"></div>
<h2>Named queries</h2><ul id="queries">__ITEMS__</ul>
<script>
const QUERIES = __QUERIES__;
document.querySelectorAll('#queries li').forEach(li => li.addEventListener('click', () => {
  document.getElementById('query').value = QUERIES[li.dataset.name];
}));
document.getElementById('form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const err = document.getElementById('error'), out = document.getElementById('results');
  err.textContent = ''; out.textContent = 'running...';
  const resp = await fetch('sparql', {method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/sparql-results+json'},
    body: new URLSearchParams({query: document.getElementById('query').value})});
  const text = await resp.text();
  out.textContent = '';
  if (!resp.ok) { err.textContent = resp.status + ': ' + text; return; }
  const data = JSON.parse(text);
  if ('boolean' in data) { out.textContent = String(data.boolean); return; }
  const table = document.createElement('table'), head = table.insertRow();
  data.head.vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
  data.results.bindings.forEach(b => { const row = table.insertRow();
    data.head.vars.forEach(v => { row.insertCell().textContent = b[v] ? b[v].value : ''; }); });
  out.appendChild(table);
  if (resp.headers.get('X-KG-Truncated')) out.appendChild(document.createTextNode('(truncated)'));
});
</script></body></html>
"""


def landing_page() -> str:
    """The HTML of ``/``: a query editor and the named queries, all inline."""
    try:
        named = catalogue()
        queries = {name: q.text for name, q in named.items()}
        descriptions = {name: q.description for name, q in named.items()}
    except (KgError, OSError):
        queries, descriptions = {}, {}
    items = "".join(
        f'<li data-name="{escape(name)}" title="{escape(descriptions[name])}">{escape(name)}</li>'
        for name in queries
    )
    data = json.dumps(queries).replace("</", "<\\/")
    return (_PAGE.replace("__ONTOLOGY__", escape(ONTOLOGY_IRI))
            .replace("__CONFLICTS__", quote(str(CONFLICTS_GRAPH), safe=""))
            .replace("__ITEMS__", items).replace("__QUERIES__", data))
