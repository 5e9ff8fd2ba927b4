"""Reading Wikidata JSON dumps: the RDF shape of an entity, what is kept, the two passes, sources."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

from kg.errors import KbError
from kg.kb import KnowledgeBase, dump, entity as ent, sources
from kg.kb.dump import IdSet, Selection
from kg.store import Store
from kg.vocab import WIKIDATA_GRAPH

from .dumpgen import entity, held, item_snak, person, position, statement, synthetic, time_snak, write_dump

WD = "http://www.wikidata.org/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _nt(lines):
    return "\n".join(lines)


def test_statement_shape_ranks_and_qualifiers():
    e = person("Q1001", "Ada Example", [
        held("Q1001", "Q2001", "2019-05", "2021", guid="AAA-1", replaces="Q1002"),
        held("Q1001", "Q2002", "2010-02-03", None, rank="preferred", guid="BBB-2"),
        held("Q1001", "Q2003", "2000", "2001", rank="deprecated", guid="CCC-3"),
    ], born="1960-04-16", aliases=["A. Example"])
    text = _nt(ent.triples(e))
    node = "<http://www.wikidata.org/entity/statement/Q1001-AAA-1>"
    assert f"<{WD}Q1001> <http://www.wikidata.org/prop/P39> {node} ." in text
    assert f'{node} <http://www.wikidata.org/prop/qualifier/P580> "2019-05"^^<{XSD}gYearMonth> .' in text
    assert f'{node} <http://www.wikidata.org/prop/qualifier/P582> "2021"^^<{XSD}gYear> .' in text
    assert f"{node} <http://www.wikidata.org/prop/qualifier/P1365> <{WD}Q1002> ." in text
    assert f'<{WD}Q1001> <http://www.wikidata.org/prop/direct/P569> "1960-04-16"^^<{XSD}date> .' in text
    assert f"{node} <http://wikiba.se/ontology#rank> <http://wikiba.se/ontology#NormalRank> ." in text
    assert ("<http://www.wikidata.org/entity/statement/Q1001-BBB-2> <http://wikiba.se/ontology#rank> "
            "<http://wikiba.se/ontology#PreferredRank> .") in text
    assert "CCC-3" not in text and "Q2003" not in text  # deprecated: dropped
    truthy = [line for line in text.splitlines() if "/prop/direct/P39>" in line]
    assert truthy == [f"<{WD}Q1001> <http://www.wikidata.org/prop/direct/P39> <{WD}Q2002> ."]  # best rank only
    assert '"A. Example"@en' in text and all(ox.parse(line, format=ox.RdfFormat.N_TRIPLES) for line in text.splitlines())


@pytest.mark.parametrize("date, precision, expected", [
    ("+2025-01-21T00:00:00Z", 11, '"2025-01-21"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("+2025-01-00T00:00:00Z", 10, '"2025-01"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'),
    ("+2025-00-00T00:00:00Z", 9, '"2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    ("+2000-00-00T00:00:00Z", 8, None),  # decade: too coarse
    ("-0044-03-15T00:00:00Z", 11, None),  # BCE
    ("+2025-00-00T00:00:00Z", 11, None),  # day precision without a day: malformed
])
def test_time_precision(date, precision, expected):
    snak = time_snak("P580", "2025")
    snak["datavalue"]["value"].update(time=date, precision=precision)
    assert ent.time_value(snak) == expected


def test_unknown_and_no_value_snaks_are_left_out():
    e = person("Q1001", "Ada Example", [held("Q1001", "Q2001", "2019", guid="X")])
    e["claims"]["P39"][0]["qualifiers"]["P582"] = [{"snaktype": "somevalue", "property": "P582"}]
    e["claims"]["P27"] = [statement("Q1001", {"snaktype": "novalue", "property": "P27"})]
    text = _nt(ent.triples(e))
    assert "P582" not in text and "P27" not in text


def test_languages_and_monolingual_short_names():
    e = entity("Q2001", "Minister of Examples", labels={"fr": "Ministre des exemples", "de": "Beispielminister"},
               claims=[statement("Q2001", {"snaktype": "value", "property": "P1813", "datavalue": {
                   "value": {"text": "MinEx", "language": "en"}, "type": "monolingualtext"}})])
    assert '"Ministre des exemples"@fr' not in _nt(ent.triples(e))
    text = _nt(ent.triples(e, ("en", "fr")))
    assert '"Ministre des exemples"@fr' in text and "@de" not in text and '"MinEx"@en' in text


def test_idset():
    a, b = IdSet(), IdSet()
    for q in ("Q1", "Q9", "Q130000000"):
        a.add(q)
    b.add("Q9")
    assert "Q9" in a and "Q10" not in a and "P9" not in a
    assert list(a.minus(b)) == ["Q1", "Q130000000"] and len(a) == 3


def _small(tmp_path, name="wikidata-20261125-all.json.gz"):
    """Holders before and after their office in the file; noise; an office only a holder points to."""
    return write_dump(tmp_path / name, [
        person("Q10", "Early Holder", [held("Q10", "Q500", "2020-01-01")]),
        entity("Q11", "A study", claims=[statement("Q11", item_snak("P31", "Q13442814"))]),
        entity("Q12", "Some river", claims=[statement("Q12", item_snak("P31", "Q4022"))]),
        position("Q500", "Referenced Office", kind="Q83307"),  # not of a kept class: kept on the second pass
        position("Q501", "Classed Office"),  # P31 Q4164871: kept on the first pass, no holder
        person("Q20", "Late Holder", [held("Q20", "Q500", "2024-02-02")]),
        entity("Q21", "A citizen", claims=[statement("Q21", item_snak("P31", "Q5"))]),  # no P39: not kept
    ])


@pytest.mark.parametrize("name", ["wikidata-20261125-all.json.gz", "latest-all.json.bz2", "latest-all.json"])
@pytest.mark.parametrize("decompress, workers", [("python", 1), ("external", 1), ("auto", 2)])
def test_import_keeps_people_offices_and_followed_items(tmp_path, name, decompress, workers):
    path = _small(tmp_path, name)
    out = io.BytesIO()
    stats = dump.import_dump(path, out, Selection(), workers=workers, decompress=decompress)
    subjects = {line.split(" ")[0] for line in out.getvalue().decode().splitlines()}
    assert {f"<{WD}Q{n}>" for n in (10, 20, 500, 501)} <= subjects
    assert not {f"<{WD}Q{n}>" for n in (11, 12, 21)} & subjects
    assert stats.kept == 4 and stats.kept_second_pass == 1 and stats.passes == 2 and stats.lines == 7
    assert stats.parsed < stats.lines  # the byte test skipped lines without parsing them


def test_follow_off_is_one_pass(tmp_path):
    stats = dump.import_dump(_small(tmp_path), io.BytesIO(), Selection(follow=False))
    assert stats.passes == 1 and stats.kept == 3


def test_bad_dumps_are_named(tmp_path):
    with pytest.raises(KbError, match="not a Wikidata JSON dump"):
        dump.check_path(tmp_path / "x.csv")
    with pytest.raises(KbError, match="no such file"):
        dump.check_path(tmp_path / "x.json.gz")
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"type":"item","id":"Q1","claims":{"P39":[}\n]\n')
    with pytest.raises(KbError, match=r"bad\.json:2: bad JSON"):
        dump.import_dump(bad, io.BytesIO(), Selection())
    notes = tmp_path / "notes.json"
    notes.write_text("hello\n")
    with pytest.raises(KbError, match="notes.json:1: not a Wikidata JSON dump line"):
        dump.import_dump(notes, io.BytesIO(), Selection())


def test_dump_date_from_the_name():
    assert dump.dump_date("wikidata-20261125-all.json.gz") == "2026-11-25"
    assert dump.dump_date("latest-all.json.gz") is None


def test_synthetic_dump_is_the_real_format(tmp_path):
    path = write_dump(tmp_path / "s.json", synthetic(300))
    lines = path.read_text().splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and lines[1].endswith(",")
    assert json.loads(lines[1].rstrip(","))["type"] == "item"


def _store_with(lines: str, date: str = "2022-08-03") -> Store:
    store = Store(None)
    meta = f'<{WIKIDATA_GRAPH}> <http://purl.org/dc/terms/issued> "{date}"^^<{XSD}date> .\n'
    store.load((meta + lines).encode(), "nt", WIKIDATA_GRAPH)
    return store


SNAP = (f'<{WD}Q10> <http://www.w3.org/2000/01/rdf-schema#label> "Early Holder"@en .\n'
        f'<{WD}Q10> <http://www.wikidata.org/prop/P39> <{WD}statement/Q10-kb-1> .\n'
        f'<{WD}statement/Q10-kb-1> <http://www.wikidata.org/prop/statement/P39> <{WD}Q500> .\n'
        f'<{WD}statement/Q10-kb-1> <http://www.wikidata.org/prop/qualifier/P580> "2010"^^<{XSD}gYear> .\n'
        f'<{WD}Q30> <http://www.w3.org/2000/01/rdf-schema#label> "Only In Snapshot"@en .\n')


def test_newest_source_wins_per_item_and_a_reload_keeps_it(tmp_path):
    store = _store_with(SNAP)
    selection = dump.default_selection(store)
    assert "Q10" in selection.seeds
    info = dump.import_to_store(store, _small(tmp_path), selection)
    assert info["date"] == "2026-11-25" and info["materialised"] == info["items"] == 4
    kb = KnowledgeBase.from_store(store)
    assert [(h.position, h.start) for h in kb.positions_held("Q10")] == [("Q500", "2020-01-01")]  # 2010 term gone
    assert kb.entity("Q30").label == "Only In Snapshot"  # items the dump does not cover keep their facts
    assert [(s.kind, s.date, s.items) for s in sources.sources(store)] == [
        ("snapshot", "2022-08-03", 2), ("dump", "2026-11-25", 4)]
    # the dump's statements get WDQS's value nodes when they are written, and keep their rank
    forms = list(store.query(f"""SELECT ?rank ?time ?precision WHERE {{ GRAPH <{WIKIDATA_GRAPH}> {{
        <{WD}Q10> <http://www.wikidata.org/prop/P39> ?st . ?st <http://wikiba.se/ontology#rank> ?rank ;
        <http://www.wikidata.org/prop/qualifier/value/P580> ?v . ?v <http://wikiba.se/ontology#timeValue> ?time ;
        <http://wikiba.se/ontology#timePrecision> ?precision }} }}"""))
    assert [(r["rank"].value.rsplit("#")[1], r["time"].value, r["precision"].value) for r in forms] == [
        ("NormalRank", "2020-01-01T00:00:00Z", "11")]
    # the 2022 statement is in no graph the queries read (they read the union of graphs)
    assert not bool(store.query(f"ASK {{ GRAPH ?g {{ ?s ?p <{WD}statement/Q10-kb-1> }} }}"))
    # re-importing the same dump replaces it; an older dump loses to the newer one
    again = dump.import_to_store(store, _small(tmp_path), selection)
    assert again["items"] == 4 and len(sources.sources(store)) == 2
    older = write_dump(tmp_path / "wikidata-20250101-all.json", [person("Q10", "Early Holder", [held("Q10", "Q777")])])
    dump.import_to_store(store, older, selection)
    assert [h.position for h in KnowledgeBase.from_store(store).positions_held("Q10")] == ["Q500"]
    # loading the snapshot again (kg kb load --force) and re-applying keeps the newest source's facts
    store.update(f"DROP GRAPH <{WIKIDATA_GRAPH}>")
    store.load(f'<{WIKIDATA_GRAPH}> <http://purl.org/dc/terms/issued> "2022-08-03"^^<{XSD}date> .\n{SNAP}'.encode(),
               "nt", WIKIDATA_GRAPH)
    assert sources.reapply(store) == 4
    assert [h.start for h in KnowledgeBase.from_store(store).positions_held("Q10")] == ["2020-01-01"]


def test_evidence_source_names_the_covering_source(tmp_path):
    kg_store = _store_with(SNAP + f'<{WD}statement/Q30-sup-1> <http://www.w3.org/ns/prov#wasDerivedFrom> '
                                     f'"web: example.org page" .\n'
                                     f'<{WD}Q30> <http://www.wikidata.org/prop/P463> <{WD}statement/Q30-sup-1> .\n')
    assert sources.evidence_source(kg_store, f"{WD}statement/Q10-kb-1") == "kg snapshot 2022-08-03"
    assert sources.evidence_source(kg_store, f"{WD}statement/Q30-sup-1") == "curated supplement: web: example.org page"
    dump.import_to_store(kg_store, _small(tmp_path), dump.default_selection(kg_store))
    node = next(iter(kg_store.query(f"SELECT ?st WHERE {{ GRAPH <{WIKIDATA_GRAPH}> {{ <{WD}Q10> "
                                       f"<http://www.wikidata.org/prop/P39> ?st }} }}")))["st"].value
    assert sources.evidence_source(kg_store, node) == "Wikidata dump 2026-11-25"
    assert sources.evidence_source(kg_store, f"{WD}Q30") == "kg snapshot 2022-08-03"
    assert sources.evidence_source(kg_store, "https://w3id.org/kg-diplomacy/id/claim/a/role/1-2") == ""


def test_cli_import_and_sources(tmp_path, capsys):
    from kg.cli import main

    store = tmp_path / "store"
    path = _small(tmp_path)
    assert main(["kb", "--store", str(store), "import", str(path), "--date", "2026-11-30"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["date"] == "2026-11-30" and info["kept"] >= 4  # (the snapshot's items are seeds too)
    assert main(["kb", "--store", str(store), "sources", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["kind"], s["date"]) for s in listed] == [("snapshot", "2022-08-03"), ("dump", "2026-11-30")]
    assert main(["kb", "--store", str(store), "import", str(tmp_path / "missing.json.bz2")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_every_kb_subcommand_and_import_option_is_documented():
    import argparse
    from pathlib import Path

    from kg.cli import build_parser

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    kb = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices["kb"]
    subs = next(a for a in kb._actions if isinstance(a, argparse._SubParsersAction)).choices
    for name, parser in subs.items():
        assert f"`kg kb {name}" in readme, name
        if name in ("import", "sources"):
            for action in parser._actions:
                for flag in action.option_strings:
                    assert flag in ("-h", "--help") or flag in readme, (name, flag)
