"""Role claims, pattern by pattern, with the negatives and the dates they speak of."""

from __future__ import annotations

import pytest

from kg.model import Article


def _roles(nlp_kb, text: str, date: str = "2022-01-21"):
    from kg.extract import extract
    from kg.link import link

    nlp, kb = nlp_kb
    ex = next(extract([Article(id="t", text=text, title="", date=date)], nlp))
    return link(ex, kb).roles


def _one(nlp_kb, text: str, date: str = "2022-01-21"):
    roles = _roles(nlp_kb, text, date)
    assert len(roles) == 1, [r.claim for r in roles]
    return roles[0]


@pytest.mark.parametrize("text, person, position, country", [
    ("US Secretary of State Antony Blinken flew to Kyiv.", "Q7821917", "Q14213", "Q30"),
    ("Russian Foreign Minister Sergei Lavrov spoke to reporters.", "Q58217", "Q1418873", "Q159"),
    ("U.S. national security adviser Jake Sullivan briefed the press.", "Q16730147", "Q1414246", "Q30"),
    ("The talks were led by Sergei Lavrov, the Russian foreign minister.", "Q58217", "Q1418873", "Q159"),
    ("She met the UK's Foreign Secretary, Liz Truss, on Monday.", "Q272201", "Q1371091", None),
    ("The statement came from President Vladimir Putin of Russia.", "Q7747", "Q218295", "Q159"),
])
def test_title_patterns_map_to_the_office(nlp_kb, text, person, position, country):
    role = _one(nlp_kb, text)
    assert role.person.qid == person
    assert role.position == position
    if country:
        assert role.country == country
    assert not role.claim.past


def test_organisation_title(nlp_kb):
    role = _one(nlp_kb, "NATO Secretary General Jens Stoltenberg warned Moscow.")
    assert role.claim.organization and role.person.qid
    assert role.position is not None


@pytest.mark.parametrize("text, modifier", [
    ("Former President Barack Obama praised the deal.", "former"),
    ("The plan was drafted by then-Secretary of State John Kerry.", "then"),
    ("Ex-President Barack Obama praised the deal.", "ex"),
])
def test_past_modifiers_mark_the_claim_as_past(nlp_kb, text, modifier):
    role = _one(nlp_kb, text)
    assert modifier in role.claim.modifiers
    assert role.claim.past


def test_deputy_changes_the_office(nlp_kb):
    role = _one(nlp_kb, "Deputy Foreign Minister Sergei Ryabkov led the delegation.")
    assert "deputy" in role.claim.modifiers
    assert role.position != "Q1418873"  # not the minister's own office


def test_explicit_year_dates_the_claim(nlp_kb):
    role = _one(nlp_kb, "In 2014, President Barack Obama imposed sanctions on Russia.")
    assert role.claim.claim_date == "2014-01-01" and role.claim.claim_date_end == "2014-12-31"
    assert "2014" in role.claim.date_evidence


def test_sentence_initial_day_dates_every_claim_of_its_clause(nlp_kb):
    roles = _roles(nlp_kb, "On Wednesday, US Secretary of State Antony Blinken and Russian Foreign Minister "
                           "Sergei Lavrov held talks in Geneva.")
    assert [r.claim.claim_date for r in roles] == ["2022-01-19", "2022-01-19"]


def test_without_time_expression_the_article_date(nlp_kb):
    role = _one(nlp_kb, "President Joe Biden spoke on the phone.", date="2022-03-02")
    assert role.claim.claim_date == "2022-03-02" and "article date" in role.claim.date_evidence


def test_a_year_describing_a_noun_does_not_date_the_claim(nlp_kb):
    role = _one(nlp_kb, "President Joe Biden mentioned the 2016 election campaign.", date="2022-03-02")
    assert role.claim.claim_date == "2022-03-02"


@pytest.mark.parametrize("text", [
    "Obama's successor will face the same problem.",
    "The president said nothing about it.",
    "Mr. Putin did not answer.",
    "The Biden administration imposed sanctions.",
])
def test_no_role_claim_without_a_title_and_a_name(nlp_kb, text):
    assert _roles(nlp_kb, text) == ()


def test_claim_in_a_verbless_headline_with_a_date(nlp_kb):
    role = _one(nlp_kb, "President Joe Biden in Geneva on Monday\n\nThe talks began.", date="2022-01-21")
    assert role.claim.claim_date in {"2022-01-17", "2022-01-21"}


def test_under_is_a_preposition_unless_under_secretary(nlp_kb):
    role = _one(nlp_kb, "The country suffered under President Nicolas Maduro for years.")
    assert role.claim.title == "President"
    role = _one(nlp_kb, "Under Secretary of State Victoria Nuland met the delegation.")
    assert role.claim.title.lower().startswith("under secretary")


