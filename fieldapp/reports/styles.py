"""The report's look: fonts, colours, paragraph styles and table helpers (ReportLab).

Chinese text needs a TrueType CJK font (found by :mod:`fieldapp.core.fonts`) embedded as a
subset, and ``wordWrap="CJK"`` so lines break between characters. Most CJK fonts have no
bold face; headings then use fill-and-stroke text ("fake bold"), which prints crisply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle, LongTable

from fieldapp.core.fonts import FontFile, FontNotFoundError, bold_companion, find_cjk_font
from fieldapp.core.forms import Status
from fieldapp.core.i18n import Text

__all__ = ["PAGE", "Fonts", "Styles", "make_styles", "register_fonts", "table"]

PAGE = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
WIDTH = PAGE[0] - 2 * MARGIN_X

NAVY = colors.HexColor("#1F3A5F")
TEAL = colors.HexColor("#2F6E8E")
ACCENT = colors.HexColor("#B8860B")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
RULE = colors.HexColor("#B9C4D0")
ZEBRA = colors.HexColor("#F2F5F8")
HEAD_BG = colors.HexColor("#E3EAF2")
STATUS_COLORS = {
    Status.MET: colors.HexColor("#2E7D32"),
    Status.PARTLY_MET: colors.HexColor("#B26A00"),
    Status.NOT_MET: colors.HexColor("#C62828"),
    Status.NOT_APPLICABLE: colors.HexColor("#757575"),
    Status.PENDING: colors.HexColor("#455A64"),
}
STATUS_TINTS = {
    Status.MET: colors.HexColor("#E8F5E9"),
    Status.PARTLY_MET: colors.HexColor("#FFF3E0"),
    Status.NOT_MET: colors.HexColor("#FDECEA"),
    Status.NOT_APPLICABLE: colors.HexColor("#F1F1F1"),
    Status.PENDING: colors.HexColor("#ECEFF1"),
}
SEVERITY_COLORS = {
    "severe": colors.HexColor("#C62828"),
    "major": colors.HexColor("#B26A00"),
    "minor": colors.HexColor("#455A64"),
}


@dataclass(frozen=True, slots=True)
class Fonts:
    """Registered ReportLab font names; ``real_bold`` is False when bold is the same face."""

    regular: str
    bold: str
    real_bold: bool
    file: FontFile


def register_fonts(configured: str | None = None) -> Fonts:
    """Find and register the CJK font (TrueType outlines only; see fieldapp.core.fonts).

    Raises FontNotFoundError (bilingual, with how to install one) when none is usable."""
    font = find_cjk_font(configured, truetype_outlines=True)
    regular = _register(font)
    companion = bold_companion(font)
    bold = _register(companion) if companion else regular
    # <b> in paragraph markup looks the family up; without a bold face it maps to regular.
    registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    # A table cell sets its style's font before drawing even when it holds paragraphs; the
    # default is Helvetica, which would enter the PDF as a font that is never embedded.
    CellStyle.fontname = regular
    return Fonts(regular, bold, companion is not None, font)


def _register(font: FontFile) -> str:
    name = f"CJK-{font.path.stem}-{font.index}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
        except (TTFError, OSError) as exc:
            raise FontNotFoundError(
                Text(
                    f"字体 {font.path} 无法嵌入 PDF：{exc}。请改用其他 TrueType 中文字体。",
                    f"The font {font.path} cannot be embedded in a PDF: {exc}. Use another "
                    "TrueType Chinese font.",
                )
            ) from exc
    return name


def dry_run(canvas: Any) -> bool:
    """Whether ``canvas`` belongs to a layout-only pass (see ReportDocument): flowables then
    skip drawing, which changes nothing about where anything goes."""
    return bool(getattr(canvas, "dry_run", False))


class ReportParagraph(Paragraph):
    """A paragraph that is laid out but not drawn on layout-only passes."""

    def draw(self) -> None:
        if not dry_run(self.canv):
            super().draw()


class ReportTable(Table):
    """A table that is laid out but not drawn on layout-only passes."""

    def draw(self) -> None:
        if not dry_run(self.canv):
            super().draw()


class ReportLongTable(LongTable):
    """A long table that is laid out but not drawn on layout-only passes."""

    def draw(self) -> None:
        if not dry_run(self.canv):
            super().draw()


class CachedParagraph(ReportParagraph):
    """A paragraph that breaks its lines once per width.

    Tables wrap every cell to size a row and again to draw it, and the document is laid out
    twice (for the table of contents), so Chinese line breaking would run four times per
    cell; it depends on the width alone. Only for paragraphs that are not justified, whose
    drawing leaves the broken lines as they were.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = getattr(self, "_wrapped", None)
        if cached is not None and cached[0] == availWidth:
            _, self.blPara, self.width, self.height, self._wrapWidths = cached
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.blPara, self.width, self.height, self._wrapWidths)
        return float(width), float(height)


class BoldParagraph(CachedParagraph):
    """A paragraph drawn in fill-and-stroke mode: bold for a font without a bold face."""

    stroke = 0.32

    def draw(self) -> None:
        canvas = self.canv
        if dry_run(canvas):
            return
        canvas.saveState()
        canvas.setStrokeColor(self.style.textColor)
        canvas.setLineWidth(self.stroke * self.style.fontSize / 10)
        canvas.addLiteral("2 Tr")  # text render mode: fill, then stroke
        super().draw()
        canvas.restoreState()


