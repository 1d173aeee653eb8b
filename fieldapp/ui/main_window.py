"""The main window: communities → a community → a form, transcription or problems."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui.communities_page import CommunitiesPage
from fieldapp.ui.i18n import text
from fieldapp.ui.sync_panel import SyncController, SyncPanel
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.core.forms import Form
    from fieldapp.core.forms.model import Question
    from fieldapp.store.records import Community, Submission
    from fieldapp.ui.community_page import CommunityPage
    from fieldapp.ui.form_view import FormView
    from fieldapp.ui.ops import OpRunner
    from fieldapp.ui.photos_import import PhotoContext
    from fieldapp.ui.settings import Settings
    from fieldapp.ui.transcription import TranscriptionView
    from fieldapp.ui.writer import Writer


class ErrorPage(QWidget):
    """Shown instead of the communities when the data cannot be opened: the reason, in
    words, and what to do — never a traceback."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(role_label(self.tr("无法打开数据"), "title"))
        self.message = role_label("", "body")
        self.message.setObjectName("open_error")
        layout.addWidget(self.message)
        layout.addWidget(
            role_label(self.tr("可在“设置”中选择另一个数据目录，然后重新启动。"), "hint")
        )
        self.settings_button = QPushButton(self.tr("设置…"))
        layout.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """The app's one window: a stack of pages with a toolbar and keyboard shortcuts."""

    ready = Signal()  # the store is open and the communities are shown (or the error is)

    def __init__(self, writer: Writer, ops: OpRunner, settings: Settings) -> None:
        super().__init__()
        self.writer = writer
        self.ops = ops
        self.settings = settings
        self.is_ready = False
        self.community_page: CommunityPage | None = None
        self.form_view: FormView | None = None
        self.transcription: TranscriptionView | None = None
        self.message_box: QMessageBox | None = None
        self.dialog: Any = None
        self._photos: PhotoContext | None = None
        self.setWindowTitle(self.tr("社区体检外业助手"))
        self.resize(1280, 800)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.communities = CommunitiesPage(writer)
        self.communities.open_community.connect(self.open_community)
        self.stack.addWidget(self.communities)
        self.error_page = ErrorPage()
        self.error_page.settings_button.clicked.connect(self.open_settings)
        self.stack.addWidget(self.error_page)
        self.sync = SyncController(writer, self)
        self.sync.synced.connect(self._synced)
        self.sync_panel = SyncPanel(self.sync)
        self._toolbar()
        self.status = QLabel(self.tr("正在打开数据…"))
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.sync_panel)
        writer.opened.connect(self._opened)
        writer.open_failed.connect(self._open_failed)
        ops.set_error_handler(self.show_error)

    def _toolbar(self) -> None:
        bar = QToolBar()
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.back_action = self._action(bar, self.tr("◀ 返回"), "Alt+Up", self.go_back)
        self._action(bar, self.tr("社区列表"), "Alt+Home", self.show_communities)
        bar.addSeparator()
        self._action(bar, self.tr("搜索"), QKeySequence.StandardKey.Find, self.search)
        self._action(bar, self.tr("新建"), QKeySequence.StandardKey.New, self.new_item)
        bar.addSeparator()
        self.sync_action = self._action(bar, self.tr("同步"), "F9", self.sync_panel.activate)
        self.sync_panel.attach(self.sync_action, bar)
        self._action(bar, self.tr("设置"), "Ctrl+,", self.open_settings)
        self.place = QLabel()
        self.place.setObjectName("breadcrumb")
        bar.addWidget(self.place)

    def _action(self, bar: QToolBar, label: str, keys: Any, slot: Any) -> QAction:
        action = QAction(label, self)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(
            f"{label} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    # -- opening ---------------------------------------------------------------------------
    def _opened(self) -> None:
        self.status.setText(self.tr("数据目录：{0}").format(self.writer.data_dir))
        self.communities.reload()
        self.show_communities()
        self.sync.load()
        self._mark_ready()

    def _open_failed(self, exc: BaseException) -> None:
        shown = text(exc.text) if isinstance(exc, FieldappError) else repr(exc)
        self.error_page.message.setText(shown)
        self.stack.setCurrentWidget(self.error_page)
        self.status.setText(self.tr("无法打开数据"))
        self.message_box = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("无法打开数据"), shown, parent=self
        )
        self.message_box.open()
        self._mark_ready()

    def _mark_ready(self) -> None:
        self.is_ready = True
        self.ready.emit()

    def _synced(self, result: Any) -> None:
        """After a sync that brought data: the lists shown read it again (a form being
        filled in is left alone; going back reloads the community)."""
        if not (result.pulled or result.photos_downloaded):
            return
        self.communities.reload()
        if self.community_page is not None and self.stack.currentWidget() is self.community_page:
            self.community_page.reload()

    def show_error(self, exc: BaseException) -> None:
        """Show an op's or a write's failure: the message, in the language in use."""
        if isinstance(exc, FieldappError):
            shown = text(exc.text)
        else:
            print("".join(getattr(exc, "__notes__", [])) or repr(exc), file=sys.stderr)
            shown = self.tr("发生意外错误：{0}").format(exc)
        self.message_box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("出错了"), shown, parent=self
        )
        self.message_box.open()

    # -- navigation ------------------------------------------------------------------------
    def show_communities(self) -> None:
        """Alt+Home: the list of communities."""
        self._leave_work()
        if self.writer.is_open:
            self.stack.setCurrentWidget(self.communities)
            self.place.setText("")

    def open_community(self, community: Community) -> CommunityPage:
        """A community's page."""
        from fieldapp.ui.community_page import CommunityPage

        self._leave_work()
        if self.community_page is not None:
            self.stack.removeWidget(self.community_page)
            self.community_page.deleteLater()
        page = CommunityPage(self.writer, self.ops, community)
        page.problems.actor = lambda: self.settings.surveyor
        page.problems.photos = self.photo_context()
        page.open_submission.connect(self.open_submission)
        page.start_checklist.connect(self.start_checklist)
        page.start_transcription.connect(self.start_transcription)
        page.problems.changed.connect(page.refresh_summary)
        self.community_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.place.setText("  " + community.name)
        return page

    def photo_context(self) -> PhotoContext:
        """What photo widgets share: the writer, the ops, the photo settings, the surveyor."""
        if self._photos is None:
            from fieldapp.ui.photos_import import PhotoContext

            self._photos = PhotoContext.for_settings(self.writer, self.ops, self.settings)
        return self._photos

    def go_back(self) -> None:
        """Alt+↑: up one level."""
        current = self.stack.currentWidget()
        if current in (self.form_view, self.transcription) and self.community_page is not None:
            self._leave_work()
            self.community_page.reload()
            self.stack.setCurrentWidget(self.community_page)
            self.place.setText("  " + self.community_page.community.name)
        else:
            self.show_communities()

    def _leave_work(self) -> None:
        for attr in ("form_view", "transcription"):
            view = getattr(self, attr)
            if view is not None:
                if hasattr(view, "close_view"):
                    view.close_view()
                self.stack.removeWidget(view)
                view.deleteLater()
                setattr(self, attr, None)

    def search(self) -> None:
        """Ctrl+F: search communities (or the problem list's filters)."""
        if self.stack.currentWidget() is self.community_page and self.community_page is not None:
            self.community_page.setCurrentWidget(self.community_page.problems)
            self.community_page.problems.filters["category"].setFocus()
            return
        self.show_communities()
        self.communities.focus_search()

    def new_item(self) -> None:
        """Ctrl+N: a new community, problem or questionnaire, by where one is."""
        current = self.stack.currentWidget()
        if current is self.communities:
            self.dialog = self.communities.new_community()
        elif current is self.community_page and self.community_page is not None:
            if self.community_page.currentWidget() is self.community_page.problems:
                self.dialog = self.community_page.problems.new_problem()
            else:
                self.start_checklist(self.community_page.new_form.currentData())

    # -- forms -----------------------------------------------------------------------------
    def start_checklist(self, form: Form) -> None:
        """Start a new checklist submission of ``form`` and open it."""
        from fieldapp.store.form_session import FormSession

        assert self.community_page is not None
        community_id, surveyor = self.community_page.community.id, self.settings.surveyor
        self.writer.submit(
            lambda s: FormSession.start(s, form, community_id, surveyor=surveyor).submission,
            on_success=lambda sub: self._open_form(form, sub),
            on_failure=self.show_error,
        )

    def open_submission(self, submission_id: str) -> None:
        """Open a submission (the form is parsed off the UI thread)."""
        from fieldapp.ui.forms_cache import form_for

        writer = self.writer

        def load(_progress: Any) -> tuple[Form, Submission]:
            reader = writer.new_reader()
            try:
                submission = reader.submission(submission_id)
                return form_for(reader, submission.form_id, submission.form_version), submission
            finally:
                reader.close()

        self.ops.run(load, on_success=lambda pair: self._open_form(*pair))

    def _open_form(self, form: Form, submission: Submission) -> FormView:
        from fieldapp.ui.form_controller import FormController
        from fieldapp.ui.form_view import FormView

        self._leave_work()
        controller = FormController(self.writer, form, submission)
        community = self.community_page.community if self.community_page else None
        title = text(form.title) + (f" · {community.name}" if community else "")
        view = FormView(
            controller,
            self.settings,
            title=title,
            instance_label=self._instance_label,
            record_problem=lambda q: self.record_problem(q, controller.submission.id),
            photos=self.photo_context(),
        )
        view.completed.connect(lambda _sid: self.go_back())
        self.form_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.restore()
        return view

    def _instance_label(self, group: str, key: str) -> str:
        reader = self.writer.reader()
        try:
            building = reader.building(key)
        except FieldappError:
            try:
                return reader.estate(key).name
            except FieldappError:
                return ""
        return f"{reader.estate(building.estate_id).name} {building.name}"

    def record_problem(self, q: Question, submission_id: str) -> Any:
        """记录问题 from an indicator item: the editor, pre-linked to the item."""
        assert self.community_page is not None
        prefill = {
            "indicator_code": q.code,
            "indicator_label": text(q.label),
            "submission_id": submission_id,
            "question": q.name,
        }
        self.dialog = self.community_page.problems.new_problem(prefill)
        return self.dialog

    def start_transcription(self) -> TranscriptionView:
        """The keyboard transcription mode for the built-in resident questionnaire."""
        from fieldapp.ui.forms_cache import builtin
        from fieldapp.ui.transcription import TranscriptionView

        assert self.community_page is not None
        self._leave_work()
        form = builtin("questionnaire")[0]
        view = TranscriptionView(
            self.writer,
            self.ops,
            self.community_page.community,
            form,
            surveyor=self.settings.surveyor,
        )
        self.transcription = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.setFocus()
        return view

    # -- settings and closing --------------------------------------------------------------
    def open_settings(self) -> Any:
        """Ctrl+,: language, surveyor, data directory."""
        from fieldapp.ui.settings_dialog import SettingsDialog

        self.dialog = SettingsDialog(
            self.settings, current_dir=str(self.writer.data_dir), parent=self
        )
        self.dialog.open()
        return self.dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        self._leave_work()
        self.sync.shutdown()
        self.ops.wait()
        self.writer.close()
        super().closeEvent(event)


class FirstPaint(QObject):
    """Calls back once a window has been painted after it became ready (start-up timing)."""

    def __init__(self, window: MainWindow, callback: Any) -> None:
        super().__init__(window)
        self.window = window
        self.callback = callback
        window.installEventFilter(self)
        window.ready.connect(window.update)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and self.window.is_ready:
            self.window.removeEventFilter(self)
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.callback)
        return False
