"""Starting the app, faults on opening, the op helper, languages, fit for touch screens."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMessageBox

from fieldapp.store import Store
from fieldapp.ui import i18n
from fieldapp.ui.ops import Cancelled, InlinePool, OpRunner


def _newer_version(path: Path) -> None:
    Store.open(path).close()
    db = sqlite3.connect(path / "fieldapp.db")
    db.execute("PRAGMA user_version = 999")
    db.commit()
    db.close()


@pytest.mark.parametrize("fault", ["newer", "not_sqlite"])
def test_unusable_database_opens_with_a_clear_message(
    make_app, tmp_path: Path, fault: str, qtbot
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / fault
    if fault == "newer":
        _newer_version(data)
    else:
        data.mkdir()
        (data / "fieldapp.db").write_bytes(b"this is a spreadsheet, not a database" * 20)
    app = make_app(data)
    window = app.window
    assert window.stack.currentWidget() is window.error_page
    shown = window.error_page.message.text()
    assert ("更新版本" in shown) if fault == "newer" else ("不是 SQLite 数据库" in shown)
    assert "Traceback" not in shown
    assert isinstance(window.message_box, QMessageBox) and window.message_box.text() == shown


def test_quit_after_show_exits_zero_after_painting(demo_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "fieldapp", "--data-dir", str(demo_dir), "--quit-after-show"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    _newer_version(tmp_path / "newer")
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "fieldapp",
            "--data-dir",
            str(tmp_path / "newer"),
            "--quit-after-show",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 1
    assert "更新版本" in bad.stderr and "newer fieldapp" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_op_runs_off_the_ui_thread_with_progress_and_cancel(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = OpRunner(QThreadPool())
    main = threading.get_ident()
    seen: dict[str, object] = {"progress": []}
    go = threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        seen["thread"] = threading.get_ident()
        for i in range(1000):
            progress.report(i, 1000, "导入中")
            if i == 3:
                go.wait(5)
            progress.check()
        return "done"

    def failed(exc: BaseException) -> None:
        seen["failed"] = exc
        seen["callback_thread"] = threading.get_ident()

    handle = runner.run(
        work,
        on_success=lambda r: seen.setdefault("result", r),
        on_failure=failed,
        on_progress=lambda d, t, _x: seen["progress"].append(d),  # type: ignore[union-attr]
    )
    qtbot.waitUntil(lambda: len(seen["progress"]) >= 3, timeout=5000)  # type: ignore[arg-type]
    handle.cancel()
    go.set()
    qtbot.waitUntil(lambda: "failed" in seen, timeout=5000)
    assert isinstance(seen["failed"], Cancelled)
    assert seen["thread"] != main and seen["callback_thread"] == main
    assert "result" not in seen and handle.finished and not runner.busy
    # Tests inject a pool that runs inline: the result is there at once.
    inline = OpRunner(InlinePool())
    out: list[int] = []
    inline.run(lambda _p: 41 + 1, on_success=out.append)
    assert out == [42]


def test_english_and_the_stretched_pseudo_locale(make_app, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.install("en")
    app = make_app(demo_dir)
    window = app.window
    assert window.windowTitle() == "fieldapp — community checkup"
    assert window.communities.search.placeholderText().startswith("Search communities")
    page = window.open_community(app.writer.reader().communities()[0])
    assert page.tabText(0) == "Progress"
    labels = page.problems.model
    from PySide6.QtCore import Qt

    assert labels.headerData(2, Qt.Orientation.Horizontal) == "Severity"
    assert labels.index(0, 2).data() in {"Severe", "Major", "Minor"}
    i18n.install("pseudo")
    pseudo = make_app(demo_dir)
    pseudo.window.resize(1280, 800)
    page = pseudo.window.open_community(pseudo.writer.reader().communities()[0])
    assert page.tabText(0).startswith("［Progress")
    # Long text must not push the window past a 1280-px laptop screen.
    assert pseudo.window.minimumSizeHint().width() <= 1280


def test_touch_targets_and_keyboard_shortcuts(make_app, demo_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = make_app(demo_dir)
    window = app.window
    window.resize(1280, 800)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.open_community(app.writer.reader().communities()[0])
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QLineEdit):
        if widget.isVisible() and widget.objectName() != "qt_tabwidget_tabbar":
            assert widget.height() >= 40, (widget.objectName(), widget.text(), widget.height())
    QTest.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.communities
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.communities.search.hasFocus()
    QTest.keyClicks(window.communities.search, "xyz")
    assert window.communities.proxy.rowCount() == 0
    window.communities.search.clear()
    QTest.keyClick(window.communities.search, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.community_page
