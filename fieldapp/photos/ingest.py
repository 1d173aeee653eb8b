"""Importing photo files into a store: processed in parallel, committed one by one.

Workers (processes, see workers.py) read, decode and normalise each file and stage its files under temporary
names in the photos folder. The calling thread — the one that owns the store's write
connection — then commits each photo in input order: renames its staged files into place and
writes its row (and its link to a problem) in one transaction. Any failure removes what that
photo created, so a refused file or a full disk leaves neither a row nor a file behind, and
the other files of the batch are imported regardless.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text
from fieldapp.photos.decode import normalise, read_source
from fieldapp.photos.errors import PhotoError
from fieldapp.photos.files import commit_staged, discard, stage, sweep_temp_files, thumbnail_path
from fieldapp.photos.settings import PhotoSettings
from fieldapp.photos.workers import photo_executor, photo_processes
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.store.store import Store

__all__ = ["ImportResult", "ImportStatus", "import_photos"]

ImportStatus = Literal["imported", "duplicate", "error", "cancelled"]
Progress = Callable[[int, int, "ImportResult"], None]

CANCELLED = Text("已取消，未导入。", "Cancelled; not imported.")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one input file. ``photo`` is the stored (or already present) photo
    for "imported" and "duplicate"; ``error`` the reason for "error" and "cancelled";
    ``notes`` are things the user should know about an imported photo (damaged EXIF…)."""

    file: str
    status: ImportStatus
    photo: Photo | None = None
    error: Text | None = None
    notes: tuple[Text, ...] = ()
    stamped: Path | None = None

    @property
    def ok(self) -> bool:
        """Imported or already present."""
        return self.status in ("imported", "duplicate")

    def to_json(self) -> dict[str, Any]:
        """The object ``fieldapp photos import --json`` prints for this file."""
        if self.photo is None or not self.ok:
            reason = self.error.both() if self.error else ""
            return {"file": self.file, "status": self.status, "error": reason}
        p = self.photo
        return {
            "file": self.file,
            "status": self.status,
            "sha256": p.sha256,
            "width": p.width,
            "height": p.height,
            "taken_at": p.taken_at,
            "lat": p.lat,
            "lon": p.lon,
        }


@dataclass(slots=True)
class _Staged:
    """A processed file: its facts, and its files waiting under temporary names."""

    original_sha256: str
    sha256: str = ""
    width: int = 0
    height: int = 0
    size: int = 0
    taken_at: str | None = None
    lat: float | None = None
    lon: float | None = None
    notes: tuple[Text, ...] = ()
    keeps_original: bool = False
    files: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary, final)

    def discard(self) -> None:
        discard(temp for temp, _ in self.files)
        self.files.clear()


def _process(
    path: Path, settings: PhotoSettings, data_dir: Path, known_originals: frozenset[str]
) -> _Staged:
    """Worker: read, normalise and stage one file (raises PhotoError when refused)."""
    data = read_source(path, settings)
    original = hashlib.sha256(data).hexdigest()
    if original in known_originals:  # the same camera file again: skip the decoding
        return _Staged(original)
    photo = normalise(data, settings)
    staged = _Staged(
        original,
        photo.sha256,
        photo.width,
        photo.height,
        len(photo.jpeg),
        photo.taken_at,
        photo.lat,
        photo.lon,
        photo.notes,
        keeps_original=settings.keep_original,
    )
    wanted = [
        (photo_path(data_dir, photo.sha256), photo.jpeg, True),
        # A thumbnail is a cache rebuilt from the photo, so it is not worth a flush.
        (thumbnail_path(data_dir, photo.sha256), photo.thumbnail, False),
    ]
    if settings.keep_original and original != photo.sha256:
        wanted.append((photo_path(data_dir, original), data, True))
    try:
        for target, content, durable in wanted:
            if not target.exists():
                staged.files.append((stage(target, content, durable=durable), target))
    except BaseException:
        staged.discard()
        raise
    return staged


_swept: set[Path] = set()


def _sweep_once(data_dir: Path) -> None:
    """Remove a crash's leftover temporary files, once per data directory and process (the
    walk visits every photo file, too slow to repeat for each camera capture)."""
    if data_dir not in _swept:
        _swept.add(data_dir)
        sweep_temp_files(data_dir)


