"""Store figures: the latency of saving one answer, committed, in a realistically full database.

A surveyor's answer must survive a battery dying mid-form, so the store commits every save
with ``synchronous=FULL``. This measures what that costs on the disk at hand, and the same
with ``NORMAL`` (durable across an app crash, but the last commits may be lost on power
loss) for comparison — the comparison is information, not an invitation to weaken FULL.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from fieldapp.store.records import AnswerInput
from fieldapp.store.store import Store

ANSWERS_IN_DATABASE = 10_000
SAMPLES = 2_000
WARM_UP = 100
MEDIAN_TARGET_MS = 2.0
P99_TARGET_MS = 10.0


def _fill(store: Store) -> list[str]:
    """Hold 10,000 answers: 100 questionnaires of 100 answers, as in a busy community."""
    project = store.create_project("2026 年 XX 区社区体检（基准）")
    community = store.create_community(project.id, "基准社区", households=3200)
    store.register_form("bench_survey", "1", "questionnaire", "基准问卷", None, "form: {}\n")
    submissions = []
    per_submission = 100
    for s in range(ANSWERS_IN_DATABASE // per_submission):
        submission = store.create_submission(community.id, "bench_survey", "1", surveyor="基准")
        submissions.append(submission.id)
        store.save_answers(
            submission.id,
            [
                AnswerInput(f"q{q:03d}", {"选项": q % 5, "备注": f"第 {s} 份问卷"})
                for q in range(per_submission)
            ],
        )
    assert store.counts()["answers"] == ANSWERS_IN_DATABASE
    return submissions


def _save_latencies(store: Store, submissions: list[str], rng: random.Random) -> list[float]:
    """Milliseconds per save_answer: mostly changed values, every fourth a new question."""
    times = []
    for n in range(WARM_UP + SAMPLES):
        submission = rng.choice(submissions)
        question = f"extra_{n:05d}" if n % 4 == 0 else f"q{rng.randrange(100):03d}"
        value = {"选项": rng.randrange(1000), "备注": "现场核对"}  # always a real change
        started = time.perf_counter()
        store.save_answer(submission, question, value)
        elapsed = (time.perf_counter() - started) * 1000
        if n >= WARM_UP:
            times.append(elapsed)
    return times


def _p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[98]


def run() -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, ok) rows, as ``python -m bench`` prints them."""
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        with Store.open(data_dir) as store:
            submissions = _fill(store)
        started = time.perf_counter()
        store = Store.open(data_dir)
        open_ms = (time.perf_counter() - started) * 1000
        try:
            full = _save_latencies(store, submissions, rng)
            store.database.execute("PRAGMA synchronous = NORMAL")  # comparison only
            normal = _save_latencies(store, submissions, rng)
        finally:
            store.close()
    full_median, full_p99 = statistics.median(full), _p99(full)
    normal_median, normal_p99 = statistics.median(normal), _p99(normal)
    figure = "save one answer, committed (10,000 answers in db)"
    return [
        (
            f"{figure}, synchronous=FULL: median",
            f"{full_median:.2f} ms",
            f"≤ {MEDIAN_TARGET_MS:g} ms",
            full_median <= MEDIAN_TARGET_MS,
        ),
        (
            f"{figure}, synchronous=FULL: p99",
            f"{full_p99:.2f} ms",
            f"≤ {P99_TARGET_MS:g} ms",
            full_p99 <= P99_TARGET_MS,
        ),
        (f"{figure}, NORMAL (comparison): median", f"{normal_median:.2f} ms", "(info)", True),
        (f"{figure}, NORMAL (comparison): p99", f"{normal_p99:.2f} ms", "(info)", True),
        ("open store (10,000 answers, incl. quick_check)", f"{open_ms:.1f} ms", "(info)", True),
    ]


if __name__ == "__main__":
    for name, measured, target, ok in run():
        print(f"{name:<80} {measured:>9}  target {target:<8} {'ok' if ok else 'MISSED'}")
