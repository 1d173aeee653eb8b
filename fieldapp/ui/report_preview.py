"""The in-app preview of a generated report (QtPdf): pages, page navigation and zoom."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class ReportPreview(QWidget):
    """A PDF shown page after page, with 上一页/下一页, a page number and a zoom choice."""

    def __init__(self) -> None:
        super().__init__()
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("report_pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.previous = QPushButton(self.tr("◀ 上一页"))
        self.previous.setObjectName("report_previous_page")
        self.previous.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.page = QSpinBox()
        self.page.setObjectName("report_page")
        self.page.setMinimum(1)
        self.page.setMaximum(1)
        self.page.setKeyboardTracking(False)
        self.page.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.total = QLabel()
        self.next = QPushButton(self.tr("下一页 ▶"))
        self.next.setObjectName("report_next_page")
        self.next.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.zoom = QComboBox()
        self.zoom.setObjectName("report_zoom")
        self.zoom.addItem(self.tr("适合宽度"), "width")
        self.zoom.addItem(self.tr("整页"), "page")
        for factor in ZOOMS:
            self.zoom.addItem(f"{factor:.0%}", factor)
        self.zoom.currentIndexChanged.connect(lambda _i: self.set_zoom(self.zoom.currentData()))
        for widget in (self.previous, self.page, self.total, self.next):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("缩放")))
        bar.addWidget(self.zoom)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self._update_controls()

    def load(self, path: Path) -> int:
        """Show the PDF at ``path``; returns its number of pages (0 if it did not load)."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self.document.close()
        self._update_controls()
        self.go_to(0)
        return self.page_count()

    def clear(self) -> None:
        """Show nothing (and let go of the file)."""
        self.document.close()
        self._update_controls()

    def page_count(self) -> int:
        """Pages of the document shown."""
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown, from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Scroll to ``page`` (from 0), kept within the document."""
        count = self.page_count()
        if not count:
            return
        page = max(0, min(page, count - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._page_shown(page)

    def set_zoom(self, zoom: str | float) -> None:
        """ "width", "page", or a factor (1.0 is 100 %)."""
        if zoom == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif zoom == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(zoom))

    def _page_shown(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self._update_controls()

    def _update_controls(self) -> None:
        count = self.page_count()
        self.page.setMaximum(max(1, count))
        self.total.setText(self.tr("/ 共 {0} 页").format(count))
        current = self.current_page() if count else 0
        self.previous.setEnabled(count > 0 and current > 0)
        self.next.setEnabled(count > 0 and current < count - 1)
        self.page.setEnabled(count > 0)
        self.zoom.setEnabled(count > 0)
