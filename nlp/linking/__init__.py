"""Links across years: goals to last year's goals (goals), activities to the goals they serve (placement, which
reads continuations), activities to their continuations (continuations), all on one search engine's embeddings
(corpus), within one organisation, with what `uppsikt calibrate` fitted (calibration)."""

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
from nlp.linking.continuations import PLACE_PENALTY
from nlp.linking.goals import GoalLinks
from nlp.linking.placement import Placement, reorder_shortlist
from nlp.search import SearchEngine

__all__ = ["PLACE_PENALTY", "GoalWeights", "LinkCalibration", "Linker", "NoMatchRule", "PlacementWeights",
           "link_quality", "load_links", "reorder_shortlist"]


class Linker(GoalLinks, Placement):
    """Cross-year linking over one SearchEngine's documents and vectors, for one organisation."""

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
        self.calibration = calibration
        self.placement_embedder = placement_embedder or engine.embedder
        given = {"dossier": dossier_weight, "continuation": continuation_weight}
        self.placement_overrides = {name: value for name, value in given.items() if value is not None}

    def calibrate(self, links: list[dict[str, Any]], model: str, sources: tuple[str, ...] = (),
                  placement_labels: dict[str, list[str]] | None = None) -> LinkCalibration:
        """Fit the goal weights and the no-match rule on graded goal `links`, and the placement weights on
        `placement_labels` (activity id → the goals it serves), each with the figures it reaches."""
        calibration = super().calibrate(links, model, sources)
        placement, figures = self.fit_placement(placement_labels or {})
        self.calibration = replace(calibration, placement=placement or calibration.placement,
                                   fitted_placement=placement is not None,
                                   figures={**calibration.figures, "placement": figures})
        return self.calibration
