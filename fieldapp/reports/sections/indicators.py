"""The indicator results, one chapter per checklist: the overview table, then each
category with requirement, measured value and how it was measured, judgement, notes and
photo thumbnails; and the building ledger (一台账) where the checklist has one."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from fieldapp.core.forms import Status
from fieldapp.reports.figures import StampedPhoto
from fieldapp.reports.images import SIZES
from fieldapp.reports.labels import STATUS_ZH, category_label, number
from fieldapp.reports.sections.common import Ctx, heading, status_cell, status_style
from fieldapp.reports.styles import escape, table

if TYPE_CHECKING:
    from fieldapp.reports.checklists import ChecklistReport, IndicatorRow
    from fieldapp.reports.data import PhotoEntry

__all__ = ["checklist_chapter"]

TITLES = {
    "complete_community": "完整社区建设标准对标评价",
    "city_checkup_2025": "城市体检住房和小区（社区）维度体检结果",
}
THUMB = 16.5 * mm
THUMB_PX = min(SIZES)


def checklist_chapter(ctx: Ctx, checklist: ChecklistReport) -> list[Flowable]:
    """One checklist's chapter."""
    s = ctx.s
    form = checklist.form
    out: list[Flowable] = [ctx.chapter(TITLES.get(form.id, form.title.zh))]
    c = Counter(i.status for i in checklist.items)
    sub = checklist.submission
    state = "" if sub.status == "completed" else "（注意：该体检表尚未完成，结果为阶段性结果）"
    out.append(
        s.p(
            f"依据《{form.title.zh}》（版本 {form.version}），由 {sub.surveyor or '—'} 于 "
            f"{sub.started_at[:10]} 开始现场核查{state}。共 {len(checklist.items)} 项指标："
            + "、".join(f"{STATUS_ZH[st]} {c[st]} 项" for st in Status if c[st])
            + "。"
        )
    )
    if checklist.result.baseline_failures:
        out.append(
            s.p(
                "底线型指标 "
                + "、".join(checklist.result.baseline_failures)
                + " 不达标，所在类别一票否决，须列为限时解决事项。"
            )
        )
    out += [heading(ctx, 1, "（一）对标总表"), _overview(ctx, checklist)]
    for n, block in enumerate(checklist.categories, start=2):
        out.append(heading(ctx, 1, f"（{_cn(n)}）{block.code} {category_label(block.label)}"))
        judged = [i for i in block.items if i.status is not Status.NOT_APPLICABLE]
        met = sum(i.status is Status.MET for i in judged)
        text = f"本类共 {len(block.items)} 项，达标 {met} 项"
        bad = [i.code for i in block.items if i.status in (Status.NOT_MET, Status.PARTLY_MET)]
        if bad:
            text += f"，未完全达标 {len(bad)} 项（{'、'.join(bad)}）"
        if block.score is not None:
            text += f"；分类得分 {block.score * 100:.0f}（产品建议规则）"
        if block.vetoed:
            text += "；含底线型指标不达标，本类一票否决"
        out += [s.p(text + "。"), _detail(ctx, block.items)]
    if any(row.problems for row in checklist.ledger):
        out += _ledger(ctx, checklist)
    out.append(PageBreak())
    return out


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else "十" + "一二三四五六七八九"[n - 11]


def _overview(ctx: Ctx, checklist: ChecklistReport) -> Flowable:
    s = ctx.s
    rows, extra = [], []
    for r, item in enumerate(checklist.items, start=1):
        gap = "；".join(g.text for g in item.gaps) if item.status is not Status.MET else ""
        if not gap and item.status in (Status.NOT_MET, Status.PARTLY_MET):
            gap = item.basis
        name = item.label + ("（底线型）" if item.baseline else "")
        rows.append([item.code, name, status_cell(ctx, item.status), gap or "—"])
        extra.append(status_style(2, r, item.status))
    return table(
        s, ["编码", "指标", "判定", "差距"], rows, [0.1, 0.34, 0.1, 0.46], center=(0,), extra=extra
    )


