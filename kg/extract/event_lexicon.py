"""Event lexicon: the words that signal each PLOVER 2021 event type, and the words around them.

Language data only (English), read by the trigger finders (:mod:`kg.extract.event_nouns`, :mod:`kg.extract.event_verbs`,
:mod:`kg.extract.event_syntax`) and :mod:`kg.extract.events`.
Each trigger word maps to a :class:`Sense`: PLOVER type, mode and context.  The words come from
the CAMEO descriptions the PLOVER 2021 conversion table gives for each type and mode ("Grant
asylum" -> AID/asylum, "Reduce or stop aid" -> SANCTION/discontinue, "Impose curfew" ->
COERCE/curfew...) and from the English verb classes of those descriptions (VerbNet-style:
verbs of giving, of removing, of judgement, of assault, of communication), never from the
sentences of an evaluation set.
"""

from __future__ import annotations

from typing import NamedTuple


class Sense(NamedTuple):
    type: str
    mode: str = ""
    context: str = ""


def _senses(words: str, kind: str, mode: str = "", context: str = "") -> dict[str, Sense]:
    return dict.fromkeys(words.split(), Sense(kind, mode, context))


#: Verb lemmas that are triggers on their own.
VERB_TRIGGERS = {
    **_senses("agree consent pledge vow promise commit", "AGREE", "", "diplomatic"),
    **_senses("meet negotiate discuss convene consult confer", "CONSULT"),
    **_senses("visit", "CONSULT", "visit"),
    **_senses("host", "CONSULT", "host"),
    **_senses("telephone phone", "CONSULT", "phone"),
    **_senses("mediate", "CONSULT", "", "diplomatic"),
    **_senses("praise endorse welcome commend applaud hail congratulate thank back support defend "
              "recognize recognise apologize apologise forgive", "SUPPORT", "", "diplomatic"),
    **_senses("cooperate collaborate", "COOPERATE"),
    **_senses("extradite", "COOPERATE", "", "legal"),
    **_senses("aid assist bolster donate", "AID"),
    **_senses("evacuate rescue airlift", "AID", "", "humanitarian"),
    **_senses("concede yield accede relent capitulate", "CONCEDE"),
    **_senses("retreat surrender demobilize demobilise disarm", "RETREAT", "disarm", "military"),
    **_senses("free release", "RETREAT", "release", "legal"),
    **_senses("compensate", "RETREAT", "return", "legal"),
    **_senses("resign", "RETREAT", "", "political_institutions"),
    **_senses("demand urge request implore petition beseech", "REQUEST"),
    **_senses("accuse blame allege condemn denounce criticize criticise confront rebuke slam "
              "deplore censure chastise castigate complain", "ACCUSE", "disapprove"),
    **_senses("sue", "ACCUSE", "allege", "legal"),
    **_senses("convict", "ACCUSE", "disapprove", "legal"),
    **_senses("investigate probe", "ACCUSE", "investigate"),
    **_senses("reject refuse decline deny dismiss oppose veto rebuff spurn renege defy", "REJECT"),
    **_senses("threaten", "THREATEN"),
    **_senses("protest demonstrate rally march picket", "PROTEST", "demo"),
    **_senses("riot", "PROTEST", "riot"),
    **_senses("boycott", "PROTEST", "boycott"),
    **_senses("sanction embargo blacklist", "SANCTION", "", "economic"),
    **_senses("expel", "SANCTION", "expel", "diplomatic"),
    **_senses("mobilize mobilise deploy amass reinforce", "MOBILIZE", "troops", "military"),
    **_senses("patrol", "MOBILIZE", "police"),
    **_senses("arrest detain jail imprison", "COERCE", "arrest", "legal"),
    **_senses("deport", "COERCE", "deport", "legal"),
    **_senses("seize confiscate", "COERCE", "seize", "human_security"),
    **_senses("ban outlaw prohibit", "COERCE", "ban", "pro_autocracy"),
    **_senses("censor", "COERCE", "restrict", "rights_freedoms"),
    **_senses("blockade besiege", "COERCE", "restrict", "military"),
    **_senses("occupy annex", "COERCE", "seize", "military"),
    **_senses("deface vandalize vandalise loot", "COERCE", "seize", "human_security"),
    **_senses("disperse", "COERCE", "restrict", "pro_autocracy"),
    **_senses("attack assault invade bomb bombard shell strike ambush storm overrun retake raid "
              "fight", "ASSAULT", "", "military"),
    **_senses("kill wound shoot massacre execute slaughter murder", "ASSAULT"),
    **_senses("beat", "ASSAULT", "beat"),
    **_senses("torture", "ASSAULT", "torture"),
    **_senses("abduct kidnap hijack", "ASSAULT", "abduct"),
    **_senses("assassinate", "ASSAULT", "assassinate"),
    **_senses("rape", "ASSAULT", "sexual"),
    **_senses("say declare tell announce state add stress downplay warn reiterate insist "
              "emphasize emphasise assert conclude", "STATEMENT"),
}

