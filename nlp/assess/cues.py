"""Cue words a reviewer reads a status by: the baseline's keyword flags (evaluation/baselines.py builds its
rules on them), the broader status cues of the learned model, and the reviewer's rule of thumb with dates."""

from __future__ import annotations

import re

import numpy as np

from nlp.assess.examples import Example
from nlp.progress import clauses, read_progress

# ---- cue words (features; evaluation/baselines.py builds its keyword rules on them) -------------------------------------------------------------------

DONE_WORDS = re.compile(r"\b(genomf[oö]rd[at]?|har genomf[oö]rts|[aä]r klar|slutf[oö]rd|avslutad|signerad|h[oö]jd)\b", re.I)
LATE_WORDS = re.compile(r"\b(f[oö]rsen\w*|avvik\w*|skjut\w*|inte kunnat|ej kunnat|resursbrist|f[oö]rdr[oö]j\w*)\b", re.I)
NOT_STARTED_WORDS = re.compile(r"\b(inte p[aå]b[oö]rja\w*|ej p[aå]b[oö]rja\w*|ej startat|inte startat|startar i|planeras starta)\b", re.I)
WAITING_WORDS = re.compile(r"\b(vilande|pausad\w*|avvakta\w*|v[aä]ntar)\b", re.I)


NO_ACTIVITY_WORDS = re.compile(r"\b(ingen aktivitet|inga aktiviteter|inte initierat|ej initierat)\b", re.I)
ACHIEVED_WORDS = re.compile(r"\b(uppn[aå]tt|passerad|har genomf[oö]rts|har anordnat|genomf[oö]rt)\b", re.I)
EARLY_WORDS = re.compile(r"\b(tidigt|initierat|p[aå]b[oö]rjat|planerad|inte avslutat|ingen [aä]r avslutad)\b", re.I)


# ---- a reviewer's cues for the learned model ---------------------------------------------------

# Broader than the baseline's words: the forms a comment uses to say an activity is done, under way,
# planned, late, not started or waiting. Written from Swedish usage, not from the dev errors.
STATUS_CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.I) for name, pattern in {
        "done": r"\b(genomf[oö]r(d|t|da|des|ts)|klar[ta]?|slutf[oö]r(d|t|des|ts)|f[aä]rdigst[aä]ll(d|t|des|ts)"
                r"|avslutad|avslutades|beviljat|beviljats|beviljad|signerad|undertecknad|skrevs\s+under|skrivits\s+under"
                r"|h[oö]jd|h[oö]jts|inl[aä]mnad|inskickad|skickats\s+in|fastst[aä]ll(d|des|ts)|beslutad|beslutades"
                r"|antagen|antogs|levererad|levererats|inf[oö]r(t|d|des|ts)|h[oö]lls|har\s+h[aå]llits|[aä]gde\s+rum"
                r"|framtagen|framtaget|tagits\s+fram|[oö]ppnade|invigd|invigdes|[aä]r\s+p[aå]\s+plats|uppn[aå]tt"
                r"|har\s+\w+ats)\b",
        "ongoing": r"\b(p[aå]g[aå]r|forts[aä]tter|l[oö]pande|under\s+utveckling|h[aå]ller\s+p[aå]|arbetar\s+med"
                   r"|[aä]r\s+ig[aå]ng|l[oö]per\s+p[aå]|enligt\s+tidplan\w*)\b",
        "future": r"\b(kommer\s+att|planeras|ska|skall|inf[oö]r|inplanerad|under\s+h[oö]sten|till\s+h[oö]sten|startar)\b",
        "late": r"\b(f[oö]rsen\w*|avvik\w*|f[oö]rskjut\w*|skjut\w*|senarelag\w*|inte\s+kunnat|ej\s+kunnat|resursbrist"
                r"|personalbrist|f[oö]rdr[oö]j\w*|l[aä]ngre\s+tid|sv[aå]r\w*\s+att\s+h[aå]lla|tog\s+stop\w*|drar\s+ut"
                r"|drog\s+ut|ligger\s+efter|efter\s+tidplan\w*|senare\s+[aä]n\s+planerat|efter\s+planerat"
                r"|hinner\s+inte|inte\s+(att\s+)?(bli|hinna)\s+klar\w*|[oö]verklag\w*)\b",
        "not_started": r"\b(inte\s+p[aå]b[oö]rja\w*|ej\s+p[aå]b[oö]rja\w*|ej\s+startat|inte\s+startat|startar\s+i"
                       r"|planeras\s+starta|p[aå]b[oö]rjas|inte\s+kommit\s+ig[aå]ng|inget\s+arbete\s+har"
                       r"|uppstart\s+sker|har\s+inte\s+(startat|b[oö]rjat))\b",
        "waiting": r"\b(vilande|vilar|pausad\w*|avvakta\w*|v[aä]ntar|inv[aä]ntar|i\s+v[aä]ntan\s+p[aå]|avstannat"
                   r"|lagts\s+p[aå]\s+is|parkerad\w*)\b",
    }.items()
}


def cue_features(text: str) -> np.ndarray:
    """Whether each cue occurs, and how densely (per 20 words)."""
    per_20_words = 1 + len(text.split()) / 20
    return np.array([float(bool(p.search(text))) for p in STATUS_CUES.values()]
                    + [len(p.findall(text)) / per_20_words for p in STATUS_CUES.values()])


def decisive_status(example: Example) -> str | None:
    """What a reviewer concludes without weighing, when nothing says work was carried out: work that waits,
    or has not started (by its words, or because it starts after the report was written)."""
    text = example.stripped
    if STATUS_CUES["done"].search(text) or example.target_reached:  # something was carried out: not certain
        return None
    if STATUS_CUES["waiting"].search(text):
        return "Vänteläge"
    if STATUS_CUES["not_started"].search(text):
        return "Ej påbörjad"
    # A start date after the report says not started, unless the comment says the work is under way: the
    # text is newer than the plan's dates ("Aktiviteten är påbörjad och pågår").
    if example.date_features()[0] and not _says_under_way(text):
        return "Ej påbörjad"
    return None


# Preparing is not doing: "Förberedelser pågår", "Planering pågår" say the work itself has not begun.
PREPARING_WORDS = re.compile(r"\b(?:planering\w*|f[oö]rbered\w*|f[oö]rarbete\w*|f[oö]rstudie\w*)\b", re.I)


def _says_under_way(text: str) -> bool:
    return any(read_progress(clause).says("ongoing") and not PREPARING_WORDS.search(clause)
               for clause in clauses(text))


def reviewer_status(example: Example) -> str:
    """The rule of thumb with dates: decisive cues, then late, then done (or past its end), else on plan."""
    text = example.stripped
    decisive = decisive_status(example)
    if decisive:
        return decisive
    # Late before done: "done, but late" was tried as Avslutad med avvikelse and lost on both dev sets.
    if STATUS_CUES["late"].search(text):
        return "Pågående med avvikelse"
    past_end = bool(example.date_features()[1])
    if past_end or example.target_reached or (STATUS_CUES["done"].search(text)
                                              and not STATUS_CUES["ongoing"].search(text)):
        return "Avslutad enligt plan"
    return "Pågående enligt plan"


def keyword_features(text: str) -> np.ndarray:
    words = (DONE_WORDS, LATE_WORDS, NOT_STARTED_WORDS, WAITING_WORDS, NO_ACTIVITY_WORDS, ACHIEVED_WORDS, EARLY_WORDS)
    return np.array([float(bool(p.search(text))) for p in words])
