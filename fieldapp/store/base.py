"""The machinery every repository of the store shares: one transaction per public call,
the sync bookkeeping stamped on every written row, and row look-ups with clear errors."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fieldapp.core.clock import HybridLogicalClock, parse_hlc
from fieldapp.core.errors import NotFoundError
from fieldapp.core.i18n import Text
from fieldapp.store.database import sqlite_errors_as_store_errors
from fieldapp.store.fields import InvalidValueError

__all__ = ["NOUNS", "Stamp", "StoreBase", "iso_from_hlc"]

NOUNS: Mapping[str, tuple[str, str]] = {
    "projects": ("项目", "project"),
    "communities": ("社区", "community"),
    "estates": ("小区", "estate"),
    "buildings": ("楼栋", "building"),
    "forms": ("表单", "form"),
    "submissions": ("填报记录", "submission"),
    "answers": ("答案", "answer"),
    "problems": ("问题", "problem"),
    "problem_events": ("问题处置记录", "problem event"),
    "photos": ("照片", "photo"),
    "photo_links": ("照片关联", "photo link"),
    "needs": ("需求", "need"),
    "renewal_projects": ("更新项目", "renewal project"),
}


def iso_from_hlc(hlc: str) -> str:
    """The physical part of an HLC timestamp as ISO 8601 UTC, e.g. 2026-05-01T08:30:00.123Z."""
    ms, _, _ = parse_hlc(hlc)
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Stamp:
    """The bookkeeping of one write transaction: its HLC timestamp, time and device."""

    hlc: str
    at: str
    device_id: str


class StoreBase:
    """Owns the write connection; subclasses add the operations on each kind of record.

    Every public mutating method wraps its work in :meth:`_write`, which makes it exactly
    one transaction: all of it is committed before the method returns, or none of it is.
    """

    def __init__(
        self,
        db: Database,
        *,
        path: Path,
        clock: HybridLogicalClock,
        new_id: Callable[[], str],
    ) -> None:
        self._db = db
        self._path = path
        self._clock = clock
        self._new_id = new_id
        self._stamp: Stamp | None = None
        self._wrote = False

    @contextlib.contextmanager
    def _write(self) -> Iterator[Stamp]:
        """One transaction with one HLC stamp; nested calls join the outer transaction."""
        if self._stamp is not None:
            with self._db.atomic():
                yield self._stamp
            return
        with sqlite_errors_as_store_errors(self._path):
            # IMMEDIATE takes the write lock up front, waiting out (busy_timeout) another
            # process that is writing — e.g. the CLI importing while the app is open — where
            # a deferred transaction would fail when it turned from reading to writing.
            self._db.conn.execute("BEGIN IMMEDIATE")
            try:
                hlc = self._clock.now()
                self._stamp = Stamp(hlc=hlc, at=iso_from_hlc(hlc), device_id=self._clock.device_id)
                self._wrote = False
                yield self._stamp
                if self._wrote:
                    # The clock state rides in the same transaction, so after a restart (even
                    # with the wall clock set back) no stamp can sort before a stored one.
                    # last(), not hlc: the transaction may have observed later remote stamps.
                    self._db.conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'hlc'", (self._clock.last(),)
                    )
                self._db.conn.execute("COMMIT")
            except BaseException:
                if self._db.conn.in_transaction:
                    self._db.conn.execute("ROLLBACK")
                raise
            finally:
                self._stamp = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Stamp]:
        """Group several store calls into one transaction (all committed, or none): e.g. a
        photo row and its link. Store methods called inside join it."""
        with self._write() as stamp:
            yield stamp

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with sqlite_errors_as_store_errors(self._path):
            cursor = self._db.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _row(self, table: str, row_id: str) -> dict[str, Any] | None:
        # Table and column names in this module's SQL come from code (NOUNS, the EDITABLE
        # whitelist), never from input; values are always bound parameters.
        rows = self._rows(f"SELECT * FROM {_table(table)} WHERE id = ?", (row_id,))  # noqa: S608
        return rows[0] if rows else None

    def _require(self, table: str, row_id: str, *, live: bool = True) -> dict[str, Any]:
        """The row ``row_id`` of ``table``; NotFoundError if missing (or deleted, if ``live``)."""
        row = self._row(table, row_id) if isinstance(row_id, str) else None
        if row is None or (live and row["deleted"]):
            zh, en = NOUNS[table]
            shown = str(row_id)[:80]
            raise NotFoundError(
                Text(
                    f"找不到{zh} {shown}（不存在或已删除）。",
                    f"No {en} with id {shown} (it does not exist or was deleted).",
                )
            )
        return row

    def _insert(
        self, stamp: Stamp, table: str, values: Mapping[str, Any], *, row_id: str | None = None
    ) -> str:
        """Insert a new synced row (rev 1, dirty) and return its id (a new one unless
        ``row_id`` is given)."""
        row_id = row_id or self._new_id()
        row = {
            "id": row_id,
            "rev": 1,
            "hlc": stamp.hlc,
            "device_id": stamp.device_id,
            "deleted": 0,
            "dirty": 1,
            "created_at": stamp.at,
            "updated_at": stamp.at,
            **values,
        }
        self._wrote = True
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        sql = f"INSERT INTO {_table(table)} ({columns}) VALUES ({marks})"  # noqa: S608
        self._db.conn.execute(sql, tuple(row.values()))
        return row_id

    def _update(
        self, stamp: Stamp, table: str, current: Mapping[str, Any], changes: Mapping[str, Any]
    ) -> int:
        """Apply the ``changes`` that differ from ``current``; return the row's rev after.

        A change that changes nothing writes nothing: bumping the stamp would make an
        unchanged local value win over a real concurrent edit made on another device.
        """
        changed = {k: v for k, v in changes.items() if current[k] != v}
        if not changed:
            return int(current["rev"])
        self._wrote = True
        sets = ", ".join(f"{name} = ?" for name in changed)
        sql = (
            f"UPDATE {_table(table)} SET {sets}, rev = rev + 1, hlc = ?, device_id = ?, "  # noqa: S608
            "updated_at = ?, dirty = 1 WHERE id = ?"
        )
        self._db.conn.execute(
            sql, (*changed.values(), stamp.hlc, stamp.device_id, stamp.at, current["id"])
        )
        return int(current["rev"]) + 1

    def _check_place(
        self, community_id: str, estate_id: str | None, building_id: str | None
    ) -> tuple[str | None, str | None]:
        """Check that the estate and building (if given) are live and inside the community;
        return (estate_id, building_id), the estate filled in from the building if omitted."""
        if building_id is not None:
            building = self._require("buildings", building_id)
            if estate_id is not None and building["estate_id"] != estate_id:
                raise _misplaced("building_id", "楼栋不属于所选小区。", "estate")
            estate_id = building["estate_id"]
        if estate_id is not None:
            estate = self._require("estates", estate_id)
            if estate["community_id"] != community_id:
                raise _misplaced("estate_id", "小区不属于该社区。", "community")
        return estate_id, building_id


def _table(name: str) -> str:
    if name not in NOUNS:
        raise ValueError(f"not a synced table: {name!r}")
    return name


def _misplaced(field: str, zh: str, parent_en: str) -> InvalidValueError:
    return InvalidValueError(
        Text(zh, f"The {field.removesuffix('_id')} does not belong to the chosen {parent_en}."),
        field=field,
    )
