"""Killing the app (SIGKILL) during rapid editing loses no answer shown as saved, and the
database stays sound — twenty times over, on the same data dir."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 20


def _run_and_kill(data_dir: Path, rng: random.Random) -> list[tuple[str, int]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    acked: list[tuple[str, int]] = []
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first acknowledged answer: editing is under way
    assert first.startswith("SAVED"), first
    acked.append((first.split()[1], int(first.split()[2])))
    time.sleep(rng.uniform(0.0, 0.4))
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=20)
    for line in rest.splitlines():
        if line.startswith("SAVED"):
            _, name, value = line.split()
            acked.append((name, int(value)))
    return acked


def test_kill_during_rapid_editing_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(3)
    total = 0
    for _ in range(KILLS):
        acked = _run_and_kill(data_dir, rng)
        total += len(acked)
        db = sqlite3.connect(data_dir / "fieldapp.db")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {
                q: int(v)
                for q, v in db.execute("SELECT question, value FROM answers WHERE deleted = 0")
            }
        finally:
            db.close()
        for name, value in acked:
            # Values only grow, so the stored one is the acknowledged one or a later one.
            assert stored.get(name, -1) >= value, (name, value, stored.get(name))
    assert total > KILLS * 2
