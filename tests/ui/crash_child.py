"""Child process of the crash test: the app's form path on a data dir, editing fast.

Opens (or reopens) the one draft checklist of the data dir through the same writer and
FormController the app uses, then changes integer answers as fast as the event loop allows,
each value larger than any before it. Every answer acknowledged as saved (已保存) is printed
as "SAVED name value", flushed at once. The parent kills this process at random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import fieldapp.ui  # noqa: F401
from fieldapp.core.forms import builtin_form
from fieldapp.store.form_session import FormSession
from fieldapp.ui.form_controller import FormController
from fieldapp.ui.writer import Writer

QUESTIONS = ("population", "households", "estates", "buildings", "children_0_3", "children_3_6")


def main() -> int:
    data_dir = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    writer = Writer(data_dir)
    form = builtin_form("complete_community")
    state: dict[str, object] = {}

    def prepare(store):  # type: ignore[no-untyped-def]
        communities = store.communities()
        if not communities:
            project = store.create_project("崩溃测试")
            community = store.create_community(project.id, "崩溃测试社区")
            return FormSession.start(store, form, community.id).submission
        return store.submissions(communities[0].id)[0]

    def ready(submission) -> None:  # type: ignore[no-untyped-def]
        controller = FormController(writer, form, submission)
        controller.answer_saved.connect(
            lambda name, _i, value: print(f"SAVED {name} {value}", flush=True)
        )
        state["controller"] = controller
        start = 1 + max(
            (v for v in controller.state.answers().values() if isinstance(v, int)), default=0
        )
        state["n"] = start
        timer = QTimer(app)
        timer.timeout.connect(edit)
        timer.start(0)
        state["timer"] = timer

    def edit() -> None:
        controller = state["controller"]
        if writer.pending > 20:
            return  # the hand is faster than the disk: let the writer catch up
        n = int(state["n"])  # type: ignore[arg-type]
        name = QUESTIONS[n % len(QUESTIONS)]
        refused = controller.set_answer(name, n)  # type: ignore[attr-defined]
        assert refused is None, refused
        state["n"] = n + 1

    writer.opened.connect(lambda: writer.submit(prepare, on_success=ready))
    writer.start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
