"""Before the walk, a look over the whole document: which unlabelled headings head goals (their section opens
with an assessment or holds activities), which numbered chapters are goals whose sub-goals are numbered under
them, and which numbered sections hold neither (prose)."""

from __future__ import annotations

import re

from corpus.documents.model import HEADING, LIST_ITEM, PARAGRAPH, TABLE, Block
from corpus.interpret.lines import (
    DATE_PAIR,
    GOAL_WORDS,
    NUMBER,
    REPORT_WORDS,
    TITLE_DATES,
    TOC_LINE,
    LineReader,
    heading_like,
)
from corpus.interpret.vocabulary import Vocabulary
from corpus.labels import LabelSchemes
from corpus.text import squash


class ReportPlan:
    """The document's plan, read with the vocabulary, the labels (with its legend) and the line reader."""

    def __init__(self, words: Vocabulary, labels: LabelSchemes, read: LineReader) -> None:
        self.words = words
        self.labels = labels
        self.read = read

    def plan(self, blocks: list[Block]) -> tuple[set[int], set[int], set[int]]:
        """Which unlabelled headings head goals (their section opens with an assessment, or holds activities),
        and which chapters 'N Titel' are goals whose sub-goals are numbered 'N.1', 'N.2'."""
        heads: list[tuple[int, int, str]] = []
        for i, block in enumerate(blocks):
            text = squash(block.text)
            if not block.furniture and text and heading_like(block, text, self.words):
                # Read past a status mark before the label ('◐ Mål 1 …'), as the walk does.
                heads.append((i, block.level if block.kind == HEADING else 7, self.read.unmarked(text)))
        sheets = {i for i, level, _ in heads if level == 0}
        numbers = [(i, m.group(1)) for i, _, text in heads if (m := NUMBER.match(text))]
        # A goal's heading set as one row with its level in the margin ('1.1 Fler elever … | Ej uppnått').
        numbers += [(i, m.group(1)) for i, block in enumerate(blocks)
                    if block.kind == TABLE and len(block.rows) == 1 and (m := NUMBER.match(squash(block.rows[0][0])))]
        goal_blocks: set[int] = set()
        chapter_goals: set[int] = set()
        unproven: set[int] = set()
        for position, (i, level, text) in enumerate(heads):
            if i in sheets:
                continue
            numbered = NUMBER.match(text)
            if numbered and self._heads_labelled_goals(heads, position, blocks) and \
                    not self._reads_as_goal(numbered.group(2), position):
                # '5.1 Invånare' over 'Strategiskt mål 1: …': a perspective or area the labelled goals stand in.
                unproven.add(i)
                continue
            if numbered and "." in numbered.group(1) and not self._holds_goal_evidence(blocks, heads, position):
                # 'N.M Sammanfattning': a numbered section with neither an assessment nor activities in it.
                unproven.add(i)
                continue
            if numbered and "." not in numbered.group(1):
                below = any(j > i and n.startswith(numbered.group(1) + ".") for j, n in numbers)
                chapter_words = GOAL_WORDS.search(numbered.group(2)) and len(numbered.group(2).split()) <= 4
                if below and not chapter_words and not self.words.heading_kind(numbered.group(2)) \
                        and not self.words.role(numbered.group(2)):  # '3 Måluppfyllelse' is a chapter, not a goal
                    chapter_goals.add(i)
                elif not below and not self._holds_goal_evidence(blocks, heads, position):
                    unproven.add(i)  # '3 Ekonomi': a chapter with no goals in it
                continue
            if numbered or self.words.heading_kind(text) or self.words.role(text) or TOC_LINE.search(text):
                continue
            end = next((j for j, lv, _ in heads[position + 1:] if lv <= level), len(blocks))
            first_field, activities = None, False
            for j in range(i + 1, end):
                block = blocks[j]
                if block.furniture:
                    continue
                inner = squash(block.text)
                if block.kind == TABLE and block.rows:
                    activities |= "activity" in {self.words.role(c) for c in block.rows[0] if c}
                    activities |= len(block.rows) == 1 and bool(DATE_PAIR.search(" ".join(block.rows[0])))
                elif heading_like(block, inner, self.words):
                    kind = self.words.heading_kind(inner)
                    if (kind and kind[0] == "goal") or NUMBER.match(inner):
                        # A section holding goals is a title or a chapter, unless its heading reads as a goal
                        # itself (a council's goal over the board's): then it is their parent.
                        first_field, activities = ("assessment" if self._reads_as_goal(text, position) else
                                                   "container"), False
                        break
                    activities |= bool(TITLE_DATES.match(inner)) or bool(kind and kind[0] == "activity")
                elif first_field is None and (found := self.words.field_line(inner)):
                    first_field = found[0]
                elif first_field is None and block.kind == PARAGRAPH and self.labels.match("goal", inner):
                    first_field = "assessment"  # 'Målet kan delvis uppnås' alone under the heading
                elif block.kind == LIST_ITEM and self.read.status_at_end(squash(block.text.partition("\n")[0])):
                    activities = True  # 'Kulturgaranti för förskoleklass Genomförd': an activity listed
            titled = position == 0 or REPORT_WORDS.search(text) or re.search(r"\b20\d\d\b", text) or (
                len(text.split()) <= 6 and re.search(r"\w*mål(en)?\b", text, re.I))  # 'Nämndmål, uppdrag och …'

            if not titled and (self.read.trailing_level(text)[0] != text or self.read.leading_level(text)[0] != text):
                # 'Kulturen når fler (Delvis uppfyllt)', '… Ej bedömd': the level (or its absence) in the heading
                first_field = "assessment"
            if not titled and (first_field in ("assessment", "prognosis", "measure") or (
                    activities and first_field not in ("status", "start", "end", "dates", "responsible"))):
                goal_blocks.add(i)
        return goal_blocks, chapter_goals, unproven

    def _holds_goal_evidence(self, blocks: list[Block], heads: list[tuple[int, int, str]], position: int) -> bool:
        """Whether a numbered heading's section (its sub-sections too) holds an assessment or activities."""
        i, level, text = heads[position]
        depth = NUMBER.match(text).group(1).count(".")  # type: ignore[union-attr]
        end = len(blocks)
        for j, lv, other in heads[position + 1:]:
            other_number = NUMBER.match(other)
            if (other_number and other_number.group(1).count(".") <= depth) or (not other_number and lv <= level):
                end = j
                break
        for j in range(i + 1, end):
            block = blocks[j]
            inner = squash(block.text)
            if block.furniture:
                continue
            if block.kind == TABLE and block.rows:
                roles = {self.words.role(c) for c in block.rows[0] if c}
                if roles & {"activity", "assessment", "prognosis", "status"} or (
                        len(block.rows) == 1 and DATE_PAIR.search(" ".join(block.rows[0]))):
                    return True
            elif (found := self.words.field_line(inner)) and found[0] in ("assessment", "prognosis", "status") or (
                    found and found[0] in ("start", "end", "dates") and re.search(r"\d", found[1])):
                return True  # ('Från: Jonas Lind' in a quoted mail's header is no start date)
            elif self.labels.is_label(inner):
                return True
            elif heading_like(block, inner, self.words) and (
                    TITLE_DATES.match(inner) or (self.words.heading_kind(inner) or ("",))[0] == "activity"):
                return True
        return False

    def _heads_labelled_goals(self, heads: list[tuple[int, int, str]], position: int,
                              blocks: list[Block] | None = None) -> bool:
        """Whether the first heading under a heading, one level deeper, is a labelled goal's ('Strategiskt mål 1:
        …'), or the first paragraph of its section is a labelled goal's line ('Inriktningsmål 1: …' in a text)."""
        index, level, _ = heads[position]
        following = heads[position + 1] if position + 1 < len(heads) else None
        if following is not None and following[1] > level:
            kind = self.words.heading_kind(following[2])
            if kind is not None and kind[0] in ("goal", "subgoal"):
                return True
        first = next((b for b in (blocks or [])[index + 1:] if not b.furniture and squash(b.text)), None)
        if first is None or first.kind != PARAGRAPH:
            return False
        kind = self.words.heading_kind(squash(first.text.partition("\n")[0]))
        return kind is not None and kind[0] in ("goal", "subgoal")

    def _reads_as_goal(self, text: str, position: int) -> bool:
        """A heading that states a goal: not the document's first heading, no report, period, organisation or
        chapter words, and not a prose section."""
        return position > 0 and not REPORT_WORDS.search(text) and not GOAL_WORDS.search(text) and \
            not re.search(r"\b20\d\d\b", text) and len(text.split()) >= 4
