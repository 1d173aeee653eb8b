"""The app's 同步: first sync through the server dialog, data of another device showing up,
an unreachable server (clear state, retries with backoff, recovery), a revoked token (no
endless retries), cancel, writes while a sync runs, and the last sync after a restart —
against a real `fieldapp serve` process on loopback (SQLite)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))

from server_testkit import Device, ServerProcess, running_server, seed

from fieldapp.sync.backoff import Backoff
from fieldapp.ui.sync_panel import IDLE, RUNNING, STOPPED, WAITING, SyncController

STREET = "和平街道"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    with running_server("sqlite", tmp_path / "srv") as server:
        yield server


def controller(app: Any) -> SyncController:
    return app.window.sync


def status(app: Any) -> str:
    return str(app.window.sync_panel.label.text())


def wait_settled(app: Any, timeout: int = 60000) -> SyncController:
    """Until the sync (and what follows it: the dialog again, a retry) is decided."""
    c = controller(app)
    app.qtbot.waitUntil(lambda: c.state != RUNNING, timeout=timeout)
    return c


def enrol(app: Any, server: ServerProcess, user: str = "wang") -> None:
    """Enrol the app's device and sync once (without the dialog)."""
    c = controller(app)
    c.start(server.url, server.user(user, "surveyor", STREET))
    wait_settled(app)
    assert c.state == IDLE and c.last and c.last["ok"], status(app)


def new_community(app: Any, name: str) -> None:
    def make(store: Any) -> None:
        project = store.create_project("2026 年体检")
        store.create_community(project.id, name, street=STREET)

    app.writer.submit(make)
    app.settle()


def test_first_sync_enrols_through_the_dialog(make_app, server: ServerProcess, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    c = controller(app)
    assert "尚未同步" in status(app)
    new_community(app, "甲社区")
    code = server.user("wang", "surveyor", STREET)

    # F9 (or the toolbar button): not enrolled yet, so the server dialog comes first.
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow, timeout=5000)
    QTest.keyClick(app.window, Qt.Key.Key_F9)
    dialog = c.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.code_required

    def refused(url: str, code_text: str) -> str:
        dialog.url.setText(url)
        dialog.code.setText(code_text)
        QTest.keyClick(dialog.url, Qt.Key.Key_Return)
        assert dialog.isVisible()
        return str(dialog.error.text())

    assert "请填写服务器地址" in refused("", code)
    assert "http:// 或 https://" in refused("ftp://10.0.0.5", code)
    assert "端口号" in refused("http://10.0.0.5:99999", code)
    assert "不能有空格" in refused("http://10.0 .0.5", code)
    assert "请填写登记码" in refused(server.url, "")
    assert "字母、数字" in refused(server.url, "天天向上")
    assert dialog.code.property("invalid") is True

    # A wrong code: the server refuses, the dialog comes back with its reason.
    dialog.url.setText(server.url.removeprefix("http://") + "/")  # scheme added, / dropped
    dialog.code.setText("2222-3333-4444")
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    wait_settled(app)
    again = c.dialog
    assert again is not None and again is not dialog and again.isVisible()
    assert "登记码无效" in again.error.text()
    assert again.url.text() == server.url
    assert c.state == STOPPED and not c.enrolled
    assert not app.window.sync_panel.retry_button.isVisible()  # retrying cannot fix a code

    # The right code: enrolled, pushed, and the status bar says so.
    again.code.setText(code.lower())
    QTest.keyClick(again.code, Qt.Key.Key_Return)
    wait_settled(app)
    assert c.state == IDLE and c.enrolled and c.result is not None
    assert c.result.pushed >= 2  # the project and the community at least
    shown = status(app)
    assert shown.startswith("上次同步：") and f"上传 {c.result.pushed} 条" in shown
    assert "下载 0 条" in shown and "照片 0 张" in shown
    assert c.enrolled_as == f"wang，{STREET}"
    # Enrolled: the next F9 syncs at once, without the dialog.
    c.dialog = None
    app.window.sync_action.trigger()
    assert c.dialog is None and c.running
    wait_settled(app)
    assert c.state == IDLE and c.result.pushed == 0


