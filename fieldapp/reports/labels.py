"""How report values read in Chinese: vocabularies, numbers, dates and percentages.

Problem vocabularies come from the problem taxonomy (``forms/problem_taxonomy.yaml``) so that
a province that extends it sees its own words; the rest (provenance, review status, funding
channels...) are this layer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fieldapp.core.forms import Question, QuestionType, Status
from fieldapp.core.problems import taxonomy

PROVENANCE = {"provided": "社区提供", "imagery": "影像图量测", "site": "现场实测"}
PROPERTY_MANAGEMENT = {
    "professional": "专业物业",
    "community": "社区托管",
    "self": "居民自管",
    "none": "无物业",
}
CONSTRUCTION = {"new": "新建", "existing": "既有"}
PRIORITY = {"high": "高", "medium": "中", "low": "低"}
REVIEW = {"pending": "待审核", "confirmed": "已确认", "excluded": "不纳入"}
TERM = {"near": "近期（1年内）", "mid": "中期（2–3年）", "long": "远期"}
PROJECT_TYPE = {"works": "工程类", "management": "管理类"}
FUNDING = {
    "old_estate_renewal": "老旧小区改造资金",
    "complete_community": "完整社区建设资金",
    "special_bond": "地方政府专项债",
    "fiscal": "区、街道财政资金",
    "social_capital": "社会资本",
    "residents": "居民出资",
    "property_fund": "住宅专项维修资金",
    "other": "其他",
}
SOURCE_KIND = {
    "indicator": "体检指标",
    "problem": "问题台账",
    "survey": "居民问卷",
    "manual": "人工补充",
}
CN_NUMERALS = "一二三四五六七八九十"
STATUS_ZH = {status: status.label.zh for status in Status}


def vocab(field: str, value: str | None) -> str:
    """The Chinese label of a problem field's value (severity, resolution_class, ...)."""
    if not value:
        return "—"
    for term in taxonomy().vocabulary(field):
        if term.value == value:
            return term.label.zh
    return value


def problem_category(code: str | None) -> str:
    """The Chinese label of a problem category code (e.g. ``facilities`` → 设施完善)."""
    for category in taxonomy().categories:
        if category.code == code:
            return category.label.zh
    return code or "其他"


def category_order(code: str | None) -> int:
    """Position of a problem category in the taxonomy (unknown ones last)."""
    for n, category in enumerate(taxonomy().categories):
        if category.code == code:
            return n
    return len(taxonomy().categories)


def chapter(n: int) -> str:
    """Chinese chapter numeral: 1 → 一, 11 → 十一."""
    if n <= 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + CN_NUMERALS[n - 11]
    return str(n)


def number(value: float | None, unit: str = "", *, digits: int = 2) -> str:
    """A number without trailing zeros, with its unit; — when empty."""
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    else:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip() if unit and unit not in ("%", "‰") else f"{text}{unit}"


def percent(share: float | None, *, digits: int = 1) -> str:
    """A share 0..1 as a percentage; — when empty."""
    if share is None:
        return "—"
    return f"{share * 100:.{digits}f}%"


def date_text(iso: str | None) -> str:
    """An ISO timestamp or date as YYYY年M月D日; — when empty."""
    if not iso:
        return "—"
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def short_date(iso: str | None) -> str:
    """An ISO timestamp as YYYY-MM-DD; — when empty."""
    return iso[:10] if iso else "—"


def answer_text(question: Question, value: Any) -> str:
    """An answer as a reader reads it: option labels, 是/否, numbers with units."""
    if value is None or value == [] or value == "":
        return "—"
    if question.type is QuestionType.YES_NO or isinstance(value, bool):
        return "是" if value else "否"
    if question.type in (QuestionType.SINGLE, QuestionType.RATING) and question.choices:
        option = question.option(str(value))
        return option.label.zh if option else str(value)
    if question.type is QuestionType.MULTIPLE and isinstance(value, list):
        labels = []
        for item in value:
            option = question.option(str(item))
            labels.append(option.label.zh if option else str(item))
        return "、".join(labels)
    if isinstance(value, (int, float)):
        return number(value, question.unit)
    if isinstance(value, dict):
        return "；".join(f"{k}：{v}" for k, v in value.items())
    return str(value)


def category_label(label: str) -> str:
    """A category label without its list number ("一、基本公共服务设施完善" → "基本公共服务设施完善")."""
    for sep in ("、", "·"):
        if sep in label[:4]:
            label = label.split(sep, 1)[1]
    return label
