"""Which columns callers may set, what values they accept, and how JSON values are stored.

Enumerations are checked here, in Python, rather than with SQL ``CHECK`` constraints: the
vocabularies will grow (new statuses, new form kinds) and SQLite can only change a ``CHECK``
by rebuilding the table and everything that references it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

__all__ = [
    "CONSTRUCTION",
    "DIFFICULTY",
    "EDITABLE",
    "PROBLEM_STATUS",
    "PROPERTY_MANAGEMENT",
    "PROVENANCE",
    "REMEDIATION_TYPE",
    "RESOLUTION_CLASS",
    "SEVERITY",
    "SUBMISSION_STATUS",
    "Column",
    "InvalidValueError",
    "check_choice",
    "check_fields",
    "check_value",
    "encode_json",
]


class InvalidValueError(FieldappError):
    """A field name or value given to the store is not acceptable; ``field`` names it."""

    def __init__(self, text: Text, *, field: str) -> None:
        super().__init__(text)
        self.field = field


CONSTRUCTION = frozenset({"new", "existing"})  # new = built under GB 50180-2018
PROPERTY_MANAGEMENT = frozenset({"professional", "community", "self", "none"})
SUBMISSION_STATUS = frozenset({"draft", "completed"})
PROVENANCE = frozenset({"provided", "imagery", "site"})
SEVERITY = frozenset({"severe", "major", "minor"})  # 严重 / 较严重 / 一般
DIFFICULTY = frozenset({"high", "medium", "low"})
RESOLUTION_CLASS = frozenset({"deadline", "best_effort"})  # 限时解决 / 尽力解决
REMEDIATION_TYPE = frozenset({"management", "works"})  # 管理类 / 工程类
PROBLEM_STATUS = frozenset({"found", "reported", "in_progress", "closed"})


@dataclass(frozen=True, slots=True)
class Column:
    """What a settable column accepts. ``None`` is accepted unless ``required``."""

    kind: Literal["text", "int", "real", "bool", "json"]
    choices: frozenset[str] | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None


_TEXT = Column("text")
_COUNT = Column("int", minimum=0)
_YEAR = Column("int", minimum=1000, maximum=9999)

EDITABLE: Mapping[str, Mapping[str, Column]] = {
    "projects": {"name": Column("text", required=True), "year": _YEAR, "description": _TEXT},
    "communities": {
        "name": Column("text", required=True),
        "street": _TEXT,
        "district": _TEXT,
        "address": _TEXT,
        "households": _COUNT,
        "population": _COUNT,
        "area_ha": Column("real", minimum=0),
        "elderly_share_pct": Column("real", minimum=0, maximum=100),
        "children_0_3": _COUNT,
        "children_3_6": _COUNT,
        "grids": _COUNT,
        "notes": _TEXT,
    },
    "estates": {
        "name": Column("text", required=True),
        "year_built": _YEAR,
        "construction": Column("text", CONSTRUCTION),
        "property_management": Column("text", PROPERTY_MANAGEMENT),
        "is_old_estate": Column("bool"),
        "retrofitted": Column("bool"),
        "households": _COUNT,
        "address": _TEXT,
    },
    "buildings": {
        "name": Column("text", required=True),
        "floors": _COUNT,
        "units": _COUNT,
        "households": _COUNT,
        "year_built": _YEAR,
        "has_lift": Column("bool"),
    },
    "problems": {
        "estate_id": _TEXT,
        "building_id": _TEXT,
        "submission_id": _TEXT,
        "question": _TEXT,
        "indicator_code": _TEXT,
        "sub_problem_code": _TEXT,
        "category": _TEXT,
        "severity": Column("text", SEVERITY),
        "difficulty": Column("text", DIFFICULTY),
        "resolution_class": Column("text", RESOLUTION_CLASS),
        "remediation_type": Column("text", REMEDIATION_TYPE),
        "responsible_unit": _TEXT,
        "location_text": _TEXT,
        "lat": Column("real", minimum=-90, maximum=90),
        "lon": Column("real", minimum=-180, maximum=180),
        "description": Column("text", required=True),
        "suggested_action": _TEXT,
    },
    "photos": {
        "width": _COUNT,
        "height": _COUNT,
        "bytes": _COUNT,
        "mime": _TEXT,
        "taken_at": _TEXT,
        "lat": Column("real", minimum=-90, maximum=90),
        "lon": Column("real", minimum=-180, maximum=180),
        "caption": _TEXT,
        "annotation": Column("json"),
        "original_sha256": _TEXT,
        "community_id": _TEXT,
    },
}
"""Per table, the columns callers may set through create/update methods (the whitelist)."""


def _invalid(field: str, zh: str, en: str) -> InvalidValueError:
    return InvalidValueError(Text(f"字段 {field}：{zh}", f"Field {field}: {en}"), field=field)


def encode_json(value: Any, *, field: str = "value") -> str:
    """Canonical JSON for storage: UTF-8 text kept readable, keys sorted, no NaN/Infinity.

    Canonical so that equal values give equal text, which sync compares to spot real
    changes.
    """
    try:
        return json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
        )
    except (TypeError, ValueError) as exc:
        raise _invalid(
            field,
            f"无法保存为 JSON 的值（{type(value).__name__}）。",
            f"the value cannot be stored as JSON ({type(value).__name__}: {exc}).",
        ) from exc


def check_value(table: str, field: str, value: Any) -> Any:
    """Validate ``value`` for ``table.field`` and return it as stored (bool → 0/1, JSON text).

    Raises InvalidValueError, in Chinese and English, for an unknown field or a bad value.
    """
    column = EDITABLE.get(table, {}).get(field)
    if column is None:
        allowed = "、".join(sorted(EDITABLE.get(table, {})))
        raise _invalid(
            field,
            f"{table} 没有可修改的字段 {field}（可用：{allowed}）。",
            f"{table} has no settable field {field} (allowed: {allowed.replace('、', ', ')}).",
        )
    return _coerce(column, field, value)


def _coerce(column: Column, field: str, value: Any) -> Any:
    if value is None:
        if column.required:
            raise _invalid(field, "不能为空。", "must not be empty.")
        return None
    if column.kind == "json":
        return encode_json(value, field=field)
    if column.kind == "bool":
        if isinstance(value, bool) or value in (0, 1):
            return int(bool(value))
        raise _invalid(field, "应为是/否。", "must be yes/no (true/false).")
    if column.kind == "text":
        if not isinstance(value, str):
            raise _invalid(field, "应为文字。", "must be text.")
        if column.required and not value.strip():
            raise _invalid(field, "不能为空。", "must not be empty.")
        if column.choices is not None and value not in column.choices:
            options = ", ".join(sorted(column.choices))
            raise _invalid(field, f"应为 {options} 之一。", f"must be one of {options}.")
        return value
    if column.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(field, "应为整数。", "must be a whole number.")
    elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _invalid(field, "应为数字。", "must be a number.")
    if column.minimum is not None and value < column.minimum:
        raise _invalid(field, f"不能小于 {column.minimum:g}。", f"must be ≥ {column.minimum:g}.")
    if column.maximum is not None and value > column.maximum:
        raise _invalid(field, f"不能大于 {column.maximum:g}。", f"must be ≤ {column.maximum:g}.")
    return float(value) if column.kind == "real" else value


def check_fields(table: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate several fields of ``table`` (see :func:`check_value`); return stored values."""
    return {name: check_value(table, name, value) for name, value in fields.items()}


def check_choice(field: str, value: str | None, choices: frozenset[str]) -> None:
    """Refuse ``value`` unless it is None or one of ``choices``."""
    if value is not None and value not in choices:
        options = ", ".join(sorted(choices))
        raise _invalid(field, f"应为 {options} 之一。", f"must be one of {options}.")
