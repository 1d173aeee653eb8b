"""The report's PDF: page templates, header and footer, table of contents, bookmarks, and
the byte-for-byte reproducible build.

Reproducible means: the same data and the same report date give the same bytes. ReportLab
is run in invariant mode (its document id becomes a digest of the content rather than of
the clock), its creation date is set to the report date, and nothing else in the story reads
the clock. The page total ("共 Y 页") comes from the previous layout pass: the build repeats
until the table of contents and the page count are both stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from fieldapp.reports.styles import (
    ACCENT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    NAVY,
    PAGE,
    RULE,
    WIDTH,
    Styles,
)

__all__ = ["ReportDocument", "toc"]

CHINA = dt.timezone(dt.timedelta(hours=8))
# Images go into the PDF as binary streams: ASCII85 makes them a quarter larger, and without
# ReportLab's optional C accelerator encoding them in Python dominates the build time.
rl_config.useA85 = 0


def _canvas_maker(moment: dt.datetime, font: str) -> type[Canvas]:
    """A canvas class whose PDF dates are ``moment``, whose id does not read the clock, and
    whose initial font is ``font`` (ReportLab's default, Helvetica, would be a font the PDF
    references without embedding)."""

    class _FixedTimeCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            kwargs["initialFontName"] = font
            super().__init__(*args, **kwargs)
            stamp = self._doc._timeStamp
            stamp.t = moment.timestamp()
            stamp.YMDhms = moment.timetuple()[:6]
            offset = moment.utcoffset() or dt.timedelta(0)
            stamp.dhh, stamp.dmm = divmod(int(offset.total_seconds()) // 60, 60)

    return _FixedTimeCanvas


def toc(styles: Styles) -> TableOfContents:
    """The table of contents (filled in by the document's layout passes)."""
    contents = TableOfContents(dotsMinLevel=0)
    contents.levelStyles = list(styles.toc)
    return contents


class ReportDocument(BaseDocTemplate):
    """A4 portrait: a cover template without header and footer, and the body template."""

    def __init__(
        self,
        filename: str,
        *,
        styles: Styles,
        title: str,
        header: str,
        report_id: str,
        generated: str,
        date: dt.date,
        author: str,
        check: Callable[[], None],
    ) -> None:
        super().__init__(
            filename,
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject="社区体检报告",
            creator="fieldapp 社区体检外业助手",
            keywords="社区体检,完整社区,城市体检",
            invariant=1,
        )
        self._styles = styles
        self._header = header
        self._report_id = report_id
        self._generated = generated
        self._check = check
        self._moment = dt.datetime(date.year, date.month, date.day, tzinfo=CHINA)
        self._pages_last: int | None = None
        self._pages_before: int | None = None
        self._flowables = 0
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            WIDTH,
            PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=self._decorate_cover),
                PageTemplate(id="body", frames=[frame], onPage=self._decorate),
            ]
        )

    def render(self, story: list[Flowable]) -> int:
        """Lay out and write the PDF; returns the number of pages."""
        # Seed the table of contents with every heading (page numbers unknown) so that the
        # first pass already gives it its final length: two passes instead of three.
        seeds = [(*f.toc_entry[:2], 0, f.toc_entry[2]) for f in story if hasattr(f, "toc_entry")]
        for f in story:
            if isinstance(f, TableOfContents):
                f._entries = list(seeds)
        self.multiBuild(story, canvasmaker=_canvas_maker(self._moment, self._styles.fonts.regular))
        return int(self.page)

    def build(
        self, flowables: list[Flowable], filename: Any = None, canvasmaker: Any = Canvas
    ) -> None:
        super().build(flowables, filename=filename, canvasmaker=canvasmaker)
        self._pages_before, self._pages_last = self._pages_last, self.page

    def _makeCanvas(self, filename: Any = None, canvasmaker: Any = Canvas) -> Canvas:
        canvas = super()._makeCanvas(filename=filename, canvasmaker=canvasmaker)
        # The first pass only finds the page of every heading (the table of contents is
        # seeded, so it cannot be the last pass): paragraphs and photos skip drawing.
        canvas.dry_run = self._pages_last is None
        return canvas

    def _allSatisfied(self) -> int:
        return int(bool(super()._allSatisfied()) and self._pages_before == self._pages_last)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Table-of-contents entries and PDF bookmarks for headings; cancellation checks."""
        self._flowables += 1
        if self._flowables % 25 == 0:
            self._check()
        entry = getattr(flowable, "toc_entry", None)
        if entry is None:
            return
        level, text, key = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))

    def _decorate_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = PAGE
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        canvas.rect(0, 0, width, 9 * mm, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 17.2 * mm, width, 1.2 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(self._styles.fonts.regular, 9)
        canvas.drawString(MARGIN_X, height - 10 * mm, "社区体检报告")
        canvas.drawRightString(width - MARGIN_X, height - 10 * mm, "内部资料  注意保存")
        canvas.restoreState()

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        s = self._styles
        font = s.fonts.regular
        width, height = PAGE
        canvas.saveState()
        top = height - 14 * mm
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, top - 2.2 * mm, width - MARGIN_X, top - 2.2 * mm)
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 7.5)
        canvas.drawString(MARGIN_X, top, self._header)
        canvas.drawRightString(width - MARGIN_X, top, f"内部资料  报告编号 {self._report_id}")
        bottom = 11 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        total = self._pages_last if self._pages_last is not None else "?"
        canvas.setFont(font, 8)
        canvas.setFillColor(NAVY)
        canvas.drawCentredString(width / 2, bottom, f"第 {doc.page} 页 / 共 {total} 页")
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 7)
        canvas.drawString(MARGIN_X, bottom, f"报告编号 {self._report_id}")
        canvas.drawRightString(width - MARGIN_X, bottom, f"生成时间 {self._generated}")
        canvas.restoreState()
