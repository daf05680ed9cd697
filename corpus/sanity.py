"""Honest acceptance: elements that fail a sanity check are not stored as content, and a report whose
elements mostly fail is refused rather than stored as garbage."""

from __future__ import annotations

import re
from collections import Counter

from corpus.labels import schemes
from corpus.model import ParsedActivity, ParsedGoal, ParsedReport, ReportFormatError

MAX_TITLE = 300
REFUSE_SHARE = 0.25  # more than this share of malformed elements: the file is not read well enough to store
_ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")
# A board's name alone (with the report's year): a section's title ('Mål – vård- och omsorgsnämnden 2035'), no goal.
_BOARD = re.compile(r"^(?:[\wåäöÅÄÖ-]+\s+){0,3}[\wåäöÅÄÖ-]*(?:nämnden|styrelsen|förvaltningen)(?:\s+(?:19|20)\d\d)?$", re.I)
# A label and its number ('Kommunfullmäktiges mål 2', 'Nämndmål 1.3'): a title made of these alone names no goal.
_LABEL_AND_NUMBER = re.compile(r"([^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,2})\s+(\d{1,2}(?:[.:]\d{1,2})*[a-z]?)\b[\s,;:.–-]*")
# A caption a form repeats over every sheet ('Aktivitetsblad', 'Målblad') heads this many of its lines at least:
# no goal's title stands alone on a line that often.
CAPTION_REPEATS = 4
_MARKUP = re.compile(r"^\s*(?:#+|[-*•]|\d+\.)\s+")  # a line's mark as the document model writes it ('# Målblad')
# Statuses standing on lines of their own, this many different ones at least, with no activity read: the file
# holds activities the reading missed.
MIN_UNREAD_STATUSES = 3


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
    if kind == "goal" and _only_goal_labels(text):
        return "titeln är bara målrubriker"
    return None


def _only_goal_labels(text: str) -> bool:
    """'Kommunfullmäktiges mål 2 Kommunfullmäktiges mål 3': labels of goals with their numbers, nothing else."""
    from corpus.interpret.vocabulary import vocabulary

    parts = list(_LABEL_AND_NUMBER.finditer(text))
    covered = sum(m.end() - m.start() for m in parts)
    return bool(parts) and covered >= len(text.strip()) and all(
        (vocabulary().heading_kind(f"{m.group(1)} {m.group(2)}: x") or ("",))[0] in ("goal", "subgoal") for m in parts)


def _repeated_captions(report: ParsedReport) -> dict[str, int]:
    """Goal titles that stand alone on many of the file's lines: a form's caption over each sheet, no goal."""
    counts = Counter(_MARKUP.sub("", line).strip().lower() for line in report.lines if line.strip())
    return {goal.title: counts[goal.title.strip().lower()] for goal in report.goals
            if counts[goal.title.strip().lower()] >= CAPTION_REPEATS}


def _unread_statuses(report: ParsedReport) -> list[str]:
    """Statuses the file sets on lines of their own where no activity was read: what the reading missed."""
    if report.activities:
        return []
    labels = schemes()
    lines = [_MARKUP.sub("", line).strip() for line in report.lines]
    return sorted({line for line in lines if 0 < len(line) <= 40 and labels.match("activity", line) is not None
                   and labels.match("goal", line) is None})


def _description_problem(activity: ParsedActivity) -> str | None:
    labels = schemes()
    for paragraph in activity.description.split("\n\n"):
        if paragraph.strip() and labels.match("activity", paragraph) and activity.status is None:
            return "en status står i beskrivningen"
    return None


def check_report(report: ParsedReport) -> ParsedReport:
    """Drop malformed goals and activities with a warning naming each; refuse the report when too many are."""
    bad_goals: list[ParsedGoal] = []
    captions = _repeated_captions(report)
    for goal in report.goals:
        problem = title_problem(goal.title, "goal") or (
            f"titeln står ensam på {captions[goal.title]} rader i filen (en rubrik, inget mål)"
            if goal.title in captions else None)
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
    kept = {g.number for g in report.goals}
    unplaced = [a for a in report.activities if a.goal_numbers and not set(a.goal_numbers) & kept]
    if unplaced:
        report.warnings.append(f"{report.source}: {len(unplaced)} aktiviteter kunde inte knytas till något mål "
                               f"(t.ex. '{unplaced[0].title[:60]}').")
    if len(unread := _unread_statuses(report)) >= MIN_UNREAD_STATUSES:
        shown = ", ".join(f"'{s}'" for s in unread[:4])
        report.warnings.append(f"{report.source}: filen anger statusar ({shown}) men inga aktiviteter kunde läsas; "
                               "aktiviteterna är inte lagrade.")
    report.rejected = [g.title for g in bad_goals] + [f"{a.title} {a.description} {a.comment}" for a in bad_activities]
    if not report.goals and not report.activities:
        raise ReportFormatError(f"Inga mål eller aktiviteter kunde läsas ur {report.source}; filen lagras inte.")
    return report
