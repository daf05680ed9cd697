"""The reading of Swedish progress language: tense and aspect, negation and its scope, delay and obstacles,
completion against a target, indicators and trends; and the decisions built on it (ordinal proposal,
abstention fitted out of fold, labelled examples in other schemes)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from corpus.labelled import labelled_comments, read_labelled
from corpus.model import UppsiktError
from nlp.assess import abstains, best_level, fit_abstention
from nlp.progress import FEATURE_NAMES, progress_features, progress_status, read_progress, reading_summary


@pytest.mark.parametrize(
    ("text", "says", "not_says"),
    [
        # tense and aspect
        ("Utbildningen genomfördes i mars.", {"done"}, {"ongoing", "not_done"}),
        ("Rutinen antogs av nämnden i maj.", {"done"}, set()),
        ("Systemet togs i bruk efter sommaren.", {"done"}, set()),
        ("Avtalet skrevs under i april.", {"done"}, set()),
        ("Vi genomför utbildningar löpande under året.", {"ongoing"}, {"done"}),
        ("Kartläggningen pågår och fortsätter under hösten.", {"ongoing", "planned"}, {"done"}),
        ("En enkät kommer att skickas ut i höst.", {"planned"}, {"done"}),
        ("Arbetet ska påbörjas efter sommaren.", {"not_started"}, {"done"}),
        ("Uppstart sker under kvartal 4.", {"not_started"}, set()),
        ("Uppstarten sker i februari när ansökan öppnar.", {"not_started"}, set()),
        ("Aktiviteten startar först efter årsskiftet.", {"not_started"}, {"done"}),
        ("Förberedelserna har ännu inte inletts.", {"not_started"}, {"done"}),
        # a start that waits for something first
        ("Inventeringen startar när den nya modulen finns på plats.", {"not_started"}, {"done"}),
        ("Flygbilderna beställs först till våren.", {"not_started"}, set()),
        ("Installation tidigast 2026.", {"not_started"}, set()),
        ("Utredningen överlämnades till nämnden i september.", {"done"}, set()),  # a particle verb
        # negation and its scope
        ("Arbetet har ännu inte påbörjats.", {"not_started"}, {"started", "ongoing"}),
        ("Insatsen påbörjas inte förrän nästa år.", {"not_started"}, {"started"}),
        ("Arbetet är inte klart än.", {"not_done"}, {"done"}),
        ("Handlingsplanen har inte antagits.", {"not_done"}, {"done"}),
        ("Projektet är inte längre försenat.", {"no_deviation"}, {"delay"}),
        ("Det finns inga avvikelser att rapportera.", {"no_deviation"}, {"delay"}),
        ("Planen är klar, men inte förankrad.", {"done"}, set()),
        # delay and obstacles
        ("Leveransen är försenad.", {"delay"}, set()),
        ("Starten har skjutits upp till våren.", {"delay"}, set()),
        ("Vi har inte kunnat starta på grund av vakanser.", {"delay", "obstacle"}, {"no_deviation"}),
        ("Arbetet ligger efter tidplanen efter sjukskrivningar.", {"delay", "obstacle"}, set()),
        ("Beslut avvaktas från regionen.", {"waiting"}, set()),
        ("Arbetet är pausat tills vidare.", {"waiting"}, set()),
        ("Driftstarten är flyttad från september till februari.", {"delay"}, set()),
        ("Skolans del flyttas till 2026.", {"delay"}, set()),
        ("Verksamheten flyttade till nya lokaler i maj.", set(), {"delay"}),  # a move, not a postponement
        ("Bygget står stilla i väntan på beslut.", {"waiting"}, set()),
        ("Allt står still sedan maj.", {"waiting"}, set()),
        ("Inget har hänt sedan april.", {"waiting"}, set()),
        ("Nämnden går inte vidare förrän fullmäktige har beslutat.", {"waiting"}, set()),
        ("Bryggan stod klar i juni.", {"done"}, {"not_done"}),
        ("Klart. Alla deltagare är utbildade.", {"done", "all"}, set()),
        # completion against a target
        ("Samtliga skolor deltar.", {"all"}, {"partly"}),
        ("6 av 10 enheter har hittills infört arbetssättet.", {"partly", "ongoing", "done"}, set()),
        ("Vissa delar återstår.", {"partly", "planned"}, set()),
        # indicators, targets and trends
        ("Andelen ligger på 78 procent mot målvärdet 85.", {"indicator", "target"}, set()),
        ("Kostnaderna har minskat jämfört med föregående år.", {"falling", "target"}, {"rising"}),
        ("Nöjdheten har ökat och utvecklingen går åt rätt håll.", {"rising", "positive"}, set()),
        ("Resultaten når inte målvärdet och är oroande.", {"target_missed", "negative"}, {"target_met"}),
        ("Vi når redan målvärdet för 2025.", {"target_met"}, {"target_missed"}),
        ("Utvecklingen är inte positiv.", {"negative"}, {"positive"}),
        ("Alla fyra nämnder redovisade underskott.", {"negative"}, {"positive"}),
        ("Resultatet blev 96 miljoner kronor sämre än budget.", {"negative"}, set()),
        # a step set for a time to come, in the present tense; not a past step, nor a follow-up of finished work
        ("Granskningen sker i september.", {"planned"}, set()),
        ("Remisstiden går ut den 15 december.", {"planned"}, set()),
        ("Samrådet hölls i mars.", {"done"}, {"planned"}),
        ("Sträckan grävdes i maj.", set(), {"planned"}),
        ("Den första uppföljningen sker i december.", set(), {"planned"}),
        # delay said against any plan, and what cannot be done
        ("Rapporten lämnades två månader senare än beställt.", {"delay"}, set()),
        ("Arbetet ligger ett halvår efter den ursprungliga tidplanen.", {"delay"}, set()),
        ("Etapp 2 kan därför inte byggas i år.", {"delay"}, set()),
        ("Arbetet har inte påbörjats.", {"not_started"}, {"delay"}),
        ("Tilldelningsbeslutet har överprövats.", {"obstacle"}, set()),
        ("Anslaget räckte inte till alla hallar.", {"obstacle"}, set()),
        # ended before it was done; set aside
        ("Förstudien lades ned i mars.", {"cancelled"}, {"planned"}),
        ("Nämnden beslutade att inte gå vidare med bilpoolen.", {"cancelled"}, {"waiting"}),
        ("Nämnden går inte vidare förrän planen är antagen.", {"waiting"}, {"cancelled"}),
        ("Utredningen ligger på is.", {"waiting"}, set()),
        ("Planarbetet har lagts åt sidan.", {"waiting"}, set()),
    ],
)
def test_progress_is_read(text: str, says: set[str], not_says: set[str]) -> None:
    found = set(reading_summary(text))
    assert says <= found, found
    assert not (not_says & found), found


@pytest.mark.parametrize(("text", "status"), [
    ("Förstudien lades ned i mars sedan grannkommunen valt en egen lösning.", "Avslutad med avvikelse"),
    ("Uppdraget ligger på is sedan april.", "Vänteläge"),
    ("Samrådet hölls i mars. Granskningen sker i september.", "Pågående enligt plan"),
    ("Samrådet hölls i mars och planen antogs i juni.", "Avslutad enligt plan"),
    ("Rapporten lämnades i november, två månader senare än beställt.", "Pågående med avvikelse"),
    # Strong preterites and a clinic's 'tog emot' say it was done; 'i kliniskt bruk' is 'i bruk'.
    ("Kommunfullmäktige antog sjöbodspolicyn med tillhörande riktlinjer.", "Avslutad enligt plan"),
    ("Båda kamerorna togs i kliniskt bruk i april.", "Avslutad enligt plan"),
    # 'Nästa steg' is a noun, not the verb 'steg': the step to come keeps the work under way.
    ("Andelen är 71 procent. Nästa steg, ny schemaläggning, tas i november som beslutat.", "Pågående enligt plan"),
    # Set for later, or nobody on it yet: not started.
    ("Inventeringen är planerad till fjärde kvartalet.", "Ej påbörjad"),
    ("Upprustningen är budgeterad till nästa år.", "Ej påbörjad"),
    ("Uppdraget tas upp när den nya fastighetschefen är på plats i januari.", "Ej påbörjad"),
    ("Kartläggningen görs nästa år. Ingen projektledare är ännu utsedd.", "Ej påbörjad"),
    # The work closed as it stands, with what was not done: finished with a deviation.
    ("Belysningen är utbytt i skolorna men inte i hallarna, eftersom anslaget inte räckte. Projektet stängs med de "
     "delar som hunnits.", "Avslutad med avvikelse"),
])
def test_the_reviewers_reading_of_a_comment(text: str, status: str) -> None:
    assert progress_status(text) == status


@pytest.mark.parametrize(
    ("text", "silent"),
    [("Ansvarig är socialchefen.", True), ("Se bilaga 3.", True), ("Arbetet pågår.", False),
     ("Andelen har ökat.", False)],
)
def test_a_text_without_progress_is_silent(text: str, silent: bool) -> None:
    assert read_progress(text).silent is silent


def test_completion_share_and_feature_vector() -> None:
    reading = read_progress("Hittills har 3 av 12 förskolor anslutit, 9 av 12 återstår.")
    assert reading.completed_share == pytest.approx(0.25)
    vector = progress_features("Hittills har 3 av 12 förskolor anslutit.")
    assert vector.shape == (len(FEATURE_NAMES),)
    assert vector[FEATURE_NAMES.index("completed_share")] == pytest.approx(0.25)
    assert vector[FEATURE_NAMES.index("no_share")] == 0.0


@pytest.mark.parametrize(
    ("probabilities", "level"),
    [
        ({"Uppfyllt": 0.6, "Delvis uppfyllt": 0.2, "Knappt uppfyllt": 0.1, "Ej uppfyllt": 0.1}, "Uppfyllt"),
        # Split between the ends: the median is a middle level, nearer on average than either end.
        ({"Uppfyllt": 0.45, "Delvis uppfyllt": 0.1, "Knappt uppfyllt": 0.0, "Ej uppfyllt": 0.45}, "Delvis uppfyllt"),
        ({"Uppfyllt": 0.1, "Delvis uppfyllt": 0.1, "Knappt uppfyllt": 0.2, "Ej uppfyllt": 0.6}, "Ej uppfyllt"),
    ],
)
def test_goal_proposal_is_the_median_level(probabilities: dict[str, float], level: str) -> None:
    assert best_level("goal", probabilities) == level


def test_activity_proposal_is_the_most_probable() -> None:
    assert best_level("activity", {"Pågående enligt plan": 0.4, "Avslutad enligt plan": 0.6}) == "Avslutad enligt plan"


def test_abstention_only_where_the_text_is_silent_or_nothing_is_likely() -> None:
    spread = {"Uppfyllt": 0.26, "Delvis uppfyllt": 0.25, "Knappt uppfyllt": 0.25, "Ej uppfyllt": 0.24}
    sure = {"Uppfyllt": 0.7, "Delvis uppfyllt": 0.1, "Knappt uppfyllt": 0.1, "Ej uppfyllt": 0.1}
    assert abstains("goal", sure, "Ansvarig är kommundirektören.")  # says nothing of progress
    assert not abstains("goal", sure, "Andelen har ökat jämfört med föregående år.")
    assert abstains("goal", spread, "Andelen har ökat.", below=0.3)
    assert not abstains("goal", spread, "Andelen har ökat.", below=0.2)
    # A text that says something decisive ('delvis', a missed target, 'försenad') gets its proposal, however
    # spread the probabilities: 'för svagt underlag' is for texts that say nothing of progress.
    assert not abstains("goal", spread, "Andelen har ökat men inte i takt med målet.", below=0.3)
    assert not abstains("goal", spread, "Andelen är 72 % (mål 80 %).", below=0.3)
    activity_spread = dict.fromkeys(("Pågående enligt plan", "Pågående med avvikelse", "Ej påbörjad"), 1 / 3)
    assert not abstains("activity", activity_spread, "Leveransen är försenad.", below=0.4)
    assert abstains("activity", activity_spread, "En rutin kommer att tas fram.", below=0.4)  # planned: not decisive


def test_abstention_floor_withholds_what_is_more_often_wrong() -> None:
    rng = np.random.default_rng(0)
    top = rng.uniform(0.15, 1.0, 400)
    correct = list(top > 0.32)  # below 0.32 always wrong; above 0.35 more than a fifth would be withheld
    assert fit_abstention(list(top), correct) == 0.3
    assert fit_abstention(list(top), [True] * 400) == 0.0  # nothing to withhold
    assert fit_abstention([0.1] * 100, [False] * 100) == 0.0  # would withhold everything: not allowed


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_labelled_examples_keep_the_written_label(tmp_path: Path) -> None:
    path = _write(tmp_path / "hedmyra.jsonl", [
        {"municipality": "Hedmyra kommun", "kind": "goal", "title": "Fler i arbete",
         "text": "Andelen har ökat något.", "label": "Gul", "canonical": "Delvis uppfyllt"},
        {"municipality": "Hedmyra kommun", "kind": "activity", "title": "Ny rutin",
         "text": "Rutinen antogs i maj.", "label": "Klar", "canonical": "Avslutad enligt plan"},
    ])
    rows = read_labelled(path)
    assert [(r.written, r.label, r.municipality) for r in rows] == [
        ("Gul", "Delvis uppfyllt", "Hedmyra kommun"), ("Klar", "Avslutad enligt plan", "Hedmyra kommun")]


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ({"kind": "goal", "label": "Röd", "canonical": "Uppfyllt"}, "betyder Ej uppfyllt"),
        ({"kind": "goal", "label": "Bra", "canonical": "Nästan"}, "som inte är en av"),
        ({"kind": "uppdrag", "label": "Bra", "canonical": "Uppfyllt"}, "har typen"),
        ({"kind": "goal", "label": "", "canonical": "Uppfyllt"}, "saknar label"),
    ],
)
def test_a_bad_example_file_is_one_sentence(tmp_path: Path, row: dict[str, str], says: str) -> None:
    base = {"municipality": "Hedmyra kommun", "title": "Mål", "text": "Andelen har ökat."}
    with pytest.raises(UppsiktError, match=says):
        read_labelled(_write(tmp_path / "fel.jsonl", [{**base, **row}]))


def test_the_team_examples_cover_municipalities_outside_the_held_out_ones() -> None:
    held_out = {"Östersund", "Stockholm", "Falköping", "Skövde", "Nynäshamn", "Vårgårda", "Uddevalla", "Jönköping",
                "Västerås", "Järfälla", "Lidköping", "Malmö", "Ånge"}
    comments = labelled_comments()
    municipalities = {c.municipality for c in comments}
    assert len(municipalities) >= 6
    assert not any(name in m for m in municipalities for name in held_out)
    for kind in ("activity", "goal"):
        assert len({c.label for c in comments if c.kind == kind}) >= 4


@pytest.mark.parametrize(("title", "text", "goals_way", "against"), [
    ("Andelen som klarar gymnasiet ska öka", "Andelen har ökat från 78 till 81 procent.", 1.0, 0.0),
    ("Andelen som klarar gymnasiet ska öka", "Andelen har minskat något jämfört med i fjol.", 0.0, 1.0),
    # For a goal to reduce something, a fall and an improvement are both its way
    ("Sjukfrånvaron ska minska", "Sjukfrånvaron har sjunkit under året.", 1.0, 0.0),
    ("Sjukfrånvaron ska minska", "Sjukfrånvaron har förbättrats jämfört med förra året.", 1.0, 0.0),
    ("Sjukfrånvaron ska minska", "Sjukfrånvaron har ökat under hösten.", 0.0, 1.0),
    ("Kommunen ska vara en trygg plats", "Tryggheten har ökat.", 0.0, 0.0),  # the goal says no way
])
def test_a_trend_read_against_the_goals_way(title: str, text: str, goals_way: float, against: float) -> None:
    from nlp.progress import direction_features

    features = direction_features(title, text)
    assert (features[0], features[1]) == (goals_way, against)
