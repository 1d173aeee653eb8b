"""The change format: rows as they travel between devices, the server and USB packages.

A :class:`Change` is one synced row with its bookkeeping. :meth:`ChangeRepository.
collect_changes` exports them (everything, one community, or only what is not yet pushed);
:meth:`ChangeRepository.apply_changes` imports them in one transaction, reconciling each
with :func:`fieldapp.core.merge.decide` — so applying the same changes twice changes nothing,
and a concurrent edit that loses is kept as a conflict record. Answers and forms are matched
by their natural keys ((submission, question, instance); (form_id, version)), so two devices
that answered the same question merge into one answer.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldapp.core.clock import parse_hlc
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text
from fieldapp.core.merge import Action, Version, decide
from fieldapp.store.base import NOUNS, StoreBase

# Parents before children, so foreign keys hold while a batch is applied.
SYNCED_TABLES = tuple(NOUNS)
BOOKKEEPING = ("id", "rev", "hlc", "device_id", "deleted", "dirty", "base_hlc")
# Columns that say when, not what: left out when comparing two versions' content.
_TIMES = ("created_at", "updated_at")
NATURAL_KEYS: Mapping[str, tuple[str, ...]] = {
    "answers": ("submission_id", "question", "instance"),
    "forms": ("form_id", "version"),
}


class ChangeError(FieldappError):
    """A change (from a package, a server or a device) is malformed; nothing was applied."""


@dataclass(frozen=True, slots=True)
class Change:
    """One synced row as it travels: bookkeeping plus the row's other columns in ``data``."""

    table: str
    id: str
    rev: int
    hlc: str
    base_hlc: str
    device_id: str
    deleted: bool
    data: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the wire and package format)."""
        return {
            "table": self.table, "id": self.id, "rev": self.rev, "hlc": self.hlc,
            "base_hlc": self.base_hlc, "device_id": self.device_id, "deleted": self.deleted,
            "data": self.data,
        }  # fmt: skip

    @classmethod
    def from_json(cls, obj: Any, *, where: str = "") -> Change:
        """Validate and build a Change from decoded JSON; ChangeError if malformed."""

        def bad(zh: str, en: str) -> ChangeError:
            return ChangeError(Text(f"{where}变更格式错误：{zh}", f"{where}malformed change: {en}"))

        if not isinstance(obj, dict):
            raise bad("应为对象", "must be an object")
        table = obj.get("table")
        if table not in SYNCED_TABLES:
            raise bad(f"未知的表 {str(table)[:40]}", f"unknown table {str(table)[:40]}")
        for key, kind in (("id", str), ("hlc", str), ("device_id", str), ("data", dict)):
            if not isinstance(obj.get(key), kind) or not obj.get(key):
                raise bad(f"缺少或无效的 {key}", f"missing or invalid {key}")
        rev = obj.get("rev")
        if not isinstance(rev, int) or isinstance(rev, bool) or rev < 1:
            raise bad("rev 应为正整数", "rev must be a positive integer")
        base = obj.get("base_hlc", "")
        if not isinstance(base, str) or not isinstance(obj.get("deleted", False), bool):
            raise bad("base_hlc 或 deleted 无效", "invalid base_hlc or deleted")
        for stamp in (obj["hlc"], *([base] if base else [])):
            try:
                parse_hlc(stamp)
            except ValueError:
                raise bad("时间戳无效", "invalid timestamp") from None
        return cls(table=table, id=obj["id"][:64], rev=rev, hlc=obj["hlc"], base_hlc=base,
                   device_id=obj["device_id"][:128], deleted=bool(obj.get("deleted", False)),
                   data=dict(obj["data"]))  # fmt: skip


@dataclass(slots=True)
class ApplyReport:
    """What applying a batch did, counted by outcome."""

    inserted: int = 0
    accepted: int = 0
    kept: int = 0
    skipped: int = 0
    conflicts: int = 0
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        """Rows written (inserted or updated)."""
        return self.inserted + self.accepted


@dataclass(frozen=True, slots=True)
class Conflict:
    """A concurrent edit that lost, kept for people to see (and, if they wish, restore)."""

    id: str
    table_name: str
    row_id: str
    field: str
    local_value: Any
    remote_value: Any
    local_hlc: str
    remote_hlc: str
    winner: str
    created_at: str
    resolved_at: str | None


def _content(table: str, values: Mapping[str, Any], deleted: bool) -> dict[str, Any]:
    # What a version says (for comparing two versions): data minus times, plus the tombstone.
    out = {k: v for k, v in values.items() if k not in _TIMES and k not in BOOKKEEPING}
    out["deleted"] = bool(deleted)
    if table in NATURAL_KEYS:
        out.pop("id", None)
    return out


class ChangeRepository(StoreBase):
    """Export and import of changes; the device side of sync and of USB packages."""

    def _columns(self, table: str) -> list[str]:
        cached = getattr(self, "_column_cache", None)
        if cached is None:
            cached = {}
            self._column_cache = cached
        if table not in cached:
            rows = self._rows(f"PRAGMA table_info({table})")
            cached[table] = [r["name"] for r in rows]
        return list(cached[table])

    def _change_from_row(self, table: str, row: Mapping[str, Any]) -> Change:
        return Change(
            table=table, id=row["id"], rev=int(row["rev"]), hlc=row["hlc"],
            base_hlc=row["base_hlc"], device_id=row["device_id"], deleted=bool(row["deleted"]),
            data={k: v for k, v in row.items() if k not in BOOKKEEPING},
        )  # fmt: skip

    def collect_changes(
        self, *, community_id: str | None = None, dirty_only: bool = False
    ) -> list[Change]:
        """Rows as changes, parents first: all of them, or one community's (with its project
        and the forms its submissions use); ``dirty_only`` keeps those not yet pushed."""
        out: list[Change] = []
        for table in SYNCED_TABLES:
            sql, params = _scope(table, community_id)
            if dirty_only:
                sql += (" AND " if " WHERE " in sql else " WHERE ") + "dirty = 1"
            for row in self._rows(sql + " ORDER BY hlc, id", params):
                out.append(self._change_from_row(table, row))
        return out

    def apply_changes(self, changes: Iterable[Change], *, mark_dirty: bool = False) -> ApplyReport:
        """Apply ``changes`` in one transaction (all or nothing); see the module docstring.

        ``mark_dirty`` marks written rows as still to be pushed (a USB package imported on a
        device whose server has not seen it); rows from the server are not."""
        batch = sorted(changes, key=lambda c: SYNCED_TABLES.index(c.table))
        report = ApplyReport()
        with self._write() as stamp:
            for n, change in enumerate(batch, start=1):
                try:
                    self._apply_one(change, stamp.at, mark_dirty=mark_dirty, report=report)
                except sqlite3.Error as exc:
                    zh, en = NOUNS[change.table]
                    raise ChangeError(Text(
                        f"第 {n} 条变更（{zh} {change.id}）无法导入：{exc}。未导入任何数据。",
                        f"change {n} ({en} {change.id}) cannot be applied: {exc}. "
                        "Nothing was imported.",
                    )) from exc  # fmt: skip
        return report

    def _apply_one(
        self, change: Change, now: str, *, mark_dirty: bool, report: ApplyReport
    ) -> None:
        table = change.table
        columns = self._columns(table)
        unknown = set(change.data) - set(columns)
        if unknown or set(BOOKKEEPING) & set(change.data):
            bad = sorted(unknown | (set(BOOKKEEPING) & set(change.data)))[0][:40]
            raise ChangeError(Text(f"变更中有未知的字段 {bad}（{table}）",
                                   f"unknown field {bad} in a {table} change"))  # fmt: skip
        self._clock.observe(change.hlc)
        current = self._row(table, change.id)
        if current is None and table in NATURAL_KEYS:
            key = NATURAL_KEYS[table]
            if all(k in change.data for k in key):
                where = " AND ".join(f"{k} = ?" for k in key)
                found = self._rows(
                    f"SELECT * FROM {table} WHERE {where}",  # noqa: S608 - names from code
                    [change.data[k] for k in key],
                )
                current = found[0] if found else None
        incoming = Version(change.hlc, change.base_hlc,
                           _content(table, change.data, change.deleted))  # fmt: skip
        receiver = None
        if current is not None:
            receiver = Version(current["hlc"], current["base_hlc"],
                               _content(table, current, bool(current["deleted"])))  # fmt: skip
        decision = decide(receiver, incoming)
        report.tables[table] = report.tables.get(table, 0) + 1
        if decision.action is Action.SKIP:
            report.skipped += 1
            return
        self._wrote = True
        if decision.conflict and current is not None:
            self._record_conflicts(table, current, change, decision.action, now)
            report.conflicts += 1
        if decision.action is Action.KEEP:
            assert current is not None
            self._db.conn.execute(
                f"UPDATE {table} SET base_hlc = MAX(base_hlc, ?) WHERE id = ?",  # noqa: S608
                (change.hlc, current["id"]),
            )
            report.kept += 1
            return
        row = {
            **change.data, "rev": change.rev, "hlc": change.hlc, "device_id": change.device_id,
            "deleted": int(change.deleted), "base_hlc": change.hlc, "dirty": int(mark_dirty),
        }  # fmt: skip
        if current is None:
            row["id"] = change.id
            names = ", ".join(row)
            marks = ", ".join("?" * len(row))
            self._db.conn.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                tuple(row.values()),
            )
            report.inserted += 1
        else:
            sets = ", ".join(f"{k} = ?" for k in row)
            self._db.conn.execute(
                f"UPDATE {table} SET {sets} WHERE id = ?",  # noqa: S608
                (*row.values(), current["id"]),
            )
            report.accepted += 1

    def _record_conflicts(self, table: str, current: Mapping[str, Any], change: Change,
                          action: Action, now: str) -> None:  # fmt: skip
        mine = _content(table, current, bool(current["deleted"]))
        theirs = _content(table, change.data, change.deleted)
        winner = "remote" if action is Action.ACCEPT else "local"
        for name in sorted(set(mine) | set(theirs)):
            if mine.get(name) == theirs.get(name):
                continue
            self._db.conn.execute(
                "INSERT INTO conflicts (id, table_name, row_id, field, local_value, remote_value,"
                " local_hlc, remote_hlc, winner, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (self._new_id(), table, current["id"], name,
                 json.dumps(mine.get(name), ensure_ascii=False),
                 json.dumps(theirs.get(name), ensure_ascii=False),
                 current["hlc"], change.hlc, winner, now),
            )  # fmt: skip

    def mark_shared(self, changes: Iterable[Change]) -> int:
        """After the other side acknowledged ``changes``: their rows are shared (base_hlc)
        and no longer dirty — unless edited again meanwhile. Returns rows marked."""
        marked = 0
        with self._write():
            for c in changes:
                cur = self._db.conn.execute(
                    f"UPDATE {c.table} SET base_hlc = hlc, dirty = 0 "  # noqa: S608
                    "WHERE id = ? AND hlc = ?",
                    (c.id, c.hlc),
                )
                marked += cur.rowcount
        return marked

    def conflicts(self, *, open_only: bool = True) -> list[Conflict]:
        """Recorded conflicts, newest first."""
        where = "WHERE resolved_at IS NULL" if open_only else ""
        rows = self._rows(f"SELECT * FROM conflicts {where} ORDER BY created_at DESC, id")  # noqa: S608
        return [
            Conflict(**{**r, "local_value": json.loads(r["local_value"] or "null"),
                        "remote_value": json.loads(r["remote_value"] or "null")})
            for r in rows
        ]  # fmt: skip

    def digest(self) -> str:
        """SHA-256 over a canonical form of all synced content (not local-only fields):
        two stores that have converged have the same digest."""
        return changes_digest(self.collect_changes())


def comparable_content(table: str, values: Mapping[str, Any], deleted: bool) -> dict[str, Any]:
    """What a version of a row says, for comparing two versions (as :func:`fieldapp.core.
    merge.decide` needs): its data without times, ids of natural-key rows, plus the
    tombstone. The server compares with this too."""
    return _content(table, values, deleted)


def changes_digest(changes: Iterable[Change]) -> str:
    """The digest of :meth:`ChangeRepository.digest` over any set of changes (the server
    computes its own with it). Lines are sorted, not taken in row order: rows matched by
    natural key have different ids on different devices, so ``ORDER BY hlc, id`` could
    list two rows saved in one transaction in a different order on each device."""
    lines = []
    for c in changes:
        identity: Any = c.id
        if c.table in NATURAL_KEYS:
            identity = [c.data.get(k) for k in NATURAL_KEYS[c.table]]
        record = [c.table, identity, c.hlc, c.device_id, c.deleted,
                  _content(c.table, c.data, c.deleted)]  # fmt: skip
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line)
        h.update(b"\n")
    return h.hexdigest()


def _scope(table: str, community_id: str | None) -> tuple[str, list[Any]]:
    """SELECT for ``table`` limited to one community's rows (all rows if None)."""
    if community_id is None:
        return f"SELECT * FROM {table}", []  # noqa: S608 - table names come from code
    c = [community_id]
    subs = "SELECT id FROM submissions WHERE community_id = ?"
    probs = "SELECT id FROM problems WHERE community_id = ?"
    photos = "SELECT id FROM photos WHERE community_id = ?"
    queries: dict[str, tuple[str, list[Any]]] = {
        "projects": ("SELECT * FROM projects WHERE id IN "
                     "(SELECT project_id FROM communities WHERE id = ?)", c),
        "communities": ("SELECT * FROM communities WHERE id = ?", c),
        "estates": ("SELECT * FROM estates WHERE community_id = ?", c),
        "buildings": ("SELECT * FROM buildings WHERE estate_id IN "
                      "(SELECT id FROM estates WHERE community_id = ?)", c),
        "forms": ("SELECT * FROM forms WHERE EXISTS (SELECT 1 FROM submissions s WHERE "
                  "s.community_id = ? AND s.form_id = forms.form_id AND "
                  "s.form_version = forms.version)", c),
        "submissions": ("SELECT * FROM submissions WHERE community_id = ?", c),
        "answers": (f"SELECT * FROM answers WHERE submission_id IN ({subs})", c),  # noqa: S608
        "problems": ("SELECT * FROM problems WHERE community_id = ?", c),
        "problem_events": (f"SELECT * FROM problem_events WHERE problem_id IN ({probs})", c),  # noqa: S608
        "photos": (f"SELECT * FROM photos WHERE id IN ({photos})", c),  # noqa: S608
        "photo_links": (f"SELECT * FROM photo_links WHERE photo_id IN ({photos}) OR "  # noqa: S608
                        f"problem_id IN ({probs}) OR submission_id IN ({subs})", c * 3),
        "needs": ("SELECT * FROM needs WHERE community_id = ?", c),
        "renewal_projects": ("SELECT * FROM renewal_projects WHERE community_id = ?", c),
    }  # fmt: skip
    return queries[table]
