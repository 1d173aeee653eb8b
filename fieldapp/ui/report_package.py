"""导入交接包…: verify an offline handoff package and import it, through the writer (the
import writes), with progress; a damaged or altered package is refused with the package
module's own bilingual message and nothing of it is imported."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from fieldapp.core.errors import FieldappError
from fieldapp.ui.report_page import progress_text
from fieldapp.ui.report_plan import error_message

if TYPE_CHECKING:
    from fieldapp.reports import ImportResult
    from fieldapp.ui.writer import Writer


def refusal_message(exc: BaseException) -> str:
    """A package refusal in both languages (the file may travel to someone who reads the
    other one); any other failure as the app shows errors."""
    from fieldapp.reports import PackageError

    if isinstance(exc, PackageError):
        return f"{exc.text.zh}\n{exc.text.en}"
    return error_message(exc)


class PackageImporter(QObject):
    """Runs one import at a time for a parent widget: file dialog, progress, outcome."""

    imported = Signal(object)  # ImportResult
    failed = Signal(str)  # the message shown
    _progress = Signal(int, int, str)

    def __init__(self, writer: Writer, parent: QWidget) -> None:
        super().__init__(parent)
        self.writer = writer
        self.parent_widget = parent
        self.dialog: QFileDialog | None = None
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.last_message = ""
        self._cancel = threading.Event()
        self._progress.connect(self._progressed)

    def choose(self) -> QFileDialog:
        """Ask for the package (.zip) to import."""
        self.dialog = QFileDialog(self.parent_widget, self.tr("导入交接包"))
        self.dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        self.dialog.setNameFilter(self.tr("交接包 (*.zip)"))
        self.dialog.setDirectory(str(Path.home()))
        self.dialog.fileSelected.connect(lambda path: self.import_from(Path(path)))
        self.dialog.open()
        return self.dialog

    def import_from(self, package: Path) -> None:
        """Verify and import ``package`` in the writer; the outcome is shown when done."""
        from fieldapp.reports import import_package

        cancel = self._cancel = threading.Event()
        emit = self._progress.emit
        self.progress = QProgressDialog(
            self.tr("正在校验并导入交接包…"), self.tr("取消"), 0, 0, self.parent_widget
        )
        self.progress.setObjectName("import_progress")
        # Not modal: a modal QProgressDialog spins the event loop inside setValue, where
        # the import's outcome could arrive and close it underneath.
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(cancel.set)

        def run(store: Any) -> ImportResult:
            return import_package(store, package, progress=emit, cancel=cancel.is_set)

        self.writer.submit(run, on_success=self._done, on_failure=self._failed)

    def _progressed(self, done: int, total: int, raw: str) -> None:
        dialog = self.progress
        if dialog is None:
            return
        if raw:
            dialog.setLabelText(progress_text(raw))
        dialog.setMaximum(total)
        dialog.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: ImportResult) -> None:
        self._close_progress()
        if result.changed:
            self.last_message = self.tr("已导入“{0}”：写入 {1} 条记录，新增照片 {2} 张。").format(
                result.community_name,
                result.report.inserted + result.report.accepted,
                result.photos_added,
            )
        else:
            self.last_message = self.tr("“{0}”的这个交接包此前已导入，没有变化。").format(
                result.community_name
            )
        self._show(QMessageBox.Icon.Information, self.tr("导入完成"), self.last_message)
        self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from fieldapp.reports import ReportCancelled

        self._close_progress()
        if isinstance(exc, ReportCancelled):
            self.last_message = self.tr("已取消，未导入任何数据。")
        else:
            self.last_message = refusal_message(exc)
        icon = (
            QMessageBox.Icon.Information
            if isinstance(exc, ReportCancelled)
            else QMessageBox.Icon.Warning
        )
        title = self.tr("导入交接包") if isinstance(exc, FieldappError) else self.tr("出错了")
        self._show(icon, title, self.last_message)
        self.failed.emit(self.last_message)

    def _show(self, icon: QMessageBox.Icon, title: str, message: str) -> None:
        self.message_box = QMessageBox(icon, title, message, parent=self.parent_widget)
        self.message_box.setObjectName("import_message")
        self.message_box.open()
