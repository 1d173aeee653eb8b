"""Reuse of reports already built: the same inputs give the same bytes, so a report that was
just previewed need not be laid out again to be saved or packed.

The key covers everything the PDF depends on: the community's data digest (which includes
the needs and project lists and the photo records), the report date and generation text,
the compiling unit, the font file, which photo files are present, the versions of the app,
ReportLab and Pillow, and a fingerprint of the code that draws the report (so a changed
template never serves an old file). Entries live in ``<data dir>/cache/reports``; the
newest few are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import PIL
import reportlab

import fieldapp
from fieldapp.core.forms.builtin import TAXONOMY_FILE, builtin_resource_text
from fieldapp.store.paths import photo_path

__all__ = ["cache_key", "lookup", "store"]

KEEP = 6


@cache
def _code_fingerprint() -> str:
    """A digest of the source that decides how a report looks."""
    root = Path(__file__).resolve().parent
    package = root.parent
    files = sorted(root.rglob("*.py")) + sorted((package / "photos").rglob("*.py"))
    files.append(package / "core" / "fonts.py")
    h = hashlib.sha256()
    for path in files:
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    h.update(builtin_resource_text(TAXONOMY_FILE).encode("utf-8"))
    return h.hexdigest()


def cache_key(data: Any, *, organization: str, font: Path) -> str:
    """The key of the report of ``data`` (a ReportData) built with these options."""
    photos = sorted(
        (e.photo.sha256, photo_path(data.data_dir, e.photo.sha256).is_file())
        for e in data.photos.values()
    )
    try:
        stat = font.stat()
        font_id = [str(font), stat.st_size, int(stat.st_mtime)]
    except OSError:
        font_id = [str(font)]
    facts = [
        fieldapp.__version__,
        reportlab.Version,
        PIL.__version__,
        _code_fingerprint(),
        data.digest,
        data.date.isoformat(),
        data.generated,
        organization,
        font_id,
        photos,
    ]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


def _dir(data_dir: Path) -> Path:
    return data_dir / "cache" / "reports"


def lookup(data_dir: Path, key: str, target: Path) -> int | None:
    """Copy the cached report ``key`` to ``target`` if there is one; its page count, or
    None when there is none."""
    found = sorted(_dir(data_dir).glob(f"{key}-*.pdf"))
    if not found:
        return None
    cached = found[0]
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        shutil.copyfile(cached, temp)
        os.replace(temp, target)
        pages = int(cached.stem.rsplit("-", 1)[1])
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temp.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(cached)  # most recently used
    return pages


def store(data_dir: Path, key: str, built: Path, pages: int) -> None:
    """Keep a copy of the report just built (best effort: a full disk only loses reuse)."""
    folder = _dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{uuid.uuid4().hex}.tmp"
        shutil.copyfile(built, temp)
        os.replace(temp, folder / f"{key}-{pages}.pdf")
        entries = sorted(folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except OSError:
        return
