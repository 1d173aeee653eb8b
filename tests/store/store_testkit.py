"""Helpers shared by the store tests (importable: pytest puts tests/store on sys.path)."""

from __future__ import annotations

import importlib.util
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from fieldapp.core.clock import HybridLogicalClock
from fieldapp.core.ids import UUIDv7Generator
from fieldapp.store.records import AnswerInput, Building, Community, Estate, Project
from fieldapp.store.store import Store

FIXTURES = Path(__file__).with_name("fixtures")
START_MS = 1_775_001_600_000  # 2026-04-01T00:00:00Z
DEVICE = "device-test-0001"
FORM_TEXT = "form:\n  id: complete_community\n  version: '2026.1'\n"
SYNCED_TABLES = (
    "projects",
    "communities",
    "estates",
    "buildings",
    "forms",
    "submissions",
    "answers",
    "problems",
    "problem_events",
    "photos",
    "photo_links",
)
V1_TABLES = ("meta", *SYNCED_TABLES)


class FakeWall:
    """A wall clock the test moves by hand (milliseconds since the epoch)."""

    def __init__(self, ms: int = START_MS) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


@dataclass(frozen=True)
class Place:
    """A project with one community, estate and building."""

    project: Project
    community: Community
    estate: Estate
    building: Building


def open_store(data_dir: Path, wall: FakeWall, *, device: str = DEVICE) -> Store:
    """Open a store with a deterministic clock and ids."""
    clock = HybridLogicalClock(device, wall_ms=wall)
    ids = UUIDv7Generator(now_ms=wall, rand=random.Random(7).randbytes)
    return Store.open(data_dir, clock=clock, new_id=ids)


def make_filled_store(data_dir: Path, *, answers: int = 20) -> Store:
    """A store holding a community, a form and one submission with ``answers`` answers."""
    store = Store.open(data_dir)
    project = store.create_project("2026 年 XX 区社区体检")
    community = store.create_community(project.id, "幸福社区")
    store.register_form("f", "1", "checklist", "表", None, FORM_TEXT)
    submission = store.create_submission(community.id, "f", "1", surveyor="张伟")
    store.save_answers(
        submission.id, [AnswerInput(f"q{i}", {"值": i, "备注": "x" * 40}) for i in range(answers)]
    )
    return store


def load_make_v1() -> ModuleType:
    """The fixture generator script, imported by path."""
    spec = importlib.util.spec_from_file_location("make_v1", FIXTURES / "make_v1.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(path: Path, tables: tuple[str, ...] = V1_TABLES) -> dict[str, list[dict[str, Any]]]:
    """Every row of ``tables``, ordered by key, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        out = {}
        for table in tables:
            key = "key" if table == "meta" else "id"
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
            out[table] = [dict(row) for row in rows]
        return out
    finally:
        conn.close()


def schema_sql(path: Path) -> list[tuple[str, str, str]]:
    """The schema (type, name, SQL) of a database file, sorted."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name"
        ).fetchall()
        return [(str(t), str(n), str(s)) for t, n, s in rows]
    finally:
        conn.close()
