"""The one service layer: every CLI command, UI event and API call goes through these functions."""

from __future__ import annotations

import hashlib
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.ingest import IngestOptions, default_paths, ingest_paths
from corpus.model import UppsiktError
from corpus.organisation import canonical_organisation
from corpus.settings import Paths
from corpus.store import Store, now_iso
from corpus.text import fold, label_space_for, swedish_order

if TYPE_CHECKING:  # the engines load torch and spaCy: only the commands that need them import them
    from nlp.assessor import Assessor
    from nlp.linking import Linker
    from nlp.search import SearchEngine

Progress = Callable[[str], None]
# How far a long step has come (0–1) and what it does now: gr.Progress in the page, tqdm on the CLI.
ShareProgress = Callable[[float, str], None]
EXPORT_CANDIDATES = 50
DRAFTED_NOTE = "ny aktivitet, i ingen rapport än"


def placed_note(link: dict[str, Any], separator: str = " | ") -> str:
    """Where the reports put a placed activity (its goals' titles), or that it is a drafted one in none yet."""
    return DRAFTED_NOTE if link.get("drafted") else separator.join(g["title"] for g in link.get("placed_under", []))


@dataclass
class Service:
    """Holds the store and the loaded engines; engines are rebuilt when the store changes."""

    paths: Paths = field(default_factory=Paths.from_env)
    model: str | None = None
    _store: Store | None = None
    _engine: SearchEngine | None = None
    _assessor: Assessor | None = None
    _linkers: dict[str | None, Linker] = field(default_factory=dict)
    # The adapted model trained in the background (serve, upload): "adapting" while it trains, "ready" once it
    # serves (or nothing needed training), "failed" when training failed and the model before it still serves.
    adaptation: str = "ready"
    _adapting: threading.Thread | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.paths.db)
        return self._store

    def reset(self) -> None:
        self._engine = None
        self._assessor = None
        self._linkers.clear()

    # ---- corpus ------------------------------------------------------------------------------

    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None,
               organisation: str | None = None, year: int | None = None, period: str | None = None
               ) -> dict[str, Any]:
        """Read report files into the store; `organisation`, `year` and `period` say what the reports may not."""
        files = paths or default_paths(self.paths.raw_dir)
        if not files:
            raise UppsiktError(f"Inga rapportfiler hittades i {self.paths.raw_dir}.")
        for path in files:
            if not path.exists():
                raise UppsiktError(f"Filen {path} finns inte.")
        result = ingest_paths(files, self.store, progress, IngestOptions(organisation, year, period))
        if any(r["status"] == "ingested" for r in result.reports):
            self.reset()
        return {"reports": result.reports, "warnings": result.warnings}

    def organisations(self) -> list[str]:
        return self.store.organisations()

    def check_organisation(self, organisation: str | None) -> str | None:
        """The organisation as the store spells it ("ange kommun" → "Ånge kommun"); one sentence if unknown."""
        if organisation is None:
            return None
        known = self.store.organisations()
        name = canonical_organisation(organisation, known)
        if name not in known:
            raise UppsiktError(f"Organisationen '{organisation}' finns inte i korpusen (finns: "
                               f"{', '.join(known) or 'inga'}).")
        return name

    def one_organisation(self, organisation: str | None) -> str:
        """The organisation a link is made within: the one named, else the only one in the store."""
        if organisation is not None:
            return self.check_organisation(organisation)  # type: ignore[return-value]
        known = self.store.organisations()
        if not known:
            raise UppsiktError("Korpusen är tom; läs först in rapporter med 'uppsikt ingest'.")
        if len(known) > 1:
            raise UppsiktError(f"Korpusen har flera organisationer ({', '.join(known)}); välj en med --org.")
        return known[0]

    def reports(self, organisation: str | None = None) -> list[dict[str, Any]]:
        return self.store.reports(self.check_organisation(organisation))

    def _check_year(self, year: int | None, organisation: str | None = None) -> None:
        years = self.store.years(organisation)
        if year is not None and year not in years:
            whose = f" för {organisation}" if organisation else ""
            raise UppsiktError(f"Året {year} finns inte i korpusen{whose} (finns: {', '.join(map(str, years))}).")

    def _check_report(self, report: str | None) -> None:
        if report is not None and report not in {r["source"] for r in self.store.reports()}:
            raise UppsiktError(f"Rapporten '{report}' finns inte i korpusen.")

    def goals(self, year: int | None = None, report: str | None = None,
              organisation: str | None = None) -> list[dict[str, Any]]:
        organisation = self.check_organisation(organisation)
        self._check_year(year, organisation)
        self._check_report(report)
        return [
            {k: g[k] for k in ("id", "organisation", "year", "section", "title", "parent_id", "top_level",
                               "reports", "assessment", "assessment_comment", "area", "measures")}
            for g in self.store.goals(year, report, organisation)
        ]

    def activities(self, year: int | None = None, report: str | None = None,
                   organisation: str | None = None) -> list[dict[str, Any]]:
        organisation = self.check_organisation(organisation)
        self._check_year(year, organisation)
        self._check_report(report)
        return self.store.activities(year, report, organisation)

    # ---- search ------------------------------------------------------------------------------

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            from nlp.search import SearchEngine

            self.store.connect()
            self._engine = SearchEngine(self.store, self.paths.artifacts, self.model)
        return self._engine

    def adapt_in_background(self, gold_dir: Path | None = None,
                            begin: threading.Event | None = None) -> threading.Thread | None:
        """Train the adapted model in a thread where it is due (missing: minutes on a fresh clone; stale: the
        reports changed), while the page serves: with the base model when there is no adapted file yet, else
        with the one it has. When trained, its index and assessment models are built in the thread too, and
        calibrated on the links in `gold_dir` where given (`serve --gold`, as `calibrate --gold`), and only then
        swapped in. With `begin`, training waits until it is set (serve sets it once the page answers, so that
        opening the page does not share the cores with training). None when nothing needs training."""
        from nlp.adaptation import adaptation_due, adapted_file, ensure_adapted
        from nlp.embedding import ADAPTED_MODEL, BASE_MODEL, model_setting

        wanted = self.model
        if model_setting(wanted) != ADAPTED_MODEL or not adaptation_due(self.store, self.paths.artifacts):
            return None
        if self._adapting is not None and self._adapting.is_alive():
            return self._adapting  # it checks again when done: what an upload added is trained on too
        if not adapted_file(self.paths.artifacts).exists():
            self.model = BASE_MODEL
            self.reset()
        self.adaptation = "adapting"

        def work() -> None:
            if begin is not None:
                begin.wait()
            try:
                while adaptation_due(self.store, self.paths.artifacts):
                    ensure_adapted(self.store, self.paths.artifacts, lambda m: print(m, file=sys.stderr, flush=True),
                                   quiet=True)
                adapted = Service(paths=self.paths, model=wanted, _store=self.store)
                adapted.assessor  # noqa: B018 - built here, not in the first request after the swap
                if gold_dir is not None:
                    adapted.calibrate(gold_dir)
                self.model, self._engine, self._assessor = wanted, adapted._engine, adapted._assessor
                self._linkers.clear()
                self.adaptation = "ready"
                print("uppsikt: den anpassade modellen används nu.", file=sys.stderr, flush=True)
            except Exception as exc:  # noqa: BLE001 - a thread's failure must not stop the page: the model before serves on
                self.adaptation = "failed"
                print(f"uppsikt: den anpassade modellen kunde inte tränas ({exc}); modellen före den används.",
                      file=sys.stderr, flush=True)

        self._adapting = threading.Thread(target=work, name="uppsikt-anpassning", daemon=True)
        self._adapting.start()
        return self._adapting

    def build(self, refresh: bool = True) -> dict[str, Any]:
        """Bring the search index up to date; with `refresh`, first retrain the adapted model where it is stale
        (minutes). The page passes refresh=False and retrains in the background (adapt_in_background)."""
        from nlp.adaptation import adapted_file, ensure_adapted
        from nlp.embedding import ADAPTED_MODEL, model_setting

        if refresh and model_setting(self.model) == ADAPTED_MODEL:
            target = adapted_file(self.paths.artifacts)
            before = target.stat().st_mtime_ns if target.exists() else None
            ensure_adapted(self.store, self.paths.artifacts, lambda m: print(m, file=sys.stderr, flush=True))
            if target.exists() and target.stat().st_mtime_ns != before:
                self.reset()  # new weights: the index is rebuilt under the new model's name
        report = self.engine.build_report
        return {
            "model": self.engine.embedder.name, "index_type": report.index_type, "embedded": report.embedded,
            "removed": report.removed, "total": report.total, "rebuilt": report.rebuilt,
            "index_dir": str(self.engine.directory),
        }

    def search(self, query: str, k: int = 10, year: int | None = None, kind: str = "any",
               report: str | None = None, status: str | None = None, unit: str | None = None,
               mode: str = "hybrid", organisation: str | None = None) -> dict[str, Any]:
        from nlp.search import SearchFilters

        filters = SearchFilters(year=year, kind=kind, report=report, status=status, unit=unit,
                                organisation=self.check_organisation(organisation))
        return self.engine.search(query, k=k, filters=filters, mode=mode)

    def search_batch(self, queries: list[str], **options: Any) -> list[dict[str, Any]]:
        return [self.search(q, **options) for q in queries]

    def similar(self, entity_id: str, k: int = 5) -> list[dict[str, Any]]:
        return self.engine.similar(entity_id, k)

    def likeness(self, pairs: list[tuple[str, str]]) -> list[int | None]:
        """How alike two stored items are, 0–100: the cosine of their indexed passages, the scale search's
        "likhet" uses too (None where either is not indexed, e.g. an activity drafted in the page)."""
        index = self.engine.vectors
        known = [(a, b) for a, b in pairs if a in index.ids and b in index.ids]
        if not known:
            return [None] * len(pairs)
        left = index.vectors([a for a, _ in known])
        right = index.vectors([b for _, b in known])
        cosine = dict(zip(known, (left * right).sum(axis=1), strict=True))
        return [round(100 * max(float(cosine[(a, b)]), 0.0)) if (a, b) in cosine else None for a, b in pairs]

    def units(self, organisation: str | None = None) -> list[str]:
        """The responsible units the stored activities name, for a filter that lists only what exists."""
        return sorted({u for d in self.engine.docs if organisation in (None, d.organisation) for u in d.units},
                      key=swedish_order)

    def years(self, organisation: str | None = None) -> list[int]:
        return self.store.years(self.check_organisation(organisation))

    def entity(self, entity_id: str, query: str | None = None) -> dict[str, Any]:
        """One goal or activity as a hit, with the words of `query` it matches (for highlighting)."""
        engine = self.engine
        if not entity_id or entity_id not in engine.by_id:
            raise UppsiktError("Välj en träff i tabellen (eller ange ett giltigt id).")
        doc = engine.by_id[entity_id]
        terms = set(engine.analyzer.analyze(query)) if query and query.strip() else None
        return engine.hit(doc, 0.0, terms)

    # ---- linking -----------------------------------------------------------------------------

    def linker_for(self, organisation: str | None = None) -> Linker:
        """The linker of one organisation (the only one in the store when None), with its calibration."""
        from nlp.embedding import make_embedder, placement_model
        from nlp.linking import Linker
        from nlp.linking.calibration import load_calibration

        name = self.one_organisation(organisation)
        if name not in self._linkers:
            calibration = load_calibration(self.paths.artifacts, self.engine.embedder.name, name)
            self._linkers[name] = Linker(self.engine, make_embedder(placement_model(self.model), self.paths.artifacts),
                                         organisation=name, calibration=calibration)
        return self._linkers[name]

    @property
    def linker(self) -> Linker:
        return self.linker_for(None)

    def _labelled_goal_links(self, decisions: dict[str, dict[str, Any]]) -> tuple[dict[str, bool], dict[str, str]]:
        """What the coordinators' goal decisions teach: accepted or chosen links have a counterpart, "no match"
        has none, a rejected suggestion says neither (decided); and which goal each continues (chosen)."""
        decided = {d["from_id"]: d["decision"] != "no_match" for d in decisions.values() if d["decision"] != "reject"}
        chosen = {d["from_id"]: d["to_id"] for d in decisions.values() if d["decision"] in ("accept", "choose")
                  and d.get("to_id")}
        return decided, chosen

    def _placement_labels(self, linker: Any) -> dict[str, list[str]]:
        """Which goals each of the organisation's activities serves: where its reports put it, and where a
        coordinator placed it under a goal of its own year (the decision counts over the report)."""
        labels = {doc.id: list(doc.goal_ids) for doc in linker.docs if doc.kind == "activity" and doc.goal_ids}
        by_id = self.engine.by_id
        for decision in self.decisions("placement", organisation=linker.organisation).values():
            activity, goal = by_id.get(decision["from_id"]), by_id.get(decision.get("to_id") or "")
            if decision["decision"] in ("accept", "choose") and activity is not None and goal is not None \
                    and goal.year == activity.year:
                labels[activity.id] = [goal.id]
        return labels

    def link_goals(self, from_year: int, to_year: int, k: int = 5,
                   organisation: str | None = None) -> list[dict[str, Any]]:
        linker = self.linker_for(organisation)
        decisions = self.decisions("goal", to_year, linker.organisation)
        decided, chosen = self._labelled_goal_links(decisions)
        return self._with_decisions(linker.link_goals(from_year, to_year, k, decided, chosen), decisions, linker)

    def link_activities(self, from_year: int, to_year: int, k: int = 5,
                        organisation: str | None = None) -> list[dict[str, Any]]:
        linker = self.linker_for(organisation)
        return self._with_decisions(linker.link_activities(from_year, to_year, k),
                                    self.decisions("activity", to_year, linker.organisation), linker)

    def link_placements(self, from_year: int, to_year: int, k: int = 3,
                        organisation: str | None = None) -> list[dict[str, Any]]:
        """Every activity of one year under the goals of the same or another year, with the decisions on it;
        within one year, the activities drafted for its goals (draft_activity) come first."""
        linker = self.linker_for(organisation)
        drafted = [{"id": d["id"], "title": d["text"][:120], "text": d["text"][:600], "placed_under": [],
                    "candidates": linker.suggest_goal(d["text"], to_year, k)["candidates"], "drafted": True}
                   for d in self.drafted_activities(to_year, linker.organisation)] if from_year == to_year else []
        # A year with drafts but no reported activities yet lists the drafts; otherwise an empty year says so.
        reported = [] if drafted and not linker.activities(from_year) else linker.place_activities(
            from_year, to_year, k)
        return self._with_decisions(drafted + [{**link, "drafted": False} for link in reported],
                                    self.decisions("placement", to_year, linker.organisation), linker)

    def draft_activity(self, text: str, year: int, goal_id: str | None = None, author: str | None = None,
                       organisation: str | None = None) -> dict[str, Any]:
        """A new activity that no report holds yet, placed under one of `year`'s goals: the top suggestion
        (accept) unless the coordinator names another goal (choose). The same text saved again keeps its id
        and gets the new placement; it shows in link_placements(year, year) and its CSV."""
        linker = self.linker_for(organisation)
        suggestion = self.suggest_goal(text, year, k=3, organisation=linker.organisation)
        text = suggestion["text"].strip()
        goals = {g.id: g for g in linker.top_goals(year)}
        if goal_id and goal_id not in goals:
            raise UppsiktError(f"{goal_id} är inte ett av årets {year} mål.")
        best = suggestion["candidates"][0]["id"]
        chosen = goal_id or best
        digest = hashlib.sha1(f"{linker.organisation}\n{text}".encode()).hexdigest()[:10]
        draft_id = f"ny-{year}-{digest}"
        with self.store.transaction() as tx:
            tx.execute("INSERT OR IGNORE INTO drafted_activities (id, organisation, year, text, author, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (draft_id, linker.organisation, year, text, author, now_iso()))
        decision = self.decide("placement", draft_id, "accept" if chosen == best else "choose", chosen, author)
        return {"id": draft_id, "year": year, "text": text, "goal_id": chosen, "goal_title": goals[chosen].title,
                "candidates": suggestion["candidates"], "decision": decision}

    def remove_drafted_activity(self, draft_id: str) -> dict[str, Any]:
        """A drafted activity and the decisions on it removed (a text saved by mistake); reported activities
        cannot be removed this way."""
        if draft_id not in {d["id"] for d in self.drafted_activities()}:
            raise UppsiktError(f"Det finns inget sparat utkast med id '{draft_id}' (bara nya aktiviteter kan tas bort).")
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM link_decisions WHERE kind = 'placement' AND from_id = ?", (draft_id,))
            tx.execute("DELETE FROM drafted_activities WHERE id = ?", (draft_id,))
        return {"removed": draft_id}

    def suggested_target(self, kind: str, from_id: str, to_year: int) -> str:
        """The first suggestion for one item in the mapping into `to_year` (what 'accept' and 'reject' are about)."""
        doc = self.engine.by_id.get(from_id)
        drafted = {d["id"]: d for d in self.drafted_activities()} if kind == "placement" else {}
        if doc is None and from_id not in drafted:
            raise UppsiktError("Välj vad du vill besluta om.")
        from_year = doc.year if doc else drafted[from_id]["year"]
        organisation = doc.organisation if doc else drafted[from_id]["organisation"]
        link = next((x for x in self.links(kind, from_year, to_year, k=1, organisation=organisation)
                     if x["id"] == from_id), None)
        if link is None or not link["candidates"]:
            raise UppsiktError(f"Inget förslag för {from_id} till år {to_year}; föreslå kopplingar för de valda åren först.")
        return link["candidates"][0]["id"]

    def decide_on_suggestion(self, kind: str, from_id: str, decision: str, to_year: int, to_id: str | None = None,
                             shown: str | None = None, author: str | None = None) -> dict[str, Any]:
        """A decision as a person makes it on a suggestion: 'accept' and 'reject' are about the suggestion they were
        shown (`shown`; the first suggestion now, where the caller did not show one), 'choose' names `to_id`."""
        if decision in {"accept", "reject"}:
            to_id = shown or self.suggested_target(kind, from_id, to_year)
        return self.decide(kind, from_id, decision, to_id, author)

    def drafted_activities(self, year: int | None = None, organisation: str | None = None) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT * FROM drafted_activities ORDER BY created_at, id")
        return [dict(r) for r in rows if (year is None or r["year"] == year)
                and (organisation is None or r["organisation"] == organisation)]

    def links(self, kind: str, from_year: int, to_year: int, k: int = 5,
              organisation: str | None = None) -> list[dict[str, Any]]:
        """The suggestions of one kind of mapping: goal (goals to goals), activity (activities to their
        continuations) or placement (activities to the goals they serve)."""
        link = {"goal": self.link_goals, "activity": self.link_activities, "placement": self.link_placements}
        if kind not in link:
            raise UppsiktError(f"Okänd typ '{kind}'; välj {', '.join(self.LINK_KINDS)}.")
        return link[kind](from_year, to_year, k, organisation)

    @staticmethod
    def _with_decisions(links: list[dict[str, Any]], decisions: dict[str, dict[str, Any]],
                        linker: Linker) -> list[dict[str, Any]]:
        """Each suggestion with the coordinator's stored decision on it, if any, and its organisation."""
        for link in links:
            link["decision"] = decisions.get(link["id"])
            link["organisation"] = linker.organisation
            for candidate in link["candidates"]:
                candidate["organisation"] = linker.organisation
        return links

    def suggest_goal(self, text: str | None, year: int, k: int = 3, activity_id: str | None = None,
                     organisation: str | None = None) -> dict[str, Any]:
        if activity_id and organisation is None and activity_id in self.engine.by_id:
            organisation = self.engine.by_id[activity_id].organisation  # an activity says whose it is
        linker = self.linker_for(organisation)
        return {**linker.suggest_goal(text, year, k, activity_id), "organisation": linker.organisation}

    DECISIONS = ("accept", "reject", "choose", "no_match")
    # What each kind of mapping links: (kind of the item decided on, kind of what it is linked to).
    LINK_KINDS = {"goal": ("goal", "goal"), "activity": ("activity", "activity"), "placement": ("activity", "goal")}

    def decide(self, kind: str, from_id: str, decision: str, to_id: str | None = None,
               author: str | None = None) -> dict[str, Any]:
        """Store a coordinator's decision on a suggested link; the newest decision per item counts."""
        if decision not in self.DECISIONS:
            raise UppsiktError(f"Okänt beslut '{decision}'; välj {', '.join(self.DECISIONS)}.")
        if kind not in self.LINK_KINDS:
            raise UppsiktError(f"Okänd typ '{kind}'; välj {', '.join(self.LINK_KINDS)}.")
        known = self.engine.by_id
        drafts = {d["id"]: d["organisation"] for d in self.drafted_activities()} if kind == "placement" else {}
        drafted = set(drafts)
        if (from_id not in known and from_id not in drafted) or (to_id and to_id not in known):
            raise UppsiktError(f"Okänt id: {to_id if from_id in known or from_id in drafted else from_id}.")
        if decision in {"accept", "choose"} and not to_id:
            raise UppsiktError("Ange vilket mål eller vilken aktivitet kopplingen går till.")
        source_kind, target_kind = self.LINK_KINDS[kind]
        names = {"goal": "ett mål", "activity": "en aktivitet"}
        if from_id not in drafted and known[from_id].kind != source_kind:
            raise UppsiktError(f"{from_id} är inte {names[source_kind]}; en koppling av typen {kind} går från "
                               f"{names[source_kind]}.")
        if to_id and decision != "no_match" and known[to_id].kind != target_kind:
            raise UppsiktError(f"{to_id} är inte {names[target_kind]}; en koppling av typen {kind} går till "
                               f"{names[target_kind]}.")
        organisation = drafts[from_id] if from_id in drafted else known[from_id].organisation
        if to_id and decision != "no_match" and known[to_id].organisation != organisation:
            raise UppsiktError(f"{from_id} hör till {organisation} och {to_id} till {known[to_id].organisation}; "
                               "kopplingar görs inom en organisation.")
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO link_decisions (kind, from_id, to_id, decision, author, created_at, organisation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, from_id, to_id if decision != "no_match" else None, decision, author, now_iso(), organisation),
            )
        return {"saved": True, **self.decisions(kind)[from_id]}

    def decisions(self, kind: str, to_year: int | None = None,
                  organisation: str | None = None) -> dict[str, dict[str, Any]]:
        """The decision in force per item: the newest, unless undone (an undo withdraws the newest one still in
        force, and the one before it counts again). With `to_year`, only decisions on links into that year ("no
        counterpart" counts for every year): last year's activity may be placed under two years' goals."""
        by_id = self.engine.by_id
        rows = [r for r in self.store.query("SELECT * FROM link_decisions WHERE kind = ? ORDER BY id", (kind,))
                if (to_year is None or r["to_id"] is None or (r["to_id"] in by_id and by_id[r["to_id"]].year == to_year))
                and (organisation is None or r["organisation"] == organisation)]
        return {from_id: self._decision(stack[-1], by_id) for from_id, stack in self._replay(rows)[0].items() if stack}

    UNDO = "undo"

    @classmethod
    def _replay(cls, rows: list[Any]) -> tuple[dict[str, list[Any]], set[int]]:
        """The decisions in force per item after replaying the log in order, and the ids of those undone."""
        stacks: dict[str, list[Any]] = {}
        undone: set[int] = set()
        for row in rows:
            stack = stacks.setdefault(row["from_id"], [])
            if row["decision"] != cls.UNDO:
                stack.append(row)
            elif stack:
                undone.add(stack.pop()["id"])
        return stacks, undone

    @staticmethod
    def _decision(row: Any, by_id: dict[str, Any]) -> dict[str, Any]:
        """A row of the log as a decision, with its target's title (what the page and the history show)."""
        return {"from_id": row["from_id"], "to_id": row["to_id"], "decision": row["decision"],
                "author": row["author"], "decided_at": row["created_at"],
                "to_title": by_id[row["to_id"]].title if row["to_id"] in by_id else ""}

    def decision_history(self, kind: str, from_id: str) -> list[dict[str, Any]]:
        """Every decision on one item, oldest first, with its target's title and whether it was undone (the
        undos themselves are listed too: the log is never rewritten)."""
        rows = self.store.query("SELECT * FROM link_decisions WHERE kind = ? AND from_id = ? ORDER BY id",
                                (kind, from_id))
        stacks, undone = self._replay(rows)
        in_force = stacks[from_id][-1]["id"] if stacks.get(from_id) else None
        by_id = self.engine.by_id
        return [{**self._decision(r, by_id), "undone": r["id"] in undone, "in_force": r["id"] == in_force}
                for r in rows]

    def undo_decision(self, kind: str, from_id: str, author: str | None = None,
                      to_year: int | None = None) -> dict[str, Any]:
        """Withdraw the decision in force on one item (with `to_year`, its decision on links into that year: an
        activity may be placed under two years' goals); the one before it (or none) counts again. The undo is
        a row of the log, so the history keeps both."""
        if kind not in self.LINK_KINDS:
            raise UppsiktError(f"Okänd typ '{kind}'; välj {', '.join(self.LINK_KINDS)}.")
        current = self.decisions(kind, to_year).get(from_id)
        if current is None:
            raise UppsiktError("Det finns inget beslut att ångra för den valda raden.")
        organisation = self.store.query("SELECT organisation FROM link_decisions WHERE kind = ? AND from_id = ? "
                                        "ORDER BY id DESC LIMIT 1", (kind, from_id))[0]["organisation"]
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO link_decisions (kind, from_id, to_id, decision, author, created_at, organisation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind, from_id, current["to_id"], self.UNDO, author, now_iso(), organisation))
        return {"undone": current, "decision": self.decisions(kind, to_year).get(from_id)}

    def accept_suggestions(self, kind: str, from_year: int, to_year: int, shown: dict[str, str] | None = None,
                           organisation: str | None = None, author: str | None = None) -> dict[str, Any]:
        """Accept, in one step, the suggestions of every undecided item: those `shown` (item → the target the
        page showed), or else the first suggestion of each item now. Items already decided, and items whose
        suggestion is "no counterpart", are left for the person to decide one by one."""
        if shown is None:
            links = self.links(kind, from_year, to_year, 3, organisation)
            shown = {link["id"]: link["candidates"][0]["id"] for link in links
                     if link["candidates"] and not link.get("no_match") and not link.get("decision")}
        decided = self.decisions(kind, to_year)
        accepted = [item for item in shown if item not in decided]
        for item in accepted:
            self.decide(kind, item, "accept", shown[item], author)
        return {"accepted": accepted, "already_decided": [item for item in shown if item in decided]}

    def export_mapping(self, kind: str, from_year: int, to_year: int, path: Path,
                       organisation: str | None = None) -> dict[str, Any]:
        """The mapping as CSV (UTF-8 with BOM, semicolons: what scripts and Excel read) or, for a path ending
        in .xlsx, as an Excel workbook for the board; one row per item, the decision where there is one."""
        from app.exports import MappingRow, write_mapping

        # Every candidate, so a chosen target that was not the first suggestion still shows its score.
        links = self.links(kind, from_year, to_year, EXPORT_CANDIDATES, organisation)
        by_id = self.engine.by_id
        rows = []
        for link in links:
            decision = link.get("decision") or {}
            best = link["candidates"][0] if link["candidates"] else None
            if decision:
                to_id = decision["to_id"]
            elif link.get("no_match") or best is None:
                to_id = None
            else:
                to_id = best["id"]
            score = next((c["score"] for c in link["candidates"] if c["id"] == to_id), None)
            rows.append(MappingRow(
                from_id=link["id"], from_title=link["title"], from_year=from_year, to_id=to_id,
                to_title=by_id[to_id].title if to_id else "", to_year=to_year, score=score,
                decision=decision.get("decision"), author=decision.get("author") or "",
                decided_at=decision.get("decided_at") or "",
                placed=placed_note(link) if kind == "placement" else None))
        write_mapping(rows, path, kind)
        return {"path": str(path), "rows": len(links), "organisation": links[0]["organisation"] if links else
                self.one_organisation(organisation)}

    # ---- overview ----------------------------------------------------------------------------

    def overview(self, organisation: str | None = None, year: int | None = None,
                 flags: bool = False) -> dict[str, Any]:
        """The goal tree of one organisation and year: goals, their sub-goals and activities with the newest
        stated status or level, counts of statuses per goal, and (with `flags`) the contradictions found."""
        organisation = self.one_organisation(organisation)
        years = self.store.years(organisation)
        if not years:
            raise UppsiktError(f"{organisation} har inga rapporter i korpusen.")
        year = year if year is not None else max(years)
        if year not in years:
            raise UppsiktError(f"{organisation} har inga rapporter för {year} (finns: {', '.join(map(str, years))}).")
        titles = {r["source"]: r["title"] for r in self.store.reports(organisation)}
        found = {(c["kind"], c["id"]): c for c in self.check(organisation)} if flags else {}
        goals = self.store.goals(year=year, organisation=organisation)
        activities = self.store.activities(year=year, organisation=organisation)
        by_goal: dict[str, list[dict[str, Any]]] = {}
        for activity in activities:
            status = next((v["status"] for v in activity["versions"] if v["status"]), None)
            item = {"id": activity["id"], "title": activity["title"], "status": status, "units": activity["units"],
                    "end": activity["end"], "flag": found.get(("activity", activity["id"]))}
            for goal_id in activity["goal_ids"] or ["(utan mål)"]:
                by_goal.setdefault(goal_id, []).append(item)

        def node(goal: dict[str, Any]) -> dict[str, Any]:
            children = [node(g) for g in goals if g["parent_id"] == goal["id"]]
            own = by_goal.get(goal["id"], [])
            counts: dict[str, int] = {}
            for item in own + [a for c in children for a in c["all_activities"]]:
                counts[item["status"] or "saknar status"] = counts.get(item["status"] or "saknar status", 0) + 1
            return {"id": goal["id"], "title": goal["title"], "section": goal["section"], "area": goal["area"],
                    "assessment": goal["assessment"], "flag": found.get(("goal", goal["id"])), "subgoals": children,
                    "activities": own, "all_activities": own + [a for c in children for a in c["all_activities"]],
                    "counts": counts, "reports": [titles.get(r, r) for r in goal["reports"]]}

        tree = [node(g) for g in goals if g["top_level"]]
        totals: dict[str, int] = {}
        for activity in {a["id"]: a for g in tree for a in g["all_activities"]}.values():
            key = activity["status"] or "saknar status"
            totals[key] = totals.get(key, 0) + 1
        return {"organisation": organisation, "year": year, "years": years, "goals": tree, "totals": totals,
                "reports": sorted({t for g in tree for t in g["reports"]})}

    def goal_page(self, goal_id: str) -> dict[str, Any]:
        """One goal: its texts, sub-goals, and each activity's statuses and comments over the reports."""
        goal = next((g for g in self.store.goals() if g["id"] == goal_id), None)
        if goal is None:
            raise UppsiktError(f"Det finns inget mål med id '{goal_id}'.")
        reports = {r["source"]: r for r in self.store.reports(goal["organisation"])}
        order = self.store.report_order()
        family = {goal_id} | {g["id"] for g in self.store.goals(year=goal["year"], organisation=goal["organisation"])
                              if g["parent_id"] == goal_id}
        versions = self.store.query(
            "SELECT goal_id, report, comment, assessment, assessment_raw FROM goal_versions WHERE goal_id = ?",
            (goal_id,))
        history = sorted(({"report": reports[v["report"]]["title"], "period": reports[v["report"]]["period"],
                           "source": v["report"], "assessment": v["assessment"], "comment": v["comment"]}
                          for v in versions if v["report"] in reports), key=lambda h: order[h["source"]])
        activities = []
        for activity in self.store.activities(year=goal["year"], organisation=goal["organisation"]):
            if not family & set(activity["goal_ids"]):
                continue
            steps = sorted(({"report": reports[v["report"]]["title"], "period": reports[v["report"]]["period"],
                             "source": v["report"], "status": v["status"], "comment": v["comment"]}
                            for v in activity["versions"] if v["report"] in reports), key=lambda h: order[h["source"]])
            activities.append({"id": activity["id"], "title": activity["title"], "units": activity["units"],
                               "start": activity["start"], "end": activity["end"], "history": steps})
        subgoals = [g for g in self.store.goals(year=goal["year"], organisation=goal["organisation"])
                    if g["parent_id"] == goal_id]
        return {**goal, "history": history, "activities": activities, "subgoals": subgoals}

    def followup_draft(self, path: Path, organisation: str | None = None, year: int | None = None,
                       progress: ShareProgress | None = None) -> dict[str, Any]:
        """A Word draft of the follow-up for the board: per goal its stated level and comment, its sub-goals and
        activities with the newest stated status, what uppsikt proposes (from a model that did not train on
        that report, so a proposal is no echo of the stated level) and the contradictions found."""
        from app.exports import DraftActivity, DraftGoal, FollowUpDraft, write_followup_docx

        if path.suffix.lower() != ".docx":
            raise UppsiktError(f"Utkastet skrivs som Word-fil (.docx), inte som '{path.suffix or path.name}'.")
        tree = self.overview(organisation, year)
        order = self.store.report_order()
        reviewed: dict[tuple[str, str], dict[str, Any]] = {}
        for row in sorted(self.assessor.review(), key=lambda r: order.get(r["report"], (0, 0, ""))):
            reviewed[(row["kind"], row["id"])] = row  # the newest report's
        activities = {a["id"]: a for a in self.store.activities(year=tree["year"], organisation=tree["organisation"])}
        goals = {g["id"]: g for g in self.store.goals(year=tree["year"], organisation=tree["organisation"])}
        report_titles = {r["source"]: r["title"] for r in self.store.reports(tree["organisation"])}
        todo = {a["id"]: a for g in tree["goals"] for a in g["all_activities"]}
        drafted: dict[str, DraftActivity] = {}  # an activity under two goals is assessed once

        def proposal(kind: str, item_id: str, text: str) -> tuple[str | None, float | None, str | None]:
            """What uppsikt proposes for an item, its probability, and the contradiction found, if any."""
            row = reviewed.get((kind, item_id))
            if row is not None:
                flag = row["contradiction"][2] if row["contradiction"] else None
                return row["proposed"], row["probability"], flag
            if not text.strip():
                return None, None, None
            result = self.assessor.assess(text, kind)
            best = result["label"] or result["best_guess"]
            return best, result["probabilities"].get(best) if best else None, None

        def activity(item: dict[str, Any]) -> DraftActivity:
            if item["id"] in drafted:
                return drafted[item["id"]]
            if progress:
                progress(len(drafted) / max(len(todo), 1), f"Bedömer {item['title'][:40]}")
            newest = activities[item["id"]]["versions"][0] if activities[item["id"]]["versions"] else {}
            comment = newest.get("comment") or ""
            proposed, probability, flag = proposal("activity", item["id"], comment)
            drafted[item["id"]] = DraftActivity(
                title=item["title"], units=", ".join(item["units"]), stated=item["status"], proposed=proposed,
                probability=probability, flag=flag, comment=comment,
                report=report_titles.get(newest.get("report", ""), ""))
            return drafted[item["id"]]

        def goal(node: dict[str, Any]) -> DraftGoal:
            comment = goals[node["id"]]["assessment_comment"] or ""
            proposed, probability, flag = proposal("goal", node["id"], comment)
            return DraftGoal(title=node["title"], stated=node["assessment"], proposed=proposed,
                             probability=probability, flag=flag, comment=comment,
                             activities=[activity(a) for a in node["activities"]],
                             subgoals=[goal(s) for s in node["subgoals"]], counts=node["counts"])

        draft = FollowUpDraft(organisation=tree["organisation"], year=tree["year"], reports=tree["reports"],
                              goals=[goal(g) for g in tree["goals"]])
        path.parent.mkdir(parents=True, exist_ok=True)
        write_followup_docx(draft, path)
        return {"path": str(path), "organisation": draft.organisation, "year": draft.year,
                "goals": len(draft.goals), "activities": len(todo),
                "flags": sum(1 for a in draft.all_activities() if a.flag)
                + sum(1 for g in draft.all_goals() if g.flag)}

    # ---- assessment --------------------------------------------------------------------------

    @property
    def assessor(self) -> Assessor:
        if self._assessor is None:
            from nlp.assessor import Assessor

            self._assessor = Assessor(self.store, self.engine.embedder, self.paths.artifacts, self.engine.letters)
        return self._assessor

    def assess(self, text: str = "", kind: str = "activity", entity_id: str | None = None,
               organisation: str | None = None) -> dict[str, Any]:
        """Propose a level for pasted text, or for an activity/goal of the corpus (its newest version)."""
        organisation = self.check_organisation(organisation)
        entity = None
        if entity_id:
            matches = [e for e in self.assessor.examples.get(kind, []) if e.id == entity_id]
            if not matches:
                raise UppsiktError(f"Det finns ingen bedömd post av typen {kind} med id '{entity_id}'.")
            order = self.store.report_order()
            entity = max(matches, key=lambda e: order.get(e.report, (0, 0, "")))
        result = self.assessor.assess(text, kind, entity)
        result["text"] = entity.text if entity else text
        if entity is not None:
            result["stated"] = entity.label
            result["organisation"] = self._organisation_of(entity.id)
        elif organisation:
            result["organisation"] = organisation
        known = self.store.organisations()
        own = result.get("organisation") or (known[0] if len(known) == 1 else None)
        written = self.own_labels(kind, own) if own else {}
        best = result["best_guess"]
        # The proposal in the organisation's own scheme too ('Grön', 'Klar'), where its reports write it so.
        result["label_written"] = written.get(result["label"]) if result["label"] else None
        result["best_guess_written"] = written.get(best) if best else None
        return result

    def own_labels(self, kind: str, organisation: str) -> dict[str, str]:
        """Canonical label → the label as the organisation's reports most often write it, where that is another
        label the schemes know (a colour, a status word, a step of its own scale)."""
        from collections import Counter

        from corpus.labels import schemes

        if kind == "activity":
            rows = self.store.query(
                "SELECT v.status AS label, v.status_raw AS raw FROM activity_versions v JOIN activities a "
                "ON a.id = v.activity_id WHERE a.organisation = ? AND v.status IS NOT NULL", (organisation,))
        else:
            rows = self.store.query(
                "SELECT v.assessment AS label, v.assessment_raw AS raw FROM goal_versions v JOIN goals g "
                "ON g.id = v.goal_id WHERE g.organisation = ? AND v.assessment IS NOT NULL", (organisation,))
        counts: dict[str, Counter[str]] = {}
        labels = schemes()
        for row in rows:
            raw = re.sub(r"^[\W_]+|[\s.:;,]+$", "", row["raw"] or "")
            found = labels.match(kind, raw) if raw else None
            if found is not None and found.canonical == row["label"]:
                counts.setdefault(row["label"], Counter())[raw] += 1
        out = {}
        for label, seen in counts.items():
            written = seen.most_common(1)[0][0]
            if fold(written) != fold(label):
                out[label] = written
        return out

    ASSESS_KINDS = ("activity", "goal")

    def assessable(self, kind: str) -> list[dict[str, str]]:
        """The corpus's goals or activities with a stated level, to pick one to assess (newest version each)."""
        seen: dict[str, dict[str, str]] = {}
        for example in self.assessor.examples.get(kind, []):
            if example.report != "feedback" and not example.municipality:
                seen[example.id] = {"id": example.id, "title": example.title, "text": example.text}
        return list(seen.values())

    def assess_batch(self, items: list[dict[str, Any]], organisation: str | None = None) -> list[dict[str, Any]]:
        """`assess` for each item ({"text", "kind"}; kind activity unless said), in order, in one process."""
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                raise UppsiktError(f"Rad {number} saknar en text att bedöma ({{\"text\": …, \"kind\": …}}).")
            if item.get("kind", "activity") not in self.ASSESS_KINDS:
                raise UppsiktError(f"Rad {number} har okänd typ '{item.get('kind')}'; välj activity eller goal.")
        return [self.assess(item["text"], item.get("kind", "activity"), organisation=organisation) for item in items]

    def _organisation_of(self, entity_id: str) -> str | None:
        doc = self.engine.by_id.get(entity_id)
        return doc.organisation if doc else None

    def check(self, organisation: str | None = None) -> list[dict[str, Any]]:
        organisation = self.check_organisation(organisation)
        rows = [{**row, "organisation": self._organisation_of(row["id"])} for row in self.assessor.check()]
        return [row for row in rows if organisation is None or row["organisation"] == organisation]

    def record_feedback(self, kind: str, text: str, label: str, entity_id: str | None = None,
                        proposed: str | None = None, author: str | None = None,
                        organisation: str | None = None) -> dict[str, Any]:
        """A reviewer's accepted or corrected level; later training uses it."""
        if label not in label_space_for(kind):
            raise UppsiktError(f"Okänd nivå '{label}' för typen {kind}.")
        if not (text or "").strip():
            raise UppsiktError("Texten är tom; det finns inget att spara.")
        organisation = (self._organisation_of(entity_id) if entity_id else None) or self.check_organisation(
            organisation)
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO feedback (kind, entity_id, text, label, proposed, author, created_at, organisation) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (kind, entity_id, text, label, proposed, author, now_iso(), organisation),
            )
        self._assessor = None
        return {"saved": True, "kind": kind, "label": label}

    # ---- calibration -------------------------------------------------------------------------

    def calibrate(self, gold_dir: Path | None = None, organisation: str | None = None) -> dict[str, Any]:
        """Fit the goal-link weights and the no-match rule for the served model from the goal links in
        `gold_dir` (files goal_links*.jsonl) and the coordinators' goal decisions, and the placement weights
        from the reports' own placements and the coordinators', per organisation (each in the store when
        None), and save them where the served code reads them."""
        from nlp.linking import load_links
        from nlp.linking.calibration import save_calibration

        files = sorted(gold_dir.glob("goal_links*.jsonl")) if gold_dir is not None else []
        if gold_dir is not None and not gold_dir.is_dir():
            raise UppsiktError(f"Mappen {gold_dir} finns inte.")
        try:
            given = [item for path in files for item in load_links(path)]
        except (OSError, ValueError) as exc:
            raise UppsiktError(f"Kopplingarna i {gold_dir} kunde inte läsas ({exc}).") from exc
        names = [self.check_organisation(organisation)] if organisation else self.store.organisations()
        out = []
        for name in names:
            linker = self.linker_for(name)
            decided, chosen = self._labelled_goal_links(self.decisions("goal", organisation=name))
            from_decisions = [{"from": goal_id, "targets": {chosen[goal_id]: 2} if has and goal_id in chosen else {}}
                              for goal_id, has in decided.items() if not has or goal_id in chosen]
            overridden = {item["from"] for item in from_decisions}
            links = [item for item in given if item["from"] not in overridden] + from_decisions
            own = [item for item in links if item["from"] in linker.top_goal]
            sources = tuple(str(p.name) for p in files) + (("beslut",) if from_decisions else ())
            calibration = linker.calibrate(own, self.engine.embedder.name, sources,
                                           placement_labels=self._placement_labels(linker))
            path = save_calibration(self.paths.artifacts, calibration)
            out.append({**calibration.to_json(), "path": str(path)})
        # Where a proposal is withheld: fitted on predictions for texts each model did not train on. The floor is
        # one for all organisations (their comments train one model), so calibrating one organisation's links
        # leaves it as it is.
        return {"model": self.engine.embedder.name, "calibrations": out,
                "assessment": self.assessor.calibrate_abstention() if organisation is None else {}}

    # ---- evaluation --------------------------------------------------------------------------

    def evaluate(self, output: Path | None = None) -> dict[str, Any]:
        """Every figure the project measures; REPORT.md and figures.json written into `output` (the checkout's
        evaluation/ when None) and a copy of the figures beside the store's artefacts, for the app to show."""
        from evaluation.report import run_evaluation
        from nlp.embedding import BASE_MODEL, model_setting
        from nlp.search import SearchEngine

        served = self.engine
        base = served if model_setting(self.model) == BASE_MODEL else SearchEngine(
            self.store, self.paths.artifacts, BASE_MODEL)
        return run_evaluation(self.store, base, served=served, output=output, artifacts=self.paths.artifacts,
                              assessor=self.assessor)
