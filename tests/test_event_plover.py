"""PLOVER 2021 coding: the 16 types, status, part-of, actors with sectors, deadlines (sentences written for the tests)."""

from __future__ import annotations

import json

import pytest

from kg.model import EVENT_STATUSES, PLOVER_TYPES, Article


def _events(nlp_kb, text: str, date: str = "2022-03-10"):
    from kg.extract import extract
    from kg.extract.events import event_claims

    nlp, _ = nlp_kb
    art = Article(id="t", text=text, date=date)
    mentions = list(next(extract([art], nlp)).mentions)
    return event_claims(nlp(text), mentions, art, "test")


def _main(nlp_kb, text: str, **kw):
    """The events a PLOVER coder codes: PLOVER-typed, not part of another event."""
    return [e for e in _events(nlp_kb, text, **kw) if e.type in PLOVER_TYPES and e.part_of is None]


def _types(nlp_kb, text: str) -> set[str]:
    return {e.type for e in _main(nlp_kb, text) if e.status != "negated"}


@pytest.mark.parametrize("text, kind, mode", [
    ("Chile agreed to share intelligence with Peru.", "AGREE", ""),
    ("The minister telephoned his Italian counterpart on Monday.", "CONSULT", "phone"),
    ("Norway praised Kenya for its peaceful election.", "SUPPORT", ""),
    ("Argentina apologized to Uruguay for the incident.", "SUPPORT", ""),
    ("The government lifted the curfew in the capital.", "CONCEDE", ""),
    ("Spain extradited the suspect to France.", "COOPERATE", ""),
    ("Sweden donated medicine to Malawi.", "AID", ""),
    ("Mexico granted asylum to the journalist.", "AID", ""),
    ("The rebels released three hostages on Friday.", "RETREAT", "release"),
    ("Turkey demanded that Greece withdraw its ships.", "REQUEST", ""),
    ("Brazil condemned the coup in the neighbouring country.", "ACCUSE", "disapprove"),
    ("Prosecutors opened an investigation into the minister.", "ACCUSE", "investigate"),
    ("Hungary rejected the proposal from Austria.", "REJECT", ""),
    ("Iran threatened to close the strait.", "THREATEN", ""),
    ("Protesters blocked roads in Nairobi.", "PROTEST", "obstruct"),
    ("Teachers began a hunger strike outside the ministry.", "PROTEST", "hunger"),
    ("Japan expelled two Russian diplomats.", "SANCTION", "expel"),
    ("Poland suspended aid to Belarus.", "SANCTION", "discontinue"),
    ("Police arrested twelve activists in the square.", "COERCE", "arrest"),
    ("The junta banned the opposition party.", "COERCE", "ban"),
    ("Gunmen killed four soldiers near the border.", "ASSAULT", ""),
    ("The army mobilized its reservists.", "MOBILIZE", "troops"),
])
def test_each_plover_type(nlp_kb, text, kind, mode):
    events = [e for e in _main(nlp_kb, text) if e.type == kind]
    assert events, [(e.type, e.trigger) for e in _events(nlp_kb, text)]
    assert events[0].mode == mode


@pytest.mark.parametrize("text, absent", [
    ("Norway backed the truck into the garage.", "SUPPORT"),  # no actor backed
    ("The company released its annual report.", "RETREAT"),  # a report is no prisoner
    ("Officials opened the new bridge.", "ACCUSE"),  # no investigation
    ("Poland sent aid to Belarus.", "SANCTION"),  # aid given, not cut
    ("Workers returned to the factory.", "RETREAT"),  # nothing returned to anyone
    ("The firm demonstrated its new engine.", "PROTEST"),  # a showing, not a demonstration
])
def test_negative_twins(nlp_kb, text, absent):
    assert absent not in _types(nlp_kb, text)


def test_aid_cut_is_a_sanction_and_aid_sent_is_aid(nlp_kb):
    assert "SANCTION" in _types(nlp_kb, "Poland suspended aid to Belarus.")
    assert "AID" in _types(nlp_kb, "Poland sent aid to Belarus.")


@pytest.mark.parametrize("text, kind, status", [
    ("Macron visited Berlin last month.", "CONSULT", "asserted"),
    ("Macron will visit Berlin next month.", "AGREE", "planned"),  # CAMEO 036: intent to meet
    ("Finland will give Tanzania a grant.", "AGREE", "planned"),  # CAMEO 033: intent to aid
    ("Britain will impose sanctions on Iran.", "THREATEN", "planned"),  # CAMEO 1312
    ("Egypt reportedly mediated between the factions.", "CONSULT", "hedged"),
    ("The leaders were scheduled to hold talks on Thursday.", "AGREE", "planned"),  # CAMEO 036
    ("The two leaders held a summit in Geneva on 20 March 2022.", "CONSULT", "planned"),  # after the article date
    ("The two leaders held a summit in Geneva on 2 March 2022.", "CONSULT", "asserted"),
    ("The Senate backed the bill just before Biden visits Paris.", "AGREE", "planned"),
    ("Britain denied sending troops to the region.", "MOBILIZE", "negated"),
    ("Syria will not accept more refugees.", "REJECT", "asserted"),  # CAMEO 12: the refusal is stated
])
def test_status_and_plover_recoding(nlp_kb, text, kind, status):
    events = [e for e in _events(nlp_kb, text) if e.type == kind]
    assert events, [(e.type, e.trigger, e.status) for e in _events(nlp_kb, text)]
    assert events[0].status == status and status in EVENT_STATUSES


