"""Cover, table of contents and the one-page summary (摘要)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.core.forms import Status
from fieldapp.reports import charts
from fieldapp.reports.document import toc
from fieldapp.reports.findings import conclusion, counts, tier_lines
from fieldapp.reports.labels import PRIORITY, category_label, date_text, percent, vocab
from fieldapp.reports.sections.common import Ctx, heading
from fieldapp.reports.styles import (
    ACCENT,
    HEAD_BG,
    MUTED,
    NAVY,
    RULE,
    STATUS_COLORS,
    WIDTH,
    ZEBRA,
    table,
)

__all__ = ["contents", "cover", "summary"]


def cover(ctx: Ctx, *, organization: str) -> list[Flowable]:
    """The cover: title, the facts a recipient files it by, and traceability."""
    d, s = ctx.data, ctx.s
    c = d.community
    place = f"{c.district or ''}{c.street or ''}"
    out: list[Flowable] = [Spacer(1, 30 * mm)]
    out.append(s.p(place, s.subtitle))
    out.append(Spacer(1, 4 * mm))
    out.append(s.bold(c.name, s.title))
    out.append(s.bold(f"{d.date.year}年度社区体检报告", s.title))
    out.append(Spacer(1, 5 * mm))
    rule = Table([[""]], colWidths=[60 * mm], rowHeights=[1.2])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 1.2, ACCENT)]))
    out += [rule, Spacer(1, 3 * mm)]
    out.append(
        s.p(
            "完整居住社区建设标准对标 · 城市体检住房和小区（社区）维度 · 居民满意度调查",
            s.kpi_label,
        )
    )
    out.append(Spacer(1, 22 * mm))
    team = "、".join(d.team) or "—"
    rows = [
        ("项目名称", d.project.name),
        ("体检社区", f"{place}{c.name}"),
        ("报送单位", f"{c.street}办事处" if c.street else "—"),
        ("编制单位", organization),
        ("体检人员", team),
        ("编制日期", date_text(d.date.isoformat())),
        ("报告编号", d.report_id),
        ("数据快照", f"SHA-256 {d.digest[:32]}<br/>{d.digest[32:]}"),
        ("软件版本", f"fieldapp {d.app_version}"),
    ]
    info = Table(
        [[s.p(k, s.small), s.markup(v if k == "数据快照" else _esc(v), s.small)] for k, v in rows],
        colWidths=[26 * mm, 100 * mm],
        hAlign="CENTER",
    )
    info.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    out.append(info)
    out.append(Spacer(1, 20 * mm))
    out.append(s.p(organization, s.subtitle))
    out.append(s.p(date_text(d.date.isoformat()), s.kpi_label))
    out += [NextPageTemplate("body"), PageBreak()]
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def contents(ctx: Ctx) -> list[Flowable]:
    """The table of contents page."""
    s = ctx.s
    return [s.bold("目  录", s.h1), Spacer(1, 4 * mm), toc(s), PageBreak()]


def _kpis(ctx: Ctx) -> Table:
    d, s = ctx.data, ctx.s
    k = counts(d)
    c = d.community
    cc = d.checklist("complete_community")
    met_rate = cc.result.met_rate if cc else None
    cells = [
        (f"{c.population:,}" if c.population else "—", "常住人口（人）"),
        (f"{c.households:,}" if c.households else "—", "户数（户）"),
        (f"{len(d.estates)}/{d.building_count()}", "小区 / 楼栋"),
        (percent(met_rate, digits=0), "完整社区达标率"),
        (str(k.deadline), "限时解决问题"),
        (str(k.best_effort), "尽力解决问题"),
        (percent(d.survey.overall_rate, digits=0) if d.survey else "—", "居民满意率"),
        (str(d.survey.valid) if d.survey else "0", "有效问卷"),
    ]
    row = [[s.p(v, s.kpi), s.p(label, s.kpi_label)] for v, label in cells]
    grid = Table([row], colWidths=[WIDTH / len(cells)] * len(cells))
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.8, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return grid


def category_charts(ctx: Ctx, *, height: float = 56 * mm) -> Table | None:
    """The radar of the complete-community categories beside stacked bars of the judgements
    of every category of every checklist."""
    d, s = ctx.data, ctx.s
    font = s.fonts.regular
    half = WIDTH / 2 - 3
    cells: list[Any] = []
    cc = d.tiered or (d.checklists[0] if d.checklists else None)
    if cc is None:
        return None
    labels = [_short(b.label) for b in cc.categories]
    values = [b.score for b in cc.categories]
    cells.append(
        charts.radar(
            labels,
            values,
            font=font,
            width=half,
            height=height,
            caption=[
                f"{cc.form.title.zh}：分类得分（0–100）",
                "得分为产品建议规则：达标 1、基本达标 0.5、不达标 0",
            ],
        )
    )
    rows = []
    for checklist in d.checklists:
        for block in checklist.categories:
            c = block.counts
            rows.append(
                (
                    f"{block.code} {_short(block.label)}",
                    [
                        c.get(st.value, 0)
                        for st in (
                            Status.MET,
                            Status.PARTLY_MET,
                            Status.NOT_MET,
                            Status.NOT_APPLICABLE,
                        )
                    ],
                )
            )
    series = [
        (label, STATUS_COLORS[st])
        for label, st in (
            ("达标", Status.MET),
            ("基本达标", Status.PARTLY_MET),
            ("不达标", Status.NOT_MET),
            ("不适用", Status.NOT_APPLICABLE),
        )
    ]
    row_h = max(9.0, min(14.0, (height - 24) / max(1, len(rows))))
    cells.append(
        charts.stacked_bars(rows, series, font=font, width=half, row=row_h, label_share=0.46)
    )
    grid = Table([cells], colWidths=[half + 6, half])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return grid


def _short(label: str) -> str:
    return category_label(label).replace("小区（社区）", "社区")


def summary(ctx: Ctx) -> list[Flowable]:
    """The summary page: conclusion, figures, charts, tier, top problems, needs, projects."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [heading(ctx, 0, "摘  要")]
    box = Table([[s.p(conclusion(d), s.lead)]], colWidths=[WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), HEAD_BG),
                ("LINEBEFORE", (0, 0), (0, -1), 3, NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    out += [s.bold("体检结论", s.h3), box, Spacer(1, 3 * mm), _kpis(ctx), Spacer(1, 2 * mm)]
    grid = category_charts(ctx)
    if grid is not None:
        out += [grid]
    reached, shortfalls = tier_lines(d)
    tier = f"<b>完整社区等级：{reached}</b>"
    if shortfalls:
        tier += "。距上一等级：" + "；".join(_esc(x) for x in shortfalls)
    tier += "。<font color='#777777'>（等级为本产品建议规则，非官方评定；官方体检以查找问题为目的，不打分。）</font>"
    out += [s.markup(tier, s.small), Spacer(1, 2 * mm)]
    top = [e for e in d.problems if e.problem.status != "closed"][:5]
    font = s.fonts.regular
    if top:
        rows = [
            [
                e.number,
                charts.fit(e.problem.description, font, 8, WIDTH * 0.55 - 8),
                charts.fit(e.place, font, 8, WIDTH * 0.2 - 8),
                vocab("severity", e.problem.severity),
                vocab("resolution_class", e.problem.resolution_class),
            ]
            for e in top
        ]
        out.append(s.bold("主要问题（前 5 项，按限时解决、严重程度排序）", s.h3))
        out.append(
            table(
                s,
                ["编号", "问题", "位置", "程度", "分类"],
                rows,
                [0.07, 0.55, 0.2, 0.08, 0.1],
                center=(0, 3, 4),
            )
        )
    half = WIDTH / 2 - 4
    cells: list[Any] = []
    if d.survey is not None and d.survey.needs:
        needs = [
            [str(n), r.label, f"{r.mentions} 人（{percent(r.share, digits=0)}）"]
            for n, r in enumerate(d.survey.needs[:3], start=1)
        ]
        cells.append(
            [
                s.bold("居民最急需解决的问题（前 3 项）", s.h3),
                table(
                    s, ["排序", "需求", "提及"], needs, [0.14, 0.56, 0.3], center=(0, 2), width=half
                ),
            ]
        )
    if d.plan is not None and d.plan.projects:
        projects = [
            [p.number, p.name, PRIORITY.get(p.priority or "", "—")] for p in d.plan.projects[:5]
        ]
        cells.append(
            [
                s.bold("建议优先实施的项目", s.h3),
                table(
                    s,
                    ["编号", "项目", "优先级"],
                    projects,
                    [0.14, 0.7, 0.16],
                    center=(0, 2),
                    width=half,
                ),
            ]
        )
    if cells:
        grid = Table([cells], colWidths=[half + 8] * (len(cells) - 1) + [half], hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        out.append(grid)
    out.append(PageBreak())
    return out
