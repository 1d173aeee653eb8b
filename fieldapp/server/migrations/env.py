"""Alembic environment: migrations run on the connection handed over by
:func:`fieldapp.server.db.ServerDatabase.migrate` (which holds the migration lock)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
