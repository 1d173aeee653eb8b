"""Settings: language, surveyor name, data directory, photo processing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.i18n import LANGUAGES
from fieldapp.ui.settings import Settings
from fieldapp.ui.views import dialog_buttons, role_label

# Long edges offered for stored photos: screen, print (the default), full detail.
PHOTO_EDGES = (1600, 2048, 2560, 3200, 4096)


class SettingsDialog(QDialog):
    """Language (中文 / English), the surveyor's name, the data directory, and how photos
    are stored (long edge, original kept, evidence stamp on import)."""

    def __init__(self, settings: Settings, *, current_dir: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("设置"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.language = QComboBox()
        self.language.setObjectName("settings_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("界面语言"), self.language)
        self.surveyor = QLineEdit(settings.surveyor)
        self.surveyor.setObjectName("settings_surveyor")
        self.surveyor.setPlaceholderText(self.tr("记录为填报人和问题处置人"))
        form.addRow(self.tr("体检员姓名"), self.surveyor)
        row = QHBoxLayout()
        self.data_dir = QLineEdit(settings.data_dir or current_dir)
        self.data_dir.setObjectName("settings_data_dir")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        form.addRow(self.tr("数据目录"), row)
        self._photo_rows(form)
        layout.addLayout(form)
        layout.addWidget(role_label(self.tr("界面语言和数据目录在重新启动后生效。"), "hint"))
        layout.addWidget(
            dialog_buttons(
                self.tr("保存"),
                self.tr("取消"),
                self._save,
                self.reject,
                accept=QDialogButtonBox.StandardButton.Save,
            )
        )

    def _photo_rows(self, form: QFormLayout) -> None:
        settings = self.settings
        self.long_edge = QComboBox()
        self.long_edge.setObjectName("settings_photo_long_edge")
        edges = sorted({*PHOTO_EDGES, settings.photo_long_edge})
        for edge in edges:
            self.long_edge.addItem(self.tr("{0} 像素").format(edge), edge)
        self.long_edge.setCurrentIndex(self.long_edge.findData(settings.photo_long_edge))
        self.long_edge.setToolTip(self.tr("照片保存时长边的最大像素数；2560 足够打印报告"))
        form.addRow(self.tr("照片长边"), self.long_edge)
        self.keep_original = QCheckBox(self.tr("同时保留相机原始文件"))
        self.keep_original.setObjectName("settings_photo_keep_original")
        self.keep_original.setChecked(settings.photo_keep_original)
        form.addRow(self.tr("原始文件"), self.keep_original)
        self.stamp = QCheckBox(self.tr("导入时另存带水印的副本（社区、时间、位置、体检员）"))
        self.stamp.setObjectName("settings_photo_stamp")
        self.stamp.setChecked(settings.photo_stamp_on_import)
        form.addRow(self.tr("水印"), self.stamp)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择数据目录"), self.data_dir.text()
        )
        if chosen:
            self.data_dir.setText(chosen)

    def _save(self) -> None:
        self.settings.language = self.language.currentData()
        self.settings.surveyor = self.surveyor.text()
        self.settings.data_dir = self.data_dir.text().strip()
        self.settings.photo_long_edge = self.long_edge.currentData()
        self.settings.photo_keep_original = self.keep_original.isChecked()
        self.settings.photo_stamp_on_import = self.stamp.isChecked()
        self.settings.sync()
        self.accept()
