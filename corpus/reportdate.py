"""The year and period (tertial) a report is about, from where a report states them: its title, running
header or front matter ('Delårsrapport 1 2025', 'T1 2025', 'per den 30 april 2025', 'januari–augusti'),
never from a sentence inside an item's comment."""

from __future__ import annotations

import re
from collections import Counter

from corpus.text import fold

_MONTHS = {"januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
           "september": 9, "oktober": 10, "november": 11, "december": 12}
_MONTH = "|".join(_MONTHS)
YEAR = r"(20[1-4]\d)"
# A time said as a season, a week or a month of a year, without a day ('hösten 2025', 'v. 8', 'mars 2026'): no date.
VAGUE_TIME = (r"(?:(?:våren|hösten|sommaren|vintern|början\s+av|slutet\s+av)\s+\d{4}|(?:v|vecka)\s*\.?\s*\d{1,2}"
              rf"(?:\s+\d{{4}})?|(?:{_MONTH})\s+\d{{4}})")


# Months as dates are written short ('15 jan 2024', '2 sep 2024').
_SHORT_MONTHS = {name[:3]: number for name, number in _MONTHS.items()}
_ANY_MONTH = rf"(?:{_MONTH}|{'|'.join(_SHORT_MONTHS)})\.?"


def _month_number(name: str) -> int:
    return _MONTHS.get(name) or _SHORT_MONTHS[name.rstrip(".")[:3]]


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})[-–](\d{2}|20\d\d)")


