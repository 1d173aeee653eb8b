"""Which files an import takes: the files named, and the photos inside named folders (a camera
card's DCIM folder, say), in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

__all__ = ["PHOTO_SUFFIXES", "expand_inputs"]

PHOTO_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", ".hif", ".avif", ".webp", ".tif",
     ".tiff", ".gif", ".bmp"}
)  # fmt: skip


def expand_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """``paths`` with each folder replaced by the photo files under it (recursively, by
    suffix, hidden files and folders skipped, sorted by path); files named directly are kept
    whatever their suffix, so a wrong file gets a clear refusal rather than silence."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            out.append(os.fspath(raw))
            continue
        found = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [
                os.path.join(folder, name)
                for name in files
                if not name.startswith(".") and Path(name).suffix.lower() in PHOTO_SUFFIXES
            ]
        out += sorted(found)
    return out
