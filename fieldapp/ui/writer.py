"""The one writer (STYLE.md point 3): a thread that owns the Store and its write connection.

Every database write of the app is a job ``fn(store)`` submitted here; jobs run one at a time,
in the order submitted, and each result (or error) is delivered on the main thread. Each Store
method commits before it returns, so a job's on_success means "on disk" — the moment the UI
may show 已保存. Reads happen beside it on read-only connections (WAL lets them proceed while
the writer works): :meth:`Writer.reader` on the main thread for small look-ups, and
:meth:`Writer.new_reader` inside ops for anything big.
"""

from __future__ import annotations

import itertools
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from fieldapp.core.errors import FieldappError

if TYPE_CHECKING:
    from fieldapp.store import Store

Job = Callable[["Store"], Any]


class _Box:
    """Carries a value through a queued signal (PySide6 mishandles a bare None there)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


_STOP = object()


def read_only_store(path: Path, device_id: str) -> Store:
    """A Store over a read-only connection: its query methods work, any write is refused."""
    from fieldapp.core.clock import HybridLogicalClock
    from fieldapp.core.ids import new_uuid7
    from fieldapp.store import Store
    from fieldapp.store.database import open_reader

    db = open_reader(path)
    return Store(
        db,
        path=path,
        clock=HybridLogicalClock(device_id),
        new_id=new_uuid7,
        migration=None,  # type: ignore[arg-type]
    )


class Writer(QObject):
    """Owns the Store in one thread; runs submitted jobs in order; reports on the main thread.

    ``inline=True`` (tests, benchmarks) runs every job at once on the calling thread.
    """

    opened = Signal()
    open_failed = Signal(object)
    pending_changed = Signal(int)
    _job_done = Signal(int, object)
    _job_failed = Signal(int, object)
    _open_result = Signal(object)

    def __init__(self, data_dir: Path | str | None, *, inline: bool = False) -> None:
        super().__init__()
        # None or "": resolved in the writer thread (--data-dir, $FIELDAPP_DATA_DIR, the
        # platform's default), so that importing the store never delays the first paint.
        self.requested_dir = str(data_dir) if data_dir else None
        self.data_dir = Path(data_dir) if data_dir else Path()
        self.inline = inline
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._reader: Store | None = None
        self._open_error: BaseException | None = None
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable | None]] = {}
        self._ids = itertools.count(1)
        self.pending = 0
        self.is_open = False
        self.device_id = ""
        self.path: Path | None = None
        self._job_done.connect(self._deliver_result)
        self._job_failed.connect(self._deliver_error)
        self._open_result.connect(self._on_open_result)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        """Open the store (in the writer thread); ``opened`` or ``open_failed`` follows."""
        if self.inline:
            self._on_open_result(_Box(self._open()))
            return
        # A save must not wait out CPython's default 5 ms GIL switch interval behind UI
        # work on the main thread: a keystroke is to be on disk well within a frame.
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self._thread = threading.Thread(target=self._run, name="fieldapp-writer", daemon=True)
        self._thread.start()

    def _open(self) -> BaseException | None:
        try:
            from fieldapp.store import Store
            from fieldapp.store.paths import resolve_data_dir

            self.data_dir = resolve_data_dir(self.requested_dir)
            self._store = Store.open(self.data_dir)
        except BaseException as exc:
            return exc
        return None

    def _run(self) -> None:
        self._open_result.emit(_Box(self._open()))
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            job_id, fn = item
            self._execute(job_id, fn)
        if self._store is not None:
            self._store.close()
            self._store = None

    def _execute(self, job_id: int, fn: Job) -> None:
        try:
            if self._store is None:
                raise self._open_error or RuntimeError("store is not open")
            result = fn(self._store)
        except BaseException as exc:
            if not isinstance(exc, FieldappError):
                exc.add_note(traceback.format_exc())
            self._job_failed.emit(job_id, _Box(exc))
        else:
            self._job_done.emit(job_id, _Box(result))

    @Slot(object)
    def _on_open_result(self, box: _Box) -> None:
        error = box.value
        if error is not None:
            self._open_error = error
            self.open_failed.emit(error)
            return
        assert self._store is not None
        self.device_id = self._store.device_id
        self.path = self._store.path
        self.is_open = True
        self.opened.emit()

    def close(self) -> None:
        """Finish the queued writes, then close the write connection and the readers."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join()
            self._thread = None
        elif self._store is not None:
            self._store.close()
            self._store = None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self.is_open = False

    # -- jobs ------------------------------------------------------------------------------
    def submit(
        self,
        fn: Job,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Queue ``fn(store)``; its result goes to ``on_success`` on the main thread."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_failure)
        self.pending += 1
        self.pending_changed.emit(self.pending)
        if self.inline or self._thread is None:
            self._execute(job_id, fn)
        else:
            self._queue.put((job_id, fn))

    @Slot(int, object)
    def _deliver_result(self, job_id: int, box: _Box) -> None:
        result = box.value
        on_success, _ = self._callbacks.pop(job_id, (None, None))
        self._settle()
        if on_success is not None:
            on_success(result)

    @Slot(int, object)
    def _deliver_error(self, job_id: int, box: _Box) -> None:
        exc = box.value
        _, on_failure = self._callbacks.pop(job_id, (None, None))
        self._settle()
        if on_failure is None:
            raise exc
        on_failure(exc)

    def _settle(self) -> None:
        self.pending -= 1
        self.pending_changed.emit(self.pending)

    # -- readers ---------------------------------------------------------------------------
    def reader(self) -> Store:
        """The main thread's read-only Store (small, fast look-ups only)."""
        if self._reader is None:
            self._reader = self.new_reader()
        return self._reader

    def new_reader(self) -> Store:
        """A new read-only Store for an op's thread; the caller closes it."""
        if self.path is None:
            raise self._open_error or RuntimeError("store is not open")
        return read_only_store(self.path, self.device_id)
