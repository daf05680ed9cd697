"""The Gradio app for staff, coordinators and reviewers; every event calls app.service, like the CLI."""

from __future__ import annotations

import html
import os
import re
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # nothing leaves this machine
import gradio as gr  # noqa: E402

from app.exports import DECISION_NAMES, decimal, decimal_percent, local_time
from app.service import Service, placed_note
from corpus.documents import SUFFIXES
from corpus.model import UppsiktError
from corpus.text import ACTIVITY_STATUSES, label_space_for

UPLOAD_TYPES = SUFFIXES
UPLOAD_NAMES = "Word (.docx), Excel (.xlsx), PDF, HTML, Markdown eller text"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
RESULT_COLUMNS = ["id", "titel", "mål", "status", "år", "poäng", "organisation"]
ALL = "alla"


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


def _read_as(written: str, read: str) -> str:
    """A line saying how a text typed without å, ä, ö was read; empty when it was read as written."""
    return f"<p>Läst som: <i>{html.escape(read)}</i></p>" if read.strip() != written.strip() else ""


def _link_note(kind: str, link: dict[str, Any]) -> str:
    """The table's fifth column: no counterpart (goals) or where the reports placed the activity."""
    if kind == "goal":
        return "ja" if link.get("no_match") else ""
    return placed_note(link, "; ")


def _candidate_evidence(candidate: dict[str, Any]) -> str:
    """What makes a suggestion plausible: alike sub-goals and activities (goals) or the activities
    already under the goal (placement); for a continuation, whether it names other places."""
    lines = [f"{html.escape(e['from'])} ↔ {html.escape(e['to'])} ({decimal(e['score'], 2)})" for e in candidate.get("evidence", [])]
    lines += [f"under målet: {html.escape(title)}" for title in candidate.get("examples", [])]
    if candidate.get("other_place"):
        lines.append("annan ort än aktivitetens (poängen sänkt)")
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>" if lines else ""


@dataclass(frozen=True)
class MappingTab:
    """One kind of mapping as a tab: the same widgets and handlers, its own words and API names."""

    kind: str
    title: str
    tab_id: str
    from_label: str
    to_label: str
    headers: tuple[str, ...]
    decisions: tuple[str, ...]
    other_label: str
    api: tuple[str, str, str]  # link, decide, export
    newest_first: bool  # the year to map from defaults to the newest (goals) or the oldest


MAPPING_TABS = (
    MappingTab("goal", "Koppla mål", "koppla", "Nya året", "Förra året",
               ("id", "mål", "bästa förslag", "poäng", "ingen motsvarighet?", "beslut"),
               ("acceptera förslaget", "avvisa", "välj annat mål", "ingen motsvarighet"),
               "Annat mål (vid 'välj annat mål')", ("link_goals", "decide", "export"), True),
    MappingTab("activity", "Följ aktiviteter", "folj", "Aktiviteternas år", "Året de fortsätter (eller började) i",
               ("id", "aktivitet", "trolig fortsättning", "poäng", "", "beslut"),
               ("acceptera förslaget", "avvisa", "välj annan aktivitet", "ingen fortsättning"),
               "Annan aktivitet (vid 'välj annan aktivitet')",
               ("link_activities", "decide_activity", "export_activities"), False),
    MappingTab("placement", "Placera aktiviteter", "placera", "Aktiviteternas år", "Målens år",
               ("id", "aktivitet", "föreslaget mål", "poäng", "i rapporten", "beslut"),
               ("acceptera förslaget", "avvisa", "välj annat mål", "inget av målen", "ta bort (ny aktivitet)"),
               "Annat mål (vid 'välj annat mål')",
               ("link_placement", "decide_placement", "export_placement"), False),
)
DECISION_CODES = {"acceptera förslaget": "accept", "avvisa": "reject", "välj annat mål": "choose",
                  "välj annan aktivitet": "choose", "ingen motsvarighet": "no_match", "ingen fortsättning": "no_match",
                  "inget av målen": "no_match", "ta bort (ny aktivitet)": "remove"}
