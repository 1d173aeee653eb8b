"""The Qt binding we ship keeps Python's reference counts intact.

PySide6 6.12 on Python 3.11 returns None/True/False from void calls and Signal.emit()
without taking a reference; after a few thousand calls the interpreter aborts. This runs
the calls an app makes all day in a child process and fails if it dies.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Emitter(QObject):
    fired = Signal(int)

app = QApplication([])
label = QLabel()
emitter = Emitter()
for i in range(30000):
    app.processEvents()
    label.setText(str(i % 7))
    emitter.fired.emit(i)
print("ok")
"""


def test_many_void_calls_and_emits_do_not_crash_the_interpreter() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
