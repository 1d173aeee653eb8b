"""The resident survey chapter: sample, satisfaction index per item, one chart per
question, the ranking of urgent needs, residents' view beside the surveyors' findings, and
comments."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from fieldapp.core.forms import Status
from fieldapp.reports import charts
from fieldapp.reports.labels import STATUS_ZH, percent, short_date
from fieldapp.reports.sections.common import Ctx, heading
from fieldapp.reports.styles import WIDTH, escape, table

if TYPE_CHECKING:
    from fieldapp.reports.survey import QuestionSummary, SurveyReport

__all__ = ["survey_chapter"]

PROFILE = ("gender", "age", "residence", "tenure", "household_members", "occupation")
SCALE_COLORS = {
    "5": colors.HexColor("#1B5E20"),
    "4": colors.HexColor("#66BB6A"),
    "3": colors.HexColor("#BDBDBD"),
    "2": colors.HexColor("#EF9A9A"),
    "1": colors.HexColor("#C62828"),
    "0": colors.HexColor("#E8EAF0"),
}


def survey_chapter(ctx: Ctx) -> list[Flowable]:
    """六、居民问卷调查分析 (or a note that there is no survey)."""
    s = ctx.s
    out: list[Flowable] = [ctx.chapter("居民问卷调查分析")]
    v = ctx.data.survey
    if v is None:
        return [*out, s.p("本社区尚无已完成的居民问卷。"), PageBreak()]
    out.append(heading(ctx, 1, "（一）样本概况"))
    out.append(
        s.p(
            f"问卷调查时间为 {short_date(v.first_at)} 至 {short_date(v.last_at)}，共回收完成问卷 "
            f"{v.total} 份，其中有效问卷 {v.valid} 份（剔除 16 周岁以下或居住不满半年的 "
            f"{v.total - v.valid} 份）"
            + (f"，另有未完成草稿 {v.drafts} 份未计入" if v.drafts else "")
            + "。有效问卷按小区分布："
            + "，".join(f"{name} {n} 份" for name, n in v.by_estate)
            + "。"
        )
    )
    profile = [q for name in PROFILE if (q := v.question(name)) is not None]
    out += _chart_grid(ctx, profile)
    out.append(heading(ctx, 1, "（二）满意度"))
    out += _satisfaction(ctx, v)
    others = [q for q in v.questions if q.kind != "rating" and q.name not in PROFILE]
    if others:
        grids = _chart_grid(ctx, others)
        out.append(
            KeepTogether(
                [
                    heading(ctx, 1, "（三）问题感知与改造意愿"),
                    s.p(
                        "各题选中率 = 选择该项的有效问卷数 ÷ 回答该题的有效问卷数；多选题各项之和可超过 100%。",
                        s.note,
                    ),
                    grids[0],
                ]
            )
        )
        out += grids[1:]
    if v.needs:
        out += _needs(ctx, v)
    rows = _cross_check(ctx, v)
    if rows:
        out.append(heading(ctx, 1, "（五）居民评价与体检结论对照"))
        out.append(
            s.p(
                "将各项满意度与对应指标的体检判定并列（主客观结合）。对照结论为本产品建议规则："
                "满意度指数低于 70 而指标达标，提示关注服务质量和运营；指数不低于 80 而指标未达标，"
                "提示核实设施缺口或居民对共享设施的使用情况。",
                s.note,
            )
        )
        out.append(
            table(
                s,
                ["评价项目", "满意度指数", "对应指标判定", "对照结论"],
                rows,
                [0.28, 0.12, 0.34, 0.26],
                center=(1,),
            )
        )
    if v.comments:
        out.append(heading(ctx, 1, "（六）居民意见摘录"))
        shown = v.comments[:20]
        out += [s.p(f"{n}. {text}", s.small) for n, text in enumerate(shown, start=1)]
        if len(v.comments) > len(shown):
            out.append(s.p(f"另有 {len(v.comments) - len(shown)} 条意见见数据导出表。", s.note))
    out.append(PageBreak())
    return out


def _chart(ctx: Ctx, q: QuestionSummary, width: float) -> list[Any]:
    s = ctx.s
    options = [o for o in q.options if o.count or len(q.options) <= 8]
    items = [(o.label, o.share, f"{percent(o.share, digits=0)}（{o.count}）") for o in options]
    if q.kind == "multiple":
        items.sort(key=lambda i: -i[1])
    title = s.markup(
        f"<b>{escape(q.label)}</b>"
        f'<font color="#777777">（{"多选" if q.kind == "multiple" else "单选"}，'
        f"n = {q.answered}）</font>",
        s.small,
    )
    drawing = charts.bars(items, font=s.fonts.regular, width=width, row=12)
    return [title, drawing]


def _chart_grid(ctx: Ctx, questions: list[QuestionSummary]) -> list[Flowable]:
    """Charts two by two, one small table per pair so that a page break can fall between
    pairs."""
    half = WIDTH / 2 - 4
    cells = [_chart(ctx, q, half) for q in questions]
    out: list[Flowable] = []
    for i in range(0, len(cells), 2):
        pair: list[Any] = cells[i : i + 2] + ([""] if i + 1 >= len(cells) else [])
        grid = Table([pair], colWidths=[half + 8, half], hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        out.append(grid)
    return out


def _satisfaction(ctx: Ctx, v: SurveyReport) -> list[Flowable]:
    s = ctx.s
    ratings = v.ratings
    out: list[Flowable] = [
        s.p(
            f"居民对社区的总体满意率为 {percent(v.overall_rate)}，总体满意度指数为 "
            f"{'—' if v.overall_index is None else f'{v.overall_index:.1f}'}。满意度指数按“非常满意 100、"
            "满意 80、一般 60、不满意 40、非常不满意 20”计分取平均（0–100），满意率为选择“满意”或"
            "“非常满意”的比例；“不了解/不适用”不计入。"
        )
    ]
    if not ratings:
        return out
    ordered = sorted(ratings, key=lambda q: q.index or 0)
    lowest = "、".join(f"{q.label}（{q.index:.1f}）" for q in ordered[:5] if q.index is not None)
    out.append(s.p(f"满意度最低的 {min(5, len(ordered))} 项为：{lowest}。"))
    series = [(o.label, SCALE_COLORS.get(o.value, colors.grey)) for o in ratings[0].options]
    rows = [(_rating_label(q), [o.count for o in q.options]) for q in ordered]
    right = [f"{q.index:.1f}" if q.index is not None else "—" for q in ordered]
    drawing = charts.stacked_bars(
        rows, series, font=s.fonts.regular, width=WIDTH, row=13, label_share=0.3, right=right
    )
    out.append(
        KeepTogether(
            [
                s.bold("各项满意度分布（按满意度指数由低到高，右侧为指数）", s.h3),
                drawing,
                Spacer(1, 4),
            ]
        )
    )
    table_rows = [
        [
            _rating_label(q),
            str(q.scored),
            f"{q.index:.1f}" if q.index is not None else "—",
            percent(q.rate),
            "、".join(q.maps_to) or "—",
        ]
        for q in ratings
    ]
    out.append(
        table(
            s,
            ["评价项目", "有效回答", "满意度指数", "满意率", "对应指标"],
            table_rows,
            [0.46, 0.1, 0.12, 0.1, 0.22],
            center=(1, 2, 3),
        )
    )
    return out


def _rating_label(q: QuestionSummary) -> str:
    """A rating's short name: a grid row's own label, the overall question as 总体满意度."""
    if q.role == "overall_satisfaction":
        return "总体满意度"
    return q.label.removeprefix("您对").removesuffix("的满意程度？")


def _needs(ctx: Ctx, v: SurveyReport) -> list[Flowable]:
    s = ctx.s
    rows = [
        [str(n), r.label, str(r.first), str(r.mentions), percent(r.share), str(r.score)]
        for n, r in enumerate(v.needs, start=1)
    ]
    items = [(r.label, float(r.score), str(r.score)) for r in v.needs]
    top = max((r.score for r in v.needs), default=1)
    return [
        KeepTogether(
            [
                heading(ctx, 1, "（四）急需解决问题排序"),
                s.p(
                    "“您认为本社区最急需解决的问题”按重要程度最多选 3 项；排序得分 = 第一位 × 3 + "
                    "第二位 × 2 + 第三位 × 1（本产品建议规则）。提及率 = 提及人数 ÷ 回答该题的"
                    "有效问卷数。",
                    s.note,
                ),
                charts.bars(
                    items,
                    font=s.fonts.regular,
                    width=WIDTH,
                    maximum=top,
                    highlight=3,
                    row=13,
                    label_share=0.3,
                ),
            ]
        ),
        table(
            s,
            ["排序", "需求", "列为第一位", "提及人数", "提及率", "排序得分"],
            rows,
            [0.08, 0.42, 0.13, 0.12, 0.12, 0.13],
            center=(0, 2, 3, 4, 5),
        ),
    ]


def _cross_check(ctx: Ctx, v: SurveyReport) -> list[list[str]]:
    rows = []
    for q in v.ratings:
        judged = [
            (code, item.status)
            for code in q.maps_to
            if (item := ctx.data.indicator(code)) is not None
        ]
        if not judged or q.index is None:
            continue
        statuses = {st for _, st in judged}
        text = "、".join(f"{code} {STATUS_ZH[st]}" for code, st in judged)
        met = statuses <= {Status.MET, Status.NOT_APPLICABLE}
        if q.index < 70 and met:
            verdict = "不一致：指标达标但居民评价偏低"
        elif q.index >= 80 and statuses & {Status.NOT_MET, Status.PARTLY_MET}:
            verdict = "不一致：指标未达标但居民评价较高"
        elif not met and q.index < 70:
            verdict = "一致：指标未达标，居民评价偏低"
        else:
            verdict = "基本一致"
        rows.append([_rating_label(q), f"{q.index:.1f}", text, verdict])
    return rows
