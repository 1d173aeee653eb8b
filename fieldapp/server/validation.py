"""Checking pushed changes before anything is stored: shape, columns, values, clocks.

The rule: the server accepts only what every device can apply. A row with an unknown
column, a missing required column, a value SQLite cannot bind, or text PostgreSQL cannot
store would be accepted once and then refused by every device that pulls it — so it is
refused here, with the change's number and a reason, and nothing of the batch is stored.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from typing import Any

from fieldapp.core.clock import parse_hlc
from fieldapp.core.i18n import Text
from fieldapp.server.catalog import Catalog
from fieldapp.server.errors import ApiError, invalid
from fieldapp.store.changes import Change, ChangeError
from fieldapp.sync.protocol import MAX_FUTURE_MS, NAME_RE

__all__ = ["check_text", "validate_changes"]

_INT64 = 2**63


def _bad_text(value: str) -> bool:
    # NUL cannot be stored by PostgreSQL; lone surrogates cannot be encoded as UTF-8.
    if "\x00" in value:
        return True
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_text(value: Any, *, where: str = "") -> None:
    """Refuse (422) any string inside ``value`` holding NUL or unpaired surrogates."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _bad_text(item):
                raise invalid(
                    f"{where}文字中含有无法保存的字符（NUL 或不成对的代理字符）。",
                    f"{where}text holds characters that cannot be stored (NUL or an unpaired "
                    "surrogate).",
                )
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)


def _scalar(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool)):
        return True
    if isinstance(value, int):
        return -_INT64 <= value < _INT64
    return isinstance(value, float) and math.isfinite(value)


def _typed(kind: str, key: str, value: Any, zh_where: str, en_where: str, n: int) -> Any:
    """``value`` as a device's SQLite column of type ``kind`` would hand it back, or 422.

    Devices store what they receive in typed columns and SQLite converts on the way in
    (an integer in a REAL column comes back as a float); the server keeps the JSON. Were it
    to accept a value SQLite converts, the server's copy and the devices' copies would
    differ (digests too), so values must already have the column's type."""
    if not _scalar(value):
        raise invalid(
            f"{zh_where}字段 {key[:40]} 的值应为文字、数字或空（对象、数组、非有限数不可）。",
            f"{en_where}column {key[:40]} must hold text, a number or null (not an object, an "
            "array or a non-finite number).",
            index=n,
        )
    if value is None or kind == "any":
        return value
    if isinstance(value, bool):
        value = int(value)
    if kind == "int" and isinstance(value, int):
        return value
    if kind == "real" and isinstance(value, (int, float)):
        return float(value)
    if kind == "text" and isinstance(value, str):
        return value
    names = {"int": ("整数", "an integer"), "real": ("数字", "a number"), "text": ("文字", "text")}
    zh, en = names[kind]
    raise invalid(
        f"{zh_where}字段 {key[:40]} 应为{zh}。",
        f"{en_where}column {key[:40]} must be {en}.",
        index=n,
    )


def validate_changes(
    raw: Iterable[Mapping[str, Any]], catalog: Catalog, *, now_ms: int | None = None
) -> list[Change]:
    """Validated :class:`Change` objects from decoded JSON; ApiError 422 for the first bad
    one (its number, table and id in the message)."""
    wall = int(time.time() * 1000) if now_ms is None else now_ms
    out: list[Change] = []
    for n, obj in enumerate(raw, start=1):
        zh_where, en_where = f"第 {n} 条变更：", f"change {n}: "
        check_text(obj, where=zh_where)
        try:
            change = Change.from_json(dict(obj), where=zh_where)
        except ChangeError as exc:
            raise ApiError(422, "invalid_change", exc.text, index=n) from None
        if not NAME_RE.match(str(obj.get("id"))) or len(str(obj.get("id"))) > 64:
            raise invalid(
                f"{zh_where}记录标识 {str(obj.get('id'))[:40]!r} 无效（只允许字母、数字和 . _ : -，最长 64）。",
                f"{en_where}the record id {str(obj.get('id'))[:40]!r} is not valid (letters, "
                "digits and . _ : - only, at most 64).",
                index=n,
            )
        if not NAME_RE.match(str(obj.get("device_id"))):
            raise invalid(f"{zh_where}设备标识无效。", f"{en_where}invalid device id.", index=n)
        info = catalog.tables[change.table]
        unknown = sorted(set(change.data) - info.columns)
        if unknown:
            raise invalid(
                f"{zh_where}{change.table} 没有字段 {unknown[0][:40]}。",
                f"{en_where}{change.table} has no column {unknown[0][:40]}.",
                index=n,
            )
        needed = set(info.required) | set(info.natural_key or ())
        missing = sorted(k for k in needed if change.data.get(k) is None)
        if missing:
            raise invalid(
                f"{zh_where}{change.table} 缺少必填字段 {missing[0]}。",
                f"{en_where}{change.table} lacks the required column {missing[0]}.",
                index=n,
            )
        data = {
            key: _typed(info.kinds.get(key, "any"), key, value, zh_where, en_where, n)
            for key, value in change.data.items()
        }
        _check_clock(change, wall, n)
        out.append(
            Change(
                table=change.table, id=change.id, rev=change.rev, hlc=change.hlc,
                base_hlc=change.base_hlc, device_id=change.device_id, deleted=change.deleted,
                data=data,
            )
        )  # fmt: skip
    return out


def _check_clock(change: Change, wall_ms: int, n: int) -> None:
    ms, _, _ = parse_hlc(change.hlc)
    if ms > wall_ms + MAX_FUTURE_MS:
        hours = (ms - wall_ms) / 3_600_000
        raise ApiError(
            422,
            "clock_ahead",
            _clock_text(change.device_id, hours),
            index=n,
            device_id=change.device_id,
        )
    if change.base_hlc and change.base_hlc > change.hlc:
        raise invalid(
            f"第 {n} 条变更：base_hlc 晚于 hlc，不可能。",
            f"change {n}: base_hlc is later than hlc, which cannot be.",
            index=n,
        )


def _clock_text(device_id: str, hours: float) -> Text:
    return Text(
        f"设备 {device_id} 的时钟比服务器快约 {hours:.0f} 小时，其修改未被接收（否则会在冲突中"
        "错误地胜出）。请校正该设备的日期和时间，并联系管理员。",
        f"The clock of device {device_id} runs about {hours:.0f} hours ahead of the server; "
        "its changes were not accepted (they would wrongly win every conflict). Correct the "
        "device's date and time and contact the administrator.",
    )
