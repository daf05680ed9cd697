"""Page furniture found per document: short lines that repeat page after page, whatever they say."""

from __future__ import annotations

import re
from collections import Counter

from corpus.documents.model import HEADING, PARAGRAPH, Document

MIN_REPEATS = 3
PAGE_NUMBER = re.compile(r"^(sida\s+)?\d{1,3}\s*(av|/)\s*\d{1,3}$|^sida\s+\d{1,3}$", re.I)
MAX_LENGTH = 80


def furniture_key(text: str) -> str:
    # (a header's parts set apart by spaces or by a separator are the same header)
    return re.sub(r"\d+", "#", re.sub(r"(?:\s+[·|•]\s+|\s+)", " ", text.strip().lower()))


def _length(text: str) -> int:
    return len(re.sub(r"\s+", " ", text.strip()))


def mark_repeated_lines(document: Document) -> Document:
    """See below; PDF and Word readers find their own furniture (page edges, section headers)."""
    if document.format in ("pdf", "docx"):
        return document
    return _mark_repeated_lines(document)


def _mark_repeated_lines(document: Document) -> Document:
    """Short paragraphs or headings that recur on at least three pages (or three times in a text without
    pages) and are not labels of the report's own structure are marked as furniture."""
    counts: Counter[str] = Counter()
    pages: dict[str, set[int | None]] = {}
    for block in document.blocks:
        if block.kind in (PARAGRAPH, HEADING) and 0 < _length(block.text) <= MAX_LENGTH:
            key = furniture_key(block.text)
            counts[key] += 1
            pages.setdefault(key, set()).add(block.page)
    has_pages = len({b.page for b in document.blocks}) > 2
    blocks = document.blocks

    def key_at(i: int) -> str:
        return furniture_key(blocks[i].text) if 0 <= i < len(blocks) else ""

    contexts: dict[str, set[tuple[str, str]]] = {}
    for i, block in enumerate(blocks):
        if block.kind in (PARAGRAPH, HEADING) and block.text:
            contexts.setdefault(furniture_key(block.text), set()).add((key_at(i - 1), key_at(i + 1)))
    for block in blocks:
        if block.kind not in (PARAGRAPH, HEADING) or not block.text or _length(block.text) > MAX_LENGTH:
            continue
        key = furniture_key(block.text)
        seen = len(pages[key]) if has_pages else counts[key]
        # Without pages, a line repeated among the same neighbours each time is a copied passage, not furniture.
        varied = has_pages or len(contexts[key]) > 1
        # A header or footer names something ("Kommunstyrelsen", "Delårsrapport 2025"); a repeated sentence
        # ("Ingen avvikelse.") is content.
        sentence = block.text.rstrip().endswith((".", "!", "?"))
        if seen >= MIN_REPEATS and varied and block.text[:1].isupper() and not sentence \
                and not is_structural(block.text):
            block.furniture = True
    return document


def is_structural(text: str) -> bool:
    """A repeated line that belongs to the content: a status or level label, a field label, a date."""
    from corpus.interpret.vocabulary import vocabulary
    from corpus.labels import schemes

    if schemes().is_label(text) or text.rstrip().endswith(":"):
        return True  # (a caption over a list, 'Aktiviteter kopplade direkt till målet:', heads what follows it)
    from corpus.interpret.vocabulary import FIELD_SEPARATOR

    words = vocabulary()
    # 'Delmål 1.2 · Bidrar till Mål 1', 'Aktivitet 6 · Uppdaterad …': an item's level line over its card's title.
    head = FIELD_SEPARATOR.split(text.strip())[0]
    if words.level_cell(head) is not None or words.activity_cell(head) is not None:
        return True
    if schemes().is_label(head):
        return True  # 'Klar · 2034-02-06 – 2034-03-31': an activity's status line, the same on many activities
    if (kind := words.heading_kind(text)) is not None and kind[0] in ("goal", "subgoal", "activity"):
        return True  # 'Övergripande mål 2: …': a goal's labelled line, however like the others it reads
    return words.is_label_line(text)
