"""What a role mention asserts: its reading, read off the parse and the discourse around it.

A "TITLE NAME" mention does not always say that the person holds the office on the date
the text speaks of.  Each role claim gets one reading (``RoleClaim.reading``):

- ``asserted``: the text says the person holds the office at the claim's time;
- ``address``: a form of address or reference, not a statement about tenure: a vocative
  ("Governor X, your response"), a speaker label ("SECRETARY X:"), a courtesy title (title +
  surname in speech, the way speakers address and refer to people, kept after office);
- ``historical``: the clause speaks of an earlier time ("under President X", "X's
  administration", "aide to President X", "the ousted President X", a past-perfect clause,
  "used to", "at the time"); the claim's time is that time when the clause gives it, else unknown;
- ``hypothetical``: hypothetical, prospective or candidate roles ("a President X",
  "President-elect X", "the nominee", "future", "would-be", "candidate for president");
- ``negated``: the text denies the role ("No longer president, X ...", "not yet", "never");
- ``quoted``: an asserted claim inside a quotation or a transcript turn, attributed to
  its speaker (``RoleClaim.speaker``).

Only asserted and quoted claims, and historical ones with a known time, are checked
(:data:`CHECKED`); the others are reported apart with their reading.  The rules are readings
of English grammar and discourse (tense, mood, articles, vocatives, turns), never names.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

import re

from ..model import PAST_MODIFIERS, PROSPECTIVE_MODIFIERS, Article, RoleClaim
from .dating import in_quotation, past_tense, verb_of
from .genre import Layout
from .sentences import doc_text, sentence_of

#: Every reading, in the order the rules try them (the first that applies wins).
READINGS = ("address", "negated", "hypothetical", "historical", "quoted", "asserted")
#: Readings whose claims are checked against Wikidata (historical only with a known time).
CHECKED = frozenset({"asserted", "quoted", "historical"})

# Words that make a role prospective or hypothetical when they modify the title or follow it.
_PROSPECTIVE = PROSPECTIVE_MODIFIERS
# "soon-to-be Justice X", "the to-be-named envoy": a state to come, written with or without hyphens.
_TO_BE = re.compile(r"(?:\bsoon|\bto)[-\s]+(?:to[-\s]+)?be[-\s]*$", re.I)
# Self-repair: a dash or an ellipsis right after the mention, then the utterance ends or the
# speaker corrects it ("President X -- sorry, Governor X"): the false start asserts nothing.  A dash
# that opens an apposition ("President X -- the first to visit --") is not a break.
_BREAK = re.compile(r"\s*(?:—|–|--|\.\.\.|…)\s*(?:sorry|excuse me|pardon|i mean|i'm sorry|or rather|rather|no|"
                    r"correction)\b", re.I)
# In speech, a dash or an ellipsis that ends the utterance: the speaker trails off or is cut off.
_TRAIL = re.compile(r"\s*(?:—|–|--|\.\.\.|…)\s*(?:$|[\n\"”’(\[])")  # or a stage direction: "(laughter)"
# "candidate for president", "run for prime minister": the office is sought, not held.
_SEEKING_NOUNS = frozenset({"candidate", "nominee", "nomination", "bid", "race", "run", "campaign", "contender",
                            "hopeful", "challenger"})
# Verbs of becoming whose complement is an office not (yet) held: "becomes secretary of state".
_BECOMING = frozenset({"become", "appoint", "elect", "nominate", "name"})
# Adverbs of frequency: in the past tense they speak of a past period (habitual aspect).
_HABITUAL = frozenset({"frequently", "often", "repeatedly", "regularly", "routinely", "sometimes", "occasionally",
                       "constantly", "always"})
_SEEKING_VERBS = frozenset({"run", "campaign", "stand", "compete", "vie", "seek", "nominate", "elect", "become"})
# Participles that put the holder's tenure in the past: "the ousted President X".
_ENDED = frozenset({"ousted", "impeached", "deposed", "toppled", "overthrown", "assassinated", "slain", "murdered",
                    "exiled", "disgraced", "jailed", "imprisoned", "executed", "defeated", "retired", "departed",
                    "deceased", "dead", "killed"})
# Nouns whose possessor's tenure they denote: "President X's administration".
_TENURE = frozenset({"administration", "presidency", "premiership", "tenure", "term", "reign", "era", "years",
                     "government", "regime", "cabinet", "rule", "watch", "time", "days", "legacy", "tenures"})
# Nouns of service to someone: "an aide to President X" (a biography: the aide's time).
_SERVICE = frozenset({"aide", "adviser", "advisor", "assistant", "secretary", "spokesman", "spokeswoman",
                      "spokesperson", "counsel", "counselor", "counsellor", "envoy", "appointee", "nominee",
                      "staffer", "speechwriter", "official", "ambassador", "chief", "lawyer", "attorney"})
_SERVICE_VERBS = frozenset({"serve", "work", "advise"})
# "due to President X", "thanks to", "owing to": an outcome credited to a person
_CREDIT = frozenset({"due", "thanks", "owing"})
# Adverbials that place a clause in the past: "at the time", "back then".
_PAST_ADVERBS = frozenset({"once", "formerly"})
_VOCATIVE_OPEN = frozenset({",", "—", "–", "-", "--", ";", ":"})
_VOCATIVE_CLOSE = frozenset({",", "?", "!", ".", ":", "—", "–", "-", "--", ";"})
# Verbs of introducing and greeting: their object is addressed, with a courtesy title ("Please welcome ...").
_INTRODUCING = frozenset({"welcome", "introduce", "greet", "salute"})
# Nouns of commemoration: "in memory of Governor X" speaks of a life that has ended.
_COMMEMORATION = frozenset({"memory", "memoriam", "honor", "honour", "tribute", "death", "funeral", "passing",
                            "loss", "legacy", "memorial", "obituary", "assassination", "killing", "burial"})
_ORDINALS = frozenset({"first", "founding", "last", "second", "third", "fourth", "fifth"})
_SPEECH_VERBS = frozenset({"say", "tell", "add", "report", "announce", "state", "claim", "explain", "write",
                           "note", "confirm", "insist", "argue", "warn", "quote"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
_GREETINGS = frozenset({"thank", "thanks", "welcome", "good", "hello", "hi", "congratulations", "dear",
                        "excuse", "sorry", "please", "morning", "evening", "afternoon", "pardon"})


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _given_name(claim: RoleClaim, person: Span) -> bool:
    """True when the person is named with more than a surname ("Joe Biden", not "Biden")."""
    words = [t for t in person if t.is_alpha or "-" in t.text or "'" in t.text]
    return len(words) >= 2


def _address(doc: Doc, claim: RoleClaim, span: Span, person: Span, layout: Layout) -> str:
    """Why the mention is a form of address, or ''."""
    if layout.in_label(claim.start, claim.end) or layout.label_inside(claim.start, claim.end):
        return "speaker label: the turn's speaker, not a statement about them"
    root = person.root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head  # "welcome President X and Governor Y": each conjunct is welcomed
    bare = not claim.country and not claim.organization  # a courtesy title is the bare title
    if root.dep_ in {"dobj", "appos"} and root.head.lemma_.lower() in _INTRODUCING \
            and claim.pattern == "title-name" and bare:
        return f"introduction: the object of {root.head.text!r}, named with a courtesy title"
    sent = sentence_of(span)
    before = doc[span.start - 1] if span.start > sent.start else None
    after = doc[span.end] if span.end < sent.end else None
    opens = before is None or before.text in _VOCATIVE_OPEN or before.lower_ in _GREETINGS
    closes = after is None or after.text in _VOCATIVE_CLOSE
    if opens and closes and claim.pattern == "title-name":
        # set off on both sides, not an argument of a verb: a vocative
        role = person.root.dep_
        if role not in {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr", "agent", "dative", "conj"} \
                or span.end - span.start == sent.end - sent.start - (1 if after is not None else 0):
            words = {t.lower_ for t in sent}
            if words & _SECOND_PERSON or words & _GREETINGS or (after is not None and after.text in {"?", ":"}) \
                    or any(t.morph.get("Mood") == ["Imp"] for t in sent) or len(sent) <= span.end - span.start + 2:
                return "vocative: the person is addressed"
    end = claim.end
    while end > claim.start and doc_text(doc)[end - 1] in "—–- ":
        end -= 1  # a dash the title reached over
    if (_BREAK.match(doc_text(doc), end) or layout.spoken and _TRAIL.match(doc_text(doc), end)) \
            and person.root.dep_ not in {"nsubj", "nsubjpass"}:
        return "interrupted: the utterance breaks off after the mention or the speaker corrects it (a false start)"
    if layout.spoken and not _given_name(claim, person) and claim.pattern == "title-name" and bare:
        return f"courtesy title: title and surname in {layout.genre} speech, a way to address or refer to a person"
    return ""


def _denial(doc: Doc, i: int) -> str:
    """The words ending at token ``i`` that deny a role ("no longer", "not yet", "never"), or ''.

    A plain "not" is no denial of the title: "the letter came from the minister, not President X"
    denies the act and presupposes the office (a presupposition survives negation)."""
    if i >= 1 and doc[i].lower_ == "longer" and doc[i - 1].lower_ == "no":
        return "no longer"
    if i >= 1 and doc[i].lower_ in {"yet", "anymore"} and doc[i - 1].lower_ in {"not", "n't", "never"}:
        return f"{doc[i - 1].text} {doc[i].text}"
    if i >= 0 and doc[i].lower_ == "never":
        return "never"
    return ""


def _negated(doc: Doc, span: Span, claim: RoleClaim) -> str:
    """Why the text denies the role ("No longer president, X ...", "X, never the premier,"), or ''."""
    title = _span(doc, claim.title_start, claim.title_end)
    if title is None:
        return ""
    j = title.start - 1
    while j >= 0 and (doc[j].lower_ in {"the", "a", "an", "'s", "’s"} or doc[j].ent_type_ in {"GPE", "NORP"}):
        j -= 1
    words = _denial(doc, j)
    return f"negated: {words!r} before the title" if words else ""


def _hypothetical(doc: Doc, span: Span, claim: RoleClaim) -> str:
    """Why the role is hypothetical, prospective or sought, or ''."""
    sent = sentence_of(span)
    if set(claim.modifiers) & _PROSPECTIVE:
        return f"prospective: {sorted(set(claim.modifiers) & _PROSPECTIVE)[0]!r}"
    title = _span(doc, claim.title_start, claim.title_end)
    first = title.start if title is not None else span.start
    i = first - 1
    while i >= sent.start and (doc[i].is_punct and doc[i].text in {"-", "–"} or doc[i].ent_type_ in {"GPE", "NORP"}
                               or doc[i].lower_ in {"'s", "’s"}):
        i -= 1  # "a future U.S. President X"
    if i >= sent.start and doc[i].lower_ in {"a", "an"} and claim.pattern == "title-name":
        return "hypothetical: an indefinite article before a title and name (an imagined holder)"
    if i >= sent.start and doc[i].lower_ in _PROSPECTIVE:
        return f"prospective: {doc[i].text!r} before the title"
    if _TO_BE.search(doc_text(doc)[max(claim.title_start - 20, sent.start_char):claim.title_start]):
        return "prospective: 'to be' before the title (an office to come)"
    # "If he becomes U.S. secretary of state, X would ...": the office is what someone becomes
    k = first - 1
    while k >= sent.start and (doc[k].ent_type_ in {"GPE", "NORP"} or doc[k].lower_ in {"the", "a", "an", "'s", "’s"}
                               or doc[k].text in {".", "-"}):
        k -= 1
    if k >= sent.start and doc[k].lemma_.lower() in _BECOMING and doc[k].pos_ in {"VERB", "AUX"} \
            and (doc[k].lemma_.lower() == "become" or doc[k].tag_ == "VBN"):  # "was named", not "named X"
        return f"prospective: the office is what someone {doc[k].text!r} (a change of state, not a holding)"
    j = claim.end
    tail = doc_text(doc)[j:j + 12].lower()
    if tail.startswith(("-elect", " elect", "-designate", " designate", "-in-waiting")):
        return "prospective: the title is marked -elect/-designate"
    # "the party's candidate for president, X" / "running for president": the office is sought
    if title is not None:
        k = title.start - 1
        while k >= sent.start and doc[k].lower_ in {"the", "of", "for", "to", "be", "as"} | set():
            if doc[k].lower_ in {"for", "as", "be"}:
                gov = doc[k - 1] if k - 1 >= sent.start else None
                if gov is not None and (gov.lemma_.lower() in _SEEKING_NOUNS | _SEEKING_VERBS):
                    return f"candidate: {gov.text!r} {doc[k].text!r} the office (sought, not held)"
            k -= 1
    return ""


def _historical(doc: Doc, span: Span, person: Span, claim: RoleClaim, article: Article,
                layout: Layout | None = None) -> str:
    """Why the clause speaks of an earlier time than the text's, or ''."""
    sent = sentence_of(span)
    title = _span(doc, claim.title_start, claim.title_end)
    first = min(title.start, span.start) if title is not None else span.start
    # "the ousted President X", "the slain governor"
    for k in range(max(first - 2, sent.start), first):
        if doc[k].lower_ in _ENDED:
            return f"historical: {doc[k].text!r} ends the tenure"
    head = person.root.head
    # "in memory of Governor X", "the death of President X": a life that has ended
    if person.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _COMMEMORATION:
        return f"historical: {head.head.text!r} of the person (commemoration)"
    # "India's first Prime Minister, X": a holder named by rank in the succession
    last = title.end - 1 if title is not None else first
    for k in range(max(first - 3, sent.start), last):
        # the ordinal must modify the title or the name ("first Prime Minister"), not another noun
        # before them ("from the very first day, X, the president")
        if (doc[k].lower_ in _ORDINALS or doc[k].ent_type_ == "ORDINAL") and k < doc[k].head.i < span.end \
                and (title is None or doc[k].head.i >= title.start or doc[k].head.i >= span.start):
            return f"historical: the ordinal {doc[k].text!r} names a holder by rank in the succession"
    # "former Ohio Senator X", "former Obama-era Energy Secretary X": a past modifier further left in the NP
    k = first - 1
    while k >= sent.start and first - k <= 6 and (doc[k].pos_ in {"PROPN", "ADJ", "NOUN", "NUM"} or
                                                  doc[k].text in {"-", "–", "'s", "’s"}):
        if doc[k].lower_ in PAST_MODIFIERS:
            return f"historical: {doc[k].text!r} in the title's noun phrase"
        k -= 1
    if k >= sent.start and doc[k].lower_ in PAST_MODIFIERS and first - k <= 6:
        return f"historical: {doc[k].text!r} in the title's noun phrase"
    # "under President X": the time of X's tenure
    if head.lower_ == "under" and head.i < span.start and person.root.dep_ == "pobj":
        return "historical: 'under' a holder speaks of their tenure, not the text's date"
    # "President X's administration": the possessor's tenure
    if person.root.dep_ == "poss" and head.lemma_.lower() in _TENURE:
        return f"historical: {head.text!r} of the holder speaks of their tenure"
    # "an aide to President X", "served under President X"; the name may hang off the title as an
    # apposition ("an aide to national security adviser X")
    np = person.root
    if np.dep_ == "appos" and title is not None and title.start <= np.head.i < title.end:
        np = np.head
    if np.dep_ == "pobj" and np.head.lower_ in {"to", "for", "under", "with"}:
        prep = np.head
        gov = prep.head
        if gov.lemma_.lower() in _SERVICE and gov.i < prep.i and gov.pos_ == "NOUN" \
                or gov.lemma_.lower() in _SERVICE_VERBS and past_tense(gov):
            return f"historical: {gov.text!r} {prep.text!r} the holder (a biography)"
    # "as Vice President, X led ..." in a past clause
    if claim.pattern == "title-comma-name" and title is not None and title.start - 1 >= sent.start:
        k = title.start - 1
        while k > sent.start and doc[k].lower_ in {"the", "then"}:
            k -= 1
        if doc[k].lower_ == "as" and past_tense(verb_of(person.root)):
            return "historical: 'as TITLE' in a past-tense clause"
    verb = verb_of(person.root)
    # "Over 80 months of that was due to President X": a past outcome credited to the holder
    if person.root.dep_ == "pobj" and past_tense(verb) and (
            head.lower_ == "to" and head.head.lower_ in _CREDIT or
            head.lower_ == "of" and head.i > 0 and doc[head.i - 1].lower_ == "because"):
        return f"historical: a past outcome credited to the holder ({doc[head.i - 1].text!r} {head.text!r})"
    # "Secretary X, President Y's secretary of state": the tenure named by the principal served
    k = span.end
    if k + 2 < sent.end and doc[k].text == ",":
        j = k + 1
        while j < min(k + 5, sent.end) and doc[j].ent_type_ == "PERSON" and doc[j].text not in {"'s", "’s"}:
            j += 1
        if j > k + 1 and j < sent.end and doc[j].text in {"'s", "’s"} and title is not None \
                and any(t.lower_ == title[-1].lower_ for t in doc[j + 1:min(j + 6, sent.end)]):
            return f"historical: the tenure is named by the principal served ({doc[k + 1:j + 1].text} ...)"
    # in speech, a past-tense relative clause tells a person's record ("Joe Biden, who was
    # responsible with President X for ..."): a time the speech does not give
    if layout is not None and layout.spoken and verb is not None and verb.dep_ == "relcl" and past_tense(verb) \
            and verb.head.ent_type_ not in {"DATE", "TIME"} and not claim.date_evidence.startswith("time expression"):
        # (not "this past Friday, when X nominated ...": a clause of a time the speech gives)
        return f"historical: a past-tense relative clause ({verb.text!r}) in {layout.genre} speech"
    if verb is not None:
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        if auxes and auxes[0].lower_ == "had" and verb.tag_ == "VBN" and not _backshifted(verb):
            return "historical: past perfect (a time before the one spoken of)"
        if verb.lemma_.lower() == "use" and verb.tag_ == "VBD" and verb.i + 1 < len(doc) \
                and doc[verb.i + 1].lower_ == "to":
            return "historical: 'used to'"
        if past_tense(verb) and any(c.lower_ in _PAST_ADVERBS and c.dep_ in {"advmod", "npadvmod"}
                                    for c in verb.children):
            return "historical: a past-tense clause placed in the past ('then', 'once', '... ago')"
        if past_tense(verb) and any(c.dep_ == "prep" and c.lower_ == "at" and
                                    any(g.lower_ in {"time", "times"} for g in c.children) for c in verb.children):
            return "historical: 'at the time' / 'at times' in a past-tense clause"
        if past_tense(verb) and not _backshifted(verb) and any(
                c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children):
            return "historical: a habitual past ('frequently criticized'): a past period, not one event"
    return ""