def test_another_devices_data_shows_after_sync(make_app, server: ServerProcess, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    enrol(app, server)
    other = Device(tmp_path / "b", server.url, server.user("li", "surveyor", STREET))
    try:
        seed(other.store, street=STREET, name="乙社区", answers=5, photos=2)
        other.sync()
    finally:
        other.close()
    model = app.window.communities.model
    assert "乙社区" not in [model.index(r, 0).data() for r in range(model.rowCount())]

    app.window.sync_action.trigger()
    c = wait_settled(app)
    assert c.state == IDLE and c.result is not None
    assert c.result.pulled > 0 and c.result.photos_downloaded == 2
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "乙社区" in names  # the list read the pulled rows again
    assert f"下载 {c.result.pulled} 条" in status(app) and "照片 2 张" in status(app)


def test_unreachable_server_waits_and_retries(make_app, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    enrol(app, server)
    c = controller(app)
    c.options = {"attempts": 1}  # no quick retries inside the sync: straight to the app's
    c.backoff = Backoff(first=30, cap=120)
    server.stop()

    app.window.sync_action.trigger()
    wait_settled(app)
    panel = app.window.sync_panel
    assert c.state == WAITING and c.backoff.failures == 1
    assert 25 <= c.retry_in() <= 30
    assert status(app).startswith("无法连接服务器，") and "秒后自动重试" in status(app)
    assert "无法连接同步服务器" in panel.label.toolTip()  # the full reason, with the address
    assert panel.retry_button.isVisible() and panel.cancel_button.text() == "停止重试"
    assert app.window.message_box is None and c.message_box is None  # no pop-up for this

    # Still down: 立即重试 fails again and the next wait is twice as long.
    panel.retry_button.click()
    wait_settled(app)
    assert c.state == WAITING and c.backoff.failures == 2 and 55 <= c.retry_in() <= 60

    # 停止重试 stops the retries and says how to go on.
    panel.cancel_button.click()
    assert c.state == STOPPED and c.retry_in() == 0 and not c._retry.isActive()
    assert "已停止自动重试" in status(app)

    # The server is back: 立即重试 succeeds and the schedule starts over.
    server.start()
    panel.retry_button.click()
    wait_settled(app)
    assert c.state == IDLE and c.backoff.failures == 0 and c.last["ok"]
    assert status(app).startswith("上次同步：")
    assert not panel.retry_button.isVisible() and not panel.cancel_button.isVisible()


def test_retry_enrols_once_the_server_comes_up(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """First sync against a server not yet running: the code is kept, retried by the
    timer with growing delays, and the sync succeeds once the server is up."""
    server = ServerProcess(tmp_path / "late", None)
    try:
        code = server.user("wang", "surveyor", STREET)
        app = make_app()
        c = controller(app)
        c.options = {"attempts": 1}
        c.backoff = Backoff(first=0.3, cap=1.0)
        dialog = c.sync()
        dialog.url.setText(server.url)
        dialog.code.setText(code)
        dialog._accept()
        app.qtbot.waitUntil(lambda: c.backoff.failures >= 2, timeout=30000)  # retried alone
        server.start()
        app.qtbot.waitUntil(lambda: c.state == IDLE and c.enrolled, timeout=60000)
        assert c.last["ok"] and c.backoff.failures == 0
        assert c.last["summary"]["pushed"] == 0
    finally:
        server.stop()


def test_revoked_token_stops_and_asks_to_enrol_again(make_app, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.server.accounts import revoke

    app = make_app()
    enrol(app, server)
    c = controller(app)
    c.backoff = Backoff(first=0.1)
    assert revoke(server.admin.db, username="wang") == 1

    app.window.sync_action.trigger()
    wait_settled(app)
    assert c.state == STOPPED and c.must_enrol
    assert not c._retry.isActive() and c.backoff.failures == 0  # no endless retries
    time_out = time.monotonic() + 0.5
    while time.monotonic() < time_out:
        app.qtbot.wait(50)
        assert c.state == STOPPED
    assert "撤销" in status(app) and "重新登记" in status(app)
    box = c.message_box
    assert box is not None and box.isVisible()
    assert "撤销" in box.text() and "新的登记码" in box.text()
    assert not app.window.sync_panel.retry_button.isVisible()

    # 同步 now asks for a new code, the address already filled in.
    box.close()
    dialog = app.window.sync_action.trigger() or c.dialog
    assert dialog is not None and dialog.isVisible() and dialog.code_required
    assert dialog.url.text() == server.url
    dialog.code.setText(server.code("wang"))
    dialog._accept()
    wait_settled(app)
    assert c.state == IDLE and not c.must_enrol and c.last["ok"]


def test_cancel_mid_sync(make_app, server: ServerProcess) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    enrol(app, server)
    app.writer.submit(lambda store: seed(store, street=STREET, answers=400))
    app.settle()
    total = len(app.writer.reader().collect_changes(dirty_only=True))
    assert total > 400
    c = controller(app)
    c.options = {"batch_size": 2}
    panel = app.window.sync_panel
    app.window.sync_action.trigger()
    app.qtbot.waitUntil(lambda: c.phase == "push" and c.done >= 3, timeout=30000)
    assert panel.progress.isVisible() and panel.cancel_button.isVisible()
    assert "正在上传记录" in status(app)
    # The 同步 button stays usable: a click opens its menu, where 取消同步 is.
    action = app.window.sync_action
    assert action.isEnabled() and action.text() == "同步中…"
    assert panel.cancel_action in action.menu().actions() and panel.cancel_action.isEnabled()
    assert not panel.sync_now_action.isEnabled() and not panel.configure_action.isEnabled()
    action.trigger()
    assert c.running and c.dialog is None
    app.qtbot.waitUntil(lambda: panel.menu.isVisible(), timeout=5000)
    panel.cancel_action.trigger()
    panel.menu.close()
    assert "正在取消" in status(app)
    assert not panel.cancel_button.isEnabled()  # the status bar's button: once is enough
    wait_settled(app)
    assert c.state == IDLE and c.backoff.failures == 0 and not c._retry.isActive()
    assert "已取消" in status(app)
    left = len(app.writer.reader().collect_changes(dirty_only=True))
    assert 0 < left < total  # part went, the rest waits for the next sync
    assert app.window.sync_action.text() == "同步" and panel.sync_now_action.isEnabled()

    c.options = {}
    app.window.sync_action.trigger()
    wait_settled(app)
    assert c.state == IDLE and c.result is not None and c.result.pushed == left


def test_saves_go_on_during_a_sync(make_app, server: ServerProcess, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Answers typed while a sync runs are saved at once: the sync does not hold the
    writer. Also measures how long a save waits (printed; run with -s to see)."""
    app = make_app()
    enrol(app, server)
    other = Device(tmp_path / "b", server.url, server.user("li", "surveyor", STREET))
    try:
        seed(other.store, street=STREET, name="乙社区", answers=300)
        other.sync()
    finally:
        other.close()
    seeded = []
    app.writer.submit(lambda store: seeded.append(seed(store, street=STREET, answers=300)))
    app.settle()
    c = controller(app)
    c.options = {"batch_size": 20, "page_size": 50}
    waits: list[float] = []
    during: list[bool] = []
    app.window.sync_action.trigger()
    started = time.perf_counter()
    n = 0
    while c.running:
        n += 1
        queued = time.perf_counter()
        done: list[float] = []
        app.writer.submit(
            lambda store, n=n: store.save_answer(seeded[0].submission_id, f"typed{n}", n),
            on_success=lambda _r, done=done: done.append(time.perf_counter()),
        )
        app.qtbot.waitUntil(lambda done=done: bool(done), timeout=10000)
        waits.append(done[0] - queued)
        during.append(c.running)
        app.qtbot.wait(20)
    took = time.perf_counter() - started
    assert c.state == IDLE and c.result is not None, status(app)
    print(
        f"\nsync: pushed {c.result.pushed}, pulled {c.result.pulled} in {took:.2f} s; "
        f"{len(waits)} saves meanwhile, wait max {max(waits) * 1000:.0f} ms, "
        f"median {sorted(waits)[len(waits) // 2] * 1000:.0f} ms"
    )
    assert c.result.pushed > 300 and c.result.pulled > 300
    assert sum(during) >= 3  # several saves finished while the sync was still running
    assert max(waits) < 3.0
    answers = app.writer.reader().answers(seeded[0].submission_id)
    assert all(answers[(f"typed{i}", "")] == i for i in range(1, n + 1))


def test_last_sync_is_shown_after_a_restart(make_app, server: ServerProcess, data_dir) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    new_community(app, "甲社区")
    enrol(app, server)
    shown = status(app)
    assert shown.startswith("上次同步：")
    app.close()

    again = make_app(data_dir)
    assert status(again) == shown
    c = controller(again)
    assert c.enrolled and c.server_url == server.url
    assert again.window.sync_panel.label.toolTip() == shown


def test_status_line_counts_conflicts_and_speaks_english(make_app) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui import i18n

    app = make_app()
    c, panel = controller(app), app.window.sync_panel
    summary = {"pushed": 4, "pulled": 9, "photos_uploaded": 1, "photos_downloaded": 2}
    c.last = {
        "finished_at": "2026-05-20T06:05:00+00:00",
        "ok": True,
        "summary": {**summary, "conflicts": 2, "held_back": 3},
    }
    c.changed.emit()
    shown = status(app)
    assert "上传 4 条、下载 9 条、照片 3 张，冲突 2 处，3 条待照片文件" in shown
    assert "5月20日" in shown or "2026年5月20日" in shown
    c.last = {"finished_at": "2026-05-20T06:05:00+00:00", "ok": False,
              "error": {"zh": "服务器拒绝", "en": "The server refused"}}  # fmt: skip
    c.changed.emit()
    assert status(app).startswith("上次同步失败（") and status(app).endswith("服务器拒绝")
    i18n.install("en")
    c.changed.emit()
    assert status(app).startswith("Last sync failed (") and "The server refused" in status(app)
    c.last = {"finished_at": "2026-05-20T06:05:00+00:00", "ok": True, "summary": summary}
    c.changed.emit()
    assert "Last sync: " in status(app) and "4 records up, 9 down, 3 photos" in status(app)
    assert "May" in status(app)
    assert panel.phase_text("pull") == "Downloading updates"
