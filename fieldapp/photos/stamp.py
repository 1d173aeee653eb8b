"""The evidence stamp (水印): community, capture time, place and surveyor burned into a copy.

Inspection photos in China are expected to carry this text in the picture itself. The stamp
goes on a derived copy only — the clean stored photo never changes — cached under
``photos/derived/`` and named by what it says, so a changed stamp makes a new file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from fieldapp.core.fonts import FontFile, find_cjk_font
from fieldapp.core.i18n import Text
from fieldapp.photos.decode import encode_jpeg
from fieldapp.photos.errors import PhotoError
from fieldapp.photos.files import derived_path, write_atomic
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from fieldapp.store.records import Photo

__all__ = [
    "StampInfo",
    "load_font",
    "load_stamp_font",
    "render_stamp",
    "stamped_path",
    "write_stamped_copy",
]

ACCENT = (242, 153, 0)  # the amber bar inspection-camera apps use
PANEL = (0, 0, 0, 150)


@dataclass(frozen=True, slots=True)
class StampInfo:
    """What a stamp says. ``taken_at`` is ISO 8601; position is shown as coordinates, the
    location text as written (either, both or neither)."""

    community: str
    taken_at: str | None = None
    lat: float | None = None
    lon: float | None = None
    location: str | None = None
    surveyor: str | None = None
    title: str = "社区体检 · 现场照片"

    @classmethod
    def for_photo(
        cls,
        photo: Photo,
        community: str,
        surveyor: str | None = None,
        location: str | None = None,
    ) -> StampInfo:
        """The stamp of a stored photo: its capture time and position, plus the given text."""
        return cls(community, photo.taken_at, photo.lat, photo.lon, location, surveyor)

    def lines(self) -> list[str]:
        """The stamp's lines, title first."""
        lines = [self.title, f"社区：{self.community}"]
        lines.append(f"时间：{_when(self.taken_at)}")
        if self.location:
            lines.append(f"地点：{self.location}")
        if self.lat is not None and self.lon is not None:
            north = "北纬" if self.lat >= 0 else "南纬"
            east = "东经" if self.lon >= 0 else "西经"
            lines.append(f"坐标：{north} {abs(self.lat):.5f}°  {east} {abs(self.lon):.5f}°")
        if self.surveyor:
            lines.append(f"体检员：{self.surveyor}")
        return lines

    def key(self) -> str:
        """A short digest of the text, naming the stamped file."""
        return hashlib.sha256("\n".join(self.lines()).encode()).hexdigest()[:12]


def _when(taken_at: str | None) -> str:
    if not taken_at:
        return "未知（照片未记录拍摄时间）"
    try:
        moment = dt.datetime.fromisoformat(taken_at)
    except ValueError:
        return taken_at
    return moment.strftime("%Y-%m-%d %H:%M")


def load_stamp_font(configured: str | os.PathLike[str] | None = None) -> FontFile:
    """The font for stamps and labels (raises FontNotFoundError, bilingual, if none)."""
    return find_cjk_font(configured)


def load_font(font: FontFile, size: int) -> ImageFont.FreeTypeFont:
    """``font`` at ``size`` pixels; PhotoError if FreeType cannot read it."""
    try:
        return ImageFont.truetype(str(font.path), size, index=font.index)
    except OSError as exc:
        raise PhotoError(
            Text(
                f"无法读取字体 {font.path}：{exc}。",
                f"The font {font.path} cannot be read: {exc}.",
            )
        ) from exc


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: float
) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (by character: Chinese has no spaces)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and draw.textlength(current + char, font=font) > width:
            lines.append(current)
            current = "  " + char if len(lines) else char
        else:
            current += char
    return [*lines, current] if current else lines


def render_stamp(image: Image.Image, info: StampInfo, font: FontFile) -> Image.Image:
    """A copy of ``image`` with the stamp in its lower-left corner: a translucent panel with
    an amber bar, the title larger, sized to the picture so it reads the same at any size."""
    base = image.convert("RGB")
    short = min(base.size)
    size = max(12, round(short / 40))
    body = load_font(font, size)
    head = load_font(font, round(size * 1.2))
    margin, pad, gap = round(short / 40), round(size * 0.7), round(size * 0.35)
    bar = max(3, round(size / 5))
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    max_text = base.width * 0.72 - 2 * pad - bar
    rows: list[tuple[str, ImageFont.FreeTypeFont]] = []
    for i, line in enumerate(info.lines()):
        font_i = head if i == 0 else body
        rows += [(part, font_i) for part in _wrap(draw, line, font_i, max_text)]
    heights = [f.getbbox("国Ag")[3] for _, f in rows]
    text_w = max(draw.textlength(t, font=f) for t, f in rows)
    inset = round(pad * 0.6)
    text_x = inset + bar + inset  # the amber bar, then the text
    panel_w = round(text_x + text_w + pad)
    panel_h = round(sum(heights) + gap * (len(rows) - 1) + 2 * pad)
    left, top = margin, base.height - margin - panel_h
    draw.rounded_rectangle(
        (left, top, left + panel_w, top + panel_h), radius=round(size / 3), fill=PANEL
    )
    draw.rectangle(
        (left + inset, top + pad, left + inset + bar, top + panel_h - pad), fill=(*ACCENT, 255)
    )
    y: float = top + pad
    for (text, font_i), height in zip(rows, heights, strict=True):
        colour = (*ACCENT, 255) if font_i is head else (255, 255, 255, 255)
        stroke = 1 if font_i is head else 0
        draw.text(
            (left + text_x, y),
            text,
            font=font_i,
            fill=colour,
            stroke_width=stroke,
            stroke_fill=colour,
        )
        y += height + gap
    base.paste(overlay, mask=overlay)
    return base


def stamped_path(data_dir: Path, photo: Photo, info: StampInfo) -> Path:
    """Where the stamped copy of ``photo`` with ``info`` is (or would be) cached."""
    return derived_path(data_dir, photo.sha256, "stamp", info.key())


def write_stamped_copy(
    data_dir: Path, photo: Photo, info: StampInfo, *, font_path: FontFile | None = None
) -> Path:
    """Make (once) the stamped copy of a stored photo and return its path; the clean file is
    only read. Raises PhotoError if the stored file is missing or no font can draw Chinese."""
    target = stamped_path(data_dir, photo, info)
    if target.exists():
        return target
    font = font_path or load_stamp_font()
    source = photo_path(data_dir, photo.sha256)
    try:
        with Image.open(source) as clean:
            exif = clean.info.get("exif", b"")
            stamped = render_stamp(clean, info, font)
    except FileNotFoundError as exc:
        raise PhotoError(
            Text(f"照片文件 {source.name} 不存在。", f"The photo file {source.name} is missing.")
        ) from exc
    write_atomic(target, encode_jpeg(stamped, quality=90, exif=exif))
    return target
