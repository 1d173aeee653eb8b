"""Python's cyclic garbage collector, run on the main thread only.

Qt objects must be destroyed on the thread that owns them. Python collects cycles on
whatever thread happens to allocate when a threshold is crossed — the writer, an op, a
sync — and a cycle holding a Qt wrapper collected there can crash the app (seen: a
segmentation fault while the writer thread was garbage-collecting during a report).
So in the app automatic collection is off, and a timer on the main thread collects the
generations that are due, as the thresholds would have. Reference counting still frees
everything else at once, on any thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

__all__ = ["collect_on_main_thread"]

INTERVAL_MS = 200


class _MainThreadCollector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("fieldapp_gc")
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations due by the usual thresholds; the objects found."""
        (count0, count1, count2), (limit0, limit1, limit2) = gc.get_count(), self._thresholds
        if count0 <= limit0:
            return 0
        generation = 0
        if count1 >= limit1:
            generation = 2 if count2 >= limit2 else 1
        return gc.collect(generation)


def collect_on_main_thread(app: QCoreApplication) -> None:
    """Turn automatic garbage collection off and collect on ``app``'s thread (once per app)."""
    if app.findChild(_MainThreadCollector, "fieldapp_gc") is None:
        _MainThreadCollector(app)
