"""`uppsikt`: one thin command per verb over app.service; --json prints exactly one JSON document."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import typer

from corpus.model import UppsiktError

if TYPE_CHECKING:  # the service (and through it torch and spaCy) loads only when a command runs
    from app.service import Service

app = typer.Typer(help="uppsikt: sök, koppla och bedöm kommunal måluppföljning.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
corpus_app = typer.Typer(help="Bläddra i korpusen: rapporter, mål och aktiviteter.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")
link_app = typer.Typer(help="Koppla mål och aktiviteter mellan år, besluta och exportera.", no_args_is_help=True)
app.add_typer(link_app, name="link")

F = TypeVar("F", bound=Callable[..., Any])
JSON_OPTION = typer.Option(False, "--json", help="Skriv ut resultatet som ett JSON-dokument.")
ORG_HELP = "Kommunen eller regionen (t.ex. 'Ånge kommun')"
ORG_OPTION = typer.Option(None, "--org", help=f"{ORG_HELP}; standard: alla.")
ONE_ORG_OPTION = typer.Option(None, "--org", help=f"{ORG_HELP}; standard: den enda i databasen.")
# Where a command's one JSON document goes: the real stdout, while everything else the libraries print goes to
# stderr (handles_errors swaps them for the command's run).
_json_out: IO[str] | None = None


def fail(message: str) -> None:
    typer.echo(f"Fel: {message}", err=True)
    raise typer.Exit(1)


@contextmanager
def _stdout_kept_for_json() -> Iterator[None]:
    """While a command runs, whatever the libraries print on stdout (trainers' loss dicts, C engines' notes) goes
    to stderr; emit() alone writes to the real stdout, so stdout holds exactly one JSON document."""
    global _json_out
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        fd = -1  # a test runner's captured stdout: swapping the Python object is enough
    saved_object = sys.stdout
    saved_fd = os.dup(fd) if fd >= 0 else -1
    if fd >= 0:
        os.dup2(sys.stderr.fileno(), fd)
    _json_out = os.fdopen(os.dup(saved_fd), "w", encoding="utf-8") if saved_fd >= 0 else saved_object
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = saved_object
        if saved_fd >= 0:
            _json_out.flush()
            _json_out.close()
            os.dup2(saved_fd, fd)
            os.close(saved_fd)
        _json_out = None


def handles_errors(func: F) -> F:
    """Known errors become one sentence on stderr and exit code 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _stdout_kept_for_json():
                return func(*args, **kwargs)
        except UppsiktError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("Avbrutet.")
        return None

    return wrapper  # type: ignore[return-value]


def emit(data: Any, as_json: bool, render: Callable[[Any], str] | None = None) -> None:
    out = _json_out or sys.stdout
    text = json.dumps(data, ensure_ascii=False, indent=2) if as_json or render is None else render(data)
    out.write(text + "\n")
    out.flush()


def _service() -> Service:
    from app.service import Service

    return Service()


def _progress_bar(description: str, unit: str) -> Any:
    from tqdm import tqdm

    return tqdm(desc=description, unit=unit, file=sys.stderr, disable=None)


@app.command()
@handles_errors
def ingest(
    paths: list[Path] = typer.Argument(None, help="Rapportfiler (.txt, .md, .html, .pdf, .docx, .xlsx); standard: corpus/raw/*."),
    org: str = typer.Option(None, "--org", help=f"{ORG_HELP}, där rapporten inte säger det"),
    year: int = typer.Option(None, "--year", min=1990, max=2100, help="Året, där rapporten inte säger det"),
    period: str = typer.Option(None, "--period", help="T1, T2 eller T3, där rapporten inte säger det"),
    as_json: bool = JSON_OPTION,
) -> None:
    """Läs in rapporter i databasen (samma fil två gånger ändrar inget; en trasig fil ändrar inget)."""
    service = _service()
    with _progress_bar("Läser in", "fil") as bar:
        result = service.ingest(paths or None, progress=lambda name: (bar.set_postfix_str(name), bar.update(1)),
                                organisation=org, year=year, period=period)
    emit(result, as_json, lambda r: "\n".join(
        [f"{x['source']}: {x['organisation']} {x['year']} {x['period'] or '-'} mål={x['goals']} "
         f"aktiviteter={x['activities']} "
         f"täckning={x['coverage']:.1%} {x['status']}" + (f" (dubblett av {x['duplicate_of']})" if x["duplicate_of"] else "")
         for x in r["reports"]] + [f"varning: {w}" for w in r["warnings"]]))


