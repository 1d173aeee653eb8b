"""Annotation shapes on screen: the pipeline's shapes (fieldapp.photos.annotation) painted
with QPainter, as graphics items the editor selects and moves, and over thumbnails.

The geometry follows fieldapp/photos/overlay.py (Pillow), so what is drawn in the app is
what an export or a printed report shows: coordinates are fractions of (width - 1) and
(height - 1), line widths and text sizes fractions of the shorter side, Pillow's outline
drawn inside its box, the arrow's head and the label's padding sized the same way.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    from fieldapp.photos.annotation import Shape

Size = tuple[float, float]
HIT_SLOP = 12.0  # px of the photo around a thin line that still picks it


def qcolor(value: str | None) -> QColor:
    """A ``#rrggbb`` / ``#rrggbbaa`` colour of the annotation format (Qt reads 8 digits as
    #aarrggbb, so the alpha is moved)."""
    if not value:
        return QColor(Qt.GlobalColor.transparent)
    digits = value.lstrip("#")
    colour = QColor("#" + digits[:6])
    if len(digits) == 8:
        colour.setAlpha(int(digits[6:], 16))
    return colour


def to_px(point: tuple[float, float], size: Size) -> QPointF:
    """A normalised point in pixels of a picture of ``size``."""
    return QPointF(point[0] * (size[0] - 1), point[1] * (size[1] - 1))


def to_norm(point: QPointF, size: Size) -> tuple[float, float]:
    """A pixel position as a normalised point, kept inside the picture."""
    x = point.x() / max(1.0, size[0] - 1)
    y = point.y() / max(1.0, size[1] - 1)
    return min(1.0, max(0.0, x)), min(1.0, max(0.0, y))


def line_px(shape: Shape, size: Size) -> float:
    """The stroke width of ``shape`` in pixels (as Pillow rounds it)."""
    return float(max(1, round(getattr(shape, "width", 0.0) * min(size))))


def label_font(shape: Any, size: Size) -> QFont:
    """The font of a text label: the app's (with its CJK fallbacks) at the label's height."""
    font = QFont()
    font.setPixelSize(max(8, round(shape.size * min(size))))
    return font


def label_box(shape: Any, size: Size) -> tuple[QRectF, float]:
    """The label's background box (kept inside the picture) and its padding."""
    font = label_font(shape, size)
    metrics = QFontMetricsF(font)
    pad = max(2.0, round(font.pixelSize() * 0.3))
    width = metrics.horizontalAdvance(shape.text) + 2 * pad
    height = metrics.height() + 2 * pad
    at = to_px(shape.at, size)
    x = min(max(0.0, at.x()), max(0.0, size[0] - width))
    y = min(max(0.0, at.y()), max(0.0, size[1] - height))
    return QRectF(x, y, width, height), pad


def _arrow_parts(shape: Any, size: Size, line: float) -> tuple[QPointF, QPointF, QPolygonF]:
    start, end = to_px(shape.start, size), to_px(shape.end, size)
    length = math.hypot(end.x() - start.x(), end.y() - start.y())
    if length < 1:
        return start, start, QPolygonF()
    head = min(length * 0.6, max(line * 4.0, min(size) * 0.025))
    ux, uy = (end.x() - start.x()) / length, (end.y() - start.y()) / length
    base = QPointF(end.x() - ux * head * 0.8, end.y() - uy * head * 0.8)
    spread = math.radians(26)
    wings = [
        QPointF(
            end.x() - head * (ux * math.cos(a) - uy * math.sin(a)),
            end.y() - head * (uy * math.cos(a) + ux * math.sin(a)),
        )
        for a in (spread, -spread)
    ]
    return start, base, QPolygonF([end, *wings])


def _inner_box(shape: Any, size: Size, line: float) -> QRectF:
    top_left, bottom_right = to_px(shape.box[:2], size), to_px(shape.box[2:], size)
    box = QRectF(top_left, bottom_right).normalized()
    # Pillow draws an outline inside its box; Qt centres it on the edge.
    inset = min(line / 2, box.width() / 2, box.height() / 2)
    return box.adjusted(inset, inset, -inset, -inset)


