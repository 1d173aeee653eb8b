"""The device side: `fieldapp sync`, the Python API (progress, cancel, retries), enrolment
states, photos held back until their file exists, a device clock far ahead."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from server_testkit import (
    FIELDAPP,
    Device,
    ServerProcess,
    add_photo,
    free_port,
    new_street,
    new_user,
    seed,
)

from fieldapp.core.clock import HybridLogicalClock
from fieldapp.store import Store
from fieldapp.store.paths import photo_path
from fieldapp.sync import SyncCancelled, SyncError, SyncProgress, last_sync, sync_once
from fieldapp.sync.client import ServerClient


def test_cli_sync_json(shared_server: ServerProcess, tmp_path: Path) -> None:
    street = new_street()
    data = tmp_path / "dev"
    with Store.open(data) as store:
        seed(store, street=street, photos=2)
    code = shared_server.user(new_user("cli"), "surveyor", street)
    run = [str(FIELDAPP), "sync", "--data-dir", str(data)]
    result = subprocess.run(
        [*run, "--server", shared_server.url, "--code", code, "--json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {"pushed", "pulled", "photos_uploaded", "conflicts"} <= set(summary)
    assert summary["photos_uploaded"] == 2 and summary["pushed"] > 10
    # Later syncs need no code (the address is remembered too).
    again = subprocess.run([*run], capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode == 0 and "pushed 0" in again.stdout and "上传 0 条" in again.stdout


def test_cli_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "dev"
    with Store.open(data) as store:
        seed(store)
    dead = f"http://127.0.0.1:{free_port()}"
    down = subprocess.run(
        [str(FIELDAPP), "sync", "--data-dir", str(data), "--server", dead, "--code", "X"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert down.returncode == 1
    assert "无法连接同步服务器" in down.stderr and "Cannot reach the sync server" in down.stderr
    assert "Traceback" not in down.stderr
    with Store.open(data) as store:
        assert last_sync(store)["ok"] is False  # the app can show it
        assert "Cannot reach" in last_sync(store)["error"]["en"]


def test_not_enrolled_and_other_server(shared_server: ServerProcess, tmp_path: Path) -> None:
    device = Device(tmp_path / "d", shared_server.url)
    try:
        with pytest.raises(SyncError, match="尚未登记") as info:
            device.sync()
        assert "not enrolled" in info.value.text.en
        device.code = "WRONG-CODE-0000"
        with pytest.raises(SyncError, match="登记码无效"):
            device.sync()
        device.code = shared_server.user(new_user("u"), "coordinator")
        device.sync()
        # Another server gets no token (checked once: the backend does not matter here).
        if shared_server.database is None:
            other = ServerProcess(tmp_path / "other", None).start()
            try:
                with pytest.raises(SyncError, match="不是本设备登记的服务器"):
                    device.sync(server_url=other.url)
            finally:
                other.stop()
    finally:
        device.close()


def test_progress_cancel_and_resume(shared_server: ServerProcess, tmp_path: Path) -> None:
    street = new_street()
    device = Device(
        tmp_path / "d", shared_server.url, shared_server.user(new_user("p"), "surveyor", street)
    )
    try:
        seed(device.store, street=street, answers=30, photos=3)
        seen: list[SyncProgress] = []

        def stop_at_push() -> bool:
            return any(p.phase == "push" for p in seen)

        with pytest.raises(SyncCancelled) as info:
            device.sync(progress=seen.append, cancel=stop_at_push, batch_size=10)
        assert "取消" in info.value.text.zh and "cancelled" in info.value.text.en
        assert [p.phase for p in seen][:2] == ["connect", "connect"]
        assert device.store.collect_changes(dirty_only=True) != []  # stopped part way
        # The next sync carries on where it stopped.
        seen.clear()
        result = device.sync(progress=seen.append)
        assert result.pushed > 0 and result.photos_uploaded <= 3
        assert {"connect", "push", "photos_up", "pull", "done"} <= {p.phase for p in seen}
        assert seen[-1].phase == "done"
        assert device.store.collect_changes(dirty_only=True) == []
    finally:
        device.close()


def test_photo_row_waits_for_its_file(shared_server: ServerProcess, tmp_path: Path) -> None:
    street = new_street()
    device = Device(
        tmp_path / "d", shared_server.url, shared_server.user(new_user("h"), "surveyor", street)
    )
    try:
        s = seed(device.store, street=street)
        photo_id = add_photo(device.store, s.community_id, s.problem_id, seed="lost", size=3000)
        sha = device.store.photo(photo_id).sha256
        moved = tmp_path / "aside"
        photo_path(device.path, sha).rename(moved)
        result = device.sync()
        assert result.held_back == 2  # the photo and its link
        assert result.warnings and "缺失" in result.warnings[0].zh
        waiting = {(c.table, c.id) for c in device.store.collect_changes(dirty_only=True)}
        assert ("photos", photo_id) in waiting and len(waiting) == 2
        assert not shared_server.admin.blobs.has(sha)
        moved.rename(photo_path(device.path, sha))
        again = device.sync()
        assert (again.held_back, again.photos_uploaded, again.pushed) == (0, 1, 2)
        assert device.digest() == shared_server.digest(street)
    finally:
        device.close()


def test_device_clock_far_ahead_is_refused(shared_server: ServerProcess, tmp_path: Path) -> None:
    street = new_street()
    ahead = HybridLogicalClock(
        "fast-device", wall_ms=lambda: int(time.time() * 1000) + 3 * 86_400_000
    )
    store = Store.open(tmp_path / "d", clock=ahead)
    try:
        seed(store, street=street)
        code = shared_server.user(new_user("fast"), "surveyor", street)
        with pytest.raises(SyncError) as info:
            sync_once(store, server_url=shared_server.url, code=code)
        assert info.value.status == 422 and info.value.code == "clock_ahead"
        assert "时钟比服务器快约 72 小时" in info.value.text.zh
        assert "ahead of the server" in info.value.text.en
        assert shared_server.digest(street) == shared_server.digest("无此街道")  # nothing stored
    finally:
        store.close()


def test_retries_with_backoff_then_gives_up() -> None:
    calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if len(calls) <= 2:
            return httpx.Response(503, json={"error": {"code": "busy", "zh": "忙", "en": "busy"}})
        return httpx.Response(200, json={"ok": True})

    slept: list[float] = []
    client = ServerClient(
        "http://x", transport=httpx.MockTransport(flaky), sleep=slept.append, backoff=0.01
    )
    assert client.request("GET", "/api/v1/info").json() == {"ok": True}
    assert client.retries == 2 and len(calls) == 3

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append("refused")
        return httpx.Response(403, json={"error": {"code": "forbidden", "zh": "禁止", "en": "No"}})

    client = ServerClient("http://x", transport=httpx.MockTransport(refuse), sleep=slept.append)
    with pytest.raises(SyncError, match="禁止") as info:
        client.request("GET", "/api/v1/me")
    assert info.value.status == 403 and client.retries == 0  # a 4xx is not retried

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    client = ServerClient(
        "http://x",
        transport=httpx.MockTransport(down),
        attempts=3,
        sleep=slept.append,
        backoff=0.01,
    )
    with pytest.raises(SyncError) as info:
        client.request("GET", "/api/v1/info")
    assert info.value.unreachable and client.retries == 2
    assert "无法连接同步服务器" in info.value.text.zh

    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, text="<html>proxy error</html>")

    client = ServerClient("http://x", transport=httpx.MockTransport(garbage))
    with pytest.raises(SyncError, match="意外的应答") as info:
        client.request("GET", "/api/v1/info")
    assert "HTTP 400" in info.value.text.en


def test_sign_in_page_instead_of_server(tmp_path: Path) -> None:
    """A network that answers every request with its own page (200, HTML): a clear error."""

    def portal(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>请登录 WiFi</html>")

    store = Store.open(tmp_path / "d")
    try:
        with pytest.raises(SyncError, match="网络登录页面") as info:
            sync_once(store, server_url="http://x", transport=httpx.MockTransport(portal))
        assert "sign-in page" in info.value.text.en
        assert last_sync(store)["ok"] is False
    finally:
        store.close()
