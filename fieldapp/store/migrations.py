"""Numbered schema migrations, tracked by ``PRAGMA user_version``.

Rules (STYLE.md point 5): a migration is never edited after it lands — a change is a new
migration; each runs in one transaction together with its ``user_version`` bump; before an
existing database is migrated it is copied to ``fieldapp.db.bak-v{old}``. Every past schema
has a fixture database under ``tests/store/fixtures`` and a test upgrading it.

The SQL is written out in full in each migration rather than built from shared helpers, so
that editing a helper can never silently change what an old migration does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from fieldapp.core.errors import StoreError
from fieldapp.core.i18n import Text
from fieldapp.store.database import backup_database, check_is_fieldapp, user_version

__all__ = ["LATEST_VERSION", "MIGRATIONS", "MigrationResult", "backup_path", "migrate"]


def _execute_script(db: Database, script: str) -> None:
    """Run SQL statements one by one inside the caller's transaction.

    ``sqlite3.executescript`` would commit the migration's transaction first; splitting line
    by line with ``complete_statement`` stays linear in the script's length.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement.strip()[:80]}")


def _m001_data_model(db: Database) -> None:
    """The device data model: communities down to buildings, forms, answers, problems, photos."""
    _execute_script(
        db,
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );

        CREATE TABLE projects (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            name TEXT NOT NULL,
            year INTEGER,
            description TEXT
        );

        CREATE TABLE communities (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            project_id TEXT NOT NULL REFERENCES projects (id),
            name TEXT NOT NULL,
            street TEXT,
            district TEXT,
            address TEXT,
            households INTEGER,
            population INTEGER,
            area_ha REAL,
            elderly_share_pct REAL,
            children_0_3 INTEGER,
            children_3_6 INTEGER,
            grids INTEGER,
            notes TEXT
        );
        CREATE INDEX communities_project ON communities (project_id);
        CREATE INDEX communities_name ON communities (name);

        CREATE TABLE estates (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            community_id TEXT NOT NULL REFERENCES communities (id),
            name TEXT NOT NULL,
            year_built INTEGER,
            construction TEXT,
            property_management TEXT,
            is_old_estate INTEGER,
            retrofitted INTEGER,
            households INTEGER,
            address TEXT
        );
        CREATE INDEX estates_community ON estates (community_id);

        CREATE TABLE buildings (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            estate_id TEXT NOT NULL REFERENCES estates (id),
            name TEXT NOT NULL,
            floors INTEGER,
            units INTEGER,
            households INTEGER,
            year_built INTEGER,
            has_lift INTEGER
        );
        CREATE INDEX buildings_estate ON buildings (estate_id);

        CREATE TABLE forms (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            form_id TEXT NOT NULL,
            version TEXT NOT NULL,
            kind TEXT NOT NULL,
            title_zh TEXT NOT NULL,
            title_en TEXT,
            sha256 TEXT NOT NULL,
            source_text TEXT NOT NULL,
            UNIQUE (form_id, version)
        );

        CREATE TABLE submissions (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            community_id TEXT NOT NULL REFERENCES communities (id),
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft',
            surveyor TEXT,
            estate_id TEXT REFERENCES estates (id),
            building_id TEXT REFERENCES buildings (id),
            started_at TEXT NOT NULL,
            completed_at TEXT,
            last_section TEXT,
            FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
        );
        CREATE INDEX submissions_community_form ON submissions (community_id, form_id);

        CREATE TABLE answers (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submission_id TEXT NOT NULL REFERENCES submissions (id),
            question TEXT NOT NULL,
            instance TEXT NOT NULL DEFAULT '',
            value TEXT,
            provenance TEXT,
            UNIQUE (submission_id, question, instance)
        );

        CREATE TABLE problems (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            community_id TEXT NOT NULL REFERENCES communities (id),
            estate_id TEXT REFERENCES estates (id),
            building_id TEXT REFERENCES buildings (id),
            submission_id TEXT REFERENCES submissions (id),
            question TEXT,
            indicator_code TEXT,
            sub_problem_code TEXT,
            category TEXT,
            severity TEXT,
            difficulty TEXT,
            resolution_class TEXT,
            remediation_type TEXT,
            responsible_unit TEXT,
            location_text TEXT,
            lat REAL,
            lon REAL,
            description TEXT NOT NULL,
            suggested_action TEXT,
            status TEXT NOT NULL DEFAULT 'found'
        );
        CREATE INDEX problems_community_status ON problems (community_id, status);
        CREATE INDEX problems_submission ON problems (submission_id);

        CREATE TABLE problem_events (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            problem_id TEXT NOT NULL REFERENCES problems (id),
            from_status TEXT,
            to_status TEXT NOT NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX problem_events_problem ON problem_events (problem_id, at);

        CREATE TABLE photos (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            width INTEGER,
            height INTEGER,
            bytes INTEGER,
            mime TEXT,
            taken_at TEXT,
            lat REAL,
            lon REAL,
            caption TEXT,
            annotation TEXT,
            original_sha256 TEXT,
            community_id TEXT REFERENCES communities (id)
        );
        CREATE INDEX photos_sha256 ON photos (sha256);
        CREATE INDEX photos_community ON photos (community_id);

        CREATE TABLE photo_links (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            photo_id TEXT NOT NULL REFERENCES photos (id),
            problem_id TEXT REFERENCES problems (id),
            submission_id TEXT REFERENCES submissions (id),
            question TEXT,
            instance TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX photo_links_photo ON photo_links (photo_id);
        CREATE INDEX photo_links_problem ON photo_links (problem_id);
        CREATE INDEX photo_links_submission ON photo_links (submission_id, question);
        """,
    )


def _m002_sync_bookkeeping(db: Database) -> None:
    """Sync bookkeeping: the conflicts table, a local-only ``dirty`` flag and the shared
    ``base_hlc`` on synced tables."""
    _execute_script(
        db,
        """
        CREATE TABLE conflicts (
            id TEXT PRIMARY KEY NOT NULL,
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            local_value TEXT,
            remote_value TEXT,
            local_hlc TEXT NOT NULL,
            remote_hlc TEXT NOT NULL,
            winner TEXT NOT NULL,
            resolved_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX conflicts_row ON conflicts (table_name, row_id);
        CREATE INDEX conflicts_open ON conflicts (created_at) WHERE resolved_at IS NULL;
        """,
    )
    synced = (
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
    for table in synced:
        # DEFAULT 1 backfills every existing row as "not yet pushed" without rewriting the
        # table, and makes a row written without an explicit flag err on the side of being
        # pushed again (pushes are idempotent) rather than never.
        db.execute(f"ALTER TABLE {table} ADD COLUMN dirty INTEGER NOT NULL DEFAULT 1")
        # The hlc of the last version of this row known to be shared with the other side
        # (received, or pushed and acknowledged): how fieldapp.core.merge tells a stale
        # copy from a concurrent edit. '' = nothing shared yet.
        db.execute(f"ALTER TABLE {table} ADD COLUMN base_hlc TEXT NOT NULL DEFAULT ''")
        db.execute(f"CREATE INDEX {table}_dirty ON {table} (id) WHERE dirty = 1")


def _m003_needs_and_projects(db: Database) -> None:
    """The reviewable needs list (需求清单) and suggested project list (项目清单) of a
    community: derived from its data, then edited by people before the report is exported.

    ``origin`` is ``derived`` (made by regeneration, identified by ``source_key``) or
    ``manual``; ``edited_fields`` (JSON list) names the fields a person changed, which
    regeneration never overwrites; ``review_status`` is pending / confirmed / excluded.
    JSON list columns: ``sources`` (the evidence: indicator, problem or survey records),
    ``need_ids`` and ``problem_ids``.
    """
    _execute_script(
        db,
        """
        CREATE TABLE needs (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            dirty INTEGER NOT NULL DEFAULT 1,
            base_hlc TEXT NOT NULL DEFAULT '',
            community_id TEXT NOT NULL REFERENCES communities (id),
            origin TEXT NOT NULL,
            source_key TEXT,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            gap TEXT,
            quantity REAL,
            unit TEXT,
            sources TEXT NOT NULL DEFAULT '[]',
            resident_share REAL,
            priority TEXT,
            review_status TEXT NOT NULL DEFAULT 'pending',
            edited_fields TEXT NOT NULL DEFAULT '[]',
            sort_order INTEGER NOT NULL DEFAULT 0,
            notes TEXT
        );
        CREATE INDEX needs_community ON needs (community_id, sort_order);
        CREATE INDEX needs_dirty ON needs (id) WHERE dirty = 1;

        CREATE TABLE renewal_projects (
            id TEXT PRIMARY KEY NOT NULL,
            rev INTEGER NOT NULL CHECK (rev >= 1),
            hlc TEXT NOT NULL,
            device_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            dirty INTEGER NOT NULL DEFAULT 1,
            base_hlc TEXT NOT NULL DEFAULT '',
            community_id TEXT NOT NULL REFERENCES communities (id),
            origin TEXT NOT NULL,
            source_key TEXT,
            name TEXT NOT NULL,
            content TEXT,
            need_ids TEXT NOT NULL DEFAULT '[]',
            problem_ids TEXT NOT NULL DEFAULT '[]',
            project_type TEXT,
            funding TEXT,
            implementer TEXT,
            year INTEGER,
            term TEXT,
            priority TEXT,
            estimated_cost_wan REAL,
            review_status TEXT NOT NULL DEFAULT 'pending',
            edited_fields TEXT NOT NULL DEFAULT '[]',
            sort_order INTEGER NOT NULL DEFAULT 0,
            notes TEXT
        );
        CREATE INDEX renewal_projects_community ON renewal_projects (community_id, sort_order);
        CREATE INDEX renewal_projects_dirty ON renewal_projects (id) WHERE dirty = 1;
        """,
    )


MIGRATIONS: tuple[Callable[[Database], None], ...] = (
    _m001_data_model,
    _m002_sync_bookkeeping,
    _m003_needs_and_projects,
)
"""Migration ``n`` (1-based) takes a database from ``user_version`` n-1 to n. Append only."""

LATEST_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What :func:`migrate` did: versions before and after, and the backup it made, if any."""

    old_version: int
    new_version: int
    backup: Path | None


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of ``path`` taken before migrating from ``version`` goes."""
    return path.with_name(f"{path.name}.bak-v{version}")


def migrate(db: Database, path: Path, *, target: int | None = None) -> MigrationResult:
    """Bring the database open in ``db`` (file ``path``) up to version ``target`` (default:
    latest), backing it up first unless it is brand new.

    Raises StoreError for a database made by another program, or when a migration fails; a
    failed migration is rolled back and leaves the database at the last version reached.
    """
    goal = LATEST_VERSION if target is None else target
    if not 0 <= goal <= LATEST_VERSION:
        raise ValueError(f"no migration to version {goal}")
    check_is_fieldapp(db, path)
    current = user_version(db)
    if current >= goal:
        return MigrationResult(current, current, None)
    backup = None
    try:
        if current > 0:
            backup = backup_path(path, current)
            backup_database(db, backup)
        for version in range(current + 1, goal + 1):
            with db.atomic():
                MIGRATIONS[version - 1](db)
                db.execute(f"PRAGMA user_version = {version}")
    except (sqlite3.Error, OSError) as exc:
        reached = user_version(db)
        kept = f"升级前的备份保存在 {backup}。" if backup and backup.exists() else ""
        kept_en = f" The pre-upgrade backup is at {backup}." if kept else ""
        raise StoreError(
            Text(
                f"升级数据库 {path} 到版本 {goal} 失败：{exc}。数据库停留在版本 {reached}，"
                f"失败的那一步已撤销。{kept}",
                f"Upgrading the database {path} to version {goal} failed: {exc}. The "
                f"database stays at version {reached}; the failed step was undone.{kept_en}",
            )
        ) from exc
    return MigrationResult(current, goal, backup)
