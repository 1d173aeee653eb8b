"""Importing photos from the UI: the pipeline run as writer jobs, progress and cancel on the
main thread.

``import_photos`` writes through the store it is given, so it runs on the writer thread; it
decodes in worker processes (fieldapp/photos/workers.py), so neither the writer's queue nor the UI waits on Pillow.
A big import (a camera card) is cut into chunks, one writer job each, submitted one after
the other: an answer typed meanwhile is queued between two chunks and saved within a second
or two instead of after the whole card, and each chunk's photos show up as it lands. Chunks
are sized to take about CHUNK_SECONDS on the machine at hand (each ends with one worker
idle for a moment, so they are not made smaller than that).

The photo pipeline (and Pillow) is imported inside the jobs, on the writer thread, so the
first import never stalls the UI with module loading.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from fieldapp.core.i18n import Text

if TYPE_CHECKING:
    from fieldapp.photos import ImportResult, PhotoSettings
    from fieldapp.store.records import Photo
    from fieldapp.store.store import Store
    from fieldapp.ui.ops import OpRunner, Progress
    from fieldapp.ui.settings import Settings
    from fieldapp.ui.writer import Writer

# Files per writer job: the first chunk is small (quick first results, unknown speed); the
# next ones take about CHUNK_SECONDS each, the longest a queued answer then waits.
FIRST_CHUNK = 4
CHUNK_SECONDS = 1.5
CHUNK_RANGE = (4, 16)

CANCELLED = Text("已取消，未导入。", "Cancelled; not imported.")
NO_PHOTOS = Text("所选位置没有照片文件。", "No photo files were found there.")

# Imports in progress: held here so one outlives the widget that started it (its writer
# job still reports to it) until it has finished.
_RUNNING: set[PhotoImport] = set()


@dataclass(frozen=True, slots=True)
class PhotoTarget:
    """Where imported photos go: a community, and optionally a problem or one answer
    (submission, photo question and repeat instance) they are linked to."""

    community_id: str
    problem_id: str | None = None
    submission_id: str | None = None
    question: str | None = None
    instance: str = ""


@dataclass(frozen=True, slots=True)
class PhotoOptions:
    """The photo settings the user chooses (read on the main thread; the pipeline's
    PhotoSettings is built from them on the writer thread)."""

    long_edge: int = 2560
    keep_original: bool = True
    stamp_on_import: bool = False

    def build(self) -> PhotoSettings:
        """The pipeline's settings (imports the pipeline: call off the UI thread)."""
        from fieldapp.photos import PhotoSettings

        return PhotoSettings(
            long_edge=self.long_edge,
            keep_original=self.keep_original,
            stamp_on_import=self.stamp_on_import,
        )


@dataclass(slots=True)
class PhotoContext:
    """What every photo widget needs: the writer, the op runner, the user's photo options
    and the surveyor's name (for evidence stamps)."""

    writer: Writer
    ops: OpRunner
    options: Callable[[], PhotoOptions] = PhotoOptions
    surveyor: Callable[[], str] = lambda: ""

    @classmethod
    def for_settings(cls, writer: Writer, ops: OpRunner, settings: Settings) -> PhotoContext:
        """The context of the app: options and surveyor read from the settings when used."""
        return cls(
            writer,
            ops,
            options=lambda: PhotoOptions(
                long_edge=settings.photo_long_edge,
                keep_original=settings.photo_keep_original,
                stamp_on_import=settings.photo_stamp_on_import,
            ),
            surveyor=lambda: settings.surveyor,
        )


@dataclass(slots=True)
class ImportSummary:
    """How an import went: one pipeline result per file, or the error that stopped it."""

    results: list[ImportResult] = field(default_factory=list)
    error: BaseException | None = None

    def _with(self, status: str) -> list[ImportResult]:
        return [r for r in self.results if r.status == status]

    @property
    def imported(self) -> list[ImportResult]:
        """Files stored as new photos."""
        return self._with("imported")

    @property
    def duplicates(self) -> list[ImportResult]:
        """Files whose photo was already there (linked all the same)."""
        return self._with("duplicate")

    @property
    def refused(self) -> list[ImportResult]:
        """Files refused, each with the pipeline's reason."""
        return self._with("error")

    @property
    def cancelled(self) -> list[ImportResult]:
        """Files not reached because the user cancelled."""
        return self._with("cancelled")

    @property
    def photos(self) -> list[Photo]:
        """The stored photos, in input order, each once."""
        seen: dict[str, Photo] = {}
        for r in self.results:
            if r.ok and r.photo is not None:
                seen.setdefault(r.photo.id, r.photo)
        return list(seen.values())