def _backshifted(verb: Token) -> bool:
    """True when ``verb`` heads reported speech after a past verb of saying ("said that X had offered"):
    the past perfect there is the reported simple past (sequence of tenses), not an earlier time."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_.lower() in _SPEECH_VERBS


def _speaker(doc: Doc, span: Span, claim: RoleClaim, article: Article, layout: Layout) -> str:
    """Who the claim is attributed to: the subject of the verb of saying, or the turn's speaker."""
    turn = layout.turn_at(claim.start)
    if turn is not None and not in_quotation(article.text, claim.start):
        return turn.speaker
    sent = sentence_of(span)
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in {"say", "tell", "add", "write", "ask", "declare", "state",
                                                          "insist", "note", "argue", "claim", "recall"}:
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj and not (subj[0].i >= span.start and subj[0].i < span.end):
                s = subj[0]
                left = min([s.i] + [c.i for c in s.subtree if c.dep_ in {"compound", "amod", "det", "poss"}])
                return doc[left:s.i + 1].text
    return turn.speaker if turn is not None else ""


def _historical_date(claim: RoleClaim, article: Article) -> RoleClaim:
    """The time of a historical claim: the clause's own time expression, else unknown."""
    if claim.date_evidence.startswith("time expression") and claim.claim_date:
        return claim
    return replace(claim, claim_date=None, claim_date_end=None,
                   date_evidence="no date: the clause speaks of an earlier time it does not give")


