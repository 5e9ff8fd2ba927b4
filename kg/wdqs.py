"""Queries written for the Wikidata Query Service run unchanged: its prefixes, and its label service.

* :data:`WDQS_PREFIXES` -- the prefixes WDQS predeclares (``wd: wdt: p: ps: pq: psv: pqv:
  wikibase: bd: rdfs: skos: ...``).  kg keeps its own ``schema:`` (``https://schema.org/``,
  the namespace of its ClaimReview and article metadata); WDQS's ``schema:`` is
  ``http://schema.org/``: write ``<http://schema.org/description>`` for that one.
* :func:`prepare_query` -- refuses remote access (:mod:`kg.sparql_screen`) and rewrites
  ``SERVICE wikibase:label { bd:serviceParam wikibase:language "en,fr" . }`` into local
  patterns, so it is *executed here* and never sent anywhere.  The label service's standard
  behaviour: every variable ``?xLabel`` (``?xDescription``) of the query is bound to
  ``?x``'s ``rdfs:label`` (``schema:description``) in the first of the asked languages that
  has one, else -- for labels -- to the item's id (``Q42``; a literal's own value).  The
  manual form (``?x rdfs:label ?name`` inside the service) binds ``?name`` the same way.
  The patterns go at the end of the group the service was in, as WDQS evaluates it last.
  ``[AUTO_LANGUAGE]`` means ``en``.
"""

from __future__ import annotations

import re

from .sparql_screen import (Refused, Token, check_remote_access, declared_prefixes, decode_codepoints, is_label_service,
                            resolve, tokens)

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DESCRIPTIONS = ("http://schema.org/description", "https://schema.org/description")
SERVICE_PARAM = "http://www.bigdata.com/rdf#serviceParam"
LANGUAGE = "http://wikiba.se/ontology#language"

WDQS_PREFIXES = {
    "wd": "http://www.wikidata.org/entity/",
    "wds": "http://www.wikidata.org/entity/statement/",
    "wdv": "http://www.wikidata.org/value/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "wdtn": "http://www.wikidata.org/prop/direct-normalized/",
    "wikibase": "http://wikiba.se/ontology#",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "psv": "http://www.wikidata.org/prop/statement/value/",
    "psn": "http://www.wikidata.org/prop/statement/value-normalized/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "pqv": "http://www.wikidata.org/prop/qualifier/value/",
    "pqn": "http://www.wikidata.org/prop/qualifier/value-normalized/",
    "pr": "http://www.wikidata.org/prop/reference/",
    "prv": "http://www.wikidata.org/prop/reference/value/",
    "prn": "http://www.wikidata.org/prop/reference/value-normalized/",
    "wdref": "http://www.wikidata.org/reference/",
    "wdno": "http://www.wikidata.org/prop/novalue/",
    "wdata": "http://www.wikidata.org/wiki/Special:EntityData/",
    "bd": "http://www.bigdata.com/rdf#",
    "hint": "http://www.bigdata.com/queryHints#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "geof": "http://www.opengis.net/def/function/geosparql/",
    "ontolex": "http://www.w3.org/ns/lemon/ontolex#",
    "cc": "http://creativecommons.org/ns#",
    "schema": "http://schema.org/",
}


