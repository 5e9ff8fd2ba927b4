"""The genre of an article, read off its layout: speaker turns, Q&A, time stamps, forms of address.

A transcript is written as turns, each opened by a speaker label at the start of a line
("MODERATOR:", "MS. PSAKI:", "Q", "The President.", "Harwood."); a live blog as entries
opened by a clock time; a speech as one speaker's monologue that addresses its audience
("Mr. President", "Excellencies", "ladies and gentlemen").  Everything else is news.

:func:`layout` returns the genre and the turns (who speaks where), which the claim
reading (:mod:`kg.extract.reading`) uses: a title addressed in a turn is a form of
address, a claim in a turn is attributed to its speaker, and a live-blog entry is
dated by its time stamp.  Plain text only: no spaCy here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

#: Genres kg tells apart (the values of ``dip:genre``).
GENRES = ("news", "debate", "interview", "briefing", "speech", "live-blog")
#: Genres in which the text is speech: title + surname is the way speakers refer to and address people.
SPOKEN = frozenset({"debate", "interview", "briefing", "speech"})

# A speaker label opening a line: "MS. PSAKI:", "SUSAN PAGE :", "THE PRESIDENT:", "Q:", "Q ",
# "MODERATOR:", and the American Presidency Project's "The President." / "Q." / "Mr. Gray." / "Harwood."
_UPPER_LABEL = re.compile(r"(?m)^[ \t]*((?:[A-Z][A-Z.'’\-]*\s){0,4}[A-Z][A-Z.'’\-]*[A-Z.])\s?:[ \t]+(?=\S)")
_Q_LABEL = re.compile(r"(?m)^[ \t]*(Q)(?:[.:]|\s)[ \t]*(?=\S)")
_TITLE_LABEL = re.compile(r"(?m)^[ \t]*((?:The|THE)\s(?:[A-Z][a-z]+\s)?[A-Z][a-z]+|(?:Mr|Ms|Mrs|Dr)\.\s[A-Z][\w'’\-]+"
                          r"|[A-Z][a-z]{2,})\.[ \t]+(?=[A-Z\"“])")
# A clock time on a line of its own or opening an entry: "1:48 PM", "(10:32 a.m. EST)", "[00:12:31]".
_STAMP = re.compile(r"(?m)^[ \t]*[\[(]?(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp]\.?\s?[Mm]\.?)?(?:\s*[A-Z]{2,4})?[\])]?"
                    r"[ \t]*(?:[-–—:|][ \t]*)?(\S?)")
_ADDRESS = re.compile(r"\b(?:Mr\.|Madam|Madame)\s(?:President|Chairman|Secretary-General|Speaker)\b"
                      r"|\bExcellenc(?:y|ies)\b|\b[Ll]adies and gentlemen\b|\b[Dd]istinguished (?:delegates|guests)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
#: First-person words per word, outside quotations, above which the author speaks: a speech or remarks.
FIRST_PERSON_SHARE = 0.015
_MODERATOR = re.compile(r"^(?:MODERATOR|MODERATORS|[A-Z]+ [A-Z]+)$")


@dataclass(frozen=True)
class Turn:
    """One speaker turn: the label as written, its span, and where the turn's text runs."""

    speaker: str
    label_start: int
    label_end: int
    end: int  # where the next turn starts (or the text ends)


