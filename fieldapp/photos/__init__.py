"""The photo pipeline (no Qt): decode safely, orient, normalise to an sRGB JPEG, hash and
store content-addressed; evidence stamps and annotation overlays rendered with Pillow.

The public API is re-exported here; the modules say how each part works.
"""

from __future__ import annotations

from fieldapp.photos.annotation import (
    Annotation,
    Arrow,
    Ellipse,
    Polyline,
    Rectangle,
    TextLabel,
    load_annotation,
    save_annotation,
)
from fieldapp.photos.errors import AnnotationError, PhotoError
from fieldapp.photos.files import derived_path, sweep_temp_files, thumbnail_path
from fieldapp.photos.ingest import ImportResult, ImportStatus, import_photos
from fieldapp.photos.overlay import render_annotation, render_photo
from fieldapp.photos.settings import PIXEL_LIMIT, PhotoSettings
from fieldapp.photos.sources import expand_inputs
from fieldapp.photos.stamp import StampInfo, render_stamp, write_stamped_copy

__all__ = [
    "PIXEL_LIMIT",
    "Annotation",
    "AnnotationError",
    "Arrow",
    "Ellipse",
    "ImportResult",
    "ImportStatus",
    "PhotoError",
    "PhotoSettings",
    "Polyline",
    "Rectangle",
    "StampInfo",
    "TextLabel",
    "derived_path",
    "expand_inputs",
    "import_photos",
    "load_annotation",
    "render_annotation",
    "render_photo",
    "render_stamp",
    "save_annotation",
    "sweep_temp_files",
    "thumbnail_path",
    "write_stamped_copy",
]
