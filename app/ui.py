"""The Gradio app for staff, coordinators and reviewers; every event calls app.service, like the CLI."""

from __future__ import annotations

import html
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial, wraps
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # nothing leaves this machine
import gradio as gr  # noqa: E402

from app.exports import DECISION_NAMES, decimal, decimal_percent, history_line, local_time
from app.service import Service, placed_note
from corpus.documents import SUFFIXES
from corpus.model import UppsiktError
from corpus.text import ACTIVITY_STATUSES, label_space_for

UPLOAD_TYPES = SUFFIXES
UPLOAD_NAMES = "Word (.docx), Excel (.xlsx), PDF, HTML, Markdown eller text"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
RESULT_COLUMNS = ["titel", "mål", "status", "år", "likhet", "organisation"]
SEARCH_PAGE = 20  # hits per page; "visa fler" asks for as many more
KIND_CODES = {"aktivitet": "activity", "mål": "goal"}
KIND_NAMES = {code: name for name, code in KIND_CODES.items()}
ALL = "alla"
# Gradio tracks a handler's progress through a gr.Progress given as the default of one of its arguments.
TRACKED = gr.Progress()
MODEL_NOTE_SECONDS = 10  # how often the page asks whether the adapted model has arrived


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
               ("mål", "bästa förslag", "likhet", "ingen motsvarighet?", "beslut"),
               ("acceptera förslaget", "avvisa", "välj annat mål", "ingen motsvarighet"),
               "Annat mål (vid 'välj annat mål')", ("link_goals", "decide", "export"), True),
    MappingTab("activity", "Följ aktiviteter", "folj", "Aktiviteternas år", "Året de fortsätter (eller började) i",
               ("aktivitet", "trolig fortsättning", "likhet", "i rapporten", "beslut"),
               ("acceptera förslaget", "avvisa", "välj annan aktivitet", "ingen fortsättning"),
               "Annan aktivitet (vid 'välj annan aktivitet')",
               ("link_activities", "decide_activity", "export_activities"), False),
    MappingTab("placement", "Placera aktiviteter", "placera", "Aktiviteternas år", "Målens år",
               ("aktivitet", "föreslaget mål", "likhet", "i rapporten", "beslut"),
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


def _year(value: str | None) -> int | None:
    return int(value) if value and value != ALL else None


def _organisation(value: str | None) -> str | None:
    """A dropdown's organisation: None for every one (listings, search) or the store's only one (links)."""
    return value if value and value != ALL else None


def _with_decision(shown: Any, row_ids: list[str] | None, item: str, name: str) -> Any:
    """The table as shown, with the decision written into the decided item's row (`row_ids`: each row's item)."""
    rows = _rows(shown)
    for row, row_id in zip(rows, row_ids or [], strict=False):
        if row and row_id == item:
            row[-1] = name
    return rows


def _shown_rows(shown: Any, row_ids: list[str] | None) -> list[tuple[str, list[Any]]]:
    """The table's rows with the item each one is about (the ids are kept beside the table, not in it)."""
    return [(row_id, row) for row_id, row in zip(row_ids or [], _rows(shown), strict=False) if row]


def _errors_as_messages(func: Any) -> Any:
    """A service error becomes a red message in the page, not a stack trace."""

    # wraps: Gradio reads the handler's own signature (event data, progress trackers) through __wrapped__.
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UppsiktError as exc:
            raise gr.Error(str(exc), title="Fel", print_exception=False) from exc

    return wrapper


class Handlers:
    """The page's event handlers: thin adapters from widget values to service calls and back."""

    def __init__(self, service: Service) -> None:
        self.service = service

    # Sök
    def search(self, query: str, year: str, kind: str, status: str, unit: str, organisation: str | None = ALL,
               shown: int = SEARCH_PAGE) -> tuple[list[list[Any]], str, list[str], int, Any]:
        """The hits as a table (ids kept aside, in the order shown, for a click to open), their highlighted
        texts, and a "visa fler" that is offered while there may be more."""
        shown = max(int(shown or SEARCH_PAGE), SEARCH_PAGE)
        result = self.service.search(
            query, k=shown, year=_year(year), kind=KIND_CODES.get(kind, "any"),
            status=status if status and status != ALL else None, unit=unit if unit and unit != ALL else None,
            organisation=_organisation(organisation),
        )
        hits = result["hits"]
        rows = [[h["title"], "; ".join(h["goal_titles"]), h["status"] or "", h["year"], h["similarity"],
                 h["organisation"]] for h in hits]
        details = "".join(
            f"<details><summary>{html.escape(h['title'])}</summary><p>{_highlight(h['text'], h['matched_terms'])}</p>"
            "</details>" for h in hits[:10]
        )
        read_as = _read_as(result["query"], result["interpreted_query"])
        summary = (f"<p>{len(rows)} träffar på {decimal(result['took_ms'], 0)} ms. Klicka på en rad för hela texten. "
                   "<small>Likhet 0–100: hur nära frågan texten ligger enligt språkmodellen.</small></p>")
        more = gr.update(visible=len(hits) >= shown)
        return rows, summary + read_as + details, [h["id"] for h in hits], shown, more

    def more(self, query: str, year: str, kind: str, status: str, unit: str, organisation: str | None,
             shown: int) -> tuple[list[list[Any]], str, list[str], int, Any]:
        return self.search(query, year, kind, status, unit, organisation, int(shown or 0) + SEARCH_PAGE)

    @staticmethod
    def statuses_for(kind: str) -> Any:
        """The status filter's choices for the kind searched: activity statuses, goal levels, or both."""
        code = KIND_CODES.get(kind)
        choices = [ALL, *(label_space_for(code) if code else (*ACTIVITY_STATUSES, *label_space_for("goal")))]
        return gr.update(choices=choices, value=ALL)

    def show(self, entity_id: str, query: str) -> tuple[str, list[list[Any]]]:
        hit = self.service.entity(entity_id, query)
        kind = {"goal": "mål", "activity": "aktivitet"}[str(hit["kind"])]
        header = (f"<h3>{html.escape(hit['title'])}</h3><p><i>{kind}, {hit['year']}, "
                  f"{html.escape(hit['organisation'])}, {html.escape(hit['status'] or '')}</i></p>")
        similar = [[h["title"], KIND_NAMES[h["kind"]], h["year"], round(100 * h["score"])]
                   for h in self.service.similar(entity_id, 5)]
        return header + f"<p>{_highlight(hit['text'], hit['matched_terms'])}</p>", similar

    def open_hit(self, ids: list[str], query: str, evt: gr.SelectData) -> tuple[str, str, list[list[Any]]]:
        """One click on a hit's row opens it: its whole text and the texts most like it."""
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        if not ids or row >= len(ids):
            return "", "", []
        return ids[row], *self.show(ids[row], query)

    # Koppla mål, Följ aktiviteter, Placera aktiviteter: one set of handlers for the three kinds of mapping
    def links(self, kind: str, from_year: str, to_year: str, organisation: str | None = None,
              only_undecided: bool = False
              ) -> tuple[list[list[Any]], str, Any, str, dict[str, str], list[str], list[str]]:
        """The suggestions as a table (optionally only the undecided rows), their evidence, the items to decide
        on, how many are decided, and what the page showed: each item's first suggestion, every item, and the
        item of each row shown."""
        links = self.service.links(kind, int(from_year), int(to_year), k=3, organisation=_organisation(organisation))
        rows = []
        likeness = self.service.likeness([(link["id"], link["candidates"][0]["id"]) for link in links
                                          if link["candidates"]])
        alike = dict(zip([link["id"] for link in links if link["candidates"]], likeness, strict=True))
        for link in links:
            best = link["candidates"][0] if link["candidates"] else {"title": ""}
            rows.append([link["title"], best["title"], "" if alike.get(link["id"]) is None else alike[link["id"]],
                         _link_note(kind, link), self._decision_cell(link.get("decision"))])
        shown = [(link["id"], row) for link, row in zip(links, rows, strict=True) if not (only_undecided and row[-1])]
        shown_ids = {item for item, _ in shown}
        evidence = "".join(
            f"<details><summary>{html.escape(link['title'])}</summary><ul>"
            + "".join(f"<li>{html.escape(c['title'])} ({decimal(c['score'], 3)}){_candidate_evidence(c)}</li>"
                      for c in link["candidates"])
            + "</ul></details>" for link in links if link["id"] in shown_ids
        )
        choices = [(f"{link['title'][:70]}", link["id"]) for link in links if link["id"] in shown_ids]
        suggested = {link["id"]: link["candidates"][0]["id"] for link in links if link["candidates"]}
        items = [link["id"] for link in links]
        return ([row for _, row in shown], evidence,
                gr.update(choices=choices, value=choices[0][1] if choices else None),
                self._counter(sum(1 for r in rows if r[-1]), len(rows)), suggested, items, [i for i, _ in shown])

    def _decision_cell(self, decision: dict[str, Any] | None) -> str:
        """A stored decision as its row shows it; a chosen target named, since it is not the suggestion shown."""
        if not decision:
            return ""
        name = DECISION_NAMES[decision["decision"]]
        if decision["decision"] == "choose" and decision.get("to_title"):
            name += f": {decision['to_title'][:60]}"
        return name

    @staticmethod
    def _counter(decided: int, total: int) -> str:
        return f"**{decided} av {total} beslutade**" if total else ""

    def _decided_counter(self, kind: str, to_year: str, items: list[str] | None) -> str:
        decided = self.service.decisions(kind, int(to_year))
        return self._counter(sum(1 for item in items or [] if item in decided), len(items or []))

    def targets_for(self, kind: str, to_year: str, organisation: str | None = None) -> Any:
        organisation = self.service.one_organisation(_organisation(organisation))
        if kind == "activity":
            targets = [(a["title"][:80], a["id"]) for a in self.service.activities(int(to_year), None, organisation)]
        else:
            targets = self._top_goal_choices(to_year, organisation)
        return gr.update(choices=targets, value=None)

    def decide(self, kind: str, from_id: str, decision: str, to_id: str | None, author: str, to_year: str,
               shown: Any = None, suggested: dict[str, str] | None = None, items: list[str] | None = None,
               row_ids: list[str] | None = None) -> tuple[str, Any, str, str]:
        """Store the decision on the suggestion the page showed (`suggested`: item → its first suggestion) and
        show it in its row of the table as shown; the other rows stay as they were."""
        if not from_id:
            raise UppsiktError("Välj en rad att besluta om; tryck först på Föreslå kopplingar.")
        code = DECISION_CODES.get(decision, decision)
        if code == "remove":
            self.service.remove_drafted_activity(from_id)
            return ("Den nya aktiviteten togs bort.", _with_decision(shown, row_ids, from_id, "borttagen"),
                    self._decided_counter(kind, to_year, [i for i in items or [] if i != from_id]), "")
        saved = self.service.decide_on_suggestion(kind, from_id, code, int(to_year), to_id,
                                                  (suggested or {}).get(from_id), author or None)
        name = self._decision_cell(saved)
        return (f"Sparat: {name} ({local_time(saved['decided_at'])}).", _with_decision(shown, row_ids, from_id, name),
                self._decided_counter(kind, to_year, items), self.history(kind, from_id))

    def undo(self, kind: str, from_id: str, author: str, to_year: str, shown: Any = None,
             items: list[str] | None = None, row_ids: list[str] | None = None) -> tuple[str, Any, str, str]:
        """Withdraw the selected row's decision; the row then shows the decision before it, or none."""
        if not from_id:
            raise UppsiktError("Välj raden vars beslut ska ångras.")
        result = self.service.undo_decision(kind, from_id, author or None, int(to_year))
        now = self._decision_cell(result["decision"])
        message = (f"Ångrat: {self._decision_cell(result['undone'])}. "
                   f"{'Nu gäller: ' + now if now else 'Raden är nu obeslutad'}.")
        return (message, _with_decision(shown, row_ids, from_id, now), self._decided_counter(kind, to_year, items),
                self.history(kind, from_id))

    def history(self, kind: str, from_id: str | None) -> str:
        """The selected row's decisions, oldest first, as the person reads them."""
        if not from_id:
            return ""
        entries = self.service.decision_history(kind, from_id)
        if not entries:
            return "<p>Inga beslut ännu om den valda raden.</p>"
        return "<p>Historik:</p><ul>" + "".join(f"<li>{html.escape(history_line(e))}</li>" for e in entries) + "</ul>"

    def accept_shown(self, kind: str, from_year: str, to_year: str, organisation: str | None, author: str,
                     shown: Any = None, suggested: dict[str, str] | None = None,
                     items: list[str] | None = None, row_ids: list[str] | None = None) -> tuple[str, Any, str]:
        """Accept the suggestion of every undecided row as the table shows it; a row whose suggestion is "no
        counterpart" is left for the person."""
        rows = _shown_rows(shown, row_ids)
        if not rows:
            raise UppsiktError("Tryck först på Föreslå kopplingar.")
        offered = {item: (suggested or {})[item] for item, r in rows
                   if not r[-1] and item in (suggested or {}) and not (kind == "goal" and str(r[3]) == "ja")}
        result = self.service.accept_suggestions(kind, int(from_year), int(to_year), offered,
                                                 _organisation(organisation), author or None)
        name = DECISION_NAMES["accept"]
        table = shown
        for item in result["accepted"]:
            table = _with_decision(table, row_ids, item, name)
        left = sum(1 for r in _rows(table) if not r[-1])
        message = (f"Accepterade {len(result['accepted'])} förslag."
                   + (f" {left} rader är kvar att besluta en och en." if left else ""))
        return message, table, self._decided_counter(kind, to_year, items)

    @staticmethod
    def default_decision(spec_decisions: list[str], item: str | None, shown: Any,
                         row_ids: list[str] | None = None) -> Any:
        """The decision preselected for an item: 'no counterpart' where the row says there is none."""
        row = next((r for row_id, r in _shown_rows(shown, row_ids) if row_id == item), None)
        no_match = row is not None and str(row[3]) == "ja"
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

    def followup_draft(self, organisation: str | None, year: str, progress: gr.Progress = TRACKED) -> str:
        organisation = self.service.one_organisation(_organisation(organisation))
        path = Path(tempfile.mkdtemp(prefix="uppsikt-")) / f"uppfoljning_{year}.docx"
        progress(0.0, desc="Bedömer målen och aktiviteterna")
        self.service.followup_draft(path, organisation, int(year) if year else None,
                                    lambda share, what: progress(share, desc=what))
        return str(path)

    def goal_page(self, goal_id: str | None) -> str:
        from app.views import render

        if not goal_id:
            return ""
        return render("goal.html.j2", goal=self.service.goal_page(goal_id))

    # Föreslå mål
    def suggest(self, text: str, year: str, organisation: str | None = None) -> tuple[list[list[Any]], list[str]]:
        """The goals the activity would serve, best first (titles in the table, their ids beside it)."""
        result = self.service.suggest_goal(text, int(year), k=5, organisation=_organisation(organisation))
        return ([[c["title"], decimal(c["score"], 2), "; ".join(c["examples"])] for c in result["candidates"]],
                [c["id"] for c in result["candidates"]])

    def goals_to_place_under(self, text: str, suggested: list[str], year: str,
                             organisation: str | None = None) -> Any:
        """The year's goals to choose from, the top row of the suggestions just shown chosen (not computed
        again); nothing to choose without a text."""
        best = (suggested or [None])[0] if (text or "").strip() else None
        organisation = self.service.one_organisation(_organisation(organisation))
        return gr.update(choices=self._top_goal_choices(year, organisation) if best else [], value=best)

    def _top_goal_choices(self, year: str, organisation: str | None = None) -> list[tuple[str, str]]:
        return [(g["title"][:80], g["id"]) for g in self.service.goals(int(year), None, organisation) if g["top_level"]]

    def save_drafted(self, text: str, year: str, goal_id: str | None, author: str,
                     organisation: str | None = None) -> str:
        saved = self.service.draft_activity(text, int(year), goal_id or None, author or None,
                                            _organisation(organisation))
        return (f"Sparad under: {saved['goal_title']} ({DECISION_NAMES[saved['decision']['decision']]}). Den finns nu i "
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

    def entity_text(self, kind: str, entity_id: str | None) -> tuple[Any, str, Any]:
        """A text picked from the corpus replaces what was pasted, so the page shows the text it assesses; the
        proposal of the text before is cleared, and the level field too."""
        if not entity_id:
            return gr.update(), "", gr.update(value=None)
        code = "goal" if kind == "mål" else "activity"
        text = next((e["text"] for e in self.service.assessable(code) if e["id"] == entity_id), "")
        return text, "", gr.update(value=None)

    def feedback(self, text: str, kind: str, entity_id: str | None, label: str | None, author: str) -> str:
        if not label:
            raise UppsiktError("Välj rätt nivå innan du sparar.")
        code = "goal" if kind == "mål" else "activity"
        if not (text or "").strip() and entity_id:
            text = next((e["text"] for e in self.service.assessable(code) if e["id"] == entity_id), "")
        self.service.record_feedback(code, text or "", label, entity_id or None, author=author or None)
        return f"Sparat: {label}. Nästa träning av förslagen använder bedömningen."

    def check(self) -> list[list[Any]]:
        titles = {r["source"]: r["title"] for r in self.service.reports()}
        return [[KIND_NAMES[c["kind"]], c["title"], titles.get(c["report"], c["report"]), c["stated"], c["suggested"],
                 percent(c["probability"]), c["reason"]] for c in self.service.check()]

    # Korpus
    def reports(self) -> list[list[Any]]:
        """Reports by their titles (a copy names the report it copies); the file name last, for reference."""
        reports = self.service.reports()
        titles = {r["source"]: r["title"] for r in reports}
        return [[r["title"], r["year"], r["period"] or "", r["goals"], r["activities"],
                 titles.get(r["duplicate_of"], r["duplicate_of"]) or "", decimal_percent(r["coverage"]),
                 r["organisation"], r["source"]] for r in reports]

    def goals(self, year: str, organisation: str | None = ALL) -> list[list[Any]]:
        return [[g["title"], "mål" if g["top_level"] else "delmål", g["assessment"] or "", g["year"],
                 g["organisation"]] for g in self.service.goals(_year(year), None, _organisation(organisation))]

    def activities(self, year: str, organisation: str | None = ALL) -> list[list[Any]]:
        return [[a["title"], a["versions"][0]["status"] if a["versions"] else "", a["end"] or "",
                 ", ".join(a["units"]), a["year"], a["organisation"]]
                for a in self.service.activities(_year(year), None, _organisation(organisation))]

    def upload(self, file: str | None, organisation: str | None = None,
               progress: gr.Progress = TRACKED) -> tuple[str, list[list[Any]]]:
        if not file:
            raise UppsiktError("Välj en fil att ladda upp.")
        path = Path(file)
        if path.suffix.lower() not in UPLOAD_TYPES:
            raise UppsiktError(f"Filtypen {path.suffix or '(ingen)'} tas inte emot; ladda upp {UPLOAD_NAMES}.")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise UppsiktError("Filen är större än 20 MB och tas inte emot.")
        progress(0.05, desc="Läser och tolkar rapporten")
        result = self.service.ingest([path], organisation=(organisation or "").strip() or None)
        progress(0.4, desc="Bäddar in de nya posterna och bygger om sökindexet")
        built = self.service.build(refresh=False)  # the adapted model is retrained in the background
        progress(0.9, desc="Anpassar modellen (i bakgrunden)")
        adapting = self.service.adapt_in_background() is not None
        progress(1.0, desc="Klart")
        report = result["reports"][0]
        status = {"ingested": "inläst", "unchanged": "redan inläst, oförändrad"}.get(report["status"], report["status"])
        message = (f"{html.escape(report['title'])} ({html.escape(report['organisation'])}, {report['year']}): "
                   f"{report['goals']} mål, {report['activities']} aktiviteter, täckning "
                   f"{decimal_percent(report['coverage'])} ({status}); {built['embedded']} poster bäddades in och "
                   "är sökbara nu.")
        if report["duplicate_of"]:
            titles = {r["source"]: r["title"] for r in self.service.reports()}
            message += (f" Rapporten är en kopia av {html.escape(titles.get(report['duplicate_of'], report['duplicate_of']))}"
                        ", som redan finns i korpusen.")
        if adapting:
            message += " Modellen anpassas till de nya texterna i bakgrunden och tas i bruk när den är klar."
        warnings = "".join(f"<li>{html.escape(w)}</li>" for w in result["warnings"][:20])
        return f"<p>{message}</p><ul>{warnings}</ul>", self.reports()

    # The model serving now: the base one while the adapted one trains in the background, then the adapted one.
    def model_note(self) -> str:
        return {"adapting": "*Den anpassade modellen tränas i bakgrunden (några minuter); till dess används "
                            "grundmodellen, eller den förra anpassningen.*",
                "failed": "*Den anpassade modellen kunde inte tränas; den förra modellen används.*"}.get(
            self.service.adaptation, "")

    def model_note_update(self) -> tuple[str, Any]:
        """The note as the timer finds it: it ticks only in a page that saw the training, which hears it ended."""
        adapting = self.service.adaptation == "adapting"
        return self.model_note() or "*Den anpassade modellen används nu.*", gr.Timer(active=adapting)

    # Utvärdering: the figures `uppsikt evaluate` measured on the store this app serves (beside its artefacts).
    @property
    def evaluation_dir(self) -> Path:
        return self.service.paths.artifacts / "evaluation"

    def evaluation(self) -> str:
        """What `uppsikt evaluate` measured on this store, in plain Swedish (the developer report stays in
        REPORT.md)."""
        import json

        from app.views import measured, render

        path = self.evaluation_dir / "figures.json"
        figures = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        stamp = local_time(datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).isoformat()) \
            if path.exists() else ""
        return render("evaluation.html.j2", rows=measured(figures), measured_at=stamp)

    def measure(self, progress: gr.Progress = TRACKED) -> str:
        """Run the evaluation on this store now (minutes) and show what it found."""
        progress(0.05, desc="Mäter sökning, kopplingar och bedömningar (några minuter)")
        self.service.evaluate(output=self.evaluation_dir)
        progress(1.0, desc="Klart")
        return self.evaluation()


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
        with gr.Row():
            counter = gr.Markdown(elem_id=f"{spec.tab_id}-raknare")
            only_undecided = gr.Checkbox(value=False, label="Visa bara ej beslutade")
        links = gr.Dataframe(headers=list(spec.headers), interactive=False, elem_id=f"{spec.tab_id}-tabell", wrap=True,
                             column_widths=["32%", "36%", "7%", "12%", "13%"])
        gr.Markdown("<small>Likhet 0–100: hur lika texterna är enligt språkmodellen, samma skala som i Sök. "
                    "Förslagen rangordnas av mer än likheten (delmål, aktiviteter, orter), så ett förslag med "
                    "lägre likhet kan stå först; skälen står under formuläret.</small>")
        with gr.Row():
            # Custom values: an API caller names ids without first asking for the choices (the service checks them).
            item = gr.Dropdown([], label="Att besluta om", allow_custom_value=True, elem_id=f"{spec.tab_id}-rad")
            decision = gr.Radio(list(spec.decisions), value=spec.decisions[0], label="Beslut",
                                elem_id=f"{spec.tab_id}-beslut")
            other = gr.Dropdown([], label=spec.other_label, allow_custom_value=True)
            author = gr.Textbox(label="Ditt namn (valfritt)")
        with gr.Row():
            decide_button = gr.Button("Spara beslut", variant="primary", elem_id=f"{spec.tab_id}-spara")
            undo_button = gr.Button("Ångra radens beslut", elem_id=f"{spec.tab_id}-angra")
            accept_button = gr.Button("Acceptera alla obeslutade förslag i tabellen", elem_id=f"{spec.tab_id}-alla")
        decided = gr.Markdown(elem_id=f"{spec.tab_id}-sparat")
        history = gr.HTML(elem_id=f"{spec.tab_id}-historik")
        evidence = gr.HTML()  # below the form: the decision stays in view, the reasons open on demand
        with gr.Row():
            export_button = gr.Button("Exportera CSV")
            excel_button = gr.Button("Exportera Excel (för nämnden)")
        exported = gr.File(label="Kopplingar (CSV för skript, Excel för nämnden)")
        link_api, decide_api, export_api = spec.api
        suggested = gr.State({})  # item → the first suggestion shown, what 'acceptera' and 'avvisa' are about
        items = gr.State([])  # every item of the suggestions shown, for the count of those decided
        row_ids = gr.State([])  # the item of each row of the table, in its order (ids stay out of the table)
        link_button.click(wrap(h.links), [kind, from_year, to_year, organisation, only_undecided],
                          [links, evidence, item, counter, suggested, items, row_ids], api_name=link_api)
        only_undecided.change(wrap(h.links), [kind, from_year, to_year, organisation, only_undecided],
                              [links, evidence, item, counter, suggested, items, row_ids], api_name=False)
        link_button.click(wrap(h.targets_for), [kind, to_year, organisation], other, api_name=False)
        decide_button.click(wrap(h.decide), [kind, item, decision, other, author, to_year, links, suggested, items, row_ids],
                            [decided, links, counter, history], api_name=decide_api)
        undo_button.click(wrap(h.undo), [kind, item, author, to_year, links, items, row_ids], [decided, links, counter, history],
                          api_name=f"undo_{spec.kind}")
        accept_button.click(wrap(h.accept_shown), [kind, from_year, to_year, organisation, author, links, suggested,
                                                   items, row_ids], [decided, links, counter], api_name=f"accept_all_{spec.kind}")
        item.change(partial(h.default_decision, list(spec.decisions)), [item, links, row_ids], decision, api_name=False)
        item.change(wrap(h.history), [kind, item], history, api_name=False)
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
        model_note = gr.Markdown(h.model_note(), elem_id="modell")
        model_timer = gr.Timer(MODEL_NOTE_SECONDS, active=service.adaptation == "adapting")
        model_timer.tick(h.model_note_update, None, [model_note, model_timer], api_name=False)
        with gr.Tab("Översikt", id="oversikt"):
            with gr.Row():
                overview_organisation = gr.Dropdown(organisations, value=organisations[0] if organisations else None,
                                                    label="Organisation", visible=len(organisations) > 1)
                overview_year = gr.Dropdown(years, value=newest, label="År")
                with_flags = gr.Checkbox(value=False, label="Visa motsägelser (tar några sekunder)")
                overview_button = gr.Button("Visa målträdet", variant="primary", elem_id="oversikt-knapp")
            with gr.Row():
                draft_button = gr.Button("Skapa uppföljningsutkast för nämnden (Word)", elem_id="utkast-knapp")
                draft_file = gr.File(label="Utkast (Word)", elem_id="utkast")
            tree = gr.HTML(elem_id="maltrad")
            goal_choice = gr.Dropdown([], label="Öppna ett mål", elem_id="valt-mal")
            goal_view = gr.HTML(elem_id="malsida")
            overview_button.click(wrap(h.overview), [overview_organisation, overview_year, with_flags],
                                  [tree, goal_choice], api_name="overview")
            goal_choice.change(wrap(h.goal_page), [goal_choice], goal_view, api_name="goal_page")
            draft_button.click(wrap(h.followup_draft), [overview_organisation, overview_year], draft_file,
                               api_name="followup_draft")
        with gr.Tab("Sök", id="sok"):
            query = gr.Textbox(label="Vad letar du efter?", placeholder="t.ex. hjälp för den som länge stått utan jobb")
            with gr.Row():
                year = gr.Dropdown(["alla", *years], value="alla", label="År")
                kind = gr.Dropdown(["alla", "aktivitet", "mål"], value="alla", label="Typ")
                status = gr.Dropdown([ALL, *ACTIVITY_STATUSES, *label_space_for("goal")], value=ALL, label="Status")
                unit = gr.Dropdown([ALL, *service.units()], value=ALL, label="Enhet", allow_custom_value=True)
                search_organisation = gr.Dropdown([ALL, *organisations], value=ALL, label="Organisation",
                                                  visible=len(organisations) > 1)
            search_button = gr.Button("Sök", variant="primary", elem_id="sok-knapp")
            table = gr.Dataframe(headers=RESULT_COLUMNS, label="Träffar", interactive=False, elem_id="traffar",
                                 wrap=True, column_widths=["34%", "30%", "13%", "6%", "7%", "10%"])
            more_button = gr.Button("Visa fler träffar", visible=False, elem_id="visa-fler")
            details = gr.HTML()
            chosen = gr.Textbox(label="Vald träff (id)", elem_id="vald-traff", visible=False)
            full_text = gr.HTML(elem_id="hel-text")
            similar = gr.Dataframe(headers=["titel", "typ", "år", "likhet"], label="Liknande", interactive=False,
                                   wrap=True, column_widths=["70%", "12%", "8%", "10%"])
            hit_ids = gr.State([])  # the ids of the rows shown, for a click to open its hit
            shown_hits = gr.State(SEARCH_PAGE)
            inputs = [query, year, kind, status, unit, search_organisation]
            outputs = [table, details, hit_ids, shown_hits, more_button]
            search_button.click(wrap(h.search), inputs, outputs, api_name="search")
            query.submit(wrap(h.search), inputs, outputs, api_name=False)
            more_button.click(wrap(h.more), [*inputs, shown_hits], outputs, api_name=False)
            kind.change(h.statuses_for, [kind], status, api_name=False)
            table.select(wrap(h.open_hit), [hit_ids, query], [chosen, full_text, similar], api_name=False)
            # The API opens a hit by its id, as the CLI's `search` answers them.
            show_button = gr.Button("Visa hela texten och liknande", visible=False)
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
            suggestions = gr.Dataframe(headers=["mål", "poäng", "liknande aktiviteter under målet"],
                                       interactive=False, wrap=True, column_widths=["45%", "8%", "47%"])
            suggested_goals = gr.State([])  # the ids of the goals shown, best first
            with gr.Row():
                # Custom values: an API caller names a goal id without first asking for the choices.
                place_under = gr.Dropdown([], label="Placera under (förslaget är förvalt)", allow_custom_value=True)
                drafter = gr.Textbox(label="Ditt namn (valfritt)")
            save_button = gr.Button("Spara som ny aktivitet", elem_id="spara-ny")
            drafted = gr.Markdown(elem_id="sparad-ny")
            suggest_button.click(wrap(h.suggest), [activity_text, suggest_year, suggest_organisation],
                                 [suggestions, suggested_goals], api_name="suggest_goal"
                                 ).then(wrap(h.goals_to_place_under),
                                        [activity_text, suggested_goals, suggest_year, suggest_organisation],
                                        place_under, api_name=False)
            save_button.click(wrap(h.save_drafted),
                              [activity_text, suggest_year, place_under, drafter, suggest_organisation], drafted,
                              api_name="save_activity")
        with gr.Tab("Bedömningsstöd", id="bedom"):
            with gr.Row():
                assess_kind = gr.Radio(["aktivitet", "mål"], value="aktivitet", label="Vad bedöms?")
                # Custom values: an API caller names an id without first asking for the choices.
                entity = gr.Dropdown([("(klistrad text)", "")], value="", label="…eller välj ur korpusen",
                                     allow_custom_value=True, elem_id="bedom-post")
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
            entity.change(wrap(h.entity_text), [assess_kind, entity], [comment, proposal, level], api_name=False)
            demo.load(wrap(h.entities_for), [assess_kind], [entity, level], api_name=False)  # the corpus to pick from
            assess_button.click(wrap(h.assess), [comment, assess_kind, entity], [probabilities, proposal, cases, level],
                                api_name="assess")
            feedback_button.click(wrap(h.feedback), [comment, assess_kind, entity, level, reviewer], saved,
                                  api_name="feedback")
            check_button.click(wrap(h.check), None, contradictions, api_name="check")
        with gr.Tab("Korpus", id="korpus"):
            reports_table = gr.Dataframe(headers=["rapport", "år", "period", "mål", "aktiviteter", "kopia av",
                                                  "täckning", "organisation", "fil"], interactive=False, wrap=True,
                                       column_widths=["27%", "5%", "6%", "5%", "9%", "19%", "8%", "10%", "11%"])
            refresh = gr.Button("Visa rapporter")
            with gr.Row():
                browse_year = gr.Dropdown([ALL, *years], value=ALL, label="År")
                browse_organisation = gr.Dropdown([ALL, *organisations], value=ALL, label="Organisation",
                                                  visible=len(organisations) > 1)
                goals_button = gr.Button("Visa mål")
                activities_button = gr.Button("Visa aktiviteter")
            goals_table = gr.Dataframe(headers=["titel", "nivå", "bedömning", "år", "organisation"],
                                       interactive=False, wrap=True, column_widths=["52%", "9%", "17%", "7%", "15%"])
            activities_table = gr.Dataframe(headers=["titel", "status", "slut", "enhet", "år", "organisation"],
                                            interactive=False, wrap=True,
                                            column_widths=["36%", "16%", "10%", "20%", "6%", "12%"])
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
            measured_view = gr.HTML(h.evaluation(), elem_id="utvardering-sammanfattning")
            with gr.Row():
                images = {"confusion_activity.png": "Förväxlingar: aktiviteternas status (rad: rätt, kolumn: förslag)",
                          "confusion_goal.png": "Förväxlingar: målens uppfyllelse (rad: rätt, kolumn: förslag)"}
                for image, caption in images.items():
                    if (h.evaluation_dir / image).exists():
                        gr.Image(str(h.evaluation_dir / image), label=caption, interactive=False)
            with gr.Row():
                gr.Button("Läs om mätningarna").click(h.evaluation, None, measured_view, api_name="evaluation")
                gr.Button("Mät nu (några minuter)").click(wrap(h.measure), None, measured_view, api_name="measure")
    return demo


# The page is Swedish: screen readers, hyphenation and the browser's spelling follow <html lang>. Gradio 6.31
# titles its message boxes in English whatever gr.Error's title says; their titles are put in Swedish as they appear.
PAGE_SCRIPT = """() => {
  document.documentElement.lang = 'sv';
  const swedish = {Error: 'Fel', Warning: 'Varning', Info: 'Information'};
  new MutationObserver(() => {
    document.querySelectorAll('.toast-title').forEach((title) => title.childNodes.forEach((node) => {
      const word = node.nodeType === Node.TEXT_NODE ? node.textContent.trim() : '';
      if (swedish[word]) node.textContent = swedish[word] + ' ';
    }));
  }).observe(document.body, {childList: true, subtree: true});
}"""
# The footer's links that Gradio translates ("Använd via API", "Inställningar"); its run history has no Swedish.
FOOTER_LINKS: list[str] = ["api", "settings"]
# Tables of titles and sentences read as prose: the page's own font, not Gradio's monospace for data.
PAGE_CSS = "[role=grid] th, [role=grid] td, [role=grid] [role=gridcell] { font-family: var(--font) !important; }"


def launch(service: Service, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> gr.Blocks:
    """Build what is missing, then serve. Loopback unless the user asks for another address."""
    demo = build_app(service)
    demo.launch(server_name=host, server_port=port, show_error=True, max_file_size="20mb",
                prevent_thread_lock=not block, quiet=not block, js=PAGE_SCRIPT,
                footer_links=FOOTER_LINKS, css=PAGE_CSS)
    return demo


def serve(service: Service, host: str = "127.0.0.1", port: int = 7860, gold_dir: Path | None = None) -> None:
    """Bring the store and what is built from it up to date (cheap when nothing changed), open the page, and only
    then train the adapted model in the background where it is due."""
    import sys
    import threading

    print("Läser in korpusen och bygger det som saknas …", file=sys.stderr, flush=True)
    ingested = service.ingest()
    changed = [r["source"] for r in ingested["reports"] if r["status"] != "unchanged"]
    print(f"Korpus: {len(ingested['reports'])} rapporter, {len(changed)} nya eller ändrade.", file=sys.stderr, flush=True)
    page_open = threading.Event()
    adapting = service.adapt_in_background(gold_dir, begin=page_open) is not None
    built = service.build(refresh=False)
    print(f"Sökindex: {built['total']} poster, {built['embedded']} nyss inbäddade.", file=sys.stderr, flush=True)
    service.assessor  # noqa: B018 - trained (or loaded) before the page opens
    demo = launch(service, host, port, block=False)
    print(f"uppsikt svarar på http://{host}:{port}/", file=sys.stderr, flush=True)
    if adapting:
        print("Den anpassade modellen tränas nu i bakgrunden (några minuter) och tas i bruk när den är klar.",
              file=sys.stderr, flush=True)
    page_open.set()
    demo.block_thread()
