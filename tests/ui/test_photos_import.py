"""Getting photos in through the widgets: file dialog, folder, drop, paste, into a problem and
into a photo question, with progress, cancel, a visible refusal, and the no-camera path."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from fieldapp.core.forms import load_form_text
from fieldapp.store import Store
from fieldapp.ui import camera
from fieldapp.ui.photos_import import FIRST_CHUNK
from fieldapp.ui.photos_strip import PhotoStrip

FORM = """
form:
  id: photo_check
  version: "1"
  kind: checklist
  title: {zh: 照片检查表, en: Photo checklist}
sections:
  - name: site
    label: {zh: 现场, en: Site}
    questions:
      - {name: site_photos, type: photo, max_count: 4, label: {zh: 现场照片, en: Site photos}}
"""


def photo_file(path: Path, seed: int, size: tuple[int, int] = (640, 480)) -> Path:
    """A small JPEG whose pixels differ by ``seed`` (so nothing is a duplicate)."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse((x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)), fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)
    return path


def photo_files(folder: Path, count: int, start: int = 0) -> list[Path]:
    return [photo_file(folder / f"IMG_{n:04d}.jpg", n) for n in range(start, start + count)]


@pytest.fixture
def app(make_app, data_dir: Path):  # type: ignore[no-untyped-def]
    with Store.open(data_dir) as store:
        project = store.create_project("照片测试")
        store.create_community(project.id, "光明社区", street="光明街道")
    return make_app(data_dir)


def community_page(app):  # type: ignore[no-untyped-def]
    return app.window.open_community(app.writer.reader().communities()[0])


def wait_import(app, strip: PhotoStrip) -> None:  # type: ignore[no-untyped-def]
    app.qtbot.waitUntil(lambda: strip.current is None, timeout=20000)
    app.settle()


def photo_rows(app) -> int:  # type: ignore[no-untyped-def]
    return len(app.writer.reader().photos())


def test_file_dialog_import_into_a_problem_with_a_refused_file(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = community_page(app)
    editor = page.problems.new_problem()
    strip = editor.strip
    dialog = strip.choose_files()
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
    files = photo_files(tmp_path / "pick", 3)
    bad = tmp_path / "pick" / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    dialog.filesSelected.emit([str(f) for f in (*files, bad)])
    dialog.reject()
    wait_import(app, strip)
    assert len(strip.photo_ids()) == 3
    assert "已导入 3 张" in strip.summary.text() and "1 个文件未导入" in strip.summary.text()
    assert strip.refusals.isVisible()
    assert "broken.jpg" in strip.refusals.text() and "图片" in strip.refusals.text()
    assert photo_rows(app) == 3  # the refused file left no row
    leftovers = [p for p in (app.writer.data_dir / "photos").rglob("*") if p.name.endswith(".tmp")]
    assert not leftovers
    # Saving links the photos to the new problem; the caption is stored.
    strip.view.setCurrentIndex(strip.model.index(0))
    strip.caption.setText("东侧外墙裂缝")
    strip.caption.editingFinished.emit()
    editor.description.setPlainText("外墙开裂")
    editor._accept()
    app.settle()
    problem = app.writer.reader().problems(page.community.id)[0]
    links = app.writer.reader().photo_links(problem_id=problem.id)
    assert [link.photo_id for link in links] == strip.photo_ids()
    assert app.writer.reader().photo(strip.photo_ids()[0]).caption == "东侧外墙裂缝"
    # Reopened, the editor shows them; removing one unlinks it (the photo stays).
    page.problems.reload(select=problem.id)
    again = page.problems.edit_selected()
    assert again.photo_ids == strip.photo_ids()
    again.strip.view.setCurrentIndex(again.strip.model.index(1))
    again.strip.remove_selected()
    again._accept()
    app.settle()
    kept = [link.photo_id for link in app.writer.reader().photo_links(problem_id=problem.id)]
    assert kept == [strip.photo_ids()[0], strip.photo_ids()[2]]
    assert photo_rows(app) == 3


def test_folder_import_reports_progress_and_cancel_keeps_what_is_stored(
    app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "DCIM" / "100CAMERA"
    photo_files(card, 12)
    (card / "notes.txt").write_text("not a photo")  # skipped by suffix inside a folder
    page = community_page(app)
    editor = page.problems.new_problem()
    strip = editor.strip
    dialog = strip.choose_folder()
    assert dialog.fileMode() == QFileDialog.FileMode.Directory
    progress: list[tuple[int, int]] = []
    dialog.fileSelected.emit(str(tmp_path / "DCIM"))
    dialog.reject()
    job = strip.current
    assert job is not None and strip.progress.isVisible() and strip.cancel_button.isVisible()
    job.progressed.connect(lambda done, total, _name: progress.append((done, total)))
    # Cancel once the first chunk is stored: the rest is never started.
    job.chunk_done.connect(lambda _photos: strip.cancel_import())
    wait_import(app, strip)
    assert not strip.progress.isVisible()
    first = FIRST_CHUNK
    assert progress[-1] == (first, 12) and all(t == 12 for _, t in progress)
    assert [d for d, _ in progress[1:]] == sorted(d for d, _ in progress[1:])
    summary = strip.last_summary
    assert len(summary.imported) == first and len(summary.cancelled) == 12 - first
    assert f"{12 - first} 个因取消未导入" in strip.summary.text()
    assert len(strip.photo_ids()) == first and photo_rows(app) == first
    # Cancelling the editor discards the photos it imported (nothing links them).
    editor.reject()
    app.settle()
    assert photo_rows(app) == 0


def _drop(widget, mime: QMimeData) -> None:  # type: ignore[no-untyped-def]
    point = QPoint(20, 20)
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(point),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)


def _open_photo_form(app):  # type: ignore[no-untyped-def]
    community_page(app)
    app.window.start_checklist(load_form_text(FORM, path="photo_check.yaml"))
    app.qtbot.waitUntil(lambda: app.window.form_view is not None, timeout=5000)
    view = app.window.form_view
    widget = view.ctx.registry[("site_photos", "")]
    return view, widget


def test_drop_into_a_photo_question_sets_the_answer_and_links(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view, widget = _open_photo_form(app)
    strip = widget.strip
    assert strip.camera_button.isEnabled() is False
    folder = tmp_path / "drop"
    photo_files(folder / "sub", 2)
    single = photo_file(tmp_path / "single.jpg", 99)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(single))])
    _drop(strip, mime)
    wait_import(app, strip)
    submission = view.controller.submission.id
    answer = app.writer.reader().answers(submission)[("site_photos", "")]
    assert len(answer) == 3 and strip.photo_ids() == answer
    assert view.controller.save_state == "saved"
    links = app.writer.reader().photo_links(submission_id=submission)
    assert sorted(link.photo_id for link in links) == sorted(answer)
    assert all((link.question, link.instance) == ("site_photos", "") for link in links)
    # A corrupt file dropped alone: a visible refusal, no row, the answer unchanged.
    broken = tmp_path / "truncated.jpg"
    broken.write_bytes(photo_file(tmp_path / "whole.jpg", 5).read_bytes()[:900])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(broken))])
    _drop(strip, mime)
    wait_import(app, strip)
    assert strip.refusals.isVisible() and "truncated.jpg" in strip.refusals.text()
    assert photo_rows(app) == 3
    assert app.writer.reader().answers(submission)[("site_photos", "")] == answer
    # Removing a photo changes the answer and unlinks it.
    strip.view.setCurrentIndex(strip.model.index(0))
    strip.remove_selected()
    app.settle()
    left = app.writer.reader().answers(submission)[("site_photos", "")]
    assert left == answer[1:]
    links = app.writer.reader().photo_links(submission_id=submission)
    assert sorted(link.photo_id for link in links) == sorted(left)
    # More than the form allows (4): the form's message, the links follow the answer.
    strip.import_files([str(p) for p in photo_files(tmp_path / "many", 3, start=20)])
    wait_import(app, strip)
    assert "最多 4 张照片" in widget.error.text()
    assert app.writer.reader().answers(submission)[("site_photos", "")] == left
    links = app.writer.reader().photo_links(submission_id=submission)
    assert sorted(link.photo_id for link in links) == sorted(left)


