"""The ASGI application: error handling, body limits, and the endpoints of docs/sync.md.

Every answer other than a success is ``{"error": {"code", "zh", "en"}}`` with a 4xx status;
nothing a client sends can make a 5xx (a schemathesis run in the tests holds us to that).
Database work runs in FastAPI's thread pool (plain ``def`` endpoints); the photo upload is
``async`` to stream the request body, and the push to hand its batch to the group commit
(``records.PushQueue``).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import sys
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import fieldapp
from fieldapp.core.errors import FieldappError
from fieldapp.server import models as m
from fieldapp.server.accounts import Principal, authenticate, enrol_device
from fieldapp.server.errors import ApiError, forbidden, not_found, too_large
from fieldapp.server.records import PushItem
from fieldapp.server.service import Server
from fieldapp.server.validation import check_text, parse_push
from fieldapp.sync.protocol import (
    API,
    MAX_BATCH_CHANGES,
    MAX_BLOB_BYTES,
    MAX_CHUNK_BYTES,
    MAX_JSON_BYTES,
    PAGE_CHANGES,
    SHA256_PATTERN,
)

__all__ = ["create_app"]

log = logging.getLogger("fieldapp.server")
_bearer = HTTPBearer(auto_error=False, description="设备令牌 / device token (POST /api/v1/enrol)")
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": m.ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422)
}
_PUSH = f"{API}/push"
_PARSE_INLINE_BYTES = 256 * 1024
"""A push body up to this size is parsed on the event loop; a larger one in a thread."""
_STATUS_TEXT = {
    400: ("请求格式错误。", "Malformed request."),
    401: ("需要登录。", "Authentication required."),
    403: ("无权访问。", "Forbidden."),
    404: ("没有这个地址。", "Not found."),
    405: ("不支持该请求方法。", "Method not allowed."),
    413: ("请求过大。", "The request is too large."),
}


class BodyTooLarge(StarletteHTTPException):
    """Raised while reading a body past its limit (an HTTPException, so that FastAPI's
    body parsing passes it on instead of turning it into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413)
        self.limit = limit


class BodyLimit:
    """Refuse bodies over the limit of their path (413) — by Content-Length before any byte
    is read, or while streaming when there is none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        blob = scope["path"].startswith(f"{API}/blobs/") and scope["method"] == "PUT"
        limit = MAX_CHUNK_BYTES if blob else MAX_JSON_BYTES
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > limit):
                await JSONResponse(too_large(limit).body(), status_code=413)(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)


class PushFastPath:
    """``POST /api/v1/push`` straight to its handler (:func:`_push`), past routing, request
    objects and dependency solving — otherwise about a third of the event loop's time per push,
    and pushes are what the server mostly does. The route stays registered, for the
    OpenAPI schema; both answer through the same handler and the same error responses.
    Inside BodyLimit, which has already refused an oversized body."""

    def __init__(self, app: ASGIApp, server: Server) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != _PUSH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        try:
            header = ""
            for name, value in scope["headers"]:
                if name == b"authorization":
                    header = value.decode("latin-1")
                    break
            chunks = []
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise ClientDisconnect
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
            response = await _push(self.server, header, b"".join(chunks))
        except Exception as exc:  # each kind answered as the app's handlers do
            response = _error_response(exc)
        await response(scope, receive, send)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # What start-up made (modules, the app, the schema, the catalog) lives as long as the
    # process. Left to the cyclic garbage collector, every full collection would walk all of
    # it again — and under a burst of pushes, whose rows and changes are allocated by the
    # thousand, full collections are frequent. Frozen, collections see only what requests
    # allocate.
    gc.collect()
    gc.freeze()
    # And rarely: the parsed batches of a burst wait in the push queue, so at the default
    # threshold (700 new objects) each young collection walks them all again — 13 % of the
    # server's CPU under 200 devices pushing at once. Memory is freed by reference counts
    # either way; only cycles wait for the collector.
    thresholds = gc.get_threshold()
    gc.set_threshold(_YOUNG_COLLECTION, *thresholds[1:])
    # The push group's thread comes back from each database call to find the event loop
    # parsing the next pushes; at the default interval it waits up to 5 ms for the GIL —
    # while holding the counter row that every other server process's group waits for
    # (records.PushQueue). A shorter interval hands the GIL over sooner.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        gc.set_threshold(*thresholds)
        gc.unfreeze()


_YOUNG_COLLECTION = 100_000
"""New objects (net) between young collections of the server process."""
_SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the GIL while another waits for it (Python's default: 0.005)."""