# A stored decision as the tables show it, in Swedish.
def percent(p: float) -> str:
    return f"{round(100 * p)} %"


EXPORT_NAMES = {"goal": "koppling_mal", "activity": "koppling_aktiviteter", "placement": "placering"}


def _rows(table: Any) -> list[list[Any]]:
    """A Dataframe's value (pandas, or a list of rows) as a list of rows."""
    return table.values.tolist() if hasattr(table, "iloc") else [list(r) for r in (table or [])]


def _cell(table: Any, row: int, column: int) -> str | None:
    """One cell of a Dataframe's value; None when the table has no such row."""
    rows = _rows(table)
    return str(rows[row][column]) if row < len(rows) else None


def _year(value: str | None) -> int | None:
    return int(value) if value and value != ALL else None


def _organisation(value: str | None) -> str | None:
    """A dropdown's organisation: None for every one (listings, search) or the store's only one (links)."""
    return value if value and value != ALL else None


def _with_decision(shown: Any, item: str, name: str) -> Any:
    """The table as shown, with the decision written into the decided item's row."""
    rows = _rows(shown)
    for row in rows:
        if row and str(row[0]) == str(item):
            row[-1] = name
    return rows


def _errors_as_messages(func: Any) -> Any:
    """A service error becomes a red message in the page, not a stack trace."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UppsiktError as exc:
            raise gr.Error(str(exc)) from exc

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


class Handlers:
    """The page's event handlers: thin adapters from widget values to service calls and back."""

    def __init__(self, service: Service) -> None:
        self.service = service

    # Sök
    def search(self, query: str, year: str, kind: str, status: str, unit: str,
               organisation: str | None = ALL) -> tuple[list[list[Any]], str]:
        result = self.service.search(
            query, k=20, year=_year(year), kind={"aktivitet": "activity", "mål": "goal"}.get(kind, "any"),
            status=status if status and status != ALL else None, unit=unit or None,
            organisation=_organisation(organisation),
        )
        rows = [[h["id"], h["title"], "; ".join(h["goal_titles"]), h["status"] or "", h["year"], round(h["score"], 4),
                 h["organisation"]] for h in result["hits"]]
        details = "".join(
            f"<details><summary>{html.escape(h['title'])}</summary><p>{_highlight(h['text'], h['matched_terms'])}</p>"
            "</details>" for h in result["hits"][:10]
        )
        read_as = _read_as(result["query"], result["interpreted_query"])
        return rows, f"<p>{len(rows)} träffar på {result['took_ms']} ms</p>{read_as}{details}"

    def show(self, entity_id: str, query: str) -> tuple[str, list[list[Any]]]:
        hit = self.service.entity(entity_id, query)
        kind = {"goal": "mål", "activity": "aktivitet"}[str(hit["kind"])]
        header = (f"<h3>{html.escape(hit['title'])}</h3><p><i>{kind}, {hit['year']}, "
                  f"{html.escape(hit['organisation'])}, {html.escape(hit['status'] or '')}</i></p>")
        similar = [[h["id"], h["title"], h["kind"], h["year"], round(h["score"], 3)]
                   for h in self.service.similar(entity_id, 5)]
        return header + f"<p>{_highlight(hit['text'], hit['matched_terms'])}</p>", similar

    # Koppla mål, Följ aktiviteter, Placera aktiviteter: one set of handlers for the three kinds of mapping
    def links(self, kind: str, from_year: str, to_year: str,
              organisation: str | None = None) -> tuple[list[list[Any]], str, Any]:
        links = self.service.links(kind, int(from_year), int(to_year), k=3, organisation=_organisation(organisation))
        rows = []
        for link in links:
            best = link["candidates"][0] if link["candidates"] else {"title": "", "score": ""}
            decision = link.get("decision") or {}
            rows.append([link["id"], link["title"], best["title"], best["score"], _link_note(kind, link),
                         DECISION_NAMES.get(decision.get("decision", ""), "")])
        evidence = "".join(
            f"<details><summary>{html.escape(link['title'])}</summary><ul>"
            + "".join(f"<li>{html.escape(c['title'])} ({decimal(c['score'], 3)}){_candidate_evidence(c)}</li>"
                      for c in link["candidates"])
            + "</ul></details>" for link in links
        )
        choices = [(f"{link['title'][:70]}", link["id"]) for link in links]
        shown = {link["id"]: link["candidates"][0]["id"] for link in links if link["candidates"]}
        return rows, evidence, gr.update(choices=choices, value=choices[0][1] if choices else None), shown

    def targets_for(self, kind: str, to_year: str, organisation: str | None = None) -> Any:
        organisation = self.service.one_organisation(_organisation(organisation))
        if kind == "activity":
            targets = [(a["title"][:80], a["id"]) for a in self.service.activities(int(to_year), None, organisation)]
        else:
            targets = self._top_goal_choices(to_year, organisation)
        return gr.update(choices=targets, value=None)

    def decide(self, kind: str, from_id: str, decision: str, to_id: str | None, author: str, to_year: str,
               shown: Any = None, suggested: dict[str, str] | None = None) -> tuple[str, Any]:
        """Store the decision on the suggestion the page showed (`suggested`: item → its first suggestion) and
        show it in its row of the table as shown; the other rows stay as they were."""
        code = DECISION_CODES.get(decision, decision)
        if code == "remove":
            self.service.remove_drafted_activity(from_id)
            return "Den nya aktiviteten togs bort.", _with_decision(shown, from_id, "borttagen")
        saved = self.service.decide_on_suggestion(kind, from_id, code, int(to_year), to_id,
                                                  (suggested or {}).get(from_id), author or None)
        name = DECISION_NAMES[saved["decision"]]
        return f"Sparat: {name} ({local_time(saved['decided_at'])}).", _with_decision(shown, from_id, name)

    @staticmethod
    def default_decision(spec_decisions: list[str], item: str | None, shown: Any) -> Any:
        """The decision preselected for an item: 'no counterpart' where the row says there is none."""
        row = next((r for r in _rows(shown) if r and str(r[0]) == str(item)), None)
        no_match = row is not None and str(row[4]) == "ja"
        return gr.update(value=spec_decisions[3] if no_match else spec_decisions[0])

    def export(self, kind: str, from_year: str, to_year: str, organisation: str | None = None,
               suffix: str = ".csv") -> str:
        path = Path(tempfile.mkdtemp(prefix="uppsikt-")) / f"{EXPORT_NAMES[kind]}_{from_year}_{to_year}{suffix}"
        self.service.export_mapping(kind, int(from_year), int(to_year), path, _organisation(organisation))
        return str(path)

    def export_excel(self, kind: str, from_year: str, to_year: str, organisation: str | None = None) -> str:
        return self.export(kind, from_year, to_year, organisation, ".xlsx")

    # Översikt
    def overview(self, organisation: str | None, year: str, flags: bool = False) -> tuple[str, Any]:
        from app.views import render

        tree = self.service.overview(organisation or None, int(year) if year else None, bool(flags))
        choices = [(("– " if depth else "") + g["title"][:90], g["id"]) for top in tree["goals"]
                   for depth, g in [(0, top), *[(1, s) for s in top["subgoals"]]]]
        return render("overview.html.j2", tree=tree), gr.update(choices=choices, value=None)

    def goal_page(self, goal_id: str | None) -> str:
        from app.views import render

        if not goal_id:
            return ""
        return render("goal.html.j2", goal=self.service.goal_page(goal_id))

    # Föreslå mål
    def suggest(self, text: str, year: str, organisation: str | None = None) -> list[list[Any]]:
        result = self.service.suggest_goal(text, int(year), k=5, organisation=_organisation(organisation))
        return [[c["id"], c["title"], c["score"], "; ".join(c["examples"])] for c in result["candidates"]]

    def goals_to_place_under(self, text: str, suggestions: Any, year: str, organisation: str | None = None) -> Any:
        """The year's goals to choose from, the top row of the suggestions just shown chosen (not computed
        again); nothing to choose without a text."""
        best = _cell(suggestions, 0, 0) if (text or "").strip() else None
        organisation = self.service.one_organisation(_organisation(organisation))
        return gr.update(choices=self._top_goal_choices(year, organisation) if best else [], value=best)

    def _top_goal_choices(self, year: str, organisation: str | None = None) -> list[tuple[str, str]]:
        return [(g["title"][:80], g["id"]) for g in self.service.goals(int(year), None, organisation) if g["top_level"]]

    def save_drafted(self, text: str, year: str, goal_id: str | None, author: str,
                     organisation: str | None = None) -> str:
        saved = self.service.draft_activity(text, int(year), goal_id or None, author or None,
                                            _organisation(organisation))
        return (f"Sparad under: {saved['goal_title']} ({saved['decision']['decision']}). Den finns nu i "
                f"Placera aktiviteter ({year} → {year}) och i dess CSV.")

    # Bedömningsstöd
    def assess(self, text: str, kind: str, entity_id: str | None) -> tuple[dict[str, float], str, str, Any]:
        """The proposal once: its probabilities, one headline, the evidence, and the level field preselected
        with the proposal (empty where there is none, so the reviewer must choose)."""
        code = "goal" if kind == "mål" else "activity"
        result = self.service.assess(text or "", code, entity_id or None)
        best = result.get("best_guess")
        if result["label"]:
            label = f"{result['label']} ({percent(result['probabilities'][result['label']])})"
            if result.get("label_written"):
                label += f", i organisationens skala: {result['label_written']}"
        elif best:
            label = (f"inget säkert förslag (för svagt underlag); bästa gissning {best} "
                     f"({percent(result['probabilities'][best])})")
        else:
            label = "inget förslag (för svagt underlag)"
        stated = f" · angiven nivå: {result['stated']}" if result.get("stated") else ""
        flags = "".join(f"<li>{html.escape(f)}</li>" for f in result["flags"])
        evidence = "".join(
            f"<li><b>{html.escape(e['label'])}</b> ({decimal(e['score'], 2)}) {html.escape(e['title'][:80])}"
            f"{html.escape(' (exempel i stil med ' + e['example_of'] + ')') if e.get('example_of') else ''}: "
            f"{html.escape(e['text'][:200])}</li>" for e in result["evidence"]
        )
        read_as = _read_as(text or "", result["interpreted_text"]) if not entity_id else ""
        summary = f"<p><b>Förslag: {html.escape(label)}</b>{html.escape(stated)}</p>{read_as}<ul>{flags}</ul>"
        levels = gr.update(choices=list(label_space_for(code)), value=result["label"])
        return result["probabilities"], summary, f"<ol>{evidence}</ol>", levels

    def entities_for(self, kind: str) -> tuple[Any, Any]:
        code = "goal" if kind == "mål" else "activity"
        examples = self.service.assessable(code)
        return (gr.update(choices=[("(klistrad text)", "")] + [(e["title"][:80], e["id"]) for e in examples], value=""),
                gr.update(choices=list(label_space_for(code)), value=None))

    def feedback(self, text: str, kind: str, entity_id: str | None, label: str | None, author: str) -> str:
        if not label:
            raise UppsiktError("Välj rätt nivå innan du sparar.")
        code = "goal" if kind == "mål" else "activity"
        if not (text or "").strip() and entity_id:
            text = next((e["text"] for e in self.service.assessable(code) if e["id"] == entity_id), "")
        self.service.record_feedback(code, text or "", label, entity_id or None, author=author or None)
        return f"Sparat: {label}. Nästa träning av förslagen använder bedömningen."

    def check(self) -> list[list[Any]]:
        return [[c["kind"], c["title"], c["report"], c["stated"], c["suggested"], c["probability"], c["reason"]]
                for c in self.service.check()]

    # Korpus
    def reports(self) -> list[list[Any]]:
        """Reports by their titles (a copy names the report it copies); the file name last, for reference."""
        reports = self.service.reports()
        titles = {r["source"]: r["title"] for r in reports}
        return [[r["title"], r["year"], r["period"] or "", r["goals"], r["activities"],
                 titles.get(r["duplicate_of"], r["duplicate_of"]) or "", decimal_percent(r["coverage"]),
                 r["organisation"], r["source"]] for r in reports]

    def goals(self, year: str, organisation: str | None = ALL) -> list[list[Any]]:
        return [[g["id"], g["title"], "" if g["top_level"] else "delmål", g["assessment"] or "", g["year"],
                 g["organisation"]] for g in self.service.goals(_year(year), None, _organisation(organisation))]

    def activities(self, year: str, organisation: str | None = ALL) -> list[list[Any]]:
        return [[a["id"], a["title"], a["versions"][0]["status"] if a["versions"] else "", a["end"] or "",
                 ", ".join(a["units"]), a["year"], a["organisation"]]
                for a in self.service.activities(_year(year), None, _organisation(organisation))]

    def upload(self, file: str | None, organisation: str | None = None,
               progress: gr.Progress | None = None) -> tuple[str, list[list[Any]]]:
        progress = progress or gr.Progress()
        if not file:
            raise UppsiktError("Välj en fil att ladda upp.")
        path = Path(file)
        if path.suffix.lower() not in UPLOAD_TYPES:
            raise UppsiktError(f"Filtypen {path.suffix or '(ingen)'} tas inte emot; ladda upp {UPLOAD_NAMES}.")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise UppsiktError("Filen är större än 20 MB och tas inte emot.")
        progress(0.1, desc="Läser in rapporten")
        result = self.service.ingest([path], organisation=(organisation or "").strip() or None)
        progress(0.5, desc="Bygger om sökindexet")
        built = self.service.build()
        progress(1.0, desc="Klart")
        report = result["reports"][0]
        status = {"ingested": "inläst", "unchanged": "redan inläst, oförändrad"}.get(report["status"], report["status"])
        coverage = f"{report['coverage'] * 100:.1f}".replace(".", ",")
        message = (f"{html.escape(report['title'])} ({html.escape(report['organisation'])}, {report['year']}): "
                   f"{report['goals']} mål, {report['activities']} aktiviteter, täckning {coverage} % ({status}); "
                   f"{built['embedded']} poster bäddades in.")
        if report["duplicate_of"]:
            message += f" Rapporten är samma som {html.escape(report['duplicate_of'])}, som redan finns."
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in result["warnings"][:20])
        return f"<p>{message}</p><ul>{warnings}</ul>", self.reports()

    # Utvärdering: the figures `uppsikt evaluate` measured on the store this app serves (beside its artefacts).
    @property
    def evaluation_dir(self) -> Path:
        return self.service.paths.artifacts / "evaluation"

    def evaluation(self) -> str:
        report = self.evaluation_dir / "REPORT.md"
        text = report.read_text(encoding="utf-8") if report.exists() else "Ingen rapport ännu; kör `uppsikt evaluate`."
        return re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)