def test_paste_an_image_and_files(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Into a photo question: a picture on the clipboard (a screenshot, a chat image).
    view, widget = _open_photo_form(app)
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    assert widget.strip.paste()
    wait_import(app, widget.strip)
    answer = app.writer.reader().answers(view.controller.submission.id)[("site_photos", "")]
    assert len(answer) == 1
    assert app.writer.reader().photo(answer[0]).width == 320
    job_files = widget.strip.last_summary.results[0].file
    assert not Path(job_files).exists()  # the temporary PNG is gone
    # Into a problem: file URLs on the clipboard (copied in a file manager).
    app.window.go_back()
    editor = app.window.community_page.problems.new_problem()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in photo_files(tmp_path / "copied", 2)])
    QGuiApplication.clipboard().setMimeData(mime)
    assert editor.strip.paste()
    wait_import(app, editor.strip)
    assert len(editor.photo_ids) == 2
    # Nothing usable on the clipboard: said so, nothing imported.
    QGuiApplication.clipboard().setText("只是文字")
    assert not editor.strip.paste()
    assert "没有图片或文件" in editor.strip.summary.text()


def test_no_camera_disables_the_button_with_a_reason(app) -> None:  # type: ignore[no-untyped-def]
    assert camera.video_inputs() == []  # offscreen CI has none
    editor = community_page(app).problems.new_problem()
    strip = editor.strip
    strip.check_camera()
    assert not strip.camera_button.isEnabled()
    assert "没有可用的摄像头" in strip.camera_button.toolTip()
    assert strip.open_camera() is None


def test_photo_settings_reach_the_import(app, settings) -> None:  # type: ignore[no-untyped-def]
    dialog = app.window.open_settings()
    dialog.long_edge.setCurrentIndex(dialog.long_edge.findData(1600))
    dialog.keep_original.setChecked(False)
    dialog.stamp.setChecked(True)
    dialog._save()
    options = app.window.photo_context().options()
    assert (options.long_edge, options.keep_original, options.stamp_on_import) == (
        1600,
        False,
        True,
    )
    built = options.build()
    assert built.long_edge == 1600 and not built.keep_original and built.stamp_on_import
