"""The photo strip: a row of thumbnails with captions, and every way of adding photos —
files, a folder (camera card), drag and drop, paste, the camera — with progress, cancel
and a summary of what was imported, already there, or refused and why.

The strip shows and imports; what a photo list *means* belongs to its owner (a photo
question's answer, a problem's links): the owner hears ``added`` and ``removed`` and gives
the strip its new list with :meth:`PhotoStrip.set_photos`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui import camera
from fieldapp.ui.i18n import text
from fieldapp.ui.photos_import import (
    ImportSummary,
    PhotoContext,
    PhotoImport,
    PhotoTarget,
    summary_counts,
)
from fieldapp.ui.photos_model import ICON, ID_ROLE, PhotoListModel
from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.ui.annotation_editor import AnnotationEditor
    from fieldapp.ui.ops import Progress

# What the file dialog offers (the pipeline refuses anything else with a reason).
PHOTO_PATTERNS = (
    "*.jpg *.jpeg *.jpe *.png *.heic *.heif *.hif *.avif *.webp *.tif *.tiff *.bmp *.gif"
)
MAX_REFUSALS_SHOWN = 8


class PhotoStrip(QWidget):
    """Thumbnails of a list of photos with their captions; add photos by file dialog,
    folder, drop, paste or camera; annotate, caption or remove the selected one."""

    added = Signal(object)  # list[Photo] stored by an import chunk, in input order
    removed = Signal(str)  # photo id the user removed
    photo_changed = Signal(object)  # Photo whose caption or annotation was stored
    import_finished = Signal(object)  # ImportSummary

    def __init__(
        self,
        ctx: PhotoContext,
        target: PhotoTarget,
        parent: QWidget | None = None,
        *,
        grid: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.target = target
        self.location: Callable[[], str | None] = lambda: None
        self.current: PhotoImport | None = None
        self.last_summary: ImportSummary | None = None
        self.new_photo_ids: list[str] = []  # stored as new photos by this strip's imports
        self.dialog: Any = None
        self.editor: AnnotationEditor | None = None
        self._camera_checked = False
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._buttons())
        self.model = PhotoListModel(ctx.ops, ctx.writer.data_dir)
        self.model.caption_edited.connect(self._store_caption)
        self.view = QListView()
        self.view.setObjectName("photo_strip")
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setIconSize(ICON)
        self.view.setGridSize(QSize(ICON.width() + 16, ICON.height() + 44))
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        if grid:  # a column of its own (the problem editor): rows of thumbnails
            self.view.setWrapping(True)
            self.view.setResizeMode(QListView.ResizeMode.Adjust)
            self.view.setMinimumHeight(ICON.height() + 66)
        else:  # one row inside a form
            self.view.setWrapping(False)
            self.view.setFixedHeight(ICON.height() + 66)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        # Drops land on the strip itself (the view would take them as item moves).
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.setDragEnabled(False)
        self.view.activated.connect(lambda _i: self.annotate_selected())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        layout.addWidget(self.view, 1 if grid else 0)
        layout.addLayout(self._selected_row())
        layout.addLayout(self._progress_row())
        self.summary = role_label("", "hint")
        self.summary.setObjectName("photo_summary")
        self.summary.hide()
        layout.addWidget(self.summary)
        self.refusals = role_label("", "error")
        self.refusals.setObjectName("photo_refusals")
        self.refusals.hide()
        layout.addWidget(self.refusals)
        self.empty = role_label(
            self.tr("还没有照片：可选择文件或文件夹、拖放到这里、粘贴（Ctrl+V）或拍照。"), "hint"
        )
        layout.addWidget(self.empty)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self._selection_changed()
        self._warm_up()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加照片…"))
        self.add_button.setObjectName("photo_add")
        self.add_button.setToolTip(self.tr("选择照片文件（可多选）"))
        self.add_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(self.tr("导入文件夹…"))
        self.folder_button.setObjectName("photo_folder")
        self.folder_button.setToolTip(self.tr("导入文件夹中的全部照片（如相机存储卡）"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.paste_button = QPushButton(self.tr("粘贴"))
        self.paste_button.setObjectName("photo_paste")
        self.paste_button.setToolTip(self.tr("粘贴剪贴板中的图片或文件（Ctrl+V）"))
        self.paste_button.clicked.connect(self.paste)
        self.camera_button = QPushButton(self.tr("拍照"))
        self.camera_button.setObjectName("photo_camera")
        self.camera_button.setEnabled(False)
        self.camera_button.setToolTip(self.tr("正在检查摄像头…"))
        self.camera_button.clicked.connect(self.open_camera)
        for button in (self.add_button, self.folder_button, self.paste_button, self.camera_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _selected_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.caption = QLineEdit()
        self.caption.setObjectName("photo_caption")
        self.caption.setPlaceholderText(self.tr("所选照片的说明"))
        self.caption.editingFinished.connect(self._caption_typed)
        self.annotate_button = QPushButton(self.tr("标注…"))
        self.annotate_button.setObjectName("photo_annotate")
        self.annotate_button.setToolTip(self.tr("在照片上画箭头、圆圈、方框、线条和文字"))
        self.annotate_button.clicked.connect(self.annotate_selected)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.setObjectName("photo_remove")
        self.remove_button.setToolTip(self.tr("从这里移除所选照片（Delete）"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.caption, 1)
        row.addWidget(self.annotate_button)
        row.addWidget(self.remove_button)
        return row

    def _progress_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("photo_progress")
        self.progress_label = role_label("", "hint", wrap=False)
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.setObjectName("photo_cancel")
        self.cancel_button.clicked.connect(self.cancel_import)
        for w in (self.progress, self.progress_label, self.cancel_button):
            row.addWidget(w)
            w.hide()
        row.setStretch(0, 1)
        return row

    def _warm_up(self) -> None:
        # Load the photo pipeline (Pillow…) in the background before it is first needed
        # on the main thread (annotation editor, file patterns).
        def load(_progress: Progress) -> None:
            import fieldapp.photos  # noqa: F401

        self.ctx.ops.run(load, on_failure=lambda _exc: None)

    # -- showing ---------------------------------------------------------------------------
    def set_photos(self, photos: Sequence[Photo | str]) -> None:
        """Show these photos, keeping the selection on the same photo where possible."""
        selected = self.selected_id()
        self.model.set_photos(list(photos))
        self.empty.setVisible(not photos)
        ids = self.model.photo_ids()
        if selected in ids:
            self.view.setCurrentIndex(self.model.index(ids.index(selected)))

    def photo_ids(self) -> list[str]:
        """The ids shown, in order."""
        return self.model.photo_ids()

    def selected_id(self) -> str | None:
        """The selected photo's id."""
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _selection_changed(self) -> None:
        row = self.view.currentIndex().row()
        photo = self.model.photo(row)
        self.caption.setEnabled(photo is not None)
        self.annotate_button.setEnabled(photo is not None)
        self.remove_button.setEnabled(row >= 0)
        if not self.caption.hasFocus():
            self.caption.setText((photo.caption or "") if photo is not None else "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._camera_checked:
            self._camera_checked = True
            QTimer.singleShot(0, self.check_camera)  # after this paint: see camera.py

    def check_camera(self) -> None:
        """Enable 拍照 if the device has a camera; otherwise say so in its tooltip."""
        self._camera_checked = True
        if camera.video_inputs():
            self.camera_button.setEnabled(self.current is None)
            self.camera_button.setToolTip(self.tr("用本机摄像头拍照"))
        else:
            self.camera_button.setEnabled(False)
            self.camera_button.setToolTip(
                self.tr("此设备没有可用的摄像头；可导入照片文件或文件夹。")
            )

    # -- adding ----------------------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        """The file dialog (several files at once)."""
        patterns = self.tr("照片 ({0})").format(PHOTO_PATTERNS) + ";;" + self.tr("所有文件 (*)")
        dialog = QFileDialog(self, self.tr("选择照片"), _pictures_dir(), patterns)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(self.import_files)
        self.dialog = dialog
        dialog.open()
        return dialog

    def choose_folder(self) -> QFileDialog:
        """The folder dialog (a camera card: every photo inside, subfolders too)."""
        dialog = QFileDialog(self, self.tr("选择照片文件夹"), _pictures_dir())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda folder: self.import_files([folder]))
        self.dialog = dialog
        dialog.open()
        return dialog

    def import_files(
        self, paths: Sequence[str | os.PathLike[str]], *, cleanup: Sequence[Path] = ()
    ) -> PhotoImport | None:
        """Import files and folders into the strip's target (None while another runs)."""
        if self.current is not None or not paths:
            return None
        job = PhotoImport(self.ctx, paths, self.target, cleanup=cleanup)
        job.progressed.connect(self._progressed)
        job.chunk_done.connect(self._chunk_done)
        job.finished.connect(self._finished)
        self.destroyed.connect(job.cancel)  # the page was left: stop after the file in hand
        self.current = job
        self._set_busy(True)
        self.progress_label.setText(self.tr("正在准备…"))
        return job.start()

    def import_mime(self, mime: QMimeData) -> bool:
        """Import what a drop or the clipboard holds: local files and folders, or a picture."""
        paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
        if paths:
            return self.import_files(paths) is not None
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self._import_image(image)
                return True
        self._show_note(self.tr("剪贴板或拖放的内容中没有图片或文件。"))
        return False

    def _import_image(self, image: QImage) -> None:
        self._set_busy(True)
        self.progress_label.setText(self.tr("正在准备…"))

        def write(_progress: Progress) -> Path:
            path = camera.capture_folder() / "pasted.png"
            if not image.save(str(path), "PNG"):
                raise OSError(path)
            return path

        def written(path: Path) -> None:
            self._set_busy(False)
            self.import_files([path], cleanup=[path])

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self._show_note(self.tr("无法保存粘贴的图片：{0}").format(exc), error=True)

        self.ctx.ops.run(write, on_success=written, on_failure=failed)

    def paste(self) -> bool:
        """Ctrl+V: import the clipboard's picture or files."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        return self.import_mime(mime)

    def open_camera(self) -> Any:
        """The camera's viewfinder; each picture taken is imported at once."""
        devices = camera.video_inputs()
        if not devices:
            return None
        dialog = camera.CameraDialog(devices, self)
        dialog.captured.connect(lambda path: self._captured(Path(path)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _captured(self, path: Path) -> None:
        if self.current is not None:
            # One import at a time: a picture taken meanwhile follows the running one.
            self.current.finished.connect(lambda _s, p=path: self._captured(p))
            return
        self.import_files([path], cleanup=[path])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if self.current is None and (any(u.isLocalFile() for u in mime.urls()) or mime.hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.import_mime(event.mimeData()):
            event.acceptProposedAction()

    # -- progress --------------------------------------------------------------------------
    def cancel_import(self) -> None:
        """Stop the running import after the file in hand."""
        if self.current is not None:
            self.current.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("正在取消…"))

    def _set_busy(self, busy: bool) -> None:
        for button in (self.add_button, self.folder_button, self.paste_button):
            button.setEnabled(not busy)
        if self._camera_checked and camera.video_inputs():
            self.camera_button.setEnabled(not busy)
        for w in (self.progress, self.progress_label, self.cancel_button):
            w.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.summary.hide()
            self.refusals.hide()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        label = self.tr("正在导入 {0}/{1}").format(done, total)
        self.progress_label.setText(f"{label}  {name}" if name else label)

    def _chunk_done(self, photos: list[Photo]) -> None:
        job = self.current
        if job is not None:
            new = {r.photo.id for r in job.summary.imported if r.photo is not None}
            self.new_photo_ids += [p.id for p in photos if p.id in new]
        self.added.emit(photos)

    def _finished(self, summary: ImportSummary) -> None:
        self.current = None
        self.last_summary = summary
        self._set_busy(False)
        self._show_summary(summary)
        self.import_finished.emit(summary)

    def _show_summary(self, summary: ImportSummary) -> None:
        counts = summary_counts(summary)
        parts = [self.tr("已导入 {0} 张").format(counts["imported"])]
        if counts["duplicate"]:
            parts.append(self.tr("{0} 张已有（未重复保存）").format(counts["duplicate"]))
        if counts["error"]:
            parts.append(self.tr("{0} 个文件未导入").format(counts["error"]))
        if counts["cancelled"]:
            parts.append(self.tr("{0} 个因取消未导入").format(counts["cancelled"]))
        lines = []
        if summary.error is not None:
            error = summary.error
            lines.append(text(error.text) if isinstance(error, FieldappError) else str(error))
        refused = summary.refused
        lines += [
            self.tr("{0}：{1}").format(Path(r.file).name, text(r.error))
            for r in refused[:MAX_REFUSALS_SHOWN]
        ]
        if len(refused) > MAX_REFUSALS_SHOWN:
            lines.append(self.tr("……另有 {0} 个").format(len(refused) - MAX_REFUSALS_SHOWN))
        self._show_note(self.tr("{0}。").format(self.tr("，").join(parts)))
        self.refusals.setText("\n".join(lines))
        self.refusals.setVisible(bool(lines))

    def _show_note(self, message: str, *, error: bool = False) -> None:
        label = self.refusals if error else self.summary
        label.setText(message)
        label.show()

    # -- the selected photo ----------------------------------------------------------------
    def remove_selected(self) -> None:
        """Remove the selected photo from the list (the owner unlinks it; the file stays)."""
        photo_id = self.selected_id()
        if photo_id is not None:
            self.removed.emit(photo_id)

    def _caption_typed(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.setData(index, self.caption.text())

    def _store_caption(self, photo_id: str, caption: str) -> None:
        from fieldapp.ui.photos_jobs import set_caption

        self.ctx.writer.submit(
            lambda s: set_caption(s, photo_id, caption),
            on_success=self._photo_stored,
            on_failure=lambda exc: self._show_note(_shown(exc), error=True),
        )

    def _photo_stored(self, photo: Photo) -> None:
        self.model.replace_photo(photo)
        self._selection_changed()
        self.photo_changed.emit(photo)

    def annotate_selected(self) -> AnnotationEditor | None:
        """Open the annotation editor on the selected photo."""
        photo = self.model.photo(self.view.currentIndex().row())
        if photo is None:
            return None
        from fieldapp.ui.annotation_editor import AnnotationEditor

        editor = AnnotationEditor(self.ctx, photo, location=self.location(), parent=self)
        editor.saved.connect(self._photo_stored)
        self.editor = editor
        editor.open()
        return editor


def _shown(exc: BaseException) -> str:
    return text(exc.text) if isinstance(exc, FieldappError) else str(exc)


def _pictures_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
