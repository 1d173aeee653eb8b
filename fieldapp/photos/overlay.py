"""Rendering a photo for export or print: its annotation overlay drawn by Pillow, and
optionally the evidence stamp, on a copy — the stored file never changes."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageColor, ImageDraw

from fieldapp.core.fonts import FontFile
from fieldapp.core.i18n import Text
from fieldapp.photos.annotation import (
    Annotation,
    Arrow,
    Ellipse,
    Polyline,
    Rectangle,
    Shape,
    TextLabel,
    load_annotation,
)
from fieldapp.photos.errors import PhotoError
from fieldapp.photos.stamp import StampInfo, load_font, load_stamp_font, render_stamp
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from fieldapp.store.records import Photo

__all__ = ["render_annotation", "render_photo"]

RGBA = tuple[int, int, int, int]


def _rgba(colour: str) -> RGBA:
    r, g, b, *a = ImageColor.getrgb(colour)
    return r, g, b, a[0] if a else 255


def _px(point: tuple[float, float], size: tuple[int, int]) -> tuple[float, float]:
    return point[0] * (size[0] - 1), point[1] * (size[1] - 1)


def _draw_arrow(draw: ImageDraw.ImageDraw, shape: Arrow, size: tuple[int, int], line: int) -> None:
    (x0, y0), (x1, y1) = _px(shape.start, size), _px(shape.end, size)
    colour = _rgba(shape.color)
    length = math.hypot(x1 - x0, y1 - y0)
    if length < 1:
        return
    head = min(length * 0.6, max(line * 4.0, min(size) * 0.025))
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    # The shaft stops inside the head so its square end never pokes out past the tip.
    base_x, base_y = x1 - ux * head * 0.8, y1 - uy * head * 0.8
    draw.line((x0, y0, base_x, base_y), fill=colour, width=line)
    spread = math.radians(26)
    wings = [
        (
            x1 - head * (ux * math.cos(a) - uy * math.sin(a)),
            y1 - head * (uy * math.cos(a) + ux * math.sin(a)),
        )
        for a in (spread, -spread)
    ]
    draw.polygon([(x1, y1), wings[0], wings[1]], fill=colour)


def _draw_shape(
    draw: ImageDraw.ImageDraw, shape: Shape, size: tuple[int, int], font: FontFile | None
) -> None:
    short = min(size)
    if isinstance(shape, TextLabel):
        _draw_label(draw, shape, size, font)
        return
    line = max(1, round(shape.width * short))
    if isinstance(shape, Arrow):
        _draw_arrow(draw, shape, size, line)
    elif isinstance(shape, Ellipse | Rectangle):
        x0, y0 = _px(shape.box[:2], size)
        x1, y1 = _px(shape.box[2:], size)
        fill = _rgba(shape.fill) if shape.fill else None
        box = (x0, y0, max(x0, x1), max(y0, y1))
        if isinstance(shape, Ellipse):
            draw.ellipse(box, outline=_rgba(shape.color), width=line, fill=fill)
        else:
            draw.rectangle(box, outline=_rgba(shape.color), width=line, fill=fill)
    elif isinstance(shape, Polyline):
        points = [_px(p, size) for p in shape.points]
        if shape.closed:
            points.append(points[0])
        draw.line(points, fill=_rgba(shape.color), width=line, joint="curve")
        radius = line / 2  # round caps, so freehand strokes do not end in notches
        for x, y in (points[0], points[-1]):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba(shape.color))


def _draw_label(
    draw: ImageDraw.ImageDraw, shape: TextLabel, size: tuple[int, int], font: FontFile | None
) -> None:
    if font is None:
        font = load_stamp_font()
    face = load_font(font, max(8, round(shape.size * min(size))))
    pad = max(2, round(face.size * 0.3))
    left, top, right, bottom = draw.textbbox((0, 0), shape.text, font=face)
    width, height = right - left + 2 * pad, bottom - top + 2 * pad
    x, y = _px(shape.at, size)
    x = min(max(0.0, x), max(0.0, size[0] - width))  # keep the label inside the picture
    y = min(max(0.0, y), max(0.0, size[1] - height))
    if shape.background:
        draw.rounded_rectangle(
            (x, y, x + width, y + height), radius=pad, fill=_rgba(shape.background)
        )
    draw.text((x + pad - left, y + pad - top), shape.text, font=face, fill=_rgba(shape.color))


def render_annotation(
    image: Image.Image, annotation: Annotation, *, font: FontFile | None = None
) -> Image.Image:
    """A copy of ``image`` (RGB) with ``annotation`` drawn over it; translucent colours
    blend. Text labels need a Chinese font (``font``, else the one found on the system)."""
    base = image.convert("RGB")
    if not annotation.shapes:
        return base
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for shape in annotation.shapes:
        _draw_shape(draw, shape, base.size, font)
    base.paste(overlay, mask=overlay)
    return base


def render_photo(
    data_dir: Path,
    photo: Photo,
    *,
    annotate: bool = True,
    stamp: StampInfo | None = None,
    font: FontFile | None = None,
    long_edge: int | None = None,
) -> Image.Image:
    """The stored photo as it should be exported or printed: scaled to ``long_edge`` if
    given, with its annotation (unless ``annotate`` is false) and the evidence ``stamp``
    drawn on top. Raises PhotoError if the file is missing, AnnotationError if the stored
    overlay is malformed."""
    source = photo_path(data_dir, photo.sha256)
    try:
        with Image.open(source) as stored:
            if long_edge is not None:
                stored.draft("RGB", (long_edge, long_edge))
            image = stored.convert("RGB")
    except FileNotFoundError as exc:
        raise PhotoError(
            Text(f"照片文件 {source.name} 不存在。", f"The photo file {source.name} is missing.")
        ) from exc
    if long_edge is not None and max(image.size) > long_edge:
        image.thumbnail((long_edge, long_edge), Image.Resampling.HAMMING)
    if annotate:
        image = render_annotation(image, load_annotation(photo), font=font)
    if stamp is not None:
        image = render_stamp(image, stamp, font or load_stamp_font())
    return image
