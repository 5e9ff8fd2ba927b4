"""Event claims: one sentence per PLOVER type, the flags, the arguments, and one seed sentence."""

from __future__ import annotations

import pytest

from kg.model import EVENT_TYPES, Article

from .conftest import SAMPLES


def _events(nlp_kb, text: str, date: str = "2022-01-21", **article):
    from kg.extract import extract
    from kg.extract.events import event_claims

    nlp, _ = nlp_kb
    art = Article(id="t", text=text, date=date, **article)
    mentions = list(next(extract([art], nlp)).mentions)
    return event_claims(nlp(text), mentions, art, "test")


def _one(nlp_kb, text: str, kind: str, **article):
    events = [e for e in _events(nlp_kb, text, **article) if e.type == kind]
    assert len(events) == 1, events
    return events[0]


def _texts(mentions) -> set[str]:
    return {m.text for m in mentions}


@pytest.mark.parametrize("text, kind, trigger, speaker, target", [
    ("Emmanuel Macron said that Europe must stay united.", "REQUEST", "said", "Emmanuel Macron", "Europe"),
    ("Emmanuel Macron said that Europe had stayed united.", "STATEMENT", "said", "Emmanuel Macron", None),
    ("India warned that the monsoon had arrived early.", "STATEMENT", "warned", "India", None),
    ("Poland accused Belarus of orchestrating the border crisis.", "ACCUSE", "accused", "Poland", "Belarus"),
    ("Japan urged North Korea to halt its missile tests.", "REQUEST", "urged", "Japan", "North Korea"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN", "threatened", "Iran", "Strait of Hormuz"),
    ("Israel warned that it would strike back if attacked.", "THREATEN", "warned", "Israel", None),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "imposed sanctions", "European Union",
     "Belarus"),
    ("Russia sent troops into Ukraine.", "MOBILIZE", "sent troops", "Russia", "Ukraine"),
    ("Canada sent weapons to Ukraine.", "AID", "sent weapons", "Canada", "Ukraine"),
])
def test_each_type_with_its_speaker_and_target(nlp_kb, text, kind, trigger, speaker, target):
    event = _one(nlp_kb, text, kind)
    assert event.trigger == trigger
    assert event.speaker is not None and event.speaker.text == speaker
    assert (event.target.text if event.target else None) == target
    assert not event.negated and not event.hedged


def test_meeting_with_place_and_date(nlp_kb):
    event = _one(nlp_kb, "Emmanuel Macron met Olaf Scholz in Geneva on Wednesday.", "CONSULT")
    assert event.trigger == "met"
    assert _texts(event.participants) == {"Emmanuel Macron", "Olaf Scholz"}
    assert event.place is not None and event.place.text == "Geneva"
    assert event.event_date == "2022-01-19"  # the Wednesday before the article date
    assert "Wednesday" in event.date_evidence


def test_both_sides_of_held_talks_are_participants(nlp_kb):
    event = _one(nlp_kb, "France and Germany held talks on energy prices.", "CONSULT")
    assert "talks" in event.trigger
    assert _texts(event.participants) == {"France", "Germany"}
    assert event.speaker is None and event.target is None  # a meeting has no direction


@pytest.mark.parametrize("text, negated, hedged, status", [
    ("Emmanuel Macron did not meet Olaf Scholz.", True, False, "negated"),
    ("There will be no talks with Iran.", True, False, "negated"),
    ("Emmanuel Macron may meet Olaf Scholz next week.", False, True, "hedged"),
    ("Emmanuel Macron is expected to meet Olaf Scholz.", False, True, "hedged"),
    ("Emmanuel Macron will meet Olaf Scholz on Friday.", False, False, "planned"),  # future: not yet happened
    ("Macron and Scholz held talks, but no agreement was reached.", False, False, "asserted"),
])
def test_negation_and_hedging(nlp_kb, text, negated, hedged, status):
    events = [e for e in _events(nlp_kb, text) if "CONSULT" in (e.type, e.action)]
    assert len(events) == 1, events
    assert (events[0].negated, events[0].hedged, events[0].status) == (negated, hedged, status)


def test_reported_event_is_attributed_to_the_speaker(nlp_kb):
    text = "Britain will impose new sanctions on Iran, Liz Truss said."
    sanction = _one(nlp_kb, text, "THREATEN")  # a sanction announced, not yet imposed (CAMEO 1312)
    assert sanction.action == "SANCTION" and sanction.status == "planned"
    assert sanction.attributed_to is not None and sanction.attributed_to.text == "Liz Truss"
    statement = _one(nlp_kb, text, "STATEMENT")
    assert statement.speaker is not None and statement.speaker.text == "Liz Truss"
    assert text[statement.content_start:statement.content_end] == "Britain will impose new sanctions on Iran"


