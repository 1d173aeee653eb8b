"""Photo files between a device and the server: upload what the server lacks in chunks that
resume after a cut, download what this device lacks, verified by SHA-256 both ways."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from fieldapp.store.paths import photo_path
from fieldapp.sync.client import ServerClient, SyncError
from fieldapp.sync.protocol import API, MAX_CHUNK_BYTES, is_sha256

__all__ = ["download_photo", "missing_on_server", "upload_photo"]


def missing_on_server(client: ServerClient, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` the server does not have yet."""
    wanted = sorted({h for h in hashes if is_sha256(h)})
    missing: set[str] = set()
    for start in range(0, len(wanted), 2000):
        response = client.request(
            "POST", f"{API}/blobs/missing", json={"hashes": wanted[start : start + 2000]}
        )
        missing.update(response.json()["missing"])
    return missing


def upload_photo(
    client: ServerClient,
    data_dir: Path,
    sha256: str,
    *,
    chunk_size: int = MAX_CHUNK_BYTES,
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    """Upload one photo file. Starts at byte 0 unless told otherwise: after a cut, the
    server answers a chunk that does not continue its partial copy with 409 and the byte
    it expects, and the upload carries on from there."""
    path = photo_path(data_dir, sha256)
    total = path.stat().st_size
    chunk_size = max(1, min(chunk_size, MAX_CHUNK_BYTES))
    offset = 0
    with path.open("rb") as f:
        while True:
            f.seek(offset)
            chunk = f.read(chunk_size)
            response = client.request(
                "PUT",
                f"{API}/blobs/{sha256}",
                params={"offset": offset, "total": total},
                content=chunk,
                accept=(409,),
            )
            body = response.json()
            if response.status_code == 409:
                error = body.get("error", {})
                if error.get("code") != "chunk_out_of_order":
                    raise SyncError(_text(error), status=409, code=str(error.get("code", "")))
                offset = int(error["expected"])
                continue
            if on_bytes is not None:
                on_bytes(int(body["received"]) - offset)
            if body["complete"]:
                return
            offset = int(body["received"])


def download_photo(client: ServerClient, data_dir: Path, sha256: str) -> bool:
    """Fetch a photo file into this device's photo folder; True if stored, False if the
    server has no such file (yet). The bytes must match the hash, or nothing is stored."""
    target = photo_path(data_dir, sha256)
    response = client.request("GET", f"{API}/blobs/{sha256}", accept=(404,))
    if response.status_code == 404:
        return False
    data = response.content
    if hashlib.sha256(data).hexdigest() != sha256:
        return False  # damaged in transit; the next sync fetches it again
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".download")
    try:
        with partial.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return True


def _text(error: dict[str, object]) -> object:
    from fieldapp.core.i18n import Text

    return Text(str(error.get("zh", "上传失败。")), str(error.get("en", "Upload failed.")))