#: Verbs whose sense depends on their direct object (lemma sets); checked before VERB_TRIGGERS.
WEAPONS = {"weapon", "arm", "ammunition", "missile", "equipment", "tank", "drone", "munition"}
FORCES = {"troop", "soldier", "force", "warship", "reinforcement", "battalion", "army", "reservist",
          "unit", "division", "brigade", "jet", "ship", "police", "policeman"}
RELIEF = {"aid", "food", "medicine", "supply", "good", "fund", "money", "grant", "loan", "asylum",
          "refuge", "shelter", "assistance", "relief", "help", "support", "donation", "vaccine",
          "blanket", "tent", "water"}
PERSONS = {"prisoner", "hostage", "detainee", "captive", "person", "people", "activist", "national",
           "soldier", "journalist", "dissident", "opponent", "leader"}
OBSERVERS = {"observer", "inspector", "monitor", "peacekeeper", "mission", "investigator", "expert"}
RESTRICTIONS = {"curfew", "ban", "restriction", "measure", "emergency", "control", "law", "rule",
                "blockade", "siege"}
TIES = {"tie", "relation", "link", "contact", "cooperation", "talk", "negotiation", "aid", "assistance",
        "program", "programme", "delivery", "flight", "trade", "dialogue", "mission", "operation"}
PROPERTY = {"line", "office", "building", "house", "home", "pipeline", "bridge", "plant", "station",
            "embassy", "site", "school", "church", "mosque", "shop", "car", "vehicle", "headquarters",
            "facility", "property", "farm", "crop"}
INFORMATION = {"information", "intelligence", "expertise", "data", "knowledge", "technology"}
AGREEMENTS = {"agreement", "treaty", "accord", "pact", "deal", "memorandum", "declaration", "protocol",
              "charter", "convention", "communique", "truce", "ceasefire"}
