"""Links across years, within one organisation: one index of its goals and activities (their vectors, words and
places: corpus) and one scorer per job, each built from its configuration — goals to last year's goals (goals),
activities to their continuations (continuations), activities under the goals they serve (placement, which
reads continuations) — with what `uppsikt calibrate` fitted (calibration)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nlp.embedding import Embedder
from nlp.linking.calibration import (
    GoalWeights,
    LinkCalibration,
    NoMatchRule,
    PlacementWeights,
    link_quality,
    load_links,
)
from nlp.linking.continuations import PLACE_PENALTY, Continuations
from nlp.linking.corpus import LinkCorpus
from nlp.linking.goals import GoalLinks
from nlp.linking.placement import Placement, reorder_shortlist
from nlp.search import SearchEngine

__all__ = ["PLACE_PENALTY", "Continuations", "GoalLinks", "GoalWeights", "LinkCalibration", "LinkCorpus", "Linker",
           "NoMatchRule", "Placement", "PlacementWeights", "link_quality", "load_links", "reorder_shortlist"]


class Linker(LinkCorpus):
    """Cross-year linking over one SearchEngine's documents and vectors, for one organisation: the index
    (LinkCorpus) with its three scorers, `goals`, `continuations` and `placement`. The verbs a user calls are
    here; what evaluation weighs part by part it asks of the scorer."""

    def __init__(self, engine: SearchEngine, placement_embedder: Embedder | None = None,
                 organisation: str | None = None, calibration: LinkCalibration | None = None,
                 dossier_weight: float | None = None, continuation_weight: float | None = None) -> None:
        """`placement_embedder`: the model that places activities under goals (nlp.embedding.placement_model);
        the engine's own when None. Goal and activity links always use the engine's. `organisation`: whose goals
        and activities are linked (all when None). `calibration`: the fitted goal weights, no-match rule and
        placement weights (the defaults when None). `dossier_weight`, `continuation_weight`: placement weights
        given outright over the calibrated ones (0 leaves the goals' dossiers or an activity's continuation out;
        evaluation compares)."""
        super().__init__(engine, organisation)
        given = {"dossier": dossier_weight, "continuation": continuation_weight}
        self.continuations = Continuations(self)
        self.goals = GoalLinks(self, calibration)
        self.placement = Placement(self, self.continuations, placement_embedder or engine.embedder, calibration,
                                   {name: value for name, value in given.items() if value is not None})

    @property
    def calibration(self) -> LinkCalibration | None:
        return self.goals.calibration

    @calibration.setter
    def calibration(self, calibration: LinkCalibration | None) -> None:
        self.goals.use(calibration)
        self.placement.calibration = calibration

    @property
    def goal_weights(self) -> GoalWeights:
        return self.goals.goal_weights

    @property
    def placement_weights(self) -> PlacementWeights:
        return self.placement.placement_weights

    def link_goals(self, from_year: int, to_year: int, k: int = 5, decided: dict[str, bool] | None = None,
                   chosen: dict[str, str] | None = None) -> list[dict[str, Any]]:
        return self.goals.link_goals(from_year, to_year, k, decided, chosen)

    def link_activities(self, from_year: int, to_year: int, k: int = 5) -> list[dict[str, Any]]:
        return self.continuations.link_activities(from_year, to_year, k)

    def suggest_goal(self, text: str | None, year: int, k: int = 3, activity_id: str | None = None
                     ) -> dict[str, Any]:
        return self.placement.suggest_goal(text, year, k, activity_id)

    def place_activities(self, from_year: int, to_year: int, k: int = 3) -> list[dict[str, Any]]:
        return self.placement.place_activities(from_year, to_year, k)

    def calibrate(self, links: list[dict[str, Any]], model: str, sources: tuple[str, ...] = (),
                  placement_labels: dict[str, list[str]] | None = None) -> LinkCalibration:
        """Fit the goal weights and the no-match rule on graded goal `links`, and the placement weights on
        `placement_labels` (activity id → the goals it serves), each with the figures it reaches."""
        calibration = self.goals.calibrate(links, model, sources)
        placement, figures = self.placement.fit_placement(placement_labels or {})
        self.calibration = replace(calibration, placement=placement or calibration.placement,
                                   fitted_placement=placement is not None,
                                   figures={**calibration.figures, "placement": figures})
        return self.calibration
