"""Starting the desktop app: `fieldapp`, `fieldapp --data-dir D [--quit-after-show]`.

Start-up is kept short by doing the slow parts beside the first paint: the writer thread
imports the store and opens the database while the main thread builds the window; forms
and the problem taxonomy are loaded when first needed.
"""

from __future__ import annotations

import sys

import fieldapp.ui  # noqa: F401  (the PySide6 guard runs before Qt is used)


def main(data_dir: str | None = None, *, quit_after_show: bool = False) -> int:
    """Run the app on ``data_dir`` (else the setting, else the default); the exit code."""
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui import i18n
    from fieldapp.ui.collector import collect_on_main_thread
    from fieldapp.ui.main_window import FirstPaint, MainWindow
    from fieldapp.ui.ops import OpRunner
    from fieldapp.ui.settings import Settings
    from fieldapp.ui.style import apply_style
    from fieldapp.ui.writer import Writer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_main_thread(app)
    app.setApplicationName("fieldapp")
    app.setOrganizationName("fieldapp")
    settings = Settings()
    writer = Writer(data_dir or settings.data_dir or None)
    writer.start()
    i18n.install(settings.language)
    apply_style(app)  # type: ignore[arg-type]
    ops = OpRunner()
    window = MainWindow(writer, ops, settings)
    failed: list[BaseException] = []
    writer.open_failed.connect(failed.append)
    if quit_after_show:
        FirstPaint(window, lambda: app.exit(1 if failed else 0))
    window.show()
    code = app.exec()
    if failed and quit_after_show:
        error = failed[0]
        shown = getattr(error, "text", None)
        print(f"错误 / error: {shown.both() if shown else error!r}", file=sys.stderr)
    window.close()
    return code
