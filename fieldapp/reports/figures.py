"""A photo figure with the evidence stamp drawn over it as vector text.

The stamp says what :class:`fieldapp.photos.StampInfo` says (community, capture time, place,
coordinates, surveyor) in the photo module's look — a dark translucent panel in the lower
left with an amber bar — but as PDF text rather than pixels, so it stays sharp at print
size and costs nothing to render.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from fieldapp.reports.images import LazyPhoto, Rendered
from fieldapp.reports.styles import dry_run

__all__ = ["StampedPhoto"]

AMBER = colors.Color(242 / 255, 153 / 255, 0)


class _JpegReader(ImageReader):
    """A JPEG for drawImage that ReportLab embeds as is. ReportLab names an image by a
    digest of its decoded pixels (to store it once); the JPEG bytes name it as well and
    spare decoding every photo again."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._jpeg = data

    def getRGBData(self) -> bytes:
        self._dataA = None
        return self._jpeg


class StampedPhoto(Flowable):
    """A photo at ``width`` × ``height`` points, with ``lines`` (title first) stamped on.
    The pixels are fetched when the photo is drawn (they may still be rendering while the
    report is laid out); one that fails to decode prints as a framed note."""

    def __init__(
        self,
        photo: LazyPhoto | Rendered,
        width: float,
        height: float,
        lines: list[str],
        *,
        font: str,
    ) -> None:
        super().__init__()
        self.photo = photo
        self.width, self.height = width, height
        self.lines = lines
        self.font = font

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if dry_run(canvas):
            return
        rendered = self.photo.get() if isinstance(self.photo, LazyPhoto) else self.photo
        if rendered is None:
            canvas.saveState()
            canvas.setStrokeColor(colors.grey)
            canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            canvas.setFont(self.font, 7)
            canvas.drawCentredString(self.width / 2, self.height / 2, "照片文件无法读取")
            canvas.restoreState()
            return
        canvas.drawImage(_JpegReader(rendered.data), 0, 0, self.width, self.height)
        if self.lines:
            self._stamp()

    def _stamp(self) -> None:
        canvas = self.canv
        size, title = 5.4, 6.2
        margin, pad, bar, gap = 4.0, 3.0, 1.4, 1.6
        limit = self.width * 0.74 - 2 * pad - bar - 3
        rows: list[tuple[str, float]] = []
        for n, line in enumerate(self.lines):
            fs = title if n == 0 else size
            rows += [(part, fs) for part in _wrap(line, self.font, fs, limit)]
        text_w = max(stringWidth(t, self.font, fs) for t, fs in rows)
        panel_w = pad + bar + 3 + text_w + pad
        panel_h = sum(fs for _, fs in rows) + gap * (len(rows) - 1) + 2 * pad
        canvas.saveState()
        canvas.setFillColor(colors.Color(0, 0, 0, alpha=0.58))
        canvas.roundRect(margin, margin, panel_w, panel_h, 2, stroke=0, fill=1)
        canvas.setFillColor(AMBER)
        canvas.rect(margin + pad, margin + pad, bar, panel_h - 2 * pad, stroke=0, fill=1)
        y = margin + panel_h - pad
        for n, (text, fs) in enumerate(rows):
            y -= fs
            canvas.setFillColor(AMBER if n == 0 and fs == title else colors.white)
            canvas.setFont(self.font, fs)
            canvas.drawString(margin + pad + bar + 3, y + 0.8, text)
            y -= gap
        canvas.restoreState()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken by character into lines no wider than ``width`` points."""
    lines, current = [], ""
    for char in text:
        if current and stringWidth(current + char, font, size) > width:
            lines.append(current)
            current = "  " + char
        else:
            current += char
    return [*lines, current] if current else lines
