"""The one way to run work off the UI thread (Anki's CollectionOp, Picard's run_task).

``OpRunner.run(fn, on_success=..., on_failure=...)`` runs ``fn(progress)`` in a thread pool and
calls ``on_success(result)`` or ``on_failure(exc)`` on the main thread. ``fn`` may report
progress and should look at ``progress.cancelled`` (or call ``progress.check()``) now and
then; an op never touches a widget. Tests inject :class:`InlinePool` so ops run at once, in
order, on the calling thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text


class Cancelled(FieldappError):
    """Raised inside an op by :meth:`Progress.check` once the user asked to cancel."""

    def __init__(self) -> None:
        super().__init__(Text("已取消", "Cancelled"))


class Progress:
    """Handed to an op's function: report progress and see whether cancel was asked."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Tell the UI how far the op is (``total`` 0 means unknown)."""
        self._emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        """Whether the user asked to cancel."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to cancel."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        """Ask the op to stop at its next check."""
        self._cancel.set()


class _Box:
    """Carries a value through a queued signal (PySide6 mishandles a bare None there)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class Pool(Protocol):
    """What OpRunner needs of a thread pool (QThreadPool, or InlinePool in tests)."""

    def start(self, runnable: QRunnable) -> None: ...


class InlinePool:
    """A pool that runs each op at once on the calling thread (tests, benchmarks)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()


class OpHandle(QObject):
    """One running op: its progress, its outcome, and cancel().

    The worker thread emits the private signals; they reach this object's slots on the main
    thread (it lives there), which call the op's callbacks.
    """

    progressed = Signal(int, int, str)
    done = Signal()
    _progress = Signal(int, int, str)
    _result = Signal(object)
    _error = Signal(object)

    def __init__(
        self,
        *,
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        finish: Callable[[OpHandle], None],
    ) -> None:
        super().__init__()
        self.progress = Progress(self._progress.emit)
        self.finished = False
        self._on_success = on_success
        self._on_failure = on_failure
        self._finish = finish
        self._progress.connect(self._relay_progress)
        self._result.connect(self._relay_result)
        self._error.connect(self._relay_error)

    def cancel(self) -> None:
        """Ask the op to stop; its on_failure receives Cancelled if it does."""
        self.progress.cancel()

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _relay_result(self, box: _Box) -> None:
        result = box.value
        self.finished = True
        self._finish(self)
        self.done.emit()
        if self._on_success is not None:
            self._on_success(result)

    @Slot(object)
    def _relay_error(self, box: _Box) -> None:
        exc = box.value
        self.finished = True
        self._finish(self)
        self.done.emit()
        if self._on_failure is None:
            raise exc
        self._on_failure(exc)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], handle: OpHandle) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self._handle = handle

    def run(self) -> None:
        try:
            result = self._fn(self._handle.progress)
        except BaseException as exc:
            # Delivered to the main thread, where on_failure decides how to show it.
            if not isinstance(exc, FieldappError):
                exc.add_note(traceback.format_exc())
            self._handle._error.emit(_Box(exc))
        else:
            self._handle._result.emit(_Box(result))


class OpRunner(QObject):
    """Runs ops in a pool and delivers their results on the main thread."""

    def __init__(
        self,
        pool: Pool | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__()
        self._pool: Pool = pool if pool is not None else QThreadPool.globalInstance()
        self._on_error = on_error
        self._running: dict[OpHandle, _Runnable] = {}

    @property
    def pool(self) -> Pool:
        """The pool ops run in."""
        return self._pool

    def set_error_handler(self, handler: Callable[[BaseException], None]) -> None:
        """What shows an op's failure when the op gave no on_failure."""
        self._on_error = handler

    def run(
        self,
        fn: Callable[[Progress], Any],
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> OpHandle:
        """Run ``fn(progress)`` off the UI thread; callbacks run on the main thread."""
        handle = OpHandle(
            on_success=on_success, on_failure=on_failure or self._on_error, finish=self._forget
        )
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        runnable = _Runnable(fn, handle)
        self._running[handle] = runnable
        self._pool.start(runnable)
        return handle

    def _forget(self, handle: OpHandle) -> None:
        self._running.pop(handle, None)

    @property
    def busy(self) -> bool:
        """Whether an op is still running."""
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> None:
        """Wait for the pool's threads (closing the app)."""
        if isinstance(self._pool, QThreadPool):
            self._pool.waitForDone(msecs)
