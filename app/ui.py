"""The Gradio app (first cut: Sök and Korpus tabs), thin over app.service like the CLI."""

from __future__ import annotations

import html
import re
from typing import Any

import gradio as gr

from app.service import Service
from corpus.model import UppsiktError
from corpus.text import ACTIVITY_STATUSES

RESULT_COLUMNS = ["id", "titel", "mål", "status", "år", "poäng"]


def _highlight(text: str, words: list[str]) -> str:
    """Escaped text with whole matched words in <mark>; one pass, so no mark lands inside another."""
    if not words:
        return html.escape(text).replace("\n", "<br>")
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    pieces = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[last : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(html.escape(text[last:]))
    return "".join(pieces).replace("\n", "<br>")


def build_app(service: Service) -> gr.Blocks:
    def search(query: str, year: str, kind: str, status: str, unit: str) -> tuple[list[list[Any]], str]:
        try:
            result = service.search(
                query, k=20, year=int(year) if year and year != "alla" else None,
                kind={"aktivitet": "activity", "mål": "goal"}.get(kind, "any"),
                status=status if status and status != "alla" else None, unit=unit or None,
            )
        except UppsiktError as exc:
            raise gr.Error(str(exc)) from exc
        rows = [[h["id"], h["title"], "; ".join(h["goal_titles"]), h["status"] or "", h["year"], round(h["score"], 4)]
                for h in result["hits"]]
        details = "".join(
            f"<details><summary>{html.escape(h['title'])}</summary><p>{_highlight(h['text'], h['matched_terms'])}</p></details>"
            for h in result["hits"][:10]
        )
        return rows, f"<p>{len(rows)} träffar på {result['took_ms']} ms</p>{details}"

    def reports() -> list[list[Any]]:
        return [[r["source"], r["title"], r["year"], r["period"] or "", r["goals"], r["activities"],
                 r["duplicate_of"] or ""] for r in service.reports()]

    years = ["alla"] + [str(y) for y in service.store.years()]
    with gr.Blocks(title="uppsikt") as demo:
        gr.Markdown("# uppsikt – sök i målrapporterna")
        with gr.Tab("Sök"):
            query = gr.Textbox(label="Vad letar du efter?", placeholder="t.ex. hjälp för den som länge stått utan jobb")
            with gr.Row():
                year = gr.Dropdown(years, value="alla", label="År")
                kind = gr.Dropdown(["alla", "aktivitet", "mål"], value="alla", label="Typ")
                status = gr.Dropdown(["alla", *ACTIVITY_STATUSES], value="alla", label="Status")
                unit = gr.Textbox(label="Enhet")
            button = gr.Button("Sök", variant="primary")
            table = gr.Dataframe(headers=RESULT_COLUMNS, label="Träffar", interactive=False)
            details = gr.HTML()
            button.click(search, [query, year, kind, status, unit], [table, details], api_name="search")
            query.submit(search, [query, year, kind, status, unit], [table, details], api_name=False)
        with gr.Tab("Korpus"):
            reports_table = gr.Dataframe(
                headers=["källa", "titel", "år", "period", "mål", "aktiviteter", "dubblett av"], interactive=False
            )
            refresh = gr.Button("Visa rapporter")
            refresh.click(reports, None, reports_table, api_name="reports")
            demo.load(reports, None, reports_table, api_name=False)
    return demo


def serve(service: Service, host: str = "127.0.0.1", port: int = 7860) -> None:
    service.engine  # noqa: B018 - load and build before the page opens, so the first search is fast
    build_app(service).launch(server_name=host, server_port=port, show_error=True)