OBJECT_TRIGGERS: dict[str, list[tuple[set[str], Sense]]] = {
    "supply": [(WEAPONS, Sense("AID", "", "military")), (RELIEF, Sense("AID"))],
    "provide": [(WEAPONS, Sense("AID", "", "military")), (RELIEF, Sense("AID"))],
    "deliver": [(WEAPONS, Sense("AID", "", "military")), (RELIEF, Sense("AID"))],
    "give": [(RELIEF, Sense("AID"))],
    "grant": [({"asylum", "refuge"}, Sense("AID", "", "asylum")), (RELIEF, Sense("AID")),
              ({"amnesty", "pardon", "access"}, Sense("CONCEDE", "", "rights_freedoms"))],
    "offer": [({"asylum", "refuge"}, Sense("AID", "", "asylum"))],
    "ship": [(WEAPONS, Sense("AID", "", "military")), (RELIEF, Sense("AID"))],
    "send": [(WEAPONS, Sense("AID", "", "military")), (RELIEF, Sense("AID")),
             (FORCES, Sense("MOBILIZE", "troops", "military")),
             (OBSERVERS, Sense("ACCUSE", "investigate", ""))],
    "dispatch": [(FORCES, Sense("MOBILIZE", "troops", "military")), (OBSERVERS, Sense("ACCUSE", "investigate")),
                 (RELIEF, Sense("AID"))],
    "hand": [(RELIEF | WEAPONS, Sense("AID"))],
    "freeze": [({"asset", "account", "fund"}, Sense("SANCTION", "", "economic"))],
    "mass": [(FORCES, Sense("MOBILIZE", "troops", "military"))],
    "move": [(FORCES, Sense("MOBILIZE", "troops", "military"))],
    "station": [(FORCES, Sense("MOBILIZE", "troops", "military"))],
    "withdraw": [(OBSERVERS | {"ambassador", "envoy", "diplomat", "worker", "staff", "agency"},
                  Sense("SANCTION", "expel", "diplomatic")),
                 (FORCES | {"presence"}, Sense("RETREAT", "withdraw", "military")),
                 (TIES, Sense("SANCTION", "withdraw", "diplomatic"))],
    "pull": [(FORCES, Sense("RETREAT", "withdraw", "military"))],
    "recall": [({"ambassador", "envoy", "diplomat"}, Sense("SANCTION", "withdraw", "diplomatic"))],
    "suspend": [(TIES, Sense("SANCTION", "discontinue", "")),
                ({"strike", "protest", "boycott"}, Sense("CONCEDE"))],
    "cut": [(TIES, Sense("SANCTION", "discontinue", ""))],
    "halt": [(TIES, Sense("SANCTION", "discontinue", ""))],
    "stop": [(TIES, Sense("SANCTION", "discontinue", ""))],
    "sever": [(TIES, Sense("SANCTION", "withdraw", "diplomatic"))],
    "downgrade": [(TIES, Sense("SANCTION", "withdraw", "diplomatic"))],
    "break": [(TIES, Sense("SANCTION", "withdraw", "diplomatic"))],
    "withhold": [(RELIEF | TIES, Sense("SANCTION", "discontinue", ""))],
    "close": [({"embassy", "consulate", "mission"}, Sense("SANCTION", "withdraw", "diplomatic")),
              ({"border", "crossing", "airspace", "port", "road"}, Sense("COERCE", "restrict", "military"))],
    "upgrade": [(TIES, Sense("SUPPORT", "", "diplomatic"))],
    "restore": [(TIES, Sense("SUPPORT", "", "diplomatic"))],
    "establish": [(TIES, Sense("SUPPORT", "", "diplomatic"))],
    "resume": [(TIES, Sense("SUPPORT", "", "diplomatic"))],
    "sign": [(AGREEMENTS, Sense("SUPPORT", "", "diplomatic"))],
    "ratify": [(AGREEMENTS, Sense("SUPPORT", "", "diplomatic"))],
    "share": [(INFORMATION, Sense("COOPERATE", "", "intelligence"))],
    "exchange": [(INFORMATION, Sense("COOPERATE", "", "intelligence")), (PERSONS, Sense("RETREAT", "release", "legal"))],
    "lift": [({"sanction", "embargo", "blockade"}, Sense("RETREAT", "ease", "economic")),
             (RESTRICTIONS, Sense("CONCEDE", "", "legal"))],
    "ease": [({"sanction", "embargo", "blockade"}, Sense("RETREAT", "ease", "economic")),
             (RESTRICTIONS, Sense("CONCEDE", "", "legal"))],
    "cancel": [(RESTRICTIONS, Sense("CONCEDE", "", "legal"))],
    "relax": [(RESTRICTIONS, Sense("CONCEDE", "", "legal"))],
    "allow": [({"access", "delivery", "aid", "inspector", "observer", "inspection", "monitor"},
               Sense("RETREAT", "access", "humanitarian"))],
    "receive": [(OBSERVERS, Sense("RETREAT", "access", "diplomatic"))],
    "return": [({"territory", "land", "property", "helicopter", "plane", "ship", "asset", "body",
                 "remains"}, Sense("RETREAT", "return", "legal")), (PERSONS, Sense("RETREAT", "release", "legal"))],
    "pay": [({"compensation", "reparation", "damage"}, Sense("RETREAT", "return", "legal"))],
    "declare": [({"ceasefire", "truce", "armistice"}, Sense("RETREAT", "ceasefire", "military")),
                ({"emergency", "siege", "curfew", "martial"}, Sense("COERCE", "martial-law", "pro_autocracy")),
                ({"war"}, Sense("THREATEN", "violence", "military"))],
    "impose": [({"curfew"}, Sense("COERCE", "curfew", "pro_autocracy")),
               ({"emergency", "siege", "martial", "rule"}, Sense("COERCE", "martial-law", "pro_autocracy")),
               ({"restriction", "ban", "control", "limit"}, Sense("COERCE", "restrict", "executive")),
               ({"blockade"}, Sense("COERCE", "restrict", "military"))],
    "institute": [({"curfew"}, Sense("COERCE", "curfew", "pro_autocracy"))],
    "collect": [({"signature"}, Sense("PROTEST", "demo", ""))],
    "block": [({"road", "street", "highway", "bridge", "railway", "access", "entrance", "traffic", "route"},
               Sense("PROTEST", "obstruct", ""))],
    "throw": [({"stone", "rock", "bottle", "grenade", "molotov", "firebomb"}, Sense("PROTEST", "riot", ""))],
    "prevent": [({"demonstration", "protest", "rally", "march", "meeting", "strike", "gathering", "vote"},
                 Sense("COERCE", "restrict", "rights_freedoms"))],
    "fire": [(WEAPONS | {"shell", "rocket", "mortar", "shot", "round", "bullet", "gun", "bomb", "grenade"},
              Sense("ASSAULT", "heavy-weapons", "military"))],
    "launch": [({"attack", "offensive", "strike", "raid", "invasion", "assault", "airstrike", "missile",
                 "rocket"}, Sense("ASSAULT", "", "military"))],
    "mount": [({"attack", "offensive", "raid", "invasion", "assault"}, Sense("ASSAULT", "", "military"))],
    "use": [({"gas", "force", "bullet"}, Sense("ASSAULT", "", "pro_autocracy"))],
    "destroy": [(PROPERTY, Sense("COERCE", "seize", "human_security"))],
    "damage": [(PROPERTY, Sense("COERCE", "seize", "human_security"))],
    "burn": [(PROPERTY, Sense("COERCE", "seize", "human_security"))],
    "hold": [({"hostage"}, Sense("ASSAULT", "abduct")), ({"shield"}, Sense("COERCE", "arrest"))],
    "take": [({"hostage", "control"}, Sense("ASSAULT", "abduct"))],
    "open": [({"fire"}, Sense("ASSAULT", "firearms", "military")),
             ({"investigation", "inquiry", "probe"}, Sense("ACCUSE", "investigate"))],
    "lodge": [({"protest", "complaint"}, Sense("ACCUSE", "allege", "diplomatic"))],
    "file": [({"complaint", "lawsuit", "suit", "charge"}, Sense("ACCUSE", "allege", "legal"))],
    "bring": [({"lawsuit", "suit", "charge", "case"}, Sense("ACCUSE", "allege", "legal"))],
    "seek": [({"asylum", "refuge", "aid", "help", "assistance", "support", "extradition", "release",
               "talks"}, Sense("REQUEST", "assist", ""))],
    "set": [({"fire"}, Sense("COERCE", "seize", "human_security"))],
    "accept": [({"mediation", "plan", "proposal", "offer", "deal", "agreement", "invitation", "ceasefire",
                 "truce", "condition", "demand", "refugee", "resolution"}, Sense("AGREE", "", "diplomatic"))],
    "reach": [(AGREEMENTS | {"settlement", "compromise", "understanding"}, Sense("AGREE", "", "diplomatic"))],
    "stage": [({"strike", "protest", "demonstration", "rally", "march", "sit-in"}, Sense("PROTEST", "demo")),
              ({"attack", "raid", "coup"}, Sense("ASSAULT", "", "military"))],
    "organize": [({"strike", "protest", "demonstration", "rally", "march"}, Sense("PROTEST", "demo"))],
    "organise": [({"strike", "protest", "demonstration", "rally", "march"}, Sense("PROTEST", "demo"))],
    "shun": [({"work"}, Sense("PROTEST", "boycott"))],
    "violate": [({"ceasefire", "truce"}, Sense("ASSAULT", "", "military")),
                ({"ban", "law", "norm", "order", "embargo", "sanction", "rule", "resolution"},
                 Sense("REJECT", "yield", "legal"))],
    "order": [(FORCES | {"patrol", "mobilization", "mobilisation"}, Sense("MOBILIZE", "troops", "military"))],
    "put": [({"force", "troop", "army", "military"}, Sense("MOBILIZE", "troops", "military"))],
    "raise": [({"alert"}, Sense("MOBILIZE", "troops", "military"))],
    "force": [({"agency", "mission", "diplomat", "observer", "inspector", "peacekeeper", "organization",
                "organisation", "staff"}, Sense("SANCTION", "expel", "diplomatic")),
              ({"refugee", "people", "resident", "family", "villager"}, Sense("COERCE", "deport", "legal"))],
}

