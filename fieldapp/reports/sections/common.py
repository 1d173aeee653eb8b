"""What every chapter shares: the build context, headings that feed the table of contents,
status cells in colour, and photo figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from fieldapp.core.forms import Status
from fieldapp.photos import StampInfo
from fieldapp.reports.figures import StampedPhoto
from fieldapp.reports.labels import STATUS_ZH, chapter
from fieldapp.reports.styles import RULE, STATUS_COLORS, STATUS_TINTS, WIDTH, Styles, escape

if TYPE_CHECKING:
    from fieldapp.reports.data import PhotoEntry, ReportData
    from fieldapp.reports.images import PhotoRenderer

__all__ = ["Ctx", "heading", "photo_grid", "status_cell", "status_style"]


@dataclass(slots=True)
class Ctx:
    """Everything a chapter needs to render."""

    data: ReportData
    s: Styles
    photos: PhotoRenderer
    chapters: int = 0
    _keys: int = 0

    def key(self) -> str:
        """A new bookmark key."""
        self._keys += 1
        return f"h{self._keys}"

    def chapter(self, title: str) -> Flowable:
        """The next numbered chapter heading (一、二、…), in the table of contents."""
        self.chapters += 1
        return heading(self, 0, f"{chapter(self.chapters)}、{title}")

    def problem_number(self, problem_id: str) -> str:
        """The report number (P01…) of a problem id; the id's tail if it is not listed."""
        for entry in self.data.problems:
            if entry.problem.id == problem_id:
                return entry.number
        return problem_id[-6:]


def heading(ctx: Ctx, level: int, text: str) -> Flowable:
    """A heading; levels 0 and 1 enter the table of contents and the PDF bookmarks."""
    style = (ctx.s.h1, ctx.s.h2, ctx.s.h3)[level]
    flowable = ctx.s.bold(text, style)
    if level <= 1:
        flowable.toc_entry = (level, text, ctx.key())
    return flowable


def status_cell(ctx: Ctx, status: Status, *, baseline: bool = False) -> Paragraph:
    """A judgement as coloured text (colour never carries the meaning alone)."""
    colour = STATUS_COLORS[status].hexval()[2:]
    text = STATUS_ZH[status] + ("<br/>（底线）" if baseline and status is Status.NOT_MET else "")
    return ctx.s.markup(f'<font color="#{colour}">{text}</font>', ctx.s.cell_center)


def status_style(col: int, row: int, status: Status) -> tuple[Any, ...]:
    """The table command tinting one judgement cell."""
    return ("BACKGROUND", (col, row), (col, row), STATUS_TINTS[status])


def _figure(ctx: Ctx, entry: PhotoEntry, width: float, *, stamp: bool, edge: int) -> list[Any]:
    photo = entry.photo
    problem = next((p for p in ctx.data.problems if p.number == entry.problem), None)
    rendered = ctx.photos.later(photo, long_edge=edge)
    parts: list[str] = [f"照片 {entry.number}"]
    if entry.problem:
        parts.append(f"问题 {entry.problem}")
    if entry.indicator:
        parts.append(entry.indicator)
    if entry.building:
        parts.append(entry.building)
    if photo.taken_at:
        parts.append(f"拍摄 {photo.taken_at[:16].replace('T', ' ')}")
    caption = escape("  ".join(parts))
    if photo.caption:
        caption += f"<br/>{escape(photo.caption)}"
    if rendered is None:
        box = Table(
            [[ctx.s.p(f"照片文件缺失（{photo.sha256[:12]}…）", ctx.s.cell_center)]],
            colWidths=[width],
            rowHeights=[width * 0.6],
        )
        box.setStyle(
            TableStyle(
                [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            )
        )
        return [box, Spacer(1, 1.5), ctx.s.markup(caption, ctx.s.caption)]
    height = width * rendered.height / rendered.width
    if height > width * 1.1:  # portrait: limit the height, keep the aspect
        height = width * 1.1
        width = height * rendered.width / rendered.height
    lines: list[str] = []
    if stamp:
        location = problem.place if problem else None
        surveyor = problem.history[0].actor if problem and problem.history else None
        info = StampInfo.for_photo(photo, ctx.data.community.name, surveyor, location)
        lines = info.lines()
    figure = StampedPhoto(rendered, width, height, lines, font=ctx.s.fonts.regular)
    return [figure, Spacer(1, 1.5), ctx.s.markup(caption, ctx.s.caption)]


def photo_grid(
    ctx: Ctx,
    entries: Sequence[PhotoEntry],
    *,
    columns: int = 2,
    stamp: bool = True,
    edge: int = 640,
    width: float = WIDTH,
) -> Table | None:
    """Photos in a grid of ``columns``, each with its number and caption."""
    if not entries:
        return None
    gap = 6.0
    cell = (width - gap * (columns - 1)) / columns
    cells = [_figure(ctx, e, cell, stamp=stamp, edge=edge) for e in entries]
    rows: list[list[Any]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    grid = Table(
        rows,
        colWidths=[cell + (gap if c < columns - 1 else 0) for c in range(columns)],
        hAlign="LEFT",
    )
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return grid
