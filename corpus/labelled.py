"""Labelled follow-up comments beyond the stored reports: the team's examples in other municipalities' styles
(`corpus/examples/*.jsonl`) and any folder UPPSIKT_EXAMPLES names (a municipality's own, without code).

Each line is `{"municipality", "kind", "title", "text", "label", "canonical"}`: the label as the
municipality writes it (its own scale, a colour, a status word) and its canonical form. Where the label
schemes know the written label, they must agree with `canonical`; a file that disagrees, or a line that is
not of this form, is one Swedish sentence naming the file and line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.labels import schemes
from corpus.model import UppsiktError
from corpus.text import label_space_for

BUILTIN_DIR = Path(__file__).resolve().parent / "examples"
FIELDS = ("municipality", "kind", "title", "text", "label", "canonical")
# Finer canonical labels than a scheme's word can carry: where a scale has one word for work under way
# ("Pågår") beside one for a deviation, it means on plan; where it has one word for done ("Klar"), work done
# late or reduced is still written so. An example may give the finer label the schemes cannot know.
REFINES = {"Pågående": frozenset({"Pågående enligt plan"}),
           "Avslutad enligt plan": frozenset({"Avslutad med avvikelse"})}


@dataclass(frozen=True)
class LabelledComment:
    """One comment with its level: as the municipality writes it, and canonical."""

    municipality: str
    kind: str
    title: str
    text: str
    written: str
    label: str
    source: str  # the file it came from, for leave-one-municipality-out and for error messages


def read_labelled(path: Path) -> list[LabelledComment]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} rad {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UppsiktError(f"Exempelfilen {where} är inte JSON ({exc.msg}).") from exc
        missing = [f for f in FIELDS if not isinstance(row.get(f), str) or not row[f].strip()]
        if missing:
            raise UppsiktError(f"Exempelfilen {where} saknar {', '.join(missing)}.")
        kind, canonical = row["kind"], row["canonical"]
        if kind not in ("activity", "goal"):
            raise UppsiktError(f"Exempelfilen {where} har typen '{kind}'; välj activity eller goal.")
        if canonical not in label_space_for(kind):
            raise UppsiktError(f"Exempelfilen {where} har nivån '{canonical}', som inte är en av "
                               f"{', '.join(label_space_for(kind))}.")
        known = schemes().match(kind, row["label"])
        if known is not None and canonical != known.canonical and canonical not in REFINES.get(known.canonical, ()):
            raise UppsiktError(f"Exempelfilen {where}: '{row['label']}' betyder {known.canonical} enligt "
                               f"etikettschemat {known.scheme}, inte {canonical}.")
        out.append(LabelledComment(row["municipality"].strip(), kind, row["title"].strip(), row["text"].strip(),
                                   row["label"].strip(), canonical, path.name))
    return out


def _extra_dirs() -> tuple[Path, ...]:
    value = os.environ.get("UPPSIKT_EXAMPLES", "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


@lru_cache(maxsize=4)
def _load(dirs: tuple[Path, ...]) -> tuple[LabelledComment, ...]:
    out: list[LabelledComment] = []
    for folder in dirs:
        for path in sorted(folder.glob("*.jsonl")):
            out += read_labelled(path)
    return tuple(out)


def labelled_comments(kind: str | None = None) -> list[LabelledComment]:
    """Every labelled comment of the built-in folder and UPPSIKT_EXAMPLES, of `kind` if given."""
    found = _load((BUILTIN_DIR, *_extra_dirs()))
    return [c for c in found if kind is None or c.kind == kind]
