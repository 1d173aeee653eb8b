"""Photos as the report prints them: upright, scaled, with their annotation and the
evidence stamp (both drawn by :mod:`fieldapp.photos`), re-encoded small enough that a
hundred of them keep the PDF light.

JPEG files are decoded at reduced size (Pillow's ``draft``), which makes large camera files
cheap; the EXIF orientation is applied again in case a file was stored without the
pipeline's normalising. A missing or unreadable file gives None, and the report prints a
placeholder naming the photo instead of failing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from fieldapp.core.errors import FieldappError
from fieldapp.photos import StampInfo, load_annotation, render_annotation, render_stamp
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from fieldapp.core.fonts import FontFile
    from fieldapp.store.records import Photo

__all__ = ["PhotoRenderer", "Rendered"]

Image.MAX_IMAGE_PIXELS = 120_000_000  # the photo pipeline's limit (fieldapp.photos.settings)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A photo ready for the PDF: JPEG bytes and pixel size."""

    data: bytes
    width: int
    height: int


@dataclass(slots=True)
class PhotoRenderer:
    """Renders photos for one report (results cached by photo, size and stamp)."""

    data_dir: Path
    community: str
    font: FontFile
    quality: int = 78
    _cache: dict[tuple[str, int, bool], Rendered | None] = field(default_factory=dict)

    def render(
        self,
        photo: Photo,
        *,
        long_edge: int,
        stamp: bool = False,
        location: str | None = None,
        surveyor: str | None = None,
    ) -> Rendered | None:
        """The photo at ``long_edge`` pixels with its annotation, and the stamp if asked."""
        key = (photo.id, long_edge, stamp)
        if key not in self._cache:
            self._cache[key] = self._render(photo, long_edge, stamp, location, surveyor)
        return self._cache[key]

    def _render(
        self,
        photo: Photo,
        long_edge: int,
        stamp: bool,
        location: str | None,
        surveyor: str | None,
    ) -> Rendered | None:
        path = photo_path(self.data_dir, photo.sha256)
        try:
            with Image.open(path) as stored:
                stored.draft("RGB", (long_edge, long_edge))
                image = ImageOps.exif_transpose(stored).convert("RGB")
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            return None
        if max(image.size) > long_edge:
            image.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
        try:
            image = render_annotation(image, load_annotation(photo), font=self.font)
        except FieldappError:
            pass  # a malformed overlay: print the clean photo rather than nothing
        if stamp:
            info = StampInfo.for_photo(photo, self.community, surveyor, location)
            image = render_stamp(image, info, self.font)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=self.quality, optimize=True)
        return Rendered(buffer.getvalue(), image.width, image.height)