def _mapping_tab(h: Handlers, spec: MappingTab, years: list[str], organisations: list[str]) -> None:
    """A tab where a coordinator gets suggestions of one kind, decides on each, and exports the mapping."""
    wrap = _errors_as_messages
    newest, oldest = (years[-1], years[0]) if years else ("", "")
    with gr.Tab(spec.title, id=spec.tab_id):
        kind = gr.State(spec.kind)
        with gr.Row():
            organisation = gr.Dropdown(organisations, value=organisations[0] if organisations else None,
                                       label="Organisation", visible=len(organisations) > 1)
            from_year = gr.Dropdown(years, value=newest if spec.newest_first else oldest, label=spec.from_label)
            to_year = gr.Dropdown(years, value=oldest if spec.newest_first else newest, label=spec.to_label)
            link_button = gr.Button("Föreslå kopplingar", variant="primary", elem_id=f"{spec.tab_id}-knapp")
        links = gr.Dataframe(headers=list(spec.headers), interactive=False, elem_id=f"{spec.tab_id}-tabell", wrap=True,
                             column_widths=["16%", "24%", "30%", "7%", "15%", "8%"])
        evidence = gr.HTML()
        with gr.Row():
            # Custom values: an API caller names ids without first asking for the choices (the service checks them).
            item = gr.Dropdown([], label="Att besluta om", allow_custom_value=True)
            decision = gr.Radio(list(spec.decisions), value=spec.decisions[0], label="Beslut")
            other = gr.Dropdown([], label=spec.other_label, allow_custom_value=True)
            author = gr.Textbox(label="Ditt namn (valfritt)")
        decide_button = gr.Button("Spara beslut")
        decided = gr.Markdown()
        with gr.Row():
            export_button = gr.Button("Exportera CSV")
            excel_button = gr.Button("Exportera Excel (för nämnden)")
        exported = gr.File(label="Kopplingar (CSV för skript, Excel för nämnden)")
        link_api, decide_api, export_api = spec.api
        suggested = gr.State({})  # item → the first suggestion shown, what 'acceptera' and 'avvisa' are about
        link_button.click(wrap(h.links), [kind, from_year, to_year, organisation], [links, evidence, item, suggested],
                          api_name=link_api)
        link_button.click(wrap(h.targets_for), [kind, to_year, organisation], other, api_name=False)
        decide_button.click(wrap(h.decide), [kind, item, decision, other, author, to_year, links, suggested],
                            [decided, links], api_name=decide_api)
        item.change(partial(h.default_decision, list(spec.decisions)), [item, links], decision, api_name=False)
        export_button.click(wrap(h.export), [kind, from_year, to_year, organisation], exported, api_name=export_api)
        excel_button.click(wrap(h.export_excel), [kind, from_year, to_year, organisation], exported,
                           api_name=f"{export_api}_excel")