class PhotoImport(QObject):
    """One import: folders expanded in an op, then the files imported chunk by chunk as
    writer jobs. ``progressed`` follows every file, ``chunk_done`` hands over each chunk's
    photos, ``finished`` the summary; :meth:`cancel` stops at the next file (photos already
    stored stay, nothing of the file in flight is left)."""

    progressed = Signal(int, int, str)  # done, total, file name
    chunk_done = Signal(object)  # list[Photo]
    finished = Signal(object)  # ImportSummary
    _file_done = Signal(object)  # ImportResult, from the writer thread

    def __init__(
        self,
        ctx: PhotoContext,
        inputs: Sequence[str | os.PathLike[str]],
        target: PhotoTarget,
        *,
        cleanup: Sequence[Path] = (),
        chunk: int = FIRST_CHUNK,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.inputs = [os.fspath(p) for p in inputs]
        self.target = target
        self.cleanup = list(cleanup)
        self.chunk = max(1, chunk)
        self.files: list[str] = []
        self.summary = ImportSummary()
        self.done = 0
        self.running = False
        self._next = 0
        self._started = 0.0
        self._stop = threading.Event()
        self._options = ctx.options()
        self._surveyor = ctx.surveyor() or None
        self._file_done.connect(self._relay_file)

    @property
    def total(self) -> int:
        """Files to import (0 until folders are expanded)."""
        return len(self.files)

    def start(self) -> PhotoImport:
        """Expand folders off the UI thread, then start importing."""
        self.running = True
        _RUNNING.add(self)
        inputs = self.inputs

        def expand(_progress: Progress) -> list[str]:
            from fieldapp.photos import expand_inputs

            return expand_inputs(inputs)

        self.ctx.ops.run(expand, on_success=self._expanded, on_failure=self._failed)
        return self

    def cancel(self) -> None:
        """Stop at the next file; what is stored stays."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self._stop.is_set()

    def _expanded(self, files: list[str]) -> None:
        self.files = files
        if not files:
            from fieldapp.core.errors import FieldappError

            self._failed(FieldappError(NO_PHOTOS))
            return
        self.progressed.emit(0, len(files), "")
        self._submit_next()

    def _submit_next(self) -> None:
        if self._stop.is_set() or self._next >= len(self.files):
            self._finish()
            return
        chunk = self.files[self._next : self._next + self.chunk]
        self._next += len(chunk)
        self._started = time.perf_counter()
        target, options, surveyor = self.target, self._options, self._surveyor
        stop, report = self._stop, self._file_done

        def job(store: Store) -> list[ImportResult]:
            from fieldapp.photos import import_photos

            return import_photos(
                store,
                chunk,
                community_id=target.community_id,
                problem_id=target.problem_id,
                submission_id=target.submission_id,
                question=target.question,
                instance=target.instance,
                settings=options.build(),
                surveyor=surveyor,
                progress=lambda _done, _total, result: report.emit(result),
                cancel=stop.is_set,
            )

        self.ctx.writer.submit(job, on_success=self._chunk_stored, on_failure=self._failed)

    @Slot(object)
    def _relay_file(self, result: ImportResult) -> None:
        if result.status == "cancelled":
            return
        self.done += 1
        self.progressed.emit(self.done, len(self.files), Path(result.file).name)

    def _chunk_stored(self, results: list[ImportResult]) -> None:
        per_file = (time.perf_counter() - self._started) / max(1, len(results))
        low, high = CHUNK_RANGE
        self.chunk = min(high, max(low, round(CHUNK_SECONDS / max(per_file, 1e-3))))
        self.summary.results += [r for r in results if r.status != "cancelled"]
        photos = [r.photo for r in results if r.ok and r.photo is not None]
        if photos:
            self.chunk_done.emit(photos)
        self._submit_next()

    def _failed(self, exc: BaseException) -> None:
        self.summary.error = exc
        self._finish()

    def _finish(self) -> None:
        if not self.running:
            return
        self.running = False
        _RUNNING.discard(self)
        from fieldapp.photos import ImportResult

        reached = {r.file for r in self.summary.results}
        self.summary.results += [
            ImportResult(f, "cancelled", error=CANCELLED) for f in self.files if f not in reached
        ]
        for path in self.cleanup:  # pasted and captured images: the pipeline has its copy
            with contextlib.suppress(OSError):
                path.unlink()
            with contextlib.suppress(OSError):
                path.parent.rmdir()  # their private temporary folder, once empty
        self.finished.emit(self.summary)


def summary_counts(summary: ImportSummary) -> dict[str, int]:
    """How many files ended each way (imported, duplicate, error, cancelled)."""
    counts = dict.fromkeys(("imported", "duplicate", "error", "cancelled"), 0)
    for r in summary.results:
        counts[r.status] = counts.get(r.status, 0) + 1
    return counts
