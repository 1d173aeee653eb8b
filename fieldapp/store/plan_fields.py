"""What the needs and project lists accept: their vocabularies, which fields people may set
and which regeneration writes, and the checks on values (bilingual errors)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from fieldapp.core.i18n import Text
from fieldapp.store.fields import InvalidValueError, encode_json

__all__ = [
    "FUNDING_CHANNELS",
    "NEED_COLUMNS",
    "NEED_DERIVED",
    "PRIORITIES",
    "PROJECT_COLUMNS",
    "PROJECT_DERIVED",
    "PROJECT_TYPES",
    "REVIEW_STATUSES",
    "TERMS",
    "Rule",
    "check_plan_fields",
]

PRIORITIES = ("high", "medium", "low")  # 高 / 中 / 低
REVIEW_STATUSES = ("pending", "confirmed", "excluded")  # 待审核 / 已确认 / 不纳入
TERMS = ("near", "mid", "long")  # 近期（1 年内）/ 中期（2–3 年）/ 远期
PROJECT_TYPES = ("works", "management")  # 工程类 / 管理类
FUNDING_CHANNELS = (
    "old_estate_renewal",  # 老旧小区改造
    "complete_community",  # 完整社区建设
    "special_bond",  # 专项债
    "fiscal",  # 财政资金（区、街道）
    "social_capital",  # 社会资本
    "residents",  # 居民出资
    "property_fund",  # 住宅专项维修资金
    "other",
)

# -- column rules ---------------------------------------------------------------------------
# (kind, choices, required); kinds: text, int, real, share (0..1), json list.
Rule = tuple[str, tuple[str, ...] | None, bool]
"""(kind, choices, required); kinds: text, int, real, share (0..1), list (JSON)."""
NEED_COLUMNS: Mapping[str, Rule] = {
    "category": ("text", None, True),
    "title": ("text", None, True),
    "gap": ("text", None, False),
    "quantity": ("real", None, False),
    "unit": ("text", None, False),
    "sources": ("list", None, False),
    "resident_share": ("share", None, False),
    "priority": ("text", PRIORITIES, False),
    "review_status": ("text", REVIEW_STATUSES, True),
    "sort_order": ("int", None, False),
    "notes": ("text", None, False),
}
PROJECT_COLUMNS: Mapping[str, Rule] = {
    "name": ("text", None, True),
    "content": ("text", None, False),
    "need_ids": ("list", None, False),
    "problem_ids": ("list", None, False),
    "project_type": ("text", PROJECT_TYPES, False),
    "funding": ("text", FUNDING_CHANNELS, False),
    "implementer": ("text", None, False),
    "year": ("int", None, False),
    "term": ("text", TERMS, False),
    "priority": ("text", PRIORITIES, False),
    "estimated_cost_wan": ("real", None, False),
    "review_status": ("text", REVIEW_STATUSES, True),
    "sort_order": ("int", None, False),
    "notes": ("text", None, False),
}
# Fields regeneration writes; review status, notes and the cost estimate are people's only.
NEED_DERIVED = (
    "category",
    "title",
    "gap",
    "quantity",
    "unit",
    "sources",
    "resident_share",
    "priority",
    "sort_order",
)
PROJECT_DERIVED = (
    "name",
    "content",
    "need_ids",
    "problem_ids",
    "project_type",
    "funding",
    "implementer",
    "year",
    "term",
    "priority",
    "sort_order",
)


def _invalid(name: str, zh: str, en: str) -> InvalidValueError:
    return InvalidValueError(Text(f"字段 {name}：{zh}", f"Field {name}: {en}"), field=name)


def check_plan_fields(columns: Mapping[str, Rule], values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate settable fields of ``columns`` (NEED_COLUMNS or PROJECT_COLUMNS) and return
    them as stored (JSON lists as canonical text); InvalidValueError names the field."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in columns:
            allowed = ", ".join(columns)
            raise _invalid(name, f"不可设置（可用：{allowed}）。", f"not settable ({allowed}).")
        kind, choices, required = columns[name]
        if value is None:
            if required:
                raise _invalid(name, "不能为空。", "must not be empty.")
            out[name] = "[]" if kind == "list" else None
            continue
        if kind == "text":
            if not isinstance(value, str) or (required and not value.strip()):
                raise _invalid(name, "应为非空文字。", "must be non-empty text.")
            if choices is not None and value not in choices:
                raise _invalid(
                    name,
                    f"应为 {', '.join(choices)} 之一。",
                    f"must be one of {', '.join(choices)}.",
                )
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise _invalid(name, "应为整数。", "must be a whole number.")
        elif kind in ("real", "share"):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok or not math.isfinite(value) or value < 0 or (kind == "share" and value > 1):
                raise _invalid(name, "数值无效。", "invalid number.")
            value = float(value)
        elif kind == "list":
            if not isinstance(value, (list, tuple)):
                raise _invalid(name, "应为列表。", "must be a list.")
            value = encode_json(list(value), field=name)
        out[name] = value
    return out
