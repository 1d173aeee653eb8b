"""Taking photos with the device's camera (tablets) through QtMultimedia.

Whether there is a camera is asked once per run: the first question loads the multimedia
back end (a few hundred milliseconds), so the strip asks after it has been painted, and
every later strip gets the remembered answer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.views import role_label

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCameraDevice

_devices: list[Any] | None = None


def video_inputs() -> list[QCameraDevice]:
    """The cameras of this device (QMediaDevices.videoInputs, asked once per run)."""
    global _devices
    if _devices is None:
        from PySide6.QtMultimedia import QMediaDevices

        _devices = list(QMediaDevices.videoInputs())
    return _devices


def capture_folder() -> Path:
    """A private temporary folder for captured and pasted pictures until they are imported."""
    return Path(tempfile.mkdtemp(prefix="fieldapp-capture-"))


class CameraDialog(QDialog):
    """A live viewfinder with a shutter button; each picture taken is saved to a temporary
    JPEG and handed over through ``captured`` (the strip imports it and removes the file).
    With several cameras (front and back) a list chooses one."""

    captured = Signal(str)  # path of the saved picture

    def __init__(self, devices: list[QCameraDevice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("拍照"))
        self.resize(960, 720)
        self.devices = devices
        self.folder = capture_folder()
        self.count = 0
        layout = QVBoxLayout(self)
        self.viewfinder = QVideoWidget()
        layout.addWidget(self.viewfinder, 1)
        self.message = role_label("", "hint")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.choice = QComboBox()
        for device in devices:
            self.choice.addItem(device.description())
        self.choice.setVisible(len(devices) > 1)
        self.choice.currentIndexChanged.connect(self._use)
        row.addWidget(self.choice)
        row.addStretch(1)
        self.shutter = QPushButton(self.tr("拍照"))
        self.shutter.setObjectName("camera_shutter")
        self.shutter.setMinimumSize(120, 56)
        self.shutter.setShortcut(Qt.Key.Key_Space)
        self.shutter.clicked.connect(self.take)
        row.addWidget(self.shutter)
        done = QPushButton(self.tr("完成拍照"))
        done.clicked.connect(self.accept)
        row.addWidget(done)
        layout.addLayout(row)
        self.session = QMediaCaptureSession()
        self.capture = QImageCapture()
        self.capture.setQuality(QImageCapture.Quality.VeryHighQuality)
        self.capture.imageSaved.connect(self._saved)
        self.capture.errorOccurred.connect(lambda _id, _e, text: self.message.setText(text))
        self.capture.readyForCaptureChanged.connect(self.shutter.setEnabled)
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.viewfinder)
        self.camera: Any = None
        self._use(0)

    def _use(self, index: int) -> None:
        from PySide6.QtMultimedia import QCamera

        if self.camera is not None:
            self.camera.stop()
        self.camera = QCamera(self.devices[index])
        self.camera.errorOccurred.connect(lambda _e, text: self.message.setText(text))
        self.session.setCamera(self.camera)
        self.camera.start()

    def take(self) -> None:
        """Take a picture (saved, then handed over)."""
        self.count += 1
        self.capture.captureToFile(str(self.folder / f"camera-{self.count:04d}.jpg"))
        self.message.setText(self.tr("已拍摄 {0} 张").format(self.count))

    def _saved(self, _id: int, path: str) -> None:
        self.captured.emit(path)

    def done(self, result: int) -> None:
        if self.camera is not None:
            self.camera.stop()
        super().done(result)