def _failure(exc: BaseException) -> Text:
    if isinstance(exc, FieldappError):
        return exc.text
    if isinstance(exc, BrokenExecutor):
        return Text(
            "处理照片的进程意外退出（文件可能触发了解码器故障），未导入；可再试一次。",
            "The process handling the photo stopped unexpectedly (the file may have crashed "
            "the decoder); not imported. You can try again.",
        )
    detail = str(exc) or type(exc).__name__
    return Text(f"处理照片时出错：{detail}", f"The photo could not be processed: {detail}")


class _Committer:
    """Commits staged photos on the store's thread, remembering what the store holds."""

    def __init__(
        self,
        store: Store,
        *,
        community_id: str,
        problem_id: str | None,
        answer: tuple[str, str | None, str] | None,
        stamp: Callable[[Photo], Path] | None,
    ) -> None:
        self.store = store
        self.community_id = community_id
        self.problem_id = problem_id
        self.answer = answer  # (submission id, question, repeat instance)
        self.stamp = stamp
        # Hashes only (no records): a community may hold thousands of photos, and a camera
        # capture imports them one at a time.
        rows = store.photo_hashes(community_id=community_id)
        self.by_sha: dict[str, str] = {sha: photo_id for photo_id, sha, _ in rows}
        self.by_original: dict[str, str] = {orig: photo_id for photo_id, _, orig in rows if orig}

    def commit(self, file: str, staged: _Staged) -> ImportResult:
        known = self.by_original.get(staged.original_sha256) or self.by_sha.get(staged.sha256)
        if known is not None:
            staged.discard()
            photo = self.store.photo(known)
            self._link(photo)
            return ImportResult(file, "duplicate", photo=photo)
        created: list[Path] = []
        try:
            for temp, target in staged.files:
                if commit_staged(temp, target):
                    created.append(target)
            with self.store.transaction():  # the row and its link, or neither
                photo = self.store.add_photo(
                    staged.sha256,
                    width=staged.width,
                    height=staged.height,
                    bytes=staged.size,
                    mime="image/jpeg",
                    taken_at=staged.taken_at,
                    lat=staged.lat,
                    lon=staged.lon,
                    original_sha256=staged.original_sha256 if staged.keeps_original else None,
                    community_id=self.community_id,
                )
                self._link(photo)
        except BaseException:
            staged.discard()
            discard(created)
            raise
        self.by_sha[photo.sha256] = photo.id
        if photo.original_sha256:
            self.by_original[photo.original_sha256] = photo.id
        return ImportResult(file, "imported", photo=photo, notes=staged.notes)

    def _link(self, photo: Photo) -> None:
        if self.problem_id is not None and not self.store.photo_links(
            photo_id=photo.id, problem_id=self.problem_id
        ):
            self.store.link_photo(photo.id, problem_id=self.problem_id)
        if self.answer is not None:
            submission, question, instance = self.answer
            linked = self.store.photo_links(photo_id=photo.id, submission_id=submission)
            if not any((k.question, k.instance) == (question, instance) for k in linked):
                self.store.link_photo(
                    photo.id, submission_id=submission, question=question, instance=instance
                )

    def stamped(self, result: ImportResult) -> ImportResult:
        """``result`` with its evidence-stamped copy made (a failure becomes a note)."""
        if self.stamp is None or result.status != "imported" or result.photo is None:
            return result
        try:
            path = self.stamp(result.photo)
        except FieldappError as exc:
            return ImportResult(
                result.file, result.status, result.photo, notes=(*result.notes, exc.text)
            )
        return ImportResult(result.file, result.status, result.photo, None, result.notes, path)