#: Verb + particle or preposition: ("reach", "out") -> "reached out".
PHRASAL_TRIGGERS = {
    ("reach", "out"): Sense("CONSULT"), ("talk", "with"): Sense("CONSULT"), ("talk", "to"): Sense("CONSULT"),
    ("speak", "with"): Sense("CONSULT"), ("build", "up"): Sense("MOBILIZE", "troops", "military"),
    ("call", "on"): Sense("REQUEST"), ("call", "for"): Sense("REQUEST"), ("press", "for"): Sense("REQUEST"),
    ("appeal", "to"): Sense("REQUEST"), ("appeal", "for"): Sense("REQUEST"), ("ask", "for"): Sense("REQUEST"),
    ("beat", "up"): Sense("ASSAULT", "beat"), ("blow", "up"): Sense("COERCE", "seize", "human_security"),
    ("pull", "out"): Sense("RETREAT", "withdraw", "military"), ("pull", "back"): Sense("RETREAT", "withdraw", "military"),
    ("hand", "over"): Sense("RETREAT", "release", "legal"), ("give", "up"): Sense("CONCEDE"),
    ("give", "in"): Sense("CONCEDE"), ("back", "down"): Sense("CONCEDE"),
    ("call", "off"): Sense("CONCEDE"), ("crack", "down"): Sense("COERCE", "restrict", "pro_autocracy"),
    ("lay", "down"): Sense("RETREAT", "disarm", "military"), ("stand", "down"): Sense("RETREAT", "disarm", "military"),
    ("fire", "at"): Sense("ASSAULT", "firearms", "military"), ("fire", "on"): Sense("ASSAULT", "firearms", "military"),
    ("shoot", "down"): Sense("ASSAULT", "", "military"), ("turn", "down"): Sense("REJECT"),
    ("back", "out"): Sense("REJECT"), ("walk", "out"): Sense("SANCTION", "withdraw", "diplomatic"),
    ("side", "with"): Sense("SUPPORT", "", "diplomatic"), ("stand", "by"): Sense("SUPPORT", "", "diplomatic"),
    ("go", "on"): None,  # placeholder removed below ("went on strike" is read from the noun)
}
PHRASAL_TRIGGERS = {k: v for k, v in PHRASAL_TRIGGERS.items() if v is not None}

