"""Reading reports written independently of the parser (tests/fixtures/reports*/: other municipalities'
layouts, in every format, each with what a human reads in it): the share of items read right, as issue 18
measures it. An item is a report's organisation, year and period; a goal with its parent and stated level; an
activity with its goal, status and dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.documents import read_bytes
from corpus.model import ParsedReport, ReportFormatError
from corpus.organisation import detect_organisation
from corpus.parse import parse_document
from corpus.settings import REPO_ROOT
from corpus.text import fold

FIXTURES = REPO_ROOT / "tests" / "fixtures"
# Each set, and its first measurement, before anything was changed on it (the sets' README files).
SETS = {"reports": "16/163", "reports_heldout": "27/94", "reports_third": "27/53", "reports_fourth": "10/116",
        "reports_fifth": "15/128", "reports_sixth": "38/97",
        "reports_seventh": "13/109",
        "reports_eighth": "31/135",
        "reports_ninth": "1/73",
        "reports_tenth": "38/111",
        "reports_eleventh": "12/145",
        "reports_twelfth": "29/105",
        "reports_thirteenth": "17/87", "reports_fourteenth": "17/116",
        "reports_fifteenth": "12/99", "reports_sixteenth": "9/106",
        "reports_seventeenth": "32/117", "reports_eighteenth": "24/109",
        "reports_nineteenth": "7/109", "reports_twentieth": "3/116",
        "reports_twentyfirst": "7/114", "reports_twentysecond": "13/101", "reports_twentythird": "28/132",
        "reports_twentyfourth": "6/114", "reports_twentyfifth": "18/129",
        "reports_twentysixth": "15/119", "reports_twentyseventh": "6/132", "reports_twentyeighth": "123/152",
        "reports_twentyninth": "66/176", "reports_thirtieth": "77/211",
        "reports_thirtyfirst": "106/174", "reports_thirtysecond": "71/209", "reports_thirtythird": "87/173"}


def _files(tmp: Path, folder: Path) -> dict[str, Path]:
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"make_binaries_{folder.name}", folder / "make_binaries.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    files = {p.name: p for p in module.write_all(tmp)}
    files.update({p.name: p for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html", ".htm"}})
    return files


def _key(text: str | None) -> str:
    return fold(text or "").strip(" .")


def items(report: ParsedReport, organisation: str | None) -> set[tuple]:
    """The items of a parse, as the expected files state them: the report's metadata, each goal with its parent
    and stated level, each activity with its goal, status and dates."""
    titles = {g.number: g.title for g in report.goals}
    out: set[tuple] = {("report", _key(organisation), report.year, report.period)}
    out |= {("goal", _key(g.title), _key(titles.get(g.parent_number)) if g.parent_number else None, g.assessment)
            for g in report.goals}
    out |= {("activity", _key(a.title), _key(titles.get(number)), a.status, a.start, a.end)
            for a in report.activities for number in a.goal_numbers or [None]}
    return out


def expected_items(expected: dict) -> set[tuple]:
    out: set[tuple] = {("report", _key(expected["organisation"]), expected["year"], expected["period"])}
    out |= {("goal", _key(g["title"]), _key(g["parent"]) if g["parent"] else None, g["assessment"])
            for g in expected["goals"]}
    out |= {("activity", _key(a["title"]), _key(a["goal"]), a["status"], a["start"], a["end"])
            for a in expected["activities"]}
    return out


def score(tmp: Path, folder: Path) -> dict[str, tuple[int, int, set, set]]:
    """Per report: items right, items in all (expected plus anything extra read), what was missed, what was extra."""
    files = _files(tmp, folder)
    results = {}
    for expected_path in sorted(folder.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        document = read_bytes(files[name].read_bytes(), name)
        try:
            got = items(parse_document(document), detect_organisation(document.text))
        except ReportFormatError as exc:  # refused: every item missed
            got = {("refused", str(exc))}
        want = expected_items(expected)
        results[name] = (len(got & want), len(want | got), want - got, got - want)
    return results




def evaluate_reading(tmp: Path) -> dict[str, Any]:
    """Per set of independently written reports: items right of items in all, now, beside the first measurement."""
    out = {}
    for name, first in SETS.items():
        results = score(tmp / name, FIXTURES / name)
        out[name] = {"right": sum(r[0] for r in results.values()), "of": sum(r[1] for r in results.values()),
                     "reports": len(results), "first_measurement": first,
                     "period_or_year_wrong": sorted(n for n, r in results.items()
                                                    if any(item[0] == "report" for item in r[2]))}
    return out


if __name__ == "__main__":
    import tempfile

    print(json.dumps(evaluate_reading(Path(tempfile.mkdtemp())), ensure_ascii=False, indent=1))