def _detail(ctx: Ctx, items: tuple[IndicatorRow, ...]) -> Flowable:
    s = ctx.s
    rows, extra = [], []
    by_code: dict[str, list[Any]] = {}
    for entry in ctx.data.problems:
        by_code.setdefault(entry.problem.indicator_code or "", []).append(entry)
    for r, item in enumerate(items, start=1):
        title = f"<b>{escape(item.code)}</b><br/>{escape(item.label)}"
        if item.baseline:
            title += '<br/><font color="#C62828">底线型</font>'
        measured = (
            "<br/>".join(
                f'{escape(m.label)}：<font color="#1F3A5F"><b>{escape(m.value)}</b></font>'
                f'<font color="#888888" size="7">［{escape(m.how)}］</font>'
                for m in item.measures
                if m.key
            )
            or "—"
        )
        notes = []
        if item.status is not Status.MET:
            notes = [escape(g.text) for g in item.gaps] or [escape(item.basis)]
        if item.override_reason:
            notes = [
                f"人工改判（系统判定：{STATUS_ZH[item.derived]}）：{escape(item.override_reason)}"
            ]
        if item.buildings:
            notes.append("涉及楼栋：" + escape("、".join(item.buildings)))
        problems = by_code.get(item.code, [])
        if problems:
            notes.append("相关问题：" + "、".join(e.number for e in problems))
        photos = _photos_for(ctx, item, problems)
        if photos:
            notes.append("照片：" + "、".join(p.number for p in photos))
        note_cell: list[Any] = [s.markup("<br/>".join(notes) or "—", s.cell)]
        thumbs = _thumbnails(ctx, photos[:2])
        if thumbs is not None:
            note_cell += [Spacer(1, 2), thumbs]
        rows.append(
            [
                s.markup(title, s.cell),
                s.p(item.requirement or "—", s.cell),
                s.markup(measured, s.cell),
                status_cell(ctx, item.status, baseline=item.baseline),
                note_cell,
            ]
        )
        extra.append(status_style(3, r, item.status))
    return table(
        s,
        ["指标", "标准要求", "现状值（获取方式）", "判定", "说明与证据"],
        rows,
        [0.15, 0.27, 0.24, 0.09, 0.25],
        extra=extra,
    )


def _photos_for(ctx: Ctx, item: IndicatorRow, problems: list[Any]) -> list[PhotoEntry]:
    ids = list(item.photo_ids) + [pid for e in problems for pid in e.photo_ids]
    return [ctx.data.photos[pid] for pid in dict.fromkeys(ids) if pid in ctx.data.photos]


def _thumbnails(ctx: Ctx, photos: list[PhotoEntry]) -> Table | None:
    cells = []
    for entry in photos:
        rendered = ctx.photos.later(entry.photo, long_edge=THUMB_PX)
        if rendered is None:
            continue
        h = THUMB * rendered.height / rendered.width
        w = THUMB if h <= THUMB * 1.3 else THUMB * 1.3 * rendered.width / rendered.height
        cells.append(StampedPhoto(rendered, w, min(h, THUMB * 1.3), [], font=ctx.s.fonts.regular))
    if not cells:
        return None
    grid = Table([cells], colWidths=[THUMB + 2] * len(cells), hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return grid


def _ledger(ctx: Ctx, checklist: ChecklistReport) -> list[Flowable]:
    s = ctx.s
    codes = sorted({code for row in checklist.ledger for code in row.problems})
    housing = [c for c in (i.code for i in checklist.items) if c in codes] or codes
    rows = []
    for row in checklist.ledger:
        cells = [
            "、".join(x.split("-", 1)[-1] for x in row.problems.get(code, ())) or "—"
            for code in housing
        ]
        rows.append([row.estate, row.building, *cells])
    flagged = Counter(
        code for row in checklist.ledger for code in row.problems if row.problems[code]
    )
    rows.append(["合计", "问题栋数", *[number(flagged[c], "栋") for c in housing]])
    width = 0.64 / max(1, len(housing))
    header = ["小区", "楼栋", *[c.replace("CT-", "") for c in housing]]
    return [
        KeepTogether(
            [
                heading(ctx, 1, f"（{_cn(len(checklist.categories) + 2)}）楼栋问题台账（一台账）"),
                s.p(
                    "表中为各楼栋存在问题的子项编号（如 H03 列的“1、7”即 H03-1、H03-7，含义见问题分类"
                    "编码表），“—”表示经核查无此类问题。",
                    s.note,
                ),
            ]
        ),
        table(
            s,
            header,
            rows,
            [0.2, 0.16, *[width] * len(housing)],
            center=tuple(range(1, len(header))),
        ),
    ]
