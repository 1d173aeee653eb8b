"""Photo files on disk: where each kind lives, and writing them so a crash or a full disk
never leaves a partial file under a real name.

Every file is written to a temporary name in its final folder (same filesystem, so the rename
is atomic), flushed to disk, then renamed into place and the folder entry flushed too. Files
are content-addressed, so a target that already exists holds the same bytes and is left alone.

Layout under ``photos/``: ``ab/abcd…`` the stored photos and kept originals (named by their
SHA-256, see :func:`fieldapp.store.paths.photo_path`); ``thumbs/ab/abcd….jpg`` thumbnails and
``derived/ab/abcd…-<kind>-<key>.jpg`` stamped or annotated renders — both caches that can be
rebuilt from the stored photo, so they are not synced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path

from fieldapp.core.i18n import Text
from fieldapp.photos.errors import PhotoError
from fieldapp.store.paths import photo_path, photos_dir

__all__ = [
    "TEMP_SUFFIX",
    "commit_staged",
    "derived_path",
    "discard",
    "stage",
    "sweep_temp_files",
    "thumbnail_path",
    "write_atomic",
]

TEMP_SUFFIX = ".tmp"


def thumbnail_path(data_dir: Path, sha256: str) -> Path:
    """Where the thumbnail of the stored photo ``sha256`` lives."""
    digest = photo_path(data_dir, sha256).name
    return photos_dir(data_dir) / "thumbs" / digest[:2] / f"{digest}.jpg"


def derived_path(data_dir: Path, sha256: str, kind: str, key: str) -> Path:
    """Where a render of the photo ``sha256`` lives (``kind`` e.g. "stamp"; ``key`` a short
    digest of what was drawn, so a changed stamp or annotation gets a new file)."""
    digest = photo_path(data_dir, sha256).name
    return photos_dir(data_dir) / "derived" / digest[:2] / f"{digest}-{kind}-{key}.jpg"


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (the seam tests use to simulate a full disk)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to flush it; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _storage_error(exc: OSError, target: Path) -> PhotoError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return PhotoError(
            Text(
                "磁盘空间不足，照片未保存。请清理空间后重新导入。",
                "The disk is full; the photo was not saved. Free some space and import again.",
            )
        )
    reason = exc.strerror or str(exc)
    return PhotoError(
        Text(
            f"无法保存照片文件 {target.name}：{reason}。",
            f"Cannot save the photo file {target.name}: {reason}.",
        )
    )


def stage(target: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a new temporary file beside ``target`` (flushed to disk when
    ``durable``) and return its path. On failure nothing is left behind and PhotoError says
    why (a full disk in plain words)."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _storage_error(exc, target) from exc
    try:
        try:
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        discard([temp])
        raise _storage_error(exc, target) from exc
    except BaseException:
        discard([temp])
        raise
    return temp


def commit_staged(temp: Path, target: Path) -> bool:
    """Rename the staged ``temp`` to ``target``; True if this created ``target``, False if
    it already existed (same content, by its name), in which case ``temp`` is removed."""
    if target.exists():
        discard([temp])
        return False
    try:
        os.replace(temp, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        discard([temp])
        raise _storage_error(exc, target) from exc
    return True


def write_atomic(target: Path, data: bytes, *, durable: bool = True) -> bool:
    """Stage and commit ``data`` as ``target``; True if the file was created."""
    if target.exists():
        return False
    return commit_staged(stage(target, data, durable=durable), target)


def discard(paths: Iterable[Path]) -> None:
    """Remove files, ignoring those already gone (clean-up must not raise)."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def sweep_temp_files(data_dir: Path, *, older_than_s: float = 3600.0) -> int:
    """Remove temporary files a crash left under ``photos/`` (older than ``older_than_s``,
    so a running import's files are spared); returns how many were removed."""
    root = photos_dir(data_dir)
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than_s
    removed = 0
    for temp in root.rglob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.is_file() and temp.stat().st_mtime < cutoff:
                temp.unlink()
                removed += 1
    return removed
