"""Look and fit: CJK font fallback, touch-sized targets, status colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Chinese must render on every platform: the first family installed wins, the rest are
# fallbacks Qt tries per glyph (no tofu when the UI font lacks CJK).
FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Noto Sans",
    "DejaVu Sans",
]
TOUCH = 44  # px: the smallest target a finger hits reliably

# Keyed by Status values (a StrEnum, so Status members look them up too).
STATUS_COLOURS = {
    "met": "#1b7f3b",
    "partly_met": "#a15c00",
    "not_met": "#c62828",
    "not_applicable": "#616161",
    "pending": "#3d5a80",
}
STATUS_MARKS = {
    "met": "✔",
    "partly_met": "◐",
    "not_met": "✘",
    "not_applicable": "—",
    "pending": "…",
}
SEVERITY_COLOURS = {"severe": "#c62828", "major": "#a15c00", "minor": "#3d5a80"}

STYLE_SHEET = f"""
QPushButton, QToolButton, QLineEdit, QComboBox, QDateEdit, QDoubleSpinBox, QSpinBox {{
    min-height: {TOUCH - 8}px;
    padding: 3px 8px;
}}
QPushButton, QToolButton {{ min-width: {TOUCH}px; }}
QRadioButton, QCheckBox {{ min-height: {TOUCH - 4}px; spacing: 8px; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 22px; height: 22px; }}
QTabBar::tab {{ min-height: {TOUCH - 8}px; padding: 4px 14px; }}
QLineEdit[invalid="true"], QTextEdit[invalid="true"] {{ border: 2px solid #c62828; }}
QLabel[role="error"] {{ color: #c62828; }}
QLabel[role="hint"] {{ color: #555555; }}
QLabel[role="title"] {{ font-size: 16pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: 13pt; font-weight: bold; }}
QFrame[role="card"] {{
    border: 1px solid #c8ccd2; border-radius: 6px; background: #ffffff;
}}
QFrame[role="question"] {{ border: none; }}
QFrame[role="note"] {{ background: #fff8e1; border-radius: 4px; }}
"""


def apply_style(app: QApplication) -> None:
    """Font with CJK fallbacks, a readable size, touch-sized controls."""
    installed = set(QFontDatabase.families())
    families = [f for f in FONT_FAMILIES if f in installed] or FONT_FAMILIES
    font = QFont(app.font())
    font.setFamilies(families)
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def status_colour(status: str) -> QColor:
    """The colour shown beside a status (always with its text, never alone)."""
    return QColor(STATUS_COLOURS[status])
