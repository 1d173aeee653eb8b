"""Turning what a person entered into a valid answer value, or a clear refusal.

Values arrive from widgets, the CLI, imports and sync; all go through :func:`coerce_answer`
so that an invalid value is refused with the form's own message and never stored.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Any

from fieldapp.core.errors import AnswerError
from fieldapp.core.forms.model import OVERRIDE_STATUSES, Question, QuestionType, Status
from fieldapp.core.i18n import Text

_YES = frozenset({"yes", "true", "1", "是", "有", "y"})
_NO = frozenset({"no", "false", "0", "否", "无", "n"})


def normalize_number_text(text: str) -> str:
    """Fold full-width digits and punctuation (１２３，５ → 123.5) to a parseable number.

    A lone comma followed by other than exactly three digits is a decimal comma; otherwise
    commas are thousands separators.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u3000", "")
    s = s.replace("。", ".").replace("、", ",")
    if s.count(",") == 1 and "." not in s:
        head, tail = s.split(",")
        if len(tail) != 3 or not head.lstrip("+-"):
            return f"{head}.{tail}"
    return s.replace(",", "")


def _refuse(q: Question, zh: str, en: str) -> AnswerError:
    label = q.label
    return AnswerError(
        Text(f"“{label.zh}”：{zh}", f"'{label.en or label.zh}': {en}"), question=q.name
    )


def _to_number(q: Question, value: Any) -> float:
    if isinstance(value, bool):
        raise _refuse(q, "应为数字", "must be a number")
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = normalize_number_text(value)
        try:
            number = float(text)
        except ValueError:
            raise _refuse(q, f"“{value}” 不是数字", f"'{value}' is not a number") from None
    else:
        raise _refuse(q, "应为数字", "must be a number")
    if math.isnan(number) or math.isinf(number):
        raise _refuse(q, "应为有限的数字", "must be a finite number")
    return number


def _check_range(q: Question, number: float) -> None:
    unit = q.unit
    if q.minimum is not None and number < q.minimum:
        raise _refuse(q, f"不能小于 {q.minimum:g}{unit}", f"must be at least {q.minimum:g}{unit}")
    if q.maximum is not None and number > q.maximum:
        raise _refuse(q, f"不能大于 {q.maximum:g}{unit}", f"must be at most {q.maximum:g}{unit}")


def coerce_answer(q: Question, value: Any) -> Any:
    """Return ``value`` as the canonical JSON value for ``q``; AnswerError if invalid.

    ``None`` (and an empty string) means "no answer" and is always accepted here; whether
    an answer is required is checked only when a submission is completed. Constraints that
    read other answers are checked by the form state, which knows them.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    handler = _HANDLERS.get(q.type)
    if handler is None:
        raise _refuse(q, "此题不接受答案", "this item takes no answer")
    return handler(q, value)


def _text(q: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise _refuse(q, "应为文字", "must be text")
    text = value.replace("\x00", "")
    if q.max_length is not None and len(text) > q.max_length:
        raise _refuse(
            q, f"不能超过 {q.max_length} 个字", f"must be at most {q.max_length} characters"
        )
    return text


def _integer(q: Question, value: Any) -> int:
    number = _to_number(q, value)
    if number != int(number):
        raise _refuse(q, "应为整数", "must be a whole number")
    _check_range(q, number)
    return int(number)


def _decimal(q: Question, value: Any) -> float | int:
    number = _to_number(q, value)
    _check_range(q, number)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _single(q: Question, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _refuse(q, "应为一个选项", "must be one option")
    text = str(value)
    if q.option(text) is None:
        raise _refuse(q, f"“{text}” 不是可选项", f"'{text}' is not one of the options")
    return text


def _multiple(q: Question, value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, (list, tuple)):
        raise _refuse(q, "应为选项列表", "must be a list of options")
    chosen: list[str] = []
    for item in value:
        item = _single(q, item)
        if item not in chosen:
            chosen.append(item)
    if len(chosen) > 1:
        for item in chosen:
            opt = q.option(item)
            if opt is not None and opt.exclusive:
                raise _refuse(
                    q,
                    f"“{opt.label.zh}” 不能与其他选项同选",
                    f"'{opt.label.en or opt.label.zh}' cannot be combined with others",
                )
    if q.max_select is not None and len(chosen) > q.max_select:
        raise _refuse(q, f"最多选 {q.max_select} 项", f"choose at most {q.max_select}")
    return chosen


def _yes_no(q: Question, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)):
        key = str(value).strip().lower()
        if key in _YES:
            return True
        if key in _NO:
            return False
    raise _refuse(q, "应为“是”或“否”", "must be yes or no")


def _date(q: Question, value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                pass
    raise _refuse(
        q, f"“{value}” 不是有效日期（YYYY-MM-DD）", f"'{value}' is not a valid date (YYYY-MM-DD)"
    )


def _photo(q: Question, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise _refuse(q, "应为照片编号列表", "must be a list of photo ids")
    ids = list(dict.fromkeys(value))
    if q.max_count is not None and len(ids) > q.max_count:
        raise _refuse(q, f"最多 {q.max_count} 张照片", f"at most {q.max_count} photos")
    return ids


def _location(q: Question, value: Any) -> dict[str, float]:
    if not isinstance(value, dict) or "lat" not in value or "lon" not in value:
        raise _refuse(q, "应为坐标（纬度、经度）", "must be a position (lat, lon)")
    lat = _to_number(q, value["lat"])
    lon = _to_number(q, value["lon"])
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise _refuse(q, "坐标超出范围", "position out of range")
    out = {"lat": lat, "lon": lon}
    if value.get("accuracy_m") is not None:
        accuracy = _to_number(q, value["accuracy_m"])
        if accuracy < 0:
            raise _refuse(q, "精度不能为负", "accuracy cannot be negative")
        out["accuracy_m"] = accuracy
    return out


def _rating(q: Question, value: Any) -> int:
    number = _to_number(q, value)
    if number != int(number):
        raise _refuse(q, "应为整数评分", "must be a whole-number rating")
    rating = int(number)
    if q.scale is not None:
        if q.option(str(rating)) is None:
            allowed = "、".join(o.value for o in q.scale.options)
            raise _refuse(q, f"评分应为 {allowed} 之一", f"rating must be one of {allowed}")
        return rating
    top = int(q.maximum or 5)
    if not 1 <= rating <= top:
        raise _refuse(q, f"评分应在 1 到 {top} 之间", f"rating must be from 1 to {top}")
    return rating


def _indicator(q: Question, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _refuse(q, "人工判定应包含判定结果和理由", "an override needs a status and a reason")
    try:
        status: Status | None = Status(str(value.get("status")))
    except ValueError:
        status = None
    if status not in OVERRIDE_STATUSES:
        raise _refuse(
            q,
            "人工判定结果应为达标、基本达标、不达标或不适用",
            "override status must be met, partly_met, not_met or not_applicable",
        )
    reason = value.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise _refuse(q, "人工修改判定必须填写理由", "overriding a judgement needs a reason")
    assert status is not None
    return {"status": status.value, "reason": reason.strip()}


_HANDLERS = {
    QuestionType.TEXT: _text,
    QuestionType.INTEGER: _integer,
    QuestionType.DECIMAL: _decimal,
    QuestionType.SINGLE: _single,
    QuestionType.MULTIPLE: _multiple,
    QuestionType.YES_NO: _yes_no,
    QuestionType.DATE: _date,
    QuestionType.PHOTO: _photo,
    QuestionType.LOCATION: _location,
    QuestionType.RATING: _rating,
    QuestionType.INDICATOR: _indicator,
}
