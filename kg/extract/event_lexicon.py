"""Event lexicon: the words that signal each PLOVER event type, and the words around them.

Language data only (English), read by :mod:`kg.extract.events`.
"""

from __future__ import annotations

#: Verb lemmas that are triggers on their own.
VERB_TRIGGERS = {
    **dict.fromkeys("meet negotiate visit discuss convene consult confer host".split(), "CONSULT"),
    **dict.fromkeys("say declare tell announce state add stress downplay warn reiterate insist "
                    "emphasize emphasise assert".split(), "STATEMENT"),
    **dict.fromkeys("accuse blame allege condemn denounce criticize criticise confront rebuke "
                    "slam".split(), "ACCUSE"),
    **dict.fromkeys("demand urge request".split(), "DEMAND"),
    **dict.fromkeys("threaten".split(), "THREATEN"),
    **dict.fromkeys("sanction expel embargo blacklist".split(), "SANCTION"),
    **dict.fromkeys("mobilize mobilise deploy amass".split(), "MOBILIZE"),
    **dict.fromkeys("aid assist bolster".split(), "AID"),
}

#: Noun lemmas (or plural forms) that are triggers on their own.
NOUN_TRIGGERS = {
    **dict.fromkeys("talks meeting summit negotiation negotiations visit trip dialogue dialog "
                    "consultation consultations".split(), "CONSULT"),
    **dict.fromkeys("warning".split(), "STATEMENT"),
    **dict.fromkeys("accusation allegation condemnation".split(), "ACCUSE"),
    **dict.fromkeys("demand plea appeal".split(), "DEMAND"),
    **dict.fromkeys("threat ultimatum".split(), "THREATEN"),
    **dict.fromkeys("sanction sanctions embargo expulsion".split(), "SANCTION"),
    **dict.fromkeys("buildup build-up mobilization mobilisation deployment".split(), "MOBILIZE"),
    **dict.fromkeys("aid assistance".split(), "AID"),
}

#: Nouns that are triggers only with one of these modifiers (amod/compound/nmod lemmas).
MODIFIED_NOUN_TRIGGERS = {
    "movement": ("MOBILIZE", {"military", "troop", "army"}),
    "effort": ("CONSULT", {"diplomatic", "mediation"}),
    "call": ("CONSULT", {"phone", "telephone", "video"}),
    "conversation": ("CONSULT", {"phone", "telephone", "video"}),
    "session": ("CONSULT", {"group", "plenary", "joint", "bilateral", "negotiating", "emergency"}),
    "support": ("AID", {"military", "financial", "economic", "humanitarian", "security", "lethal",
                        "defense", "defence"}),
    "measure": ("SANCTION", {"punitive", "restrictive", "retaliatory", "economic"}),
    "discussion": ("CONSULT", {"bilateral", "direct", "face-to-face"}),
}
#: ... or with one of these prepositions ("a call with Putin", "measures against officials").
MODIFIED_NOUN_PREPS = {"call": {"with", "between"}, "conversation": {"with", "between"},
                       "discussion": {"with", "between"},
                       "measure": {"against", "on"}}
#: Heads a trigger noun may modify and still be an event ("aid package"), unlike "sanctions list".
EVENT_COMPOUND_HEADS = {"package", "shipment", "delivery", "program", "programme", "convoy", "round"}
#: Words under which a sanction is being undone or dodged, not imposed ("the lifting of sanctions").
UNDOING = {"lift", "lifting", "ease", "easing", "remove", "removal", "relief", "evade", "evasion",
           "circumvent", "dodge", "exemption", "waiver", "end", "drop", "scrap", "suspend"}
#: Reciprocal verbs: a meeting only with a "with" partner or a plural/conjoined subject.
RECIPROCAL = {"discuss", "negotiate"}
#: Modifiers that make a listed noun no event at all ("visual aid", "first aid").
NOT_EVENT_MODIFIERS = {"aid": {"visual", "first", "hearing", "teaching"}}