def test_proposed_talks_are_proposed_and_held_talks_happened(nlp_kb):
    proposed = [e for e in _events(nlp_kb, "France proposed talks with Iran.") if e.type == "CONSULT"]
    held = [e for e in _events(nlp_kb, "France held talks with Iran.") if e.type == "CONSULT"]
    assert [e.status for e in proposed] == ["proposed"]
    assert [e.status for e in held] == ["asserted"]


@pytest.mark.parametrize("text, governor, part, part_status", [
    ("Russia refused to withdraw its troops from the island.", "REJECT", "RETREAT", "negated"),
    ("The rebels dismissed calls for a ceasefire.", "REJECT", "REQUEST", "negated"),
    ("Turkey demanded that Greece withdraw its ships.", "REQUEST", "RETREAT", "proposed"),
])
def test_embedded_events_are_part_of_the_governing_one(nlp_kb, text, governor, part, part_status):
    events = _events(nlp_kb, text)
    gov = next(e for e in events if e.type == governor and e.part_of is None)
    inner = next(e for e in events if e.type == part)
    assert inner.part_of == gov.trigger_start and inner.status == part_status
    assert gov.status == "asserted"


def test_rejected_deployment_is_no_deployment(nlp_kb):
    events = _events(nlp_kb, "Chile rejected an appeal for deploying troops in Haiti.")
    assert not [e for e in events if e.type == "MOBILIZE" and e.status == "asserted"]
    assert "REJECT" in _types(nlp_kb, "Chile rejected an appeal for deploying troops in Haiti.")


def test_condition_antecedent_is_conditional_and_part_of_the_threat(nlp_kb):
    events = _events(nlp_kb, "Germany will impose sanctions if Russia invades the country.")
    invasion = next(e for e in events if e.trigger == "invades")
    assert invasion.status == "conditional" and invasion.part_of is not None
    assert {e.type for e in events if e.part_of is None} == {"THREATEN"}


@pytest.mark.parametrize("text, role, word, sector", [
    ("Rebels in Darfur attacked a convoy.", "sources", "Rebels", "rebels"),
    ("The parliament demanded that the government release the prisoners.", "sources", "parliament", "legislature"),
    ("The parliament demanded that the government release the prisoners.", "targets", "government", "government"),
    ("Residents protested against the closure of the clinic.", "sources", "Residents", "civilians"),
    ("The convoy was attacked by militiamen.", "sources", "militiamen", "military"),
    ("Serbia rejected an Austrian ultimatum.", "targets", "Austrian", ""),
    ("Hundreds of farmers marched on the capital.", "sources", "farmers", "civilians"),
])
def test_actors_with_roles_and_sectors(nlp_kb, text, role, word, sector):
    events = [e for e in _main(nlp_kb, text)]
    actors = [a for e in events for a in getattr(e, role)]
    hit = [a for a in actors if word in a.text]
    assert hit, [(e.type, [a.text for a in e.sources], [a.text for a in e.targets]) for e in events]
    assert hit[0].sector == sector


def test_nationality_of_an_unnamed_actor_is_its_country(nlp_kb):
    event = next(e for e in _main(nlp_kb, "Israeli soldiers detained two students.") if e.type == "COERCE")
    assert event.sources and event.sources[0].country is not None and event.sources[0].country.text == "Israeli"


def test_demand_target_is_the_subject_of_the_demanded_clause(nlp_kb):
    event = next(e for e in _main(nlp_kb, "Japan demanded that Russia withdraw its troops.") if e.type == "REQUEST")
    assert [a.text for a in event.targets] == ["Russia"]
    said = next(e for e in _main(nlp_kb, "Japan said that Russia must withdraw its troops.") if e.type == "REQUEST")
    assert [a.text for a in said.targets] == ["Russia"]


@pytest.mark.parametrize("text, deadline", [
    ("Russia demanded that NATO withdraw its forces by the end of 1997.", "1997-12-31"),
    ("Russia demanded that NATO withdraw its forces by March 2023.", "2023-03-31"),
    ("Russia demanded a return to the 1997 borders.", None),  # a reference point, no deadline
    ("Troops have been stationed in the region since 1997.", None),
    ("Russia had agreed to withdraw its forces by 1997.", None),  # past perfect: an old deadline
    ("He faces an investigation by the party he has belonged to since 1963.", None),  # an agent, no deadline
])
def test_deadlines(nlp_kb, text, deadline):
    found = {e.deadline for e in _events(nlp_kb, text)} - {None}
    assert found == ({deadline} if deadline else set())


