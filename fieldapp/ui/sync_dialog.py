"""同步服务器: the server's address and the one-time enrolment code (登记码), checked before
a sync is started with them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.views import dialog_buttons, role_label

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]*")


class SyncDialog(QDialog):
    """Asks for the server address and, when the device is not enrolled (or must enrol
    again), the enrolment code the administrator gave (``fieldapp server enroll``)."""

    def __init__(
        self,
        *,
        server_url: str = "",
        code_required: bool = True,
        enrolled_as: str = "",
        error: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sync_dialog")
        self.code_required = code_required
        self.setWindowTitle(self.tr("同步服务器"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        if code_required:
            intro = self.tr(
                "首次同步（或重新登记）需要服务器地址和管理员提供的一次性登记码。"
                "登记码只用一次，以后同步不再需要。"
            )
        else:
            intro = self.tr(
                "本设备已登记（{0}）。只换服务器地址时登记码可留空；重新登记时填写新的登记码。"
            ).format(enrolled_as or "—")
        layout.addWidget(role_label(intro, "hint"))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.url = QLineEdit(server_url)
        self.url.setObjectName("sync_server_url")
        self.url.setPlaceholderText(self.tr("例如 http://192.168.1.10:8765"))
        form.addRow(self.tr("服务器地址"), self.url)
        self.code = QLineEdit()
        self.code.setObjectName("sync_code")
        self.code.setPlaceholderText(self.tr("例如 ABCD-EFGH-JKMN"))
        form.addRow(self.tr("登记码") if code_required else self.tr("登记码（可选）"), self.code)
        layout.addLayout(form)
        self.error = role_label(error, "error")
        self.error.setObjectName("sync_dialog_error")
        layout.addWidget(self.error)
        layout.addWidget(
            dialog_buttons(self.tr("开始同步"), self.tr("取消"), self._accept, self.reject)
        )
        (self.code if server_url and code_required else self.url).setFocus()

    def server_url(self) -> str:
        """The address as it will be used: trimmed, ``http://`` added when no scheme was
        typed, no trailing slash."""
        raw = self.url.text().strip()
        if raw and "://" not in raw:
            raw = "http://" + raw
        return raw.rstrip("/")

    def enrolment_code(self) -> str | None:
        """The code, trimmed and in capitals; None when left empty."""
        code = self.code.text().strip().upper()
        return code or None

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong with the fields (the message and the field), or None."""
        url = self.server_url()
        if not url:
            return self.tr("请填写服务器地址。"), self.url
        if any(c.isspace() for c in url):
            return self.tr("服务器地址中不能有空格。"), self.url
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return self.tr("服务器地址的端口号不正确。"), self.url
        if parts.scheme not in ("http", "https"):
            return self.tr("服务器地址应以 http:// 或 https:// 开头。"), self.url
        if not parts.hostname or (port is not None and not 0 < port < 65536):
            return self.tr("服务器地址不完整，例如 http://192.168.1.10:8765"), self.url
        code = self.enrolment_code()
        if code is None:
            if self.code_required:
                return self.tr("请填写登记码（向管理员索取）。"), self.code
        elif not _CODE.fullmatch(code):
            return self.tr("登记码只含字母、数字和短横线，请核对。"), self.code
        return None

    def _accept(self) -> None:
        found = self.problem()
        if found is None:
            self.accept()
            return
        message, field = found
        self.error.setText(message)
        for line in (self.url, self.code):
            line.setProperty("invalid", line is field)
            line.style().unpolish(line)
            line.style().polish(line)
        field.setFocus()