def read_claim(doc: Doc, claim: RoleClaim, article: Article, layout: Layout) -> RoleClaim:
    """The claim with its reading, the reading's evidence, its speaker, and its time for that reading."""
    span = _span(doc, claim.start, claim.end)
    person = _span(doc, claim.person.start, claim.person.end)
    if span is None or person is None:
        return claim
    why = _address(doc, claim, span, person, layout)
    if why:
        return replace(claim, reading="address", reading_evidence=why)
    why = _negated(doc, span, claim)
    if why:
        return replace(claim, reading="negated", reading_evidence=why)
    why = _hypothetical(doc, span, claim)
    if why:
        return replace(claim, reading="hypothetical", reading_evidence=why)
    why = _historical(doc, span, person, claim, article, layout)
    if why:
        return replace(_historical_date(claim, article), reading="historical", reading_evidence=why)
    if claim.past:  # "former President X said in 2019": held before that time, which the text does not give
        past = next(m for m in claim.modifiers if m in PAST_MODIFIERS)
        return replace(claim, reading="historical", reading_evidence=f"historical: {past!r} before the title",
                       claim_date=None, claim_date_end=None,
                       date_evidence=f"no date: {past!r} puts the tenure before the time spoken of")
    quoted = in_quotation(article.text, claim.start)
    if quoted or layout.turn_at(claim.start) is not None:
        speaker = _speaker(doc, span, claim, article, layout)
        where = "a quotation" if quoted else f"a {layout.genre} turn"
        return replace(claim, reading="quoted", speaker=speaker,
                       reading_evidence=f"quoted: inside {where}" + (f", attributed to {speaker}" if speaker else ""))
    if claim.claim_date and article.date and claim.date_evidence.startswith("time expression") \
            and (claim.claim_date_end or claim.claim_date) < article.date[:4] + "-01-01":
        return replace(claim, reading="historical", reading_evidence=f"historical: the clause is dated ({claim.date_evidence})")
    return replace(claim, reading="asserted", reading_evidence="asserted: the text says the person holds the office")
