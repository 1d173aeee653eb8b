"""Opening the database: pragmas, schema, and refusing files that cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_testkit import SYNCED_TABLES, make_filled_store

from fieldapp.core.errors import StoreError
from fieldapp.store.database import open_reader
from fieldapp.store.migrations import LATEST_VERSION
from fieldapp.store.store import Store

SYNC_COLUMNS = {"id", "rev", "hlc", "device_id", "deleted", "created_at", "updated_at", "dirty"}


def test_pragmas(store: Store) -> None:
    db = store.database
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert store.schema_version == LATEST_VERSION


def test_every_synced_table_has_the_sync_columns(store: Store) -> None:
    for table in SYNCED_TABLES:
        columns = set(store.database[table].columns_dict)
        assert columns >= SYNC_COLUMNS, (table, SYNC_COLUMNS - columns)
        assert store.database[table].pks == ["id"]
    assert "dirty" not in store.database["meta"].columns_dict
    assert set(store.database["conflicts"].columns_dict) == {
        "id",
        "table_name",
        "row_id",
        "field",
        "local_value",
        "remote_value",
        "local_hlc",
        "remote_hlc",
        "winner",
        "resolved_at",
        "created_at",
    }


def test_indexes_that_queries_rely_on(store: Store) -> None:
    def indexed(table: str) -> list[list[str]]:
        return [index.columns for index in store.database[table].indexes]

    assert ["submission_id", "question", "instance"] in indexed("answers")
    assert ["community_id", "status"] in indexed("problems")
    assert ["community_id", "form_id"] in indexed("submissions")
    assert ["form_id", "version"] in indexed("forms")
    assert ["problem_id", "at"] in indexed("problem_events")
    assert ["estate_id"] in indexed("buildings")
    plan = store.database.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM answers WHERE submission_id = ?", ["x"]
    ).fetchall()
    assert "USING INDEX" in str(plan)


def test_primary_key_may_not_be_null(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.database.execute(
            "INSERT INTO projects (id, rev, hlc, device_id, created_at, updated_at, name) "
            "VALUES (NULL, 1, 'h', 'd', 'c', 'u', 'n')"
        )


def _refused(data_dir: Path) -> str:
    before = (data_dir / "fieldapp.db").read_bytes()
    with pytest.raises(StoreError) as info:
        Store.open(data_dir)
    assert (data_dir / "fieldapp.db").read_bytes() == before, "a refused file must stay as it was"
    return str(info.value)


def test_refuses_a_file_that_is_not_sqlite(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "fieldapp.db").write_bytes("这不是数据库 — a spreadsheet?\n".encode() * 50)
    message = _refused(data_dir)
    assert "不是 SQLite 数据库" in message
    assert "not a SQLite database" in message


def test_refuses_a_header_only_stub(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "fieldapp.db").write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    assert "已损坏或不完整" in _refused(data_dir)


def test_refuses_a_newer_database(data_dir: Path) -> None:
    make_filled_store(data_dir).close()
    conn = sqlite3.connect(data_dir / "fieldapp.db")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    message = _refused(data_dir)
    assert "由更新版本的 fieldapp 创建" in message
    assert "请升级" in message
    assert "newer fieldapp" in message


def test_refuses_a_truncated_database(data_dir: Path) -> None:
    make_filled_store(data_dir, answers=400).close()
    path = data_dir / "fieldapp.db"
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2 // 4096 * 4096)
    message = _refused(data_dir)
    assert "已损坏或不完整" in message
    assert "damaged or incomplete" in message


def test_refuses_a_database_failing_quick_check(data_dir: Path) -> None:
    make_filled_store(data_dir, answers=400).close()
    path = data_dir / "fieldapp.db"
    page_size = 4096
    leaf = path.stat().st_size // page_size - 2
    with path.open("r+b") as f:
        # Garble a b-tree page header deep in the file: SQLite either reports it from
        # quick_check or raises "malformed"; both must reach the user the same way.
        f.seek(page_size * leaf + 1)
        f.write(b"\xff\xff\x7f\x01\x00")
    assert "已损坏或不完整" in _refused(data_dir)


def test_refuses_another_programs_database(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / "fieldapp.db")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    message = _refused(data_dir)
    assert "不是 fieldapp 数据库" in message


def test_empty_file_is_treated_as_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "fieldapp.db").write_bytes(b"")
    with Store.open(data_dir) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.migration.backup is None


def test_reader_sees_committed_writes_while_the_writer_is_open(store: Store) -> None:
    reader = open_reader(store.path)
    try:
        assert reader.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 0
        store.create_project("2026 年 XX 区社区体检")
        assert reader.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 1
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("DELETE FROM projects")
    finally:
        reader.close()


def test_reader_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_reader(tmp_path / "fieldapp.db")
    assert "文件不存在" in str(info.value)
