"""Photos as the report prints them: upright, scaled, with their annotation (drawn by
:mod:`fieldapp.photos`), re-encoded small enough that a hundred of them keep the PDF light.

JPEG files are decoded at reduced size (Pillow's ``draft``: a 2560 px file is decoded
straight to 640 px), which makes large camera files cheap; the EXIF orientation is applied
again in case a file was stored without the pipeline's normalising. The evidence stamp is
not burned in here: the report draws it as vector text over the picture (crisper in print,
see :mod:`fieldapp.reports.sections.common`), with the photo module's wording. A missing or
unreadable file gives None, and the report prints a placeholder naming the photo.

Rendering many photos runs in a small thread pool (Pillow releases the GIL while decoding,
resizing and encoding), started before the layout needs them.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from fieldapp.core.errors import FieldappError
from fieldapp.photos import load_annotation, render_annotation
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from fieldapp.core.fonts import FontFile
    from fieldapp.store.records import Photo

__all__ = ["SIZES", "LazyPhoto", "PhotoRenderer", "Rendered"]

Image.MAX_IMAGE_PIXELS = 120_000_000  # the photo pipeline's limit (fieldapp.photos.settings)
_ORIENTATION = 0x0112
SIZES = (640, 320)
"""Pixel sizes the report prints photos at: figures (2 or 3 per row, ≈ 200 dpi) and the
thumbnails in indicator tables."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A photo ready for the PDF: JPEG bytes and pixel size."""

    data: bytes
    width: int
    height: int


@dataclass(slots=True)
class PhotoRenderer:
    """Renders photos for one report (results cached by photo and size)."""

    data_dir: Path
    font: FontFile
    quality: int = 80
    workers: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    _cache: dict[str, Future[dict[int, Rendered] | None]] = field(default_factory=dict)
    _pool: ThreadPoolExecutor | None = None

    def prefetch(self, photos: Iterable[Photo]) -> None:
        """Start rendering ``photos`` (at every size the report uses) in the background."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="report-photo")
        for photo in photos:
            if photo.id not in self._cache:
                self._cache[photo.id] = self._pool.submit(self._render, photo)

    def render(self, photo: Photo, *, long_edge: int) -> Rendered | None:
        """The photo at ``long_edge`` pixels (one of SIZES) with its annotation; None if its
        file is missing or unreadable. Waits for a prefetched render."""
        if photo.id not in self._cache:
            done: Future[dict[int, Rendered] | None] = Future()
            done.set_result(self._render(photo))
            self._cache[photo.id] = done
        sizes = self._cache[photo.id].result()
        return None if sizes is None else sizes[long_edge]

    def later(self, photo: Photo, *, long_edge: int) -> LazyPhoto | None:
        """The photo's upright pixel size now (from the file header) and its render when
        drawn — so laying out the report need not wait for the pictures. None if the file
        is missing or not an image."""
        size = _upright_size(photo_path(self.data_dir, photo.sha256))
        if size is None:
            return None
        if photo.id not in self._cache:
            self.prefetch([photo])
        width, height = _fit(size, long_edge)
        return LazyPhoto(self, photo, long_edge, width, height)

    def close(self) -> None:
        """Stop the background pool (pending renders are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _render(self, photo: Photo) -> dict[int, Rendered] | None:
        """Decode once at the largest size (JPEG draft), then scale down for the others."""
        path = photo_path(self.data_dir, photo.sha256)
        largest = max(SIZES)
        try:
            with Image.open(path) as stored:
                turned = stored.getexif().get(_ORIENTATION, 1) not in (1, None)
                stored.draft("RGB", _fit(stored.size, largest))
                image = ImageOps.exif_transpose(stored) if turned else stored.convert("RGB")
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            return None
        image = image.convert("RGB")
        out: dict[int, Rendered] = {}
        for edge in sorted(SIZES, reverse=True):
            size = _fit(image.size, edge)
            if size != image.size:
                image = image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
            shown = image
            try:
                annotation = load_annotation(photo)
                if annotation.shapes:
                    shown = render_annotation(image, annotation, font=self.font)
            except FieldappError:
                pass  # a malformed overlay: print the clean photo rather than nothing
            buffer = io.BytesIO()
            shown.save(buffer, format="JPEG", quality=self.quality)
            out[edge] = Rendered(buffer.getvalue(), shown.width, shown.height)
        return out


@dataclass(frozen=True, slots=True)
class LazyPhoto:
    """A photo whose size is known and whose pixels are rendered in the background."""

    renderer: PhotoRenderer
    photo: Photo
    long_edge: int
    width: int
    height: int

    def get(self) -> Rendered | None:
        """The rendered photo (waits for it); None if the file could not be decoded."""
        return self.renderer.render(self.photo, long_edge=self.long_edge)


def _upright_size(path: Path) -> tuple[int, int] | None:
    """Pixel size after applying the EXIF orientation, read from the header only."""
    try:
        with Image.open(path) as image:
            w, h = image.size
            turned = image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    return (h, w) if turned else (w, h)


def _fit(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """``size`` scaled down so its long edge is at most ``long_edge`` (never up)."""
    w, h = size
    scale = min(1.0, long_edge / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))