def _matching(toks: list[Token], i: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "punct" and toks[j].text == "{":
            depth += 1
        elif toks[j].kind == "punct" and toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    raise Refused("SERVICE wikibase:label: its { ... } is not closed")


def _enclosing_close(toks: list[Token], i: int) -> int:
    """Index of the ``}`` closing the group that holds ``toks[i]``."""
    depth = 0
    for j in range(i - 1, -1, -1):
        if toks[j].kind == "punct" and toks[j].text == "}":
            depth += 1
        elif toks[j].kind == "punct" and toks[j].text == "{":
            if depth == 0:
                return _matching(toks, j)
            depth -= 1
    raise Refused("SERVICE wikibase:label must be inside a group { ... }")


def _var(name: str) -> str:
    return "?" + name


def _bindings(item: str, out: str, predicate: str, languages: list[str], fallback: bool, serial: list[int]) -> str:
    parts, names = [], []
    predicates = DESCRIPTIONS if predicate in DESCRIPTIONS else (predicate,)
    for lang in languages:
        serial[0] += 1
        tmp = f"?kg_label_{serial[0]}"
        names.append(tmp)
        alternatives = " UNION ".join(f"{{ {_var(item)} <{p}> {tmp} }}" for p in predicates)
        lang_literal = '"' + lang.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(f"OPTIONAL {{ {alternatives} FILTER(LANG({tmp}) = {lang_literal}) }}")
    if fallback:
        names.append(f'IF(isIRI({_var(item)}), REPLACE(STR({_var(item)}), "^.*[/#]", ""), STR({_var(item)}))')
    parts.append(f"BIND(COALESCE({', '.join(names)}) AS {_var(out)})")
    return "\n  ".join(parts)


def _languages(value: str) -> list[str]:
    langs = []
    for lang in value.split(","):
        lang = lang.strip()
        if lang == "[AUTO_LANGUAGE]":
            lang = "en"
        if lang and lang not in langs:
            langs.append(lang)
    return langs or ["en"]


def _string_value(tok: Token) -> str:
    text = tok.text
    quote = 3 if text[:3] in ('"""', "'''") else 1
    return decode_codepoints(text[quote:-quote])


def rewrite_label_service(text: str, predeclared: dict[str, str]) -> str:
    """The query with every ``SERVICE wikibase:label { ... }`` replaced by local patterns."""
    while True:
        toks = tokens(text)
        prefixes = declared_prefixes(toks, predeclared)
        at = next((i for i, t in enumerate(toks) if t.is_word("SERVICE") and is_label_service(toks, i, prefixes)), None)
        if at is None:
            return text
        j = at + 2 if toks[at + 1].is_word("SILENT") else at + 1
        if j + 1 >= len(toks) or toks[j + 1].text != "{":
            raise Refused("SERVICE wikibase:label needs a { ... } block")
        close = _matching(toks, j + 1)
        inner = toks[j + 2:close]
        languages = ["en"]
        manual: list[tuple[str, str, str]] = []
        k = 0
        while k + 2 < len(inner):
            s, p, o = inner[k], inner[k + 1], inner[k + 2]
            if resolve(s, prefixes) == SERVICE_PARAM and resolve(p, prefixes) == LANGUAGE and o.kind == "string":
                languages = _languages(_string_value(o))
            elif s.kind == "var" and o.kind == "var" and resolve(p, prefixes) in (RDFS_LABEL, SKOS_ALT, *DESCRIPTIONS):
                manual.append((s.text[1:], resolve(p, prefixes), o.text[1:]))
            k += 3
            while k < len(inner) and inner[k].text in (".", ";"):
                k += 1
        block_end = _enclosing_close(toks, at)
        serial = [0]
        generated = []
        if manual:
            for item, predicate, out in manual:
                generated.append(_bindings(item, out, predicate, languages, predicate == RDFS_LABEL, serial))
        else:
            names = {t.text[1:] for t in toks if t.kind == "var"}
            for name in sorted(names):
                for suffix, predicate, fallback in (("Label", RDFS_LABEL, True), ("Description", DESCRIPTIONS[0], False)):
                    if name.endswith(suffix) and name[: -len(suffix)] in names and not name.startswith("kg_label_"):
                        generated.append(_bindings(name[: -len(suffix)], name, predicate, languages, fallback, serial))
        start, end = toks[at].start, toks[close].start + 1
        insert_at = toks[block_end].start
        patterns = "\n  ".join(generated)
        text = text[:start] + " " + text[end:insert_at] + "\n  " + patterns + "\n" + text[insert_at:]
        # serial names must stay unique across several services: shift the next ones
        text = text.replace("?kg_label_", "?kg_label_done_") if "?kg_label_" in patterns else text


def prepare_query(text: str, predeclared: dict[str, str]) -> str:
    """The query the engine may run: remote access refused, the label service made local."""
    if not could_reach_out(text):
        return text
    check_remote_access(text, predeclared)
    rewritten = rewrite_label_service(text, predeclared)
    if rewritten != text:
        check_remote_access(rewritten, predeclared, allow_label_service=False)
    return rewritten


def could_reach_out(text: str) -> bool:
    """False when no reading of ``text`` can hold SERVICE or LOAD (then no lexing is needed)."""
    upper = (decode_codepoints(text) if "\\" in text else text).upper()
    return "SERVICE" in upper or "LOAD" in upper
