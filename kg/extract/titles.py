"""Words that make up office titles, modifiers that change them, and country words.

This is language data (how English writes titles), not facts about people:
which office a title denotes is decided later from the knowledge base.
"""

from __future__ import annotations

#: Head nouns: a title must contain one.
HEADS = frozenset("""
president minister secretary chancellor premier adviser advisor ambassador envoy spokesman
spokeswoman spokesperson senator governor king queen leader chairman chairwoman chair director
chief commissioner representative mayor speaker prince emperor head general admiral attorney
counsellor counselor diplomat negotiator commander ruler monarch sultan emir taoiseach
""".split())

#: Other words that occur inside titles.
TITLE_WORDS = HEADS | frozenset("""
foreign defense defence interior home state treasury finance affairs national security justice
economy economic trade commerce energy health education agriculture labour labor transport
environment development international cooperation co-operation commonwealth european union
homeland intelligence deputy vice first prime executive high permanent special top assistant
under undersecretary press white house council armed forces staff party communist general
principal senior united nations nato osce eu republic federal supreme
""".split())

#: Modifiers before a title.  "deputy"/"vice" change the office; the others its time.
MODIFIERS = frozenset("""
former ex then late acting deputy vice incoming outgoing would-be erstwhile onetime one-time
previous interim caretaker
""".split())

#: Words that join title parts: "Secretary of State", "Minister for Foreign Affairs".
JOINERS = frozenset({"of", "for", "and", "the", "&"})

#: Country adjectives and short names as used before titles -> a name the KB knows.
COUNTRY_WORDS = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "american": "United States",
    "usa": "United States", "america": "United States", "united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "british": "United Kingdom", "britain": "United Kingdom",
    "russian": "Russia", "russia": "Russia", "ukrainian": "Ukraine", "ukraine": "Ukraine",
    "chinese": "China", "china": "China", "french": "France", "france": "France",
    "german": "Germany", "germany": "Germany", "belarusian": "Belarus", "belarus": "Belarus",
    "norwegian": "Norway", "norway": "Norway", "danish": "Denmark", "denmark": "Denmark",
    "polish": "Poland", "italian": "Italy", "spanish": "Spain", "japanese": "Japan", "indian": "India",
    "turkish": "Turkey", "iranian": "Iran", "israeli": "Israel", "syrian": "Syria", "canadian": "Canada",
    "australian": "Australia", "swedish": "Sweden", "finnish": "Finland", "dutch": "Netherlands",
    "hungarian": "Hungary", "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania",
    "north korean": "North Korea", "south korean": "South Korea", "korean": "South Korea",
    "saudi": "Saudi Arabia", "egyptian": "Egypt", "iraqi": "Iraq", "afghan": "Afghanistan",
    "pakistani": "Pakistan", "mexican": "Mexico", "brazilian": "Brazil", "venezuelan": "Venezuela",
    "cuban": "Cuba", "georgian": "Georgia", "moldovan": "Moldova", "kazakh": "Kazakhstan",
    "austrian": "Austria", "swiss": "Switzerland", "belgian": "Belgium", "greek": "Greece",
    "romanian": "Romania", "bulgarian": "Bulgaria", "czech": "Czech Republic", "slovak": "Slovakia",
    "serbian": "Serbia", "croatian": "Croatia", "irish": "Ireland", "portuguese": "Portugal",
    "qatari": "Qatar", "emirati": "United Arab Emirates", "jordanian": "Jordan", "lebanese": "Lebanon",
    "palestinian": "Palestine", "libyan": "Libya", "nigerian": "Nigeria", "kenyan": "Kenya",
    "ethiopian": "Ethiopia", "south african": "South Africa", "filipino": "Philippines",
    "philippine": "Philippines", "vietnamese": "Vietnam", "thai": "Thailand", "indonesian": "Indonesia",
    "malaysian": "Malaysia", "taiwanese": "Taiwan", "kremlin": "Russia", "soviet": "Soviet Union",
}

#: Organisations whose titles are written before names: "NATO Secretary General".
ORG_WORDS = {"nato": "NATO", "un": "United Nations", "u.n.": "United Nations", "eu": "European Union",
             "e.u.": "European Union", "osce": "OSCE", "imf": "International Monetary Fund"}


#: Country words that are names (or abbreviations of names), not adjectives.
_COUNTRY_NAMES = frozenset(k for k, v in COUNTRY_WORDS.items() if k == v.lower()) | frozenset(
    {"us", "u.s.", "u.s", "usa", "uk", "u.k.", "britain", "america", "kremlin"})


def country_word(word: str) -> str | None:
    """The country a country word names: "Russian", "Russians", "U.S." -> a name the KB knows."""
    w = word.lower().strip()
    if w in COUNTRY_WORDS:
        return COUNTRY_WORDS[w]
    if w.endswith("s") and w[:-1] in COUNTRY_WORDS and w[:-1] not in _COUNTRY_NAMES:
        return COUNTRY_WORDS[w[:-1]]  # plural demonym: "Russians"
    return None


def is_demonym(word: str) -> bool:
    """True for an adjective or people-noun ("Russian", "Russians"), False for a name ("Russia")."""
    w = word.lower().strip()
    return country_word(w) is not None and w not in _COUNTRY_NAMES and w.rstrip(".") not in _COUNTRY_NAMES
