"""The server database: SQLite in the data directory by default, PostgreSQL by URL.

Several server processes may share one PostgreSQL database (behind a load balancer), so
everything here is safe to run concurrently: migrations take an advisory lock, writing
transactions are retried when PostgreSQL reports a deadlock, a serialisation failure or a
unique-key race with another process, and sequence numbers come from one counter row bumped
last in each transaction (see :mod:`fieldapp.server.records`). On SQLite every writing
transaction begins IMMEDIATE, which serialises writers without "database is locked"
upgrades half way through.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from fieldapp.core.i18n import Text
from fieldapp.server.errors import ServerSetupError
from fieldapp.server.schema import server_meta

T = TypeVar("T")

DATABASE_FILENAME = "server.db"
_MIGRATION_LOCK = 0x6669656C64  # "field": the advisory lock key every process agrees on
# PostgreSQL error codes worth a retry: serialization_failure, deadlock_detected,
# unique_violation (another process inserted the same row first), lock_not_available.
_RETRY_PGCODES = {"40001", "40P01", "23505", "55P03"}


def database_url(data_dir: Path, url: str | None) -> str:
    """The SQLAlchemy URL for ``--database`` (default: SQLite file in ``data_dir``)."""
    if not url:
        return f"sqlite:///{(data_dir / DATABASE_FILENAME).absolute()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if url.startswith(("postgresql+psycopg://", "sqlite:///")):
        return url
    raise ServerSetupError(
        Text(
            f"不支持的数据库地址 {url[:80]}（可用 postgresql://… 或省略以使用 SQLite）。",
            f"Unsupported database URL {url[:80]} (use postgresql://… or omit it for SQLite).",
        )
    )


class ServerDatabase:
    """Engines and transactions of the server database."""

    def __init__(self, url: str, *, data_dir: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.is_postgres = url.startswith("postgresql")
        if self.is_postgres:
            self.engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
            self.read_engine = self.engine
        else:
            self.engine = _sqlite_engine(url, begin="BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, begin="BEGIN")

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries (a consistent snapshot for the whole block)."""
        with self.read_engine.begin() as conn:
            yield conn

    def write(self, work: Callable[[Connection], T], *, attempts: int = 8) -> T:
        """Run ``work`` in one writing transaction, retried from the start when it races
        another transaction (deadlock, serialisation failure, duplicate key, busy).

        ``work`` must therefore only touch the database (and be safe to run again)."""
        for attempt in range(1, attempts + 1):
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except (IntegrityError, OperationalError) as exc:
                if attempt == attempts or not self._retryable(exc):
                    raise
            # Randomised backoff so that two retrying processes do not collide again.
            time.sleep(random.uniform(0.005, 0.02) * attempt)
        raise AssertionError("unreachable")

    def _retryable(self, exc: DBAPIError) -> bool:
        if self.is_postgres:
            code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
            return code in _RETRY_PGCODES
        message = str(exc.orig).lower()
        return "locked" in message or "busy" in message or "unique" in message

    def insert_ignore(self, table: Any) -> Any:
        """INSERT … ON CONFLICT DO NOTHING for this database's dialect."""
        insert = pg_insert if self.is_postgres else sqlite_insert
        return insert(table).on_conflict_do_nothing()

    def migrate(self) -> None:
        """Bring the schema to the latest Alembic revision; safe when several processes
        start at once (PostgreSQL advisory lock; a lock file beside a SQLite database)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with self._migration_lock() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                conn.commit()
                _ensure_server_id(conn)
                conn.commit()
        except (OperationalError, DBAPIError) as exc:
            raise ServerSetupError(
                Text(
                    f"无法连接或升级服务器数据库：{_first_line(exc)}",
                    f"Cannot reach or upgrade the server database: {_first_line(exc)}",
                )
            ) from exc

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if self.is_postgres:
                conn.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_LOCK})")
                conn.commit()
                try:
                    yield conn
                finally:
                    conn.rollback()
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK})")
                    conn.commit()
                return
            with _file_lock(self.data_dir / (DATABASE_FILENAME + ".migrate-lock")):
                yield conn

    def server_id(self) -> str:
        """This server's id, made once with the database (devices check it before sending
        their token to a changed address)."""
        with self.read() as conn:
            value = conn.execute(
                select(server_meta.c.value).where(server_meta.c.key == "server_id")
            ).scalar_one()
        return str(value)


def _ensure_server_id(conn: Connection) -> None:
    from fieldapp.core.ids import new_uuid7

    found = conn.execute(
        select(server_meta.c.value).where(server_meta.c.key == "server_id")
    ).scalar_one_or_none()
    if found is None:
        conn.execute(server_meta.insert().values(key="server_id", value=new_uuid7()))


def _sqlite_engine(url: str, *, begin: str) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own implicit BEGIN is switched off so that ours (below) is the only one.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(begin)

    return engine


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: one server process per SQLite file is the rule there
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__
