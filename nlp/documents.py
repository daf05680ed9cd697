"""Search documents: one per goal or activity entity, with the text that represents it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from corpus.store import Store

REPRESENTATIONS = ("title", "title_description", "title_description_goal", "full")
DEFAULT_REPRESENTATION = "full"  # best dense and fused figures on the dev set (evaluation/REPORT.md)


@dataclass(frozen=True)
class Document:
    """One searchable entity. `body` is what the user sees; `passage()` is what gets embedded."""

    id: str
    kind: str
    year: int
    title: str
    description: str
    comment: str
    goal_ids: tuple[str, ...]
    goal_titles: tuple[str, ...]
    status: str | None
    reports: tuple[str, ...]
    units: tuple[str, ...]
    extra: str = ""
    area: str | None = None  # a goal's goal area ("Barn och Unga", "Tillväxt"), where the report states one
    organisation: str = ""  # the municipality or region whose reports state it

    @property
    def body(self) -> str:
        return "\n\n".join(p for p in (self.title, self.description, self.extra, self.comment) if p)

    def passage(self, representation: str = DEFAULT_REPRESENTATION) -> str:
        parts = [self.title]
        if representation != "title":
            parts.append(self.description or self.extra)
        if representation in {"title_description_goal", "full"}:
            parts.extend(f"Mål: {t}" for t in self.goal_titles)
            if self.kind == "goal":
                parts.append(self.extra)
        if representation == "full":
            parts.append(self.comment[:600])
        return " ".join(p for p in dict.fromkeys(parts) if p)

    def digest(self, representation: str) -> str:
        return hashlib.sha1(self.passage(representation).encode("utf-8")).hexdigest()


def load_documents(store: Store) -> list[Document]:
    """Every goal and activity entity of the store as a Document, goals first."""
    goals = store.goals()
    by_id = {g["id"]: g for g in goals}
    docs: list[Document] = []
    for goal in goals:
        children = [g for g in goals if g["parent_id"] == goal["id"]]
        parent = by_id.get(goal["parent_id"]) if goal["parent_id"] else None
        extra = " ".join([c["title"] for c in children] + goal["measures"])
        docs.append(
            Document(
                id=goal["id"], kind="goal", year=goal["year"], title=goal["title"],
                description="", comment=goal["comment"] or "",
                goal_ids=(parent["id"],) if parent else (),
                goal_titles=(parent["title"],) if parent else (),
                status=goal["assessment"], reports=tuple(goal["reports"]), units=(), extra=extra,
                area=goal.get("area"), organisation=goal["organisation"],
            )
        )
    for activity in store.activities():
        versions = activity["versions"]
        newest = versions[0] if versions else {"status": None, "comment": ""}
        comment = next((v["comment"] for v in versions if v["comment"]), "")
        docs.append(
            Document(
                id=activity["id"], kind="activity", year=activity["year"], title=activity["title"],
                description=activity["description"], comment=comment,
                goal_ids=tuple(activity["goal_ids"]),
                goal_titles=tuple(by_id[g]["title"] for g in activity["goal_ids"] if g in by_id),
                status=newest["status"], reports=tuple(v["report"] for v in versions), units=tuple(activity["units"]),
                organisation=activity["organisation"],
            )
        )
    return docs
