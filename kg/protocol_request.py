"""One SPARQL 1.1 Protocol request read into an operation: which query or update, on which dataset.

The rules (SPARQL 1.1 Protocol, sections 2.1 and 2.2), as this endpoint applies them:

* a query comes by GET ``?query=``, by POST form (``application/x-www-form-urlencoded``
  or ``multipart/form-data``) or by POST ``application/sparql-query``; an update only by
  POST (form or ``application/sparql-update``): an update by GET is 405;
* exactly one ``query`` or one ``update`` (several, or both: 400);
* ``default-graph-uri``/``named-graph-uri`` (queries) and ``using-graph-uri``/
  ``using-named-graph-uri`` (updates) must be IRIs (400 otherwise); relative ones, like
  relative IRIs in the query or update text, are resolved against the endpoint's IRI;
  ``using-*`` together with USING, USING NAMED or WITH in the update is 400;
* the default graph, when the request names none (no ``*-graph-uri``, FROM, USING or
  WITH), is the union of all named graphs, for queries and for an update's WHERE alike
  (kg keeps every triple in a named graph; updates get a USING/USING NAMED per graph);
* a ``charset`` parameter of the Content-Type is honoured (any codec Python knows;
  an unknown one is 415, bytes that are not in it 400); UTF-8 is the default.

Screening (:mod:`kg.sparql_screen`) runs here too, so a refused operation never takes
a query slot.  This module runs in a thread, off the event loop.
"""

from __future__ import annotations

import codecs
import email.parser
import email.policy
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin

from .errors import HttpError
from .sparql_screen import Refused, Token, check_complexity, check_remote_access, tokens
from .store import QUERY_PREFIXES, check_iri

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass
class Operation:
    kind: str  # "query" or "update"
    text: str
    base: str
    dataset: dict = field(default_factory=dict)


def _media(content_type: str) -> tuple[str, str]:
    """(media type, charset) of a Content-Type header; 415 for a charset Python does not know."""
    media, *params = [p.strip() for p in content_type.split(";")]
    charset = "utf-8"
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise HttpError(415, f"unknown charset {charset!r} in Content-Type; send UTF-8") from exc
    return media.lower(), charset


def _decode(data: bytes, charset: str, what: str) -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the {what} is not valid {charset}: {exc}") from exc


