"""The server's tables, as SQLAlchemy Core objects for queries (the DDL lives in Alembic
migrations under ``migrations/versions``, which are never edited after they land; keep this
module equal to the sum of them).

Synced rows of every kind share one table, ``records``: the server stores each row's
columns as the JSON the devices send and only lifts out what it filters or joins on
(community, street, natural key). New device columns therefore need no server migration.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

server_meta = Table(
    "server_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row. Every writing transaction bumps it last (row lock until commit), so sequence
# numbers are handed out in commit order: see docs/sync.md, "The pull cursor".
seq_counter = Table(
    "seq_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("street", Text),
    Column("created_at", String(32), nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False),
    Column("device_id", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)

enrolments = Table(
    "enrolments",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("users.id"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("device_ref", String(36)),
)

_HAS_STREET = text("street IS NOT NULL")
"""Only communities have a street (migration s0002)."""

records = Table(
    "records",
    metadata,
    Column("table_name", String(32), nullable=False),
    Column("id", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("nkey", Text),
    Column("community_id", String(64)),
    Column("street", Text),
    Column("hlc", Text, nullable=False),
    Column("base_hlc", Text, nullable=False),
    Column("rev", BigInteger, nullable=False),
    Column("device_id", Text, nullable=False),
    Column("deleted", Boolean, nullable=False),
    Column("data", Text, nullable=False),
    Column("pushed_by", String(36)),
    Column("updated_at", String(32), nullable=False),
    PrimaryKeyConstraint("table_name", "id"),
    UniqueConstraint("seq", name="records_seq"),
    UniqueConstraint("table_name", "nkey", name="records_nkey"),
    Index("records_community", "community_id"),
    Index(
        "records_street",
        "table_name",
        "street",
        postgresql_where=_HAS_STREET,
        sqlite_where=_HAS_STREET,
    ),
)

photo_blobs = Table(
    "photo_blobs",
    metadata,
    Column("sha256", String(64), nullable=False),
    Column("photo_id", String(64), nullable=False),
    Column("community_id", String(64)),
    PrimaryKeyConstraint("sha256", "photo_id"),
    Index("photo_blobs_photo", "photo_id"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("table_name", String(32), nullable=False),
    Column("row_id", String(64), nullable=False),
    Column("field", Text, nullable=False),
    Column("community_id", String(64)),
    Column("winner_value", Text),
    Column("loser_value", Text),
    Column("winner_hlc", Text, nullable=False),
    Column("loser_hlc", Text, nullable=False),
    Column("winner_device", Text, nullable=False),
    Column("loser_device", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint(
        "table_name", "row_id", "field", "winner_hlc", "loser_hlc", name="conflicts_once"
    ),
    Index("conflicts_created", "created_at"),
)

push_batches = Table(
    "push_batches",
    metadata,
    Column("device_ref", String(36), nullable=False),
    Column("batch_id", String(128), nullable=False),
    Column("request_sha256", String(64), nullable=False),
    Column("response", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    PrimaryKeyConstraint("device_ref", "batch_id"),
)
