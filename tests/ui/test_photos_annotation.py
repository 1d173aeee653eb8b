"""The annotation editor: every shape drawn with the mouse, select/move/delete, colours,
undo and redo from the keyboard, saving on the writer (the photo file untouched), reopening
editable, and the evidence-stamped view."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldapp.photos import (
    Annotation,
    Arrow,
    Ellipse,
    Polyline,
    Rectangle,
    TextLabel,
    import_photos,
    load_annotation,
)
from fieldapp.store import Store
from fieldapp.store.paths import photo_path
from fieldapp.ui.annotation_editor import AnnotationEditor


@pytest.fixture
def app(make_app, data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    source = tmp_path / "wall.jpg"
    image = Image.new("RGB", (1200, 900), (180, 170, 150))
    ImageDraw.Draw(image).line((100, 800, 1100, 120), fill=(60, 50, 40), width=9)
    image.save(source, "JPEG", quality=90)
    with Store.open(data_dir) as store:
        project = store.create_project("标注测试")
        community = store.create_community(project.id, "光明社区")
        [result] = import_photos(store, [source], community_id=community.id)
    app = make_app(data_dir)
    app.photo = result.photo
    return app


def open_editor(app) -> AnnotationEditor:  # type: ignore[no-untyped-def]
    photo = app.writer.reader().photo(app.photo.id)
    editor = AnnotationEditor(app.window.photo_context(), photo, location="3 号楼东侧")
    app.qtbot.addWidget(editor)
    editor.resize(1200, 760)
    editor.show()
    app.qtbot.waitUntil(lambda: editor.loaded, timeout=5000)
    return editor


def _mouse(widget, kind: QEvent.Type, at: QPoint, buttons: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        QPointF(at),
        widget.mapToGlobal(QPointF(at)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(editor: AnnotationEditor, tool: str, points: list[tuple[float, float]]) -> None:
    """Press at the first point, move through the others, release at the last (points as
    fractions of the photo, mapped to the screen)."""
    editor.set_tool(tool)
    canvas = editor.canvas
    w, h = canvas.size
    screen = [canvas.mapFromScene(QPointF(x * (w - 1), y * (h - 1))) for x, y in points]
    viewport = canvas.viewport()
    left = Qt.MouseButton.LeftButton
    _mouse(viewport, QEvent.Type.MouseButtonPress, screen[0], left)
    for at in screen[1:]:
        _mouse(viewport, QEvent.Type.MouseMove, at, left)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, screen[-1], Qt.MouseButton.NoButton)


def test_draw_every_shape_undo_redo_save_and_reopen(app) -> None:  # type: ignore[no-untyped-def]
    stored = photo_path(app.writer.data_dir, app.photo.sha256)
    before = hashlib.sha256(stored.read_bytes()).hexdigest()
    editor = open_editor(app)
    assert editor.canvas.annotation().shapes == ()
    drag(editor, "arrow", [(0.2, 0.2), (0.35, 0.3), (0.5, 0.45)])
    drag(editor, "ellipse", [(0.55, 0.1), (0.8, 0.35)])
    editor._choose_color(1)  # yellow from now on
    drag(editor, "rectangle", [(0.1, 0.6), (0.3, 0.9)])
    drag(editor, "freehand", [(0.4, 0.7), (0.45, 0.75), (0.5, 0.72), (0.6, 0.8)])
    editor.label_text.setText("墙面开裂")
    drag(editor, "text", [(0.6, 0.6)])
    shapes = editor.canvas.annotation().shapes
    assert [type(s) for s in shapes] == [Arrow, Ellipse, Rectangle, Polyline, TextLabel]
    arrow = shapes[0]
    assert arrow.start == pytest.approx((0.2, 0.2), abs=0.01)
    assert arrow.end == pytest.approx((0.5, 0.45), abs=0.01)
    assert shapes[0].color == "#ff3b30" and shapes[2].color == "#ffcc00"
    assert len(shapes[3].points) >= 4
    assert shapes[4].text == "墙面开裂"
    # A tap is not a shape.
    drag(editor, "rectangle", [(0.3, 0.3), (0.3, 0.3)])
    assert len(editor.canvas.annotation().shapes) == 5
    # Undo and redo from the keyboard.
    editor.activateWindow()
    app.qtbot.waitUntil(lambda: editor.isActiveWindow(), timeout=2000)
    QTest.keyClick(editor.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [type(s) for s in editor.canvas.annotation().shapes] == [Arrow, Ellipse, Rectangle]
    QTest.keyClick(editor.canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.canvas.annotation().shapes) == 4
    QTest.keyClick(editor.canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.canvas.annotation().shapes == shapes
    # Save: on the writer, into the photo's annotation; the file is untouched.
    editor.save()
    app.settle()
    assert not editor.isVisible()
    photo = app.writer.reader().photo(app.photo.id)
    assert load_annotation(photo) == Annotation(shapes)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == before == photo.sha256
    # Reopened, the shapes are there and editable.
    again = open_editor(app)
    assert again.canvas.annotation().shapes == shapes
    assert all(
        item.flags() & item.GraphicsItemFlag.ItemIsMovable for item in again.canvas.shape_items
    )
    again.canvas.shape_items[1].setSelected(True)
    again.canvas.delete_selected()
    assert len(again.canvas.annotation().shapes) == 4
    again.undo_action.trigger()
    assert again.canvas.annotation().shapes == shapes


def test_select_move_restyle_delete_and_reword(app) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(app)
    drag(editor, "rectangle", [(0.1, 0.1), (0.3, 0.3)])
    editor.label_text.setText("积水")
    drag(editor, "text", [(0.5, 0.5)])
    editor.set_tool("select")
    rect_item, label_item = editor.canvas.shape_items
    # Drag the rectangle by its edge 10% to the right.
    drag(editor, "select", [(0.1, 0.2), (0.15, 0.2), (0.2, 0.2)])
    moved = editor.canvas.annotation().shapes[0]
    assert moved.box == pytest.approx((0.2, 0.1, 0.4, 0.3), abs=0.01)
    editor.undo_action.trigger()
    assert editor.canvas.annotation().shapes[0].box == pytest.approx((0.1, 0.1, 0.3, 0.3), abs=0.01)
    # Restyle the selection: colour and weight; re-word the selected label.
    rect_item.setSelected(False)
    label_item.setSelected(True)
    editor._choose_color(3)
    editor.weight.setCurrentIndex(2)
    editor.label_text.setText("路面积水")
    editor.label_text.returnPressed.emit()
    label = editor.canvas.annotation().shapes[1]
    assert (label.color, label.size, label.text) == ("#0a84ff", 0.055, "路面积水")
    # Delete with the key.
    editor.canvas.setFocus()
    QTest.keyClick(editor.canvas, Qt.Key.Key_Delete)
    assert [type(s) for s in editor.canvas.annotation().shapes] == [Rectangle]
    # Leaving with unsaved changes asks first.
    editor.reject()
    assert editor.isVisible() and editor.message_box is not None
    editor._leave()
    assert not editor.isVisible()
    assert app.writer.reader().photo(app.photo.id).annotation is None


def test_stamped_view_shows_the_evidence_rendering(app) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor(app)
    drag(editor, "ellipse", [(0.3, 0.3), (0.6, 0.6)])
    editor.stamp_toggle.setChecked(True)
    app.qtbot.waitUntil(lambda: editor.stamped is not None, timeout=10000)
    assert editor.stack.currentWidget() is editor.preview
    image = editor.stamped
    assert (image.width(), image.height()) == (1200, 900)
    # The stamp's amber bar is burned into the lower left of the rendering, not the photo.
    stamp_pixel = image.pixelColor(33, image.height() - 45)  # see render_stamp's geometry
    assert stamp_pixel.red() > 200 and stamp_pixel.green() > 120 and stamp_pixel.blue() < 60
    editor.stamp_toggle.setChecked(False)
    assert editor.stack.currentWidget() is editor.canvas
