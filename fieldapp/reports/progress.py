"""Progress and cancellation for long report work, and the errors this layer raises.

The app passes ``progress(done, total, text)`` and ``cancel() -> bool`` (e.g. the bound
methods of :class:`fieldapp.ui.ops.Progress`); the work calls :meth:`Steps.step` between
stages, which reports and raises :class:`ReportCancelled` once cancel says so.
"""

from __future__ import annotations

from collections.abc import Callable

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

__all__ = ["PackageError", "ReportCancelled", "Steps"]


class ReportCancelled(FieldappError):
    """The user cancelled; nothing was written (a half-written output file is removed)."""

    def __init__(self) -> None:
        super().__init__(Text("已取消", "Cancelled"))


class PackageError(FieldappError):
    """A handoff package is damaged, altered or unsafe; nothing of it was imported."""


class Steps:
    """Counts stages of one piece of work, reporting each and checking for cancel."""

    def __init__(
        self,
        progress: Callable[[int, int, str], None] | None,
        cancel: Callable[[], bool] | None,
        *,
        total: int,
    ) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = total
        self.done = 0

    def check(self) -> None:
        """Raise ReportCancelled if the user asked to cancel."""
        if self._cancel is not None and self._cancel():
            raise ReportCancelled

    def step(self, text: Text | None = None) -> None:
        """One stage done: check for cancel, then report (Chinese / English text)."""
        self.check()
        self.done = min(self.done + 1, self.total)
        if self._progress is not None:
            self._progress(self.done, self.total, text.both() if text else "")

    def finish(self, text: Text | None = None) -> None:
        """The work is done: report ``total`` of ``total``."""
        self.done = self.total - 1
        self.step(text)
