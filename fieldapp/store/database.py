"""Opening the device database safely: refuse what cannot be used, then set the pragmas.

Whatever is wrong with the file — not SQLite at all, damaged or truncated, made by a newer
fieldapp — the user gets a :class:`StoreError` saying so in Chinese and English, never a raw
``sqlite3`` traceback, and the file is left untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from fieldapp.core.errors import StoreError
from fieldapp.core.i18n import Text

__all__ = [
    "BUSY_TIMEOUT_MS",
    "SQLITE_HEADER",
    "backup_database",
    "check_is_fieldapp",
    "open_reader",
    "open_writer",
    "sqlite_errors_as_store_errors",
    "user_version",
]

SQLITE_HEADER = b"SQLite format 3\x00"
# Long enough to wait out a reader's checkpoint or a backup, short enough that a stuck lock
# turns into a message instead of a frozen form.
BUSY_TIMEOUT_MS = 5000


def _unusable(path: Path, zh: str, en: str) -> StoreError:
    return StoreError(Text(f"无法使用数据库 {path}：{zh}", f"Cannot use the database {path}: {en}"))


def _damaged(path: Path, detail: str) -> StoreError:
    return _unusable(
        path,
        f"文件已损坏或不完整（{detail}）。请从备份恢复，或联系技术支持。",
        f"the file is damaged or incomplete ({detail}). Restore it from a backup "
        "or contact support.",
    )


@contextlib.contextmanager
def sqlite_errors_as_store_errors(path: Path) -> Iterator[None]:
    """Turn any sqlite3 error raised inside the block into a bilingual StoreError."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "not a database" in message:
            raise _unusable(
                path,
                "这不是 SQLite 数据库文件（可能选错了文件，或文件已损坏）。",
                "this is not a SQLite database file (wrong file chosen, or it is damaged).",
            ) from exc
        if "malformed" in message or "corrupt" in message:
            raise _damaged(path, message) from exc
        if "locked" in message or "busy" in message:
            raise _unusable(
                path,
                "数据库正被另一个程序占用。请关闭其他 fieldapp 窗口后重试。",
                "the database is in use by another program. Close other fieldapp "
                "windows and try again.",
            ) from exc
        if "readonly" in message or "read-only" in message or "unable to open" in message:
            raise _unusable(
                path,
                f"无法读写该文件（{message}）。请检查磁盘和文件权限。",
                f"the file cannot be read or written ({message}). Check the disk and "
                "file permissions.",
            ) from exc
        if "disk" in message or "full" in message or "I/O" in message:
            raise _unusable(
                path,
                f"磁盘读写失败（{message}）。请检查磁盘空间。",
                f"a disk error occurred ({message}). Check the free disk space.",
            ) from exc
        raise _unusable(path, f"数据库出错（{message}）。", f"database error ({message}).") from exc


def _check_file(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets to touch it."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise _unusable(
            path,
            f"无法读取文件（{exc.strerror or exc}）。",
            f"the file cannot be read ({exc.strerror or exc}).",
        ) from exc
    if not head.startswith(SQLITE_HEADER):
        raise _unusable(
            path,
            "这不是 SQLite 数据库文件（可能选错了文件，或文件已损坏）。",
            "this is not a SQLite database file (wrong file chosen, or it is damaged).",
        )
    if len(head) < 100:
        raise _damaged(path, "header truncated")


def user_version(db: Database) -> int:
    """The schema version recorded in the database header (``PRAGMA user_version``)."""
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def check_is_fieldapp(db: Database, path: Path) -> None:
    """Refuse a database holding another program's tables (StoreError).

    A fieldapp database is either brand new (no tables, ``user_version`` 0) or has a
    ``user_version`` and a ``meta`` table.
    """
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    tables = {str(row[0]) for row in rows}
    version = user_version(db)
    if (version == 0 and tables) or (version > 0 and "meta" not in tables):
        raise StoreError(
            Text(
                f"{path} 不是 fieldapp 数据库（里面是其他程序的数据）。为保护该文件，本程序不会修改它；"
                "请改用另一个数据目录。",
                f"{path} is not a fieldapp database (it holds another program's data). It "
                "has been left unchanged; please choose another data directory.",
            )
        )


def open_writer(path: Path, *, latest_version: int) -> Database:
    """Open (or create) the database at ``path`` as the one write connection.

    Refuses, with StoreError and without modifying the file: a file that is not SQLite, a
    database failing ``PRAGMA quick_check``, one whose ``user_version`` is newer than
    ``latest_version``, and another program's database. Then sets WAL, foreign keys, ``synchronous=FULL`` and a busy timeout.
    The connection may be handed to another thread, but must be used by one at a time.
    """
    _check_file(path)
    conn: sqlite3.Connection | None = None
    try:
        with sqlite_errors_as_store_errors(path):
            conn = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            db = Database(conn, execute_plugins=False)
            version = user_version(db)
            if version > latest_version:
                raise StoreError(
                    Text(
                        f"数据库 {path} 由更新版本的 fieldapp 创建（数据结构版本 {version}，"
                        f"本程序最高支持 {latest_version}）。请升级 fieldapp 后再打开；"
                        "为保护数据，本程序不会修改该文件。",
                        f"The database {path} was created by a newer fieldapp (schema version "
                        f"{version}; this program supports up to {latest_version}). Please "
                        "upgrade fieldapp to open it; the file has been left unchanged.",
                    )
                )
            problems = [row[0] for row in db.execute("PRAGMA quick_check(5)").fetchall()]
            if problems != ["ok"]:
                raise _damaged(path, "; ".join(str(p) for p in problems))
            check_is_fieldapp(db, path)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL").fetchall()
            # FULL makes each commit sync the WAL: a battery can die mid-form and an answer
            # that was reported saved must still be there (NORMAL may lose the last commits).
            db.execute("PRAGMA synchronous = FULL")
            return db
    except BaseException:
        if conn is not None:
            conn.close()
        raise


def open_reader(path: Path) -> Database:
    """Open a read-only connection, for threads that only query (WAL lets them run beside
    the writer). Raises StoreError if the database does not exist or cannot be read."""
    if not path.exists():
        raise _unusable(path, "文件不存在。", "the file does not exist.")
    _check_file(path)
    with sqlite_errors_as_store_errors(path):
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        db = Database(conn, execute_plugins=False)
        db.execute("PRAGMA query_only = ON")
        return db


def backup_database(db: Database, target: Path) -> None:
    """Copy the open database to ``target`` with SQLite's backup API.

    The backup API reads through the connection, so changes still in the WAL file are
    included; the copy is switched to a rollback journal so it is one self-contained file.
    It is written beside the target and renamed into place, so a crash never leaves half a
    backup under the final name.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            dest.close()
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