def _form(body: bytes, charset: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(body.decode("latin-1"), keep_blank_values=True, encoding=charset, errors="strict")
    except UnicodeDecodeError as exc:
        raise HttpError(400, f"the form is not valid {charset} once percent-decoded: {exc}") from exc


def _multipart(body: bytes, content_type: str) -> list[tuple[str, str]]:
    """The fields of a multipart/form-data body (RFC 7578), each decoded by its own charset (UTF-8 default)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise HttpError(400, "a multipart/form-data body without parts (or without its boundary)")
    fields = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        fields.append((str(name), _decode(data, part.get_content_charset() or "utf-8", f"form field {name!r}")))
    return fields


def _iris(values: list[str], base: str, parameter: str) -> list[str]:
    out = []
    for value in values:
        iri = urljoin(base, value)
        try:
            check_iri(iri)
        except ValueError as exc:
            raise HttpError(400, f"{parameter}={value!r} is not an IRI: {exc}") from exc
        out.append(iri)
    return out


def protocol_request(method: str, query_string: str, content_type: str, body: bytes, base: str) -> Operation | None:
    """The operation a request asks for (None: a GET without one, i.e. the service description)."""
    params: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        params.setdefault(key, []).append(value)
    if method == "POST":
        media, charset = _media(content_type)
        if media == FORM:
            fields = _form(body, charset)
        elif media == MULTIPART:
            fields = _multipart(body, content_type)
        elif media == QUERY:
            if "query" in params:
                raise HttpError(400, "a query sent as application/sparql-query must not repeat query= in the URL")
            fields = [("query", _decode(body, charset, "query"))]
        elif media == UPDATE:
            if "update" in params:
                raise HttpError(400, "an update sent as application/sparql-update must not repeat update= in the URL")
            fields = [("update", _decode(body, charset, "update"))]
        else:
            raise HttpError(415, f"unsupported content type {media!r}; use {FORM}, {MULTIPART}, {QUERY} or {UPDATE}")
        for key, value in fields:
            params.setdefault(key, []).append(value)
    if "query" in params and "update" in params:
        raise HttpError(400, "give either query or update, not both")
    if "update" in params:
        if method != "POST":
            raise HttpError(405, "updates must be sent by POST (SPARQL 1.1 Protocol 2.2)")
        return _update(params, base)
    if "query" not in params:
        if method == "GET":
            return None
        raise HttpError(400, "no query: pass query= (or update=)")
    if len(params["query"]) > 1:
        raise HttpError(400, "more than one query parameter")
    text = params["query"][0]
    _screen(text, updates=False)
    dataset: dict = {"base_iri": base}
    if params.get("default-graph-uri"):
        dataset["default_graph"] = _iris(params["default-graph-uri"], base, "default-graph-uri")
    if params.get("named-graph-uri"):
        dataset["named_graphs"] = _iris(params["named-graph-uri"], base, "named-graph-uri")
    return Operation("query", text, base, dataset)


def _update(params: dict[str, list[str]], base: str) -> Operation:
    if len(params["update"]) > 1:
        raise HttpError(400, "more than one update parameter: send one update (operations may be joined with ;)")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise HttpError(400, f"{name} is for queries; an update takes using-graph-uri / using-named-graph-uri")
    text = params["update"][0]
    _screen(text, updates=True)
    dataset = {
        "using": _iris(params.get("using-graph-uri", []), base, "using-graph-uri"),
        "using_named": _iris(params.get("using-named-graph-uri", []), base, "using-named-graph-uri"),
    }
    if (dataset["using"] or dataset["using_named"]) and any(t.is_word("USING", "WITH") for t in tokens(text)):
        raise HttpError(400, "using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED "
                             "or WITH in the update (SPARQL 1.1 Protocol 2.2.3)")
    return Operation("update", text, base, dataset)


def _screen(text: str, *, updates: bool) -> None:
    try:
        check_complexity(text)
        check_remote_access(text, QUERY_PREFIXES, allow_label_service=not updates)
    except Refused as exc:
        raise HttpError(400, str(exc)) from exc


# -- the dataset of an update's WHERE -------------------------------------------------------------------


def _operations(toks: list[Token]) -> list[list[Token]]:
    """The update's operations: its tokens split at ``;`` outside brackets."""
    ops, current, depth = [], [], 0
    for tok in toks:
        if tok.kind == "punct" and tok.text in "{([":
            depth += 1
        elif tok.kind == "punct" and tok.text in "})]":
            depth -= 1
        if depth == 0 and tok.kind == "punct" and tok.text == ";":
            ops.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        ops.append(current)
    return ops


def with_update_dataset(text: str, dataset: dict, graphs) -> str:
    """The update with the dataset of each DELETE/INSERT ... WHERE made explicit as USING clauses.

    The request's ``using-graph-uri``/``using-named-graph-uri`` when given; otherwise,
    for an operation without USING or WITH, every named graph of the store (``graphs()``)
    as USING and USING NAMED -- the union default graph queries see.
    """
    toks = tokens(text)
    edits: list[tuple[int, int, str]] = []
    all_graphs = None
    for op in _operations(toks):
        if not op or not op[0].is_word("INSERT", "DELETE", "WITH"):
            continue
        if len(op) > 1 and op[1].is_word("DATA"):
            continue
        if any(t.is_word("USING") for t in op) or op[0].is_word("WITH"):
            if not (dataset.get("using") or dataset.get("using_named")):
                continue
        if dataset.get("using") or dataset.get("using_named"):
            using, named = dataset.get("using", []), dataset.get("using_named", [])
        else:
            if all_graphs is None:
                all_graphs = graphs()
            if not all_graphs:
                continue
            using, named = all_graphs, all_graphs
        clause = " " + " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in named]) + " "
        if op[0].is_word("DELETE") and len(op) > 1 and op[1].is_word("WHERE"):
            # DELETE WHERE { P } takes no USING: it is DELETE { P } WHERE { P }
            pattern = text[op[2].start: op[-1].start + 1]
            edits.append((op[0].start, op[-1].start + 1, f"DELETE {pattern}{clause}WHERE {pattern}"))
            continue
        depth = 0
        for tok in op:
            if tok.kind == "punct" and tok.text in "{([":
                depth += 1
            elif tok.kind == "punct" and tok.text in "})]":
                depth -= 1
            elif depth == 0 and tok.is_word("WHERE"):
                edits.append((tok.start, tok.start, clause))
                break
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text
