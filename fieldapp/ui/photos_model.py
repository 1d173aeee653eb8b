"""The photos of a strip as a list model: thumbnail, caption (editable), details.

Thumbnails are read off the UI thread (an op per batch), then drawn once with the photo's
annotation on top, so a strip of a hundred photos never holds the event loop.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap

from fieldapp.ui import labels

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.ui.ops import OpRunner, Progress

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ICON = QSize(168, 126)


@dataclass(slots=True)
class PhotoRow:
    """One photo of the strip: its id, and its record unless the id is unknown."""

    photo_id: str
    photo: Photo | None


def _read_thumbnails(data_dir: Path, hashes: list[str]) -> dict[str, QImage]:
    """Worker: the thumbnails of ``hashes`` scaled to the strip's icon (absent ones left out)."""
    from PySide6.QtGui import QImageReader

    from fieldapp.photos import thumbnail_path

    out: dict[str, QImage] = {}
    for sha in hashes:
        reader = QImageReader(str(thumbnail_path(data_dir, sha)))
        reader.setAutoTransform(True)
        image = reader.read()
        if not image.isNull():
            out[sha] = image.scaled(
                ICON, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
    return out


def _annotated(image: QImage, annotation: Any) -> QImage:
    """``image`` with the stored overlay drawn on (an unreadable overlay is left off)."""
    from fieldapp.photos import Annotation, AnnotationError
    from fieldapp.ui.annotation_items import paint_shape

    try:
        shapes = Annotation.from_json(annotation).shapes
    except AnnotationError:
        return image
    out = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(out)
    size = (float(out.width()), float(out.height()))
    for shape in shapes:
        paint_shape(painter, shape, size)
    painter.end()
    return out


class PhotoListModel(QAbstractListModel):
    """Photos in the order shown, with thumbnails loaded in the background; editing a
    caption emits ``caption_edited`` (the owner stores it) and shows the new text at once."""

    caption_edited = Signal(str, str)  # photo id, caption

    def __init__(self, ops: OpRunner, data_dir: Path) -> None:
        super().__init__()
        self.ops = ops
        self.data_dir = data_dir
        self.rows: list[PhotoRow] = []
        self._images: dict[str, QImage] = {}
        self._pixmaps: dict[tuple[str, str], QPixmap] = {}
        self._loading: set[str] = set()
        self._placeholder = QPixmap(ICON)
        self._placeholder.fill(QColor("#e3e6ea"))

    # -- contents --------------------------------------------------------------------------
    def set_photos(self, photos: list[Photo | str]) -> None:
        """Show these photos (a bare id is a photo this device does not hold)."""
        self.beginResetModel()
        self.rows = [PhotoRow(p, None) if isinstance(p, str) else PhotoRow(p.id, p) for p in photos]
        self.endResetModel()
        self._load_missing()

    def replace_photo(self, photo: Photo) -> None:
        """Show a changed record (caption, annotation) of a photo already listed."""
        for row, item in enumerate(self.rows):
            if item.photo_id == photo.id:
                item.photo = photo
                index = self.index(row)
                self.dataChanged.emit(index, index)

    def photo_ids(self) -> list[str]:
        """The ids in the order shown."""
        return [r.photo_id for r in self.rows]

    def photo(self, row: int) -> Photo | None:
        """The record in ``row`` (None if unknown)."""
        return self.rows[row].photo if 0 <= row < len(self.rows) else None

    def _load_missing(self) -> None:
        wanted = [
            r.photo.sha256
            for r in self.rows
            if r.photo is not None
            and r.photo.sha256 not in self._images
            and r.photo.sha256 not in self._loading
        ]
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return
        self._loading.update(wanted)
        data_dir = self.data_dir

        def load(_progress: Progress) -> dict[str, QImage]:
            return _read_thumbnails(data_dir, wanted)

        self.ops.run(load, on_success=lambda images: self._loaded(wanted, images))

    def _loaded(self, wanted: list[str], images: dict[str, QImage]) -> None:
        self._loading.difference_update(wanted)
        self._images.update(images)
        for row, item in enumerate(self.rows):
            if item.photo is not None and item.photo.sha256 in images:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def thumbnail(self, row: int) -> QPixmap:
        """The row's thumbnail with its annotation (a grey tile until it is read)."""
        photo = self.photo(row)
        if photo is None or photo.sha256 not in self._images:
            return self._placeholder
        overlay = "" if not photo.annotation else repr(photo.annotation)
        key = (photo.sha256, overlay)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            image = self._images[photo.sha256]
            if photo.annotation:
                image = _annotated(image, photo.annotation)
            pixmap = QPixmap.fromImage(image)
            self._pixmaps[key] = pixmap
        return pixmap

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.rows[index.row()].photo is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        photo = item.photo
        if role == DISPLAY:
            if photo is None:
                return self.tr("照片缺失")
            return photo.caption or ""
        if role == Qt.ItemDataRole.EditRole:
            return (photo.caption or "") if photo is not None else ""
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._details(item)
        if role == PHOTO_ROLE:
            return photo
        if role == ID_ROLE:
            return item.photo_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        photo = self.rows[index.row()].photo if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or photo is None:
            return False
        caption = str(value or "").strip()
        if caption == (photo.caption or ""):
            return False
        self.rows[index.row()].photo = dataclasses.replace(photo, caption=caption or None)
        self.dataChanged.emit(index, index)
        self.caption_edited.emit(photo.id, caption)
        return True

    def _details(self, item: PhotoRow) -> str:
        photo = item.photo
        if photo is None:
            return self.tr("此设备上没有这张照片（编号 {0}）").format(item.photo_id)
        lines = [photo.caption or self.tr("（无说明）")]
        lines.append(self.tr("拍摄时间：{0}").format(labels.local_time(photo.taken_at) or "—"))
        if photo.width and photo.height:
            lines.append(f"{photo.width} × {photo.height}")
        if photo.lat is not None and photo.lon is not None:
            lines.append(self.tr("位置：{0:.5f}, {1:.5f}").format(photo.lat, photo.lon))
        if photo.annotation:
            lines.append(self.tr("有标注"))
        return "\n".join(lines)
