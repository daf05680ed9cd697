"""A form's answers exported one row per answer (Microsoft Forms, Google Forms, an e-service's export), read as
the report they were collected for: each goal's and activity's latest valid answer, the questions as the report's
fields, written out as the headings, level lines and activity tables a report would have."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.documents.model import HEADING, PARAGRAPH, TABLE, Block
from corpus.interpret.vocabulary import Vocabulary, label_form
from corpus.text import fold, squash

# A goal's title as a form's choice lists it: 'Mål 1 – …', 'Nämndmål 1.2 – …', 'KF-mål 3: …'.
_NUMBERED_TITLE = re.compile(r"^(?P<label>[^\W\d_][\w-]{0,30}?)\s+(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})\s*[–—:-]\s*"
                             r"(?P<title>\S.*)$")
# A rating question's scale: '(1–4)', '(1 = inte uppfyllt, 4 = helt uppfyllt)', 'på en skala 1 till 5'.
_SCALE = re.compile(r"\b(?P<low>[01])\s*(?:[–—-]|till|=[^,;)]*?[,;]\s*(?:\.\.\.\s*)?)\s*(?P<high>[2-9]|10)\b")
_RATING = re.compile(r"^\s*(\d{1,2})\s*$")
# Columns a report is written in, by role, as the answers are turned back into one.
_ACTIVITY_COLUMNS = (("activity", "Aktivitet"), ("status", "Status"), ("start", "Startdatum"), ("end", "Slutdatum"))


@dataclass
class _Goal:
    title: str
    number: str | None = None
    parent: str | None = None  # the parent's title, or its number ('1' for 'Nämndmål 1.2')
    level: str | None = None
    comment: str = ""
    subs: list[_Goal] = field(default_factory=list)


def _question_roles(header: list[str], words: Vocabulary) -> list[str | None]:
    """Each column's role by its question ('Vilket mål hör aktiviteten till?' → activity_goal): the role of the
    longest of the vocabulary's phrases the question holds (the first role listed on a tie); None for the form
    tool's own columns and those no question names."""
    roles: list[str | None] = []
    for cell in header:
        form = label_form(cell)
        if form in words.response_tool_columns:
            roles.append(None)
            continue
        said = [(len(p), -n, role) for n, (role, phrases) in enumerate(words.response_questions) for p in phrases
                if p in form]
        roles.append(max(said)[2] if said else None)
    return roles


def is_response_table(rows: list[list[str]], words: Vocabulary) -> bool:
    """A table headed by the form tool's own columns (ID, Starttid, E-post, Namn …) and the form's questions."""
    if len(rows) < 2:
        return False
    header = [label_form(c) for c in rows[0]]
    return sum(h in words.response_tool_columns for h in header) >= words.min_tool_columns


def _void(row: dict[str, str], words: Vocabulary) -> bool:
    """An answer the collector has marked as not counting: a test, cancelled, replaced by a later one."""
    note = fold(row.get("note", ""))
    return any(re.search(rf"\b{re.escape(w)}", note) for w in words.void_notes)


def _answers(block: Block, words: Vocabulary) -> list[dict[str, str]]:
    """The table's valid answers, each as role → value, the later of two for the same item in the earlier's place
    dropped (a resubmitted answer replaces the first)."""
    roles = _question_roles(block.rows[0], words)
    answers: list[dict[str, str]] = []
    for row in block.rows[1:]:
        answer = {}
        for role, cell in zip(roles, row, strict=False):
            if role and squash(cell) and role not in answer:
                answer[role] = squash(cell.replace("\n", " "))
        if answer and not _void(answer, words):
            answers.append(answer)
    keys = [fold(_unnumbered(a.get("activity") or a.get("goal") or "")[1]) for a in answers]
    latest = {key: n for n, key in enumerate(keys) if key}
    return [a for n, (a, key) in enumerate(zip(answers, keys, strict=True)) if latest.get(key, n) == n]


def _unnumbered(title: str) -> tuple[str | None, str]:
    """'Nämndmål 1.2 – Titel' → ('1.2', 'Titel'); a title without a number as it is."""
    match = _NUMBERED_TITLE.match(title)
    return (match.group("number"), squash(match.group("title"))) if match else (None, title)


