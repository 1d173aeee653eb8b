"""POST /api/v1/push is served before routing (app.PushFastPath): it must answer every
request as the registered route does — same status, body and headers — including the
refusals, a body streamed past the limit, a connection that breaks mid-body, and an
error nobody foresaw."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Api, seed

from fieldapp.server import app as app_module
from fieldapp.store import Store
from fieldapp.sync.protocol import MAX_JSON_BYTES

_n = itertools.count()


@pytest.fixture
def device(api: Api, tmp_path: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    headers = api.token(f"fp{next(_n)}", "surveyor", "和平街道")
    store = Store.open(tmp_path / "dev")
    seed(store, answers=3)
    return headers, [c.to_json() for c in store.collect_changes()]


def _answer(response: Any) -> tuple[int, Any, str | None]:
    return response.status_code, response.json(), response.headers.get("www-authenticate")


def _requests(headers: dict[str, str], changes: list[dict[str, Any]]) -> Iterator[Any]:
    """(description, request kwargs) covering success, replay and each kind of refusal."""
    good = {"batch_id": "fast-1", "changes": changes}
    yield "push", {"json": good, "headers": headers}
    yield "replay", {"json": good, "headers": headers}
    yield "reused id", {"json": {**good, "changes": changes[:1]}, "headers": headers}
    yield "no token", {"json": good}
    yield "bad token", {"json": good, "headers": {"Authorization": "Bearer nope"}}
    yield "basic auth", {"json": good, "headers": {"Authorization": "Basic abc"}}
    yield "malformed", {"content": b"{", "headers": headers}
    yield "bad shape", {"json": {"batch_id": "x", "changes": [1]}, "headers": headers}
    yield "extra field", {"json": {**good, "more": 1}, "headers": headers}
    other = [{**c, "id": "forged-" + c["id"][:50], "data": {**c["data"], "submission_id": "none"}}
             for c in changes if c["table"] == "answers"]  # fmt: skip
    yield "dangling", {"json": {"batch_id": "fast-2", "changes": other}, "headers": headers}


def test_fast_path_answers_as_the_route(
    api: Api, device: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers, changes = device
    fast = [(name, _answer(api.client.post("/api/v1/push", **kw)))
            for name, kw in _requests(headers, changes)]  # fmt: skip
    assert fast[0][1][0] == 200 and fast[1][1][1]["replayed"] is True
    assert {n: a[0] for n, a in fast} == {
        "push": 200, "replay": 200, "reused id": 409, "no token": 401, "bad token": 401,
        "basic auth": 401, "malformed": 400, "bad shape": 422, "extra field": 422,
        "dangling": 422,
    }  # fmt: skip
    assert all(a[2] == "Bearer" for n, a in fast if a[0] == 401)

    # The same requests through the registered route (the fast path passing everything on)
    # get the same answers: the first push is now a replay, so compare from there.
    async def pass_on(self: Any, scope: Any, receive: Any, send: Any) -> None:
        await self.app(scope, receive, send)

    monkeypatch.setattr(app_module.PushFastPath, "__call__", pass_on)
    routed = Api(api.server)
    slow = [(name, _answer(routed.client.post("/api/v1/push", **kw)))
            for name, kw in _requests(headers, changes)]  # fmt: skip
    assert slow[0][1][1] == {**fast[0][1][1], "replayed": True}
    assert slow[1:] == fast[1:]


def test_streamed_body_is_read_and_limited(api: Api, device: Any) -> None:
    headers, changes = device
    body = json.dumps({"batch_id": "fast-3", "changes": changes}).encode()

    def pieces(data: bytes, size: int) -> Callable[[], Iterator[bytes]]:
        return lambda: (data[i : i + size] for i in range(0, len(data), size))

    # No Content-Length (chunked): read in pieces, applied whole.
    answer = api.client.post("/api/v1/push", content=pieces(body, 1000)(), headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["received"] == len(changes)
    # Past the limit while streaming: 413, nothing stored.
    before = api.state()
    big = b'{"batch_id": "big", "changes": [' + b" " * (MAX_JSON_BYTES + 10) + b"]}"
    answer = api.client.post("/api/v1/push", content=pieces(big, 1 << 20)(), headers=headers)
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"
    assert api.state() == before


def _call(api: Api, messages: list[dict[str, Any]], headers: dict[str, str]) -> list[Any]:
    """Run the ASGI app on one push whose body arrives as ``messages``; what it sent."""
    app = app_module.create_app(api.server)
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "scheme": "http", "path": "/api/v1/push",
             "raw_path": b"/api/v1/push", "query_string": b"", "root_path": "",
             "headers": raw, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 2)}  # fmt: skip
    queue = list(messages)
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_connection_broken_mid_body(api: Api, device: Any) -> None:
    headers, changes = device
    body = json.dumps({"batch_id": "fast-4", "changes": changes}).encode()
    before = api.state()
    sent = _call(api, [{"type": "http.request", "body": body[:100], "more_body": True},
                       {"type": "http.disconnect"}], headers)  # fmt: skip
    assert sent[0]["status"] == 400
    assert json.loads(sent[1]["body"])["error"]["code"] == "disconnected"
    assert api.state() == before


def test_unforeseen_error_is_a_logged_500(
    api: Api, device: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    headers, changes = device

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_module, "parse_push", broken)
    body = json.dumps({"batch_id": "fast-5", "changes": changes}).encode()
    with caplog.at_level("ERROR", logger="fieldapp.server"):
        sent = _call(api, [{"type": "http.request", "body": body, "more_body": False}], headers)
    assert sent[0]["status"] == 500
    error = json.loads(sent[1]["body"])["error"]
    assert error["code"] == "internal" and error["zh"] and error["en"]
    assert "boom" in caplog.text
