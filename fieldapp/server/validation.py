"""Checking pushed changes before anything is stored: shape, columns, values, clocks.

The rule: the server accepts only what every device can apply. A row with an unknown
column, a missing required column, a value SQLite cannot bind, or text PostgreSQL cannot
store would be accepted once and then refused by every device that pulls it — so it is
refused here, with the change's number and a reason, and nothing of the batch is stored.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.core.clock import hlc_ms, parse_hlc
from fieldapp.core.i18n import Text
from fieldapp.server.catalog import Catalog, TableInfo
from fieldapp.server.errors import ApiError, invalid
from fieldapp.store.changes import SYNCED_TABLES, Change, ChangeError
from fieldapp.sync.protocol import MAX_BATCH_CHANGES, MAX_FUTURE_MS, NAME_RE

__all__ = [
    "PushBody",
    "batch_digest",
    "check_text",
    "data_text",
    "legacy_digest",
    "parse_push",
    "validate_changes",
]

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
    raw: Iterable[Mapping[str, Any]],
    catalog: Catalog,
    *,
    now_ms: int | None = None,
    text_checked: bool = False,
) -> list[Change]:
    """Validated :class:`Change` objects from decoded JSON; ApiError 422 for the first bad
    one (its number, table and id in the message). ``text_checked``: the caller knows that
    no string in ``raw`` holds NUL or an unpaired surrogate (see :func:`parse_push`)."""
    wall = int(time.time() * 1000) if now_ms is None else now_ms
    out: list[Change] = []
    tables = catalog.tables
    for n, obj in enumerate(raw, start=1):
        if not text_checked:
            check_text(obj, where=_where(n)[0])
        found = _well_formed(obj)
        if found is None:  # Change.from_json says what is wrong (or builds it after all)
            try:
                change = Change.from_json(dict(obj), where=_where(n)[0])
            except ChangeError as exc:
                raise ApiError(422, "invalid_change", exc.text, index=n) from None
            ms = parse_hlc(change.hlc)[0]
        else:
            change, ms = found
        row_id = str(obj.get("id"))
        if not NAME_RE.match(row_id) or len(row_id) > 64:
            zh_where, en_where = _where(n)
            raise invalid(
                f"{zh_where}记录标识 {row_id[:40]!r} 无效（只允许字母、数字和 . _ : -，最长 64）。",
                f"{en_where}the record id {row_id[:40]!r} is not valid (letters, "
                "digits and . _ : - only, at most 64).",
                index=n,
            )
        if not NAME_RE.match(str(obj.get("device_id"))):
            zh_where, en_where = _where(n)
            raise invalid(f"{zh_where}设备标识无效。", f"{en_where}invalid device id.", index=n)
        info = tables[change.table]
        data = change.data
        if not info.columns.issuperset(data):
            zh_where, en_where = _where(n)
            unknown = sorted(set(data) - info.columns)
            raise invalid(
                f"{zh_where}{change.table} 没有字段 {unknown[0][:40]}。",
                f"{en_where}{change.table} has no column {unknown[0][:40]}.",
                index=n,
            )
        needed = _needed(info)
        if None in map(data.get, needed):
            zh_where, en_where = _where(n)
            missing = sorted(k for k in needed if data.get(k) is None)
            raise invalid(
                f"{zh_where}{change.table} 缺少必填字段 {missing[0]}。",
                f"{en_where}{change.table} lacks the required column {missing[0]}.",
                index=n,
            )
        kinds = info.kinds
        for key, value in data.items():
            kept = type(value)
            if value is None:
                continue  # the common cases: already of the column's type
            kind = kinds.get(key, "any")
            if kept is str and kind in _TEXT_AS_IS:
                continue
            if kept is int and kind in _INT_AS_IS and -_INT64 <= value < _INT64:
                continue
            typed = _typed(kind, key, value, *_where(n), n)
            if typed is not value:
                data[key] = typed  # change.data is a copy (Change.from_json)
        _check_clock(change, ms, wall, n)
        out.append(change)
    return out


_TABLES = frozenset(SYNCED_TABLES)


def _where(n: int) -> tuple[str, str]:
    """How messages about change ``n`` begin (zh, en)."""
    return f"第 {n} 条变更：", f"change {n}: "


def _well_formed(obj: Any) -> tuple[Change, int] | None:
    """The change ``Change.from_json`` would build from ``obj``, and the milliseconds of
    its ``hlc`` — or None when ``obj`` is not plainly well formed (from_json then says
    why). The same checks, without copying ``obj`` or reading a timestamp twice."""
    if type(obj) is not dict:
        return None
    get = obj.get
    table, row_id, hlc, device_id, data = (
        get("table"), get("id"), get("hlc"), get("device_id"), get("data")
    )  # fmt: skip
    rev, base, deleted = get("rev"), get("base_hlc", ""), get("deleted", False)
    if (
        type(table) is not str
        or table not in _TABLES
        or type(row_id) is not str
        or type(hlc) is not str
        or type(device_id) is not str
        or type(data) is not dict
        or not (row_id and hlc and device_id and data)
        or type(rev) is not int
        or rev < 1
        or type(base) is not str
        or type(deleted) is not bool
    ):
        return None
    try:
        ms = parse_hlc(hlc)[0]
        if base:
            parse_hlc(base)
    except ValueError:
        return None
    change = Change(table=table, id=row_id[:64], rev=rev, hlc=hlc, base_hlc=base,
                    device_id=device_id[:128], deleted=deleted, data=dict(data))  # fmt: skip
    return change, ms


_NEEDED: dict[int, tuple[TableInfo, frozenset[str]]] = {}


def _needed(info: TableInfo) -> frozenset[str]:
    """The columns a row of ``info`` must have: required ones and its natural key."""
    found = _NEEDED.get(id(info))
    if found is None or found[0] is not info:
        found = (info, frozenset(info.required) | frozenset(info.natural_key or ()))
        _NEEDED[id(info)] = found
    return found[1]


_TEXT_AS_IS = frozenset({"text", "any"})
_INT_AS_IS = frozenset({"int", "any"})
"""Kinds of column that keep a text / an integer value as it is (see _typed)."""


# Built once: json.dumps with arguments makes a new encoder on every call.
_canonical_json = json.JSONEncoder(sort_keys=True, ensure_ascii=True).encode
_data_json = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
_plain_json = json.JSONEncoder(ensure_ascii=False).encode


def _c_encoder() -> Callable[[Any, int], Sequence[str]] | None:
    """CPython's C encoder for ``_data_json``'s settings, made once (``JSONEncoder.encode``
    makes one for every call, a third of the time of a row's data), without the cycle
    check: data decoded from JSON, or read from a row, holds no cycles."""
    try:
        from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

        made = c_make_encoder(
            None, json.JSONEncoder().default, encode_basestring, None, ": ", ", ",
            True, False, True,
        )  # fmt: skip
        if "".join(made({"b": [1.5, None, True], "a": "é"}, 0)) != _data_json(
            {"b": [1.5, None, True], "a": "é"}
        ):
            return None
    except (ImportError, TypeError):  # another Python: the plain encoder
        return None
    return made  # type: ignore[no-any-return]


_DATA_ENCODER = _c_encoder()


def data_text(data: Mapping[str, Any]) -> str:
    """A row's data as the server stores it (``records.data``): sorted-key JSON."""
    if _DATA_ENCODER is None or type(data) is not dict:
        return _data_json(data)
    return "".join(_DATA_ENCODER(data, 0))


@dataclass(frozen=True, slots=True)
class PushBody:
    """A push request, parsed and validated."""

    batch_id: str
    request_sha256: str
    """The digest of the changes (:func:`batch_digest`), kept with the batch's answer."""
    changes: list[Change]
    data_texts: list[str]
    """Each change's ``data`` as the server stores it (sorted-key JSON), made once."""


_CHANGE_TEXT = {"table": (1, 40), "id": (1, 64), "hlc": (1, 200), "base_hlc": (0, 200),
                "device_id": (1, 128)}  # fmt: skip
_CHANGE_KEYS = frozenset({*_CHANGE_TEXT, "rev", "deleted", "data"})
_CHANGE_REQUIRED = ("table", "id", "rev", "hlc", "device_id", "data")
_BIG = 2**62


def parse_push(body: bytes, catalog: Catalog, *, now_ms: int | None = None) -> PushBody:
    """The push request ``body`` (JSON bytes), with the shape of ``models.PushRequest``
    checked and every change validated (:func:`validate_changes`); ApiError 400 for bytes
    that are not JSON, 422 for anything else wrong.

    Read straight from the bytes (one ``json.loads``) rather than through the request
    model: the server handles a push in a fraction of the time. Strings cannot hold NUL
    or unpaired surrogates unless the body has a ``\\u`` escape or is not strict UTF-8,
    so only then is every string inspected."""
    try:
        obj = json.loads(body)
    except ValueError:  # JSONDecodeError, UnicodeDecodeError
        raise ApiError(
            400, "malformed_json",
            Text("请求不是有效的 JSON。", "The request body is not valid JSON."),
        ) from None  # fmt: skip
    if not isinstance(obj, dict):
        raise _bad_shape("body", "应为对象", "must be an object")
    for key in obj:
        if key not in ("batch_id", "changes"):
            raise _bad_shape(f"body.{str(key)[:40]}", "不允许的字段", "extra field not permitted")
    batch_id = obj.get("batch_id")
    if not isinstance(batch_id, str) or not NAME_RE.match(batch_id):
        raise _bad_shape("body.batch_id", "应为 1–128 个字母、数字或 . _ : -",
                         "must be 1–128 letters, digits or . _ : -")  # fmt: skip
    raw = obj.get("changes")
    if not isinstance(raw, list):
        raise _bad_shape("body.changes", "应为数组", "must be an array")
    if len(raw) > MAX_BATCH_CHANGES:
        raise _bad_shape("body.changes", f"最多 {MAX_BATCH_CHANGES} 条",
                         f"at most {MAX_BATCH_CHANGES} items")  # fmt: skip
    clean = b"\\u" not in body and _strict_utf8(body)
    wall = int(time.time() * 1000) if now_ms is None else now_ms
    changes = _plain_changes(raw, catalog, wall) if clean else None
    if changes is None:  # something to refuse or convert: the full checks say what
        for n, c in enumerate(raw):
            _change_shape(n, c)
        changes = validate_changes(raw, catalog, now_ms=wall, text_checked=clean)
    texts = [data_text(c.data) for c in changes]
    return PushBody(batch_id, batch_digest(changes, texts), changes, texts)


def _plain_changes(raw: list[Any], catalog: Catalog, wall_ms: int) -> list[Change] | None:
    """The changes of ``raw`` when every one is plainly valid — every field present and of
    its type, every column known and already of its column's type, the clock in range —
    as :func:`_change_shape` and :func:`validate_changes` would build them; None as soon
    as one is not (those two then refuse it, or convert its values, in their own words).

    One pass with each field read once: what devices send is nearly always plain, and this
    is most of the time the server spends on a push. ``raw`` must hold no NUL or unpaired
    surrogate (see :func:`parse_push`)."""
    tables = _plain_tables(catalog)
    out: list[Change] = []
    append = out.append
    limit = wall_ms + MAX_FUTURE_MS
    match = NAME_RE.match
    for c in raw:
        if type(c) is not dict or c.keys() != _CHANGE_KEYS:
            return None
        table, row_id, rev, hlc = c["table"], c["id"], c["rev"], c["hlc"]
        base, device_id, deleted, data = c["base_hlc"], c["device_id"], c["deleted"], c["data"]
        if (
            type(table) is not str
            or table not in tables
            or type(row_id) is not str
            or len(row_id) > 64
            or match(row_id) is None
            or type(device_id) is not str
            or match(device_id) is None
            or type(rev) is not int
            or not 1 <= rev <= _BIG
            or type(hlc) is not str
            or len(hlc) > 200
            or (ms := hlc_ms(hlc)) is None
            or ms > limit
            or type(base) is not str
            or (base and (len(base) > 200 or hlc_ms(base) is None or base > hlc))
            or type(deleted) is not bool
            or type(data) is not dict
            or not data
        ):
            return None
        columns, needed, kinds, all_text = tables[table]
        if not columns.issuperset(data) or None in map(data.get, needed):
            return None
        for key, value in data.items():
            kind = type(value)
            if value is None or (kind is str and (all_text or kinds[key] in _TEXT_AS_IS)):
                continue
            if kind is int and kinds[key] in _INT_AS_IS and -_INT64 <= value < _INT64:
                continue
            if kind is float and kinds[key] in _REAL_AS_IS and math.isfinite(value):
                continue
            return None
        # data as decoded: nothing else holds it, and nothing in it needs converting.
        append(Change(table, row_id, rev, hlc, base, device_id, deleted, data))
    return out


_PLAIN: dict[int, tuple[Catalog, dict[str, tuple[Any, ...]]]] = {}


def _plain_tables(catalog: Catalog) -> dict[str, tuple[Any, ...]]:
    """Per table: (columns, required columns, column kinds, every column text?)."""
    found = _PLAIN.get(id(catalog))
    if found is None or found[0] is not catalog:
        tables = {
            name: (info.columns, _needed(info), info.kinds,
                   all(kind in _TEXT_AS_IS for kind in info.kinds.values()))
            for name, info in catalog.tables.items()
            if name in _TABLES
        }  # fmt: skip
        found = _PLAIN[id(catalog)] = (catalog, tables)
    return found[1]


_REAL_AS_IS = frozenset({"real", "any"})


def batch_digest(changes: Sequence[Change], data_texts: Sequence[str]) -> str:
    """The digest of a batch's content, to tell a batch sent again (the same digest) from
    a batch id reused for other changes. Over the validated changes, so that the same
    changes give the same digest however they were written (key order, escapes); from the
    data texts the server stores anyway, so that each change is serialised once."""
    heads = _plain_json([[c.table, c.id, c.rev, c.hlc, c.base_hlc, c.device_id, c.deleted]
                         for c in changes])  # fmt: skip
    # JSON text holds no raw control character: the separators cannot be forged.
    return hashlib.sha256(f"{heads}{_SEP}{_SEP.join(data_texts)}".encode()).hexdigest()


_SEP = "\x1e"


def legacy_digest(body: bytes) -> str | None:
    """The digest earlier servers stored for ``body`` (canonical JSON of the changes as
    sent, defaults filled in); None if it cannot be worked out. Costly: only for telling
    a replay of a batch they answered from a reused batch id."""
    try:
        raw = json.loads(body)["changes"]
        canonical = [_change_shape(n, c) for n, c in enumerate(raw)]
    except (ValueError, TypeError, KeyError, ApiError):
        return None
    return hashlib.sha256(_canonical_json(canonical).encode()).hexdigest()


def _strict_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")  # strict: encoded surrogates are refused
    except UnicodeDecodeError:
        return False
    return True


def _change_shape(n: int, c: Any) -> dict[str, Any]:
    """``c`` as ``models.ChangeIn`` checks and dumps it (defaults filled in); 422 if not."""
    where = f"body.changes.{n}"
    if not isinstance(c, dict):
        raise _bad_shape(where, "应为对象", "must be an object")
    for key in _CHANGE_REQUIRED:
        if key not in c:
            raise _bad_shape(f"{where}.{key}", "缺少字段", "field required")
    if len(c) != len(_CHANGE_KEYS):
        for key in c:
            if key not in _CHANGE_KEYS:
                raise _bad_shape(f"{where}.{str(key)[:40]}", "不允许的字段",
                                 "extra field not permitted")  # fmt: skip
        c = {"base_hlc": "", "deleted": False, **c}
    for key, (low, high) in _CHANGE_TEXT.items():
        value = c[key]
        if not isinstance(value, str) or not low <= len(value) <= high:
            raise _bad_shape(f"{where}.{key}", f"应为 {low}–{high} 个字符的文字",
                             f"must be text of {low}–{high} characters")  # fmt: skip
    rev = c["rev"]
    if type(rev) is not int or not 1 <= rev <= _BIG:
        raise _bad_shape(f"{where}.rev", "应为正整数", "must be a positive integer")
    if type(c["deleted"]) is not bool:
        raise _bad_shape(f"{where}.deleted", "应为 true 或 false", "must be true or false")
    if not isinstance(c["data"], dict):
        raise _bad_shape(f"{where}.data", "应为对象", "must be an object")
    checked: dict[str, Any] = c
    return checked


def _bad_shape(where: str, zh: str, en: str) -> ApiError:
    # Worded as the answer to a request the request models refuse (app.py).
    return invalid(f"请求内容无效：{where}：{zh}", f"Invalid request: {where}: {en}")


def _check_clock(change: Change, ms: int, wall_ms: int, n: int) -> None:
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
