"""UI test fixtures: one QApplication (pytest-qt), a temp data dir and settings per test.

Display tests never skip: QT_QPA_PLATFORM=offscreen (tests/conftest.py) needs no X server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import fieldapp.ui  # noqa: F401  (PySide6 guard before any Qt call)
from fieldapp.ui import i18n
from fieldapp.ui.collector import collect_on_main_thread
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.ops import InlinePool, OpRunner
from fieldapp.ui.settings import Settings
from fieldapp.ui.style import apply_style
from fieldapp.ui.writer import Writer


@pytest.fixture(autouse=True)
def _chinese(qapp: QApplication) -> Iterator[None]:
    collect_on_main_thread(qapp)  # as the app does: no Qt object collected on a worker thread
    i18n.install("zh")
    apply_style(qapp)
    yield
    i18n.install("zh")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    s.surveyor = "测试员"
    return s


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


class App:
    """A running main window on a data dir: writer thread, inline ops."""

    def __init__(self, qtbot, data_dir: Path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.writer = Writer(data_dir)
        self.ops = OpRunner(InlinePool())
        self.window = MainWindow(self.writer, self.ops, settings)
        qtbot.addWidget(self.window)
        self.writer.start()
        self.window.show()
        qtbot.waitUntil(lambda: self.window.is_ready, timeout=10000)

    def settle(self) -> None:
        """Wait until every queued write is on disk and acknowledged."""
        self.qtbot.waitUntil(lambda: self.writer.pending == 0, timeout=10000)

    def close(self) -> None:
        self.settle()
        self.window.close()


@pytest.fixture
def make_app(qtbot, data_dir: Path, settings: Settings) -> Iterator:  # type: ignore[no-untyped-def]
    apps: list[App] = []

    def make(path: Path | None = None) -> App:
        app = App(qtbot, path or data_dir, settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        if app.writer.is_open:
            app.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo data dir made once per session (copy it before writing)."""
    from fieldapp.demo import create_demo
    from fieldapp.store import Store

    path = tmp_path_factory.mktemp("demo") / "data"
    with Store.open(path) as store:
        create_demo(store)
    return path


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "demo"
    shutil.copytree(demo_template, target)
    return target