def build_app(service: Service) -> gr.Blocks:
    h = Handlers(service)
    wrap = _errors_as_messages
    years = [str(y) for y in service.years()]
    organisations = service.organisations()
    newest, oldest = (years[-1], years[0]) if years else ("", "")
    with gr.Blocks(title="uppsikt") as demo:
        gr.Markdown("# uppsikt – måluppföljning\nSök, koppla och bedöm mål och aktiviteter i kommunens rapporter.")
        with gr.Tab("Översikt", id="oversikt"):
            with gr.Row():
                overview_organisation = gr.Dropdown(organisations, value=organisations[0] if organisations else None,
                                                    label="Organisation", visible=len(organisations) > 1)
                overview_year = gr.Dropdown(years, value=newest, label="År")
                with_flags = gr.Checkbox(value=False, label="Visa motsägelser (tar några sekunder)")
                overview_button = gr.Button("Visa målträdet", variant="primary", elem_id="oversikt-knapp")
            tree = gr.HTML(elem_id="maltrad")
            goal_choice = gr.Dropdown([], label="Öppna ett mål", elem_id="valt-mal")
            goal_view = gr.HTML(elem_id="malsida")
            overview_button.click(wrap(h.overview), [overview_organisation, overview_year, with_flags],
                                  [tree, goal_choice], api_name="overview")
            goal_choice.change(wrap(h.goal_page), [goal_choice], goal_view, api_name="goal_page")
        with gr.Tab("Sök", id="sok"):
            query = gr.Textbox(label="Vad letar du efter?", placeholder="t.ex. hjälp för den som länge stått utan jobb")
            with gr.Row():
                year = gr.Dropdown(["alla", *years], value="alla", label="År")
                kind = gr.Dropdown(["alla", "aktivitet", "mål"], value="alla", label="Typ")
                status = gr.Dropdown(["alla", *ACTIVITY_STATUSES], value="alla", label="Status")
                unit = gr.Textbox(label="Enhet")
                search_organisation = gr.Dropdown([ALL, *organisations], value=ALL, label="Organisation",
                                                  visible=len(organisations) > 1)
            search_button = gr.Button("Sök", variant="primary", elem_id="sok-knapp")
            table = gr.Dataframe(headers=RESULT_COLUMNS, label="Träffar", interactive=False, elem_id="traffar")
            details = gr.HTML()
            chosen = gr.Textbox(label="Vald träff (id)", elem_id="vald-traff")
            show_button = gr.Button("Visa hela texten och liknande")
            full_text = gr.HTML()
            similar = gr.Dataframe(headers=["id", "titel", "typ", "år", "likhet"], label="Liknande", interactive=False)
            inputs = [query, year, kind, status, unit, search_organisation]
            search_button.click(wrap(h.search), inputs, [table, details], api_name="search")
            query.submit(wrap(h.search), inputs, [table, details], api_name=False)

            def pick(evt: gr.SelectData, data: Any) -> str:
                row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
                return _cell(data, row, 0) or ""

            table.select(pick, [table], chosen, api_name=False)
            show_button.click(wrap(h.show), [chosen, query], [full_text, similar], api_name="show")
        for spec in MAPPING_TABS:
            _mapping_tab(h, spec, years, organisations)
        with gr.Tab("Föreslå mål", id="foresla"):
            activity_text = gr.Textbox(label="Den nya aktiviteten", lines=4)
            with gr.Row():
                suggest_year = gr.Dropdown(years, value=newest, label="Målens år")
                suggest_organisation = gr.Dropdown(organisations, value=organisations[0] if organisations else None,
                                                   label="Organisation", visible=len(organisations) > 1)
            suggest_button = gr.Button("Föreslå mål", variant="primary")
            suggestions = gr.Dataframe(headers=["id", "mål", "poäng", "liknande aktiviteter under målet"],
                                       interactive=False, wrap=True, column_widths=["22%", "33%", "8%", "37%"])
            with gr.Row():
                # Custom values: an API caller names a goal id without first asking for the choices.
                place_under = gr.Dropdown([], label="Placera under (förslaget är förvalt)", allow_custom_value=True)
                drafter = gr.Textbox(label="Ditt namn (valfritt)")
            save_button = gr.Button("Spara som ny aktivitet", elem_id="spara-ny")
            drafted = gr.Markdown(elem_id="sparad-ny")
            suggest_button.click(wrap(h.suggest), [activity_text, suggest_year, suggest_organisation], suggestions,
                                 api_name="suggest_goal"
                                 ).then(wrap(h.goals_to_place_under),
                                        [activity_text, suggestions, suggest_year, suggest_organisation],
                                        place_under, api_name=False)
            save_button.click(wrap(h.save_drafted),
                              [activity_text, suggest_year, place_under, drafter, suggest_organisation], drafted,
                              api_name="save_activity")
        with gr.Tab("Bedömningsstöd", id="bedom"):
            with gr.Row():
                assess_kind = gr.Radio(["aktivitet", "mål"], value="aktivitet", label="Vad bedöms?")
                # Custom values: an API caller names an id without first asking for the choices.
                entity = gr.Dropdown([("(klistrad text)", "")], value="", label="…eller välj ur korpusen",
                                     allow_custom_value=True)
            comment = gr.Textbox(label="Kommentar", lines=5, elem_id="kommentar")
            assess_button = gr.Button("Föreslå nivå", variant="primary", elem_id="bedom-knapp")
            probabilities = gr.Label(label="Sannolikheter", num_top_classes=7)
            proposal = gr.HTML(elem_id="forslag")
            cases = gr.HTML(label="Liknande fall")
            with gr.Row():
                level = gr.Dropdown(list(ACTIVITY_STATUSES), value=None, label="Rätt nivå (förslaget är förvalt; ändra om det är fel)")
                reviewer = gr.Textbox(label="Ditt namn (valfritt)")
            feedback_button = gr.Button("Spara bedömning")
            saved = gr.Markdown(elem_id="sparad-bedomning")
            check_button = gr.Button("Visa motsägelser i rapporterna")
            contradictions = gr.Dataframe(
                headers=["typ", "titel", "rapport", "angiven", "föreslagen", "sannolikhet", "skäl"], interactive=False)
            assess_kind.change(wrap(h.entities_for), [assess_kind], [entity, level], api_name=False)
            assess_button.click(wrap(h.assess), [comment, assess_kind, entity], [probabilities, proposal, cases, level],
                                api_name="assess")
            feedback_button.click(wrap(h.feedback), [comment, assess_kind, entity, level, reviewer], saved,
                                  api_name="feedback")
            check_button.click(wrap(h.check), None, contradictions, api_name="check")
        with gr.Tab("Korpus", id="korpus"):
            reports_table = gr.Dataframe(headers=["rapport", "år", "period", "mål", "aktiviteter", "kopia av",
                                                  "täckning", "organisation", "fil"], interactive=False, wrap=True)
            refresh = gr.Button("Visa rapporter")
            with gr.Row():
                browse_year = gr.Dropdown([ALL, *years], value=ALL, label="År")
                browse_organisation = gr.Dropdown([ALL, *organisations], value=ALL, label="Organisation",
                                                  visible=len(organisations) > 1)
                goals_button = gr.Button("Visa mål")
                activities_button = gr.Button("Visa aktiviteter")
            goals_table = gr.Dataframe(headers=["id", "titel", "nivå", "bedömning", "år", "organisation"],
                                       interactive=False)
            activities_table = gr.Dataframe(headers=["id", "titel", "status", "slut", "enhet", "år", "organisation"],
                                            interactive=False)
            upload_organisation = gr.Textbox(value="", label="Organisation, om rapporten inte säger det (t.ex. Ånge kommun)")
            upload = gr.File(label=f"Ladda upp en ny rapport ({UPLOAD_NAMES}; högst 20 MB)",
                             file_types=list(UPLOAD_TYPES), type="filepath", elem_id="uppladdning")
            upload_button = gr.Button("Läs in rapporten", variant="primary", elem_id="las-in")
            upload_result = gr.HTML(elem_id="inlast")
            refresh.click(wrap(h.reports), None, reports_table, api_name="reports")
            goals_button.click(wrap(h.goals), [browse_year, browse_organisation], goals_table, api_name="goals")
            activities_button.click(wrap(h.activities), [browse_year, browse_organisation], activities_table,
                                    api_name="activities")
            upload_button.click(wrap(h.upload), [upload, upload_organisation], [upload_result, reports_table],
                                api_name="upload")
            demo.load(wrap(h.reports), None, reports_table, api_name=False)
        with gr.Tab("Utvärdering", id="utvardering"):
            report_markdown = gr.Markdown(h.evaluation())
            with gr.Row():
                for image in ("confusion_activity.png", "confusion_goal.png"):
                    if (h.evaluation_dir / image).exists():
                        gr.Image(str(h.evaluation_dir / image), label=image, interactive=False)
            gr.Button("Läs om rapporten").click(h.evaluation, None, report_markdown, api_name="evaluation")
    return demo


