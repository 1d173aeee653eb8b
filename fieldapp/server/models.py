"""Request and response bodies of the HTTP API (they make the published OpenAPI schema).

Shapes are checked here; content (tables, columns, clocks, references, permissions) is
checked by :mod:`fieldapp.server.validation` and :mod:`fieldapp.server.access`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fieldapp.sync.protocol import (
    MAX_BATCH_CHANGES,
    NAME_PATTERN,
    SHA256_PATTERN,
)

Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
Token = Annotated[str, StringConstraints(pattern=NAME_PATTERN)]
_BIG = 2**62


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    """Why a request was refused, in Chinese and English."""

    code: str
    zh: str
    en: str


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer has this body."""

    error: ErrorDetail


class Limits(BaseModel):
    """Sizes the server accepts."""

    max_batch_changes: int
    max_json_bytes: int
    max_chunk_bytes: int
    max_blob_bytes: int
    page_changes: int


class Info(BaseModel):
    """What a device needs to know before it sends its token."""

    server_id: str
    version: str
    api: int
    limits: Limits


class EnrolRequest(_Strict):
    """A one-time enrolment code and the device asking to enrol."""

    code: str = Field(min_length=1, max_length=64)
    device_id: Token
    name: str = Field(default="", max_length=200)


class UserInfo(BaseModel):
    """The user behind a token."""

    username: str
    role: str
    street: str | None
    device_id: str


class EnrolResponse(BaseModel):
    """The device's token: shown once, stored hashed on the server."""

    token: str
    server_id: str
    user: UserInfo


class ChangeIn(_Strict):
    """One synced row (the change format of ``fieldapp.store.changes``)."""

    table: str = Field(min_length=1, max_length=40)
    id: str = Field(min_length=1, max_length=64)
    rev: int = Field(ge=1, le=_BIG)
    hlc: str = Field(min_length=1, max_length=200)
    base_hlc: str = Field(default="", max_length=200)
    device_id: str = Field(min_length=1, max_length=128)
    deleted: bool = False
    data: dict[str, Any]


class PushRequest(_Strict):
    """A batch of changes; ``batch_id`` makes sending it again change nothing."""

    batch_id: Token
    changes: list[ChangeIn] = Field(max_length=MAX_BATCH_CHANGES)


class PushResponse(BaseModel):
    """What the batch did (a replayed batch answers with the first answer)."""

    batch_id: str
    received: int
    inserted: int
    accepted: int
    kept: int
    skipped: int
    conflicts: int
    conflict_rows: list[list[str]]
    seq_first: int | None = None
    replayed: bool


class PullResponse(BaseModel):
    """One page of changes; ask again with ``after=next`` while ``more``."""

    changes: list[dict[str, Any]]
    next: int
    more: bool


class MissingRequest(_Strict):
    """Photo file hashes the device is about to reference."""

    hashes: list[Sha256] = Field(max_length=5000)


class MissingResponse(BaseModel):
    """Those of the hashes the server does not have yet."""

    missing: list[str]


class UploadState(BaseModel):
    """How far an upload of one photo file has got."""

    received: int
    complete: bool


class ConflictRecord(BaseModel):
    """A concurrent edit that lost, kept for coordinators to see."""

    id: str
    table_name: str
    row_id: str
    field: str
    community_id: str | None
    winner_value: Any
    loser_value: Any
    winner_hlc: str
    loser_hlc: str
    winner_device: str
    loser_device: str
    created_at: str


class StatusChange(_Strict):
    """A problem's new status, set at the street office."""

    to_status: Literal["found", "reported", "in_progress", "closed"]
    note: str = Field(default="", max_length=2000)


class StatusChangeResponse(BaseModel):
    """The problem and its new history entry, as devices will receive them."""

    problem: dict[str, Any]
    event: dict[str, Any]


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its ``$defs`` put in place of their ``$ref``s (an OpenAPI request
    body given by hand cannot refer to definitions of its own)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.rsplit("/", 1)[1]])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


PUSH_REQUEST_SCHEMA = _inlined(PushRequest.model_json_schema())
"""The push request body (the endpoint reads the bytes itself: fieldapp.server.validation
.parse_push checks the same shape)."""
