"""The most rows (SELECT) or triples (CONSTRUCT) a query's own text lets it answer.

The endpoint cuts answers at ``max_results`` and says so in the ``X-KG-Truncated``
header, which has to be written before the body; so an answer can be streamed
to the client as it is written only when it cannot be cut.  :func:`answer_bound`
reads that from the query's outermost ``LIMIT`` (SPARQL 1.1 section 15.5: the
solution modifiers of the outermost query, after its group pattern, at nesting
depth 0 -- a subquery's LIMIT is inside braces):

* ``SELECT ... LIMIT n``: at most ``n`` rows;
* ``ASK``: one boolean;
* ``CONSTRUCT { template } ... LIMIT n``: each solution instantiates the template
  once, and a template of ``t`` tokens holds at most ``2 t`` triples (every triple
  has an object token of its own; a collection ``( a b )`` makes two triples per
  member), so at most ``2 t n`` triples; the short form ``CONSTRUCT WHERE { ... }``
  uses its pattern as the template;
* ``DESCRIBE``, or no LIMIT: no bound (``None``).

The reading errs towards ``None`` (the answer is then buffered and cut as before):
a text with codepoint escapes (``\\u004C``IMIT: section 19.2 decodes them before
parsing) or with a token the lexer cannot place has no bound, and neither has one
whose two readings disagree (a ``<`` after an operand inside parentheses read as an IRI or
as the operator, :func:`kg.sparql_screen.operator_tokens`: ``FILTER(1<2)#> ) } LIMIT 1 {``).
"""

from __future__ import annotations

from .sparql_screen import Token, operator_tokens, tokens

_OPEN = {"{", "(", "["}
_CLOSE = {"}", ")", "]"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def answer_bound(text: str) -> int | None:
    """At most how many rows or triples ``text`` answers, from its own LIMIT; None when it does not say."""
    if "\\u" in text or "\\U" in text:
        return None
    toks = tokens(text)
    bound = _bound(toks)
    if bound is None:
        return None
    other = operator_tokens(text)  # a '<' after an operand is an operator: both readings must agree
    if other is not None and _bound(other) != bound:
        return None
    return bound


def _bound(toks: list[Token]) -> int | None:
    if any(t.kind == "other" for t in toks):
        return None
    depth, form, limit = 0, None, None
    template: int | None = None  # CONSTRUCT: tokens in the template
    opened_at = None  # where the template (or the short form's pattern) opened
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in _OPEN:
            if depth == 0 and form == "CONSTRUCT" and template is None and opened_at is None and tok.text == "{":
                opened_at = i
            depth += 1
            continue
        if tok.kind == "punct" and tok.text in _CLOSE:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and opened_at is not None and template is None:
                template = i - opened_at - 1
            continue
        if depth or tok.kind != "word":
            continue
        word = tok.upper
        if form is None and word in _FORMS:
            form = word
        elif word == "LIMIT":
            following = toks[i + 1] if i + 1 < len(toks) else None
            if limit is not None or following is None or following.kind != "number" or not following.text.isdigit():
                return None
            limit = int(following.text)
    if depth != 0 or form is None:
        return None
    if form == "ASK":
        return 1
    if limit is None or form == "DESCRIBE":
        return None
    if form == "SELECT":
        return limit
    if template is None:
        return None
    return 2 * max(template, 1) * limit
