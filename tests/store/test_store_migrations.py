"""Migrations: every past schema upgrades to the latest with nothing lost, behind a backup."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from store_testkit import (
    FIXTURES,
    SYNCED_TABLES,
    FakeWall,
    load_make_v1,
    open_store,
    schema_sql,
    snapshot,
)

from fieldapp.core.clock import parse_hlc
from fieldapp.core.errors import StoreError
from fieldapp.store import migrations
from fieldapp.store.database import open_writer, user_version
from fieldapp.store.migrations import LATEST_VERSION, migrate

make_v1 = load_make_v1()


def _copy_fixture(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    target = data_dir / "fieldapp.db"
    shutil.copyfile(FIXTURES / "v1.db", target)
    return target


def _assert_upgraded_without_loss(path: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    after = snapshot(path)
    meta_after = {row["key"]: row["value"] for row in after.pop("meta")}
    meta_before = {row["key"]: row["value"] for row in before["meta"]}
    assert meta_after.items() >= meta_before.items()  # opening may only add keys
    for table in SYNCED_TABLES:
        assert len(after[table]) == len(before[table]), table
        for old, new in zip(before[table], after[table], strict=True):
            if table in SYNCED_TABLES:
                assert new.pop("dirty") == 1, "rows never pushed must be marked for pushing"
                assert new.pop("base_hlc") == "", "nothing has been shared yet"
            assert new == old, table
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_committed_v1_fixture_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = _copy_fixture(data_dir)
    before = snapshot(path)
    assert sum(len(rows) for rows in before.values()) > 250, "the fixture should be realistic"

    with open_store(data_dir, FakeWall(), device=make_v1.DEVICE_ID) as store:
        assert store.migration.old_version == 1
        assert store.migration.new_version == LATEST_VERSION
        assert store.migration.backup == data_dir / "fieldapp.db.bak-v1"
        happiness = store.find_community("幸福社区")
        assert store.counts() == {
            "communities": 3,
            "estates": 8,  # one estate of the fixture is a tombstone
            "buildings": 36,
            "submissions": 27,
            "answers": 135,  # three cleared answers are tombstones
            "problems": 9,
            "photos": 6,
        }
        checklist = store.submissions(happiness.id, form_id="complete_community")[0]
        assert store.answers(checklist.id)[("building_check", "1")] == {
            "lift": False,
            "note": "楼道堆物 🚲",
        }
        assert [e.to_status for e in store.problem_history(store.problems(happiness.id)[0].id)] == [
            "found",
            "reported",
            "in_progress",
        ]

    _assert_upgraded_without_loss(path, before)


def test_backup_is_the_database_as_it_was_before(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = _copy_fixture(data_dir)
    before = snapshot(path)
    open_store(data_dir, FakeWall(), device=make_v1.DEVICE_ID).close()
    backup = data_dir / "fieldapp.db.bak-v1"
    assert snapshot(backup) == before
    assert not (data_dir / "fieldapp.db.bak-v1-wal").exists(), "the backup is one file"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_freshly_built_v1_database_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "fieldapp.db"
    make_v1.build_v1(path)
    before = snapshot(path)
    open_store(data_dir, FakeWall(), device=make_v1.DEVICE_ID).close()
    _assert_upgraded_without_loss(path, before)


def test_migration_1_still_builds_the_committed_v1_schema(tmp_path: Path) -> None:
    # Guards "never edit a migration after it lands": the fixture holds the landed schema.
    fresh = tmp_path / "fresh.db"
    db = open_writer(fresh, latest_version=LATEST_VERSION)
    migrate(db, fresh, target=1)
    db.close()
    committed = tmp_path / "committed.db"
    shutil.copyfile(FIXTURES / "v1.db", committed)
    assert schema_sql(fresh) == schema_sql(committed)


def test_the_clock_continues_after_the_stored_state(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _copy_fixture(data_dir)
    stored = snapshot(data_dir / "fieldapp.db")["meta"]
    stored_hlc = next(row["value"] for row in stored if row["key"] == "hlc")
    early = FakeWall(parse_hlc(stored_hlc)[0] - 86_400_000)  # this tablet's clock is a day slow
    with open_store(data_dir, early, device=make_v1.DEVICE_ID) as store:
        project = store.create_project("2027 年体检")
        assert project.hlc > stored_hlc


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner),
            max_leaves=8,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_answer_value_written_at_v1_reads_back_after_upgrade(
    tmp_path_factory: pytest.TempPathFactory, values: list[Any]
) -> None:
    data_dir = tmp_path_factory.mktemp("data")
    path = data_dir / "fieldapp.db"
    shutil.copyfile(FIXTURES / "v1.db", path)
    conn = sqlite3.connect(path)
    submission_id = conn.execute("SELECT id FROM submissions ORDER BY id LIMIT 1").fetchone()[0]
    row = conn.execute("SELECT * FROM answers LIMIT 1").fetchone()
    for i, value in enumerate(values):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        conn.execute(
            "INSERT INTO answers (id, rev, hlc, device_id, deleted, created_at, updated_at, "
            "submission_id, question, instance, value, provenance) "
            "VALUES (?, 1, ?, ?, 0, ?, ?, ?, ?, '', ?, NULL)",
            (f"hyp-{i}", row[2], row[3], row[5], row[6], submission_id, f"hyp_q{i}", text),
        )
    conn.commit()
    conn.close()
    with open_store(data_dir, FakeWall(), device=make_v1.DEVICE_ID) as store:
        answers = store.answers(submission_id)
        for i, value in enumerate(values):
            assert answers[(f"hyp_q{i}", "")] == value


def test_no_backup_and_no_migration_for_a_current_database(data_dir: Path) -> None:
    open_store(data_dir, FakeWall()).close()
    assert not list(data_dir.glob("*.bak-*")), "a brand-new database needs no backup"
    with open_store(data_dir, FakeWall()) as store:
        assert store.migration.old_version == store.migration.new_version == LATEST_VERSION
        assert store.migration.backup is None


def test_backup_includes_changes_still_in_the_wal(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = _copy_fixture(data_dir)
    other = sqlite3.connect(path)
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute(
        "INSERT INTO projects (id, rev, hlc, device_id, created_at, updated_at, name) "
        "VALUES ('in-wal', 1, '1775001600000-000000-x', 'x', 'c', 'u', '只在 WAL 中')"
    )
    other.commit()  # the connection stays open, so the row is not yet checkpointed
    assert (data_dir / "fieldapp.db-wal").stat().st_size > 0
    try:
        open_store(data_dir, FakeWall(), device=make_v1.DEVICE_ID).close()
    finally:
        other.close()
    names = [row["name"] for row in snapshot(data_dir / "fieldapp.db.bak-v1")["projects"]]
    assert "只在 WAL 中" in names


def _broken_migration(db: Database) -> None:
    db.execute("CREATE TABLE half_done (x INTEGER)")
    db.execute("INSERT INTO no_such_table VALUES (1)")


def test_failed_migration_is_rolled_back_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    path = _copy_fixture(data_dir)
    before = snapshot(path)
    monkeypatch.setattr(migrations, "MIGRATIONS", (migrations.MIGRATIONS[0], _broken_migration))
    db = open_writer(path, latest_version=LATEST_VERSION)
    try:
        with pytest.raises(StoreError) as info:
            migrate(db, path)
        assert "升级数据库" in str(info.value)
        assert "停留在版本 1" in str(info.value)
        assert user_version(db) == 1
        assert not db["half_done"].exists()
    finally:
        db.close()
    assert snapshot(path) == before
    assert snapshot(data_dir / "fieldapp.db.bak-v1") == before


def test_each_migration_is_its_own_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fieldapp.db"
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, _broken_migration))
    monkeypatch.setattr(migrations, "LATEST_VERSION", LATEST_VERSION + 1)
    db = open_writer(path, latest_version=LATEST_VERSION + 1)
    try:
        with pytest.raises(StoreError):
            migrate(db, path)
        assert user_version(db) == LATEST_VERSION  # the good migrations stay applied
        assert db["conflicts"].exists()
    finally:
        db.close()
