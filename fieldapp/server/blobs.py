"""Photo files on the server: content-addressed, uploaded in resumable chunks, verified.

:class:`BlobStore` is the interface; :class:`FileBlobStore` keeps files under
``{data_dir}/blobs/ab/abcdef…``. An S3-compatible store implements the same five calls with
a multipart upload per (hash, session): ``received`` is the sum of the uploaded parts,
``append`` uploads the next part, ``finish`` completes the upload after checking the hash
(S3's ``x-amz-checksum-sha256`` or a server-side read), ``open`` is a GET.

Uploads are per session (one enrolled device), so two devices sending the same photo at
once never interleave their bytes. A chunk must start exactly where the bytes received so
far end: a resumed upload asks for ``received`` first, and a chunk out of order is refused
without being written. A file enters the store only after its SHA-256 matched — by an
atomic rename, so readers never see half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from fieldapp.core.i18n import Text
from fieldapp.server.errors import ApiError, conflict, invalid, too_large
from fieldapp.sync.protocol import MAX_BLOB_BYTES, NAME_RE, is_sha256

__all__ = ["BlobStore", "Chunk", "FileBlobStore"]

Chunk = bytes | bytearray | memoryview
"""A piece of an upload's bytes."""


class BlobStore(Protocol):
    """Where photo files live on the server."""

    def has(self, sha256: str) -> bool:
        """True once a verified file with this hash is stored."""
        ...

    def received(self, sha256: str, session: str) -> int:
        """Bytes of this session's unfinished upload of ``sha256`` (0 if none)."""
        ...

    def append(
        self, sha256: str, session: str, *, offset: int, total: int, data: Chunk | Sequence[Chunk]
    ) -> int:
        """Add ``data`` (bytes, or the pieces of a request body as they arrived) at
        ``offset`` of the upload (409 if not where the upload ends); when ``total`` bytes
        are in, verify and store the file (422 on a hash mismatch, which discards the
        upload). Returns the bytes received so far."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The stored file, for reading (FileNotFoundError if absent)."""
        ...

    def make_durable(self, hashes: Iterable[str]) -> None:
        """Make sure these stored files survive a power cut (before records refer to them)."""
        ...

    def path(self, sha256: str) -> Path | None:
        """A local path to the stored file, if the store has one (for efficient serving)."""
        ...


