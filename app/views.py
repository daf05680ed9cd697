"""Pages rendered from templates (app/templates/*.j2): the goal overview and a goal's page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Traffic lights for statuses and levels: on track green, deviation yellow, serious red, not started grey.
COLOURS = {
    "Pågående enligt plan": "#2e7d32", "Avslutad enligt plan": "#1565c0", "Pågående": "#66bb6a",
    "Pågående med avvikelse": "#f9a825", "Avslutad med avvikelse": "#ef6c00", "Ej påbörjad": "#9e9e9e",
    "Vänteläge": "#bdbdbd", "Uppfyllt": "#2e7d32", "Delvis uppfyllt": "#f9a825", "Knappt uppfyllt": "#ef6c00",
    "Ej uppfyllt": "#c62828",
}
MISSING = "#eeeeee"


def colour(label: str | None) -> str:
    return COLOURS.get(label or "", MISSING)


def dot(label: str | None) -> Any:
    """A traffic-light dot for a status or level, named in its tooltip (inline style: the page has no CSS file)."""
    from markupsafe import Markup, escape

    return Markup('<span title="{}" style="display:inline-block;width:.8em;height:.8em;border-radius:50%;'
                  'margin-right:.3em;border:1px solid #777;background:{}"></span>').format(
        escape(label or "saknar status"), colour(label))


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.globals["colour"] = colour
    environment.globals["dot"] = dot
    environment.filters["percent"] = lambda share: f"{round(100 * share)} %"
    return environment


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


# ---- Utvärdering for users: the measured figures of the served store, in plain Swedish --------------------

@dataclass(frozen=True)
class Measured:
    """One capability as a user reads it: how often uppsikt gets it right, against a simple way to do it."""

    capability: str  # a key of the template's texts: search, goal_links, no_match, continuations, ...
    share: float  # how often the first suggestion (or the top few) is right
    baseline: float | None  # the simple way's share on the same test
    n: int  # how many cases were measured


def _figure(figures: dict[str, Any], *path: str) -> Any:
    """A value deep in figures.json, or None where this store's evaluation did not measure it."""
    value: Any = figures
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def measured(figures: dict[str, Any]) -> list[Measured]:
    """What `uppsikt evaluate` measured, capability by capability; a capability it did not measure is left out."""
    rows: list[Measured] = []

    def add(capability: str, share: Any, baseline: Any, n: Any) -> None:
        if isinstance(share, (int, float)):
            rows.append(Measured(capability, float(share), float(baseline) if isinstance(baseline, (int, float))
                                 else None, int(n or 0)))

    search = _figure(figures, "search_served") or _figure(figures, "search") or {}
    add("search", _figure(search, "modes", "hybrid", "success@5"), _figure(search, "modes", "bm25", "success@5"),
        search.get("queries"))
    linking = _figure(figures, "linking_served") or _figure(figures, "linking") or {}
    goals = _figure(linking, "goals_2024_to_2023") or {}
    add("goal_links", _figure(goals, "model", "success@3"), _figure(goals, "tfidf", "success@3"),
        _figure(goals, "model", "n"))
    add("no_match", _figure(goals, "no_match", "precision"), None, _figure(goals, "no_match", "predicted_no_match"))
    continuations = _figure(linking, "activities_2023_to_2024") or {}
    add("continuations", _figure(continuations, "model", "success@3"), _figure(continuations, "tfidf", "success@3"),
        _figure(continuations, "model", "n"))
    new = _figure(linking, "new_activities") or {}
    add("placement", _figure(new, "model", "top1"), _figure(new, "goal_text_only", "top1"), _figure(new, "model", "n"))
    activity = _figure(figures, "assessment", "activity", "leave_one_report_out") or {}
    add("activity_status", _figure(activity, "model", "accuracy"), _figure(activity, "majority", "accuracy"),
        _figure(activity, "model", "n"))
    elsewhere = _figure(figures, "assessment", "municipalities") or {}
    add("activity_elsewhere", _figure(elsewhere, "activity", "pooled", "model", "coarse_accuracy"),
        _figure(elsewhere, "activity", "pooled", "majority", "coarse_accuracy"),
        _figure(elsewhere, "activity", "pooled", "model", "n"))
    add("goal_level", _figure(elsewhere, "goal", "pooled", "model", "within_one"),
        _figure(elsewhere, "goal", "pooled", "majority", "within_one"), _figure(elsewhere, "goal", "pooled", "model", "n"))
    return rows
