"""Claim readings: each reading on sentences written for it, with its negative twin.

Every case pairs a sentence whose role mention is *not* a statement of tenure on the article's
date (address, historical, hypothetical, negated) with a twin that keeps the words around it
and asserts the role: the twin must still raise its conflict.  The dates are chosen so that the
role is out of term (Barack Obama after 2017, Donald Trump after January 2021).
"""

from __future__ import annotations

import json

import pytest

from kg.build import build
from kg.check import check
from kg.extract.genre import layout
from kg.link import open_kb
from kg.model import Article
from kg.store import Store

D = "2022-05-10"
#: id -> (date, text, reading of the mention of the office holder, conflict expected)
CASES = {
    # address: vocative
    "vocative": (D, "Thank you, President Barack Obama, for your kind words tonight.", "address", None),
    "vocative-twin": (D, "President Barack Obama thanked the crowd for their kind words tonight.", "asserted",
                      "out-of-term"),
    # address: introduction (the object of "welcome", named with a courtesy title)
    "introduction": (D, "Ladies and gentlemen, please welcome President Barack Obama.", "address", None),
    "introduction-twin": (D, "Ladies and gentlemen, President Barack Obama welcomed the guests.", "asserted",
                          "out-of-term"),
    # historical: "under" a holder speaks of their tenure
    "under": (D, "Exports to Canada grew steadily under President Barack Obama, the report found.", "historical", None),
    "under-twin": (D, "Exports to Canada grew steadily, President Barack Obama said in the report.", "asserted",
                   "out-of-term"),
    # historical: a biography ("an aide to")
    "aide": (D, "Mara Quist, a former aide to President Barack Obama, opened the conference.", "historical", None),
    "aide-twin": (D, "Mara Quist and President Barack Obama opened the conference.", "asserted", "out-of-term"),
    # historical with its own time: checked on that time (2014: in office; 2019: not)
    "dated-in-term": (D, "In 2014, President Barack Obama visited the new bridge.", "historical", None),
    "dated-out-of-term": (D, "In 2019, President Barack Obama visited the new bridge.", "historical", "out-of-term"),
    # historical: a past modifier that is not next to the title
    "former-np": (D, "The former two-term President Barack Obama opened the conference.", "historical", None),
    "former-np-twin": (D, "The popular two-term President Barack Obama opened the conference.", "asserted",
                       "out-of-term"),
    # historical: commemoration
    "memory": (D, "The hall fell silent in memory of President Barack Obama and his family.", "historical", None),
    "memory-twin": (D, "The hall fell silent as President Barack Obama and his family arrived.", "asserted",
                    "out-of-term"),
    # hypothetical: an indefinite article before title and name (an imagined holder)
    "indefinite": (D, "Farmers worry about what a President Donald Trump would do to their exports.", "hypothetical",
                   None),
    "indefinite-twin": (D, "Farmers worry about what President Donald Trump would do to their exports.", "asserted",
                        "out-of-term"),
    # hypothetical: a prospective modifier
    "future": (D, "The mural shows the future President Donald Trump as a boy.", "hypothetical", None),
    "future-twin": (D, "The mural was unveiled by President Donald Trump on Sunday.", "asserted", "out-of-term"),
    # hypothetical: the office is what someone becomes
    "becoming": (D, "If he becomes president, Donald Trump would cut taxes.", "hypothetical", None),
    "becoming-twin": (D, "As he promised, President Donald Trump would cut taxes.", "asserted", "out-of-term"),
    # historical: a habitual past speaks of a past period
    "habitual": (D, "Senators frequently criticized President Barack Obama for his trade policy.", "historical", None),
    "habitual-twin": (D, "Senators criticized President Barack Obama for his trade policy.", "asserted",
                      "out-of-term"),
    # negated: the apposition denies the role
    "negated": (D, "No longer president, Barack Obama spoke at the dinner.", "negated", None),
    "negated-twin": (D, "Still president, Barack Obama spoke at the dinner.", "asserted", "out-of-term"),
    # hypothetical: "soon-to-be" (hyphenated or not) before the title
    "to-be": (D, "The mural shows the soon-to-be President Donald Trump as a young man.", "hypothetical", None),
    "to-be-twin": (D, "The mural shows the well-known President Donald Trump as a young man.", "asserted",
                   "out-of-term"),
    # address: a false start the speaker repairs ("-- sorry, ...") asserts nothing ...
    "interrupted": (D, "The next speaker is President Barack Obama — sorry, Governor Reed.", "address", None),
    # ... but a dash that opens an apposition keeps the claim
    "interrupted-twin": (D, "The next speaker is President Barack Obama — the first speaker to fly in.", "asserted",
                         "out-of-term"),
    # address: in speech, an utterance that trails off right after the mention ...
    "trail-off": (D, "MODERATOR: Good evening.\n\nLINA MARSH: The award goes to President Barack Obama --\n\n"
                     "MODERATOR: Thank you.\n\nTOM REED: I disagree.\n", "address", None),
    # ... and its twin, the utterance completed
    "trail-off-twin": (D, "MODERATOR: Good evening.\n\nLINA MARSH: The award goes to President Barack Obama.\n\n"
                          "MODERATOR: Thank you.\n\nTOM REED: I disagree.\n", "quoted", "out-of-term"),
    # historical: a past outcome credited to the holder ("due to", "thanks to") ...
    "credited": (D, "Over 80 months of that growth was due to President Barack Obama.", "historical", None),
    # ... but the same credit in the present tense speaks of now
    "credited-twin": (D, "Most of that growth is due to President Barack Obama.", "asserted", "out-of-term"),
    # historical: an apposition names the tenure by the principal the person served ...
    "principal": (D, "I was citing Secretary of State Colin Powell, George W. Bush's secretary of state, on that.",
                  "historical", None),
    # ... but an apposition without a principal keeps the claim
    "principal-twin": (D, "I was citing Secretary of State Colin Powell, the country's top diplomat, on that.",
                       "asserted", "out-of-term"),
    # historical: in speech, a past-tense relative clause tells a person's record ...
    "spoken-relcl": (D, "MODERATOR: Good evening.\n\nLINA MARSH: You have Tom Reed who was responsible with "
                        "President Barack Obama for the law.\n\nMODERATOR: Thank you.\n\nTOM REED: I disagree.\n",
                     "historical", None),
    # ... and in the present tense it speaks of now
    "spoken-relcl-twin": (D, "MODERATOR: Good evening.\n\nLINA MARSH: You have Tom Reed who is working with "
                             "President Barack Obama on the law.\n\nMODERATOR: Thank you.\n\nTOM REED: I disagree.\n",
                          "quoted", "out-of-term"),
    # historical: an ordinal on the title names a holder by rank in the succession ...
    "ordinal": (D, "The first Prime Minister, Barack Obama, opened the bridge.", "historical", "never-held"),
    # ... but an ordinal on another noun before the mention does not
    "ordinal-elsewhere": (D, "From the very first day, Barack Obama, the U.S. president, has put health first.",
                          "asserted", "out-of-term"),
    # historical: a habitual past the tagger reads as a participle ("Watch frequently criticized")
    "habitual-participle": (D, "The human rights community frequently chided President Barack Obama over waivers.",
                            "historical", None),
    "habitual-participle-twin": (D, "The human rights community chided President Barack Obama over waivers today.",
                                 "asserted", "out-of-term"),
    # historical: a biography whose holder's name hangs off the title ("an aide to U.S. president X")
    "aide-apposition": (D, "Mara Quist - an aide to U.S. president Barack Obama, was rejected.",
                        "historical", None),
    "aide-apposition-twin": (D, "Mara Quist - a critic of U.S. president Barack Obama, was rejected.",
                             "asserted", "out-of-term"),
    # address: each conjunct of an introduction with a bare (courtesy) title is introduced ...
    "introduction-conjunct": (D, "Please welcome Ukrainian president Volodymyr Zelenskyy and President Barack Obama.",
                              "address", None),
    # ... but a title the speaker qualifies with a country describes the person: asserted
    "introduction-qualified": (D, "Please welcome Ukrainian president Barack Obama.", "asserted", "never-held"),
    # retrospective title: a clause dating an earlier event names the person by the office they
    # hold when the text is written (2012: Obama is president; 2018: he is not)
    "retrospective": ("2012-05-10", "In 2005, President Barack Obama was a senator from Illinois.", "historical", None),
    "retrospective-twin": ("2018-05-10", "In 2005, President Barack Obama was a senator from Illinois.", "historical",
                           "out-of-term"),
    # quoted: read the same way, attributed to the speaker
    "quoted": (D, "“President Barack Obama is visiting the plant today,” Odile Farr told reporters.", "quoted",
               "out-of-term"),
    "quoted-address": (D, "“Thank you, President Barack Obama, for coming,” Odile Farr told reporters.", "address",
                       None),
}

