"""Place names learned from a corpus, and the place rule of activity continuations."""

from __future__ import annotations

import dataclasses

import pytest

from app.service import Service
from evaluation.link_eval import evaluate_written_place_twins
from nlp.lexical import SwedishAnalyzer
from nlp.places import PlaceNames

CORPUS = [
    "Ånge kommun ska bygga en ny gruppbostad i Ånge och en förskola i Fränsta.",
    "Badplatsen vid Överturingen rustas. Personalen på Furubacken utbildas.",
    "Deltagarna skrivs in i Ångemodellen Unga. Arbetet sker i Dynamiska inköpssystem och i Agenda 2030.",
    "Samarbete mellan Region och Kommun. Utveckla Ljungaverks folkets hus, i Ljungaverk.",
    "Öka tryggheten i skolan och i förskolan.",
]


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return PlaceNames.from_texts(CORPUS, SwedishAnalyzer().is_word)


def test_places_are_learned_from_locatives(places: PlaceNames) -> None:
    # Not a project built on a place name, a dictionary word, a programme with a number, or a word
    # the corpus also writes in lower case.
    assert places.names == {"Ånge", "Fränsta", "Överturingen", "Furubacken", "Ljungaverk"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ny gruppbostad Ånge", {"Ånge"}),
        ("Starta dagverksamhet i centrala Ånge och i Fränsta", {"Ånge", "Fränsta"}),
        ("Ånge kommun ska minska sjukfrånvaron", set()),
        ("Utveckla Ljungaverks folkets hus till ett kulturcentrum", {"Ljungaverk"}),
        ("Fler deltagare i Ångemodellen Unga", set()),
        ("Öppna ny badplats vid Överturingen", {"Överturingen"}),
        ("Minska övertiden inom äldreomsorgen", set()),
    ],
)
def test_places_found_in_a_text(places: PlaceNames, text: str, found: set[str]) -> None:
    assert places.find(text) == found


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("Ny gruppbostad Ånge", "Ny gruppbostad i Fränsta", True),
        ("Ny gruppbostad Ånge", "Starta ny gruppbostad i Ånge", False),
        ("Samverkan med Ånge hälsocentral och Fränsta vårdcentral", "Dagvård i Fränsta", False),
        ("Ny gruppbostad Ånge", "Bygga en ny gruppbostad", False),  # a text without a place is no conflict
    ],
)
def test_places_apart(places: PlaceNames, a: str, b: str, apart: bool) -> None:
    assert places.apart(places.find(a), places.find(b)) is apart


def test_the_same_kind_elsewhere_ranks_below_the_continuation(service: Service) -> None:
    # 2023's "Ny gruppbostad Ånge" continues as 2024's "Starta ny gruppbostad i Ånge". Its own words moved
    # to Fränsta read closer to it than the reworded continuation; the place rule puts the twin below.
    linker = service.linker
    source = linker.by_id["ange-a2023-ny-gruppbostad-ange"]
    continuation = linker.by_id["ange-a2024-starta-ny-gruppbostad-i-ange"]
    twin = dataclasses.replace(source, id="twin-fransta", year=2024, title="Ny gruppbostad Fränsta",
                               description=source.description.replace("Ånge", "Fränsta"),
                               comment=source.comment.replace("Ånge", "Fränsta"))
    plain = linker.continuations.activity_similarity([source], [continuation, twin], place_penalty=0.0)[0]
    ruled = linker.continuations.activity_similarity([source], [continuation, twin])[0]
    assert plain[1] > plain[0] and ruled[0] > ruled[1]
    links = {link["id"]: link for link in service.link_activities(2023, 2024, k=5)}
    candidates = links[source.id]["candidates"]
    assert candidates[0]["id"] == continuation.id and candidates[0]["other_place"] is False
    assert all(isinstance(c["other_place"], bool) for c in candidates)


def test_written_twins_rank_below_their_continuations(service: Service) -> None:
    # evaluation/gold/place_twins.jsonl: an activity, its continuation in new words, and the same kind of
    # activity elsewhere in the old words. Without the rule the old words win many of them (fewer now that the
    # shared words count: the continuation shares the place's name).
    figures = evaluate_written_place_twins(service.linker)
    assert figures["model"]["n"] == 12 and figures["model"]["ranked_below"] == 1.0
    assert figures["without_place_rule"]["ranked_below"] < 0.75  # at least 4 of 12 lost without the rule
    assert 0.0 < service.linker.continuations.similarity_spread < 0.2
