"""Statuses shown only by colour: a cell's fill, a coloured symbol, a CSS class or style, named in words.

Exports from Stratsys, Hypergene and hand-made workbooks often show an activity's status or a goal's
level as a green, yellow or red cell with no text, or as a coloured dot. The readers turn such a mark
into the Swedish colour word ("Grön"), which the label schemes (`corpus/schemes/colours.toml`, or a
municipality's own legend) then read like any written label. Only clear colours are named: white, grey,
black and pale tints (row banding, header shading) say nothing.
"""

from __future__ import annotations

import colorsys
import re

# Hue bands in degrees, as the eye names them; red wraps around 0.
_HUES: tuple[tuple[float, str], ...] = (
    (15.0, "Röd"), (40.0, "Orange"), (70.0, "Gul"), (170.0, "Grön"), (255.0, "Blå"), (330.0, "Lila"), (360.0, "Röd"),
)
# A fill paler or greyer than this is shading, not a status (Excel's light "Bra"/"Dålig" styles still pass).
MIN_SATURATION = 0.15
MIN_VALUE = 0.35

# Every name a mark is given, as the label schemes and a report's own legend spell them.
COLOUR_WORDS = frozenset(["Röd", "Orange", "Gul", "Grön", "Blå", "Lila", "Grå", "Vit"])

# Characters that carry no words of their own, so their colour is what they say.
SYMBOLS = frozenset("●○◉⬤•■□▪▲△▼◆◇★☆✓✔✗✘⚫⚪◐◑◒◓◔◕")

_WORDS = {
    "green": "Grön", "gron": "Grön", "grön": "Grön", "yellow": "Gul", "gul": "Gul", "amber": "Gul",
    "red": "Röd", "rod": "Röd", "röd": "Röd", "orange": "Orange", "blue": "Blå", "bla": "Blå", "blå": "Blå",
    # Named in a status icon's class, grey and white are a status too (not started, not assessed); as a fill
    # they are only shading, so colour_name never gives them.
    "grey": "Grå", "gray": "Grå", "gra": "Grå", "grå": "Grå", "white": "Vit", "vit": "Vit",
}


def colour_word(name: str) -> str | None:
    """A colour's Swedish name for a colour named in a class or a type ('gron', 'yellow', 'rod'), if it is one."""
    return _WORDS.get(name.strip().lower())


_WORD_IN_CLASS = re.compile(r"(?<![a-zåäö])(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?![a-zåäö])")
_HEX = re.compile(r"#([0-9a-f]{6}|[0-9a-f]{3})\b")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")
_CSS_COLOUR = re.compile(r"(?:background(?:-color)?|color|fill)\s*:\s*([^;]+)")


def colour_name(rgb: str | None) -> str | None:
    """The Swedish name of a colour given as hex ('00B050', 'FF00B050' with alpha, '#0b5'), or None when it is
    no clear colour."""
    if not rgb:
        return None
    value = rgb.strip().lstrip("#")
    if len(value) == 8:  # ARGB, as Office writes it
        value = value[2:]
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        return None
    red, green, blue = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return _named(red, green, blue)


def _named(red: float, green: float, blue: float) -> str | None:
    hue, saturation, brightness = colorsys.rgb_to_hsv(red, green, blue)
    if saturation < MIN_SATURATION or brightness < MIN_VALUE:
        return None
    degrees = hue * 360
    return next(name for limit, name in _HUES if degrees < limit)


# Class names that make a colour a mark (a status icon, a traffic light), not decoration (a green banner).
_MARK_CLASS = re.compile(r"status|ikon|icon|dot|prick|light|ljus|signal|indicator|indikator|badge|bedom|"
                         r"assess|progress|level|niva|nivå|symbol|marker|circle|cirkel")


def pdf_colour_name(colour: object) -> str | None:
    """The name of a PDF fill colour as pdfplumber gives it: (grey,), (r, g, b) or (c, m, y, k), each 0–1."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    if len(colour) == 3:
        return _named(*(float(v) for v in colour))
    if len(colour) == 4:
        cyan, magenta, yellow, black = (float(v) for v in colour)
        return _named((1 - cyan) * (1 - black), (1 - magenta) * (1 - black), (1 - yellow) * (1 - black))
    return None


def is_mark_class(classes: str | None) -> bool:
    """True when an element's class names say it is a status icon or traffic light."""
    return bool(classes) and bool(_MARK_CLASS.search(classes.lower()))  # type: ignore[union-attr]


def css_colour_name(classes: str | None, style: str | None) -> str | None:
    """The colour an HTML element's class names ('status-green', 'ikon--rod') or inline style
    ('background-color:#e30613') give it."""
    if classes and is_mark_class(classes):
        match = _WORD_IN_CLASS.search(classes.lower().replace("_", "-"))
        if match:
            return _WORDS[match.group(1)]
    if style:
        for value in _CSS_COLOUR.findall(style.lower()):
            if (hex_match := _HEX.search(value)):
                return colour_name(hex_match.group(1))
            if (rgb_match := _RGB.search(value)):
                red, green, blue = (int(v) / 255 for v in rgb_match.groups())
                return _named(red, green, blue)
            if (word := _WORD_IN_CLASS.search(value)):
                return _WORDS[word.group(1)]
    return None


def only_symbols(text: str) -> bool:
    """True when `text` is empty or nothing but symbols: then a colour is all it says."""
    stripped = re.sub(r"\s", "", text)
    return all(c in SYMBOLS for c in stripped)


# The boxes a level is drawn with as a bar, filled ones before empty ones ('■■■□', '●●○○', '★★★☆☆').
FILLED_BOXES = "■●★▰◼⬛"
EMPTY_BOXES = "□○☆▱◻⬜"
# A bar of two boxes or more ('■■□□', '●●●○'): a level drawn, not a coloured mark.
_BAR = re.compile(rf"[{FILLED_BOXES}{EMPTY_BOXES}]{{2,10}}")


def marked(text: str, colour: str | None, *, in_cell: bool = True) -> str:
    """Text with its colour in words where the text itself says nothing more. Outside a table a coloured mark
    before other words (an icon before an activity's title) is kept after them in parentheses, the
    "Titel (Status)" form reports also write, and after a label's colon as its value; inside a cell the words
    already say what the cell holds."""
    if colour is None:
        return text
    if _BAR.fullmatch(re.sub(r"\s", "", text)):
        return text  # '■■■□': a bar says its step by how many boxes are filled, whatever their colour
    if only_symbols(text):
        return colour
    if in_cell:
        return text
    if text.endswith(":"):
        return f"{text} {colour}"  # 'Måluppfyllelse: [gul symbol]': the mark is the label's value
    return f"{text.lstrip(''.join(SYMBOLS) + ' ')} ({colour})"


# Marks found while an HTML element's text is still being gathered travel inside it between these two
# private-use characters, and are resolved with `marked` once the block or cell is complete.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARK = re.compile(MARK_START + "([^" + MARK_END + "]*)" + MARK_END)


def resolve_marks(text: str, *, in_cell: bool) -> str:
    """Text gathered with marks in it, the marks resolved: the first one names the colour."""
    colours = _MARK.findall(text)
    rest = re.sub(r"[ \t]{2,}", " ", _MARK.sub("", text)).strip()
    return marked(rest, colours[0] if colours else None, in_cell=in_cell)


# The Wingdings letters follow-ups use for a status: faces and dots, ticks and crosses.
WINGDINGS = {"J": "☺", "K": "😐", "L": "☹", "l": "●", "m": "○", "n": "■", "o": "□", "u": "◆", "ü": "✔", "û": "✘",
             "ý": "☒", "þ": "☑"}