def test_a_country_across_a_conjunction_is_not_the_next_titles(nlp_kb):
    # "President X of Russia and President Y of China": "Russia and" does not qualify Y's title
    roles = _roles(nlp_kb, "President Vladimir Putin of Russia and President Xi Jinping of China launched a plan.")
    by_person = {r.person.qid: r for r in roles}
    assert by_person["Q15031"].country == "Q148" and by_person["Q15031"].claim.title == "President"
    assert by_person["Q7747"].country == "Q159"
    # twin: a possessive country right before the title is the title's
    roles = _roles(nlp_kb, "Russia's President Vladimir Putin and China's President Xi Jinping launched a plan.")
    assert {r.person.qid: r.country for r in roles} == {"Q7747": "Q159", "Q15031": "Q148"}


@pytest.mark.parametrize("text, qualifier, linked", [
    # an acronym naming the office's body: only an office of that body is meant
    ("Officials, including NEC Director Brian Deese, spoke daily.", "NEC", False),
    ("Officials, including OMB Director Brian Deese, spoke daily.", "OMB", True),
    # twin: no acronym, the person's own office with this short title
    ("Officials, including Director Brian Deese, spoke daily.", "", True),
])
def test_an_acronym_before_a_title_names_its_body(nlp_kb, text, qualifier, linked):
    role = _one(nlp_kb, text, "2014-07-01")
    assert role.claim.qualifier == qualifier
    assert (role.position == "Q16300323") is linked  # Director of the Office of Management and Budget


@pytest.mark.parametrize("text, title, qualifier", [
    # a dash before a title is punctuation, not part of the title (a live blog's time stamp)
    ("9:50 am ET — President Donald Trump on Saturday said the U.S. would restore some funding.", "President", ""),
    # a time zone after a clock time is not the acronym of an office's body
    ("At 10 a.m. EST President Donald Trump spoke to reporters.", "President", ""),
    ("At 14:00 GMT President Donald Trump spoke to reporters.", "President", ""),
    # twins: a dash inside a title joins its words; an acronym after a dash still names the body
    ("Vice-President Kamala Harris spoke to reporters.", "Vice-President", ""),
    ("Officials — including NEC Director Brian Deese — spoke daily.", "Director", "NEC"),
])
def test_punctuation_and_time_zones_before_a_title(nlp_kb, text, title, qualifier):
    role = _one(nlp_kb, text, "2020-05-16")
    assert (role.claim.title, role.claim.qualifier) == (title, qualifier)
    assert text[role.claim.start:role.claim.end].startswith(title)


def test_a_title_after_a_fronted_phrase_is_the_next_verbs_subject(nlp_kb):
    # "after the meeting with X, the Vice President will host him": the name ends a fronted phrase,
    # the title is the subject of "will host", not an apposition of X
    roles = _roles(nlp_kb, "After the meeting with Prime Minister Lee, the Vice President will host him at the White House.")
    assert [r.claim.pattern for r in roles] == ["title-name"]
    # twin: the name is the subject and the apposition runs up to its verb
    roles = _roles(nlp_kb, "Sergei Lavrov, the Russian foreign minister said on Monday that talks would go on.")
    assert [(r.claim.pattern, r.person.qid) for r in roles] == [("name-comma-title", "Q58217")]


def test_a_plural_title_before_a_comma_is_not_the_names(nlp_kb):
    # "with EU foreign ministers, X stressed": the ministers are others, X is the clause's subject
    assert _roles(nlp_kb, "Before a lunch with EU foreign ministers, Lavrov stressed shared values.") == ()
    # twin: a singular title before the comma is the name's
    roles = _roles(nlp_kb, "Before a lunch with the Russian foreign minister, Sergei Lavrov stressed shared values.")
    assert [(r.claim.pattern, r.person.qid) for r in roles] == [("title-comma-name", "Q58217")]


@pytest.mark.parametrize("text, date, office_words", [
    # a generic description names the country's office whatever its style
    ("British foreign minister Boris Johnson spoke on Tuesday.", "2016-10-04", {"Foreign"}),
    ("Brazilian foreign minister Carlos França spoke on Tuesday.", "2022-07-12", {"External"}),
    ("U.S. foreign minister Antony Blinken spoke on Tuesday.", "2022-03-01", {"Secretary of State"}),
])
def test_a_title_named_by_its_function(nlp_kb, text, date, office_words):
    _, kb = nlp_kb
    role = _one(nlp_kb, text, date)
    # the country's own offices among those the title denotes (beside offices of no known country)
    labels = [kb.entity(p).label for p in role.positions if kb.entity(p).country or kb.entity(p).jurisdiction]
    assert labels and all(any(w in label for w in office_words) for label in labels), labels


def test_a_functional_title_is_tried_only_when_the_country_has_no_such_title(nlp_kb):
    # "Russian Foreign Minister": Russia has that very title, so nothing else is meant
    _, kb = nlp_kb
    role = _one(nlp_kb, "Russian Foreign Minister Sergei Lavrov spoke to reporters.")
    assert role.position == "Q1418873"
    assert all("Foreign" in kb.entity(p).label for p in role.positions if kb.entity(p).country), role.positions
