"""The registry of conflict kinds (kg/conflict_kinds.py) is the only table of kinds: check runs its
queries in its order and writes its explanations, confidences and evidence; ClaimReview rates from
it; the report names its kinds.  Explanations are written from the evidence records' fields."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kg import check as check_module
from kg import check_evidence
from kg import conflict_kinds, lexicon, model, queries
from kg.check import CheckReport, check
from kg.errors import QueryError
from kg.claimreview import claim_review, evidence_url
from kg.conflict_kinds import EVIDENCE_SHAPES, REGISTRY, Claimed, ConflictKind, kind, kinds
from kg.model import EVIDENCE_ROLES, Conflict, Evidence
from kg.report import summary_line, write_text
from tests.test_conflict_cases import World, _case, _store, _world, SNAPSHOT

ROOT = Path(__file__).resolve().parent.parent


def test_every_conflict_query_has_a_kind_and_every_kind_a_query():
    catalogue = queries.catalogue()
    conflict_queries = {name for name in catalogue if name.startswith("conflicts/")}
    assert conflict_queries == {k.query for k in kinds()}
    assert [k.name for k in kinds()] == list(check_module.KINDS)  # precedence order, re-exported by kg.check


def test_every_kind_has_a_known_evidence_shape_read_by_check():
    assert {k.evidence for k in kinds()} <= set(EVIDENCE_SHAPES)
    assert set(EVIDENCE_SHAPES) == set(check_evidence._EVIDENCE)


def test_precedence_orders_the_kinds(monkeypatch):
    monkeypatch.setitem(REGISTRY, "first-of-all", ConflictKind("first-of-all", 1, "test"))
    assert kinds()[0].name == "first-of-all" and kinds()[1].name == "wrong-name"


def test_an_unknown_kind_gets_the_defaults():
    k = kind("from-another-version")
    assert (k.rating, k.verdict, k.confidence, k.wikidata_property) == (1, "False", 0.7, None)
    c = Claimed("wd:Q1", "Ann", surface="Ann Lee")
    assert k.explanation(c, [], "2024-01-01") == "from-another-version: 'Ann Lee' contradicts Wikidata (Wikidata as of 2024-01-01)."


def _one_out_of_term_world() -> World:
    w = _world(())
    person, office = w.person("Person reg"), w.item("Office reg")
    w.statement(person, "P39", office, "2001-01-01", "2005-01-01")
    w.role("reg-case", "out-of-term", person, office, "2016-06-01")
    return w


def _explain_test(c: Claimed, evidence, snapshot: str) -> str:
    terms = ", ".join(f"{e.subject_label}|{e.object_label}|{e.start}" for e in evidence if e.role == "statement")
    return f"TEST {c.subject_label} {c.what} {c.claim_date} [{terms}] {snapshot}"


def test_a_kind_added_to_the_registry_is_checked_explained_rated_and_reported(monkeypatch):
    """Nothing but the registry entry: check runs its query first (precedence), explains with its
    function, gives its confidence; ClaimReview rates it with its verdict and links its property;
    the text report shows it."""
    test_kind = ConflictKind("test-kind", 5, "a kind only this test has", confidence=0.42, rating=3,
                             verdict="Test verdict", wikidata_property="P999", evidence="terms-and-holders",
                             explain=_explain_test, query_name="conflicts/out-of-term")
    monkeypatch.setitem(REGISTRY, "test-kind", test_kind)
    report = check(_store(_one_out_of_term_world()), write=False)
    [c] = [c for c in report.conflicts if _case(c.claim) == "reg-case"]
    assert c.kind == "test-kind" and c.confidence == 0.42
    assert c.explanation == f"TEST Person reg Office reg 2016-06-01 [Person reg|Office reg|2001-01-01] {SNAPSHOT}"
    review = claim_review(c, today="2026-01-01")
    assert review["reviewRating"]["ratingValue"] == 3 and review["reviewRating"]["alternateName"] == "Test verdict"
    assert evidence_url("http://www.wikidata.org/entity/statement/Q5-kb-x", "test-kind").endswith("/Q5#P999")
    out = io.StringIO()
    write_text(report, out)
    assert "[test-kind] reg-case" in out.getvalue()


def test_the_summary_names_the_kinds_that_are_not_about_an_office(monkeypatch):
    c = Conflict("membership", "urn:c", "a", 0, 1, "x", "x.", "urn:s", "S", "", "", "", "why")
    monkeypatch.setitem(REGISTRY, "seat-of-test", ConflictKind("seat-of-test", 65, "test", role_claim=False))
    assert summary_line(CheckReport(conflicts=[c])).endswith("1 other conflict(s) (membership, location, seat-of-test)")


def test_a_kind_without_a_query_file_is_skipped(monkeypatch):
    monkeypatch.setitem(REGISTRY, "no-query", ConflictKind("no-query", 1, "test", query_name="conflicts/absent"))
    report = check(_store(_one_out_of_term_world()), write=False)
    assert [c.kind for c in report.conflicts] == ["out-of-term"]


def test_after_snapshot_skipping_follows_the_kind(monkeypatch):
    """A claim dated after the snapshot is not a conflict of a ``dated`` kind (it is unverifiable)."""
    w = _world(())
    person, office = w.person("Person late"), w.item("Office late")
    w.statement(person, "P39", office, "2001-01-01", "2005-01-01")
    w.role("late-case", "out-of-term", person, office, "2016-06-01")
    store = _store(w)
    monkeypatch.setitem(REGISTRY, "out-of-term", replace(REGISTRY["out-of-term"], dated=True))
    early = check(store, write=False)
    assert [c.kind for c in early.conflicts] == ["out-of-term"]
    monkeypatch.setattr(check_module.kb_sources, "subject_dates", lambda store: {str(person): "2010-01-01"})
    assert check(store, write=False).conflicts == []
    monkeypatch.setitem(REGISTRY, "out-of-term", replace(REGISTRY["out-of-term"], dated=False))
    assert [c.kind for c in check(store, write=False).conflicts] == ["out-of-term"]


# -- evidence records: explanations from fields, never from the words --------------------------

def test_evidence_words_are_written_from_the_fields():
    assert Evidence.of("statement", "s", "Ann Lee", "Mayor").value == "Ann Lee: Mayor"
    assert Evidence.of("holder-on-date", "s", "Bo", "Mayor", date="2020-01-01").value == "Bo: Mayor (holder on 2020-01-01)"
    assert Evidence.of("membership", "s", "Norway", "NATO").value == "Norway: member of NATO"
    assert Evidence.of("headquarters", "s", "NATO", "Brussels").value == "NATO: headquarters Brussels (P159)"
    assert Evidence.of("life-event", "s", "X", "died (P570)", date="2010-01-01").value == "X: died (P570) 2010-01-01"
    assert Evidence.of("other-claim", "s", "Bo", article="b", chars=(1, 5), surface="Bo").value == "article b 1-5: 'Bo' (Bo)"
    assert set(EVIDENCE_ROLES) >= {"statement", "holder-on-date", "membership", "headquarters", "other-claim",
                                   "life-event"}


def _ev(role: str, **fields) -> Evidence:
    """A record whose words say nothing its fields say: an explanation must not read them."""
    return Evidence("urn:st", "NOT THE WORDS: (holder on) headquarters x (P159)", role=role, **fields)


def test_explanations_read_the_evidence_fields_not_the_words():
    c = Claimed("wd:Q1", "Ann Lee", surface="Ann Lee", claim_date="2020-05-01", position="wd:Q2",
                position_label="Mayor", title="mayor")
    out_of_term = kind("out-of-term").explanation(c, [
        _ev("statement", subject_label="Ann Lee", object_label="Mayor", start="2001", end="2005"),
        _ev("holder-on-date", subject_label="Bo Roe: Jr", object_label="Mayor", date="2020-05-01")], "")
    assert out_of_term == "Ann Lee held Mayor (2001 – 2005), but not on 2020-05-01. On 2020-05-01 it was held by Bo Roe: Jr."
    never = kind("never-held").explanation(replace(c, position="", position_label=""), [
        _ev("statement", subject_label="Ann Lee", object_label="Minister: Trade"),
        _ev("statement", subject_label="Ann Lee", object_label="Governor")], "")
    assert never.endswith("offices held: Governor; Minister: Trade.")
    seat = kind("location").explanation(replace(c, surface="Geneva"), [
        _ev("headquarters", subject_label="Mayor", object_label="Brussels (P159) city")], "")
    assert seat.endswith("its headquarters are in Brussels (P159) city.")
    member = kind("membership").explanation(replace(c, status="not-member"), [
        _ev("membership", subject_label="Ann Lee", object_label="Mayor", start="2004-03-29")], "2024-01-01")
    assert member.endswith("Ann Lee is a member (2004-03-29 – open).") and "is not a member of Mayor" in member


def test_check_builds_structured_evidence():
    report = check(_store(_world()), write=False)
    by_kind = {}
    for c in report.conflicts:
        by_kind.setdefault(c.kind, []).extend(c.evidence)
    roles = {k: {e.role for e in ev} for k, ev in by_kind.items()}
    assert roles["out-of-term"] <= {"statement", "holder-on-date"} and "statement" in roles["out-of-term"]
    assert roles["never-held"] == {"statement"} and roles["membership"] == {"membership"}
    assert roles["location"] == {"headquarters"} and roles["cross-article"] == {"other-claim"}
    assert roles["lifespan"] == {"life-event"}
    for evidence in by_kind.values():
        for e in evidence:  # the words are the fields' words
            assert replace(e, source="") == Evidence.of(e.role, e.statement, e.subject_label, e.object_label,
                                                        start=e.start, end=e.end, date=e.date, article=e.article,
                                                        chars=e.chars, surface=e.surface)


# -- one modifier vocabulary ---------------------------------------------------------------------

def test_the_modifier_lists_are_the_lexicons():
    assert model.PAST_MODIFIERS is lexicon.PAST_MODIFIERS
    assert model.UNDATED_MODIFIERS is lexicon.UNDATED_MODIFIERS
    assert model.PROSPECTIVE_MODIFIERS is lexicon.PROSPECTIVE_MODIFIERS
    assert check_module.UNDATED_MODIFIERS is lexicon.UNDATED_MODIFIERS
    assert lexicon.UNDATED_MODIFIERS == lexicon.MODIFIERS - lexicon.OFFICE_MODIFIERS
    assert lexicon.PAST_MODIFIERS <= lexicon.UNDATED_MODIFIERS and lexicon.PROVISIONAL_MODIFIERS <= lexicon.UNDATED_MODIFIERS


def _listed(rq: str, variable: str) -> set[str]:
    """The words of the ``?variable IN (...)`` lists of a query as kg runs it."""
    text = queries.get(rq).text
    lists = re.findall(rf"\?{variable}\s+IN\s*\(([^)]*)\)", text)
    return {w for part in lists for w in re.findall(r'"([^"]+)"', part)}


def test_the_queries_take_their_modifier_lists_from_the_vocabulary():
    assert _listed("conflicts/out-of-term", "modifier") == lexicon.UNDATED_MODIFIERS
    assert _listed("conflicts/lifespan", "m") == lexicon.PAST_MODIFIERS
    alternations = re.findall(r'REGEX\(\?key, "\(\^\| \)\(([^)]*)\)', queries.get("conflicts/never-held").text)
    assert any(set(a.split("|")) >= lexicon.PROVISIONAL_MODIFIERS for a in alternations)


#: The modifier vocabularies of kg.lexicon a query might restate.
_VOCABULARIES = {name: getattr(lexicon, name) for name in dir(lexicon)
                 if name.endswith("MODIFIERS") and isinstance(getattr(lexicon, name), frozenset)}
#: Queries another branch is rewriting (issue #21): cross-article.rq still writes "vice|deputy"
#: (OFFICE_MODIFIERS) in its title REGEX.  Drop the entry when that branch is merged.
_PENDING: set[str] = set()


def _restates(words: set[str], vocabulary: frozenset[str]) -> bool:
    """Whether a list of ``words`` restates ``vocabulary``: it holds all of it, or two or more of its words
    and nothing else (a list that shares a word or two with a vocabulary of another use is not a copy)."""
    return words >= vocabulary or len(words & vocabulary) >= 2 and words <= vocabulary


def restated_lists(text: str) -> list[tuple[str, str]]:
    """(vocabulary, literal) for each string literal, or ``IN (...)`` list of literals, of a query's
    source (comments left out) that restates a kg.lexicon modifier vocabulary (:func:`_restates`)."""
    from kg.sparql_screen import tokens

    groups: list[list[str]] = []
    toks = tokens(text)
    for i, tok in enumerate(toks):
        if tok.kind != "string":
            continue
        if i >= 2 and toks[i - 1].text == "," and toks[i - 2].kind == "string":
            groups[-1].append(tok.text)  # the next literal of a list
        else:
            groups.append([tok.text])
    found = []
    for group in groups:
        words = set(re.findall(r"[a-z]+(?:-[a-z]+)*", " ".join(group).lower()))
        found += [(name, " ".join(group)) for name, vocabulary in sorted(_VOCABULARIES.items())
                  if _restates(words - {"^"}, vocabulary)]
    return found


def test_the_scan_sees_a_restated_list():
    assert restated_lists('FILTER(?m IN ("late", "former"))')
    assert restated_lists('FILTER(?m IN ("late",\n "former"))')
    assert restated_lists('FILTER(!REGEX(?key, "(^| )(acting|interim|caretaker|press)( |$)"))')
    assert not restated_lists('FILTER(!REGEX(?key, "(^| )(acting|interim|press)( |$)"))')  # two, and another word
    assert not restated_lists('FILTER(?m IN ({{PAST_MODIFIERS}}, "press"))')
    assert restated_lists('# "late", "former"\nFILTER(?m IN ("late")) FILTER(?r IN ("former"), "x")') == []


def test_no_query_restates_a_modifier_list():
    """Modifier words come from kg.lexicon through a placeholder kg.queries fills (``{{PAST_MODIFIERS}}``)."""
    found = [f"{path.relative_to(ROOT / 'queries').as_posix()}: {name} {literal}"
             for path in sorted((ROOT / "queries").rglob("*.rq"))
             if path.relative_to(ROOT / "queries").as_posix() not in _PENDING
             for name, literal in restated_lists(path.read_text(encoding="utf-8"))]
    assert found == [], "take these words from kg.lexicon with a {{NAME}} placeholder: " + "; ".join(found)


def test_a_placeholder_names_a_modifier_vocabulary():
    assert queries.expand("IN ({{OFFICE_MODIFIERS}})") == 'IN ("deputy", "vice")'
    assert queries.expand('"({{OFFICE_MODIFIERS|}}|press)"') == '"(deputy|vice|press)"'
    for bad in ("{{HEADS}}", "{{NO_SUCH_MODIFIERS}}", "{{COUNTRY_WORDS}}"):
        with pytest.raises(QueryError):
            queries.expand(bad)


def restated_in_python(source: str) -> list[tuple[int, str, str]]:
    """(line, vocabulary, words) for each set, list or tuple of strings in Python source that restates a
    kg.lexicon modifier vocabulary (:func:`_restates`)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)) and node.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            words = {e.value.lower() for e in node.elts}
            found += [(node.lineno, name, " ".join(sorted(words))) for name, vocabulary in sorted(_VOCABULARIES.items())
                      if _restates(words, vocabulary)]
    return found


def test_the_python_scan_sees_a_restated_set():
    assert restated_in_python('x = w in {"deputy", "vice"}')
    assert restated_in_python('x = ("late", "former")')
    assert not restated_in_python('x = {"deputy", "minister"}; y = OFFICE_MODIFIERS')
    assert not restated_in_python('x = {"possible", "potential", "alleged"}')  # shares two words, is another list


def test_no_module_restates_a_modifier_set():
    """kg.lexicon is the one modifier vocabulary: other modules import its sets."""
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}: {name} {{{words}}}"
             for path in sorted((ROOT / "kg").rglob("*.py")) if path.name not in ("lexicon.py", "title_vocab.py")
             for line, name, words in restated_in_python(path.read_text(encoding="utf-8"))]
    assert found == [], "use kg.lexicon's sets: " + "; ".join(found)
