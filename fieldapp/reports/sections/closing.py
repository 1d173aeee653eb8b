"""The sign-off block and the annexes: data sources with record numbers, problem histories,
the photo index and the sub-problem codes used."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.core.problems import taxonomy
from fieldapp.reports.document import CHINA
from fieldapp.reports.labels import date_text, short_date, vocab
from fieldapp.reports.sections.common import Ctx, heading, photo_grid
from fieldapp.reports.styles import HEAD_BG, NAVY, RULE, WIDTH, table

__all__ = ["annexes", "sign_off"]


def sign_off(ctx: Ctx, *, organization: str) -> list[Flowable]:
    """签署: surveyors, reviewer, the compiling unit and the street office's receipt."""
    d, s = ctx.data, ctx.s
    c = d.community
    out: list[Flowable] = [heading(ctx, 0, "报告签署")]
    out.append(
        s.p(
            f"本报告依据截至 {_moment(d.as_of)} 的体检数据于 {d.generated} 生成，报告编号 "
            f"{d.report_id}，数据快照 SHA-256："
            f"{d.digest}。报告中的数字均可凭报告编号和数据快照在 fieldapp 中追溯至原始记录；数据如有"
            "更新，应重新生成报告。"
        )
    )
    blank = ""
    rows = [
        [
            s.bold("签署事项", s.cell_head),
            s.bold("姓名 / 单位", s.cell_head),
            s.bold("签字（盖章）", s.cell_head),
            s.bold("日期", s.cell_head),
        ]
    ]
    for name in d.team:
        rows.append([s.p("体检人员", s.cell), s.p(name, s.cell), blank, blank])
    rows += [
        [s.p("技术审核", s.cell), blank, blank, blank],
        [s.p("编制单位", s.cell), s.p(organization, s.cell), blank, blank],
        [s.p("社区居委会确认", s.cell), s.p(f"{c.name}居民委员会", s.cell), blank, blank],
        [s.p("街道办事处签收", s.cell), s.p(f"{c.street or ''}办事处", s.cell), blank, blank],
    ]
    grid = Table(
        rows,
        colWidths=[WIDTH * w for w in (0.22, 0.3, 0.3, 0.18)],
        rowHeights=[None] + [13 * mm] * (len(rows) - 1),
    )
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                ("LINEABOVE", (0, 0), (-1, 0), 0.9, NAVY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.9, NAVY),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    out += [Spacer(1, 3 * mm), grid, Spacer(1, 4 * mm)]
    out.append(s.p("签收意见：", s.body))
    box = Table([[""]], colWidths=[WIDTH], rowHeights=[32 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE)]))
    out += [
        box,
        Spacer(1, 2 * mm),
        s.p(f"编制日期：{date_text(d.date.isoformat())}", s.small),
        PageBreak(),
    ]
    return out


def _moment(iso: str) -> str:
    """A UTC timestamp as Beijing time, YYYY-MM-DD HH:MM."""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso or "—"
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def annexes(ctx: Ctx) -> list[Flowable]:
    """附件 1–4."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [heading(ctx, 0, "附  件")]
    out.append(heading(ctx, 1, "附件 1  测量值数据来源明细"))
    out.append(
        s.p(
            "每个测量值注明获取方式和记录编号（答案记录 id 的末 12 位；完整 id 见数据导出表），"
            "可据此在应用中定位原始记录和修改历史。",
            s.note,
        )
    )
    rows = []
    for checklist in d.checklists:
        for item in checklist.items:
            for m in item.measures:
                rows.append(
                    [
                        item.code,
                        m.label,
                        m.value,
                        m.how,
                        m.record_id[-12:] if m.record_id else "（计算值）",
                    ]
                )
    if rows:
        out.append(
            table(
                s,
                ["指标", "测量项", "数值", "获取方式", "记录编号"],
                rows,
                [0.1, 0.38, 0.2, 0.17, 0.15],
                center=(0, 4),
            )
        )
    out.append(PageBreak())
    out.append(heading(ctx, 1, "附件 2  问题处置记录"))
    rows = []
    for e in d.problems:
        for n, ev in enumerate(e.history):
            rows.append(
                [
                    e.number if n == 0 else "",
                    vocab("status", ev.to_status),
                    ev.actor,
                    short_date(ev.at),
                    ev.note or "—",
                ]
            )
    if rows:
        out.append(
            table(
                s,
                ["问题", "状态", "操作人", "日期", "说明"],
                rows,
                [0.08, 0.1, 0.2, 0.12, 0.5],
                center=(0, 1, 3),
                zebra=False,
            )
        )
    if d.photos:
        out.append(CondPageBreak(50 * mm))
        out.append(heading(ctx, 1, "附件 3  照片索引"))
        rows = []
        for entry in d.photos.values():
            p = entry.photo
            where = f"{p.lat:.5f}, {p.lon:.5f}" if p.lat is not None and p.lon is not None else "—"
            about = "、".join(x for x in (entry.problem, entry.indicator, entry.building) if x)
            rows.append(
                [
                    entry.number,
                    about or "—",
                    (p.taken_at or "—")[:16].replace("T", " "),
                    where,
                    p.sha256[:16],
                ]
            )
        out.append(
            table(
                s,
                ["照片", "对应问题 / 指标", "拍摄时间", "坐标", "文件 SHA-256（前 16 位）"],
                rows,
                [0.08, 0.3, 0.18, 0.2, 0.24],
                center=(0, 2, 3),
            )
        )
        # Photos not printed with a problem: indicator evidence, building ledger, others.
        others = [e for e in d.photos.values() if e.problem is None]
        grid = photo_grid(ctx, others, columns=3, stamp=False)
        if grid is not None:
            out += [Spacer(1, 3 * mm), s.bold("其他现场照片", s.h3), grid]
    codes = sorted(
        {e.problem.sub_problem_code for e in d.problems if e.problem.sub_problem_code}
        | {x for c in d.checklists for row in c.ledger for xs in row.problems.values() for x in xs}
    )
    tax = taxonomy()
    rows = [
        [code, sub.label.zh, vocab("severity", sub.default_severity)]
        for code in codes
        if (sub := tax.sub_problem(code)) is not None
    ]
    if rows:
        out.append(CondPageBreak(50 * mm))  # not a heading stranded above its table
        out.append(
            KeepTogether(
                [
                    heading(ctx, 1, "附件 4  问题分类编码（本报告涉及部分）"),
                    s.p(
                        "编码依据《城市体检工作手册（试行）》问题清单；手册未编号的检查项为本产品补充编码。",
                        s.note,
                    ),
                ]
            )
        )
        out.append(table(s, ["编码", "问题", "默认程度"], rows, [0.1, 0.78, 0.12], center=(0, 2)))
    return out
