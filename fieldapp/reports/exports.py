"""The data exports: an XLSX workbook (openpyxl), CSV files and a GeoJSON of the problems.

``export_tables`` is the one call the CLI and the app make; it reads the community like the
report does, so the tables and the PDF always agree. The workbook is written reproducibly
(fixed document dates and zip entry times), like the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldapp.core.i18n import Text
from fieldapp.reports import plan
from fieldapp.reports.data import ReportData, collect
from fieldapp.reports.progress import Steps
from fieldapp.reports.tabular import Sheet, geojson, sheets, write_csv

if TYPE_CHECKING:
    from fieldapp.store.store import Store

__all__ = ["ExportResult", "export_tables", "load_data", "write_geojson", "write_xlsx"]

_HEAD = PatternFill("solid", fgColor="E3EAF2")
_WIDE = 48


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The files one export wrote."""

    xlsx: Path
    csv: tuple[Path, ...]
    geojson: Path


def load_data(
    store: Store,
    community_id: str,
    *,
    date: dt.date | None = None,
    step: Callable[[], None] | None = None,
    keep_changes: bool = False,
) -> ReportData:
    """The community's report content with its needs and project lists."""
    data = collect(store, community_id, date=date, step=step, keep_changes=keep_changes)
    data.plan = plan.view(store, data)
    return data


def export_tables(
    store: Store,
    community_id: str,
    out_dir: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write ``problems.xlsx``-style workbook ``<community>.xlsx``, one CSV per table under
    ``csv/``, and ``problems.geojson`` into ``out_dir``."""
    steps = Steps(progress, cancel, total=8)
    data = load_data(store, community_id, date=date, step=steps.step)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    xlsx = write_xlsx(data, target / f"{data.community.name}-{data.date:%Y%m%d}.xlsx")
    steps.step(Text("XLSX", "XLSX"))
    files = write_csv(data, target / "csv")
    path = write_geojson(data, target / "problems.geojson")
    steps.finish(Text("完成", "done"))
    return ExportResult(xlsx, tuple(files), path)


def write_geojson(data: ReportData, path: Path) -> Path:
    """The problems with coordinates as GeoJSON."""
    path.write_text(json.dumps(geojson(data), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def workbook_bytes(data: ReportData) -> bytes:
    """The XLSX workbook as bytes, the same for the same data and date.

    Written in openpyxl's streaming (write-only) mode: questionnaire raw data runs to tens of
    thousands of cells."""
    wb = Workbook(write_only=True)
    about = wb.create_sheet("说明")
    c = data.community
    facts = [
        ("报告", data.title),
        ("社区", f"{c.district or ''}{c.street or ''}{c.name}"),
        ("社区id", c.id),
        ("报告编号", data.report_id),
        ("数据快照 SHA-256", data.digest),
        ("报告日期", data.date.isoformat()),
        ("数据截至", data.as_of),
        ("软件版本", f"fieldapp {data.app_version}"),
        (
            "说明",
            "各表中的记录id可用于在 fieldapp 中定位原始记录；问卷原始数据的取值含义见“问卷编码表”。",
        ),
    ]
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    for row in facts:
        about.append(list(row))
    for sheet in sheets(data):
        _add(wb, sheet)
    when = dt.datetime(data.date.year, data.date.month, data.date.day)
    wb.properties.creator = "fieldapp"
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.lastModifiedBy = "fieldapp"
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip(raw.getvalue(), when)


def write_xlsx(data: ReportData, path: Path) -> Path:
    """Write the workbook to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(workbook_bytes(data))
    return path


def _add(wb: Workbook, sheet: Sheet) -> None:
    ws = wb.create_sheet(sheet.title)
    for n, title in enumerate(sheet.headers, start=1):
        longest = max([len(str(title))] + [len(str(r[n - 1] or "")) for r in sheet.rows[:200]])
        ws.column_dimensions[get_column_letter(n)].width = min(_WIDE, max(8, longest * 1.6 + 2))
    ws.freeze_panes = "A2"
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
    header: list[WriteOnlyCell] = []
    for title in sheet.headers:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cell.fill = _HEAD
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    for row in sheet.rows:
        ws.append(list(row))


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry dated ``when``: openpyxl stamps the current time on the
    entries and as the document's modification date."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = f"{when:%Y-%m-%dT%H:%M:%S}Z".encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
