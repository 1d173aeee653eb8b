"""Bad input and faults: each refused with the right 4xx and a clear bilingual message,
never a 500, and nothing stored (digest and counts unchanged)."""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Api, seed

from fieldapp.core.clock import format_hlc
from fieldapp.store import Store

_n = itertools.count()


@pytest.fixture
def setup(api: Api, tmp_path: Path) -> tuple[dict[str, str], Store, Any]:
    headers = api.token(f"sv{next(_n)}", "surveyor", "和平街道")
    store = Store.open(tmp_path / "dev")
    s = seed(store, answers=3)
    assert api.push(headers, [c.to_json() for c in store.collect_changes()]).status_code == 200
    store.mark_shared(store.collect_changes())
    return headers, store, s


def _refused(
    api: Api, send: Callable[[], Any], status: int, code: str | None = None
) -> dict[str, Any]:
    before = api.state()
    answer = send()
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["zh"] and error["en"]
    if code is not None:
        assert error["code"] == code, error
    assert api.state() == before, "a refused request stored something"
    return error


def _answer(store: Store, s: Any, question: str = "q0000", value: Any = "新") -> dict[str, Any]:
    store.save_answer(s.submission_id, question, value)
    change = store.collect_changes(dirty_only=True)[-1].to_json()
    store.mark_shared(store.collect_changes(dirty_only=True))
    return change


def test_malformed_json_is_400(api: Api, setup: Any) -> None:
    headers, _, _ = setup
    for body in (b"{", b'{"batch_id": "x", "changes": [', b"\xff\xfe", b"null"):
        send = lambda b=body: api.client.post(  # noqa: E731
            "/api/v1/push", content=b, headers={**headers, "Content-Type": "application/json"}
        )
        answer = send()
        assert answer.status_code in (400, 422), answer.text
        assert answer.json()["error"]["en"]
    _refused(
        api,
        lambda: api.client.post(
            "/api/v1/push",
            content=b"{not json",
            headers={**headers, "Content-Type": "application/json"},
        ),
        400,
        "malformed_json",
    )


def test_bad_changes_are_422_and_store_nothing(api: Api, setup: Any) -> None:
    headers, store, s = setup
    good = _answer(store, s)
    far = int(json.loads(json.dumps(good["hlc"][:13]))) + 3 * 24 * 3600 * 1000
    cases: list[tuple[dict[str, Any], str]] = [
        ({**good, "table": "users"}, "未知的表"),
        ({**good, "data": {**good["data"], "evil": 1}}, "没有字段 evil"),
        ({**good, "data": {k: v for k, v in good["data"].items() if k != "question"}}, "缺少"),
        ({**good, "data": {**good["data"], "value": 5}}, "应为文字"),
        ({**good, "data": {**good["data"], "value": {"a": 1}}}, "应为文字、数字或空"),
        ({**good, "data": {**good["data"], "value": "a\x00b"}}, "无法保存的字符"),
        ({**good, "hlc": "yesterday"}, "时间戳无效"),
        ({**good, "hlc": format_hlc(far, 0, "dev")}, "时钟比服务器快"),
        ({**good, "base_hlc": format_hlc(far, 0, "dev")}, "base_hlc"),
        ({**good, "rev": 0}, None),
        ({**good, "id": "../../etc/passwd"}, "记录标识"),
        (
            {**good, "id": "forged-1", "data": {**good["data"], "submission_id": "forged-id"}},
            "不存在",
        ),
    ]
    for change, message in cases:
        error = _refused(api, lambda c=change: api.push(headers, [good, c]), 422)
        if message:
            assert message in error["zh"], (message, error)
    # A change that would move an existing answer to another question.
    moved = {**good, "data": {**good["data"], "question": "q0002"}}
    _refused(api, lambda: api.push(headers, [moved]), 422)
    # A row referring to parents in two different communities.
    other = store.create_community(s.project_id, "乙社区", street="和平街道")
    store.create_problem(other.id, "问题", actor="王", submission_id=None)
    mixed = store.collect_changes(dirty_only=True)
    problem = next(c.to_json() for c in mixed if c.table == "problems")
    problem["data"]["submission_id"] = s.submission_id
    _refused(
        api,
        lambda: api.push(
            headers, [c.to_json() for c in mixed if c.table != "problems"] + [problem]
        ),
        422,
    )


def test_same_batch_twice_changes_nothing(api: Api, setup: Any) -> None:
    headers, store, s = setup
    batch = [_answer(store, s, "q0001", "一"), _answer(store, s, "q0002", "二")]
    first = api.push(headers, batch, batch_id="twice-1")
    assert first.status_code == 200 and first.json()["accepted"] == 2
    state = api.state()
    again = api.push(headers, batch, batch_id="twice-1")
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert {k: v for k, v in again.json().items() if k != "replayed"} == {
        k: v for k, v in first.json().items() if k != "replayed"
    }
    # Same changes under a new id: merged as stale/identical, still nothing changes.
    fresh = api.push(headers, batch, batch_id="twice-2")
    assert fresh.json()["skipped"] == 2
    assert api.state() == state
    # The id reused for different changes: 409.
    _refused(api, lambda: api.push(headers, batch[:1], batch_id="twice-1"), 409, "batch_reused")
    for bad_id in ("../x", "a b", "x" * 200):
        _refused(api, lambda b=bad_id: api.push(headers, batch, batch_id=b), 422)