#: Noun lemmas (or plural forms) that are triggers on their own.
NOUN_TRIGGERS = {
    **_senses("talks meeting summit negotiation negotiations trip dialogue dialog consultation "
              "consultations", "CONSULT"),
    **_senses("visit", "CONSULT", "visit"),
    **_senses("mediation", "CONSULT", "", "diplomatic"),
    **_senses("warning", "STATEMENT"),
    **_senses("agreement pledge promise commitment", "AGREE", "", "diplomatic"),
    **_senses("praise endorsement apology recognition", "SUPPORT", "", "diplomatic"),
    **_senses("cooperation collaboration extradition", "COOPERATE"),
    **_senses("aid assistance donation airlift", "AID"),
    **_senses("asylum", "AID", "", "asylum"),
    **_senses("concession", "CONCEDE"),
    **_senses("withdrawal pullout retreat surrender", "RETREAT", "withdraw", "military"),
    **_senses("ceasefire truce armistice", "RETREAT", "ceasefire", "military"),
    **_senses("release", "RETREAT", "release", "legal"),
    **_senses("demand plea appeal request", "REQUEST"),
    **_senses("accusation allegation condemnation criticism complaint", "ACCUSE", "disapprove"),
    **_senses("lawsuit", "ACCUSE", "allege", "legal"),
    **_senses("investigation inquiry probe", "ACCUSE", "investigate"),
    **_senses("rejection refusal veto denial", "REJECT"),
    **_senses("threat ultimatum", "THREATEN"),
    **_senses("protest demonstration rally march sit-in", "PROTEST", "demo"),
    **_senses("riot", "PROTEST", "riot"),
    **_senses("boycott", "PROTEST", "boycott"),
    **_senses("sanction sanctions embargo", "SANCTION", "", "economic"),
    **_senses("suspension severance cutoff", "SANCTION", "discontinue", ""),
    **_senses("expulsion", "SANCTION", "expel", "diplomatic"),
    **_senses("buildup build-up mobilization mobilisation deployment reinforcement", "MOBILIZE", "troops",
              "military"),
    **_senses("arrest detention", "COERCE", "arrest", "legal"),
    **_senses("deportation", "COERCE", "deport", "legal"),
    **_senses("curfew", "COERCE", "curfew", "pro_autocracy"),
    **_senses("crackdown", "COERCE", "restrict", "pro_autocracy"),
    **_senses("blockade siege occupation", "COERCE", "restrict", "military"),
    **_senses("attack assault invasion offensive airstrike bombing shelling ambush raid massacre "
              "killing clash clashes fighting", "ASSAULT", "", "military"),
    **_senses("assassination", "ASSAULT", "assassinate"),
    **_senses("abduction kidnapping hijacking", "ASSAULT", "abduct"),
    **_senses("torture", "ASSAULT", "torture"),
}

