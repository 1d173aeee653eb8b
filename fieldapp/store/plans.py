"""The needs list (需求清单) and suggested project list (项目清单) of a community.

Both lists are first *derived* from the community's data (by :mod:`fieldapp.reports.plan`),
then reviewed and edited by people before the report goes out. Regenerating must never lose
an edit, so:

- a derived row's id is a name-based UUID of (community, table, ``source_key``): every device
  that regenerates the same list makes the same rows, which sync then merges instead of
  duplicating;
- ``edited_fields`` names the fields a person changed; regeneration writes only the others;
- a derived row a person deleted stays deleted (``edited_fields`` holds ``"deleted"``); one
  that regeneration retired (its evidence went away, nobody had touched it) comes back if the
  evidence returns;
- manual rows (``origin = manual``) are never touched by regeneration.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from fieldapp.store.base import Stamp, StoreBase
from fieldapp.store.fields import encode_json
from fieldapp.store.plan_fields import (
    NEED_COLUMNS,
    NEED_DERIVED,
    PROJECT_COLUMNS,
    PROJECT_DERIVED,
    Rule,
    check_plan_fields,
)
from fieldapp.store.records import SyncedRecord

__all__ = [
    "MergeReport",
    "Need",
    "NeedDraft",
    "PlanRepository",
    "ProjectDraft",
    "RenewalProject",
]

_NAMESPACE = uuid.UUID("6f3b1d2e-5a0c-4c1e-9f52-fa1d0a5e9b7c")
_DELETED = "deleted"


@dataclass(frozen=True, slots=True, kw_only=True)
class Need(SyncedRecord):
    """One row of a community's needs list; ``sources`` is the evidence behind it."""

    community_id: str
    origin: str
    source_key: str | None
    category: str
    title: str
    gap: str | None
    quantity: float | None
    unit: str | None
    sources: tuple[dict[str, Any], ...]
    resident_share: float | None
    priority: str | None
    review_status: str
    edited_fields: tuple[str, ...]
    sort_order: int
    notes: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RenewalProject(SyncedRecord):
    """One row of a community's suggested project list (项目清单)."""

    community_id: str
    origin: str
    source_key: str | None
    name: str
    content: str | None
    need_ids: tuple[str, ...]
    problem_ids: tuple[str, ...]
    project_type: str | None
    funding: str | None
    implementer: str | None
    year: int | None
    term: str | None
    priority: str | None
    estimated_cost_wan: float | None
    review_status: str
    edited_fields: tuple[str, ...]
    sort_order: int
    notes: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class NeedDraft:
    """A need as derivation proposes it; ``key`` identifies what it was derived from."""

    key: str
    category: str
    title: str
    gap: str | None = None
    quantity: float | None = None
    unit: str | None = None
    sources: tuple[dict[str, Any], ...] = ()
    resident_share: float | None = None
    priority: str | None = None
    sort_order: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectDraft:
    """A project as derivation proposes it; ``need_keys`` name the drafts it answers."""

    key: str
    name: str
    content: str | None = None
    need_keys: tuple[str, ...] = ()
    problem_ids: tuple[str, ...] = ()
    project_type: str | None = None
    funding: str | None = None
    implementer: str | None = None
    year: int | None = None
    term: str | None = None
    priority: str | None = None
    sort_order: int = 0


