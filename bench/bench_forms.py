"""Form engine figures: loading forms and re-evaluating after one answer (issue: foundation)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.forms_gen import generate_large_form
from fieldapp.core.forms import FormState, load_form_text
from fieldapp.core.forms.builtin import builtin_form_files


def _median_ms(fn: Callable[[], object], *, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run() -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, ok) rows."""
    files = builtin_form_files()

    def load_builtin() -> None:
        for name, text in files:
            load_form_text(text, path=name)

    builtin_ms = _median_ms(load_builtin, repeat=15)
    big_text = generate_large_form(questions=1000, expressions=300)
    big_ms = _median_ms(lambda: load_form_text(big_text, path="generated.yaml"), repeat=7)
    form = load_form_text(big_text, path="generated.yaml")
    expressions = sum(
        1 for q in form.questions for e in (q.relevant, q.calculate, q.constraint) if e is not None
    )
    state = FormState(form)
    # The most-read integer question: its change fans out furthest.
    readers = form.graph.readers if form.graph else {}
    hub = max(
        (q for q in form.questions if q.type.value == "integer" and q.is_input),
        key=lambda q: len(form.graph.affected(q.name)) if form.graph else 0,
    )
    values = iter(range(10**9))
    change_times = []
    for _ in range(300):
        started = time.perf_counter()
        state.set_answer(hub.name, next(values) % 40)
        change_times.append((time.perf_counter() - started) * 1000)
    change_ms = statistics.median(change_times)
    fanout = len(form.graph.affected(hub.name)) if form.graph else 0
    return [
        (
            "load and validate all built-in forms (median)",
            f"{builtin_ms:.1f} ms",
            "≤ 100 ms",
            builtin_ms <= 100,
        ),
        (
            f"load generated form: {len(form.answerable)} questions, {expressions} expressions",
            f"{big_ms:.1f} ms",
            "≤ 300 ms",
            big_ms <= 300,
        ),
        (
            f"re-evaluate after one changed answer ({fanout} dependents, median)",
            f"{change_ms:.3f} ms",
            "≤ 5 ms",
            change_ms <= 5,
        ),
        (
            "  same, p99",
            f"{sorted(change_times)[int(len(change_times) * 0.99) - 1]:.3f} ms",
            "(info)",
            True,
        ),
        (
            "  questions reading others (graph edges)",
            f"{sum(len(v) for v in readers.values())}",
            "(info)",
            True,
        ),
    ]
