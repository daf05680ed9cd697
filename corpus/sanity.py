"""Honest acceptance: elements that fail a sanity check are not stored as content, and a report whose
elements mostly fail is refused rather than stored as garbage."""

from __future__ import annotations

import re

from corpus.labels import schemes
from corpus.model import ParsedActivity, ParsedGoal, ParsedReport, ReportFormatError

MAX_TITLE = 300
REFUSE_SHARE = 0.25  # more than this share of malformed elements: the file is not read well enough to store
_ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")
# A board's name alone (with the report's year): a section's title ('Mål – vård- och omsorgsnämnden 2035'), no goal.
_BOARD = re.compile(r"^(?:[\wåäöÅÄÖ-]+\s+){0,3}[\wåäöÅÄÖ-]*(?:nämnden|styrelsen|förvaltningen)(?:\s+(?:19|20)\d\d)?$", re.I)


def title_problem(title: str, kind: str) -> str | None:
    """Why a title cannot be a goal's or an activity's title, or None."""
    from corpus.interpret.vocabulary import vocabulary

    text = title.strip()
    if len(text) < 3:
        return "titeln är tom"
    if len(text) > MAX_TITLE:
        return "titeln är ett helt stycke"
    if _ISO.search(text):
        return "titeln innehåller datum"
    if schemes().is_label(text):
        return "titeln är en status"
    if vocabulary().role(text) or text.endswith(":"):
        return "titeln är en fältrubrik"
    if kind == "goal" and _BOARD.fullmatch(text):
        return "titeln är en nämnds namn"
    return None


def _description_problem(activity: ParsedActivity) -> str | None:
    labels = schemes()
    for paragraph in activity.description.split("\n\n"):
        if paragraph.strip() and labels.match("activity", paragraph) and activity.status is None:
            return "en status står i beskrivningen"
    return None


def check_report(report: ParsedReport) -> ParsedReport:
    """Drop malformed goals and activities with a warning naming each; refuse the report when too many are."""
    bad_goals: list[ParsedGoal] = []
    for goal in report.goals:
        problem = title_problem(goal.title, "goal")
        if problem:
            bad_goals.append(goal)
            report.warnings.append(f"{report.source}: målet '{goal.title[:80]}' lagras inte: {problem}.")
    bad_activities: list[ParsedActivity] = []
    for activity in report.activities:
        problem = title_problem(activity.title, "activity") or _description_problem(activity)
        if problem:
            bad_activities.append(activity)
            report.warnings.append(f"{report.source}: aktiviteten '{activity.title[:80]}' lagras inte: {problem}.")
    total = len(report.goals) + len(report.activities)
    bad = len(bad_goals) + len(bad_activities)
    if total and bad / total > REFUSE_SHARE:
        raise ReportFormatError(f"{report.source} kunde inte tolkas väl nog ({bad} av {total} mål och aktiviteter "
                                "ser felaktiga ut); filen lagras inte.")
    bad_numbers = {g.number for g in bad_goals}
    report.goals = [g for g in report.goals if g not in bad_goals and g.parent_number not in bad_numbers]
    report.activities = [a for a in report.activities if a not in bad_activities]
    report.rejected = [g.title for g in bad_goals] + [f"{a.title} {a.description} {a.comment}" for a in bad_activities]
    if not report.goals and not report.activities:
        raise ReportFormatError(f"Inga mål eller aktiviteter kunde läsas ur {report.source}; filen lagras inte.")
    return report
