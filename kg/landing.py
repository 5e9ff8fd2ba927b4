"""The landing page of `kg serve`: a self-contained query editor (inline CSS and JS, no CDN)
with the named queries of ``queries/`` one click away and links to the endpoint, the ontology
and the conflicts graph.

Results: SELECT rows as a table whose IRIs are shown compact (``wd:Q76``) with their labels (looked
up by ``POST /labels``), each a link that DESCRIBEs the item on this page (``?query=``) and, for
Wikidata items, a link to Wikidata; a CSV download of the rows (built from the JSON shown,
spreadsheet-safe); CONSTRUCT and DESCRIBE results as Turtle, with a download."""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from .errors import KgError
from .queries import catalogue
from .labels import MAX_IRIS
from .vocab import CONFLICTS_GRAPH, ONTOLOGY_IRI, PREFIXES


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg SPARQL endpoint</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em}
textarea{width:100%;height:14em;font-family:monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
#queries li{cursor:pointer;color:#036}#queries li:hover{text-decoration:underline}
#error{color:#a00;white-space:pre-wrap}
#tools{margin-top:.8em}#tools button{margin-right:.6em}
.label{color:#555;display:block;font-size:.9em}.wd{font-size:.8em;margin-left:.4em}
pre#turtle{background:#f6f6f6;padding:.8em;overflow:auto;white-space:pre}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Endpoint: <a href="sparql">/sparql</a> (SPARQL 1.1 Protocol) &middot;
Ontology: <a href="ontology">documentation</a> (<a href="ontology.ttl">Turtle</a>; IRI __ONTOLOGY__) &middot;
Conflict report: <a href="rdf-graphs/service?graph=__CONFLICTS__">the conflicts graph</a> (Turtle) &middot;
Check an article: <a href="check">paste it or give its URL</a> &middot;
Prefixes dip:, wd:, wdt:, ... are predeclared.</p>
<form id="form"><textarea id="query" name="query">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25</textarea>
<button type="submit">Run</button></form>
<p id="tools" hidden></p>
<div id="error"></div><div id="results"></div>
<h2>Named queries</h2><ul id="queries">__ITEMS__</ul>
<script>
const QUERIES = __QUERIES__;
const PREFIXES = __PREFIXES__;
const MAX_LABELS = __MAX_LABELS__;
const ACCEPT = 'application/sparql-results+json, text/turtle;q=0.9';
const WD_ENTITY = 'http://www.wikidata.org/entity/';

/* -- pure helpers (tests/test_landing.py runs them in node) -- */
function compact(iri) {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ':' + iri.slice(ns.length);
  }
  return iri;
}
function wikidataUrl(iri) {
  if (!iri.startsWith(WD_ENTITY)) return null;
  const id = iri.slice(WD_ENTITY.length);
  if (/^Q[0-9]+$/.test(id)) return 'https://www.wikidata.org/wiki/' + id;
  if (/^P[0-9]+$/.test(id)) return 'https://www.wikidata.org/wiki/Property:' + id;
  return null;
}
function describeHref(iri) { return '?query=' + encodeURIComponent('DESCRIBE <' + iri + '>'); }
function resultIris(data) {
  const seen = new Set();
  for (const b of data.results.bindings) {
    for (const v of data.head.vars) {
      if (b[v] && b[v].type === 'uri' && seen.size < MAX_LABELS) seen.add(b[v].value);
    }
  }
  return Array.from(seen);
}
function termText(term) { return term.type === 'bnode' ? '_:' + term.value : term.value; }
function csvCell(text) {
  if (/^[=+\\-@\\t\\r]/.test(text)) text = "'" + text;  /* spreadsheet-safe, as kg check --format csv */
  return /[",\\r\\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
function toCsv(data) {
  const vars = data.head.vars;
  const lines = [vars.map(csvCell).join(',')];
  for (const b of data.results.bindings) lines.push(vars.map(v => csvCell(b[v] ? termText(b[v]) : '')).join(','));
  return lines.join('\\r\\n') + '\\r\\n';
}
function termNode(doc, term) {
  const td = doc.createElement('td');
  if (!term) return td;
  if (term.type !== 'uri') { td.textContent = termText(term); return td; }
  const a = doc.createElement('a');
  a.href = describeHref(term.value); a.textContent = compact(term.value); a.title = term.value;
  td.appendChild(a);
  const wd = wikidataUrl(term.value);
  if (wd) {
    const w = doc.createElement('a');
    w.href = wd; w.textContent = 'Wikidata'; w.className = 'wd'; w.rel = 'noopener noreferrer'; w.target = '_blank';
    td.appendChild(w);
  }
  const label = doc.createElement('span');
  label.className = 'label'; label.dataset.iri = term.value;
  td.appendChild(label);
  return td;
}
function renderTable(doc, data) {
  const table = doc.createElement('table'), head = doc.createElement('tr');
  for (const v of data.head.vars) { const th = doc.createElement('th'); th.textContent = v; head.appendChild(th); }
  table.appendChild(head);
  for (const b of data.results.bindings) {
    const row = doc.createElement('tr');
    for (const v of data.head.vars) row.appendChild(termNode(doc, b[v]));
    table.appendChild(row);
  }
  return table;
}
function applyLabels(spans, labels) {
  for (const span of spans) {
    const label = labels[span.dataset.iri];
    if (label !== undefined) span.textContent = label;
  }
}

/* -- the page -- */
if (typeof document !== 'undefined') {
  const $ = id => document.getElementById(id);
  const save = (name, type, text) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
    a.download = name; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const offer = (caption, name, type, text) => {
    const button = document.createElement('button');
    button.type = 'button'; button.textContent = caption;
    button.addEventListener('click', () => save(name, type, text));
    $('tools').appendChild(button); $('tools').hidden = false;
  };
  async function run(query) {
    const err = $('error'), out = $('results');
    err.textContent = ''; out.textContent = 'running...'; $('tools').textContent = ''; $('tools').hidden = true;
    let resp, text;
    try {
      resp = await fetch('sparql', {method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': ACCEPT},
        body: new URLSearchParams({query: query})});
      text = await resp.text();
    } catch (e) { out.textContent = ''; err.textContent = String(e); return; }
    out.textContent = '';
    if (!resp.ok) { err.textContent = resp.status + ': ' + text; return; }
    const truncated = resp.headers.get('X-KG-Truncated') ? ' (truncated)' : '';
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    if (type === 'text/turtle') {  /* CONSTRUCT, DESCRIBE: the graph as Turtle */
      const pre = document.createElement('pre'); pre.id = 'turtle'; pre.textContent = text;
      out.appendChild(pre);
      offer('Download Turtle' + truncated, 'result.ttl', 'text/turtle', text);
      return;
    }
    const data = JSON.parse(text);
    if ('boolean' in data) { out.textContent = String(data.boolean); return; }
    out.appendChild(renderTable(document, data));
    out.appendChild(document.createTextNode(data.results.bindings.length + ' rows' + truncated));
    offer('Download CSV', 'result.csv', 'text/csv', toCsv(data));
    const iris = resultIris(data);
    if (!iris.length) return;
    const answer = await fetch('labels', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                          body: JSON.stringify({iris: iris})});
    if (answer.ok) applyLabels(out.querySelectorAll('span.label'), (await answer.json()).labels);
  }
  document.querySelectorAll('#queries li').forEach(li => li.addEventListener('click', () => {
    $('query').value = QUERIES[li.dataset.name];
  }));
  $('form').addEventListener('submit', ev => { ev.preventDefault(); run($('query').value); });
  const given = new URLSearchParams(location.search).get('query');  /* an item link: ?query=DESCRIBE <iri> */
  if (given) { $('query').value = given; run(given); }
}
</script></body></html>
"""


def landing_page() -> str:
    """The HTML of ``/``: a query editor and the named queries, all inline."""
    try:
        named = {name: q for name, q in catalogue().items() if not q.is_update}  # the editor runs queries
        queries = {name: q.text for name, q in named.items()}
        descriptions = {name: q.description for name, q in named.items()}
    except (KgError, OSError):
        queries, descriptions = {}, {}
    items = "".join(
        f'<li data-name="{escape(name)}" title="{escape(descriptions[name])}">{escape(name)}</li>'
        for name in queries
    )
    return (_PAGE.replace("__ONTOLOGY__", escape(ONTOLOGY_IRI))
            .replace("__CONFLICTS__", quote(str(CONFLICTS_GRAPH), safe=""))
            .replace("__ITEMS__", items).replace("__QUERIES__", _script_json(queries))
            .replace("__PREFIXES__", _script_json(PREFIXES)).replace("__MAX_LABELS__", str(MAX_IRIS)))


def _script_json(value) -> str:
    """JSON to put inside a <script> element (no "</" to end it early)."""
    return json.dumps(value).replace("</", "<\\/")