@dataclass(slots=True)
class MergeReport:
    """What merging a derived list did, per outcome (needs and projects together)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    kept_edited: int = 0
    changed_ids: list[str] = field(default_factory=list)


_JSON = frozenset({"sources", "need_ids", "problem_ids", "edited_fields"})


def _record(cls: type[Need] | type[RenewalProject], row: Mapping[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for f in fields(cls):
        raw = row[f.name]
        if f.name in _JSON:
            raw = tuple(json.loads(raw or "[]"))
        elif f.name in ("deleted", "dirty"):
            raw = bool(raw)
        values[f.name] = raw
    return cls(**values)


def derived_id(community_id: str, table: str, key: str) -> str:
    """The id every device gives the derived row ``key`` of ``table`` in a community."""
    return str(uuid.uuid5(_NAMESPACE, f"{community_id}\x1f{table}\x1f{key}"))


class PlanRepository(StoreBase):
    """Operations on the needs list and the suggested project list."""

    # -- needs ----------------------------------------------------------------------------

    def needs(self, community_id: str, *, include_deleted: bool = False) -> list[Need]:
        """The needs of a community in list order."""
        return [_record(Need, r) for r in self._plan_rows("needs", community_id, include_deleted)]

    def need(self, need_id: str, *, include_deleted: bool = False) -> Need:
        """The need ``need_id``; NotFoundError if missing (or deleted)."""
        return _record(Need, self._require("needs", need_id, live=not include_deleted))  # type: ignore[no-any-return]

    def add_need(self, community_id: str, title: str, *, category: str, **fields: Any) -> Need:
        """Add a need by hand (origin ``manual``); ``fields`` are other need columns."""
        values = check_plan_fields(NEED_COLUMNS, {"title": title, "category": category, **fields})
        with self._write() as stamp:
            self._require("communities", community_id)
            row_id = self._insert_plan(
                stamp, "needs", self._new_id(), community_id, "manual", None, values
            )
        return self.need(row_id)

    def update_need(self, need_id: str, **fields: Any) -> Need:
        """Change fields of a need; on a derived need they count as edits regeneration keeps."""
        values = check_plan_fields(NEED_COLUMNS, fields)
        with self._write() as stamp:
            self._edit(stamp, "needs", need_id, values, NEED_DERIVED)
        return self.need(need_id)

    def delete_need(self, need_id: str) -> Need:
        """Delete a need (tombstone); a deleted derived need stays deleted on regeneration."""
        with self._write() as stamp:
            self._delete(stamp, "needs", need_id)
        return self.need(need_id, include_deleted=True)

    # -- projects -------------------------------------------------------------------------

    def renewal_projects(
        self, community_id: str, *, include_deleted: bool = False
    ) -> list[RenewalProject]:
        """The suggested projects of a community in list order."""
        rows = self._plan_rows("renewal_projects", community_id, include_deleted)
        return [_record(RenewalProject, r) for r in rows]

    def renewal_project(self, project_id: str, *, include_deleted: bool = False) -> RenewalProject:
        """The project ``project_id``; NotFoundError if missing (or deleted)."""
        row = self._require("renewal_projects", project_id, live=not include_deleted)
        return _record(RenewalProject, row)  # type: ignore[no-any-return]

    def add_renewal_project(self, community_id: str, name: str, **fields: Any) -> RenewalProject:
        """Add a project by hand (origin ``manual``); ``fields`` are other project columns."""
        values = check_plan_fields(PROJECT_COLUMNS, {"name": name, **fields})
        with self._write() as stamp:
            self._require("communities", community_id)
            row_id = self._insert_plan(
                stamp, "renewal_projects", self._new_id(), community_id, "manual", None, values
            )
        return self.renewal_project(row_id)

    def update_renewal_project(self, project_id: str, **fields: Any) -> RenewalProject:
        """Change fields of a project; on a derived one they count as kept edits."""
        values = check_plan_fields(PROJECT_COLUMNS, fields)
        with self._write() as stamp:
            self._edit(stamp, "renewal_projects", project_id, values, PROJECT_DERIVED)
        return self.renewal_project(project_id)

    def delete_renewal_project(self, project_id: str) -> RenewalProject:
        """Delete a project (tombstone); a deleted derived one stays deleted."""
        with self._write() as stamp:
            self._delete(stamp, "renewal_projects", project_id)
        return self.renewal_project(project_id, include_deleted=True)

    def revert_plan_edits(self, table: str, row_id: str) -> None:
        """Forget the edits of a derived need or project (``table`` is ``needs`` or
        ``renewal_projects``), so the next regeneration writes every field again."""
        if table not in ("needs", "renewal_projects"):
            raise ValueError(f"not a plan table: {table!r}")
        with self._write() as stamp:
            current = self._require(table, row_id, live=False)
            values: dict[str, Any] = {"edited_fields": "[]"}
            if current["deleted"] and _DELETED in json.loads(current["edited_fields"]):
                values["deleted"] = 0
            self._update(stamp, table, current, values)

    # -- regeneration ---------------------------------------------------------------------

    def merge_derived_plan(
        self, community_id: str, needs: Sequence[NeedDraft], projects: Sequence[ProjectDraft]
    ) -> MergeReport:
        """Merge freshly derived lists into the stored ones, in one transaction (see the
        module docstring): new drafts are added, untouched rows follow their drafts, edited
        fields and deleted rows are kept, untouched rows without a draft are retired."""
        report = MergeReport()
        need_ids = {d.key: derived_id(community_id, "needs", d.key) for d in needs}
        with self._write() as stamp:
            self._require("communities", community_id)
            for table, drafts, columns, derived in (
                ("needs", [(d.key, _need_values(d)) for d in needs], NEED_COLUMNS, NEED_DERIVED),
                (
                    "renewal_projects",
                    [(p.key, _project_values(p, need_ids)) for p in projects],
                    PROJECT_COLUMNS,
                    PROJECT_DERIVED,
                ),
            ):
                self._merge(stamp, table, community_id, drafts, columns, derived, report)
        return report

    def _merge(
        self,
        stamp: Stamp,
        table: str,
        community_id: str,
        drafts: list[tuple[str, dict[str, Any]]],
        columns: Mapping[str, Rule],
        derived: tuple[str, ...],
        report: MergeReport,
    ) -> None:
        wanted: set[str] = set()
        for key, raw in drafts:
            values = check_plan_fields(columns, raw)
            row_id = derived_id(community_id, table, key)
            wanted.add(row_id)
            current = self._row(table, row_id)
            if current is None:
                self._insert_plan(stamp, table, row_id, community_id, "derived", key, values)
                report.added += 1
                report.changed_ids.append(row_id)
                continue
            edited = set(json.loads(current["edited_fields"]))
            if _DELETED in edited:
                report.kept_edited += 1
                continue
            changes = {k: v for k, v in values.items() if k in derived and k not in edited}
            if current["deleted"]:
                changes["deleted"] = 0  # retired earlier, evidence is back
            rev = self._update(stamp, table, current, changes)
            if rev != current["rev"]:
                report.updated += 1
                report.changed_ids.append(row_id)
            else:
                report.unchanged += 1
            report.kept_edited += bool(edited)
        for row in self._plan_rows(table, community_id, False):
            if row["origin"] != "derived" or row["id"] in wanted:
                continue
            if json.loads(row["edited_fields"]) or row["review_status"] != "pending":
                report.kept_edited += 1  # a person worked on it: theirs to remove
                continue
            self._update(stamp, table, row, {"deleted": 1})
            report.retired += 1
            report.changed_ids.append(row["id"])

    # -- internals ------------------------------------------------------------------------

    def _plan_rows(
        self, table: str, community_id: str, include_deleted: bool
    ) -> list[dict[str, Any]]:
        return self._rows(
            f"SELECT * FROM {table} WHERE community_id = ? AND deleted <= ? "  # noqa: S608
            "ORDER BY sort_order, created_at, id",
            (community_id, int(include_deleted)),
        )

    def _insert_plan(
        self,
        stamp: Stamp,
        table: str,
        row_id: str,
        community_id: str,
        origin: str,
        key: str | None,
        values: Mapping[str, Any],
    ) -> str:
        plan = {"community_id": community_id, "origin": origin, "source_key": key}
        return self._insert(
            stamp, table, {**plan, "review_status": "pending", **values}, row_id=row_id
        )

    def _edit(
        self,
        stamp: Stamp,
        table: str,
        row_id: str,
        values: dict[str, Any],
        derived: tuple[str, ...],
    ) -> None:
        current = self._require(table, row_id)
        if current["origin"] == "derived":
            edited = set(json.loads(current["edited_fields"]))
            edited |= {k for k, v in values.items() if k in derived and current[k] != v}
            values = {**values, "edited_fields": encode_json(sorted(edited))}
        self._update(stamp, table, current, values)

    def _delete(self, stamp: Stamp, table: str, row_id: str) -> None:
        current = self._require(table, row_id)
        values: dict[str, Any] = {"deleted": 1}
        if current["origin"] == "derived":
            edited = set(json.loads(current["edited_fields"])) | {_DELETED}
            values["edited_fields"] = encode_json(sorted(edited))
        self._update(stamp, table, current, values)


def _need_values(d: NeedDraft) -> dict[str, Any]:
    return {
        "category": d.category,
        "title": d.title,
        "gap": d.gap,
        "quantity": d.quantity,
        "unit": d.unit,
        "sources": list(d.sources),
        "resident_share": d.resident_share,
        "priority": d.priority,
        "sort_order": d.sort_order,
    }


def _project_values(p: ProjectDraft, need_ids: Mapping[str, str]) -> dict[str, Any]:
    return {
        "name": p.name,
        "content": p.content,
        "need_ids": [need_ids[k] for k in p.need_keys if k in need_ids],
        "problem_ids": list(p.problem_ids),
        "project_type": p.project_type,
        "funding": p.funding,
        "implementer": p.implementer,
        "year": p.year,
        "term": p.term,
        "priority": p.priority,
        "sort_order": p.sort_order,
    }
