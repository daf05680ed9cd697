"""Links across years: goals to last year's goals (goals), activities to the goals they serve (placement, which
reads continuations), activities to their continuations (continuations), all on one search engine's embeddings
(corpus), within one organisation, with what `uppsikt calibrate` fitted (calibration)."""

from __future__ import annotations

from nlp.embedding import Embedder
from nlp.linking.calibration import GoalWeights, LinkCalibration, NoMatchRule, link_quality, load_links
from nlp.linking.continuations import PLACE_PENALTY
from nlp.linking.goals import GoalLinks
from nlp.linking.placement import (
    PLACEMENT_CONTINUATION_WEIGHT,
    PLACEMENT_DOSSIER_WEIGHT,
    Placement,
    reorder_shortlist,
)
from nlp.search import SearchEngine

__all__ = ["PLACE_PENALTY", "GoalWeights", "LinkCalibration", "Linker", "NoMatchRule", "link_quality",
           "load_links", "reorder_shortlist"]


class Linker(GoalLinks, Placement):
    """Cross-year linking over one SearchEngine's documents and vectors, for one organisation."""

    def __init__(self, engine: SearchEngine, placement_embedder: Embedder | None = None,
                 organisation: str | None = None, calibration: LinkCalibration | None = None,
                 dossier_weight: float = PLACEMENT_DOSSIER_WEIGHT,
                 continuation_weight: float = PLACEMENT_CONTINUATION_WEIGHT) -> None:
        """`placement_embedder`: the model that places activities under goals (nlp.embedding.placement_model);
        the engine's own when None. Goal and activity links always use the engine's. `organisation`: whose goals
        and activities are linked (all when None). `calibration`: the fitted goal weights and no-match rule (the
        defaults when None). `dossier_weight`: how much the goals' dossiers count in placement,
        `continuation_weight` how much an activity's continuation does when it is placed under another year's
        goals (0 leaves either out; evaluation compares)."""
        super().__init__(engine, organisation)
        self.calibration = calibration
        self.placement_embedder = placement_embedder or engine.embedder
        self.dossier_weight = dossier_weight
        self.continuation_weight = continuation_weight
