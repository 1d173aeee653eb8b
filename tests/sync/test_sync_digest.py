"""The digest of converged devices is equal even when their rows have different ids.

Answers are matched by natural key, so the same answer has a different row id on each
device; two answers saved in one transaction share one clock stamp. Ordered by (hlc, id),
such rows could come out in a different order on each device — the digest must not care.
"""

from __future__ import annotations

import time
from pathlib import Path

from server_testkit import seed

from fieldapp.core.clock import HybridLogicalClock
from fieldapp.store import Store


def test_digest_ignores_row_order_of_natural_key_rows(tmp_path: Path) -> None:
    a = Store.open(tmp_path / "a")
    # B's wall clock runs an hour behind: its later edit carries an earlier stamp.
    slow = HybridLogicalClock("device-b", wall_ms=lambda: int(time.time() * 1000) - 3_600_000)
    b = Store.open(tmp_path / "b", clock=slow)
    try:
        s = seed(a, answers=0)
        b.apply_changes(a.collect_changes())
        a.mark_shared(a.collect_changes())
        a.save_answers(s.submission_id, [("x", 1), ("y", 2)])  # one transaction, one stamp
        b.save_answer(s.submission_id, "x", 1)  # same value, a newer id, an older stamp
        a.apply_changes(b.collect_changes(dirty_only=True))
        b.apply_changes(a.collect_changes(dirty_only=True))
        assert a.answers(s.submission_id) == b.answers(s.submission_id)
        ids_a = {r.question: r.id for r in a.answer_rows(s.submission_id)}
        ids_b = {r.question: r.id for r in b.answer_rows(s.submission_id)}
        assert ids_a["x"] != ids_b["x"]  # the same answer, two row ids
        assert a.digest() == b.digest()
    finally:
        a.close()
        b.close()