class FileBlobStore:
    """Photo files in a directory of the server's data directory."""

    def __init__(self, root: Path, *, keep_partial_days: float = 7.0) -> None:
        self.root = root
        self._partial = root / ".partial"
        self._partial.mkdir(parents=True, exist_ok=True)
        # Uploads abandoned for a week are not coming back; their bytes are dropped.
        cutoff = time.time() - keep_partial_days * 86400
        for part in self._partial.glob("*.part"):
            with contextlib.suppress(OSError):
                if part.stat().st_mtime < cutoff:
                    part.unlink()

    def _final(self, sha256: str) -> Path:
        _check_hash(sha256)
        return self.root / sha256[:2] / sha256

    def _part(self, sha256: str, session: str) -> Path:
        _check_hash(sha256)
        if not NAME_RE.match(session):  # never part of a path unless it is a plain token
            raise ValueError(f"bad upload session {session!r}")
        return self._partial / f"{sha256}.{session}.part"

    def has(self, sha256: str) -> bool:
        """True once a verified file with this hash is stored."""
        return self._final(sha256).is_file()

    def missing(self, hashes: Iterable[str]) -> list[str]:
        """The hashes of ``hashes`` not stored yet, in the given order, without repeats."""
        seen: set[str] = set()
        out = []
        for h in hashes:
            if h not in seen and not self.has(h):
                out.append(h)
            seen.add(h)
        return out

    def received(self, sha256: str, session: str) -> int:
        """Bytes of this session's unfinished upload of ``sha256`` (0 if none)."""
        try:
            return self._part(sha256, session).stat().st_size
        except FileNotFoundError:
            return 0

    def append(
        self, sha256: str, session: str, *, offset: int, total: int, data: Chunk | Sequence[Chunk]
    ) -> int:
        """See :meth:`BlobStore.append`. ``data`` may be the pieces of the request body as
        they arrived: they are hashed and written as they are, never joined into one copy."""
        chunks = [data] if isinstance(data, bytes | bytearray | memoryview) else list(data)
        length = sum(len(c) for c in chunks)
        if total > MAX_BLOB_BYTES:
            raise too_large(MAX_BLOB_BYTES)
        if offset + length > total:
            raise invalid(
                "分块超出文件总长度。", "The chunk runs past the file's total size.",
                offset=offset, total=total,
            )  # fmt: skip
        if self.has(sha256):
            return total
        whole = offset == 0 and length == total
        if whole:
            # The usual case, a photo in one request: check it before touching the disk
            # (hashed from memory, so the file is never read back).
            digest = hashlib.sha256()
            for chunk in chunks:
                digest.update(chunk)
            _verify(sha256, digest.hexdigest())
        part = self._part(sha256, session)
        with _locked(part) as f:
            size = f.seek(0, os.SEEK_END)
            if offset != size:
                raise conflict(
                    "chunk_out_of_order",
                    f"分块顺序错误：应从第 {size} 字节续传，而不是第 {offset} 字节。",
                    f"Chunk out of order: the upload continues at byte {size}, not {offset}.",
                    expected=size,
                )
            _write_all(f.fileno(), chunks)
            size += length
            if size < total:
                return size
            if not whole:
                # Sent in several requests: the hash is of the file as the requests left it.
                f.seek(0)
                check = hashlib.file_digest(f, "sha256").hexdigest()  # type: ignore[arg-type]
                if check != sha256:
                    part.unlink(missing_ok=True)
                    _verify(sha256, check)
            os.fsync(f.fileno())
            final = self._final(sha256)
            created = _mkdir(final.parent)
            os.replace(part, final)
        # The name is made durable right away, in this worker thread, while the device is
        # already sending its next photo: a file is acknowledged only once it would survive
        # a power cut, and the push that later refers to it (make_durable) finds nothing
        # left to write instead of fsyncing a directory per photo on its critical path.
        if created:
            _fsync_dir(self.root)
        _fsync_dir(final.parent)
        return size

    def open(self, sha256: str) -> BinaryIO:
        """The stored file, for reading."""
        return self._final(sha256).open("rb")

    def make_durable(self, hashes: Iterable[str]) -> None:
        """fsync the directories holding these files: their contents were synced before
        the rename, this makes the names durable too. Uploads do that as they complete
        (:meth:`append`), so this is cheap; it stays for files stored otherwise (by an
        older version, or copied in)."""
        folders = sorted({self._final(h).parent for h in hashes})
        for folder in folders:
            _fsync_dir(folder)
        if folders:
            _fsync_dir(self.root)

    def path(self, sha256: str) -> Path | None:
        """The stored file's path."""
        return self._final(sha256)


def _verify(expected: str, actual: str) -> None:
    if actual != expected:
        raise ApiError(
            422, "hash_mismatch", _mismatch_text(expected, actual), expected=expected, actual=actual
        )


def _mismatch_text(expected: str, actual: str) -> Text:
    return Text(
        f"照片内容与其 SHA-256 不符（应为 {expected[:12]}…，实为 {actual[:12]}…），未保存；请重新上传。",
        f"The photo's bytes do not match its SHA-256 (expected {expected[:12]}…, got "
        f"{actual[:12]}…); nothing was stored. Upload it again.",
    )


def _check_hash(sha256: str) -> None:
    if not is_sha256(sha256):
        raise invalid(
            "照片标识应为 64 位小写十六进制 SHA-256。",
            "A photo is named by its SHA-256 in 64 lowercase hex digits.",
        )


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[BinaryIO]:
    """The partial file, opened for appending under an exclusive lock: a retried request
    racing the one it replaces (same device) must not write at the same time."""
    with path.open("ab+", buffering=0) as f:
        try:
            import fcntl
        except ImportError:
            yield f
            return
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise conflict(
                "upload_busy",
                "该照片的上一次上传仍在进行，请稍后重试。",
                "The previous upload of this photo is still in progress; retry shortly.",
            ) from None
        try:
            yield f
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _write_all(fd: int, chunks: Sequence[Chunk]) -> None:
    """Write every chunk at the file's end (unbuffered: no copy into a write buffer)."""
    for chunk in chunks:
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]


def _mkdir(path: Path) -> bool:
    """Create the folder if missing; True if this call created it."""
    try:
        path.mkdir()
    except FileExistsError:
        return False
    return True


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
