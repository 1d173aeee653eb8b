"""Migration 3 (needs and project lists): a schema-2 database upgrades with nothing lost."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any

from store_testkit import FIXTURES, SYNCED_TABLES, FakeWall, open_store, schema_sql, snapshot

from fieldapp.store.database import open_writer
from fieldapp.store.migrations import LATEST_VERSION, migrate
from fieldapp.store.plans import NeedDraft, ProjectDraft

V2_TABLES = ("meta", "conflicts", *SYNCED_TABLES)


def _make_v2() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_v2", FIXTURES / "make_v2.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_v2 = _make_v2()


def _copy_fixture(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True)
    target = data_dir / "fieldapp.db"
    shutil.copyfile(FIXTURES / "v2.db", target)
    return target


def _assert_nothing_lost(path: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    after = snapshot(path, V2_TABLES)
    meta_after = {row["key"]: row["value"] for row in after.pop("meta")}
    meta_before = {row["key"]: row["value"] for row in before["meta"]}
    assert meta_after.items() >= meta_before.items()
    for table in V2_TABLES[1:]:
        # Sync bookkeeping of schema 2 (dirty, base_hlc) survives unchanged this time.
        assert after[table] == before[table], table
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in ("needs", "renewal_projects"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    finally:
        conn.close()


def test_committed_v2_fixture_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    path = _copy_fixture(data_dir)
    before = snapshot(path, V2_TABLES)
    assert sum(r["dirty"] == 0 for r in before["problems"]) >= 2, "fixture holds shared rows"
    assert len(before["conflicts"]) == 2

    with open_store(data_dir, FakeWall(), device=make_v2.DEVICE_ID) as store:
        assert (store.migration.old_version, store.migration.new_version) == (2, LATEST_VERSION)
        assert store.migration.backup == data_dir / "fieldapp.db.bak-v2"
        assert len(store.conflicts()) == 1  # the resolved one is not open
    _assert_nothing_lost(path, before)
    assert snapshot(data_dir / "fieldapp.db.bak-v2", V2_TABLES) == before


def test_freshly_built_v2_database_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "fieldapp.db"
    make_v2.build_v2(path)
    before = snapshot(path, V2_TABLES)
    open_store(data_dir, FakeWall(), device=make_v2.DEVICE_ID).close()
    _assert_nothing_lost(path, before)


def test_migrations_1_and_2_still_build_the_committed_v2_schema(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    db = open_writer(fresh, latest_version=LATEST_VERSION)
    migrate(db, fresh, target=2)
    db.close()
    committed = tmp_path / "committed.db"
    shutil.copyfile(FIXTURES / "v2.db", committed)
    assert schema_sql(fresh) == schema_sql(committed)


def test_upgraded_store_keeps_plans_and_carries_them_in_changes(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _copy_fixture(data_dir)
    with open_store(data_dir, FakeWall(), device=make_v2.DEVICE_ID) as store:
        community = store.find_community("幸福社区")
        store.merge_derived_plan(
            community.id,
            [NeedDraft(key="indicator:WZ-03", category="infant_care", title="托育设施")],
            [
                ProjectDraft(
                    key="project:infant_care", name="托育点建设", need_keys=("indicator:WZ-03",)
                )
            ],
        )
        tables = {c.table for c in store.collect_changes(community_id=community.id)}
        assert {"needs", "renewal_projects"} <= tables
        other = store.find_community("光明社区")
        assert not {c.table for c in store.collect_changes(community_id=other.id)} & {
            "needs",
            "renewal_projects",
        }
