"""Swedish letters put back into text typed without them: a tiny word list, then wordfreq's and the corpus's."""

from __future__ import annotations

import pytest

from app.service import Service
from nlp.letters import LetterRestorer, WordList, typed_form

GENERAL = WordList(dict([
    ("för", 0.014), ("for", 0.0001), ("hjälp", 0.0004), ("äldre", 0.00015), ("aldre", 0.0000001),
    ("man", 0.0054), ("män", 0.00045), ("bor", 0.00023), ("bör", 0.000275), ("företags", 0.000004), ("hälsovården", 0.0000002), ("och", 0.03),
]))
LOCAL = WordList({"ånge": 0.01, "friskvårdsbidraget": 0.0005})


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hjalp for aldre", "hjälp för äldre"),
        ("Hjalp FOR aldre", "Hjälp FÖR äldre"),  # the writer's capitals are kept
        ("kvinnor och man", "kvinnor och man"),  # 'man' is more frequent than 'män'
        ("de bor", "de bor"),  # 'bör' is more frequent, but not by the margin: a near tie keeps what was typed
        ("Ange", "Ånge"),  # the corpus's own words
        ("friskvardsbidraget", "friskvårdsbidraget"),
        ("foretagshalsovarden", "företagshälsovården"),  # a compound of known parts
        ("xyzzyx och 2024", "xyzzyx och 2024"),  # unknown words and numbers as written
        ("hjalp för aldre", "hjalp för aldre"),  # one Swedish letter: the writer has them, nothing changes
        ("", ""),
    ],
)
def test_letters_are_restored(typed: str, read: str) -> None:
    assert LetterRestorer(LOCAL, GENERAL).restore(typed) == read


def test_typed_form_folds_swedish_letters() -> None:
    assert typed_form("Företagshälsovården idé") == "foretagshalsovarden ide"


def test_wordfreq_and_the_corpus_read_an_everyday_query(service: Service) -> None:
    letters = service.engine.letters
    assert letters.restore("hjalp for den som lange statt utan jobb") == "hjälp för den som länge stått utan jobb"
    assert letters.restore("Langtidsarbetslosa i Ange") == "Långtidsarbetslösa i Ånge"


def test_search_suggest_and_assess_read_text_typed_without_letters(service: Service) -> None:
    typed, written = "stod for langtidsarbetslosa", "stöd för långtidsarbetslösa"
    result = service.search(typed, k=5)
    assert result["query"] == typed and result["interpreted_query"] == written
    assert [h["id"] for h in result["hits"]] == [h["id"] for h in service.search(written, k=5)["hits"]]

    placed = service.suggest_goal("Feriearbete for ungdomar pa sommarlovet", 2024, k=3)
    assert placed["interpreted_text"] == "Feriearbete för ungdomar på sommarlovet"
    same = service.suggest_goal("Feriearbete för ungdomar på sommarlovet", 2024, k=3)
    assert [c["id"] for c in placed["candidates"]] == [c["id"] for c in same["candidates"]]

    assessed = service.assess("Aktiviteten ar genomford och avslutad enligt plan.", "activity")
    assert assessed["interpreted_text"] == "Aktiviteten är genomförd och avslutad enligt plan."
    assert assessed["label"] == service.assess("Aktiviteten är genomförd och avslutad enligt plan.", "activity")["label"]