#: Nouns that are triggers only with one of these modifiers (amod/compound/nmod lemmas).
MODIFIED_NOUN_TRIGGERS = {
    "movement": (Sense("MOBILIZE", "troops", "military"), {"military", "troop", "army"}),
    "effort": (Sense("CONSULT", "", "diplomatic"), {"diplomatic", "mediation", "peace"}),
    "call": (Sense("CONSULT", "phone"), {"phone", "telephone", "video"}),
    "conversation": (Sense("CONSULT", "phone"), {"phone", "telephone", "video"}),
    "session": (Sense("CONSULT"), {"group", "plenary", "joint", "bilateral", "negotiating", "emergency"}),
    "support": (Sense("AID"), {"military", "financial", "economic", "humanitarian", "security", "lethal",
                               "defense", "defence"}),
    "measure": (Sense("SANCTION", "", "economic"), {"punitive", "restrictive", "retaliatory", "economic"}),
    "discussion": (Sense("CONSULT"), {"bilateral", "direct", "face-to-face"}),
    "strike": (Sense("PROTEST", "hunger"), {"hunger"}),
    "alert": (Sense("MOBILIZE", "troops", "military"), {"high", "maximum", "full", "military", "combat", "red"}),
    "patrol": (Sense("MOBILIZE", "police"), {"police", "military", "naval", "joint", "army"}),
    "attack": (Sense("ASSAULT", "explosives"), {"bomb", "suicide", "car", "rocket", "mortar"}),
    "explosion": (Sense("ASSAULT", "explosives"), {"bomb", "minefield", "mine", "car"}),
    "bombing": (Sense("ASSAULT", "explosives"), {"suicide", "car", "roadside"}),
}
#: ... or with one of these prepositions ("a call with Putin", "measures against officials").
MODIFIED_NOUN_PREPS = {"call": {"with", "between"}, "conversation": {"with", "between"},
                       "discussion": {"with", "between"}, "measure": {"against", "on"}}
#: Nouns that are events with a "general/hunger" modifier or as the object of go on/stage ("a general strike").
STRIKE_MODS = {"general", "hunger", "national", "nationwide", "labor", "labour", "week-long", "day-long"}
#: Heads a trigger noun may modify and still be an event ("aid package"), unlike "sanctions list".
EVENT_COMPOUND_HEADS = {"package", "shipment", "delivery", "program", "programme", "convoy", "round",
                        "strike", "attack", "operation", "campaign"}
#: Words under which a sanction is being undone or dodged, not imposed ("the lifting of sanctions").
UNDOING = {"lift", "lifting", "ease", "easing", "remove", "removal", "relief", "evade", "evasion",
           "circumvent", "dodge", "exemption", "waiver", "end", "drop", "scrap", "suspend"}
#: Reciprocal verbs: a meeting only with a "with" partner or a plural/conjoined subject.
RECIPROCAL = {"discuss", "negotiate"}
#: Modifiers that make a listed noun no event at all ("visual aid", "first aid", "heart attack").
NOT_EVENT_MODIFIERS = {"aid": {"visual", "first", "hearing", "teaching"}, "attack": {"heart", "panic", "asthma"},
                       "march": {"long"}, "strike": {"lucky"}}
#: Verbs of a sense only in their political use: their object must be an actor or event-like, not a thing.
NEEDS_ACTOR_OBJECT = {"back", "support", "defend", "welcome", "recognize", "recognise", "host", "thank",
                      "beat", "strike", "hail", "free", "release", "fight"}

