"""Domain adaptation of the converted e5 model with sentence-transformers (MNRL, no-duplicates batches).

Pairs come from the reports themselves, for one year at a time: activity ↔ the goal it serves,
sub-goal ↔ its goal, and one activity's two reported comments. The other year is kept for evaluation.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from corpus.store import Store, now_iso
from nlp.documents import load_documents


def training_pairs(store: Store, year: int) -> list[tuple[str, str]]:
    """(anchor, positive) texts of one year; e5 prompts added ('query: ' anchor, 'passage: ' goal)."""
    docs = [d for d in load_documents(store) if d.year == year]
    by_id = {d.id: d for d in docs}
    top = {}
    for doc in docs:
        if doc.kind == "goal":
            parent = doc.goal_ids[0] if doc.goal_ids else None
            top[doc.id] = parent or doc.id
    pairs: list[tuple[str, str]] = []
    for doc in docs:
        if doc.kind == "activity":
            for goal_id in dict.fromkeys(top.get(g, g) for g in doc.goal_ids):
                if goal_id in by_id:
                    pairs.append((f"query: {doc.passage('title_description')}", f"passage: {by_id[goal_id].passage('full')}"))
        elif doc.goal_ids and doc.goal_ids[0] in by_id:
            pairs.append((f"query: {doc.title}", f"passage: {by_id[doc.goal_ids[0]].passage('full')}"))
    for activity in store.activities(year=year):
        comments = [v["comment"] for v in activity["versions"] if v["comment"]]
        if len(comments) >= 2 and comments[0] != comments[1]:
            pairs.append((f"query: {comments[0][:800]}", f"query: {comments[1][:800]}"))
    return pairs


def train(base: Path, pairs: list[tuple[str, str]], out_dir: Path, epochs: int = 2, batch_size: int = 16,
          learning_rate: float = 2e-5, max_steps: int = -1) -> dict[str, object]:
    """Fine-tune `base` on the pairs with MultipleNegativesRankingLoss; writes the model and meta.json."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from datasets import Dataset
    from sentence_transformers import (
        SentenceTransformer,
        SentenceTransformerTrainer,
        SentenceTransformerTrainingArguments,
        losses,
    )
    from sentence_transformers.training_args import BatchSamplers

    model = SentenceTransformer(str(base), device="cpu")
    model.max_seq_length = 256  # the pairs are short; shorter sequences train faster on CPU
    dataset = Dataset.from_dict({"anchor": [a for a, _ in pairs], "positive": [p for _, p in pairs]})
    arguments = SentenceTransformerTrainingArguments(
        output_dir=str(out_dir / "checkpoints"), num_train_epochs=epochs, per_device_train_batch_size=batch_size,
        learning_rate=learning_rate, warmup_ratio=0.1, batch_sampler=BatchSamplers.NO_DUPLICATES,
        save_strategy="no", logging_steps=10, report_to="none", use_cpu=True, max_steps=max_steps, seed=13,
    )
    started = time.perf_counter()
    SentenceTransformerTrainer(model=model, args=arguments, train_dataset=dataset,
                               loss=losses.MultipleNegativesRankingLoss(model)).train()
    model.max_seq_length = 512
    model.save(str(out_dir))
    digest = hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
    meta = {"base": str(base), "pairs": len(pairs), "pairs_sha256": digest, "epochs": epochs, "batch_size": batch_size,
            "learning_rate": learning_rate, "loss": "MultipleNegativesRankingLoss", "batch_sampler": "no_duplicates",
            "training_seconds": round(time.perf_counter() - started, 1), "trained_at": now_iso()}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta
