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
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from fieldapp.demo import create_demo
    from fieldapp.store import Store
    from fieldapp.ui import i18n
    from fieldapp.ui.collector import collect_on_main_thread
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.ops import InlinePool, OpRunner
    from fieldapp.ui.settings import Settings
    from fieldapp.ui.style import apply_style
    from fieldapp.ui.writer import Writer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_main_thread(app)
    i18n.install(language)
    apply_style(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        data = Path(tmp) / "demo"
        with Store.open(data) as store:
            create_demo(store)
            _last_sync(store)
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
            shown = QCoreApplication.translate("MainWindow", "数据目录：{0}").format(shown_dir)
            window.status.setText(shown)
            app.processEvents()  # type: ignore[attr-defined]
            target = widget or window
            target.grab().save(str(out / f"{name}.png"))  # type: ignore[attr-defined]
            print(out / f"{name}.png")

        _settle(app)  # the status bar lays out the sync status a turn later
        shot("main_window")
        _sync_shots(app, window, shot)
        community = writer.reader().communities()[0]
        page = window.open_community(community)
        shot("community")
        page.setCurrentWidget(page.profile)
        shot("community_profile")
        page.setCurrentWidget(page.problems)
        page.problems.view.selectRow(1)
        shot("problems")
        _photo_shots(app, writer, page, shot, Path(tmp))
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
        _report_shot(app, window.open_community(community), shot)
        window.close()
    return 0


def _last_sync(store: object) -> None:
    """An enrolled device whose last sync was on 20 May at 14:05 local time (no server runs
    here; the status bar shows what the app reads back)."""
    import datetime as dt
    import json

    from fieldapp.sync.state import SyncState

    when = dt.datetime(2026, 5, 20, 14, 5).astimezone().astimezone(dt.UTC)
    summary = {"pushed": 12, "pulled": 3, "photos_uploaded": 5, "photos_downloaded": 0}
    last = {"finished_at": when.isoformat(timespec="seconds"), "ok": True, "summary": summary}
    SyncState(store).save(  # type: ignore[arg-type]
        {
            "server_url": "http://192.168.1.10:8765",
            "server_id": "demo",
            "token": "demo",
            "user": json.dumps({"username": "wangxm", "street": "和平街道"}),
            "last": json.dumps(last, ensure_ascii=False),
        }
    )


def _settle(app: object, seconds: float = 0.1) -> None:
    import time

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.005)


def _sync_shots(app: object, window: object, shot: object) -> None:
    """A sync under way (progress, 取消同步) and the server dialog."""
    from fieldapp.ui.sync_panel import IDLE, RUNNING

    sync = window.sync  # type: ignore[attr-defined]
    sync.state, sync.phase, sync.done, sync.total = RUNNING, "push", 3, 8
    sync.changed.emit()
    _settle(app)
    shot("sync")  # type: ignore[operator]
    panel = window.sync_panel  # type: ignore[attr-defined]
    panel.activate()  # while syncing, the button opens its menu (取消同步)
    _settle(app)
    shot("sync_menu", panel.menu)  # type: ignore[operator]
    panel.menu.close()
    sync.state = IDLE
    sync.changed.emit()
    _settle(app)
    dialog = sync.configure()
    dialog.resize(640, 240)
    shot("sync_dialog", dialog)  # type: ignore[operator]
    dialog.reject()


def _photo_shots(app: object, writer: object, page: object, shot: object, tmp: Path) -> None:
    """The problem editor with its photos (two more taken on site and imported through the
    strip), and the annotation editor with a few shapes."""
    from fieldapp.photos import Arrow, Ellipse, TextLabel
    from fieldapp.photos.demo_images import SCENES, draw_scene
    from fieldapp.ui.models import RECORD_ROLE

    problems = page.problems  # type: ignore[attr-defined]
    scene = next(s for s in SCENES if s.problem_code == "C14-2")  # the blocked fire lane
    row = next(
        r
        for r in range(problems.proxy.rowCount())
        if problems.proxy.index(r, 0).data(RECORD_ROLE).sub_problem_code == scene.problem_code
    )
    problems.view.selectRow(row)
    editor = problems.edit_selected()
    editor.resize(1200, 720)
    editor.show()
    strip = editor.strip
    card = tmp / "DCIM"
    card.mkdir()
    for n in (1, 2):
        draw_scene(scene, 2026 + n).save(card / f"IMG_20260414_{n:04d}.jpg", quality=90)
    strip.import_files([card])
    _wait(app, lambda: strip.current is None and writer.pending == 0)  # type: ignore[attr-defined]
    for n, caption in (
        (1, "消防车通道北段：三辆车停在禁停网格线内"),
        (2, "东门内侧：车辆压占通道"),
    ):
        strip.model.setData(strip.model.index(n), caption)
    _wait(app, lambda: writer.pending == 0 and not strip.model._loading)  # type: ignore[attr-defined]
    strip.view.setCurrentIndex(strip.model.index(0))
    shot("problem_photos", editor)  # type: ignore[operator]
    annotator = strip.annotate_selected()
    annotator.resize(1200, 760)
    annotator.show()
    _wait(app, lambda: annotator.loaded)
    canvas = annotator.canvas
    canvas.add_shape(Ellipse(box=(0.35, 0.47, 0.77, 0.83), color="#ff3b30", width=0.008))
    canvas.add_shape(Arrow(start=(0.24, 0.2), end=(0.4, 0.5), color="#ff3b30", width=0.008))
    canvas.add_shape(TextLabel(at=(0.05, 0.08), text="车辆占用消防车通道", size=0.045))
    canvas.shape_items[-1].setSelected(True)
    annotator.set_tool("select")
    shot("annotation", annotator)  # type: ignore[operator]
    annotator._leave()
    editor.reject()


def _report_shot(app: object, page: object, shot: object) -> None:
    """The 报告 tab: the reviewed lists beside the generated report's preview."""
    import datetime as dt

    report = page.report  # type: ignore[attr-defined]
    page.setCurrentWidget(report)  # type: ignore[attr-defined]
    _wait(app, lambda: report.plan.needs.rowCount() > 0)
    report.date = dt.date(2026, 5, 20)
    report.generate()
    _wait(app, lambda: report.result is not None, timeout=60)
    for page_shown in (0, 2):  # jump once the fitted width has settled
        report.preview.go_to(page_shown)
        for _ in range(50):  # QPdfView renders pages asynchronously
            app.processEvents()  # type: ignore[attr-defined]
            __import__("time").sleep(0.01)
    shot("report")  # type: ignore[operator]


if __name__ == "__main__":
    raise SystemExit(main(*(sys.argv[1:] or ["docs/screenshots"])))