#: Verb + particle or preposition: ("reach", "out") -> "reached out".
PHRASAL_TRIGGERS = {("reach", "out"): "CONSULT", ("build", "up"): "MOBILIZE",
                    ("call", "on"): "DEMAND", ("call", "for"): "DEMAND", ("talk", "with"): "CONSULT",
                    ("talk", "to"): "CONSULT", ("speak", "with"): "CONSULT", ("press", "for"): "DEMAND",
                    ("appeal", "to"): "DEMAND"}

#: Verb + direct object lemma: "supply weapons", "send troops", "freeze assets".
WEAPONS = {"weapon", "arm", "ammunition", "missile", "equipment", "tank", "drone"}
FORCES = {"troop", "soldier", "force", "warship", "reinforcement", "battalion"}
OBJECT_TRIGGERS = {
    "supply": [(WEAPONS, "AID")], "provide": [(WEAPONS, "AID")], "deliver": [(WEAPONS, "AID")],
    "send": [(WEAPONS, "AID"), (FORCES, "MOBILIZE")], "freeze": [({"asset", "account", "fund"}, "SANCTION")],
    "mass": [(FORCES, "MOBILIZE")], "move": [(FORCES, "MOBILIZE")], "station": [(FORCES, "MOBILIZE")],
}

#: Verbs whose object (or "for/in/to" complement) is an event noun: their subject is its actor.
LIGHT_VERBS = set("""
hold have attend host conduct organize organise arrange schedule plan propose offer seek request
begin start resume continue open join launch wrap end conclude impose slap levy introduce adopt
approve announce issue make pose send provide give deliver pledge promise lay present voice repeat
level file try pay undertake carry engage enter agree call summon travel go lead chair
""".split())
#: Light verbs kept in the trigger span: "impose sanctions", "held talks".
SPAN_LIGHT_VERBS = {"impose", "slap", "levy", "hold", "provide", "supply", "deliver", "pay"}

#: Reporting verbs: a trigger in their clausal complement is attributed to their speaker.
REPORTING_VERBS = {"say", "tell", "announce", "declare", "state", "add", "stress", "warn", "claim",
                   "insist", "note", "reiterate", "emphasize", "emphasise", "assert", "write"}
#: STATEMENT verbs that need a clausal complement or a quote to be a statement ("added to ...").
NEEDS_CONTENT = {"add", "state", "stress", "note", "insist", "reiterate", "emphasize", "emphasise"}
#: "warn that X could strike back" names a threatened act: THREATEN, not STATEMENT.
THREAT_ACTS = {"strike", "retaliate", "respond", "attack", "hit", "punish", "sanction", "invade",
               "impose", "act", "cut", "destroy", "use"}
THREAT_MODALS = {"could", "would", "will", "might", "may", "'ll", "wo"}
#: "made clear it will not agree unless..." is a (conditional) demand.
DEMAND_MARKERS = {"must", "should", "unless", "need", "have", "will", "wo", "would"}

HEDGE_MODALS = {"may", "might", "could", "should", "would"}
HEDGE_GOVERNORS = {"expect", "want", "try", "hope", "seek", "plan", "offer", "consider", "insist",
                   "propose", "suggest", "intend", "aim", "wish", "attempt", "mull", "weigh", "eye",
                   "ready", "willing", "prepared", "musing", "possibility", "prospect"}
HEDGE_ADVERBS = {"allegedly", "reportedly", "possibly", "apparently", "perhaps", "maybe", "likely",
                 "probably", "supposedly"}
HEDGE_AMODS = {"possible", "potential", "planned", "proposed", "likely", "prospective", "future"}
#: Prepositions that introduce a complement, not an adjunct: "insists on discussing", "round of talks".
COMPLEMENT_PREPS = {"of", "on", "to", "for", "about", "into"}
NEG_GOVERNORS = {"refuse", "decline", "fail", "cancel", "scrap", "postpone", "refrain", "avoid"}

#: Common nouns that can be an object actor ("confronted officials", "sanction companies").
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
woman delegate
""".split())
PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Entity labels of names whose words are never triggers.
NAME_LABELS = {"ORG", "FAC", "PERSON", "GPE", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
#: Directed event types: the first actor is the source, the others targets.
DIRECTED = {"STATEMENT", "ACCUSE", "DEMAND", "THREATEN", "SANCTION", "MOBILIZE", "AID"}
