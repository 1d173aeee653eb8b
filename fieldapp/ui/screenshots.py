"""`make screenshots`: the main screens, in Chinese, as PNG files for the README.

``python -m fieldapp.ui.screenshots OUT_DIR`` builds a demo data dir in a temporary folder,
opens the app at 1280×800 offscreen and saves each screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import fieldapp.ui  # noqa: F401  (the PySide6 guard first)

SIZE = (1280, 800)


def _wait(app: object, done: object, timeout: float = 20.0) -> None:
    import time

    deadline = time.perf_counter() + timeout
    while not done():  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        if time.perf_counter() > deadline:
            raise TimeoutError
        time.sleep(0.002)


def main(out_dir: str, language: str = "zh") -> int:
    """Render every main screen to ``out_dir``."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from fieldapp.demo import create_demo
    from fieldapp.store import Store
    from fieldapp.ui import i18n
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.ops import InlinePool, OpRunner
    from fieldapp.ui.settings import Settings
    from fieldapp.ui.style import apply_style
    from fieldapp.ui.writer import Writer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    i18n.install(language)
    apply_style(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        data = Path(tmp) / "demo"
        with Store.open(data) as store:
            create_demo(store)
        settings = Settings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        settings.surveyor = "王晓明"
        writer = Writer(data)
        window = MainWindow(writer, OpRunner(InlinePool()), settings)
        window.resize(*SIZE)
        writer.start()
        window.show()
        _wait(app, lambda: window.is_ready)

        # The temp folder's real path must not end up in committed images.
        shown_dir = "~/fieldapp/demo"

        def shot(name: str, widget: object = None) -> None:
            window.status.setText(window.tr("数据目录：{0}").format(shown_dir))
            app.processEvents()  # type: ignore[attr-defined]
            target = widget or window
            target.grab().save(str(out / f"{name}.png"))  # type: ignore[attr-defined]
            print(out / f"{name}.png")

        shot("main_window")
        community = writer.reader().communities()[0]
        page = window.open_community(community)
        shot("community")
        page.setCurrentWidget(page.profile)
        shot("community_profile")
        page.setCurrentWidget(page.problems)
        page.problems.view.selectRow(1)
        shot("problems")
        checklist = next(
            s
            for s in writer.reader().submissions(community.id)
            if s.form_id == "complete_community"
        )
        window.open_submission(checklist.id)
        _wait(app, lambda: window.form_view is not None)
        view = window.form_view
        assert view is not None
        view.show_section("public_services")
        view.complete_page("public_services")
        view.jump_to("wz02")
        shot("checklist")
        window.go_back()
        tv = window.start_transcription()
        _wait(app, lambda: tv.controller is not None)
        for key in ("3", Qt.Key.Key_Return, "2", Qt.Key.Key_Return, "4", Qt.Key.Key_Return):
            QTest.keyClick(tv, key)
        _wait(app, lambda: writer.pending == 0)
        shot("transcription")
        dialog = window.open_settings()
        dialog.data_dir.setText(shown_dir)
        dialog.resize(720, 300)
        shot("settings", dialog)
        dialog.reject()
        window.go_back()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*(sys.argv[1:] or ["docs/screenshots"])))
