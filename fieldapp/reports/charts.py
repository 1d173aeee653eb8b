"""Charts drawn with reportlab.graphics: a radar of category scores, horizontal bars, and
100 % stacked bars (judgements per category, answers per rating question).

Drawn from shapes rather than the stock chart widgets so that Chinese labels are measured,
shortened when they would collide, and every bar carries its value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["bars", "fit", "radar", "stacked_bars"]

GRID = colors.HexColor("#C9D2DC")
LABEL = colors.HexColor("#333333")
MUTED = colors.HexColor("#777777")
FILL = colors.HexColor("#2F6E8E")


def _drawing(width: float, height: float, font: str) -> Drawing:
    d = Drawing(width, height)
    # The renderer starts each drawing in its default font (Helvetica, never embedded).
    d.initialFontName = font
    return d


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in at most two lines of ``width`` points (the second shortened with …)."""
    if stringWidth(text, font, size) <= width:
        return [text]
    half = (len(text) + 1) // 2  # balanced lines read better than a full line and a stub
    if stringWidth(text[:half], font, size) <= width:
        return [text[:half], fit(text[half:], font, size, width)]
    cut = len(text)
    while cut > 1 and stringWidth(text[:cut], font, size) > width:
        cut -= 1
    return [text[:cut], fit(text[cut:], font, size, width)]


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with … so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def radar(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    font: str,
    width: float,
    height: float,
    caption: Sequence[str] = (),
) -> Drawing:
    """A radar chart of shares 0..1 (None: not judged, drawn at 0 and marked —)."""
    d = _drawing(width, height, font)
    n = len(labels)
    bottom = 9 * len(caption) + 4
    cx, cy = width / 2, bottom + (height - bottom) / 2 - 2
    r = min(width * 0.27, (height - bottom) * 0.33)
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
    for level in (0.2, 0.4, 0.6, 0.8, 1.0):
        points = []
        for a in angles:
            points += [cx + r * level * math.cos(a), cy + r * level * math.sin(a)]
        d.add(Polygon(points, strokeColor=GRID, strokeWidth=0.5, fillColor=None))
        # Ring values along the axis between the first two spokes, clear of the labels.
        d.add(
            String(
                cx + r * level * math.cos(angles[0] - math.pi / n) + 1,
                cy + r * level * math.sin(angles[0] - math.pi / n),
                f"{level * 100:.0f}",
                fontName=font,
                fontSize=5.5,
                fillColor=MUTED,
            )
        )
    for a in angles:
        d.add(
            Line(
                cx,
                cy,
                cx + r * math.cos(a),
                cy + r * math.sin(a),
                strokeColor=GRID,
                strokeWidth=0.5,
            )
        )
    shape = []
    for a, v in zip(angles, values, strict=True):
        shape += [cx + r * (v or 0) * math.cos(a), cy + r * (v or 0) * math.sin(a)]
    d.add(
        Polygon(
            shape,
            strokeColor=FILL,
            strokeWidth=1.4,
            fillColor=colors.Color(0.18, 0.43, 0.56, alpha=0.22),
        )
    )
    for i in range(n):
        d.add(
            Circle(
                shape[2 * i],
                shape[2 * i + 1],
                2,
                fillColor=FILL,
                strokeColor=colors.white,
                strokeWidth=0.5,
            )
        )
    size = 7.5
    for a, label, v in zip(angles, labels, values, strict=True):
        x, y = cx + (r + 8) * math.cos(a), cy + (r + 8) * math.sin(a)
        anchor = "middle" if abs(math.cos(a)) < 0.2 else "start" if math.cos(a) > 0 else "end"
        room = (width - x - 2) if anchor == "start" else (x - 2) if anchor == "end" else width * 0.5
        lines = _wrap(label, font, size, room)
        value = "—" if v is None else f"{v * 100:.0f}"
        # Above the top vertex the value sits under the name; elsewhere the name comes first.
        block = [*lines, value]
        step = size + 1.5
        if math.sin(a) > 0.2:
            top = y + 3 + step * (len(block) - 1)
        elif math.sin(a) < -0.2:
            top = y - size - 1
        else:
            top = y + step * (len(block) - 1) / 2 - size / 2
        for k, text in enumerate(block):
            d.add(
                String(
                    x,
                    top - k * step,
                    text,
                    fontName=font,
                    fontSize=size,
                    fillColor=FILL if k == len(block) - 1 else LABEL,
                    textAnchor=anchor,
                )
            )
    for k, line in enumerate(caption):
        d.add(
            String(
                width / 2,
                2 + 8.5 * (len(caption) - 1 - k),
                line,
                fontName=font,
                fontSize=6.5,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    return d


def bars(
    items: Sequence[tuple[str, float, str]],
    *,
    font: str,
    width: float,
    maximum: float = 1.0,
    color: colors.Color = FILL,
    highlight: int = 0,
    row: float = 13.0,
    label_share: float = 0.42,
) -> Drawing:
    """Horizontal bars: (label, value, shown value) per row, largest scale ``maximum``; the
    first ``highlight`` rows in the accent colour. A label too long for one line takes two
    (the rows grow to fit) rather than being cut."""
    size = 7.0
    label_w = width * label_share
    bar_w = width - label_w - 34
    labels = [_wrap(label, font, size, label_w - 6) for label, _, _ in items]
    tall = max(row, 2 * size + 3) if any(len(lines) > 1 for lines in labels) else row
    height = tall * len(items) + 6
    d = _drawing(width, height, font)
    d.add(Line(label_w, 2, label_w, height - 2, strokeColor=GRID, strokeWidth=0.6))
    bar_h = min(row - 4, tall - 4)
    for i, ((_label, value, shown), lines) in enumerate(zip(items, labels, strict=True)):
        y = height - (i + 1) * tall
        middle = y + tall / 2
        first = middle - size / 2 + 1 + (size + 1) / 2 * (len(lines) - 1)
        for k, text in enumerate(lines):
            d.add(
                String(
                    label_w - 4,
                    first - k * (size + 1),
                    text,
                    fontName=font,
                    fontSize=size,
                    fillColor=LABEL,
                    textAnchor="end",
                )
            )
        length = max(0.0, min(1.0, value / maximum if maximum else 0.0)) * bar_w
        fill = colors.HexColor("#C0504D") if i < highlight else color
        d.add(
            Rect(
                label_w,
                middle - bar_h / 2,
                max(length, 0.5),
                bar_h,
                fillColor=fill,
                strokeColor=None,
            )
        )
        d.add(
            String(
                label_w + length + 3,
                middle - size / 2 + 1,
                shown,
                fontName=font,
                fontSize=size - 0.5,
                fillColor=LABEL,
            )
        )
    return d


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float]]],
    series: Sequence[tuple[str, colors.Color]],
    *,
    font: str,
    width: float,
    row: float = 14.0,
    label_share: float = 0.34,
    right: Sequence[str] = (),
) -> Drawing:
    """100 % stacked horizontal bars, one per row of counts, with a legend below; segments
    wide enough show their count; ``right`` adds a figure after each bar (e.g. an index)."""
    size = 7.5
    label_w = width * label_share
    right_w = 30 if right else 4
    bar_w = width - label_w - right_w
    legend_h = 14
    height = row * len(rows) + legend_h + 4
    d = _drawing(width, height, font)
    for i, (label, counts) in enumerate(rows):
        y = height - (i + 1) * row
        d.add(
            String(
                label_w - 4,
                y + 3,
                fit(label, font, size, label_w - 6),
                fontName=font,
                fontSize=size,
                fillColor=LABEL,
                textAnchor="end",
            )
        )
        total = sum(counts)
        x = label_w
        for (_name, color), count in zip(series, counts, strict=True):
            if not total or not count:
                continue
            w = bar_w * count / total
            d.add(
                Rect(
                    x, y + 1, w, row - 4, fillColor=color, strokeColor=colors.white, strokeWidth=0.4
                )
            )
            text = f"{count:g}"
            if w > stringWidth(text, font, size - 1) + 3:
                light = 0.299 * color.red + 0.587 * color.green + 0.114 * color.blue > 0.6
                d.add(
                    String(
                        x + w / 2,
                        y + 3.5,
                        text,
                        fontName=font,
                        fontSize=size - 1,
                        fillColor=LABEL if light else colors.white,
                        textAnchor="middle",
                    )
                )
            x += w
        if right:
            d.add(
                String(
                    width - 2,
                    y + 3,
                    right[i],
                    fontName=font,
                    fontSize=size,
                    fillColor=LABEL,
                    textAnchor="end",
                )
            )
    x = label_w
    for name, color in series:
        d.add(Rect(x, 3, 8, 7, fillColor=color, strokeColor=None))
        d.add(String(x + 10, 4, name, fontName=font, fontSize=size - 0.5, fillColor=LABEL))
        x += 16 + stringWidth(name, font, size - 0.5)
    return d