@dataclass(frozen=True)
class Layout:
    """An article's genre and its speaker turns (empty for news)."""

    genre: str = "news"
    evidence: str = ""
    turns: tuple[Turn, ...] = ()
    stamps: tuple[tuple[int, str], ...] = field(default=())  # live-blog entries: (offset, "HH:MM")

    @property
    def spoken(self) -> bool:
        return self.genre in SPOKEN

    def turn_at(self, pos: int) -> Turn | None:
        """The turn holding character ``pos``, or None (outside every turn)."""
        if not self.turns:
            return None
        i = bisect_right([t.label_start for t in self.turns], pos) - 1
        return self.turns[i] if i >= 0 and pos < self.turns[i].end else None

    def in_label(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a speaker label."""
        t = self.turn_at(start)
        return t is not None and t.label_start <= start and end <= t.label_end + 1

    def label_inside(self, start: int, end: int) -> bool:
        """True when a speaker label starts inside [start, end): a span run across a turn boundary."""
        return any(start < t.label_start < end for t in self.turns)

    def stamp_at(self, pos: int) -> str | None:
        """The time stamp of the live-blog entry holding ``pos``, or None."""
        if not self.stamps:
            return None
        i = bisect_right([s for s, _ in self.stamps], pos) - 1
        return self.stamps[i][1] if i >= 0 else None


def _labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every line-opening speaker label, recurring ones only for title-case labels."""
    found: dict[int, tuple[int, int, str]] = {}
    for m in _UPPER_LABEL.finditer(text):
        label = " ".join(m.group(1).split())
        if len(label) >= 2 and not label.endswith(("U.S", "U.K")) and label not in {"A.M", "P.M"}:
            found[m.start(1)] = (m.start(1), m.end(), label)
    for m in _Q_LABEL.finditer(text):
        found.setdefault(m.start(1), (m.start(1), m.end(), "Q"))
    titled = [(m.start(1), m.end(), m.group(1)) for m in _TITLE_LABEL.finditer(text)]
    counts = Counter(label for _, _, label in titled)
    for start, end, label in titled:
        if counts[label] >= 2 or label.lower() in {"the president", "the vice president"}:
            found.setdefault(start, (start, end, label))
    labels = sorted(found.values())
    # a label counts only when some label recurs: one "Note:" line does not make a transcript
    recurring = Counter(label.upper() for _, _, label in labels)
    if not labels or max(recurring.values()) < 2:
        return []
    return labels


def _stamps(text: str) -> list[tuple[int, str]]:
    out = []
    for m in _STAMP.finditer(text):
        hour, minute, meridiem = int(m.group(1)), int(m.group(2)), (m.group(3) or "").lower().replace(".", "")
        if hour > 23 or minute > 59 or not m.group(4):
            continue  # a stamp opens an entry: text follows it on its line
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
        out.append((m.start(), f"{hour:02d}:{minute:02d}"))
    return out


def layout(text: str) -> Layout:
    """The genre of ``text`` and its turns, from its layout alone."""
    labels = _labels(text)
    turns = tuple(Turn(label, s, e, labels[i + 1][0] if i + 1 < len(labels) else len(text))
                  for i, (s, e, label) in enumerate(labels))
    speakers = Counter(t.speaker.upper() for t in turns)
    if len(speakers) < 2:
        turns, speakers = (), Counter()  # one recurring label ("GRAPHIC:", "FILE PHOTO:") is not a dialogue
    if len(turns) >= 3 and len(speakers) >= 2:
        questions = speakers.get("Q", 0)
        answerers = [s for s in speakers if s != "Q" and not _MODERATOR.match(s)]
        moderated = any(s.startswith("MODERATOR") for s in speakers)
        if questions and any(s.startswith(("MS.", "MR.", "SENIOR", "ADMINISTRATION", "OFFICIAL")) for s in speakers) \
                or moderated and questions:
            genre = "briefing"  # reporters' questions (Q) to officials
        elif questions or len(speakers) == 2:
            genre = "interview"  # questions and one answerer
        else:
            genre = "debate"  # several named speakers taking turns
        return Layout(genre, f"{len(turns)} speaker turns, {len(speakers)} speakers", turns)
    stamps = _stamps(text)
    if len(stamps) >= 3 and len({s for _, s in stamps}) >= 3:
        return Layout("live-blog", f"{len(stamps)} time-stamped entries", turns, tuple(stamps))
    own = _QUOTED.sub(" ", text)  # the author's words, not those quoted
    share = len(_FIRST_PERSON.findall(own)) / max(len(own.split()), 1)
    if share > FIRST_PERSON_SHARE or turns:
        addresses = len(_ADDRESS.findall(text))
        return Layout("speech", f"one speaker in the first person ({share:.1%} of words)"
                      + (f", {addresses} forms of address to the audience" if addresses else ""), turns)
    return Layout("news", "no speaker turns, time stamps or forms of address", turns)