def _rating(value: str, question: str) -> str:
    """A rating answered as a number, with the scale its question states ('3' under '(1–4)' → '3 av 4'); an
    answer to a question asked as one, with its question ('Nås målet under 2036? Nej')."""
    scale = _SCALE.search(question)
    if scale and _RATING.match(value):
        low, high = int(scale.group("low")), int(scale.group("high"))
        return f"{int(value) - low + 1} av {high - low + 1}"
    if question.rstrip().endswith("?") and re.match(r"^(?:ja|nej)\b", value, re.I):
        return f"{squash(question)} {value}"
    return value


# A printed form: a repeated group's rule ('--- Aktivitet 3 av 9 -----'), a question ('15. Vilket mål hör …?'), a
# fixed-choice option chosen or not ('(X) Klar', '( ) Pågår').
_GROUP_RULE = re.compile(r"^-{2,}\s*(?P<name>\S.*?)\s+\d{1,3}\s+av\s+\d{1,3}\s*-*$")
_QUESTION = re.compile(r"^\d{1,3}\.\s+(?P<question>\S.*)$")
_OPTION = re.compile(r"^\((?P<mark>[Xx✓✔ ])\)\s+(?P<option>\S.*)$")
_NO_ANSWER = re.compile(r"^(?:inget\s+svar|ej\s+besvarad|obesvarad)$", re.I)
# A choice's kind before the title it names ('Nämndmål: …', 'Direkt till kommunfullmäktiges mål: …').
_CHOICE_KIND = re.compile(r"^[^:]{2,50}:\s+(?=\S)")


def _printed_answer(texts: list[str]) -> str:
    """A printed question's answer: the option marked chosen, its wrapped lines joined; else the text as it is."""
    lines = [line.strip() for text in texts for line in text.split("\n") if line.strip()]
    options: list[tuple[bool, list[str]]] = []
    for line in lines:
        if (option := _OPTION.match(line)) is not None:
            options.append((option.group("mark") != " ", [option.group("option")]))
        elif options:
            options[-1][1].append(line)
    if options:
        return next((squash(" ".join(words)) for chosen, words in options if chosen), "")
    answer = squash(" ".join(lines))
    return "" if _NO_ANSWER.match(answer) else answer