def test_unnamed_speaker_is_kept_as_text(nlp_kb):
    text = "Germany will expel two diplomats, the minister said."
    statement = _one(nlp_kb, text, "STATEMENT")
    assert statement.speaker is None and statement.actor_texts == ("the minister",)
    expel = _one(nlp_kb, text, "THREATEN")
    assert expel.speaker is not None and expel.speaker.text == "Germany"
    assert expel.attributed_to is None  # the minister has no mention
    assert "two diplomats" in expel.actor_texts and expel.action == "SANCTION"


def test_according_to_is_a_statement(nlp_kb):
    text = "According to Emmanuel Macron, the summit was a success."
    event = _one(nlp_kb, text, "STATEMENT")
    assert event.trigger == "According to"
    assert event.speaker is not None and event.speaker.text == "Emmanuel Macron"
    assert text[event.content_start:event.content_end] == "the summit was a success"


@pytest.mark.parametrize("text", [
    "The weather in Paris was mild on Sunday.",
    "The talks are a pretext.",  # said of the talks, no event reported
    "Suffice to say, the harvest was poor.",  # "say" without a speaker
    "A sanctions list was published.",  # "sanctions" describing a list
    "Pakistan will confront militants in the north.",  # a fight, not an accusation
])
def test_sentences_without_events(nlp_kb, text):
    assert _events(nlp_kb, text) == []


def test_excluded_text_gives_no_events(nlp_kb):
    text = "Emmanuel Macron met Olaf Scholz. Subscribe to our newsletter and meet our editors."
    start = text.index("Subscribe")
    events = _events(nlp_kb, text, excluded=((start, len(text)),))
    assert [e.trigger for e in events] == ["met"]


def test_claims_are_well_formed(nlp_kb):
    text = ("Emmanuel Macron met Olaf Scholz in Geneva. Poland accused Belarus of orchestrating the crisis. "
            "Canada will send weapons to Ukraine, officials said.")
    events = _events(nlp_kb, text)
    assert len(events) >= 4
    for event in events:
        assert event.type in EVENT_TYPES
        assert text[event.trigger_start:event.trigger_end] == event.trigger
        assert event.sent_start <= event.trigger_start < event.trigger_end <= event.sent_end
        assert 0.0 < event.confidence <= 1.0
        assert event.extractor == "test" and event.article_id == "t"
        assert all(m.article_id == "t" for m in event.participants)


def test_seed_geneva_talks(nlp_kb):
    from kg.extract import extract, masked_text
    from kg.extract.events import event_claims
    from kg.ingest import read_articles

    nlp, _ = nlp_kb
    article = next(a for a in read_articles([SAMPLES]) if a.id == "seed-000")
    mentions = list(next(extract([article], nlp)).mentions)
    events = event_claims(nlp(masked_text(article)), mentions, article, "test")
    start = article.text.index("On Wednesday, US Secretary of State Antony Blinken")
    talks = [e for e in events if e.type == "CONSULT" and start < e.trigger_start < start + 130]
    assert len(talks) == 1, talks
    event = talks[0]
    assert "talks" in event.trigger
    assert {"Antony Blinken", "Sergei Lavrov"} <= _texts(event.participants)
    assert event.place is not None and event.place.text == "Geneva"
    assert not event.negated  # "but no agreement was reached" denies the agreement, not the talks
    assert event.event_date == "2022-01-19"


@pytest.mark.parametrize("text, kind, status", [
    # a future time adverbial on the event (sentences written for the test), and its past twin
    ("The talks resume today, with the prime minister's visit to Ottawa tomorrow.", "visit", "planned"),
    ("The prime minister's visit to Ottawa yesterday ended without a deal.", "visit", "asserted"),
    ("The ministers meet next week in Oslo.", "meet", "planned"),
    ("The ministers met last week in Oslo.", "met", "asserted"),
    # a nominal event another is placed before had not happened then; one placed after had
    ("The senators acted days before the president's trip to Asia.", "trip", "planned"),
    ("The senators acted days after the president's trip to Asia.", "trip", "asserted"),
    ("Ahead of the summit in Rome, the ministers spoke by phone.", "summit", "planned"),
    # the act a verb of prevention keeps from happening; a failed prevention lets it happen
    ("The court would prevent the army from attacking the city.", "attacking", "negated"),
    ("The court could not stop the army from attacking the city.", "attacking", "asserted"),
    ("He returned from talks in Geneva on Monday.", "talks", "asserted"),
])
def test_status_from_time_adverbials_placement_and_prevention(nlp_kb, text, kind, status):
    events = [e for e in _events(nlp_kb, text) if kind in e.trigger]
    assert events, [(e.type, e.trigger) for e in _events(nlp_kb, text)]
    assert events[0].status == status
