"""Screening SPARQL on its tokens: no remote access (SERVICE, LOAD), no nesting or
operator chains past what the engine's recursive parser survives.

pyoxigraph 0.5 has no parse-only call and no switch or handler for SERVICE/LOAD
(``Store.query``/``update`` parse and execute in one step, and execute SERVICE and
LOAD over HTTP), so the screen reads the text with a lexer written from the SPARQL
1.1 grammar's terminals (section 19.8) -- as the engine reads it:

* white space is space, tab, CR and LF; a comment runs from ``#`` to the next CR
  *or* LF (the text screen this replaces stopped at LF only: ``#x\\rSERVICE``);
* IRIs ``<...>`` may hold ``\\uXXXX``/``\\UXXXXXXXX``; strings (short and long, both
  quotes) hold ECHAR and codepoint escapes; short strings end at CR/LF; a prefixed
  name's local part holds ``%HH`` and ``\\``-escapes (``x:a\\#b`` is a name, not a
  comment); variables, blank nodes and language tags are names, not keywords;
* keywords are case-insensitive.

The engine's parser is a PEG without word boundaries after keywords:
``SERVICEx:`` is read as ``SERVICE x:``, ``LOAD:`` as ``LOAD :``, ``?s ?p trueSERVICE<u>{}`` as
``true SERVICE <u> {}``.  So a word token, or the prefix of a prefixed name, that *contains*
SERVICE or LOAD (any case) is refused; ``?service``, ``dip:service``, ``"SERVICE"``,
``<http://x/LOAD>``, ``_:load`` and ``# SERVICE`` are not code and pass.  (A prefix
named e.g. ``myservice:`` is refused too: rename it.)  The text is also read in two
more ways and refused if *any* reading finds SERVICE or LOAD: with every codepoint
escape decoded first (what SPARQL 1.1 section 19.2 says a parser does -- the engine
does not, so ``\\u0053ERVICE`` is a syntax error for it today, but a future engine
may), and with local-name escapes not honoured.  Text the lexer cannot place in a
string, IRI or comment is read as code, so a mismatch errs towards refusing.

A fake IRI ``<...>`` that the engine reads as ``<`` and ``>`` operators cannot
hide a SERVICE: an IRI token cannot contain white space or ``{``, and a SERVICE
needs its ``{`` after its name.  The query workers of :mod:`kg.query_workers`
run without a network as a second wall.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import QueryError

#: Oxigraph parses and evaluates queries recursively: a deep nesting or a long chain of
#: operators (measured: 2,500 nested groups, 20,000 chained UNION/OPTIONAL/+ or path steps)
#: overflows its stack and kills the process.  Real queries stay far below these.
MAX_DEPTH = 64
MAX_OPERATORS = 1000

WIKIBASE_LABEL = "http://wikiba.se/ontology#label"

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_HEX = "[0-9A-Fa-f]"
_UCHAR = rf"\\u{_HEX}{{4}}|\\U{_HEX}{{8}}"
_ECHAR = r"""\\[tbnrf\\"']"""
_PLX_ESC = rf"%{_HEX}{_HEX}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PLX_PLAIN = rf"%{_HEX}{_HEX}"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"


def _lexer(local_escapes: bool) -> re.Pattern:
    plx = _PLX_ESC if local_escapes else _PLX_PLAIN
    local = rf"(?:[{_U}:0-9]|{plx})(?:(?:[{_CHARS}.:]|{plx})*(?:[{_CHARS}:]|{plx}))?"
    parts = [
        ("ws", r"[ \t\r\n]+"),
        ("comment", r"#[^\r\n]*"),
        ("iri", rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"),
        ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'
                   rf"|'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"
                   rf'|"(?:[^"\\\r\n]|{_ECHAR}|{_UCHAR})*"'
                   rf"|'(?:[^'\\\r\n]|{_ECHAR}|{_UCHAR})*'"),
        ("pname", rf"(?:{_PREFIX})?:(?:{local})?"),
        ("var", rf"[?$][{_U}0-9][{_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"),
        ("bnode", rf"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
        ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?"),
        ("number", r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"),
        ("word", rf"[{_BASE}][{_BASE}0-9_]*"),
        ("punct", r"<<\(|\)>>|<<|>>|\{\||\|\}|\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*+\-/|^!=<>?$~]"),
        ("other", r"[\s\S]"),
    ]
    return re.compile("|".join(f"(?P<{name}>{regex})" for name, regex in parts))


_LEX = _lexer(local_escapes=True)
_LEX_NO_LOCAL_ESCAPES = _lexer(local_escapes=False)
_CODEPOINT = re.compile(rf"\\u({_HEX}{{4}})|\\U({_HEX}{{8}})")


class Token(NamedTuple):  # (a tuple: made ~300 times per query, cheaper than a frozen dataclass)
    kind: str
    text: str
    start: int

    @property
    def upper(self) -> str:
        return self.text.upper()

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.upper in words


def tokens(text: str, *, local_escapes: bool = True) -> list[Token]:
    """The tokens of ``text`` (white space and comments dropped), as the engine reads it."""
    lexer = _LEX if local_escapes else _LEX_NO_LOCAL_ESCAPES
    out = []
    for match in lexer.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def decode_codepoints(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` decoded everywhere (SPARQL 1.1 section 19.2)."""
    def char(match: re.Match) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group()
    return _CODEPOINT.sub(char, text)


# -- what a query may not do -----------------------------------------------------------------


class Refused(QueryError):
    """A query or update the endpoint will not run (remote access or too complex); an HTTP 400."""


def declared_prefixes(toks: list[Token], predeclared: dict[str, str]) -> dict[str, str]:
    """The predeclared prefixes overridden by the text's own PREFIX declarations."""
    declared = dict(predeclared)
    for i, tok in enumerate(toks[:-2]):
        if tok.is_word("PREFIX") and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            declared[toks[i + 1].text[:-1]] = decode_codepoints(toks[i + 2].text[1:-1])
    return declared


def resolve(tok: Token, prefixes: dict[str, str]) -> str | None:
    """The IRI an IRI, prefixed-name or ``a`` token stands for (None otherwise, or for an unknown prefix)."""
    if tok.kind == "iri":
        return decode_codepoints(tok.text[1:-1])
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    if tok.is_word("A"):
        return "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    return None


def service_target(toks: list[Token], i: int, prefixes: dict[str, str]) -> str | None:
    """The IRI a ``SERVICE [SILENT] name`` at ``toks[i]`` names (None for a variable or unknown)."""
    j = i + 1
    if j < len(toks) and toks[j].is_word("SILENT"):
        j += 1
    return resolve(toks[j], prefixes) if j < len(toks) and not toks[j].is_word("A") else None


def mentions(tok: Token, word: str) -> bool:
    """Whether the engine may read keyword ``word`` (upper case) in the code token ``tok``."""
    if tok.kind == "word":
        return word in tok.upper
    if tok.kind == "pname":
        return word in tok.text.partition(":")[0].upper()
    return False


def is_label_service(toks: list[Token], i: int, prefixes: dict[str, str]) -> bool:
    """Whether the SERVICE at ``toks[i]`` is WDQS's label service (run locally, see kg.wdqs)."""
    return service_target(toks, i, prefixes) == WIKIBASE_LABEL


def check_remote_access(text: str, predeclared: dict[str, str] | None = None, *, allow_label_service: bool = True) -> None:
    """Refuse SERVICE (except WDQS's label service, run locally) and LOAD, however the text is read.

    A reading whose text, upper-cased, holds neither word is not lexed: every token is a piece of
    the text and ``str.upper`` maps character by character, so no token of it can mention either."""
    for _reading, toks in _readings(text):
        prefixes = declared_prefixes(toks, predeclared or {})
        for i, tok in enumerate(toks):
            if mentions(tok, "LOAD"):
                raise Refused("LOAD is not allowed here (it fetches a URL); load data with the kg command line")
            if mentions(tok, "SERVICE"):
                if (allow_label_service and tok.is_word("SERVICE")
                        and is_label_service(toks, i, prefixes)):
                    continue
                raise Refused("SERVICE (federated query) is not allowed here: kg never fetches remote data for a "
                              "query; query the remote endpoint directly (only SERVICE wikibase:label runs, locally)")


def _readings(text: str):
    """(name, tokens) of each reading of ``text`` that may mention SERVICE or LOAD (see check_remote_access)."""
    if _may_mention(text):
        yield "engine", tokens(text)
    decoded = decode_codepoints(text)
    if decoded != text and _may_mention(decoded):
        yield "codepoints", tokens(decoded)
    if "\\" in text and _may_mention(text):
        yield "no-local-escapes", tokens(text, local_escapes=False)


def _may_mention(text: str) -> bool:
    upper = text.upper()
    return "SERVICE" in upper or "LOAD" in upper


_OPEN = {"{", "(", "[", "<<", "<<(", "{|"}
_CLOSE = {"}", ")", "]", ">>", ")>>", "|}"}
_OPERATOR_WORDS = {"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "VALUES"}
_OPERATOR_PUNCT = {"&&", "||", "/", "|", "^", "+", "*", "<", ">", "=", "!=", "<=", ">=", "-", "!"}


def complexity(toks: list[Token]) -> tuple[int, int]:
    """(deepest nesting of brackets, number of operators) -- ``^^`` of a typed literal is not an operator."""
    depth = deepest = operators = 0
    for tok in toks:
        if tok.kind == "punct":
            if tok.text in _OPEN:
                depth += 1
                deepest = max(deepest, depth)
            elif tok.text in _CLOSE:
                depth -= 1
            elif tok.text in _OPERATOR_PUNCT:
                operators += 1
        elif tok.kind == "word" and tok.upper in _OPERATOR_WORDS:
            operators += 1
    return deepest, operators


def complexity_bound(text: str) -> tuple[int, int]:
    """Upper bounds of :func:`complexity` read off the characters, without lexing: tokens are disjoint
    pieces of the text; every opening token holds a ``{``, ``(``, ``[`` or ``<<``, every operator
    punctuation one of ``&|/^+*<>=!-``, and every operator word is an occurrence of itself in the
    upper-cased text (``str.upper`` maps character by character; ``count`` finds the most disjoint ones)."""
    upper = text.upper()
    depth = text.count("{") + text.count("(") + text.count("[") + text.count("<<")
    operators = sum(text.count(c) for c in "&|/^+*<>=!-") + sum(upper.count(w) for w in _OPERATOR_WORDS)
    return depth, operators


_OPERANDS = {"var", "number", "string", "iri", "pname", "bnode", "langtag"}


def _ends_operand(tok: Token | None) -> bool:
    """Whether ``tok`` can end an operand of an expression (after it the engine reads ``<`` as *less than*)."""
    if tok is None:
        return False
    if tok.kind in _OPERANDS:
        return True
    return (tok.kind == "punct" and tok.text in (")", "]")) or tok.is_word("TRUE", "FALSE")


def operator_tokens(text: str) -> list[Token] | None:
    """The tokens of ``text`` as the engine reads a ``<`` that follows an operand inside parentheses: as the
    operator *less than*, not the start of an IRI.  The lexer reads ``FILTER(?a<2)#> ...`` as ``?a`` and the
    IRI ``<2)#>``; the engine as ``?a < 2``, ``)`` and a comment (after an operand an expression takes an
    operator, so an IRI there would not parse).  Where an IRI token follows an operand inside parentheses, the
    ``<`` becomes a token of its own and lexing goes on right after it (strings, comments and brackets as the
    engine sees them); in one pass over the text.  None when no token is read differently (the common case:
    ``?x = <iri>``, ``"1"^^<iri>``, ``IN (<a>, <b>)`` are IRIs either way).  A check that reads tokens reads
    these too."""
    out: list[Token] = []
    depth, changed, pos = 0, False, 0
    matches = _LEX.finditer(text, pos)
    for match in iter(lambda: next(matches, None), None):
        kind = match.lastgroup
        if kind in ("ws", "comment"):
            continue
        tok = Token(kind, match.group(), match.start())
        if kind == "iri" and depth > 0 and _ends_operand(out[-1] if out else None):
            out.append(Token("punct", "<", tok.start))
            changed = True
            matches = _LEX.finditer(text, tok.start + 1)
            continue
        if kind == "punct" and tok.text in ("(", ")"):
            depth += 1 if tok.text == "(" else -1
        out.append(tok)
    return out if changed else None


def check_complexity(text: str, max_depth: int = MAX_DEPTH, max_operators: int = MAX_OPERATORS) -> None:
    """Refuse queries nested or chained past what the engine can parse safely (lexed only when
    :func:`complexity_bound` cannot tell: most queries are far below both limits).  Both readings count:
    the lexer's, and the one where a ``<`` after an operand is an operator (:func:`operator_tokens`; its
    tokens are disjoint pieces of the text too, so :func:`complexity_bound` bounds it as well)."""
    bound_depth, bound_operators = complexity_bound(text)
    if bound_depth <= max_depth and bound_operators <= max_operators:
        return
    deepest, operators = complexity(tokens(text))
    other = operator_tokens(text)
    if other is not None:
        deepest2, operators2 = complexity(other)
        deepest, operators = max(deepest, deepest2), max(operators, operators2)
    if deepest > max_depth:
        raise Refused(f"query nested {deepest} levels deep; this endpoint allows at most {max_depth}")
    if operators > max_operators:
        raise Refused(f"query has {operators} operators (UNION, OPTIONAL, path steps, arithmetic, ...); "
                      f"this endpoint allows at most {max_operators}: split it into smaller queries")


def screen(text: str, predeclared: dict[str, str] | None = None) -> None:
    """Everything the endpoint refuses before a query or update reaches the engine."""
    check_complexity(text)
    check_remote_access(text, predeclared)
