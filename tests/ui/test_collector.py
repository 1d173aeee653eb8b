"""Garbage collection happens on the main thread only (Qt objects die where they live)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from fieldapp.ui.collector import collect_on_main_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.obj = QObject()


def test_cycles_are_collected_on_the_main_thread(qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    collect_on_main_thread(qapp)
    assert not gc.isenabled()
    threads: set[str] = set()
    gc.callbacks.append(lambda phase, _info: threads.add(threading.current_thread().name))
    try:

        def churn() -> None:  # a worker thread making plenty of cyclic garbage
            for _ in range(20_000):
                _Cycle()

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in threads  # nothing collected there
        assert gc.get_count()[0] > gc.get_threshold()[0]  # a collection is due
        qtbot.waitUntil(lambda: "MainThread" in threads, timeout=3000)
        assert threads == {"MainThread"}
    finally:
        gc.callbacks.pop()
