"""A report's own legend ('Teckenförklaring', a listed scale, a numbered scale in a header), read before the walk
into scheme entries that override the general label schemes while that report is read; and the marks (colour
words, symbols) a legend and a scorecard set before an item."""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.documents.colours import COLOUR_WORDS, SYMBOLS
from corpus.documents.model import LIST_ITEM, PARAGRAPH, TABLE, Block
from corpus.interpret.vocabulary import Vocabulary
from corpus.labels import LabelMatch, LabelSchemes, SchemeEntry, scale_level
from corpus.text import GOAL_LEVELS, squash

# A colour word before a status code, the code's box as read ('Grön PP Pågår enligt plan'), and such a code before
# a status or an activity's title ('PP Ny markanvisningspolicy').
COLOUR_PREFIX = re.compile(rf"^(?:{'|'.join(sorted(COLOUR_WORDS))})\s+")
STATUS_CODE = re.compile(r"^([A-ZÅÄÖ]{1,3})\s+(\S.{2,})$")
# A legend's term that is a code ('A', 'PP', '3') or a dash.
_CODE = re.compile(r"[\wåäöÅÄÖ]{1,3}|[–—-]")
# A band of a share of the target: '85–99 %', '100 % eller mer', 'minst 75 %', '≥ 75 %', 'under 50 %', '< 50 %'.
_PERCENT = r"(?:%|procent)(?:\s+av\s+(?:målvärdet|målet|måltalet))?"
_BAND = re.compile(rf"^[^\w≥<]*(?:(?P<low>\d{{1,3}})\s*[–-]\s*\d{{1,3}}\s*{_PERCENT}|(?P<from>\d{{1,3}})\s*{_PERCENT}\s*"
                   r"(?:eller\s+(?:mer|mera|högre)|och\s+(?:mer|över|uppåt))|(?:minst|≥|över)\s*(?P<from2>\d{1,3})\s*"
                   rf"{_PERCENT}|(?:under|<|mindre\s+än)\s*\d{{1,3}}\s*{_PERCENT})", re.I)
# A level's term before its band ('Nås delvis – 60–99 procent av målvärdet (gul stapel).').
_TERM_THEN_BAND = re.compile(r"^(\S.{1,38}?)\s+[–—:=-]\s+(\S.*)$")
# A legend's line of a term and its meaning ('Bra – målet är uppnått …', 'Pågår, sen – …').
_TERMED = re.compile(r"^(\S(?:[^\d–—=]|(?<!\d)\d{4}(?!\d)){0,38}?)\s+[–—=]\s+(\S.{3,300})$")  # a year in it too
_COLON_TERMED = re.compile(r"^([A-ZÅÄÖ][^:\d]{1,38}?):\s+([a-zåäö].{3,300})$")
# A legend's step that says no level is given ('ej bedömd', 'målet kan ännu inte bedömas', 'har inte kunnat bedömas',
# 'underlag saknas').
_NOT_JUDGED = re.compile(r"\b(?:inte|ej)\s+(?:kan\s+|kunnat\s+|gå(?:r|tt)\s+att\s+)?bedöm|\bkan\s+(?:ännu\s+)?(?:inte|ej)\s+(?:bedöm|mätas)|\b(?:underlag|prognos|uppgifter)\b.{0,30}\bsaknas|\binget\s+underlag\b"
                         r"|\bbedöms\s+(?:inte|ej)\b(?!\s+(?:bli|kunna|vara|uppfyll|uppnå|nå))|\bingen\s+(?:bedömning|prognos)\b"
                         r"|\b(?:inte|ej)\s+(?:kunnat\s+)?följ(?:as|ts)\s+upp\b", re.I)
MIN_BAR_STEPS = 3  # a legend's terms that are one symbol repeated this many ways are a bar's steps


def _colour_term(term: str) -> bool:
    """'Grön', '● Gul': a legend's term that is a colour, whatever symbol stands before it."""
    return re.sub(r"^[^\wåäöÅÄÖ]+", "", term).capitalize() in COLOUR_WORDS


def _bar_symbol(terms: list[str]) -> str | None:
    """The symbol a legend's terms repeat as the steps of a bar ('★★★★', '★★★', '★★', '★'), or None."""
    lengths: dict[str, set[int]] = {}
    for term in terms:
        if term and len(set(term)) == 1 and not term[0].isalnum() and not term[0].isspace():
            lengths.setdefault(term[0], set()).add(len(term))
    return next((mark for mark, seen in lengths.items() if len(seen) >= MIN_BAR_STEPS), None)