def test_photo_upload_faults(api: Api, setup: Any) -> None:
    headers, _, _ = setup
    data = bytes(range(256)) * 400
    sha = hashlib.sha256(data).hexdigest()

    def put(offset: int, chunk: bytes, total: int = len(data), name: str = sha) -> Any:
        return api.client.put(
            f"/api/v1/blobs/{name}", params={"offset": offset, "total": total}, content=chunk,
            headers=headers,
        )  # fmt: skip

    assert put(0, data[:40000]).json() == {"received": 40000, "complete": False}
    # Out of order: a gap, or going back, is refused with where to continue.
    error = _refused(api, lambda: put(50000, data[50000:60000]), 409, "chunk_out_of_order")
    assert error["expected"] == 40000
    _refused(api, lambda: put(0, data[:10]), 409, "chunk_out_of_order")
    state = api.client.get(f"/api/v1/blobs/{sha}/upload", headers=headers).json()
    assert state == {"received": 40000, "complete": False}
    # Past the end.
    _refused(api, lambda: put(40000, data[40000:] + b"xx"), 422)
    done = put(40000, data[40000:])
    assert done.json() == {"received": len(data), "complete": True}
    assert api.server.blobs.has(sha)
    got = api.client.get(f"/api/v1/blobs/{sha}", headers=headers)
    assert got.status_code == 404  # no photo record refers to it yet, so not visible
    # Bytes that do not match the hash: refused, nothing kept.
    wrong = hashlib.sha256(b"other").hexdigest()
    _refused(api, lambda: put(0, data, name=wrong), 422, "hash_mismatch")
    assert not api.server.blobs.has(wrong)
    assert not list((api.server.data_dir / "blobs" / ".partial").glob(wrong + "*"))
    # Oversized: one chunk over the limit, or a file over the limit.
    big = b"\0" * (8 * 1024 * 1024 + 1)
    _refused(api, lambda: put(0, big, total=len(big)), 413, "too_large")
    _refused(api, lambda: put(0, b"abc", total=65 * 1024 * 1024), 413, "too_large")
    # Path tricks: never reach the file system.
    for name in ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "A" * 64, sha[:63] + "/"):
        answer = api.client.put(
            f"/api/v1/blobs/{name}", params={"offset": 0, "total": 3}, content=b"abc",
            headers=headers,
        )  # fmt: skip
        assert answer.status_code in (404, 405, 422), (name, answer.status_code)
        assert answer.json()["error"]["en"]
        assert api.client.get(f"/api/v1/blobs/{name}", headers=headers).status_code in (404, 422)


def test_photo_row_needs_its_file_first(api: Api, setup: Any) -> None:
    headers, store, s = setup
    from server_testkit import add_photo

    add_photo(store, s.community_id, s.problem_id, seed="needs-file", size=5000)
    wire = [c.to_json() for c in store.collect_changes(dirty_only=True)]
    error = _refused(api, lambda: api.push(headers, wire), 409, "photo_missing")
    assert len(error["missing"]) == 1
    api.upload_photos(headers, store)
    assert api.push(headers, wire).status_code == 200


def test_oversized_json_is_413(api: Api, setup: Any) -> None:
    headers, _, _ = setup
    body = b'{"batch_id": "big", "changes": [' + b" " * (17 * 1024 * 1024) + b"]}"
    _refused(
        api,
        lambda: api.client.post(
            "/api/v1/push", content=body, headers={**headers, "Content-Type": "application/json"}
        ),
        413,
        "too_large",
    )


def test_unknown_paths_and_methods(api: Api, setup: Any) -> None:
    headers, _, _ = setup
    assert api.client.get("/api/v1/nothing", headers=headers).status_code == 404
    assert api.client.delete("/api/v1/push", headers=headers).status_code == 405
    assert api.client.get("/api/v1/changes?after=-1", headers=headers).status_code == 422
    assert api.client.get(f"/api/v1/changes?after={2**70}", headers=headers).status_code == 422
    assert api.client.get("/openapi.json").status_code == 200


def test_two_versions_of_one_row_in_one_batch(api: Api, setup: Any) -> None:
    """Whatever order they come in, the later version wins, as if sent one by one."""
    headers, store, s = setup
    older = _answer(store, s, "q0001", "旧")
    newer = _answer(store, s, "q0001", "新")
    assert newer["hlc"] > older["hlc"]
    answer = api.push(headers, [newer, older])
    assert answer.status_code == 200, answer.text
    assert (answer.json()["accepted"], answer.json()["skipped"]) == (1, 1)
    page = api.client.get("/api/v1/changes", headers=headers).json()
    values = [
        c["data"]["value"] for c in page["changes"]
        if c["table"] == "answers" and c["data"]["question"] == "q0001"
        and c["data"]["submission_id"] == s.submission_id
    ]  # fmt: skip
    assert values == ['"新"']