def import_photos(
    store: Store,
    files: Iterable[str | os.PathLike[str]],
    *,
    community_id: str,
    problem_id: str | None = None,
    submission_id: str | None = None,
    question: str | None = None,
    instance: str = "",
    settings: PhotoSettings | None = None,
    surveyor: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Import ``files`` into ``store`` for a community, and link them to a problem and/or
    an answer (``submission_id`` with its ``question`` and repeat ``instance``).

    Returns one result per file, in input order: "imported", "duplicate" (the same photo is
    already in the community; it is linked as asked all the same), "error" (with the
    reason; nothing of that file is left behind) or "cancelled". Good files are imported even
    when others fail. Call from the thread that owns the store; ``progress(done, total,
    result)`` is called on that thread after each file, and ``cancel()`` is polled between
    files — work in flight is discarded, photos already committed stay. Raises
    NotFoundError / PhotoError before importing anything if the community or problem is
    wrong, or a stamp is wanted and no Chinese font exists.
    """
    settings = settings or PhotoSettings()
    paths = [Path(f) for f in files]
    community = store.community(community_id)
    location: str | None = None
    if problem_id is not None:
        problem = store.problem(problem_id)
        if problem.community_id != community_id:
            raise PhotoError(
                Text(
                    "该问题不属于所选社区，照片不能关联到它。",
                    "That problem belongs to another community; photos cannot be linked to it.",
                )
            )
        location = problem.location_text
    stamp: Callable[[Photo], Path] | None = None
    if settings.stamp_on_import:
        from fieldapp.photos.stamp import StampInfo, load_stamp_font, write_stamped_copy

        font = load_stamp_font(settings.font_path)  # fail before importing anything

        def stamp(photo: Photo) -> Path:
            info = StampInfo.for_photo(photo, community.name, surveyor, location)
            return write_stamped_copy(store.data_dir, photo, info, font_path=font)

    _sweep_once(store.data_dir)
    answer = None
    if submission_id is not None:
        if store.submission(submission_id).community_id != community_id:
            raise PhotoError(
                Text(
                    "该填报记录不属于所选社区，照片不能关联到它。",
                    "That submission belongs to another community; photos cannot be linked to it.",
                )
            )
        answer = (submission_id, question, instance)
    committer = _Committer(
        store, community_id=community_id, problem_id=problem_id, answer=answer, stamp=stamp
    )
    batch = _Batch(paths, committer, progress, cancel)
    workers = max(1, min(settings.worker_count, len(paths)))
    known = frozenset(committer.by_original)
    futures: dict[Future[_Staged], int] = {}
    with photo_executor(workers, len(paths)) as pool:
        try:
            for i, path in enumerate(paths):
                futures[pool.submit(_process, path, settings, store.data_dir, known)] = i
            batch.run(futures)
        finally:
            # Also on an interrupt (Ctrl-C, a failing callback): stop what has not started,
            # wait for what has, and leave none of their files behind.
            for future in futures:
                future.cancel()
            wait(futures)
            batch.discard_uncommitted(futures)
            if batch.broken:
                photo_processes.discard(pool)
    return batch.results()


class _Batch:
    """The calling thread's side of an import: commits finished files in input order,
    reports progress, honours cancel."""

    def __init__(
        self,
        paths: list[Path],
        committer: _Committer,
        progress: Progress | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.paths = paths
        self.committer = committer
        self.progress = progress
        self.cancel = cancel or (lambda: False)
        self.settled: list[ImportResult | None] = [None] * len(paths)
        self.outcomes: dict[int, _Staged | BaseException] = {}
        self.next_index = 0
        self.done = 0
        self.broken = False  # a worker process died: its pool cannot be used again

    def run(self, futures: Mapping[Future[_Staged], int]) -> None:
        pending = set(futures)
        while pending and not self.cancel():
            finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                error = future.exception()
                self.broken = self.broken or isinstance(error, BrokenExecutor)
                self.outcomes[futures[future]] = error if error is not None else future.result()
            while self.next_index in self.outcomes and not self.cancel():
                self._commit_next()

    def _commit_next(self) -> None:
        outcome = self.outcomes.pop(self.next_index)
        file = os.fspath(self.paths[self.next_index])
        if isinstance(outcome, BaseException):
            result = ImportResult(file, "error", error=_failure(outcome))
        else:
            try:
                result = self.committer.stamped(self.committer.commit(file, outcome))
            except Exception as exc:  # a full disk, a database error: this file only
                result = ImportResult(file, "error", error=_failure(exc))
        self.next_index += 1
        self._settle(self.next_index - 1, result)

    def _settle(self, index: int, result: ImportResult) -> None:
        self.settled[index] = result
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.paths), result)

    def discard_uncommitted(self, futures: Mapping[Future[_Staged], int]) -> None:
        """Remove the staged files of every processed file that was not committed."""
        for future, index in futures.items():
            if index >= self.next_index and not future.cancelled() and future.exception() is None:
                self.outcomes.setdefault(index, future.result())
        for outcome in self.outcomes.values():
            if isinstance(outcome, _Staged):
                outcome.discard()
        self.outcomes.clear()

    def results(self) -> list[ImportResult]:
        """One result per file; those never committed are "cancelled"."""
        for index, path in enumerate(self.paths):
            if self.settled[index] is None:
                self._settle(index, ImportResult(os.fspath(path), "cancelled", error=CANCELLED))
        return [r for r in self.settled if r is not None]