#: Verbs whose object (or "for/in/to" complement) is an event noun: their subject is its actor.
LIGHT_VERBS = set("""
hold have attend host conduct organize organise arrange schedule plan propose offer seek request
begin start resume continue open join launch wrap end conclude impose slap levy introduce adopt
approve announce issue make pose send provide give deliver pledge promise lay present voice repeat
level file try pay undertake carry engage enter agree call summon travel go lead chair stage mount
lodge reiterate declare grant reach sign carry wage
""".split())
#: Light verbs kept in the trigger span: "impose sanctions", "held talks".
SPAN_LIGHT_VERBS = {"impose", "slap", "levy", "hold", "provide", "supply", "deliver", "pay", "stage",
                    "mount", "lodge", "declare", "grant"}

#: Reporting verbs: a trigger in their clausal complement is attributed to their speaker.
REPORTING_VERBS = {"say", "tell", "announce", "declare", "state", "add", "stress", "warn", "claim",
                   "insist", "note", "reiterate", "emphasize", "emphasise", "assert", "write", "report",
                   "conclude", "confirm", "indicate", "signal"}
#: STATEMENT verbs that need a clausal complement or a quote to be a statement ("added to ...").
NEEDS_CONTENT = {"add", "state", "stress", "note", "insist", "reiterate", "emphasize", "emphasise", "conclude",
                 "declare"}
#: "warn that X could strike back" names a threatened act: THREATEN, not STATEMENT.
THREAT_ACTS = {"strike", "retaliate", "respond", "attack", "hit", "punish", "sanction", "invade",
               "impose", "act", "cut", "destroy", "use"}
THREAT_MODALS = {"could", "would", "will", "might", "may", "'ll", "wo"}
#: "made clear it will not agree unless..." is a (conditional) demand.
DEMAND_MARKERS = {"must", "should", "unless", "need", "have", "will", "wo", "would"}
#: Modals of obligation: "said that Y must ..." is a REQUEST of Y.
OBLIGATION_MODALS = {"must", "should", "ought"}

HEDGE_MODALS = {"may", "might", "could", "should", "would"}
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
HEDGE_GOVERNORS = {"expect", "want", "try", "hope", "seek", "consider", "insist", "suggest", "aim", "wish",
                   "attempt", "mull", "weigh", "eye", "musing", "possibility", "prospect", "likely", "unlikely",
                   "able", "claim", "reportedly"}
#: Governors that state the subject's own intention or commitment (CAMEO 03 "Express intent to ..."):
#: the event is planned; cooperative ones code AGREE, hostile ones THREATEN.
INTENT_GOVERNORS = {"plan", "intend", "agree", "promise", "pledge", "vow", "offer", "commit", "committed",
                    "willing", "prepared", "ready", "determined", "decide", "resolve", "swear", "going",
                    "set", "undertake", "consent", "volunteer", "schedule", "due", "slate", "poised", "poise"}
#: Governors that put an event forward without committing to it: it is proposed.
PROPOSAL_GOVERNORS = {"propose", "suggest", "recommend", "call", "urge", "demand", "request", "ask",
                      "appeal", "plea", "press", "invitation", "invite", "proposal", "offer", "order",
                      "push", "lobby", "petition", "implore"}
HEDGE_ADVERBS = {"allegedly", "reportedly", "possibly", "apparently", "perhaps", "maybe", "likely",
                 "probably", "supposedly"}
