from __future__ import annotations

import pytest

from corpus.diacritics import Vocabulary
from corpus.text import fold, normalise_goal_level, normalise_status, same_title


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Pågående enligt plan", "Pågående enligt plan"),
        ("▶ Pågående enligt plan", "Pågående enligt plan"),
        ("Pagaende  enligt plan", "Pågående enligt plan"),
        ("Pagéende  med avvikelse", "Pågående med avvikelse"),
        ("Avslutad med avvikelser", "Avslutad med avvikelse"),
        ("=Ej  pabérjad", "Ej påbörjad"),
        ('"Ej  paborjad', "Ej påbörjad"),
        ("Vantelage", "Vänteläge"),
        ("✔ Avslutad enligt plan", "Avslutad enligt plan"),
        ("Pågående", "Pågående"),
        ("Kommentar", None),
        ("", None),
    ],
)
def test_status_spellings_are_normalised(written: str, canonical: str | None) -> None:
    assert normalise_status(written) == canonical


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("Delvis uppfylit.", "Delvis uppfyllt"),
        ("B j uppfyiit", "Ej uppfyllt"),
        ("M gj Uppfylit", "Ej uppfyllt"),
        ("B g uppfyiit", "Ej uppfyllt"),
        ("@ upptynt", "Uppfyllt"),
        ("o Uppfyllt", "Uppfyllt"),
        ("Knappt uppfylit", "Knappt uppfyllt"),
        ("Malet bedoms darfor som Knappt uppfylit och mycket mer text", None),
    ],
)
def test_goal_levels_from_ocr(written: str, level: str | None) -> None:
    assert normalise_goal_level(written) == level


def test_fold_removes_case_diacritics_and_whitespace() -> None:
    assert fold("  Målet  BEDÖMS\tär  ") == "malet bedoms ar"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Arbetslösheten i kommunen ska minska.", "Ungdomsarbetslösheten i kommunen ska minska.", False),
        ("Minst 2 medarbetare ska påbörja vidareutbildning", "Minst 3 medarbetare ska påbörja vidareutbildning", False),
        ("Skapa ett ökat utbud av aktiviteter för alla, genom avtalssamverkan",
         "Skapa ett ökat utbud av aktiviteter för alla, genom avtalssamverkan med föreningslivet.", True),
        ("Fortsatta ett malmedvetet arbete med att hoja kvaliten", "Fortsätta ett målmedvetet arbete med att höja kvalitén", True),
    ],
)
def test_title_identity(a: str, b: str, same: bool) -> None:
    assert (same_title(a, b) > 0) is same


def test_ocr_words_get_their_swedish_letters_back() -> None:
    vocabulary = Vocabulary.from_texts(["Målet bedöms som pågående under höstterminen, målet är nått, två avtal."])
    assert vocabulary.restore("Malet bedoms som pagaende under héstterminen, tva avtal") == (
        "Målet bedöms som pågående under höstterminen, två avtal"
    )