def written_date(text: str) -> str | None:
    """A date written out ('30 juni 2025', 'den 1 mars 2025', '15 jan 2024') as ISO, where the text is one."""
    match = re.fullmatch(rf"\s*(?:den\s+)?(\d{{1,2}})\s+({_ANY_MONTH})\s+{YEAR}\s*\.?", fold(text))
    if match is None and (dated := re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s+(20\d\d)\s*", text)) is not None:
        return _day_month(*dated.groups())  # '7/1 2029': day/month and the year
    if match is None and (short := _DAY_MONTH_YEAR.fullmatch(text.strip())) is not None:
        # '15/1-24', '3/11-2025': day/month-year as Swedish is written by hand, a two-digit year this century.
        day, month, year = (int(part) for part in short.groups())
        return _day_month(day, month, year + 2000 if year < 100 else year)
    if match is None or not 1 <= int(match.group(1)) <= 31:
        return None
    return f"{match.group(3)}-{_month_number(match.group(2)):02d}-{int(match.group(1)):02d}"


# A span of day/month with the year written once at its end ('8/1–29/3 2029'), or after each end
# ('15/11 2028–28/2 2029'); an open end after a day/month and year ('7/1 2029–tills vidare').
_DAY_MONTH_SPAN = re.compile(r"\s*(\d{1,2})/(\d{1,2})(?:\s+(20\d\d))?\s*[–—-]\s*(\d{1,2})/(\d{1,2})\s+(20\d\d)\s*")


def _day_month(day: str | int, month: str | int, year: str | int) -> str | None:
    """An ISO date from its parts, where they make one."""
    day, month = int(day), int(month)
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 and 1 <= month <= 12 else None


def written_span(text: str) -> tuple[str, str] | None:
    """A span written out ('1 februari–30 november 2025', '3 mars 2025 – 14 juni 2025', '8/1–29/3 2029'), as ISO
    dates; the first takes the year of the second where it names none."""
    if (short := _DAY_MONTH_SPAN.fullmatch(text)) is not None:
        first_day, first_month, first_year, last_day, last_month, last_year = short.groups()
        start, end = _day_month(first_day, first_month, first_year or last_year), _day_month(last_day, last_month,
                                                                                             last_year)
        return (start, end) if start and end else None
    match = re.fullmatch(rf"\s*(\d{{1,2}})\s+({_ANY_MONTH})(?:\s+{YEAR})?\s*[–—-]\s*(\d{{1,2}})\s+({_ANY_MONTH})\s+{YEAR}\s*",
                         fold(text))
    if match is None and (days := re.fullmatch(rf"\s*(\d{{1,2}})\s*[–—-]\s*(\d{{1,2}})\s+({_ANY_MONTH})\s+{YEAR}\s*",
                                               fold(text))):
        # '24–28 februari 2025': both days in one month
        first_day, last_day, month, year = days.groups()
        start, end = written_date(f"{first_day} {month} {year}"), written_date(f"{last_day} {month} {year}")
        return (start, end) if start and end else None
    if match is None:
        return None
    first_day, first_month, first_year, last_day, last_month, last_year = match.groups()
    start = written_date(f"{first_day} {first_month} {first_year or last_year}")
    end = written_date(f"{last_day} {last_month} {last_year}")
    return (start, end) if start and end else None


def _tertial_of_month(month: int) -> str:
    return "T1" if month <= 4 else "T2" if month <= 8 else "T3"


def stated_period(lines: list[str]) -> str | None:
    """The tertial a title or front matter states, if any."""
    for line in lines:
        text = fold(line)
        if (m := re.search(r"\b(?:t|tertial|tertialrapport|tertialuppfoljning|uppfoljning)\s*([123])\b", text)):
            return f"T{m.group(1)}"
        if (m := re.search(r"\bdelarsrapport\s*([12])\b", text)):
            return f"T{m.group(1)}"
        if (m := re.search(rf"\b(?:per|till och med|t\.?o\.?m\.?)\s+(?:den\s+)?(?:\d{{1,2}}\s+)?({_MONTH})\b", text)):
            return _tertial_of_month(_MONTHS[m.group(1)])
        if (m := re.search(rf"\bjanuari\s*(?:-|–|till)\s*({_MONTH})\b", text)):
            return _tertial_of_month(_MONTHS[m.group(1)])
        if re.search(r"\b(arsredovisning|verksamhetsberattelse|helarsuppfoljning|arsbokslut|helar|arsrapport)\b", text):
            return "T3"
        if re.search(r"\bdelarsrapport\b|\bdelarsbokslut\b", text):
            # The delårsrapport the law asks for is per 31 August.
            return "T2"
    return None


def stated_year(lines: list[str], headings: list[str] | None = None) -> int | None:
    """The year a title or front matter names: 'för 2025', 'T1 2025', 'Delårsrapport 2025', '2025' alone; where
    the front names it only as a lone year, a heading that names the report with its year ('VERKSAMHETSBERÄTTELSE
    2037' atop the bilaga of a nämnd's minutes of 2038-02-17) first."""
    named = rf"(?:rapport|uppfoljning|redovisning|berattelse|bokslut)\w*\s+(?:\w+\s+)?{YEAR}\b"
    # The report named with its year or its tertial first, in any line of the front ('Verksamhetsberättelse 2037'
    # under a meeting 'den 17 februari 2038'); then a year it is for, or a date it is 'per'.
    for patterns in ((rf"\b(?:t|tertial)\s*[123]\s*{YEAR}\b", rf"\b{YEAR}\s*(?:t|tertial)\s*[123]\b", named),
                     (rf"\b(?:for|mal)\s+(?:ar\s+)?{YEAR}\b", rf"\b(?:per|den)\s+(?:\d{{1,2}}\s+)?(?:{_MONTH})\s+{YEAR}\b")):
        for line in lines:
            text = fold(line)
            for pattern in patterns:
                if (m := re.search(pattern, text)):
                    return int(m.group(1))
    for heading in headings or []:
        if (m := re.search(rf"^(?:\w+\s+){{0,2}}{named}", fold(heading))):
            return int(m.group(1))
    for line in lines[:3]:
        years = re.findall(rf"\b{YEAR}\b", line)
        if len(set(years)) == 1:
            return int(years[0])
    return None


def year_of_dates(dates: list[str]) -> int | None:
    """The year most activity start and end dates fall in: what a report without a stated year is about."""
    years = Counter(int(d[:4]) for d in dates if d and re.match(r"20\d\d-", d))
    if not years:
        return None
    (year, count), *rest = years.most_common(2) + [(None, 0)]
    return year if count > rest[0][1] else None


def backward_period(text: str) -> str | None:
    """A tertial the text speaks of as past or present ('under T1 har …', 'i slutet av T1'), the latest one;
    a tertial spoken of as a plan ('planeras till T2', 'under T3 kommer') does not say when the report is."""
    found: list[int] = []
    for match in re.finditer(r"\b(i slutet av|i senare delen av|hittills under|under|efter|[Tt]ill och med|t\.o\.m\.?)\s+T([123])\b([^.]{0,40})",
                             text):
        after = fold(match.group(3))
        before = fold(text[max(0, match.start() - 40):match.start()])
        if re.search(r"\b(kommer|ska|planeras|planerar|beraknas|avses|tanker)\b", after + " " + before.split(".")[-1]):
            continue
        found.append(int(match.group(2)))
    return f"T{max(found)}" if found else None


# A date written with slashes and a full year ('1/19/2026', '19/1/2026'): month or day first, as the table says.
_SLASHED = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(20\d\d)\s*")


def slashed_dates(rows: list[list[str]], roles: list[str | None]) -> list[list[str]]:
    """A table's rows with the cells of its date columns written 'a/b/yyyy' as ISO dates. Month first where a
    second part over 12 says so ('4/24/2026'), or where no part says and the headers are English ('Due date', an
    export with English language settings); day first where a first part over 12 says so, or else."""
    columns = [c for c, role in enumerate(roles) if role in ("start", "end", "dates")]
    found = [match.groups() for row in rows[1:] for c in columns if c < len(row)
             and (match := _SLASHED.fullmatch(row[c] or ""))]
    if not found:
        return rows
    header = " ".join(rows[0][c] for c in columns if c < len(rows[0])).lower()
    month_first = any(int(b) > 12 for _, b, _ in found) or (
        not any(int(a) > 12 for a, _, _ in found) and re.search(r"\bdate\b", header) is not None)
    out = [rows[0]]
    for row in rows[1:]:
        row = list(row)
        for c in columns:
            if c < len(row) and (match := _SLASHED.fullmatch(row[c] or "")):
                a, b, year = match.groups()
                row[c] = (_day_month(b, a, year) if month_first else _day_month(a, b, year)) or row[c]
        out.append(row)
    return out


# A date written ÅÅÅÅMMDD, as registers and minutes write it ('20230206–20230630', 'fr.o.m. 20230821').
_COMPACT = re.compile(r"(?<![\d/-])(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d/-])")


# A date written ÅÅ-MM-DD ('24-02-05' for 5 February 2024), as short forms write it.
_SHORT_YEAR = re.compile(r"(?<![\d/.-])(\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d/.-])")


def compact_dates(text: str) -> str:
    """`text` with each date written ÅÅÅÅMMDD or ÅÅ-MM-DD as an ISO date."""
    text = _COMPACT.sub(r"\1-\2-\3", text) if "20" in text else text
    return _SHORT_YEAR.sub(r"20\1-\2-\3", text) if "-" in text else text
