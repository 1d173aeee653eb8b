"""Index streets only where there are any: rows other than communities have none, and an
index entry for each of them cost every stored answer one more index insertion.

Revision ID: s0002
Revises: s0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None

_HAS_STREET = sa.text("street IS NOT NULL")


def upgrade() -> None:
    """Make ``records_street`` a partial index."""
    op.drop_index("records_street", table_name="records")
    op.create_index(
        "records_street", "records", ["table_name", "street"],
        postgresql_where=_HAS_STREET, sqlite_where=_HAS_STREET,
    )  # fmt: skip


def downgrade() -> None:
    """Index every row's street again."""
    op.drop_index("records_street", table_name="records")
    op.create_index("records_street", "records", ["table_name", "street"])
