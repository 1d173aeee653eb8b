"""The annotation editor's drawing surface: the photo with its shapes, the drawing tools,
and every change as an undoable command.

Scene coordinates are the photo's pixels, so shapes are drawn exactly as Pillow renders
them (fieldapp/ui/annotation_items.py); the view only scales the whole picture to fit.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView

from fieldapp.ui.annotation_items import ShapeItem, restyled, to_norm

if TYPE_CHECKING:
    from fieldapp.photos.annotation import Annotation, Shape

TOOLS = ("select", "arrow", "ellipse", "rectangle", "freehand", "text")
MIN_DRAG_PX = 6.0  # on screen: a shorter drag is a tap, not a shape
FREEHAND_STEP_PX = 2.0  # on screen: finer points add nothing a finger can draw
MAX_POINTS = 5000  # the annotation format's limit for one line


class AddShapes(QUndoCommand):
    """Shapes drawn (or a deletion undone)."""

    def __init__(self, canvas: AnnotationCanvas, items: list[ShapeItem], label: str) -> None:
        super().__init__(label)
        self.canvas = canvas
        self.items = items

    def redo(self) -> None:
        for item in self.items:
            self.canvas.insert_item(item)

    def undo(self) -> None:
        for item in reversed(self.items):
            self.canvas.take_item(item)


class RemoveShapes(QUndoCommand):
    """Shapes deleted; undo puts each back at its place in the drawing order."""

    def __init__(self, canvas: AnnotationCanvas, items: list[ShapeItem], label: str) -> None:
        super().__init__(label)
        self.canvas = canvas
        self.placed = sorted((canvas.shape_items.index(i), i) for i in items)

    def redo(self) -> None:
        for _, item in reversed(self.placed):
            self.canvas.take_item(item)

    def undo(self) -> None:
        for index, item in self.placed:
            self.canvas.insert_item(item, index)


class ReplaceShape(QUndoCommand):
    """A shape moved, recoloured or re-worded."""

    def __init__(self, item: ShapeItem, new: Shape, label: str, parent: Any = None) -> None:
        super().__init__(label, parent)
        self.item = item
        self.old = item.data_shape
        self.new = new

    def redo(self) -> None:
        self.item.set_shape(self.new)

    def undo(self) -> None:
        self.item.set_shape(self.old)


class AnnotationCanvas(QGraphicsView):
    """The photo and its shapes. The current tool draws with the current colour and width;
    "select" picks, drags and deletes shapes. Changes go through ``undo_stack``."""

    message = Signal(str)

    def __init__(self, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.setObjectName("annotation_canvas")
        self.undo_stack = undo_stack
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(QColor("#2b2f33"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.photo_item = QGraphicsPixmapItem()
        self.photo_item.setZValue(-1)
        self.scene_.addItem(self.photo_item)
        self.size = (1.0, 1.0)
        self.shape_items: list[ShapeItem] = []
        self.tool = "select"
        self.color = "#ff3b30"
        self.width = 0.007
        self.text_size = 0.04
        self.label_text = ""
        self._drawing: ShapeItem | None = None
        self._start = QPointF()
        self._points: list[QPointF] = []
        self.set_tool("select")

    # -- contents --------------------------------------------------------------------------
    def set_photo(self, image: QImage) -> None:
        """Show the photo (its pixels are the scene's coordinates)."""
        self.photo_item.setPixmap(QPixmap.fromImage(image))
        self.size = (float(image.width()), float(image.height()))
        self.scene_.setSceneRect(QRectF(0, 0, image.width(), image.height()))
        for item in self.shape_items:
            item.size = self.size
            item.set_shape(item.data_shape)
        self._fit()

    def load(self, annotation: Annotation) -> None:
        """Show a stored overlay (not an undoable change)."""
        for item in list(self.shape_items):
            self.take_item(item)
        for shape in annotation.shapes:
            self.insert_item(ShapeItem(shape, self.size))

    def annotation(self) -> Annotation:
        """The shapes as drawn now, in drawing order."""
        from fieldapp.photos.annotation import Annotation

        return Annotation(tuple(item.data_shape for item in self.shape_items))

    def insert_item(self, item: ShapeItem, index: int | None = None) -> None:
        """Put a shape item on the photo (commands only)."""
        at = len(self.shape_items) if index is None else index
        self.shape_items.insert(at, item)
        self.scene_.addItem(item)
        for z, each in enumerate(self.shape_items):
            each.setZValue(z)

    def take_item(self, item: ShapeItem) -> None:
        """Take a shape item off the photo (commands only)."""
        if item in self.shape_items:
            self.shape_items.remove(item)
            item.setSelected(False)
            self.scene_.removeItem(item)

    def selected_items(self) -> list[ShapeItem]:
        """The selected shapes, in drawing order."""
        return [i for i in self.shape_items if i.isSelected()]

    # -- editing ---------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        """Choose what a drag on the photo does."""
        self.tool = tool
        self.setDragMode(
            QGraphicsView.DragMode.RubberBandDrag
            if tool == "select"
            else QGraphicsView.DragMode.NoDrag
        )
        for item in self.shape_items:
            item.setFlag(item.GraphicsItemFlag.ItemIsMovable, tool == "select")
            item.setFlag(item.GraphicsItemFlag.ItemIsSelectable, tool == "select")
        self.viewport().setCursor(
            Qt.CursorShape.ArrowCursor if tool == "select" else Qt.CursorShape.CrossCursor
        )

    def add_shape(self, shape: Shape, label: str = "") -> ShapeItem:
        """Add a shape as one undoable step."""
        item = ShapeItem(shape, self.size)
        if self.tool != "select":
            item.setFlag(item.GraphicsItemFlag.ItemIsMovable, False)
            item.setFlag(item.GraphicsItemFlag.ItemIsSelectable, False)
        self.undo_stack.push(AddShapes(self, [item], label or self.tr("添加图形")))
        return item

    def delete_selected(self) -> int:
        """Delete the selected shapes (one undoable step); how many."""
        items = self.selected_items()
        if items:
            self.undo_stack.push(RemoveShapes(self, items, self.tr("删除图形")))
        return len(items)

    def replace(self, item: ShapeItem, shape: Shape, label: str) -> None:
        """Change one shape as one undoable step."""
        if shape != item.data_shape:
            self.undo_stack.push(ReplaceShape(item, shape, label))

    def restyle_selected(
        self, *, color: str | None = None, width: float | None = None, size: float | None = None
    ) -> None:
        """Give the selected shapes a colour, line width or text size (one step)."""
        import dataclasses

        from fieldapp.photos.annotation import TextLabel

        changes = []
        for item in self.selected_items():
            shape = restyled(item.data_shape, color=color, width=width)
            if size is not None and isinstance(shape, TextLabel):
                shape = dataclasses.replace(shape, size=size)
            if shape != item.data_shape:
                changes.append((item, shape))
        if not changes:
            return
        self.undo_stack.beginMacro(self.tr("修改样式"))
        for item, shape in changes:
            self.undo_stack.push(ReplaceShape(item, shape, self.tr("修改样式")))
        self.undo_stack.endMacro()

    # -- drawing with the mouse, pen or finger ---------------------------------------------
    def _scene_point(self, event: QMouseEvent) -> QPointF:
        point = self.mapToScene(event.position().toPoint())
        return QPointF(
            min(max(point.x(), 0.0), self.size[0] - 1), min(max(point.y(), 0.0), self.size[1] - 1)
        )

    def _screen_px(self) -> float:
        """How many photo pixels one screen pixel covers."""
        return 1.0 / max(1e-6, self.transform().m11())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool == "select" or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._start = self._scene_point(event)
        self._points = [self._start]
        if self.tool == "text":
            return
        self._drawing = ShapeItem(self._shape_to(self._start, event), self.size)
        self._drawing.setFlag(self._drawing.GraphicsItemFlag.ItemIsSelectable, False)
        self._drawing.setFlag(self._drawing.GraphicsItemFlag.ItemIsMovable, False)
        self._drawing.setZValue(len(self.shape_items) + 1)
        self.scene_.addItem(self._drawing)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing is None:
            super().mouseMoveEvent(event)
            return
        point = self._scene_point(event)
        if self.tool == "freehand":
            last = self._points[-1]
            step = FREEHAND_STEP_PX * self._screen_px()
            if math.hypot(point.x() - last.x(), point.y() - last.y()) < step:
                return
            if len(self._points) < MAX_POINTS:
                self._points.append(point)
        self._drawing.set_shape(self._shape_to(point, event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.tool == "select":
            super().mouseReleaseEvent(event)
            self._commit_moves()
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self._scene_point(event)
        if self.tool == "text":
            self._place_label(self._start)
            return
        drawing, self._drawing = self._drawing, None
        if drawing is None:
            return
        self.scene_.removeItem(drawing)
        if self.tool == "freehand" and point != self._points[-1]:
            self._points.append(point)
        reach = [*self._points, point]
        xs, ys = [p.x() for p in reach], [p.y() for p in reach]
        if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_DRAG_PX * self._screen_px():
            self.message.emit(self.tr("按住并拖动来画图形。"))
            return
        self.add_shape(self._shape_to(point, event), self.tr("画图形"))

    def _shape_to(self, end: QPointF, event: QMouseEvent) -> Shape:
        from fieldapp.photos.annotation import Arrow, Ellipse, Polyline, Rectangle

        start = self._start
        if self.tool == "ellipse" and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            side = max(abs(end.x() - start.x()), abs(end.y() - start.y()))  # a circle
            end = QPointF(
                start.x() + math.copysign(side, end.x() - start.x()),
                start.y() + math.copysign(side, end.y() - start.y()),
            )
        a, b = to_norm(start, self.size), to_norm(end, self.size)
        style = {"color": self.color, "width": self.width}
        if self.tool == "arrow":
            return Arrow(start=a, end=b, **style)
        if self.tool == "freehand":
            points = tuple(to_norm(p, self.size) for p in self._points)
            if len(points) < 2:
                points = (a, b)
            return Polyline(points=points, **style)
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        if self.tool == "ellipse":
            return Ellipse(box=box, **style)
        return Rectangle(box=box, **style)

    def _place_label(self, at: QPointF) -> None:
        from fieldapp.photos.annotation import TextLabel

        words = self.label_text.strip()
        if not words:
            self.message.emit(self.tr("先在“文字”框中输入标注文字，再点击照片放置。"))
            return
        label = TextLabel(
            at=to_norm(at, self.size), text=words[:200], color=self.color, size=self.text_size
        )
        self.add_shape(label, self.tr("添加文字"))

    def _commit_moves(self) -> None:
        moved = [i for i in self.shape_items if not i.pos().isNull()]
        if not moved:
            return
        self.undo_stack.beginMacro(self.tr("移动图形"))
        for item in moved:
            self.undo_stack.push(ReplaceShape(item, item.moved_shape(), self.tr("移动图形")))
        self.undo_stack.endMacro()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            return
        super().keyPressEvent(event)

    # -- fitting ---------------------------------------------------------------------------
    def _fit(self) -> None:
        if self.size != (1.0, 1.0):
            self.fitInView(self.scene_.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
