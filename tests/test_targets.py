"""Indicator values against target values, as Swedish goal comments state them (nlp/targets.py)."""

from __future__ import annotations

import pytest

from nlp.targets import TARGET_FEATURE_NAMES, target_comparisons, target_features


@pytest.mark.parametrize(("text", "title", "read"), [
    # (value, target, lower is better, met)
    ("Nöjdheten är 81 procent (mål 78 procent).", "", [(81, 78, False, True)]),
    ("Handläggningstiden var i snitt 12 dagar mot målet 10.", "", [(12, 10, True, False)]),  # a time: lower
    ("Andelen var 64 procent, mot 70 procent som var målet.", "", [(64, 70, False, False)]),
    ("Andelen behöriga är 91 procent, lika som i fjol. Målet var 90.", "", [(91, 90, False, True)]),
    ("Kostnaden per plats blev 1 240 kr (mål högst 1 300 kr).", "", [(1240, 1300, True, True)]),
    ("Resultatet blev 2,1 procent av skatteintäkterna (mål minst 2 procent).", "", [(2.1, 2, False, True)]),
    ("Antalet olyckor var 41 mot målet 35.", "Olyckorna ska bli färre", [(41, 35, True, False)]),  # by the goal
    ("Under 2025 färdigställdes 120 bostäder, under målet om 200.", "", [(120, 200, False, False)]),
    ("Arbetet har gått bra under året.", "", []),
    ("9 av 14 skolor har anslutit.", "", []),  # a count is no indicator against a target
])
def test_figures_against_targets(text: str, title: str, read: list[tuple]) -> None:
    found = [(c.value, c.target, c.lower_is_better, c.met) for c in target_comparisons(text, title)]
    assert found == [(float(v), float(t), lower, met) for v, t, lower, met in read]


def test_target_features_say_how_the_figures_stand() -> None:
    def named(vector):  # noqa: ANN001, ANN202
        return {name for name, value in zip(TARGET_FEATURE_NAMES, vector, strict=True) if value}

    assert named(target_features("", "Arbetet går bra.")) == set()
    assert named(target_features("", "Andelen är 88 % (mål 85 %).")) == {"states_target", "all_met"}
    assert named(target_features("", "Andelen är 83 % (mål 85 %).")) == {"states_target", "none_met", "near_miss"}
    assert named(target_features("", "Andelen är 60 % (mål 85 %). Nöjdheten är 90 (mål 80).")) == {
        "states_target", "some_met", "far_miss"}


def test_figures_against_a_target_are_a_basis_for_a_proposal() -> None:
    from nlp.assess import abstains

    probabilities = {"Uppfyllt": 0.7, "Delvis uppfyllt": 0.2, "Knappt uppfyllt": 0.05, "Ej uppfyllt": 0.05}
    assert not abstains("goal", probabilities, "Nöjd kundindex 81 (mål 78).")
    assert abstains("goal", probabilities, "Se bilaga 3.")
