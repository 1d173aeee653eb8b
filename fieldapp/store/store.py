"""The Store: the one object that owns the device database's write connection.

All writes go through one Store (STYLE.md point 3); the UI runs it in a single writer thread,
and threads that only read open their own connections with
:func:`fieldapp.store.database.open_reader` (WAL lets them proceed while the writer works).
The operations live in small repositories, one module per kind of record; ``Store`` composes
them and adds opening, closing and counting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

import fieldapp
from fieldapp.core.clock import HybridLogicalClock, format_hlc
from fieldapp.core.errors import StoreError
from fieldapp.core.i18n import Text
from fieldapp.core.ids import new_uuid7
from fieldapp.store.bulk_reads import BulkReadRepository
from fieldapp.store.changes import ChangeRepository
from fieldapp.store.communities import CommunityRepository
from fieldapp.store.database import open_writer, sqlite_errors_as_store_errors, user_version
from fieldapp.store.form_registry import FormRepository
from fieldapp.store.migrations import LATEST_VERSION, MigrationResult, migrate
from fieldapp.store.paths import ensure_data_dir, photos_dir
from fieldapp.store.photo_records import PhotoRepository
from fieldapp.store.plans import PlanRepository
from fieldapp.store.problems import ProblemRepository
from fieldapp.store.submissions import SubmissionRepository

__all__ = ["Store"]

# Meta keys the store keeps itself; set_meta() refuses them.
_RESERVED_META = frozenset({"device_id", "hlc", "created_with", "last_opened_with"})
_COUNTED = (
    "communities",
    "estates",
    "buildings",
    "submissions",
    "answers",
    "problems",
    "photos",
)


class Store(
    CommunityRepository,
    FormRepository,
    SubmissionRepository,
    ProblemRepository,
    PhotoRepository,
    PlanRepository,
    BulkReadRepository,
    ChangeRepository,
):
    """The device database. Open with :meth:`Store.open`; use from one thread at a time.

    Every public mutating method is one transaction, committed (and synced to disk) before
    it returns; it stamps each row it writes with a new rev, the hybrid-logical-clock time,
    this device's id and updated_at, and marks it dirty (to be pushed). Nothing is ever
    hard-deleted: deletions are tombstones.
    """

    def __init__(
        self,
        db: Database,
        *,
        path: Path,
        clock: HybridLogicalClock,
        new_id: Callable[[], str],
        migration: MigrationResult,
    ) -> None:
        super().__init__(db, path=path, clock=clock, new_id=new_id)
        self.migration = migration
        """What opening did to the schema (versions, and the backup made before migrating)."""

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        clock: HybridLogicalClock | None = None,
        device_id: str | None = None,
        new_id: Callable[[], str] | None = None,
    ) -> Store:
        """Open the store in ``data_dir``, creating or upgrading the database as needed.

        The device id is made once, on first open (``device_id`` or ``clock.device_id`` if
        given, else a new UUIDv7), and kept in the database; opening with a different one is
        refused. ``clock`` and ``new_id`` are injectable for deterministic tests. Raises
        StoreError, in Chinese and English, for anything that makes the data unusable.
        """
        if device_id is not None and clock is not None and device_id != clock.device_id:
            raise ValueError(f"device_id {device_id!r} differs from clock.device_id")
        path = ensure_data_dir(Path(data_dir))
        db = open_writer(path, latest_version=LATEST_VERSION)
        try:
            with sqlite_errors_as_store_errors(path):
                migration = migrate(db, path)
                meta = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}
                device = _choose_device(path, meta.get("device_id"), device_id, clock)
                if clock is None:
                    clock = HybridLogicalClock(device)
                if "hlc" in meta:
                    clock.advance_past(meta["hlc"])
                with db.atomic():
                    for key, value in (
                        ("device_id", device),
                        ("hlc", format_hlc(0, 0, device)),
                        ("created_with", fieldapp.__version__),
                    ):
                        db.execute(
                            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value)
                        )
                    if meta.get("last_opened_with") != fieldapp.__version__:
                        db.execute(
                            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                            ("last_opened_with", fieldapp.__version__),
                        )
        except BaseException:
            db.close()
            raise
        return cls(db, path=path, clock=clock, new_id=new_id or new_uuid7, migration=migration)

    def close(self) -> None:
        """Close the write connection (SQLite then folds the WAL back into the file)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def data_dir(self) -> Path:
        """The data directory holding the database and ``photos/``."""
        return self._path.parent

    @property
    def photos_dir(self) -> Path:
        """The folder of content-addressed photo files."""
        return photos_dir(self.data_dir)

    @property
    def device_id(self) -> str:
        """This device's id, made once when the database was created."""
        return self._clock.device_id

    @property
    def clock(self) -> HybridLogicalClock:
        """The hybrid logical clock stamping this device's changes."""
        return self._clock

    @property
    def database(self) -> Database:
        """The write connection, for the sync layer and tests. Prefer the methods."""
        return self._db

    @property
    def schema_version(self) -> int:
        """The database's schema version (``PRAGMA user_version``)."""
        with sqlite_errors_as_store_errors(self._path):
            return user_version(self._db)

    def meta(self, key: str) -> str | None:
        """A value of the device-local ``meta`` table (never synced), or None."""
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return None if not rows else str(rows[0]["value"])

    def set_meta(self, values: Mapping[str, str | None]) -> None:
        """Write device-local ``meta`` values in one transaction (None deletes a key). The
        keys the store keeps itself (device id, clock, version) are refused."""
        reserved = sorted(set(values) & _RESERVED_META)
        if reserved:
            raise StoreError(
                Text(f"不能修改保留的元数据 {reserved}。", f"Reserved meta keys {reserved}.")
            )
        with self._write():
            for key, value in values.items():
                if value is None:
                    self._db.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    self._db.conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
                    )

    def counts(self) -> dict[str, int]:
        """Live (not deleted) rows of the main tables, by table name."""
        sql = " UNION ALL ".join(
            f"SELECT '{table}', COUNT(*) FROM {table} WHERE deleted = 0"  # noqa: S608 (constants)
            for table in _COUNTED
        )
        with sqlite_errors_as_store_errors(self._path):
            rows = self._db.conn.execute(sql).fetchall()
        return {str(table): int(count) for table, count in rows}


def _choose_device(
    path: Path, stored: str | None, requested: str | None, clock: HybridLogicalClock | None
) -> str:
    """The device id to use: the stored one, which nothing given may contradict."""
    wanted = requested or (clock.device_id if clock else None)
    if stored is not None and wanted is not None and wanted != stored:
        raise StoreError(
            Text(
                f"数据库 {path} 属于设备 {stored}，不能以设备 {wanted} 的身份打开。",
                f"The database {path} belongs to device {stored}; it cannot be opened as "
                f"device {wanted}.",
            )
        )
    return stored or wanted or new_uuid7()