def _body_read_by_hand(media_type: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads its body itself (so FastAPI cannot
    describe it): published all the same, for clients and for schemathesis."""
    return {"requestBody": {"required": True, "content": {media_type: {"schema": schema}}}}


def create_app(server: Server) -> FastAPI:
    """The FastAPI application serving ``server``."""
    app = FastAPI(
        title="fieldapp server",
        version=fieldapp.__version__,
        description="社区体检同步服务 / community checkup sync service (docs/sync.md)",
        lifespan=_lifespan,
    )
    app.state.server = server
    app.add_middleware(PushFastPath, server=server)
    app.add_middleware(BodyLimit)
    _handlers(app)
    _routes(app, server)
    return app


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(body, status_code=status, headers=headers)


def _error_response(exc: Exception) -> Response:
    """The answer to a request that raised ``exc``: 4xx with ``{"error": …}`` for what the
    client did, 500 (logged) for anything else."""
    if isinstance(exc, ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _json(exc.status, exc.body(), headers)
    if isinstance(exc, FieldappError):
        return _json(422, {"error": {"code": "invalid", "zh": exc.text.zh, "en": exc.text.en}})
    if isinstance(exc, RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            body = {"code": "malformed_json", "zh": "请求不是有效的 JSON。",
                    "en": "The request body is not valid JSON."}  # fmt: skip
            return _json(400, {"error": body})
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))[:120]
        msg = str(first.get("msg", ""))[:200]
        body = {"code": "invalid", "zh": f"请求内容无效：{where}：{msg}",
                "en": f"Invalid request: {where}: {msg}"}  # fmt: skip
        return _json(422, {"error": body})
    if isinstance(exc, BodyTooLarge):
        return _json(413, too_large(exc.limit).body())
    if isinstance(exc, StarletteHTTPException):
        zh, en = _STATUS_TEXT.get(exc.status_code, ("请求失败。", "Request failed."))
        return _json(exc.status_code, {"error": {"code": "http", "zh": zh, "en": en}})
    if isinstance(exc, ClientDisconnect):
        # The device's connection broke mid-request: nothing was stored, and nobody is
        # listening for an answer. Not an error of ours; it will retry.
        return _json(
            400, {"error": {"code": "disconnected", "zh": "连接中断。", "en": "Disconnected."}}
        )
    log.exception("unexpected error", exc_info=exc)
    body = {"code": "internal", "zh": "服务器内部错误，已记录。请稍后重试。",
            "en": "Internal server error (logged). Please retry later."}  # fmt: skip
    return _json(500, {"error": body})


def _handlers(app: FastAPI) -> None:
    async def handle(_: Request, exc: Exception) -> Response:
        return _error_response(exc)

    for kind in (
        ApiError, FieldappError, RequestValidationError, StarletteHTTPException,
        ClientDisconnect, Exception,
    ):  # fmt: skip
        app.add_exception_handler(kind, handle)


async def _push(server: Server, header: str, body: bytes) -> Response:
    """Apply the push ``body`` sent with Authorization ``header`` (see the route)."""
    # Parsed and checked here, on the event loop (no thread hop for a small body); the
    # batch then joins the next group commit (records.PushQueue), which checks its token
    # together with the group's other tokens, in the same transaction.
    scheme, _, token = header.partition(" ")
    token = token.strip() if scheme.lower() == "bearer" else ""
    if not token:
        authenticate(server.db, None)  # 401 (no database needed to say so)
    try:
        if len(body) > _PARSE_INLINE_BYTES:
            parsed = await run_in_threadpool(parse_push, body, server.catalog)
        else:
            parsed = parse_push(body, server.catalog)
    except ApiError:
        await run_in_threadpool(_auth_header, server, header)  # a bad token comes first
        raise
    item = PushItem.of_request(body, parsed, token=token)
    answer = await asyncio.wrap_future(server.pushes.submit(item))
    return Response(json.dumps(answer).encode(), media_type="application/json")


def _principal(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]
) -> Principal:
    server: Server = request.app.state.server
    return authenticate(server.db, creds.credentials if creds else None)


# Module level: FastAPI reads the endpoints' (string) annotations in this module's globals.
Caller = Annotated[Principal, Depends(_principal)]
ShaPath = Annotated[str, Path(pattern=SHA256_PATTERN)]
RowId = Annotated[str, Path(pattern=r"^[A-Za-z0-9._:-]{1,64}$")]


def _routes(app: FastAPI, server: Server) -> None:
    @app.get(f"{API}/info", response_model=m.Info, tags=["sync"])
    def info() -> dict[str, Any]:
        """Server id, version and limits (no token needed)."""
        return {
            "server_id": server.server_id, "version": fieldapp.__version__, "api": 1,
            "limits": {"max_batch_changes": MAX_BATCH_CHANGES, "max_json_bytes": MAX_JSON_BYTES,
                       "max_chunk_bytes": MAX_CHUNK_BYTES, "max_blob_bytes": MAX_BLOB_BYTES,
                       "page_changes": PAGE_CHANGES},
        }  # fmt: skip

    @app.post(f"{API}/enrol", response_model=m.EnrolResponse, responses=_ERRORS, tags=["auth"])
    def enrol(body: m.EnrolRequest) -> dict[str, Any]:
        """Exchange a one-time enrolment code for this device's token."""
        check_text(body.model_dump())
        token, who = enrol_device(
            server.db, code=body.code, device_id=body.device_id, name=body.name
        )
        return {"token": token, "server_id": server.server_id, "user": _user(who)}

    @app.get(f"{API}/me", response_model=m.UserInfo, responses=_ERRORS, tags=["auth"])
    def me(who: Caller) -> dict[str, Any]:
        """The user and device the token belongs to."""
        return _user(who)

    @app.post(
        f"{API}/push",
        response_model=m.PushResponse,
        responses=_ERRORS,
        tags=["sync"],
        dependencies=[Security(_bearer)],  # documents the token; checked with the group
        openapi_extra=_body_read_by_hand("application/json", m.PUSH_REQUEST_SCHEMA),
    )
    async def push(request: Request) -> Response:
        """Apply a batch of changes (idempotent per batch id)."""
        # Served by PushFastPath before routing; registered for the schema (and the same
        # handler, should a request reach it).
        return await _push(server, request.headers.get("authorization", ""), await request.body())

    @app.get(f"{API}/changes", response_model=m.PullResponse, responses=_ERRORS, tags=["sync"])
    def changes(
        who: Caller,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=PAGE_CHANGES)] = PAGE_CHANGES,
        own_from: Annotated[int | None, Query(ge=0, le=2**62)] = None,
    ) -> Response:
        """Changes written after cursor ``after`` that the caller may see, one page;
        ``own_from`` (``seq_first`` of this sync's first push) leaves out the rows the
        caller itself pushed in this sync."""
        page = server.records.pull(who, after=after, limit=limit, own_from=own_from)
        body = json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(body, media_type="application/json")

    @app.post(
        f"{API}/blobs/missing", response_model=m.MissingResponse, responses=_ERRORS, tags=["photos"]
    )
    def missing(body: m.MissingRequest, who: Caller) -> dict[str, Any]:
        """Which of these photo files the server lacks."""
        return {"missing": server.blobs.missing(body.hashes)}

    @app.get(
        f"{API}/blobs/{{sha256}}/upload",
        response_model=m.UploadState,
        responses=_ERRORS,
        tags=["photos"],
    )
    def upload_state(sha256: ShaPath, who: Caller) -> dict[str, Any]:
        """How many bytes of this device's upload of a photo file have arrived."""
        if server.blobs.has(sha256):
            path = server.blobs.path(sha256)
            return {"received": path.stat().st_size if path else 0, "complete": True}
        return {"received": server.blobs.received(sha256, who.device_ref), "complete": False}

    @app.put(
        f"{API}/blobs/{{sha256}}",
        response_model=m.UploadState,
        responses=_ERRORS,
        tags=["photos"],
        dependencies=[Security(_bearer)],  # documents the token; checked before the body
        openapi_extra=_body_read_by_hand(
            "application/octet-stream", {"type": "string", "format": "binary"}
        ),
    )
    async def upload(
        request: Request,
        sha256: ShaPath,
        offset: Annotated[int, Query(ge=0, le=MAX_BLOB_BYTES)],
        total: Annotated[int, Query(ge=1, le=2**62)],
    ) -> dict[str, Any]:
        """Upload the chunk of a photo file starting at ``offset`` (of ``total`` bytes);
        the last chunk makes the server verify the file's SHA-256 and store it."""
        # The token is checked before the body is read: nobody uploads 8 MB unauthenticated.
        header = request.headers.get("authorization", "")
        who = await run_in_threadpool(_auth_header, server, header)
        # The body's pieces as they arrive; hashing and writing them (and the fsync) happen
        # in a worker thread, so the event loop keeps receiving other uploads meanwhile.
        chunks = [chunk async for chunk in request.stream() if chunk]
        received = await run_in_threadpool(
            server.blobs.append, sha256, who.device_ref, offset=offset, total=total, data=chunks
        )
        return {"received": received, "complete": received >= total}

    @app.get(
        f"{API}/blobs/{{sha256}}",
        responses={
            **_ERRORS,
            200: {"content": {"application/octet-stream": {}}, "description": "the file"},
        },
        response_class=Response,
        tags=["photos"],
    )
    def download(sha256: ShaPath, who: Caller) -> Response:
        """A photo file the caller may see."""
        if not server.blobs.has(sha256) or not _may_download(server, who, sha256):
            raise not_found("没有这张照片。", "No such photo.")
        path = server.blobs.path(sha256)
        assert path is not None
        return FileResponse(path, media_type="application/octet-stream")

    @app.get(
        f"{API}/conflicts",
        response_model=list[m.ConflictRecord],
        responses=_ERRORS,
        tags=["conflicts"],
    )
    def list_conflicts(
        who: Caller,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    ) -> list[dict[str, Any]]:
        """Concurrent edits that lost, newest first (coordinators and admins)."""
        if who.role not in ("admin", "coordinator"):
            raise forbidden(
                "只有协调员和管理员可以查看冲突记录。",
                "Only coordinators and administrators can see conflict records.",
            )
        return server.records.conflicts(who, limit=limit, offset=offset)

    @app.post(
        f"{API}/problems/{{problem_id}}/status",
        response_model=m.StatusChangeResponse,
        responses=_ERRORS,
        tags=["problems"],
    )
    def problem_status(
        problem_id: RowId,
        body: m.StatusChange,
        who: Caller,
    ) -> dict[str, Any]:
        """Set a problem's status (street offices: their street's problems)."""
        check_text(body.model_dump())
        return server.change_problem_status(
            who, problem_id, to_status=body.to_status, note=body.note
        )


def _auth_header(server: Server, header: str) -> Principal:
    scheme, _, token = header.partition(" ")
    return authenticate(server.db, token.strip() if scheme.lower() == "bearer" else None)


def _user(who: Principal) -> dict[str, Any]:
    return {
        "username": who.username, "role": who.role, "street": who.street,
        "device_id": who.device_id,
    }  # fmt: skip


def _may_download(server: Server, who: Principal, sha256: str) -> bool:
    if who.is_global:
        return True
    from sqlalchemy import select

    from fieldapp.server.schema import photo_blobs, records

    visible = select(records.c.id).where(
        records.c.table_name == "communities", records.c.street == who.street
    )
    with server.db.read() as conn:
        row = conn.execute(
            select(photo_blobs.c.photo_id).where(
                photo_blobs.c.sha256 == sha256, photo_blobs.c.community_id.in_(visible)
            )
        ).first()
    return row is not None