HEDGE_AMODS = {"possible", "potential", "likely", "prospective", "alleged", "suspected"}
PLANNED_AMODS = {"planned", "proposed", "future", "upcoming", "scheduled", "forthcoming", "expected"}
#: A time adverbial that puts the event after the time of speaking: "visit Ottawa tomorrow",
#: "meet next week" ("next"/"coming" modify a unit of time).
FUTURE_TIME_WORDS = {"tomorrow"}
FUTURE_TIME_MODIFIERS = {"next", "coming"}
TIME_UNITS = {"week", "weekend", "month", "year", "spring", "summer", "autumn", "fall", "winter", "monday",
              "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
#: Verbs of prevention, whose prevented act is a "from" complement: "prevent X from attacking".
PREVENTION_GOVERNORS = {"prevent", "stop", "block", "bar", "ban", "deter", "keep", "refrain", "prohibit",
                        "restrain", "dissuade", "discourage", "forbid", "preclude"}
#: A nominal event placed after another: "days before the president's trip", "ahead of / on the eve of the summit".
BEFORE_PREPS = {"before"}
BEFORE_OF_HEADS = {"ahead", "eve"}
#: Prepositions that introduce a complement, not an adjunct: "insists on discussing", "round of talks".
COMPLEMENT_PREPS = {"of", "on", "to", "for", "about", "into"}
#: Governors that say the event did not, or will not, happen: "refused to meet", "rejected a call for talks".
NEG_GOVERNORS = {"refuse", "decline", "fail", "cancel", "scrap", "postpone", "refrain", "avoid", "reject",
                 "deny", "dismiss", "oppose", "rule", "veto", "rebuff", "spurn", "renege", "call", "abandon",
                 "rejection", "refusal", "denial", "halt", "suspend", "stop", "end", "prevent", "block",
                 "forbid", "ban", "resist", "quit"}
#: Of NEG_GOVERNORS, those that negate only with a particle: "called off", "ruled out".
NEG_PARTICLES = {"call": "off", "rule": "out"}
#: Subordinators of a condition: "if attacked", "unless Russia withdraws".
CONDITION_MARKS = {"if", "unless", "provided", "providing", "whether"}

#: Common nouns that can be an actor ("confronted officials", "sanction companies").
ACTOR_NOUNS = set("""
official diplomat minister leader president government administration country nation ally side
counterpart partner company firm envoy delegation team secretary ambassador spokesman spokeswoman
spokesperson expert negotiator authority regime state people neighbour neighbor west member bloc
oligarch individual entity bank lawmaker senator general commander military army party analyst
observer critic source resident protester activist legislator politician citizen soldier troop
force rebel separatist militant fighter journalist reporter investigator prosecutor judge court
police ministry agency office department embassy organization organisation group coalition
alliance union council parliament congress senate committee commission leadership cabinet premier
chancellor king prince governor mayor chief head director adviser advisor aide representative
emissary mediator donor supporter opponent rival enemy adversary power superpower producer man
woman delegate demonstrator guerrilla guerilla insurgent militia militiaman gunman terrorist settler
villager civilian refugee student worker farmer youth doctor hacker missionary businessman lawyer
detainee prisoner hostage inspector peacekeeper monitor opposition junta faction movement network
newspaper agency network emir sheikh pope cleric bishop tribe clan community organization helicopter
tank jet aircraft warplane plane drone navy marine officer policeman guard agent spy deputy
mission watchdog forum court tribunal candidate voter family child children person population
""".split())
#: Actor noun -> sector (POLECAT-style), read off the head noun of an actor phrase.
SECTORS = {
    **dict.fromkeys("government administration ministry minister cabinet regime authority president premier "
                    "chancellor king prince governor mayor official envoy ambassador diplomat delegation "
                    "embassy emir sheikh junta secretary spokesman spokeswoman spokesperson state".split(),
                    "government"),
    **dict.fromkeys("military army soldier troop force navy marine officer commander general militia "
                    "militiaman peacekeeper tank jet aircraft warplane helicopter drone".split(), "military"),
    **dict.fromkeys("police policeman guard".split(), "police"),
    **dict.fromkeys("rebel separatist militant fighter guerrilla guerilla insurgent gunman terrorist".split(),
                    "rebels"),
    **dict.fromkeys("protester demonstrator activist".split(), "protesters"),
    **dict.fromkeys("parliament congress senate lawmaker legislator senator deputy".split(), "legislature"),
    **dict.fromkeys("court judge prosecutor tribunal lawyer".split(), "judiciary"),
    **dict.fromkeys("opposition party candidate".split(), "opposition"),
    **dict.fromkeys("resident villager civilian citizen people population family child children student "
                    "worker farmer youth voter person community".split(), "civilians"),
    **dict.fromkeys("refugee".split(), "refugees"),
    **dict.fromkeys("company firm bank businessman producer".split(), "business"),
    **dict.fromkeys("newspaper journalist reporter".split(), "media"),
    **dict.fromkeys("cleric bishop pope".split(), "religious"),
    **dict.fromkeys("watchdog".split(), "ngo"),
    **dict.fromkeys("settler".split(), "settlers"),
    **dict.fromkeys("hacker".split(), "hackers"),
}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Entity labels of names whose words are never triggers.
NAME_LABELS = {"ORG", "FAC", "PERSON", "GPE", "LOC", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Undirected event types: every actor is a participant; the others have a source and targets.
UNDIRECTED = {"CONSULT", "COOPERATE"}