def test_kg_events_formats_filters_and_findings(built_samples, tmp_path, capsys):
    from kg.cli import main

    out = tmp_path / "ev.jsonl"
    assert main(["events", "--store", str(built_samples), "--format", "plover", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(r["event_type"] in PLOVER_TYPES for r in rows)
    keys = {"article", "event_type", "event_mode", "event_context", "negated", "status", "source", "target",
            "trigger", "date", "location", "sentence"}
    assert all(keys <= set(r) for r in rows)
    assert all(set(a) == {"text", "qid", "country", "sector"} for r in rows for a in r["source"] + r["target"])
    assert any(a["country"] == "RUS" for r in rows for a in r["source"])
    capsys.readouterr()
    assert main(["events", "--store", str(built_samples), "--format", "jsonl", "--type", "CONSULT",
                 "--actor", "Q159", "--since", "2022-01-01", "--until", "2022-12-31"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and all(x["type"] == "CONSULT" and x["date"] >= "2022-01-01" for x in lines)
    assert main(["events", "--store", str(built_samples), "--format", "csv", "--type", "NOPE"]) == 1
    capsys.readouterr()
    assert main(["check", "--store", str(built_samples), "--format", "jsonl", "--findings"]) == 0
    found = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    anachronisms = [f for f in found if f["type"] == "anachronism"]
    assert [f["article"] for f in anachronisms] == ["seed-000"]
    assert anachronisms[0]["deadline"] == "1997-12-31" and anachronisms[0]["event_date"] > "2020"
    assert main(["check", "--store", str(built_samples), "--format", "jsonl"]) == 0
    assert "anachronism" not in capsys.readouterr().out  # conflicts only, unless asked


def test_meetings_hold_only_meetings_that_happened(tmp_path, capsys):
    from kg.cli import main

    article = {"id": "m1", "title": "Meetings", "date": "2022-03-10", "text":
               "Emmanuel Macron met Olaf Scholz in Paris on Monday. Emmanuel Macron will meet Joe Biden next "
               "week. Olaf Scholz refused to meet Joe Biden. Joe Biden may meet Olaf Scholz later."}
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(article) + "\n")
    store = tmp_path / "store"
    assert main(["build", str(src), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["query", "meetings", "--store", str(store), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()[1:]
    pairs = [{r.split(",")[1], r.split(",")[3]} for r in rows]
    assert pairs == [{"Emmanuel Macron", "Olaf Scholz"}], rows


@pytest.mark.parametrize("text, present, absent", [
    # a partitive object stands for its "of" phrase
    ("The United States suspended part of the aid program.", "SANCTION", None),
    ("The station suspended part of the broadcast.", None, "SANCTION"),
    # "met" with a thing as (passive) object is no meeting
    ("The rebels laid down arms after their demands were met.", "RETREAT", "CONSULT"),
    ("The leaders met in Oslo after the election.", "CONSULT", None),
    # handing over relief is aid, handing over persons a release
    ("Swiss doctors handed over medicine to the hospital.", "AID", "RETREAT"),
    ("The militia handed over the prisoners to the police.", "RETREAT", "AID"),
    # "have" is a light verb of meetings only
    ("The agency had donations from many countries.", None, "AID"),
    ("The ministers had talks in Rome.", "CONSULT", None),
    # forcing an organisation out is an expulsion (SANCTION), forcing residents out a deportation
    ("The government forced the aid agency out of the country.", "SANCTION", "COERCE"),
    ("The army forced the residents out of the village.", "COERCE", "SANCTION"),
    # preventing a protest is coercion; the protest did not happen
    ("Police prevented the demonstration in the square.", "COERCE", "PROTEST"),
    ("Students staged a demonstration in the square.", "PROTEST", "COERCE"),
    # a protest lodged with a government is an official complaint, a protest staged is dissent
    ("Serbia lodged a protest with Albania.", "ACCUSE", "PROTEST"),
    # a mis-lemmatised inflection ("staged" -> "stag") still finds its verb
    ("Farmers staged a protest outside the parliament.", "PROTEST", None),
])
def test_lexical_phenomena(nlp_kb, text, present, absent):
    types = _types(nlp_kb, text)
    if present:
        assert present in types, types
    if absent:
        assert absent not in types, types


def test_counted_actors_are_the_people_counted(nlp_kb):
    event = next(e for e in _main(nlp_kb, "Thousands of students marched in the capital.") if e.type == "PROTEST")
    assert any("students" in a.text for a in event.sources) and event.sources[0].sector == "civilians"