# Said after a status that the work was not checked against its plan ('pågår; inte bedömd mot planen').
_UNCHECKED = re.compile(r"^(?:inte|ej)\s+(?:bedömd|bedömt|avstämd|stämd|kontrollerad|jämförd)\b", re.I)
# How a legend's sentence says where work stands, where it names no status word the schemes know ('aktiviteten
# pågår vid årsskiftet men ligger efter planen', 'aktiviteten avbröts och kommer inte att genomföras').
_CANCELLED = re.compile(r"\b(?:avbr(?:öts|uten|utits)|ställ(?:ts|des)\s+in|inställd|kommer\s+inte\s+att\s+genomföras|"
                        r"läggs\s+ned|lagts\s+ned)\b", re.I)
_NOT_STARTED = re.compile(r"\b(?:har\s+(?:inte|ej|ännu\s+inte)\s+(?:startat|påbörjats|börjat|inletts)|"
                          r"(?:inte|ej)\s+(?:startad|påbörjad|inledd))\b", re.I)
_PAUSED = re.compile(r"\b(?:tillfälligt\s+(?:stoppa\w*|avbr\w*|pausa\w*|vilande|lagts\s+på\s+is)|pausa(?:t|ts|d|de)\b|"
                     r"vilar\b|ligger\s+vilande|återupptas\s+(?:senare|längre\s+fram|när))", re.I)
_UNDER_WAY = re.compile(r"\b(?:pågår|är\s+igång|fortsätter|löper|löpande|har\s+(?:startat|börjat|påbörjats|kommit\s+igång))\b", re.I)
_UNCHECKED_SAID = re.compile(r"\b(?:inte|ej)\s+(?:stämts\s+av|stämd\s+av|avstämd|bedömd|bedömts|följts\s+upp|följs\s+upp)\b",
                             re.I)
_BEHIND = re.compile(r"\b(?:ligger\s+efter|försen\w*|avvik\w*|efter\s+(?:tid)?plan\w*)", re.I)
_ON_PLAN = re.compile(r"\b(?:följer\s+(?:sin\s+|sina\s+|den\s+)?(?:tid)?plan\w*|enligt\s+(?:tid)?plan\w*|i\s+tid\b|håller\s+tid\w*)", re.I)


def _status_said(meaning: str) -> LabelMatch | None:
    """The status a legend's sentence describes by what the work does: ended short, not begun, under way (behind,
    on plan, or not checked against the plan). None where it says none of these."""
    if _CANCELLED.search(meaning) and not _PAUSED.search(meaning):
        canonical = "Avslutad med avvikelse"
    elif _PAUSED.search(meaning):
        canonical = "Vänteläge"  # 'arbetet har tillfälligt stoppats och återupptas senare'
    elif _NOT_STARTED.search(meaning) and not _UNDER_WAY.search(meaning):
        canonical = "Ej påbörjad"
    elif not _UNDER_WAY.search(meaning):
        return None
    elif _UNCHECKED_SAID.search(meaning):
        canonical = "Pågående"
    elif _BEHIND.search(meaning):
        canonical = "Pågående med avvikelse"
    elif _ON_PLAN.search(meaning):
        canonical = "Pågående enligt plan"
    else:
        canonical = "Pågående"
    return LabelMatch(canonical, meaning, "teckenförklaring")


# What a legend's meaning speaks of: a goal or work (to tell a legend of terms from a table of other words).
_EXPLAINS = re.compile(r"\bmål|\bpågår|\bgenomför|\bavslut|\bpåbörja|\barbetet\b|\bklar\b|\bstartad|\bpausad|\bförsenad|\bavbruten", re.I)
# A mark that is a picture only: an emoji or symbol ('🟢', '✅', '⏸️'), with no letter or digit in it.
SYMBOL_ONLY = re.compile(r"[^\w\s]{1,3}")
# A status mark before an item's label: a colour word (a coloured symbol as read) or a symbol.
_MARK = "|".join([*sorted(COLOUR_WORDS), *(re.escape(c) for c in sorted(SYMBOLS))])
LEADING_MARK = re.compile(rf"^({_MARK})\s+(\S.*)$")
MARK_IN_TEXT = re.compile(rf"(?<![\wåäöÅÄÖ])({_MARK})(?![\wåäöÅÄÖ])")


def marked_meanings(text: str) -> list[tuple[str, str]]:
    """'Grön Målet är uppfyllt ◐ Målet är delvis uppfyllt': each mark and the words after it, up to the next."""
    found = list(MARK_IN_TEXT.finditer(text))
    if not found:
        return []
    return [(m.group(1), text[m.end():after.start() if after else len(text)].strip(" =:–-,;·"))
            for m, after in zip(found, [*found[1:], None], strict=True)]


