"""The annotation editor: draw arrows, circles, boxes, freehand lines and Chinese labels
over a photo, undo and redo, and save them as the photo's vector overlay.

The stored photo never changes: the overlay is saved with ``save_annotation`` on the writer
and reopens as editable shapes. "水印效果" shows what an export will look like — the photo
rendered by the pipeline (Pillow) with the overlay and the evidence stamp — for checking.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPixmap, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text
from fieldapp.ui.annotation_canvas import AnnotationCanvas
from fieldapp.ui.i18n import text
from fieldapp.ui.style import TOUCH
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.ui.ops import Progress
    from fieldapp.ui.photos_import import PhotoContext

COLORS = ("#ff3b30", "#ffcc00", "#34c759", "#0a84ff", "#ffffff", "#000000")
# (line width, text size) of 细 / 中 / 粗, as fractions of the photo's shorter side.
WEIGHTS = ((0.004, 0.03), (0.007, 0.04), (0.012, 0.055))
PREVIEW_EDGE = 1600  # px: the stamped preview is for checking, not for print


class _Preview(QGraphicsView):
    """The evidence-stamped rendering, fitted to the window."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("annotation_preview")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#2b2f33"))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)

    def show_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(0, 0, image.width(), image.height()))
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


class AnnotationEditor(QDialog):
    """A photo with its annotation overlay, editable: tools (select, arrow, circle, box,
    freehand, text), colour and weight, undo/redo (Ctrl+Z / Ctrl+Y), delete, the stamped
    preview, and 保存 (the overlay only — the photo file is never changed)."""

    saved = Signal(object)  # the Photo with its new annotation

    def __init__(
        self,
        ctx: PhotoContext,
        photo: Photo,
        *,
        location: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.photo = photo
        self.location = location
        self.loaded = False
        self.stamped: QImage | None = None
        self.message_box: QMessageBox | None = None
        self._leaving = False
        self.setWindowTitle(self.tr("标注照片") + (f" · {photo.caption}" if photo.caption else ""))
        self.resize(1200, 760)
        self.undo_stack = QUndoStack(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._tool_row())
        self.stack = QStackedWidget()
        self.canvas = AnnotationCanvas(self.undo_stack)
        self.canvas.message.connect(self._note)
        self.preview = _Preview()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.preview)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._action_row())
        self.undo_stack.cleanChanged.connect(self._stack_changed)
        self.undo_stack.indexChanged.connect(self._stack_changed)
        self.canvas.scene_.selectionChanged.connect(self._selection_changed)
        self.tools.button(0).setChecked(True)
        self._choose_color(0)
        self.weight.setCurrentIndex(1)
        self._load()

    # -- building --------------------------------------------------------------------------
    def _tool_button(self, label: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(label)
        button.setToolTip(tip)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setMinimumSize(TOUCH + 20, TOUCH)
        return button

    def _tool_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.tools = QButtonGroup(self)
        names = (
            (self.tr("选择"), self.tr("选择、拖动、删除图形")),
            (self.tr("箭头"), self.tr("拖动画箭头，箭头指向松开处")),
            (self.tr("圆圈"), self.tr("拖动画椭圆；按住 Shift 画正圆")),
            (self.tr("方框"), self.tr("拖动画矩形框")),
            (self.tr("手绘"), self.tr("按住拖动画自由线条")),
            (self.tr("文字"), self.tr("在右侧输入文字，再点击照片放置")),
        )
        from fieldapp.ui.annotation_canvas import TOOLS

        for i, ((label, tip), tool) in enumerate(zip(names, TOOLS, strict=True)):
            button = self._tool_button(label, tip, f"tool_{tool}")
            self.tools.addButton(button, i)
            row.addWidget(button)
        self.tools.idClicked.connect(lambda i: self.set_tool(TOOLS[i]))
        row.addSpacing(16)
        self.colors = QButtonGroup(self)
        names = (
            self.tr("红"),
            self.tr("黄"),
            self.tr("绿"),
            self.tr("蓝"),
            self.tr("白"),
            self.tr("黑"),
        )
        for i, (colour, name) in enumerate(zip(COLORS, names, strict=True)):
            swatch = self._tool_button("", self.tr("颜色：{0}").format(name), f"color_{i}")
            swatch.setAccessibleName(name)
            swatch.setMinimumSize(TOUCH, TOUCH)
            swatch.setStyleSheet(
                f"QToolButton {{ background: {colour}; border: 2px solid #888; border-radius: 4px; }}"
                "QToolButton:checked { border: 4px solid #0a84ff; }"
            )
            self.colors.addButton(swatch, i)
            row.addWidget(swatch)
        self.colors.idClicked.connect(self._choose_color)
        row.addSpacing(16)
        self.weight = QComboBox()
        self.weight.setObjectName("annotation_weight")
        self.weight.setToolTip(self.tr("线条粗细和文字大小"))
        for label in (self.tr("细"), self.tr("中"), self.tr("粗")):
            self.weight.addItem(label)
        self.weight.currentIndexChanged.connect(self._choose_weight)
        row.addWidget(self.weight)
        self.label_text = QLineEdit()
        self.label_text.setObjectName("annotation_text")
        self.label_text.setPlaceholderText(self.tr("标注文字，如：墙面开裂"))
        self.label_text.setMaxLength(200)
        self.label_text.textChanged.connect(self._label_typed)
        self.label_text.returnPressed.connect(self._reword_selected)
        row.addWidget(self.label_text, 1)
        return row

    def _action_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setMinimumSize(TOUCH + 20, TOUCH)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        # The actions' text names the step ("撤销 添加图形"); the tooltips name the keys.
        self.undo_action.setToolTip(self.tr("撤销（Ctrl+Z）"))
        self.redo_action.setToolTip(self.tr("重做（Ctrl+Y）"))
        self.delete_button = QPushButton(self.tr("删除所选"))
        self.delete_button.setObjectName("annotation_delete")
        self.delete_button.setToolTip(self.tr("删除所选图形（Delete）"))
        self.delete_button.clicked.connect(self.canvas.delete_selected)
        row.addWidget(self.delete_button)
        self.stamp_toggle = QPushButton(self.tr("查看水印效果"))
        self.stamp_toggle.setObjectName("annotation_stamp_view")
        self.stamp_toggle.setCheckable(True)
        self.stamp_toggle.setToolTip(
            self.tr("显示导出和打印时的样子：标注加上社区、时间、位置和体检员水印（仅供查看）")
        )
        self.stamp_toggle.toggled.connect(self.show_stamped)
        row.addWidget(self.stamp_toggle)
        self.status = role_label(self.tr("正在打开照片…"), "hint")
        self.status.setObjectName("annotation_status")
        row.addWidget(self.status, 1)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("annotation_save")
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        row.addWidget(self.save_button)
        row.addWidget(cancel)
        return row

    # -- loading ---------------------------------------------------------------------------
    def _load(self) -> None:
        from fieldapp.store.paths import photo_path

        path = str(photo_path(self.ctx.writer.data_dir, self.photo.sha256))

        def read(_progress: Progress) -> QImage:
            from PySide6.QtGui import QImageReader

            reader = QImageReader(path)
            image = reader.read()
            if image.isNull():
                reason = reader.errorString()
                raise FieldappError(
                    Text(f"无法打开照片文件：{reason}", f"Cannot open the photo file: {reason}")
                )
            return image

        self.ctx.ops.run(read, on_success=self._loaded, on_failure=self._failed)

    def _loaded(self, image: QImage) -> None:
        from fieldapp.photos import AnnotationError, load_annotation

        self.canvas.set_photo(image)
        try:
            self.canvas.load(load_annotation(self.photo))
            self._note("")
        except AnnotationError as exc:
            self._note(self.tr("已保存的标注无法读取，将从空白开始：{0}").format(text(exc.text)))
        self.undo_stack.clear()
        self.loaded = True
        self.save_button.setEnabled(True)
        self._update_title()

    def _failed(self, exc: BaseException) -> None:
        shown = text(exc.text) if isinstance(exc, FieldappError) else str(exc)
        self.status.setProperty("role", "error")
        self.status.style().polish(self.status)
        self.status.setText(shown)

    def _note(self, message: str) -> None:
        self.status.setProperty("role", "hint")
        self.status.style().polish(self.status)
        self.status.setText(message)

    # -- tools -----------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        """Choose the drawing tool (select, arrow, ellipse, rectangle, freehand, text)."""
        from fieldapp.ui.annotation_canvas import TOOLS

        self.canvas.set_tool(tool)
        self.tools.button(TOOLS.index(tool)).setChecked(True)
        if self.stamp_toggle.isChecked():
            self.stamp_toggle.setChecked(False)

    def _choose_color(self, index: int) -> None:
        self.colors.button(index).setChecked(True)
        self.canvas.color = COLORS[index]
        self.canvas.restyle_selected(color=COLORS[index])

    def _choose_weight(self, index: int) -> None:
        width, size = WEIGHTS[index]
        self.canvas.width, self.canvas.text_size = width, size
        self.canvas.restyle_selected(width=width, size=size)

    def _label_typed(self, words: str) -> None:
        self.canvas.label_text = words

    def _selected_label(self) -> Any:
        from fieldapp.photos.annotation import TextLabel

        items = self.canvas.selected_items()
        if len(items) == 1 and isinstance(items[0].data_shape, TextLabel):
            return items[0]
        return None

    def _selection_changed(self) -> None:
        item = self._selected_label()
        self.delete_button.setEnabled(bool(self.canvas.selected_items()))
        if item is not None:
            self.label_text.setText(item.data_shape.text)

    def _reword_selected(self) -> None:
        item = self._selected_label()
        words = self.label_text.text().strip()
        if item is not None and words:
            self.canvas.replace(
                item, dataclasses.replace(item.data_shape, text=words), self.tr("修改文字")
            )

    def _stack_changed(self, *_args: Any) -> None:
        # The stack also signals from its destructor, while the dialog is being torn down.
        if shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self.status):
            self._after_change()
            self._update_title()

    def _after_change(self) -> None:
        self.stamped = None
        if self.stamp_toggle.isChecked():
            self.show_stamped(True)

    def _update_title(self) -> None:
        count = len(self.canvas.shape_items)
        state = self.tr("未保存") if not self.undo_stack.isClean() else self.tr("已保存")
        if self.loaded:
            self._note(self.tr("{0} 个图形 · {1}").format(count, state))

    # -- the stamped view ------------------------------------------------------------------
    def show_stamped(self, on: bool) -> None:
        """Show the pipeline's rendering with the evidence stamp (or go back to editing)."""
        if not on:
            self.stack.setCurrentWidget(self.canvas)
            return
        self.stack.setCurrentWidget(self.preview)
        if self.stamped is not None:
            self.preview.show_image(self.stamped)
            return
        self._note(self.tr("正在生成水印效果…"))
        writer, surveyor = self.ctx.writer, self.ctx.surveyor() or None
        photo = dataclasses.replace(self.photo, annotation=self.canvas.annotation().to_json())
        location = self.location

        def render(_progress: Progress) -> QImage:
            from fieldapp.photos import StampInfo, render_photo

            reader = writer.new_reader()
            try:
                community = reader.community(photo.community_id).name if photo.community_id else ""
            finally:
                reader.close()
            info = StampInfo.for_photo(photo, community, surveyor, location)
            image = render_photo(writer.data_dir, photo, stamp=info, long_edge=PREVIEW_EDGE)
            data = image.tobytes("raw", "RGB")
            return QImage(
                data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888
            ).copy()

        def shown(image: QImage) -> None:
            self.stamped = image
            if self.stamp_toggle.isChecked():
                self.preview.show_image(image)
            self._update_title()

        def failed(exc: BaseException) -> None:
            self.stamp_toggle.setChecked(False)
            self._failed(exc)

        self.ctx.ops.run(render, on_success=shown, on_failure=failed)

    # -- saving and leaving ----------------------------------------------------------------
    def save(self) -> None:
        """Store the overlay with the photo; the dialog closes once it is on disk."""
        if not self.loaded:
            return
        from fieldapp.photos import save_annotation

        annotation, photo_id = self.canvas.annotation(), self.photo.id
        self.save_button.setEnabled(False)
        self._note(self.tr("保存中…"))
        self.ctx.writer.submit(
            lambda s: save_annotation(s, photo_id, annotation),
            on_success=self._saved,
            on_failure=self._save_failed,
        )

    def _saved(self, photo: Photo) -> None:
        self.photo = photo
        self.undo_stack.setClean()
        self.saved.emit(photo)
        self._leaving = True
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._failed(exc)

    def reject(self) -> None:
        if self._leaving or self.undo_stack.isClean():
            super().reject()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("放弃修改？"),
            self.tr("标注有未保存的修改。放弃这些修改吗？"),
            parent=self,
        )
        discard = box.addButton(self.tr("放弃修改"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("继续编辑"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self._leave() if b is discard else None)
        self.message_box = box
        box.open()

    def _leave(self) -> None:
        self._leaving = True
        super().reject()