def paint_shape(painter: QPainter, shape: Shape, size: Size) -> None:
    """Draw ``shape`` on a picture of ``size`` pixels (the painter's coordinates)."""
    from fieldapp.photos.annotation import Arrow, Ellipse, Polyline, Rectangle, TextLabel

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if isinstance(shape, TextLabel):
        box, pad = label_box(shape, size)
        painter.setPen(Qt.PenStyle.NoPen)
        if shape.background:
            painter.setBrush(qcolor(shape.background))
            painter.drawRoundedRect(box, pad, pad)
        painter.setFont(label_font(shape, size))
        painter.setPen(qcolor(shape.color))
        inner = box.adjusted(pad, pad, -pad, -pad)
        painter.drawText(
            inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), shape.text
        )
        painter.restore()
        return
    line = line_px(shape, size)
    colour = qcolor(shape.color)
    pen = QPen(colour, line)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if isinstance(shape, Arrow):
        start, base, head = _arrow_parts(shape, size, line)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLine(start, base)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(head)
    elif isinstance(shape, Ellipse | Rectangle):
        painter.setPen(pen)
        painter.setBrush(QBrush(qcolor(shape.fill)) if shape.fill else Qt.BrushStyle.NoBrush)
        box = _inner_box(shape, size, line)
        if isinstance(shape, Ellipse):
            painter.drawEllipse(box)
        else:
            painter.drawRect(box)
    elif isinstance(shape, Polyline):
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        points = [to_px(p, size) for p in shape.points]
        if shape.closed:
            points.append(points[0])
        painter.drawPolyline(QPolygonF(points))
    painter.restore()


def outline(shape: Shape, size: Size) -> QPainterPath:
    """The area that picks ``shape`` (its stroke widened by a finger's slop, or the label)."""
    from fieldapp.photos.annotation import Arrow, Ellipse, Polyline, Rectangle, TextLabel

    path = QPainterPath()
    if isinstance(shape, TextLabel):
        path.addRect(label_box(shape, size)[0])
        return path
    line = line_px(shape, size)
    if isinstance(shape, Arrow):
        start, base, head = _arrow_parts(shape, size, line)
        path.moveTo(start)
        path.lineTo(base)
        path.addPolygon(head)
    elif isinstance(shape, Ellipse | Rectangle):
        box = _inner_box(shape, size, line)
        if isinstance(shape, Ellipse):
            path.addEllipse(box)
        else:
            path.addRect(box)
    elif isinstance(shape, Polyline):
        points = [to_px(p, size) for p in shape.points]
        path.addPolygon(QPolygonF(points))
    stroker = QPainterPathStroker()
    stroker.setWidth(line + HIT_SLOP)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(path)


def translated(shape: Shape, dx: float, dy: float, size: Size) -> Shape:
    """``shape`` moved by (dx, dy) pixels, kept inside the picture."""
    from fieldapp.photos.annotation import Arrow, Polyline, TextLabel

    nx, ny = dx / max(1.0, size[0] - 1), dy / max(1.0, size[1] - 1)
    points: list[tuple[float, float]]
    if isinstance(shape, Arrow):
        points = [shape.start, shape.end]
    elif isinstance(shape, Polyline):
        points = list(shape.points)
    elif isinstance(shape, TextLabel):
        points = [shape.at]
    else:
        points = [shape.box[:2], shape.box[2:]]
    # The whole shape moves by the same amount, stopped at the picture's edges.
    nx = min(max(nx, -min(p[0] for p in points)), 1 - max(p[0] for p in points))
    ny = min(max(ny, -min(p[1] for p in points)), 1 - max(p[1] for p in points))
    moved = [(p[0] + nx, p[1] + ny) for p in points]
    if isinstance(shape, Arrow):
        return dataclasses.replace(shape, start=moved[0], end=moved[1])
    if isinstance(shape, Polyline):
        return dataclasses.replace(shape, points=tuple(moved))
    if isinstance(shape, TextLabel):
        return dataclasses.replace(shape, at=moved[0])
    return dataclasses.replace(shape, box=(*moved[0], *moved[1]))


def restyled(shape: Shape, *, color: str | None = None, width: float | None = None) -> Shape:
    """``shape`` in another colour and/or line width (a label keeps its own width: none)."""
    from fieldapp.photos.annotation import TextLabel

    changes: dict[str, Any] = {}
    if color is not None:
        changes["color"] = color
    if width is not None and not isinstance(shape, TextLabel):
        changes["width"] = width
    return dataclasses.replace(shape, **changes) if changes else shape


class ShapeItem(QGraphicsItem):
    """One annotation shape on the editor's photo: selectable and movable; its ``shape``
    (the pipeline's dataclass, normalised) is what gets saved."""

    def __init__(self, shape: Shape, size: Size) -> None:
        super().__init__()
        self.data_shape = shape
        self.size = size
        self._outline = outline(shape, size)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)

    def set_shape(self, shape: Shape) -> None:
        """Show another version of the shape (undo, redo, a move or a restyle)."""
        self.prepareGeometryChange()
        self.data_shape = shape
        self._outline = outline(shape, self.size)
        self.setPos(0, 0)
        self.update()

    def moved_shape(self) -> Shape:
        """The shape where the item has been dragged to."""
        return translated(self.data_shape, self.pos().x(), self.pos().y(), self.size)

    def boundingRect(self) -> QRectF:
        return self._outline.boundingRect().adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        paint_shape(painter, self.data_shape, self.size)
        if self.isSelected():
            pen = QPen(QColor("#0a84ff"), 0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._outline.boundingRect())