class LegendReader:
    """Reads a document's legend with the vocabulary and the general label schemes; `blocks_` (after `read`): the
    blocks that are the legend, not content; `unjudged_`: its terms that say an item has no level."""

    def __init__(self, words: Vocabulary, scheme_labels: LabelSchemes) -> None:
        self.words = words
        self.scheme_labels = scheme_labels

    def bands(self, blocks: list[Block]) -> list[tuple[float, str]]:
        """A legend that sets goal levels by the share of the target reached, a band a line ('100 % eller mer –
        målet är uppfyllt', '85–99 % – delvis uppfyllt', 'under 70 % – inte uppfyllt', 'Minst 75 %: …'): each
        band's lower bound and level. Empty where the document has no such legend (at least three bands)."""
        found: list[tuple[float, str]] = []
        lines: list[str] = []
        for block in blocks:
            lines += [squash(row[0] + " – " + row[1]) for row in block.rows if len(row) >= 2] if block.kind == TABLE \
                else [squash(line) for line in block.text.split("\n")]
        for n, line in enumerate(lines):
            if _BAND.fullmatch(line.rstrip(" :")) is not None and n + 1 < len(lines) and _BAND.match(lines[n + 1]) is None:
                line = f"{line} – {lines[n + 1]}"  # '100 % eller mer' / 'Målet är uppfyllt': its meaning below it
            band = _BAND.match(line)
            termed = _TERM_THEN_BAND.match(line) if band is None else None
            if termed is not None and (band := _BAND.match(termed.group(2))) is not None:
                meaning = termed.group(1)  # the term says the level, the band after it the share
            elif band is None:
                continue
            else:
                meaning = line[band.end():].strip(" :–-=")
            if (level := self._level_meant(meaning)) is None:
                continue
            low = band.group("low") or band.group("from") or band.group("from2")
            found.append((float(low.replace(",", ".")) if low else float("-inf"), level.canonical))
        return found if len(found) >= 3 else []

    def read(self, blocks: list[Block]) -> list[SchemeEntry]:
        """A report's own legend ('Teckenförklaring'): table rows pairing a colour with what it means ('Röd |
        Avbruten', '● Gul | Målet bedöms delvis uppfyllas'), read as entries of its own scheme for the kind of
        label the meaning is."""
        entries: list[SchemeEntry] = []
        self.blocks_: set[int] = set()
        self.unjudged_: set[str] = set()  # the terms of a scale's step that says no level is given
        entries += self._marked_lines(blocks)
        entries += self._termed_items(blocks)
        entries += self._paired_lines(blocks)
        for i, block in enumerate(blocks):
            if block.kind == PARAGRAPH and (signs := self._signs_legend(block.text)):
                entries += signs  # 'Bedömning: + målet är uppfyllt, 0 … delvis uppfyllt, − … inte uppfyllt.'
                self.blocks_.add(i)
                continue
            if block.kind == PARAGRAPH and (told := self._sentences_legend(block.text)):
                entries += told  # 'Prognosskalan: Kan uppnås – målet bedöms nås under året. Kan delvis uppnås – …'
                self.blocks_.add(i)
                continue
            if block.kind == PARAGRAPH and (spaced := self._spaced_legend(block.text)) is not None:
                entries += spaced
                self.blocks_.add(i)
                continue
            if block.kind == PARAGRAPH and (redefined := self._statuses_explained(block.text)):
                # 'KLART, STOPPAT (avbruten), OMPRÖVAS (pausad …)': statuses listed with what the report means;
                # under a label of its own ('Aktiviteternas status: …') the paragraph is the legend, no item.
                entries += redefined
                if re.match(r"^[A-ZÅÄÖ][^:()]{2,40}:\s", squash(block.text)):
                    self.blocks_.add(i)
                continue
            if block.kind == PARAGRAPH and (scale := self._listed_scale(block.text)) is not None:
                entries += scale
                self.blocks_.add(i)
                continue
            if block.kind in (PARAGRAPH, LIST_ITEM) and len(block.text) <= 120 and \
                    (coded := STATUS_CODE.match(COLOUR_PREFIX.sub("", squash(block.text), count=1))) is not None and \
                    len(coded.group(2)) <= 80 and (found := self.scheme_labels.match("activity", coded.group(2))) is not None:
                # 'PP Pågår enligt plan', 'Grön PP Pågår enligt plan' (the code in a coloured box): a status code.
                entries.append(SchemeEntry("activity", found.canonical, coded.group(1), "teckenförklaring"))
                self.blocks_.add(i)
                continue
            if block.kind in (PARAGRAPH, LIST_ITEM) and len(block.text) <= 120:
                # 'Grön = Pågår enligt plan', 'Röd – avbruten', 'Påbörjad åtgärd (Grön)': a legend line.
                line = squash(block.text)
                pair = re.match(r"^[^\wåäöÅÄÖ]*(\w+)\s*[=:–-]\s*(.+)$", line) or re.match(r"^(.+?)\s*\((\w+)\)$", line)
                if pair:
                    first, second = pair.group(1), pair.group(2)
                    colour, meaning = (first, second) if first.capitalize() in COLOUR_WORDS else (second, first)
                    entries += self._legend_entries(colour, meaning)
                continue
            if block.kind != TABLE:
                continue
            if (parted := self._parted_legend(block.rows)) is not None:
                # 'Prognos för målen' and 'Status för aktiviteterna' in one table of terms and meanings, each part
                # under a row of its own: each part a legend of its kind.
                entries += parted
                self.blocks_.add(i)
                continue
            if (coded := self._code_legend(block)) is not None:
                entries += coded + self._row_entries([row for row in block.rows if row and _colour_term(squash(row[0]))])
                self.blocks_.add(i)
                continue
            for header in block.rows[0]:
                # 'Bedömning (1–5)': a numbered goal scale, its steps mapped onto the levels by position.
                scale = re.search(r"\(\s*1\s*[-–]\s*([3-9])\s*\)", header)
                if scale and self.words.role(header) in ("assessment", "prognosis"):
                    steps = int(scale.group(1))
                    entries += [SchemeEntry("goal", scale_level(step - 1, steps), str(step), "sifferskala")
                                for step in range(1, steps + 1)]
            entries += self._row_entries(block.rows)
        # 'Ja (Grön)', '4 (Grön)': a term with the colour its cell is filled in; the cells may show the term alone.
        entries += [SchemeEntry(e.kind, e.canonical, bare.group(1), e.scheme) for e in list(entries)
                    if (bare := re.fullmatch(r"(\S+(?:\s\S+)?)\s*\((\w+)\)", e.written)) is not None
                    and bare.group(2).capitalize() in COLOUR_WORDS]
        # One mark said to mean several levels ('● Uppnått, ● Delvis uppnått, …', the dots told apart by colour
        # alone) says none of them.
        meanings: dict[tuple[str, str], set[str]] = {}
        for entry in entries:
            meanings.setdefault((entry.kind, entry.written), set()).add(entry.canonical)
        return [e for e in entries if len(meanings[(e.kind, e.written)]) == 1]

    def _parted_legend(self, rows: list[list[str]]) -> list[SchemeEntry] | None:
        """A table of terms and meanings in parts, a row with no meaning between them ('Status för aktiviteterna'):
        each part of three rows or more read as a legend of terms; None where the table is no such legend."""
        cells = [[squash(c) for c in row if squash(c)] for row in rows]
        if len(cells) < 7 or any(len(row) > 2 for row in cells):
            return None
        parts: list[list[list[str]]] = [[]]
        for row in cells:
            if len(row) < 2:
                parts.append([])
            else:
                parts[-1].append(row)
        read = [self._term_legend(part) for part in parts if len(part) >= 3]
        found = [e for entries in read if entries for e in entries]
        return found if len(parts) >= 2 and sum(bool(r) for r in read) >= 2 else None

    def _row_entries(self, rows: list[list[str]]) -> list[SchemeEntry]:
        """A legend table's rows read one by one, each mark by what its meaning says."""
        entries: list[SchemeEntry] = []
        for row in rows:
            cells = [squash(c) for c in row if squash(c)]
            if len(cells) == 1 and len(row) > 1:
                # '| <bild> | Målet kan uppnås – prognosen är att …': the mark a picture lost, its term and meaning.
                entries += self._term_entries(cells[0])
            if len(cells) < 2:
                continue
            pairs = marked_meanings(" ".join(cells))
            if len(pairs) >= 2:
                # 'Målbedömning: Grön Målet är uppfyllt | ◐ Målet är delvis uppfyllt Röd Målet är …': a
                # legend laid out on one line, each mark followed by what it means.
                entries += [e for mark, meaning in pairs for e in self._legend_entries(mark, meaning)]
                continue
            mark = cells[0] if SYMBOL_ONLY.fullmatch(cells[0]) else re.sub(r"^[^\wåäöÅÄÖ◐◑◒◓]+", "", cells[0])
            entries += self._legend_entries(mark, cells[1])
        return entries

    def _statuses_explained(self, text: str) -> list[SchemeEntry]:
        """Status words listed in a sentence, each with what the report means by it in parentheses ('STOPPAT
        (avbruten)', 'Omprövas (pausad i väntan på nytt beslut)'): where the meaning is a status of its own that
        differs from the word's usual one, the report's meaning counts. Only a list of two such words or more."""
        pairs = re.findall(r"([A-ZÅÄÖ][\wåäöÅÄÖ]*(?:\s+[\wåäöÅÄÖ]+){0,3})\s*\(([^()]{3,80})\)", text)
        # 'Ej påbörjad och Väntar (vilar …)': the last of the words a list joins is the one explained.
        pairs = [(re.split(r"\s+(?:och|eller)\s+", word)[-1], meaning) for word, meaning in pairs]
        explained = [(word, self.scheme_labels.match("activity", word), self._status_meant(meaning))
                     for word, meaning in pairs]
        explained = [(word, usual, meant) for word, usual, meant in explained if meant is not None]
        if len(explained) < 2:
            return []
        # A word the schemes know keeps its meaning unless the report says otherwise; one they do not ('På rätt
        # spår (pågår enligt plan)') is what the report says it is.
        return [SchemeEntry("activity", meant.canonical, word, "teckenförklaring")
                for word, usual, meant in explained if usual is None or meant.canonical != usual.canonical]

    def _code_legend(self, block: Block) -> list[SchemeEntry] | None:
        """A legend of short codes and what they mean ('A | Målet uppfylls', 'B | Målet uppfylls i huvudsak', …;
        'PP | Pågår enligt plan'): a status code is the status its meaning says; goal codes are steps of a scale
        in the order the legend lists them (its known steps say which end is best), a code said to be 'not
        assessed' none. None where the table is no such legend."""
        # Parts of the table under their own label rows ('Prognos helår …' / 'Statuskoder för aktiviteter' / …).
        parts: list[list[list[str]]] = [[]]
        bar = _bar_symbol([squash(row[0]) for row in block.rows if row])  # '★★★★' … '★': a bar's steps as terms
        for n, row in enumerate([squash(c) for c in row if squash(c)] for row in block.rows):
            if n == 0 and len(row) == 2 and len(row[1].split()) == 1 and not _CODE.fullmatch(row[0]):
                continue  # the legend's header ('Bedömning | Innebörd', 'Status | Betydelse')
            if len(row) == 3 and self.scheme_labels.is_label(row[1]):
                row = row[:2]  # 'G | Genomförd | Aktiviteten är klar …': the code, the status it stands for
            elif len(row) == 3 and _CODE.fullmatch(row[0]):
                # '4 | Målet är nästan uppnått | delvis uppfyllt': the level a summary counts the code as, where the
                # last column says one; else what the code means.
                row = [row[0], row[2]] if self.scheme_labels.is_label(row[2]) else row[:2]
            following = [squash(c) for c in block.rows[n + 1] if squash(c)] if n + 1 < len(block.rows) else []
            if not parts[-1] and len(row) >= 2 and following and _CODE.fullmatch(following[0]) and \
                    not (_CODE.fullmatch(row[0]) and row[0].isdigit() == following[0].isdigit()) and not any(self.scheme_labels.is_label(c) or _NOT_JUDGED.search(c)
                                                               or _EXPLAINS.search(c) for c in row[1:]):
                continue  # a part's header over its codes ('Kod | Betydelse | I kommunstyrelsens sammanställning')
            if len(row) <= 1 and parts[-1]:
                parts.append([])
                continue
            if len(row) == 1:
                continue  # the legend's label over its rows ('Måluppfyllelse (kolumn E)')
            if len(row) == 2 and _colour_term(row[0]):
                continue  # a colour's row, read by what it means (`_row_entries`), beside codes of another part
            if len(row) != 2 or not (_CODE.fullmatch(row[0]) or self._worded_term(row) or set(row[0]) == {bar}):
                break  # the legend's codes end where its rows stop being code (or term) and meaning
            parts[-1].append(row)
        found: list[SchemeEntry] = []
        for rows in parts:
            worded = [row for row in rows if not _CODE.fullmatch(row[0])]
            if worded and sum(bool(_EXPLAINS.search(meaning) or _NOT_JUDGED.search(meaning)) for _, meaning in worded) < 2:
                continue  # terms in words beside what is no explanation of goals or work: not a legend
            found += self._term_legend(rows) or []
        return found or None

    def _worded_term(self, row: list[str]) -> bool:
        """A legend row of a scale's step in words and what it means ('I ganska hög grad | Målet nås till största
        delen.'); colours and symbols are read by their own legend rows."""
        term, meaning = row
        return len(term) <= 40 and len(meaning.split()) >= 2 and not _colour_term(term) and \
            not SYMBOL_ONLY.fullmatch(term) and not re.search(r"\d", term)

    def _marked_lines(self, blocks: list[Block]) -> list[SchemeEntry]:
        """A legend of symbols, one a line ('● målet är helt uppnått' / '◕ … till stor del uppnått' / '◑ …' / '○ …'):
        three such lines or more in a row are a scale, its steps in the order listed."""
        def row_of(block: Block) -> list[str] | None:
            line = squash(block.text) if block.kind in (PARAGRAPH, LIST_ITEM) else ""
            marked = re.match(r"^([^\w\s]{1,3}|[–—-])\s+(\S.{3,120})$", line)
            if marked is None or re.search(r"[\wåäöÅÄÖ]", marked.group(1)):
                return None
            return [marked.group(1), marked.group(2)]

        return self._runs(blocks, row_of)

    def _sentences_legend(self, text: str) -> list[SchemeEntry]:
        """A legend told in sentences, each a term and its meaning ('Kan uppnås – målet bedöms nås under året. Kan
        delvis uppnås – …'), under an optional label: three such sentences or more."""
        body = squash(text.split(":", 1)[1] if ":" in text[:40] else text)
        rows = [[termed.group(1), termed.group(2)] for sentence in re.split(r"(?<=\.)\s+(?=[A-ZÅÄÖ])", body)
                if (termed := _TERMED.match(sentence)) is not None]
        return (self._term_legend(rows) or []) if len(rows) >= 3 else []

    def _termed_items(self, blocks: list[Block]) -> list[SchemeEntry]:
        """A legend as a list, a term and its meaning an item ('Bra – målet är uppnått …' / 'OK – målet är delvis
        uppnått.' / 'Har brister – …'; 'Pågår, sen – aktiviteten pågår men ligger efter tidplanen.'): three such
        items or more in a row are read as a legend table of terms; a page's footer between them breaks no run."""
        def row_of(block: Block) -> list[str] | None:
            line = squash(block.text) if block.kind in (LIST_ITEM, PARAGRAPH) and not block.furniture else ""
            # The term's mark before it ('Grön Färdigställd', '▶ På plan') shows it; the words are the term.
            bare = re.sub(r"^[^\w\s]{1,2}\s+", "", COLOUR_PREFIX.sub("", line, count=1))
            # 'Färdig: aktiviteten är genomförd enligt plan.': a term, a colon and its meaning in lower case (a field's
            # value opens with a capital).
            termed = _TERMED.match(bare) or _COLON_TERMED.match(bare)
            if termed is None or termed.group(1).capitalize() in COLOUR_WORDS:
                return None
            return [termed.group(1).strip(" *”“\"'«»"), termed.group(2)]

        return self._runs(blocks, row_of, over_furniture=True)

    def _paired_lines(self, blocks: list[Block]) -> list[SchemeEntry]:
        """A legend as lines in pairs, a term on one and its meaning on the next ('Avklarad' / 'Aktiviteten är
        genomförd enligt plan', as a web page copied as text sets a definition list): three pairs or more in a row."""
        def pair_at(i: int) -> list[str] | None:
            if i + 1 >= len(blocks) or any(b.kind != PARAGRAPH or b.furniture for b in blocks[i:i + 2]):
                return None
            term, meaning = squash(blocks[i].text), squash(blocks[i + 1].text).rstrip(".")
            if not term or len(term) > 40 or term.endswith((".", ":")) or len(meaning.split()) < 3 or \
                    not meaning[:1].isupper():
                return None
            if len(meaning.split()) <= len(term.split()):
                return None  # a meaning says more than its term
            said = self._status_meant(meaning) or self._level_meant(meaning)
            own = self.scheme_labels.match("activity", term) or self.scheme_labels.match("goal", term)
            if said is not None and own is not None and own.canonical != said.canonical:
                return None  # two labels of their own one after the other ('Pågår enligt plan' / 'Pågår, försenat')
            return [term, meaning] if said or _NOT_JUDGED.search(meaning) else None

        entries: list[SchemeEntry] = []
        i = 0
        while i < len(blocks):
            run: list[list[str]] = []
            j = i
            while (pair := pair_at(j)) is not None:
                run.append(pair)
                j += 2
            if len(run) >= 3 and (read := self._term_legend(run)):
                entries += read
                self.blocks_.update(range(i, j))
                i = j
                continue
            i += 1
        return entries

    def _runs(self, blocks: list[Block], row_of: Callable[[Block], list[str] | None],
              over_furniture: bool = False) -> list[SchemeEntry]:
        """Runs of three blocks or more in a row that `row_of` reads as a legend's term and meaning, each run read
        as a legend table; its blocks are the legend's."""
        entries: list[SchemeEntry] = []
        run: list[tuple[int, list[str]]] = []
        for i, block in [*enumerate(blocks), (len(blocks), Block(PARAGRAPH, ""))]:
            if (row := row_of(block)) is not None:
                run.append((i, row))
                continue
            if over_furniture and block.furniture:
                continue
            if len(run) >= 3 and (read := self._term_legend([row for _, row in run])):
                entries += read
                self.blocks_.update(index for index, _ in run)
            run = []
        return entries

    def _signs_legend(self, text: str) -> list[SchemeEntry]:
        """A scale of signs explained in one sentence ('+ målet är uppfyllt, 0 målet är delvis uppfyllt, − målet är
        inte uppfyllt'): each sign a goal level. Only three such signs or more."""
        body = text.split(":", 1)[1] if ":" in text[:60] else text
        found = []
        for part in re.split(r"\s*[,;]\s*|\.\s+", squash(body)):
            sign = re.match(r"^([+±0−–-]|[^\w\s]{1,2})\s+(\S.{3,80})$", part.strip())
            if sign is None:
                continue
            if (level := self._level_meant(sign.group(2))) is not None:
                found.append(SchemeEntry("goal", level.canonical, sign.group(1), "teckenförklaring"))
        return found if len(found) >= 3 else []

    def _spaced_legend(self, text: str) -> list[SchemeEntry] | None:
        """A legend set as a column of terms and their meanings in plain text, under its label ('Status för
        aktiviteter:' / 'Avklarad   genomförd enligt plan' / 'Återstår   inte påbörjad' / …): read as a legend
        table. None where the text is no such list (three such lines at least)."""
        # (Dot leaders between them, 'Nås helt .......: målvärdet nås', stand for the spaces.)
        rows = [list(pair.groups()) for line in text.split("\n")
                if (pair := re.match(r"^\s*(\S.{0,40}?\S)\s{2,}(\S.{2,80})$",
                                     re.sub(r"\s*\.{3,}\s*:?\s*", "   ", line.strip("\r"))))]
        return self._term_legend(rows) if len(rows) >= 3 else None

    def _term_legend(self, rows: list[list[str]]) -> list[SchemeEntry] | None:
        if len(rows) < 3:
            return None
        activity = [(code, found) for code, meaning in rows if (found := self._status_meant(meaning)) is not None]
        if len(activity) >= max(3, (len(rows) + 1) // 2):
            # A status the schemes know keeps its meaning where the legend's words only open with another
            # ('Följer plan | Pågår enligt tid- och aktivitetsplan'); a whole meaning ('inte påbörjad') counts.
            meanings = dict(rows)
            return [SchemeEntry("activity", found.canonical, code, "teckenförklaring") for code, found in activity
                    if self.scheme_labels.match("activity", code) is None
                    or self.scheme_labels.match("activity", meanings[code].rstrip(".")) is not None]
        # A bar of one symbol repeated ('★★★★', '★★★', …, '★'): each length a step, however short.
        bar = _bar_symbol([term for term, _ in rows]) is not None
        if not bar and any(not SYMBOL_ONLY.fullmatch(term) for term, _ in rows):
            rows = [row for row in rows if not SYMBOL_ONLY.fullmatch(row[0])]  # trend arrows beside the levels
        steps = [(code, meaning) for code, meaning in rows if not self.words.says_not_assessed(meaning)
                 and not self.words.says_not_assessed(code)
                 and not _NOT_JUDGED.search(meaning) and not _NOT_JUDGED.search(code)]
        unjudged = {code for code, meaning in rows if (code, meaning) not in steps}
        read = [self.scheme_labels.match("goal", term) or self._level_meant(meaning) for term, meaning in steps]
        if not 3 <= len(steps) <= 5 or sum(found is not None for found in read) < 2:
            return None
        self.unjudged_ |= unjudged  # 'Grå symbol | Målet har inte kunnat bedömas': where it stands, no level
        ranks = [GOAL_LEVELS.index(found.canonical) for found in read if found is not None]
        best_first = ranks[0] >= ranks[-1]  # GOAL_LEVELS is lowest first
        if len(steps) > len(GOAL_LEVELS) and len(ranks) == len(steps) and ranks == sorted(ranks, reverse=best_first):
            # More steps than levels, each saying its level in order ('Överträffat', 'Uppnått', 'Delvis uppnått',
            # …): the two steps on one level are those the words put there, not those the position does.
            return [SchemeEntry("goal", found.canonical, code, "teckenförklaring")
                    for (code, _), found in zip(steps, read, strict=True) if found is not None]
        return [SchemeEntry("goal", scale_level(len(steps) - 1 - i if best_first else i, len(steps)), code,
                            "teckenförklaring") for i, (code, _) in enumerate(steps)]

    def _level_meant(self, meaning: str, field: bool = True) -> LabelMatch | None:
        """The goal level a legend's meaning says: the whole of it, else its opening ('målet bedöms bli uppnått för
        helåret'); `field`: the opening may go on with when or why, as in a field's value."""
        found = self.scheme_labels.match("goal", meaning.rstrip("."))
        if found is None and (opened := self.scheme_labels.opening("goal", meaning, field=field)) is not None:
            found = opened[0]
        return found

    def _status_meant(self, meaning: str) -> LabelMatch | None:
        """The status a legend's meaning says: the whole of it ('inte påbörjad', 'pågår och följer tidplanen'), or
        its opening where no contrast follows ('avslutad i förtid, genomförs inte'; not 'genomförd, men inte …')."""
        found = self.scheme_labels.match("activity", meaning)
        opened = self.scheme_labels.opening("activity", meaning, field=True) if found is None else None
        rest = opened[1].strip(" ,;") if opened is not None else ""
        if opened is not None and opened[0].canonical == "Pågående" and (_BEHIND.search(rest) or _ON_PLAN.search(rest)):
            # 'pågår och följer sin tidplan', 'pågår men ligger efter': under way, and how against its plan.
            canonical = "Pågående med avvikelse" if _BEHIND.search(rest) else "Pågående enligt plan"
            found = LabelMatch(canonical, opened[0].written, opened[0].scheme)
        elif opened is not None and (not re.match(r"^(?:men|dock|inte|ej)\b", rest, re.I) or _UNCHECKED.match(rest)):
            found = opened[0]  # 'pågår; inte bedömd mot planen': under way, not checked against the plan
        elif opened is not None and opened[0].canonical.startswith(("Avslutad", "Pågående")) and \
                re.match(r"^(?:men|dock)\b.*\b(?:inte|ej|ännu\s+inte|avvikelse|avvek\w*|försen\w*|senare\s+än\s+planerat|"
                         r"för\s+sent)\b", rest, re.I):
            # 'avslutad, men allt har inte genomförts', 'klar, men med avvikelse från planen': a deviation.
            canonical = "Avslutad med avvikelse" if opened[0].canonical.startswith("Avslutad") else \
                "Pågående med avvikelse"
            found = LabelMatch(canonical, opened[0].written, opened[0].scheme)
        return found or _status_said(meaning)

    def _listed_scale(self, text: str) -> list[SchemeEntry] | None:
        """A legend listing a scale under its label, one step a line ('Måluppfyllelse:' / 'Målet är uppnått' /
        'Målet är delvis uppnått' / …), or the statuses ('Aktiviteter:' / 'Ej påbörjad' / 'Pågår' / …): for
        goals, steps the schemes do not know are read by their place on the scale, in the order the known ones
        give (best first where none is known). None where the text is no such list."""
        head, *steps = [line.strip(" •·-") for line in text.split("\n") if line.strip()]
        role = self.words.role(head.rstrip(":")) if head.endswith(":") else None
        if role is None or not 3 <= len(steps) <= 10 or any(len(step) > 60 for step in steps):
            return None
        if role in ("activity", "status"):
            known = sum(self.scheme_labels.match("activity", step) is not None for step in steps)
            return [] if known >= len(steps) - 1 else None  # a list of the statuses: nothing new to learn
        if role not in ("assessment", "prognosis") or len(steps) > 5:
            return None
        ranks = [(i, GOAL_LEVELS.index(found.canonical)) for i, step in enumerate(steps)
                 if (found := self.scheme_labels.match("goal", step)) is not None]
        best_first = len(ranks) < 2 or ranks[0][1] > ranks[-1][1]
        return [SchemeEntry("goal", scale_level(len(steps) - 1 - i if best_first else i, len(steps)), step,
                            "teckenförklaring")
                for i, step in enumerate(steps) if self.scheme_labels.match("goal", step) is None]

    def _legend_entries(self, colour: str, meaning: str) -> list[SchemeEntry]:
        """What a legend's colour means, for each kind of label its meaning reads as."""
        colour = colour.strip().capitalize()
        if colour not in COLOUR_WORDS and not (len(colour) == 1 and colour in SYMBOLS) and \
                not SYMBOL_ONLY.fullmatch(colour):
            return []
        entries = []
        for kind in ("activity", "goal"):
            found = self.scheme_labels.match(kind, meaning) or (
                opening[0] if (opening := self.scheme_labels.opening(kind, meaning)) else None)
            if found is not None and found.written.lower() != colour.lower():
                entries.append(SchemeEntry(kind, found.canonical, colour, "teckenförklaring"))
        return entries + self._term_entries(meaning)

    def _term_entries(self, meaning: str) -> list[SchemeEntry]:
        """'Bedöms i huvudsak uppfyllas – målet bedöms till största delen vara uppfyllt': the term a legend writes
        before its explanation is a label of the level the explanation says, in this report over what the general
        schemes say of it ('Målet blir svårt att uppnå – … målet inte nås' is the last step of its scale). Two
        shades of one colour word can stand for two levels; the term tells them apart."""
        termed = _TERMED.match(meaning)
        if termed is None:
            return []
        # 'Avslutad – avvikelse – åtgärden är genomförd, men …': the term is all before the last dash.
        term, _, explanation = meaning.rpartition(" – ") if meaning.count(" – ") > 1 else (
            termed.group(1), "", termed.group(2))
        entries = []
        for kind in ("activity", "goal"):
            known = self.scheme_labels.match(kind, term)
            if known is None:
                found = self._status_meant(explanation) if kind == "activity" else self._level_meant(explanation)
            else:  # over a known label only where the explanation says its level whole, not just at its opening
                found = self.scheme_labels.match(kind, explanation.rstrip("."))
            if found is not None and (known is None or known.canonical != found.canonical):
                entries.append(SchemeEntry(kind, found.canonical, term, "teckenförklaring"))
        return entries
