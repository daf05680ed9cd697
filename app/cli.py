"""`uppsikt`: one thin command per verb over app.service; --json prints exactly one JSON document."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import typer
from tqdm import tqdm

from app.service import Service
from corpus.model import UppsiktError

app = typer.Typer(help="uppsikt: sök, koppla och bedöm kommunal måluppföljning.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
corpus_app = typer.Typer(help="Bläddra i korpusen: rapporter, mål och aktiviteter.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
link_app = typer.Typer(help="Koppla mål och aktiviteter mellan år, besluta och exportera.", no_args_is_help=True)
app.add_typer(link_app, name="link")

F = TypeVar("F", bound=Callable[..., Any])
JSON_OPTION = typer.Option(False, "--json", help="Skriv ut resultatet som ett JSON-dokument.")


def fail(message: str) -> None:
    typer.echo(f"Fel: {message}", err=True)
    raise typer.Exit(1)


def handles_errors(func: F) -> F:
    """Known errors become one sentence on stderr and exit code 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UppsiktError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("Avbrutet.")
        return None

    return wrapper  # type: ignore[return-value]


def emit(data: Any, as_json: bool, render: Callable[[Any], str] | None = None) -> None:
    if as_json or render is None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(render(data))


def _service() -> Service:
    return Service()


@app.command()
@handles_errors
def ingest(
    paths: list[Path] = typer.Argument(None, help="Rapportfiler (.txt, .md, .pdf); standard: corpus/raw/*."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Läs in rapporter i databasen (samma fil två gånger ändrar inget; en trasig fil ändrar inget)."""
    service = _service()
    with tqdm(desc="Läser in", unit="fil", file=sys.stderr, disable=None) as bar:
        result = service.ingest(paths or None, progress=lambda name: (bar.set_postfix_str(name), bar.update(1)))
    emit(result, as_json, lambda r: "\n".join(
        [f"{x['source']}: {x['year']} {x['period'] or '-'} mål={x['goals']} aktiviteter={x['activities']} "
         f"täckning={x['coverage']:.1%} {x['status']}" + (f" (dubblett av {x['duplicate_of']})" if x["duplicate_of"] else "")
         for x in r["reports"]] + [f"varning: {w}" for w in r["warnings"]]))


@corpus_app.command("reports")
@handles_errors
def corpus_reports(as_json: bool = JSON_OPTION) -> None:
    """Lista rapporterna i databasen."""
    emit(_service().reports(), as_json, lambda rs: "\n".join(
        f"{r['source']}  {r['year']} {r['period'] or '-'}  {r['title']}" for r in rs))


@corpus_app.command("goals")
@handles_errors
def corpus_goals(year: int = typer.Option(None, "--year"), report: str = typer.Option(None, "--report"),
                 as_json: bool = JSON_OPTION) -> None:
    """Lista mål (top_level för fullmäktiges/styrelsens mål, parent_id för delmål)."""
    emit(_service().goals(year, report), as_json, lambda gs: "\n".join(
        f"{'' if g['top_level'] else '  '}{g['id']}: {g['title'][:90]}"
        + (f" [{g['assessment']}]" if g["assessment"] else "") for g in gs))


@corpus_app.command("activities")
@handles_errors
def corpus_activities(year: int = typer.Option(None, "--year"), report: str = typer.Option(None, "--report"),
                      as_json: bool = JSON_OPTION) -> None:
    """Lista aktiviteter med sina rapporterade versioner, nyaste först."""
    emit(_service().activities(year, report), as_json, lambda acts: "\n".join(
        f"{a['id']}: {a['title'][:80]} [{a['versions'][0]['status'] if a['versions'] else '-'}]" for a in acts))


@app.command()
@handles_errors
def build(as_json: bool = JSON_OPTION) -> None:
    """Bygg det som saknas: den anpassade modellen (om korpusens par ändrats) och FAISS-index (bara nya eller ändrade poster bäddas in)."""
    emit(_service().build(), as_json, lambda r: json.dumps(r, ensure_ascii=False))


def _render_search(result: dict[str, Any]) -> str:
    read_as = f" (läst som {result['interpreted_query']!r})" if result["interpreted_query"] != result["query"] else ""
    lines = [f"{result['query']!r}{read_as}: {len(result['hits'])} träffar på {result['took_ms']} ms"]
    for n, hit in enumerate(result["hits"], start=1):
        lines.append(f"{n:2}. [{hit['kind']} {hit['year']}] {hit['title'][:90]} ({hit['score']:.4f})")
    return "\n".join(lines)


@app.command()
@handles_errors
def search(
    query: str = typer.Argument(None, help="Vad du letar efter, med egna ord."),
    k: int = typer.Option(10, "--k", min=1, max=200),
    year: int = typer.Option(None, "--year"),
    kind: str = typer.Option("any", "--kind", help="activity, goal eller any"),
    report: str = typer.Option(None, "--report"),
    status: str = typer.Option(None, "--status"),
    unit: str = typer.Option(None, "--unit", help="Del av enhetens namn"),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, dense eller bm25"),
    batch: Path = typer.Option(None, "--batch", help="Fil med en fråga per rad"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sök mål och aktiviteter efter betydelse (semantiskt + lexikalt)."""
    service = _service()
    options = {"k": k, "year": year, "kind": kind, "report": report, "status": status, "unit": unit, "mode": mode}
    if batch is not None:
        try:
            queries = [q for q in batch.read_text(encoding="utf-8").splitlines() if q.strip()]
        except (OSError, UnicodeDecodeError) as exc:
            raise UppsiktError(f"Frågefilen {batch} kunde inte läsas ({exc}).") from exc
        results = service.search_batch(queries, **options)
        emit(results, as_json, lambda rs: "\n\n".join(_render_search(r) for r in rs))
        return
    if query is None:
        raise UppsiktError("Ange en sökfråga eller --batch FIL.")
    emit(service.search(query, **options), as_json, _render_search)


def _render_links(links: list[dict[str, Any]]) -> str:
    lines = []
    for link in links:
        flag = "  [ingen motsvarighet]" if link.get("no_match") else ""
        placed = "; ".join(g["title"][:60] for g in link.get("placed_under", []))
        lines.append(f"{link['title'][:80]}{flag}" + (f"  [i rapporten: {placed}]" if placed else ""))
        lines += [f"    {c['score']:.3f}  {c['title'][:80]}" + ("  [annan ort]" if c.get("other_place") else "")
                  for c in link["candidates"]]
    return "\n".join(lines)


KIND_HELP = "goal (mål → mål), activity (aktivitet → fortsättning) eller placement (aktivitet → mål)"


@link_app.command("goals")
@handles_errors
def link_goals(from_year: int = typer.Option(..., "--from-year"), to_year: int = typer.Option(..., "--to-year"),
               k: int = typer.Option(5, "--k", min=1, max=50), as_json: bool = JSON_OPTION) -> None:
    """För varje mål år A: rangordnade mål år B, med belägg och no_match där inget motsvarar."""
    emit(_service().link_goals(from_year, to_year, k), as_json, _render_links)


@link_app.command("activities")
@handles_errors
def link_activities(from_year: int = typer.Option(..., "--from-year"), to_year: int = typer.Option(..., "--to-year"),
                    k: int = typer.Option(5, "--k", min=1, max=50), as_json: bool = JSON_OPTION) -> None:
    """För varje aktivitet år A: troliga fortsättningar eller föregångare år B."""
    emit(_service().link_activities(from_year, to_year, k), as_json, _render_links)


@link_app.command("placement")
@handles_errors
def link_placement(from_year: int = typer.Option(..., "--from-year", help="Aktiviteternas år"),
                   to_year: int = typer.Option(..., "--to-year", help="Målens år (samma år går bra)"),
                   k: int = typer.Option(3, "--k", min=1, max=30), as_json: bool = JSON_OPTION) -> None:
    """För varje aktivitet år A: de mål år B den troligast tjänar, och var rapporterna placerar den."""
    emit(_service().link_placements(from_year, to_year, k), as_json, _render_links)


@link_app.command("decide")
@handles_errors
def link_decide(
    from_id: str = typer.Argument(..., help="Målet eller aktiviteten som kopplas"),
    decision: str = typer.Argument(..., help="accept, reject, choose eller no_match"),
    to_id: str = typer.Option(None, "--to", help="Målet/aktiviteten kopplingen går till"),
    kind: str = typer.Option("goal", "--kind", help=KIND_HELP),
    author: str = typer.Option(None, "--by", help="Ditt namn (valfritt)"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Spara ett beslut om en koppling (det senaste beslutet gäller)."""
    emit(_service().decide(kind, from_id, decision, to_id, author), as_json, lambda r: "Sparat.")


@link_app.command("remove-draft")
@handles_errors
def link_remove_draft(draft_id: str = typer.Argument(..., help="Utkastets id (ny-ÅÅÅÅ-…)"),
                      as_json: bool = JSON_OPTION) -> None:
    """Ta bort en ny aktivitet som sparats med suggest-goal --save, med besluten om den."""
    emit(_service().remove_drafted_activity(draft_id), as_json, lambda r: f"Tog bort {r['removed']}.")


@link_app.command("export")
@handles_errors
def link_export(
    out: Path = typer.Argument(..., help="CSV-fil att skriva"),
    from_year: int = typer.Option(..., "--from-year"), to_year: int = typer.Option(..., "--to-year"),
    kind: str = typer.Option("goal", "--kind", help=KIND_HELP), as_json: bool = JSON_OPTION,
) -> None:
    """Exportera kopplingarna (beslut, annars förslag) som CSV för Excel (UTF-8 med BOM, semikolon)."""
    emit(_service().export_mapping(kind, from_year, to_year, out), as_json, lambda r: f"Skrev {r['rows']} rader till {r['path']}.")


@app.command("suggest-goal")
@handles_errors
def suggest_goal(
    text: str = typer.Argument(None, help="Den nya aktivitetens text"),
    year: int = typer.Option(..., "--year"),
    k: int = typer.Option(3, "--k", min=1, max=30),
    activity: str = typer.Option(None, "--activity", help="En befintlig aktivitets id i stället för text"),
    save: bool = typer.Option(False, "--save", help="Spara texten som ny aktivitet under förslaget (eller --goal)"),
    goal: str = typer.Option(None, "--goal", help="Med --save: målet att placera den under i stället för förslaget"),
    author: str = typer.Option(None, "--by", help="Med --save: ditt namn (valfritt)"),
    as_json: bool = JSON_OPTION,
) -> None:
    """De mål år Y som en aktivitet troligast tjänar, med belägg; --save sparar en ny aktivitet under ett av dem."""
    service = _service()
    if save and activity:
        raise UppsiktError("--save gäller en ny aktivitets text; en befintlig aktivitet placeras med 'link decide'.")
    if goal and not save:
        raise UppsiktError("--goal gäller bara tillsammans med --save.")
    result = service.suggest_goal(text, year, k, activity)
    if save:
        result["saved"] = service.draft_activity(text, year, goal, author)
    emit(result, as_json, lambda r: "\n".join(
        [f"{c['score']:.3f}  {c['title'][:90]}" for c in r["candidates"]]
        + ([f"Sparad som {r['saved']['id']} under: {r['saved']['goal_title']}"] if "saved" in r else [])))


@app.command()
@handles_errors
def assess(
    text: str = typer.Argument(None, help="Kommentaren att bedöma."),
    kind: str = typer.Option("activity", "--kind", help="activity (status) eller goal (måluppfyllelse)"),
    entity: str = typer.Option(None, "--id", help="Bedöm en aktivitet eller ett mål i korpusen i stället"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Föreslå bedömningsnivå med sannolikheter, liknande fall och flaggor."""
    result = _service().assess(text or "", kind, entity)
    emit(result, as_json, lambda r: "\n".join(
        [f"Förslag: {r['label'] or 'inget (för svagt underlag)'}"]
        + [f"  {label}: {p:.0%}" for label, p in r["probabilities"].items()]
        + [f"  flagga: {f}" for f in r["flags"]]
        + [f"  liknande: [{e['label']}] {e['title'][:60]} ({e['score']:.2f})" for e in r["evidence"]]))


@app.command()
@handles_errors
def check(as_json: bool = JSON_OPTION) -> None:
    """Angivna nivåer som deras egen text motsäger, säkrast först."""
    emit(_service().check(), as_json, lambda rows: "\n".join(
        f"{r['probability']:.0%} [{r['kind']}] {r['title'][:60]}: {r['stated']} → {r['suggested']} ({r['reason']})"
        for r in rows) or "Inga motsägelser hittades.")


@app.command()
@handles_errors
def evaluate(as_json: bool = JSON_OPTION) -> None:
    """Mät allt mot de märkta rapporterna och skriv evaluation/REPORT.md."""
    emit(_service().evaluate(), True)


@app.command()
@handles_errors
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Adress; standard endast den egna datorn."),
          port: int = typer.Option(7860, "--port")) -> None:
    """Starta webbgränssnittet (Gradio)."""
    from app.ui import serve as serve_ui  # gradio loads only for this command

    typer.echo(f"Startar uppsikt på http://{host}:{port} …", err=True)
    serve_ui(_service(), host, port)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
