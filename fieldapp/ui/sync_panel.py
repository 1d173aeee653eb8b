"""同步 in the app: the sync button, its progress and cancel, the last sync's time and
result in the status bar, and automatic retries with backoff when the server is out of reach.

:class:`SyncController` runs :func:`fieldapp.sync.sync_once` off the UI thread, in a pool of
its own (one thread: a sync may take minutes and must not hold a thread other ops need). It
does not run in the writer thread: a sync waits on the network most of the time, and the
answers typed meanwhile must reach the disk at once. The sync opens a second write
connection to the same database and shares the writer's hybrid logical clock, so stamps
stay ordered across both; SQLite serialises the two connections' transactions, and each of
the sync's (a page pulled, a batch acknowledged) is short, so a save waits for at most one of
them. :class:`SyncPanel` shows the controller in the status bar.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.sync.backoff import Backoff, needs_enrolment, retryable
from fieldapp.ui.i18n import text
from fieldapp.ui.ops import Cancelled, OpRunner

if TYPE_CHECKING:
    from fieldapp.sync import SyncResult
    from fieldapp.ui.ops import OpHandle, Progress
    from fieldapp.ui.sync_dialog import SyncDialog
    from fieldapp.ui.writer import Writer

IDLE, RUNNING, WAITING, STOPPED = "idle", "running", "waiting", "stopped"


class SyncController(QObject):
    """One sync at a time, the retries after it, and what the device knows of its server.

    ``state``: idle (the last outcome is in ``last``), running, waiting (to retry after
    ``retry_in()`` seconds) or stopped (a failure retrying cannot fix, in ``error``).
    ``backoff`` and ``options`` (extra keywords for ``sync_once``) are open for tests.
    """

    changed = Signal()  # anything shown changed
    synced = Signal(object)  # SyncResult, after a successful sync
    failed = Signal(object)  # the exception of a failed sync

    def __init__(
        self, writer: Writer, parent: QWidget | None = None, *, ops: OpRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.writer = writer
        self.parent_widget = parent
        if ops is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            ops = OpRunner(pool)
        self.ops = ops
        self.backoff = Backoff(jitter=0.2)
        self.options: dict[str, Any] = {}
        self.state = IDLE
        self.server_url = ""
        self.enrolled = False
        self.enrolled_as = ""
        self.must_enrol = False
        self.last: dict[str, Any] | None = None
        self.result: SyncResult | None = None
        self.error: BaseException | None = None
        self.cancelling = False
        self.retries_stopped = False  # the user stopped the automatic retries
        self.phase, self.done, self.total = "", 0, 0
        self.handle: OpHandle | None = None
        self.dialog: SyncDialog | None = None
        self.message_box: QMessageBox | None = None
        self._code: str | None = None  # an enrolment code not yet accepted (kept for retries)
        self._closed = False
        self._cancel = threading.Event()
        self._retry_at: float | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._auto_retry)
        self._tick = QTimer(self)  # the countdown shown while waiting
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.changed.emit)

    # -- what the device knows --------------------------------------------------------------
    def load(self) -> None:
        """Read the server address, enrolment and last outcome from the database."""
        from fieldapp.sync.state import SyncState

        if not self.writer.is_open:
            self.changed.emit()
            return
        state = SyncState(self.writer.reader())
        self.last = state.last
        self.enrolled = state.token is not None
        user = state.user or {}
        who = str(user.get("username") or "")
        street = user.get("street")
        self.enrolled_as = f"{who}，{street}" if who and street else who
        self.server_url = state.server_url or (self.last or {}).get("server_url") or ""
        self.changed.emit()

    @property
    def running(self) -> bool:
        """Whether a sync is under way."""
        return self.state == RUNNING

    def retry_in(self) -> int:
        """Whole seconds until the next automatic try (0 unless waiting)."""
        if self.state != WAITING or self._retry_at is None:
            return 0
        return max(0, round(self._retry_at - time.monotonic()))

    # -- actions ---------------------------------------------------------------------------
    def sync(self) -> Any:
        """同步 (F9): sync now; first the server dialog when there is no enrolment yet."""
        if self.running:
            return None
        if self.state == WAITING:
            return self.retry_now()
        if not self.server_url or not self.enrolled or self.must_enrol:
            return self.configure()
        return self.start(self.server_url)

    def configure(self, error: str = "") -> SyncDialog:
        """同步服务器…: ask for the address (and the enrolment code); a sync follows."""
        from fieldapp.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(
            server_url=self.server_url,
            code_required=not self.enrolled or self.must_enrol,
            enrolled_as=self.enrolled_as,
            error=error,
            parent=self.parent_widget,
        )
        dialog.accepted.connect(
            lambda: self.start(dialog.server_url(), dialog.enrolment_code(), force=True)
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def start(self, server_url: str, code: str | None = None, *, force: bool = False) -> bool:
        """Start a sync with ``server_url`` (enrolling with ``code``); False if one runs."""
        if self.running:
            return False
        self._stop_retrying()
        if force or code is not None:
            self._code = code
        self.server_url = server_url
        self.state, self.error, self.cancelling = RUNNING, None, False
        self.retries_stopped = False
        self.phase, self.done, self.total = "connect", 0, 0
        self._cancel = threading.Event()
        self.changed.emit()
        # Through the writer: what was typed before the click is saved first, and the
        # sync gets the writer's clock and data directory.
        self.writer.submit(
            lambda store: (store.clock, store.data_dir),
            on_success=lambda pair: self._run(server_url, self._code, *pair),
            on_failure=self._failed,
        )
        return True

    def _run(self, server_url: str, code: str | None, clock: Any, data_dir: Any) -> None:
        if self._closed:
            return
        cancel, options = self._cancel, dict(self.options)

        def run(progress: Progress) -> SyncResult:
            from fieldapp.store import Store
            from fieldapp.sync import sync_once

            store = Store.open(data_dir, clock=clock)
            try:
                return sync_once(
                    store,
                    server_url=server_url,
                    code=code,
                    progress=lambda p: progress.report(p.done, p.total, p.phase),
                    cancel=lambda: cancel.is_set() or progress.cancelled,
                    **options,
                )
            finally:
                store.close()

        self.handle = self.ops.run(
            run, on_success=self._succeeded, on_failure=self._failed, on_progress=self._progressed
        )

    def cancel(self) -> None:
        """取消: stop the running sync (what is done is kept), or stop retrying."""
        if self.running:
            self.cancelling = True
            self._cancel.set()
            if self.handle is not None:
                self.handle.cancel()
            self.changed.emit()
        elif self.state == WAITING:
            self._stop_retrying()
            self.backoff.reset()
            self.state, self.retries_stopped = STOPPED, True
            self.changed.emit()

    def retry_now(self) -> None:
        """立即重试."""
        if self.state in (WAITING, STOPPED) and not self.must_enrol:
            self.start(self.server_url)

    def shutdown(self) -> None:
        """Closing the window: cancel, stop the timers, wait for the sync's thread."""
        self._closed = True
        self._stop_retrying()
        self._cancel.set()
        if self.handle is not None:
            self.handle.cancel()
        if isinstance(self.ops.pool, QThreadPool):
            self.ops.pool.waitForDone(30000)

    # -- outcomes --------------------------------------------------------------------------
    def _progressed(self, done: int, total: int, phase: str) -> None:
        self.phase, self.done, self.total = phase, done, total
        self.changed.emit()

    def _succeeded(self, result: SyncResult) -> None:
        self.handle = None
        self.state, self.result, self.error = IDLE, result, None
        self._code, self.must_enrol = None, False
        self.backoff.reset()
        self.load()
        self.synced.emit(result)

    def _failed(self, exc: BaseException) -> None:
        from fieldapp.sync import SyncCancelled

        self.handle = None
        self.error = exc
        code_given = self._code is not None
        if isinstance(exc, SyncCancelled | Cancelled):
            self.state = IDLE
            self.backoff.reset()
        elif retryable(exc):
            delay = self.backoff.next_delay()
            self.state = WAITING
            self._retry_at = time.monotonic() + delay
            self._retry.start(max(1, int(delay * 1000)))
            self._tick.start()
        else:
            self.state = STOPPED
            self.backoff.reset()
            self._code = None
            if needs_enrolment(exc):
                self.must_enrol = True
        self.load()  # the outcome was saved with the sync state
        self.failed.emit(exc)
        if self.state == STOPPED:
            if code_given and self.must_enrol:
                self.configure(error=error_text(exc))  # the code or the address was wrong
            else:
                self._tell(exc)

    def _auto_retry(self) -> None:
        self._tick.stop()
        if self.state == WAITING:
            self.start(self.server_url)

    def _stop_retrying(self) -> None:
        self._retry.stop()
        self._tick.stop()
        self._retry_at = None

    def _tell(self, exc: BaseException) -> None:
        if not isinstance(exc, FieldappError):  # a bug: the details go to the log
            print("".join(getattr(exc, "__notes__", [])) or repr(exc), file=sys.stderr)
        message = error_text(exc)
        if self.must_enrol:
            message += "\n\n" + self.tr("请向管理员索取新的登记码，然后点“同步”重新登记本设备。")
        self.message_box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("同步失败"), message, parent=self.parent_widget
        )
        self.message_box.setObjectName("sync_message")
        self.message_box.open()


