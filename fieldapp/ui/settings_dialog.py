"""Settings: language, surveyor name, data directory."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
from fieldapp.ui.views import role_label


class SettingsDialog(QDialog):
    """Language (中文 / English), the surveyor's name and the data directory."""

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
        layout.addLayout(form)
        layout.addWidget(role_label(self.tr("界面语言和数据目录在重新启动后生效。"), "hint"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

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
        self.settings.sync()
        self.accept()