@dataclass(frozen=True, slots=True)
class Styles:
    """Every paragraph style of the report, built for one set of fonts."""

    fonts: Fonts
    body: ParagraphStyle
    lead: ParagraphStyle
    small: ParagraphStyle
    tiny: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    caption: ParagraphStyle
    note: ParagraphStyle
    kpi: ParagraphStyle
    kpi_label: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of escaped plain text (line breaks kept)."""
        return self.markup(escape(text).replace("\n", "<br/>"), style)

    def markup(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of ReportLab mini-markup (callers escape user text themselves)."""
        style = style or self.body
        cls = ReportParagraph if style.alignment == TA_JUSTIFY else CachedParagraph
        return cls(text, style)

    def bold(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph in bold: the bold face, or fill-and-stroke when there is none."""
        if self.fonts.real_bold:
            return CachedParagraph(escape(text), style)
        return BoldParagraph(escape(text), style)


def escape(text: str) -> str:
    """Plain text made safe for ReportLab's paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_styles(fonts: Fonts) -> Styles:
    """The report's paragraph styles."""
    f, fb = fonts.regular, fonts.bold

    def style(name: str, **kw: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": f,
            "fontSize": 10,
            "leading": 16,
            "textColor": INK,
            "wordWrap": "CJK",
            "alignment": TA_JUSTIFY,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    toc = tuple(
        style(
            f"toc{n}",
            fontSize=size,
            leading=size * 1.75,
            leftIndent=indent,
            firstLineIndent=0,
            alignment=TA_LEFT,
            textColor=INK if n == 0 else MUTED,
        )
        for n, (size, indent) in enumerate(((11, 0), (9.5, 14)))
    )
    return Styles(
        fonts=fonts,
        body=style("body", firstLineIndent=20, spaceAfter=4),
        lead=style("lead", fontSize=9.5, leading=15, firstLineIndent=19),
        small=style("small", fontSize=8.5, leading=13),
        tiny=style("tiny", fontSize=7, leading=9.5, textColor=MUTED),
        cell=style("cell", fontSize=8, leading=11, alignment=TA_LEFT),
        cell_center=style("cellc", fontSize=8, leading=11, alignment=TA_CENTER),
        cell_head=style(
            "cellh", fontName=fb, fontSize=8, leading=11, alignment=TA_CENTER, textColor=NAVY
        ),
        h1=style(
            "h1",
            fontName=fb,
            fontSize=16,
            leading=22,
            textColor=NAVY,
            spaceBefore=4,
            spaceAfter=10,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=fb,
            fontSize=12.5,
            leading=18,
            textColor=NAVY,
            spaceBefore=10,
            spaceAfter=6,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        h3=style(
            "h3",
            fontName=fb,
            fontSize=10.5,
            leading=15,
            textColor=TEAL,
            spaceBefore=6,
            spaceAfter=3,
            alignment=TA_LEFT,
            keepWithNext=1,
        ),
        title=style(
            "title", fontName=fb, fontSize=25, leading=36, textColor=NAVY, alignment=TA_CENTER
        ),
        subtitle=style("subtitle", fontSize=13, leading=20, textColor=TEAL, alignment=TA_CENTER),
        caption=style("caption", fontSize=7.5, leading=10, textColor=MUTED, alignment=TA_LEFT),
        note=style("note", fontSize=8, leading=12, textColor=MUTED, alignment=TA_LEFT),
        kpi=style("kpi", fontName=fb, fontSize=14, leading=18, textColor=NAVY, alignment=TA_CENTER),
        kpi_label=style("kpil", fontSize=7, leading=9.5, textColor=MUTED, alignment=TA_CENTER),
        toc=toc,
    )


def table(
    s: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    center: Sequence[int] = (),
    extra: Sequence[tuple[Any, ...]] = (),
    zebra: bool = True,
    width: float = WIDTH,
) -> Table:
    """A ruled table that wraps every cell and repeats its header on each page.

    ``widths`` are fractions of the text width (they should add up to 1); ``center`` lists
    the columns to centre; ``extra`` is more TableStyle commands (row numbers count the
    header as row 0)."""
    total = sum(widths)
    col_widths = [width * w / total for w in widths]

    cell_font, size = s.fonts.regular, s.cell.fontSize
    room = [w - 7.5 for w in col_widths]  # less the cell padding

    def cell(value: Any, col: int) -> Any:
        if isinstance(value, (Flowable, list)):
            return value
        text = "" if value is None else str(value)
        # A short one-line value is drawn as a plain string: the same look as a paragraph
        # at a fraction of the layout cost (tables of hundreds of rows add up).
        if "\n" not in text and stringWidth(text, cell_font, size) <= room[col]:
            return text
        return s.p(text, s.cell_center if col in center else s.cell)

    data = [[s.bold(h, s.cell_head) for h in header]]
    data += [[cell(v, c) for c, v in enumerate(row)] for row in rows]
    cls = ReportLongTable if len(rows) > 40 else ReportTable
    out = cls(data, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, NAVY),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, NAVY),
        ("INNERGRID", (0, 1), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
    ]
    commands += [
        ("FONT", (0, 1), (-1, -1), cell_font, size, s.cell.leading),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        *[("ALIGN", (c, 1), (c, -1), "CENTER") for c in center],
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    out.setStyle(TableStyle([*commands, *extra]))
    return out
