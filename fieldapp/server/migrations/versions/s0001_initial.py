"""The first server schema: accounts, synced records, photo references, conflicts, batches.

Revision ID: s0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "seq_counter",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO seq_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "users",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("street", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("device_id", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_table(
        "enrolments",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(36), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("used_at", sa.String(32)),
        sa.Column("device_ref", sa.String(36)),
    )
    op.create_table(
        "records",
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("nkey", sa.Text),
        sa.Column("community_id", sa.String(64)),
        sa.Column("street", sa.Text),
        sa.Column("hlc", sa.Text, nullable=False),
        sa.Column("base_hlc", sa.Text, nullable=False),
        sa.Column("rev", sa.BigInteger, nullable=False),
        sa.Column("device_id", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("pushed_by", sa.String(36)),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "id"),
        sa.UniqueConstraint("seq", name="records_seq"),
        sa.UniqueConstraint("table_name", "nkey", name="records_nkey"),
    )
    op.create_index("records_community", "records", ["community_id"])
    op.create_index("records_street", "records", ["table_name", "street"])
    op.create_table(
        "photo_blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("photo_id", sa.String(64), nullable=False),
        sa.Column("community_id", sa.String(64)),
        sa.PrimaryKeyConstraint("sha256", "photo_id"),
    )
    op.create_index("photo_blobs_photo", "photo_blobs", ["photo_id"])
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("table_name", sa.String(32), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("community_id", sa.String(64)),
        sa.Column("winner_value", sa.Text),
        sa.Column("loser_value", sa.Text),
        sa.Column("winner_hlc", sa.Text, nullable=False),
        sa.Column("loser_hlc", sa.Text, nullable=False),
        sa.Column("winner_device", sa.Text, nullable=False),
        sa.Column("loser_device", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint(
            "table_name", "row_id", "field", "winner_hlc", "loser_hlc", name="conflicts_once"
        ),
    )
    op.create_index("conflicts_created", "conflicts", ["created_at"])
    op.create_table(
        "push_batches",
        sa.Column("device_ref", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(128), nullable=False),
        sa.Column("request_sha256", sa.String(64), nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("device_ref", "batch_id"),
    )


def downgrade() -> None:
    """Drop everything (only for development databases)."""
    for table in (
        "push_batches",
        "conflicts",
        "photo_blobs",
        "records",
        "enrolments",
        "devices",
        "users",
        "seq_counter",
        "server_meta",
    ):
        op.drop_table(table)