TRANSCRIPT = ("MODERATOR: Good evening and welcome to the debate.\n\n"
              "LINA MARSH: Thank you. Senator Obama and I agree on trade.\n\n"
              "MODERATOR: Governor Obama, your response.\n\n"
              "TOM REED: I disagree with her.\n\n"
              "MODERATOR: President Barack Obama said so in 2019.\n")


@pytest.fixture(scope="module")
def checked(tmp_path_factory, nlp_kb):
    nlp, _ = nlp_kb
    store = Store(tmp_path_factory.mktemp("reading") / "store")
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    rows = [{"id": k, "title": "", "text": t, "date": d} for k, (d, t, _, _) in CASES.items()]
    rows.append({"id": "transcript", "title": "", "text": TRANSCRIPT, "date": D})
    path.write_text("\n".join(json.dumps(r) for r in rows))
    build([str(path)], store, nlp=nlp, kb=open_kb(store), progress=False)
    report = check(store)
    readings = {r["article"]: r for r in store.select(
        "SELECT ?article ?surface ?reading ?speaker WHERE { ?c a dip:RoleClaim ; dip:inArticle ?a ; dip:surface ?surface ; "
        "dip:reading ?reading . OPTIONAL { ?c dip:attributedSpeaker ?speaker } ?a schema:identifier ?article . "
        "FILTER(CONTAINS(?surface, \"Obama\") || CONTAINS(?surface, \"Trump\") || CONTAINS(?surface, \"Powell\")) }")}
    return report, readings, store


