"""A community's 报告 tab: review the needs and project lists, generate the checkup report
off the UI thread (progress, 取消), preview it (QtPdf), save it, and export the offline
handoff package."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.i18n import language
from fieldapp.ui.report_plan import PlanEditor, error_message
from fieldapp.ui.report_preview import ReportPreview
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.reports import PackageResult, ReportResult
    from fieldapp.store.records import Community
    from fieldapp.ui.ops import OpHandle, OpRunner, Progress
    from fieldapp.ui.writer import Writer


def report_file_name(community_name: str, date: dt.date) -> str:
    """``<社区名>-社区体检报告-<YYYY-MM-DD>.pdf``, safe as a file name everywhere."""
    name = re.sub(r'[\\/:*?"<>|\s]+', "_", community_name).strip("._") or "社区"
    return f"{name}-社区体检报告-{date.isoformat()}.pdf"


def progress_text(raw: str) -> str:
    """A stage's text ("中文 / English" from the reports layer) in the language in use."""
    zh, _, en = raw.partition(" / ")
    return en if language() != "zh" and en else zh


class ReportPage(QWidget):
    """The 报告 tab: lists on the left, the report and its preview on the right."""

    generated = Signal(object)  # ReportResult
    saved = Signal(object)  # Path
    exported = Signal(object)  # PackageResult

    def __init__(self, writer: Writer, ops: OpRunner, community: Community) -> None:
        super().__init__()
        self.writer = writer
        self.ops = ops
        self.community = community
        self.date: dt.date | None = None  # the report date; None: today
        self.result: ReportResult | None = None
        self.dialog: QFileDialog | None = None
        self._handle: OpHandle | None = None
        self._cancel = threading.Event()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        layout = QHBoxLayout(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(self.splitter)
        self.plan = PlanEditor(writer, community.id)
        self.plan.changed.connect(self._plan_changed)
        self.splitter.addWidget(self.plan)
        self.splitter.addWidget(self._report_panel())
        self.splitter.setSizes([620, 620])  # the lists need room as much as the page

    def _report_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("生成报告"))
        self.generate_button.setObjectName("generate_report")
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancel_report")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.setObjectName("save_report")
        self.save_button.clicked.connect(self.save_as)
        self.save_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("导出交接包…"))
        self.export_button.setObjectName("export_package")
        self.export_button.setToolTip(
            self.tr("把报告、数据表、照片和社区数据打包成一个带校验的 zip，用于离线交接。")
        )
        self.export_button.clicked.connect(self.choose_export_dir)
        for button in (
            self.generate_button,
            self.cancel_button,
            self.save_button,
            self.export_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("report_progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = role_label(self.tr("先审核左侧的需求清单和项目清单，再生成报告。"), "hint")
        self.status.setObjectName("report_status")
        layout.addWidget(self.status)
        self.preview = ReportPreview()
        layout.addWidget(self.preview, 1)
        return panel

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.plan.ensure_lists()

    # -- the report ------------------------------------------------------------------------
    def report_date(self) -> dt.date:
        """The date printed on the report."""
        return self.date or dt.date.today()

    def default_name(self) -> str:
        """The file name offered by 另存为…."""
        return report_file_name(self.community.name, self.report_date())

    def _work_dir(self) -> Path:
        # The preview's file lives here until the page goes; 另存为 copies it out.
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="fieldapp-report-")
        return Path(self._tmp.name)

    def generate(self) -> OpHandle | None:
        """Build the report in an op; the preview shows it when done."""
        from fieldapp.reports import build_report

        if self.busy:
            return None
        writer, community_id, date = self.writer, self.community.id, self.report_date()
        out = self._work_dir() / self.default_name()
        self.preview.clear()
        out.unlink(missing_ok=True)
        self.result = None
        cancel = self._cancel = threading.Event()

        def build(progress: Progress) -> ReportResult:
            reader = writer.new_reader()
            try:
                return build_report(
                    reader,
                    community_id,
                    out,
                    date=date,
                    progress=progress.report,
                    cancel=lambda: progress.cancelled or cancel.is_set(),
                )
            finally:
                reader.close()

        self._start(self.tr("正在生成报告…"))
        self._handle = self.ops.run(
            build,
            on_success=self._report_done,
            on_failure=self._op_failed,
            on_progress=self._progressed,
        )
        return self._handle

    def _report_done(self, result: ReportResult) -> None:
        self._stop()
        self.result = result
        pages = self.preview.load(result.path)
        self.save_button.setEnabled(pages > 0)
        self._say(
            self.tr("报告已生成：共 {0} 页，编号 {1}。可预览后“另存为…”。").format(
                result.pages, result.report_id
            )
        )
        self.generated.emit(result)

    def cancel(self) -> None:
        """Ask the running op to stop; nothing is written."""
        self._cancel.set()
        if self._handle is not None and not self._handle.finished:
            self._handle.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(self.tr("正在取消…"))

    def save_as(self) -> QFileDialog | None:
        """Ask where to save the generated report (default name offered)."""
        if self.result is None:
            return None
        self.dialog = QFileDialog(self, self.tr("保存报告"))
        self.dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.dialog.setNameFilter(self.tr("PDF 文件 (*.pdf)"))
        self.dialog.setDefaultSuffix("pdf")
        self.dialog.setDirectory(str(Path.home()))
        self.dialog.selectFile(self.default_name())
        self.dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        self.dialog.open()
        return self.dialog

    def save_to(self, target: Path) -> None:
        """Copy the previewed report to ``target`` (in an op: it may be on a slow stick)."""
        if self.result is None:
            return
        source = self.result.path

        def copy(_progress: Progress) -> Path:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            return target

        self.ops.run(copy, on_success=self._saved, on_failure=self._op_failed)

    def _saved(self, target: Path) -> None:
        self._say(self.tr("✔ 报告已保存：{0}").format(target.name))
        self.saved.emit(target)

    # -- the handoff package ---------------------------------------------------------------
    def choose_export_dir(self) -> QFileDialog:
        """Ask for the folder (e.g. a USB stick) to write the handoff package into."""
        self.dialog = QFileDialog(self, self.tr("选择导出交接包的文件夹"))
        self.dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.dialog.setDirectory(str(Path.home()))
        self.dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        self.dialog.open()
        return self.dialog

    def export_to(self, folder: Path) -> OpHandle | None:
        """Write the handoff package into ``folder`` in an op, with progress."""
        from fieldapp.reports import write_package

        if self.busy:
            return None
        writer, community_id, date = self.writer, self.community.id, self.report_date()
        cancel = self._cancel = threading.Event()

        def export(progress: Progress) -> PackageResult:
            reader = writer.new_reader()
            try:
                return write_package(
                    reader,
                    community_id,
                    folder,
                    date=date,
                    progress=progress.report,
                    cancel=lambda: progress.cancelled or cancel.is_set(),
                )
            finally:
                reader.close()

        self._start(self.tr("正在导出交接包…"))
        self._handle = self.ops.run(
            export,
            on_success=self._exported,
            on_failure=self._op_failed,
            on_progress=self._progressed,
        )
        return self._handle

    def _exported(self, result: PackageResult) -> None:
        self._stop()
        message = self.tr("✔ 交接包已导出：{0}（{1} 个文件）").format(
            result.path.name, result.files
        )
        if result.missing_photos:
            message += self.tr("；缺少 {0} 张照片文件").format(len(result.missing_photos))
        self._say(message)
        self.exported.emit(result)

    # -- shared ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a report or a package is being made."""
        return self._handle is not None and not self._handle.finished

    def _start(self, message: str) -> None:
        self.generate_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _stop(self) -> None:
        self._handle = None
        self.generate_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _progressed(self, done: int, total: int, raw: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if raw:
            self.progress.setFormat(f"{progress_text(raw)}  %p%")

    def _op_failed(self, exc: BaseException) -> None:
        from fieldapp.reports import ReportCancelled
        from fieldapp.ui.ops import Cancelled

        self._stop()
        if isinstance(exc, ReportCancelled | Cancelled):
            self._say(self.tr("已取消，未生成文件。"))
            return
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(error_message(exc))

    def _say(self, message: str) -> None:
        self.status.setStyleSheet("color: #1b7f3b;")
        self.status.setText(message)

    def _plan_changed(self) -> None:
        if self.result is not None:
            self.status.setStyleSheet("color: #a15c00;")
            self.status.setText(self.tr("清单已修改：请重新生成报告。"))
