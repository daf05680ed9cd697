"""Pages rendered from templates (app/templates/*.j2): the goal overview and a goal's page."""

from __future__ import annotations

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
    return environment


def render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)
