"""The plain, immutable records the store returns — one dataclass per table."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = [
    "AnswerInput",
    "AnswerRow",
    "Building",
    "Community",
    "Estate",
    "FormRecord",
    "Photo",
    "PhotoLink",
    "Problem",
    "ProblemEvent",
    "Project",
    "Submission",
    "SyncedRecord",
    "record_from_row",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncedRecord:
    """Columns every synced row has: id, revision, clock stamp, writer, tombstone, sync flag."""

    id: str
    rev: int
    hlc: str
    device_id: str
    deleted: bool
    dirty: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(SyncedRecord):
    """A checkup campaign, e.g. "2026 年 XX 区社区体检"."""

    name: str
    year: int | None
    description: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Community(SyncedRecord):
    """A community (社区) with its basic figures."""

    project_id: str
    name: str
    street: str | None
    district: str | None
    address: str | None
    households: int | None
    population: int | None
    area_ha: float | None
    elderly_share_pct: float | None
    children_0_3: int | None
    children_3_6: int | None
    grids: int | None
    notes: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Estate(SyncedRecord):
    """A residential estate (小区) inside a community."""

    community_id: str
    name: str
    year_built: int | None
    construction: str | None
    property_management: str | None
    is_old_estate: bool | None
    retrofitted: bool | None
    households: int | None
    address: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Building(SyncedRecord):
    """A building (楼栋) of an estate."""

    estate_id: str
    name: str
    floors: int | None
    units: int | None
    households: int | None
    year_built: int | None
    has_lift: bool | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FormRecord(SyncedRecord):
    """A registered form definition: immutable once stored for its (form_id, version)."""

    form_id: str
    version: str
    kind: str
    title_zh: str
    title_en: str | None
    sha256: str
    source_text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Submission(SyncedRecord):
    """One filled instance of a form for a community; ``status`` is draft or completed."""

    community_id: str
    form_id: str
    form_version: str
    status: str
    surveyor: str | None
    estate_id: str | None
    building_id: str | None
    started_at: str
    completed_at: str | None
    last_section: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerRow(SyncedRecord):
    """One answer row with its bookkeeping; ``value`` is decoded JSON (None once cleared)."""

    submission_id: str
    question: str
    instance: str
    value: Any
    provenance: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem(SyncedRecord):
    """A defect or hazard found in a community, with its classification and current status."""

    community_id: str
    estate_id: str | None
    building_id: str | None
    submission_id: str | None
    question: str | None
    indicator_code: str | None
    sub_problem_code: str | None
    category: str | None
    severity: str | None
    difficulty: str | None
    resolution_class: str | None
    remediation_type: str | None
    responsible_unit: str | None
    location_text: str | None
    lat: float | None
    lon: float | None
    description: str
    suggested_action: str | None
    status: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProblemEvent(SyncedRecord):
    """One status change of a problem: who, when, why, and the photo ids given as evidence."""

    problem_id: str
    from_status: str | None
    to_status: str
    actor: str
    at: str
    note: str
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Photo(SyncedRecord):
    """Metadata of a content-addressed photo file; ``annotation`` is decoded JSON."""

    sha256: str
    width: int | None
    height: int | None
    bytes: int | None
    mime: str | None
    taken_at: str | None
    lat: float | None
    lon: float | None
    caption: str | None
    annotation: Any
    original_sha256: str | None
    community_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoLink(SyncedRecord):
    """Attaches a photo to a problem and/or to a question of a submission."""

    photo_id: str
    problem_id: str | None
    submission_id: str | None
    question: str | None
    instance: str


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """One answer to save with :meth:`Store.save_answers`."""

    question: str
    value: Any
    instance: str = ""
    provenance: str | None = None


_BOOL_COLUMNS = frozenset({"deleted", "dirty", "is_old_estate", "retrofitted", "has_lift"})
_JSON_COLUMNS = frozenset({"annotation"})

R = TypeVar("R", bound=SyncedRecord)


def record_from_row(cls: type[R], row: Mapping[str, Any]) -> R:
    """Build a record of type ``cls`` from a database row (column name → stored value)."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        raw = row[field.name]
        if field.name in _BOOL_COLUMNS:
            values[field.name] = None if raw is None else bool(raw)
        elif field.name in _JSON_COLUMNS or (cls is AnswerRow and field.name == "value"):
            values[field.name] = None if raw is None else json.loads(raw)
        elif cls is ProblemEvent and field.name == "evidence":
            values[field.name] = tuple(json.loads(raw))
        else:
            values[field.name] = raw
    return cls(**values)
