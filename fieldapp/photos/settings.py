"""How photos are processed: one frozen settings object, shared by the UI, the CLI and tests."""

from __future__ import annotations

import os
from dataclasses import dataclass

from fieldapp.core.i18n import Text
from fieldapp.photos.errors import PhotoError

__all__ = ["PIXEL_LIMIT", "PhotoSettings"]

PIXEL_LIMIT = 120_000_000
"""The most pixels any photo may have (108 MP phone cameras pass; a 20,000 × 20,000 bomb does
not). Pillow's own decompression-bomb limit is set to this value when the pipeline loads."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoSettings:
    """Photo processing settings; the defaults are the app's.

    ``keep_exif=False`` (the default) strips every EXIF tag from the stored copy except the
    capture time and the GPS position, for privacy (camera serial numbers, owner names, maker
    notes…). ``keep_original`` keeps the untouched source file as well, content-addressed
    beside the stored copy. ``workers`` is how many photos are processed at once (None: one per core,
    at most four).
    """

    long_edge: int = 2560
    thumbnail_edge: int = 400
    jpeg_quality: int = 85
    thumbnail_quality: int = 80
    keep_original: bool = True
    keep_exif: bool = False
    max_pixels: int = PIXEL_LIMIT
    max_file_mb: int = 100
    workers: int | None = None
    stamp_on_import: bool = False
    font_path: str | None = None

    def __post_init__(self) -> None:
        for name, low, high in (
            ("long_edge", 64, 16384),
            ("thumbnail_edge", 16, 2048),
            ("jpeg_quality", 30, 100),
            ("thumbnail_quality", 30, 100),
            ("max_pixels", 1, PIXEL_LIMIT),
            ("max_file_mb", 1, 2048),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise PhotoError(
                    Text(
                        f"照片设置 {name} 应为 {low} 到 {high} 之间的整数，现为 {value!r}。",
                        f"Photo setting {name} must be an integer from {low} to {high}, "
                        f"not {value!r}.",
                    )
                )
        if self.workers is not None and not 1 <= self.workers <= 32:
            raise PhotoError(
                Text(
                    f"照片设置 workers 应为 1 到 32，现为 {self.workers!r}。",
                    f"Photo setting workers must be 1 to 32, not {self.workers!r}.",
                )
            )

    @property
    def worker_count(self) -> int:
        """Photos processed at once: ``workers``, else one per core (at most four)."""
        return self.workers or max(1, min(4, os.cpu_count() or 1))
