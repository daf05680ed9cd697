"""The organisation a report follows up (a municipality or region): read from its text, named by a short code.

Identity and merging hold within one organisation and year, so every goal and activity id starts with the
organisation's code ("ange-g2024-…" for Ånge kommun)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from corpus.text import fold, slug, split_front_matter

# "Ånge kommun", "Malmö stad", "Stockholms stad", "Region Västernorrland", "Region Jämtland Härjedalen".
_NAME = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# ('Ekorrdals kommuns förskolor': the name in the genitive, the s after the whole of it.)
_MUNICIPALITY = re.compile(rf"\b({_NAME})\s+(kommun|stad)(?:s)?\b")
# A region's name may have two words (Region Västra Götaland), but not a report's title after it.
_REGION = re.compile(rf"\bRegion\s+({_NAME}(?:[ \t]+(?![A-ZÅÄÖ]\w*(?:rapport|uppföljning|berättelse|redovisning|"
                     rf"bokslut|plan|nämnd\w*)\b){_NAME})?)\b")
# Words that start a sentence before "kommun" without naming one ("Vår kommun", "En attraktiv kommun").
_NOT_NAMES = frozenset(
    "vår våra er din denna den det en ett hela varje annan andra egen samma ny nya stor större liten mindre "
    "attraktiv attraktivare god bra trygg hållbar växande levande grön öppen inkluderande modern vilken ingen "
    "alla per sin varannan närliggande angränsande samtliga övriga".split()
)
# Where a report names itself: its first lines (title, front page, running header).
HEAD_LINES = 40
HEAD_WEIGHT = 3
MIN_MENTIONS = 2
LETTERHEAD_LINES = 5
GENERIC_WORDS = ("kommun", "stad")


_CAPITALS = re.compile(r"\b([A-ZÅÄÖ][A-ZÅÄÖÉÜ]{2,}(?:-[A-ZÅÄÖ]{3,})?)\s+(KOMMUN|STAD)\b")


def _candidates(text: str) -> Iterable[str]:
    # A banner in capitals ('HEDMYRA KOMMUN') names the organisation as its title case does.
    for match in _CAPITALS.finditer(text):
        if match.group(1).lower() not in _NOT_NAMES:
            yield f"{match.group(1).capitalize()} {match.group(2).lower()}"
    for match in _MUNICIPALITY.finditer(text):
        if match.group(1).lower() not in _NOT_NAMES:
            yield f"{match.group(1)} {match.group(2)}"
    for match in _REGION.finditer(text):
        yield f"Region {match.group(1)}"


# A board or office named beside the organisation in a letterhead ("Utbildningsnämnden", "Kommunstyrelsen").
_BOARD = re.compile(r"[\wåäöÅÄÖ\s-]{0,40}(?:nämnd|styrelse|förvaltning|fullmäktige|kontor)(?:en|et)?", re.I)
_APART = re.compile(r"\s+[·|•–—]\s+|,\s+")  # the parts of a letterhead's line
_NAMED = re.compile(r"^[ \t]*(?:Organisation|Kommun|Region|Huvudman)[ \t]*[:=\t][ \t]*(.+)$", re.M | re.I)


def detect_organisation(text: str, known: Iterable[str] = ()) -> str | None:
    """The organisation a report's text names most (its first lines count more), among those it names at least
    twice (a neighbour named once in passing is none), or None. A name that folds like a known organisation ("Ange
    kommun" in OCR text) is that one."""
    text = _visible_text(split_front_matter(text)[1])
    head = "\n".join(text.split("\n")[:HEAD_LINES])
    mentions: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}
    for name in _candidates(text):
        mentions[fold(name)] += 1
        spelling.setdefault(fold(name), Counter())[name] += 1
    # 'Region Bredskogs intranät': a name in the genitive is the name, where the text names it plainly too.
    genitive = {name: name[:-1] for name in mentions if name.endswith("s") and name[:-1] in mentions}
    for name, plain in genitive.items():
        mentions[plain] += mentions.pop(name)
        spelling.pop(name)

    def base(name: str) -> str:
        return genitive.get(fold(name), fold(name))

    weight = Counter({name: n for name, n in mentions.items() if n >= MIN_MENTIONS})
    # A letterhead: one of the first lines opens with the name ("Norrvik kommun – kommunstyrelsen"), or is the
    # name beside its board alone ("Utbildningsnämnden, Kärrstorps kommun").
    for line in [line for line in text.split("\n") if line.strip()][:LETTERHEAD_LINES]:
        plain = re.sub(r"<[^>]+>|[#*]", "", line).strip()
        for name in _candidates(plain):
            board = plain.replace(name, "").strip(" ,–—-·|")
            if plain.startswith(name) or _BOARD.fullmatch(board):
                weight[base(name)] += HEAD_WEIGHT if base(name) not in weight else 0
    # A line of the head that sets the name apart beside its board ('Region Tallby · naturbruksnämnden · …').
    for line in head.split("\n"):
        parts = [p.strip(" .") for p in _APART.split(re.sub(r"<[^>]+>|[#*]", "", line))]
        for name in _candidates(line):
            if name in parts and any(_BOARD.fullmatch(p) for p in parts if p != name):
                weight[base(name)] += HEAD_WEIGHT if base(name) not in weight else 0
    for name in _candidates(head):
        if base(name) in weight:
            weight[base(name)] += HEAD_WEIGHT - 1
    # A field that names it ('Organisation = Sälgviks kommun', 'Kommun: Tallvik kommun'), as an export states it.
    for line in _NAMED.findall(text):
        for name in _candidates(line):
            weight[fold(name)] += HEAD_WEIGHT
            spelling.setdefault(fold(name), Counter())[name] += 1
    if not weight:
        return None
    best = weight.most_common(1)[0][0]
    return canonical_organisation(spelling[best].most_common(1)[0][0], known)


_MARKUP = re.compile(r"<(?:html|head|body)\b", re.I)


def _visible_text(text: str) -> str:
    """A web page's text as its reader shows it (its letterhead is then its first lines, not the page's <head>);
    any other text as it is."""
    if not _MARKUP.search(text[:4096]):
        return text
    from corpus.documents.html import html_blocks  # the reader, not a second parser of markup

    return "\n".join(line for block in html_blocks(text) for line in block.lines())


def canonical_organisation(name: str, known: Iterable[str] = ()) -> str:
    """`name` as the store already spells it, where one known organisation folds the same; else as given,
    whitespace squashed and the generic word in lower case."""
    name = re.sub(r"\s+", " ", name).strip()
    for other in known:
        if fold(other) == fold(name):
            return other
    words = name.split(" ")
    if len(words) > 1 and words[-1].lower() in GENERIC_WORDS:
        words[-1] = words[-1].lower()
    return " ".join(words)


def organisation_code(name: str) -> str:
    """The short, stable prefix of an organisation's ids: its name folded, without the generic word
    ("Ånge kommun" → "ange", "Malmö stad" → "malmo", "Region Gävleborg" → "region-gavleborg")."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in GENERIC_WORDS:
        words = words[:-1]
    return slug(" ".join(words), 30) or "org"
