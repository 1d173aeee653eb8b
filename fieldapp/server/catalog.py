"""What the server knows about device tables, read from the device schema itself.

The server must never accept a row that a device would refuse when it pulls it (one such
row would stop every device of that street from syncing). So instead of restating the
device schema, the catalog builds it: it runs the device migrations on an in-memory SQLite
database and reads each synced table's columns, required columns and foreign keys. A device
migration that adds a column or a table is picked up without a server change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from fieldapp.store.changes import BOOKKEEPING, NATURAL_KEYS, SYNCED_TABLES
from fieldapp.store.migrations import migrate

__all__ = ["Catalog", "ForeignKey", "TableInfo", "device_catalog"]

GLOBAL_TABLES = frozenset({"projects", "forms"})
"""Shared catalogue rows: not inside any community, visible to every user."""


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """A reference from ``columns`` of a row to ``parent`` (by id, or by natural key)."""

    columns: tuple[str, ...]
    parent: str
    by_natural_key: bool


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One synced table: its data columns, those required on insert, its references."""

    name: str
    columns: frozenset[str]
    kinds: Mapping[str, str]
    """Column → "int", "real", "text" or "any" (SQLite's type affinity)."""
    required: frozenset[str]
    foreign_keys: tuple[ForeignKey, ...]
    natural_key: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every synced table, parents first."""

    tables: Mapping[str, TableInfo]

    def order(self, table: str) -> int:
        """Position of ``table`` in parents-first order."""
        return _ORDER[table]


_ORDER = {name: n for n, name in enumerate(SYNCED_TABLES)}


@cache
def device_catalog() -> Catalog:
    """The catalog of the device schema this fieldapp was built with."""
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn, execute_plugins=False)
        migrate(db, Path(":memory:"))
        tables: dict[str, TableInfo] = {}
        for name in SYNCED_TABLES:
            columns = conn.execute(f"PRAGMA table_info({name})").fetchall()
            data_columns = {c[1] for c in columns} - set(BOOKKEEPING)
            # notnull without a default: a device's INSERT fails unless the change has it.
            required = {c[1] for c in columns if c[3] and c[4] is None} - set(BOOKKEEPING)
            groups: dict[int, list[tuple[str, str, str]]] = {}
            for fk in conn.execute(f"PRAGMA foreign_key_list({name})").fetchall():
                groups.setdefault(fk[0], []).append((fk[2], fk[3], fk[4] or "id"))
            fks = []
            for _, group in sorted(groups.items(), reverse=True):
                parent = group[0][0]
                cols = tuple(g[1] for g in group)
                targets = tuple(g[2] for g in group)
                fks.append(ForeignKey(cols, parent, targets != ("id",)))
            # PRAGMA lists foreign keys last-declared first; put community_id first since
            # it is the most direct way to the community.
            fks.sort(key=lambda f: f.columns != ("community_id",))
            tables[name] = TableInfo(
                name=name,
                columns=frozenset(data_columns),
                kinds={c[1]: _affinity(c[2]) for c in columns if c[1] in data_columns},
                required=frozenset(required),
                foreign_keys=tuple(fks),
                natural_key=NATURAL_KEYS.get(name),
            )
        return Catalog(tables)
    finally:
        conn.close()


def _affinity(declared: str) -> str:
    # SQLite's rules (https://sqlite.org/datatype3.html, 3.1): the first that matches wins.
    t = declared.upper()
    if "INT" in t:
        return "int"
    if "CHAR" in t or "CLOB" in t or "TEXT" in t:
        return "text"
    if "REAL" in t or "FLOA" in t or "DOUB" in t:
        return "real"
    return "any"
