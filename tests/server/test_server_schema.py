"""The migrations build exactly the schema the queries are written against (schema.py)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from server_testkit import fresh_database
from sqlalchemy import inspect

from fieldapp.server.schema import metadata
from fieldapp.server.service import Server


def test_migrated_database_matches_schema_module(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        server = Server(tmp_path / "server", database=url)
        try:
            with server.db.engine.connect() as conn:
                context = MigrationContext.configure(conn)
                differences = [
                    d for d in compare_metadata(context, metadata)
                    if not (isinstance(d, tuple) and d[0] == "remove_table"
                            and d[1].name == "alembic_version")
                ]  # fmt: skip
                assert differences == []
                indexes = {i["name"]: i for i in inspect(conn).get_indexes("records")}
            # Streets are indexed for communities only (s0002).
            street = indexes["records_street"]
            where = " ".join(str(v) for v in street.get("dialect_options", {}).values())
            assert "street IS NOT NULL" in where.replace('"', "")
        finally:
            server.close()