def error_text(exc: BaseException) -> str:
    """A failure's message in the language in use (never a traceback)."""
    if isinstance(exc, FieldappError):
        return text(exc.text)
    return repr(exc)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with … when space is short (the whole text
    is its tooltip)."""

    def __init__(self, max_width: int = 680) -> None:
        super().__init__()
        self._max = max_width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(160)

    def sizeHint(self) -> Any:
        # Measured as painted (QLabel's own hint can fall short with fallback CJK fonts).
        hint = super().sizeHint()
        margins = self.contentsMargins()
        wanted = QFontMetrics(self.font()).horizontalAdvance(self.text()) + 2
        hint.setWidth(min(wanted + margins.left() + margins.right(), self._max))
        return hint

    def minimumSizeHint(self) -> Any:
        hint = super().minimumSizeHint()
        hint.setWidth(160)
        return hint

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        shown = QFontMetrics(self.font()).elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, int(self.alignment()), shown)


class SyncPanel(QWidget):
    """The status bar's sync corner: state and last result, progress, 取消, 立即重试."""

    def __init__(self, controller: SyncController) -> None:
        super().__init__()
        self.controller = controller
        self.setObjectName("sync_panel")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        self.label = ElidedLabel()
        self.label.setObjectName("sync_status")
        layout.addWidget(self.label, 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.retry_button = QPushButton(self.tr("立即重试"))
        self.retry_button.setObjectName("sync_retry")
        self.retry_button.clicked.connect(controller.retry_now)
        layout.addWidget(self.retry_button)
        self.cancel_button = QPushButton(self.tr("取消同步"))
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.clicked.connect(controller.cancel)
        layout.addWidget(self.cancel_button)
        self.action: QAction | None = None
        self.menu: QMenu | None = None
        self.button: QToolButton | None = None
        controller.changed.connect(self.render)
        self.render()

    def activate(self) -> None:
        """The 同步 button (F9): sync now — or, while a sync runs, open the button's menu,
        where 取消同步 is (on a tablet the menu arrow is a small target)."""
        if not self.controller.running:
            self.controller.sync()
        elif self.menu is not None and self.button is not None:
            self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))

    def attach(self, action: QAction, bar: QToolBar) -> None:
        """Give the toolbar's 同步 action its menu: 立即同步, 同步服务器…, 取消同步."""
        self.action = action
        self.menu = menu = QMenu(bar)
        menu.setObjectName("sync_menu")
        self.sync_now_action = menu.addAction(self.tr("立即同步"), self.controller.sync)
        self.configure_action = menu.addAction(self.tr("同步服务器…"), self.controller.configure)
        self.cancel_action = menu.addAction(self.tr("取消同步"), self.controller.cancel)
        action.setMenu(menu)
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            self.button = button
            button.setObjectName("sync_button")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            # The arrow opens the menu: wide enough for a finger.
            button.setStyleSheet(
                "QToolButton { padding-right: 34px; } QToolButton::menu-button { width: 28px; }"
            )
        self.render()

    # -- what is shown ---------------------------------------------------------------------
    def render(self) -> None:
        c = self.controller
        shown, colour = self.describe()
        self.label.setText(shown)
        self.label.setStyleSheet(f"color: {colour};" if colour else "")
        full = shown
        if c.state in (WAITING, STOPPED) and c.error is not None:
            full = f"{shown}\n{error_text(c.error)}"
        elif c.state == IDLE and c.last and not c.last.get("ok"):
            full = f"{shown}\n{self._last_error()}"
        self.label.setToolTip(full)
        running = c.state == RUNNING
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, max(c.total, 0))
            self.progress.setValue(min(c.done, c.total) if c.total else 0)
        self.cancel_button.setVisible(running or c.state == WAITING)
        self.cancel_button.setText(
            self.tr("停止重试") if c.state == WAITING else self.tr("取消同步")
        )
        self.cancel_button.setEnabled(not c.cancelling)
        self.retry_button.setVisible(c.state in (WAITING, STOPPED) and not c.must_enrol)
        if self.action is not None:
            # The button stays enabled while a sync runs (a click then opens its menu): the
            # menu holds 取消同步, and a disabled button would not open it.
            self.action.setText(self.tr("同步中…") if running else self.tr("同步"))
            self.sync_now_action.setEnabled(not running)
            self.configure_action.setEnabled(not running)
            self.cancel_action.setEnabled(running or c.state == WAITING)

    def describe(self) -> tuple[str, str]:
        """The status line and its colour ("" = normal)."""
        c = self.controller
        if c.state == RUNNING:
            if c.cancelling:
                return self.tr("正在取消同步…"), ""
            step = self.phase_text(c.phase)
            if c.total > 1:
                step = self.tr("{0}（{1}/{2}）").format(step, c.done, c.total)
            return self.tr("正在同步：{0}").format(step), ""
        if c.state == WAITING:
            return self.tr("无法连接服务器，{0}后自动重试（已失败 {1} 次）").format(
                self.wait_text(c.retry_in()), c.backoff.failures
            ), "#a15c00"
        if c.state == STOPPED:
            if c.retries_stopped or c.error is None:
                return self.tr("无法连接服务器，已停止自动重试。可点“立即重试”或按 F9。"), "#a15c00"
            reason = error_text(c.error)
            if c.must_enrol:
                return self.tr("同步失败：{0} 请点“同步”重新登记。").format(reason), "#c62828"
            return self.tr("同步失败：{0}").format(reason), "#c62828"
        return self.last_text()

    def last_text(self) -> tuple[str, str]:
        """The last sync's time and result (idle)."""
        from fieldapp.sync import SyncCancelled

        last = self.controller.last
        if not last:
            return self.tr("尚未同步。点“同步”（F9）与服务器交换数据。"), ""
        when = self.time_text(str(last.get("finished_at") or ""))
        if last.get("ok"):
            s = last.get("summary") or {}
            photos = int(s.get("photos_uploaded", 0)) + int(s.get("photos_downloaded", 0))
            shown = self.tr("上次同步：{0}，上传 {1} 条、下载 {2} 条、照片 {3} 张").format(
                when, s.get("pushed", 0), s.get("pulled", 0), photos
            )
            colour = "#1b7f3b"
            if s.get("conflicts"):
                shown += self.tr("，冲突 {0} 处").format(s["conflicts"])
                colour = "#a15c00"
            if s.get("held_back"):
                shown += self.tr("，{0} 条待照片文件").format(s["held_back"])
                colour = "#a15c00"
            return shown, colour
        error = last.get("error") or {}
        if error.get("zh") == SyncCancelled().text.zh:
            return self.tr("上次同步已取消（{0}），已完成的部分已保存。").format(when), "#a15c00"
        return self.tr("上次同步失败（{0}）：{1}").format(when, self._last_error()), "#c62828"

    def _last_error(self) -> str:
        from fieldapp.core.i18n import Text

        error = (self.controller.last or {}).get("error") or {}
        return text(Text(str(error.get("zh", "")), str(error.get("en") or error.get("zh", ""))))

    def phase_text(self, phase: str) -> str:
        """A sync phase for people."""
        return {
            "connect": self.tr("正在连接服务器"),
            "photos_up": self.tr("正在上传照片"),
            "push": self.tr("正在上传记录"),
            "pull": self.tr("正在下载更新"),
            "photos_down": self.tr("正在下载照片"),
            "done": self.tr("同步完成"),
        }.get(phase, phase)

    def wait_text(self, seconds: int) -> str:
        """ "45 秒" or "3 分钟"."""
        if seconds < 120:
            return self.tr("{0} 秒").format(seconds)
        return self.tr("{0} 分钟").format(round(seconds / 60))

    def time_text(self, finished_at: str) -> str:
        """A stored UTC time as local "11月22日 14:05" (the year too if not this year)."""
        try:
            moment = dt.datetime.fromisoformat(finished_at).astimezone()
        except ValueError:
            return finished_at
        same_year = moment.year == dt.datetime.now().astimezone().year
        fmt = self.tr("M月d日 HH:mm") if same_year else self.tr("yyyy年M月d日 HH:mm")
        stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
        return QLocale.c().toString(stamp, fmt)