# The page is Swedish: screen readers, hyphenation and the browser's spelling follow <html lang>.
PAGE_LANGUAGE = "() => { document.documentElement.lang = 'sv'; }"


def launch(service: Service, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> gr.Blocks:
    """Build what is missing, then serve. Loopback unless the user asks for another address."""
    demo = build_app(service)
    demo.launch(server_name=host, server_port=port, show_error=True, max_file_size="20mb",
                prevent_thread_lock=not block, quiet=not block, js=PAGE_LANGUAGE)
    return demo


def serve(service: Service, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Bring the store and what is built from it up to date (cheap when nothing changed), then serve."""
    import sys

    print("Läser in korpusen och bygger det som saknas (första starten tar någon minut) …", file=sys.stderr,
          flush=True)
    ingested = service.ingest()
    changed = [r["source"] for r in ingested["reports"] if r["status"] != "unchanged"]
    print(f"Korpus: {len(ingested['reports'])} rapporter, {len(changed)} nya eller ändrade.", file=sys.stderr, flush=True)
    built = service.build()
    print(f"Sökindex: {built['total']} poster, {built['embedded']} nyss inbäddade.", file=sys.stderr, flush=True)
    service.assessor  # noqa: B018 - trained (or loaded) before the page opens
    launch(service, host, port)