@corpus_app.command("reports")
@handles_errors
def corpus_reports(org: str = ORG_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Lista rapporterna i databasen."""
    emit(_service().reports(org), as_json, lambda rs: "\n".join(
        f"{r['source']}  {r['organisation']}  {r['year']} {r['period'] or '-'}  {r['title']}" for r in rs))


@corpus_app.command("goals")
@handles_errors
def corpus_goals(year: int = typer.Option(None, "--year"), report: str = typer.Option(None, "--report"),
                 org: str = ORG_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Lista mål (top_level för fullmäktiges/styrelsens mål, parent_id för delmål)."""
    emit(_service().goals(year, report, org), as_json, lambda gs: "\n".join(
        f"{'' if g['top_level'] else '  '}{g['id']}: {g['title'][:90]}"
        + (f" [{g['assessment']}]" if g["assessment"] else "") for g in gs))


@corpus_app.command("activities")
@handles_errors
def corpus_activities(year: int = typer.Option(None, "--year"), report: str = typer.Option(None, "--report"),
                      org: str = ORG_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Lista aktiviteter med sina rapporterade versioner, nyaste först."""
    emit(_service().activities(year, report, org), as_json, lambda acts: "\n".join(
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
        lines.append(f"{n:2}. [{hit['kind']} {hit['organisation']} {hit['year']}] {hit['title'][:90]} "
                     f"({hit['score']:.4f})")
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
    org: str = ORG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Sök mål och aktiviteter efter betydelse (semantiskt + lexikalt), i alla organisationer eller en."""
    service = _service()
    options = {"k": k, "year": year, "kind": kind, "report": report, "status": status, "unit": unit, "mode": mode,
               "organisation": org}
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
               k: int = typer.Option(5, "--k", min=1, max=50), org: str = ONE_ORG_OPTION,
               as_json: bool = JSON_OPTION) -> None:
    """För varje mål år A: rangordnade mål år B, med belägg och no_match där inget motsvarar."""
    emit(_service().link_goals(from_year, to_year, k, org), as_json, _render_links)


@link_app.command("activities")
@handles_errors
def link_activities(from_year: int = typer.Option(..., "--from-year"), to_year: int = typer.Option(..., "--to-year"),
                    k: int = typer.Option(5, "--k", min=1, max=50), org: str = ONE_ORG_OPTION,
                    as_json: bool = JSON_OPTION) -> None:
    """För varje aktivitet år A: troliga fortsättningar eller föregångare år B."""
    emit(_service().link_activities(from_year, to_year, k, org), as_json, _render_links)


@link_app.command("placement")
@handles_errors
def link_placement(from_year: int = typer.Option(..., "--from-year", help="Aktiviteternas år"),
                   to_year: int = typer.Option(..., "--to-year", help="Målens år (samma år går bra)"),
                   k: int = typer.Option(3, "--k", min=1, max=30), org: str = ONE_ORG_OPTION,
                   as_json: bool = JSON_OPTION) -> None:
    """För varje aktivitet år A: de mål år B den troligast tjänar, och var rapporterna placerar den."""
    emit(_service().link_placements(from_year, to_year, k, org), as_json, _render_links)


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


@link_app.command("undo")
@handles_errors
def link_undo(from_id: str = typer.Argument(..., help="Målet eller aktiviteten vars beslut ångras"),
              kind: str = typer.Option("goal", "--kind", help=KIND_HELP),
              author: str = typer.Option(None, "--by", help="Ditt namn (valfritt)"),
              as_json: bool = JSON_OPTION) -> None:
    """Ångra beslutet som gäller för ett mål eller en aktivitet; beslutet före det gäller igen."""
    emit(_service().undo_decision(kind, from_id, author), as_json, _render_undo)


def _render_undo(result: dict[str, Any]) -> str:
    from app.exports import DECISION_NAMES

    now = result["decision"]
    return (f"Ångrade: {DECISION_NAMES[result['undone']['decision']]}. Nu gäller: "
            f"{DECISION_NAMES[now['decision']] if now else 'inget beslut'}.")


@link_app.command("history")
@handles_errors
def link_history(from_id: str = typer.Argument(..., help="Målet eller aktiviteten"),
                 kind: str = typer.Option("goal", "--kind", help=KIND_HELP), as_json: bool = JSON_OPTION) -> None:
    """Alla beslut om ett mål eller en aktivitet, äldst först, med de ångrade markerade."""
    emit(_service().decision_history(kind, from_id), as_json, _render_history)


def _render_history(rows: list[dict[str, Any]]) -> str:
    from app.exports import history_line

    return "\n".join(history_line(r) for r in rows) or "Inga beslut ännu."


@link_app.command("accept-all")
@handles_errors
def link_accept_all(
    from_year: int = typer.Option(..., "--from-year"), to_year: int = typer.Option(..., "--to-year"),
    kind: str = typer.Option("goal", "--kind", help=KIND_HELP), org: str = ONE_ORG_OPTION,
    author: str = typer.Option(None, "--by", help="Ditt namn (valfritt)"), as_json: bool = JSON_OPTION,
) -> None:
    """Acceptera förslaget för varje ännu obeslutad rad (inte rader där förslaget är 'ingen motsvarighet')."""
    emit(_service().accept_suggestions(kind, from_year, to_year, None, org, author), as_json,
         lambda r: f"Accepterade {len(r['accepted'])} förslag; {len(r['already_decided'])} var redan beslutade.")


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
    kind: str = typer.Option("goal", "--kind", help=KIND_HELP), org: str = ONE_ORG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Exportera kopplingarna (beslut, annars förslag) som CSV för Excel (UTF-8 med BOM, semikolon)."""
    emit(_service().export_mapping(kind, from_year, to_year, out, org), as_json, lambda r: f"Skrev {r['rows']} rader till {r['path']}.")


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
    org: str = ONE_ORG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """De mål år Y som en aktivitet troligast tjänar, med belägg; --save sparar en ny aktivitet under ett av dem."""
    service = _service()
    if save and activity:
        raise UppsiktError("--save gäller en ny aktivitets text; en befintlig aktivitet placeras med 'link decide'.")
    if goal and not save:
        raise UppsiktError("--goal gäller bara tillsammans med --save.")
    result = service.suggest_goal(text, year, k, activity, org)
    if save:
        result["saved"] = service.draft_activity(text, year, goal, author, org)
    emit(result, as_json, lambda r: "\n".join(
        [f"{c['score']:.3f}  {c['title'][:90]}" for c in r["candidates"]]
        + ([f"Sparad som {r['saved']['id']} under: {r['saved']['goal_title']}"] if "saved" in r else [])))


@app.command()
@handles_errors
def assess(
    text: str = typer.Argument(None, help="Kommentaren att bedöma."),
    kind: str = typer.Option("activity", "--kind", help="activity (status) eller goal (måluppfyllelse)"),
    entity: str = typer.Option(None, "--id", help="Bedöm en aktivitet eller ett mål i korpusen i stället"),
    batch: Path = typer.Option(None, "--batch", help='JSON-rader {"text": …, "kind": …}; svarar med en lista'),
    org: str = ORG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Föreslå bedömningsnivå med sannolikheter, liknande fall och flaggor."""
    service = _service()
    if batch is not None:
        results = service.assess_batch(_json_lines(batch), org)
        emit(results, as_json, lambda rs: "\n\n".join(_render_assessment(r) for r in rs))
        return
    emit(service.assess(text or "", kind, entity, org), as_json, _render_assessment)


def _json_lines(path: Path) -> list[Any]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UppsiktError(f"Filen {path} kunde inte läsas ({exc}).") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise UppsiktError(f"Rad {number} i {path.name} är inte JSON ({exc.msg}).") from exc
    return items


def _render_assessment(r: dict[str, Any]) -> str:
    if r["label"]:
        headline = r["label"] + (f" (i organisationens skala: {r['label_written']})" if r.get("label_written") else "")
    else:
        guess = r.get("best_guess")
        written = f" ({r['best_guess_written']})" if r.get("best_guess_written") else ""
        headline = f"inget (för svagt underlag); bästa gissning {guess}{written}" if guess else "inget (för svagt underlag)"
    return "\n".join(
        [f"Förslag: {headline}"]
        + [f"  {label}: {p:.0%}" for label, p in r["probabilities"].items()]
        + [f"  flagga: {f}" for f in r["flags"]]
        + [f"  liknande: [{e['label']}] {e['title'][:60]} ({e['score']:.2f})" for e in r["evidence"]])


@app.command()
@handles_errors
def check(org: str = ORG_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Angivna nivåer som deras egen text motsäger, säkrast först."""
    emit(_service().check(org), as_json, lambda rows: "\n".join(
        f"{r['probability']:.0%} [{r['kind']}] {r['title'][:60]}: {r['stated']} → {r['suggested']} ({r['reason']})"
        for r in rows) or "Inga motsägelser hittades.")


@app.command()
@handles_errors
def draft(out: Path = typer.Argument(..., help="Word-fil att skriva (.docx)"), org: str = ONE_ORG_OPTION,
          year: int = typer.Option(None, "--year", help="Året; standard: det senaste"),
          as_json: bool = JSON_OPTION) -> None:
    """Skriv ett utkast till uppföljning för nämnden (Word): per mål angiven och föreslagen nivå, aktiviteterna
    och det som motsäger sig självt."""
    with _progress_bar("Bedömer", "aktivitet") as bar:
        def advance(share: float, what: str) -> None:
            bar.total = bar.total or 100
            bar.n = round(100 * share)
            bar.set_postfix_str(what, refresh=True)

        result = _service().followup_draft(out, org, year, advance)
    emit(result, as_json, lambda r: f"Skrev utkastet för {r['organisation']} {r['year']} till {r['path']}: "
         f"{r['goals']} mål, {r['activities']} aktiviteter, {r['flags']} att granska.")


@app.command()
@handles_errors
def evaluate(output: Path = typer.Option(None, "--output", help="Mapp för REPORT.md och figurerna; standard: "
                                                                  "utcheckningens evaluation/"),
             as_json: bool = JSON_OPTION) -> None:
    """Mät allt mot de märkta rapporterna och skriv REPORT.md (i evaluation/ eller --output)."""
    emit(_service().evaluate(output), True)


@app.command()
@handles_errors
def calibrate(gold: Path = typer.Option(None, "--gold", help="Mapp med målkopplingar (goal_links*.jsonl)"),
              org: str = ORG_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Anpassa kopplingarnas och placeringens vikter och regeln för 'ingen motsvarighet' efter givna kopplingar,
    rapporternas placeringar och sparade beslut."""
    from app.exports import decimal, decimal_percent

    emit(_service().calibrate(gold, org), as_json, lambda r: "\n".join(
        f"{c['organisation']}: vikter titel {c['goal_weights']['title']}, tät {c['goal_weights']['dense']} "
        f"({'anpassade' if c['fitted_weights'] else 'standard'}); regel "
        f"{'anpassad' if c['fitted_rule'] else 'standard'}; {c['links']} kopplingar; placering: målprofilens vikt "
        f"{decimal(c['placement']['dossier'], 2)} ({'anpassad' if c['fitted_placement'] else 'standard'}, "
        f"{c['figures'].get('placement', {}).get('labelled_activities', 0)} placerade aktiviteter); {c['figures']}"
        for c in r["calibrations"]) + "".join(
        f"\nbedömning ({'aktivitet' if kind == 'activity' else 'mål'}): inget förslag under "
        f"{decimal(a['abstain_below'], 2)}; {a['texts']} texter, {decimal_percent(a['withheld'])} utan förslag"
        for kind, a in r["assessment"].items()))


@app.command()
@handles_errors
def serve(host: str = typer.Option("127.0.0.1", "--host", help="Adress; standard endast den egna datorn."),
          port: int = typer.Option(7860, "--port"),
          gold: Path = typer.Option(None, "--gold", help="Mapp med målkopplingar att kalibrera den anpassade "
                                    "modellen på när den tränats klart i bakgrunden (som calibrate --gold)")) -> None:
    """Starta webbgränssnittet (Gradio). Sidan öppnar direkt; en anpassad modell som saknas tränas i bakgrunden."""
    from app.ui import serve as serve_ui  # gradio loads only for this command

    if gold is not None and not gold.is_dir():
        fail(f"Mappen {gold} finns inte.")
    typer.echo(f"Startar uppsikt på http://{host}:{port} …", err=True)
    serve_ui(_service(), host, port, gold)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