class ResponseReading:
    """Turns a workbook's answer tables back into the report's blocks."""

    def __init__(self, words: Vocabulary) -> None:
        self.words = words

    def apart(self, blocks: list[Block]) -> list[Block]:
        """The blocks with every answer table replaced by the report written from the answers, where the first
        one stood; as they are where there is none."""
        goal_answers: list[dict[str, str]] = []
        activity_answers: list[dict[str, str]] = []
        out: list[Block] = []
        at: int | None = None
        questions: dict[str, str] = {}
        if sum(1 for b in blocks if b.kind != TABLE and _GROUP_RULE.match(squash(b.text))) >= 2:
            return self._printed(blocks)
        for block in blocks:
            if block.kind != TABLE or not is_response_table(block.rows, self.words):
                out.append(block)
                continue
            roles = _question_roles(block.rows[0], self.words)
            for role, cell in zip(roles, block.rows[0], strict=False):
                if role:
                    questions.setdefault(role, cell)
            answers = _answers(block, self.words)
            (activity_answers if "activity" in roles else goal_answers).extend(answers)
            at = len(out) if at is None else at
        if at is None:
            return blocks
        out[at:at] = self._report(goal_answers, activity_answers, questions)
        return out

    def _printed(self, blocks: list[Block]) -> list[Block]:
        """A form printed as text: each repeated group ('--- Nämndmål 2 av 3 ---') one answer, its questions' roles
        by their words, a fixed choice's answer the option marked (X); the questions outside the groups as plain
        lines. The report written from the answers stands where the first group did."""
        out: list[Block] = []
        goal_answers: list[dict[str, str]] = []
        activity_answers: list[dict[str, str]] = []
        questions: dict[str, str] = {}
        answer: dict[str, str] | None = None
        role: str | None = None
        texts: list[str] = []
        at: int | None = None

        def close_question() -> None:
            if answer is not None and role and role not in answer and (value := _printed_answer(texts)):
                answer[role] = _CHOICE_KIND.sub("", value) if role in ("parent", "activity_goal") else value
            texts.clear()

        def close_group() -> None:
            close_question()
            if answer:
                (activity_answers if "activity" in answer else goal_answers).append(answer)

        for block in blocks:
            text = squash(block.text) if block.kind != TABLE else ""
            if _GROUP_RULE.match(text) is not None:
                close_group()
                answer, role = {}, None
                at = len(out) if at is None else at
                continue
            first_line, _, below = block.text.strip().partition("\n")
            if block.kind in (HEADING, PARAGRAPH) and (question := _QUESTION.match(squash(first_line))) is not None:
                close_question()
                role = _question_roles([question.group("question")], self.words)[0]
                if answer is not None and role:
                    questions.setdefault(role, question.group("question"))
                    if below.strip():
                        texts.append(below)  # the answer under its question in one block
                    continue
                out.append(Block(PARAGRAPH, text))  # a question outside the groups: a line of the form
                continue
            if answer is not None and role and block.kind != HEADING:
                texts.append(block.text)
                continue
            if block.kind == HEADING:
                close_group()
                answer, role = None, None
            out.append(block)
        close_group()
        if at is None:
            return blocks
        out[at:at] = self._report(goal_answers, activity_answers, questions)
        return out

    def _report(self, goal_answers: list[dict[str, str]], activity_answers: list[dict[str, str]],
                questions: dict[str, str]) -> list[Block]:
        goals: list[_Goal] = []
        for answer in goal_answers:
            number, title = _unnumbered(answer.get("goal", ""))
            if not title:
                continue
            goal = _Goal(title, number, comment=answer.get("comment", ""))
            parent = answer.get("parent")
            if parent:
                goal.parent = _unnumbered(parent)[1]
            elif number and "." in number:
                goal.parent = number.rsplit(".", 1)[0]
            elif label_form(answer.get("goal_kind", "")) in self.words.below_council:
                goal.parent = ""  # a board's goal whose council goal the answer does not name
            assessable = label_form(answer.get("assessable", ""))
            if answer.get("assessment") and assessable not in ("nej", "no"):
                goal.level = _rating(answer["assessment"], questions.get("assessment", ""))
            goals.append(goal)
        tops: list[_Goal] = []
        for goal in goals:
            parent = next((g for g in goals if goal.parent and goal.parent in (g.title, g.number) and g is not goal),
                          None)
            (parent.subs if parent else tops).append(goal)
        activities: dict[str, tuple[str, list[list[str]]]] = {}
        for answer in activity_answers:
            row = [answer.get(role, "") for role, _ in _ACTIVITY_COLUMNS]
            goal = _unnumbered(answer.get("activity_goal", ""))[1]
            activities.setdefault(fold(goal), (goal, []))[1].append(row)
        blocks: list[Block] = []

        def write(goal: _Goal, level: int) -> None:
            blocks.append(Block(HEADING, goal.title, level=level))
            if goal.level:
                blocks.append(Block(PARAGRAPH, f"Bedömning: {goal.level}"))
            if goal.comment:
                blocks.append(Block(PARAGRAPH, f"Kommentar: {goal.comment}"))
            rows = activities.pop(fold(goal.title), ("", []))[1]
            if rows:
                blocks.append(Block(TABLE, rows=[[name for _, name in _ACTIVITY_COLUMNS], *rows]))
            for sub in goal.subs:
                write(sub, level + 1)

        if tops or activities:
            blocks.append(Block(HEADING, "Mål och aktiviteter", level=1))  # the section the answers are
        for top in tops:
            write(top, 2)
        # Activities whose goal no answer assessed: under that goal's title all the same (or none, where not named).
        for title, rows in activities.values():
            if title:
                blocks.append(Block(HEADING, title, level=2))
            blocks.append(Block(TABLE, rows=[[name for _, name in _ACTIVITY_COLUMNS], *rows]))
        return blocks
