"""Text normalisation shared by parsers, store and search: folding, slugs and canonical labels."""

from __future__ import annotations

import re
import unicodedata

ACTIVITY_STATUSES: tuple[str, ...] = (
    "Pågående enligt plan",
    "Pågående med avvikelse",
    "Pågående",
    "Avslutad enligt plan",
    "Avslutad med avvikelse",
    "Ej påbörjad",
    "Vänteläge",
)
GOAL_LEVELS: tuple[str, ...] = ("Ej uppfyllt", "Knappt uppfyllt", "Delvis uppfyllt", "Uppfyllt")
"""Goal levels in ascending order: the index is the ordinal level."""



def label_space_for(kind: str) -> tuple[str, ...]:
    """The canonical labels of an assessment task: activity statuses or goal levels."""
    if kind == "activity":
        return ACTIVITY_STATUSES
    if kind == "goal":
        return GOAL_LEVELS
    raise ValueError(f"okänd typ: {kind}")


_WS = re.compile(r"\s+")
_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def squash(text: str) -> str:
    """Collapse runs of whitespace and trim."""
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case-, diacritic- and whitespace-insensitive form used for matching (å→a, ö→o, é→e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return squash(stripped.lower())


def fold_alnum(text: str) -> str:
    """Folded text with everything but letters, digits and single spaces removed."""
    return squash(re.sub(r"[^0-9a-z]+", " ", fold(text)))


def slug(text: str, max_len: int = 48) -> str:
    """A readable, stable identifier fragment built from the folded text."""
    words = fold_alnum(text).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_len:
            break
        out = candidate
    return out or "x"


def normalise_status(raw: str | None) -> str | None:
    """Map a written status (OCR'd, with symbols or variant spellings) to its canonical label."""
    if not raw:
        return None
    text = fold_alnum(raw.replace("=", " "))
    if not text:
        return None
    deviation = bool(re.search(r"\bmed\s+avvik", text))
    on_plan = bool(re.search(r"\benligt\s+plan", text))
    if re.search(r"v[a-z]{1,2}nt[a-z]{0,2}l[a-z]{1,2}ge", text):
        return "Vänteläge"
    if re.search(r"\bej\b", text) and re.search(r"\bp[a-z]{0,2}b[a-z]{1,3}r[ij1l]?[a-z]{0,2}d\b", text):
        return "Ej påbörjad"
    if re.search(r"\bavslut", text):
        if deviation:
            return "Avslutad med avvikelse"
        return "Avslutad enligt plan" if on_plan else None
    if re.search(r"\bp[a-z]{0,2}g[a-z]{0,3}nde\b", text):
        if deviation:
            return "Pågående med avvikelse"
        return "Pågående enligt plan" if on_plan else "Pågående"
    return None


def normalise_goal_level(raw: str | None) -> str | None:
    """Map a written goal assessment ('B j uppfyiit', 'Delvis uppfylit.') to its canonical level."""
    if not raw:
        return None
    tokens = fold(raw).replace(".", " ").replace(",", " ").split()
    if not tokens or not re.fullmatch(r"u[pn][a-z]{3,7}", tokens[-1]):
        return None
    if len(tokens) > 4 or any(len(t) > 7 for t in tokens[:-1]):
        return None
    head = set(tokens[:-1])
    if "delvis" in head:
        return "Delvis uppfyllt"
    if "knappt" in head:
        return "Knappt uppfyllt"
    if head & {"ej", "gj", "g", "j", "e"}:
        return "Ej uppfyllt"
    return "Uppfyllt"


def find_dates(text: str) -> list[str]:
    """ISO dates (YYYY-MM-DD) in order of appearance."""
    return ["-".join(m.groups()) for m in _DATE.finditer(text)]


def same_title(a: str, b: str, threshold: float = 85) -> float:
    """Similarity (0-100) of two titles for identity, 0 where they cannot be the same.

    Titles must agree on their numbers and their first word ('Arbetslösheten …' is not
    'Ungdomsarbetslösheten …'); a title cut short by a line break matches its full form.
    """
    from rapidfuzz import fuzz

    fa, fb = fold_alnum(a), fold_alnum(b)
    if not fa or not fb or re.findall(r"\b\d+\b", fa) != re.findall(r"\b\d+\b", fb):
        return 0.0
    if fuzz.ratio(fa.split()[0], fb.split()[0]) < 85:
        return 0.0
    shorter, longer = sorted((fa, fb), key=len)
    if len(shorter.split()) >= 4 and longer.startswith(shorter):
        return 100.0
    score = fuzz.ratio(fa, fb)
    return score if score >= threshold else 0.0


# Swedish alphabetical order: å, ä, ö come after z (characters that sort after 'z' in code-point order stand in).
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_order(text: str) -> str:
    """A sort key that orders words as a Swedish dictionary does (Ånge after Utbildning)."""
    return text.casefold().translate(_SWEDISH_ORDER)


# A wiki's or static site's metadata above the page ('---', 'title: …', '---'): the page's, not its content.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n((?:[^\n]*\n){0,60}?)---[ \t]*(?:\r?\n|\Z)")


def split_front_matter(text: str) -> tuple[str, str]:
    """A Markdown file's YAML front matter (its key: value lines) and the page below it."""
    match = FRONT_MATTER.match(text)
    if match is None or not re.match(r"^\s*[\w-]+\s*:", match.group(1)):
        return "", text
    return match.group(1).strip(), text[match.end():]