@pytest.mark.parametrize("case", sorted(CASES))
def test_reading_and_conflict(checked, case):
    report, readings, _ = checked
    _, _, reading, conflict = CASES[case]
    assert readings[case]["reading"] == reading, readings[case]
    kinds = [c.kind for c in report.conflicts if c.article == case]
    assert kinds == ([conflict] if conflict else []), (case, kinds)


def test_quoted_claim_names_its_speaker(checked):
    report, readings, _ = checked
    assert "Farr" in readings["quoted"]["speaker"]
    conflict = next(c for c in report.conflicts if c.article == "quoted")
    assert conflict.reading == "quoted" and "Farr" in conflict.speaker


def test_unchecked_readings_are_listed_apart(checked):
    report, _, _ = checked
    listed = {u.article: u.reason for u in report.not_asserted}
    for case in ("vocative", "under", "indefinite", "negated", "memory"):
        assert listed[case] == CASES[case][2]
    assert "dated-in-term" not in listed  # a historical claim with its own time is checked: supported


def test_transcript_turns_give_courtesy_titles_and_speakers(checked):
    report, _, store = checked
    rows = store.select("SELECT ?surface ?reading ?speaker WHERE { ?c a dip:RoleClaim ; dip:inArticle ?a ; "
                        "dip:surface ?surface ; dip:reading ?reading . OPTIONAL { ?c dip:attributedSpeaker ?speaker } "
                        "?a schema:identifier \"transcript\" }")
    by_surface = {r["surface"]: r for r in rows}
    # title + surname in a debate turn: a courtesy form of address, whatever the person holds
    assert by_surface["Governor Obama"]["reading"] == "address"
    # the full-name claim in a moderator's turn is read as asserted speech, attributed to the turn's speaker
    assert by_surface["President Barack Obama"]["reading"] == "quoted"
    assert by_surface["President Barack Obama"]["speaker"] == "MODERATOR"
    assert [c.kind for c in report.conflicts if c.article == "transcript"] == ["out-of-term"]
    genre = store.select("SELECT ?g WHERE { ?a schema:identifier \"transcript\" ; dip:genre ?g }")
    assert genre[0]["g"] == "debate"


@pytest.mark.parametrize("text, genre", [
    ("Q Thanks. On the budget?\n\nMS. LANE: We will see.\n\nQ And the talks?\n\nMS. LANE: Next week.\n", "briefing"),
    ("Q. How was the trip?\n\nThe President. Very good.\n\nQ. And the summit?\n\nThe President. Also good.\n",
     "interview"),
    ("ANNA BELL: Welcome.\n\nJOHN FERN: Thanks.\n\nMARK TOLL: Hello.\n\nANNA BELL: First question.\n", "debate"),
    ("10:02 a.m. Troops moved north.\n\n10:45 a.m. Talks resumed.\n\n11:30 a.m. A ceasefire held.\n", "live-blog"),
    ("Mr. President, I thank you. We are here because our people ask us to act, and I believe we can.", "speech"),
    ("The ministers met in Geneva on Monday. The talks ended without an agreement, officials said.", "news"),
    ("GRAPHIC: a chart.\n\nThe ministers met on Monday.\n\nGRAPHIC: another chart.\n", "news"),
])
def test_genre_from_layout(text, genre):
    assert layout(text).genre == genre


def test_live_blog_stamp_dates_its_entry(nlp_kb):
    from kg.extract import extract

    nlp, _ = nlp_kb
    text = "09:15 a.m. Crowds gathered.\n\n10:40 a.m. Talks began.\n\n11:05 a.m. Secretary of State Antony Blinken spoke.\n"
    ex = next(extract([Article(id="b", text=text, date="2022-03-01")], nlp))
    assert ex.genre == "live-blog"
    (role,) = ex.roles
    assert role.claim_date == "2022-03-01" and "11:05" in role.date_evidence
