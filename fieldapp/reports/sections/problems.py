"""The problem list (问题清单), its photos, and the remediation list (整治建议清单)."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, PageBreak

from fieldapp.reports.findings import counts
from fieldapp.reports.labels import category_order, problem_category, short_date, vocab
from fieldapp.reports.sections.common import Ctx, heading, photo_grid
from fieldapp.reports.styles import SEVERITY_COLORS, table

if TYPE_CHECKING:
    from fieldapp.reports.data import ProblemEntry

__all__ = ["problem_chapter", "remediation_chapter"]

_CLASSES = (("deadline", "限时解决类"), ("best_effort", "尽力解决类"), (None, "未分类"))
_SEVERITIES = ("severe", "major", "minor")


def _severity(ctx: Ctx, value: str | None) -> Flowable:
    colour = SEVERITY_COLORS.get(value or "")
    text = vocab("severity", value)
    if colour is None:
        return ctx.s.p(text, ctx.s.cell_center)
    return ctx.s.markup(f'<font color="#{colour.hexval()[2:]}">{text}</font>', ctx.s.cell_center)


def _status(entry: ProblemEntry) -> str:
    p = entry.problem
    last = entry.history[-1] if entry.history else None
    text = vocab("status", p.status)
    return (
        f'{text}<br/><font size="6.5" color="#666666">{short_date(last.at)}</font>'
        if last
        else text
    )


def problem_chapter(ctx: Ctx) -> list[Flowable]:
    """The problem list, by class, then category and severity; then its photos."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [ctx.chapter("问题清单")]
    k = counts(d)
    out.append(
        s.p(
            f"现场共登记问题 {k.total} 处，其中限时解决类 {k.deadline} 处、尽力解决类 {k.best_effort} 处；"
            f"严重问题 {k.severe} 处；已办结 {k.closed} 处，尚未办结 {k.open} 处"
            f"（其中限时解决类 {k.open_deadline} 处）。限时解决类为安全、健康及群众反映强烈的问题，须在"
            "规定时限内整改，逾期未完成的视为未达标；尽力解决类纳入年度计划或项目库逐步解决。"
        )
    )
    if not d.problems:
        return [*out, PageBreak()]
    by_cat: dict[str, Counter[str]] = {}
    for e in d.problems:
        by_cat.setdefault(e.problem.category or "", Counter())[e.problem.severity or ""] += 1
    rows = []
    for cat in sorted(by_cat, key=category_order):
        c = by_cat[cat]
        deadline = sum(
            e.problem.category == cat and e.problem.resolution_class == "deadline"
            for e in d.problems
        )
        rows.append(
            [
                problem_category(cat),
                *[str(c[sv]) for sv in _SEVERITIES],
                str(sum(c.values())),
                str(deadline),
            ]
        )
    total = Counter(e.problem.severity or "" for e in d.problems)
    rows.append(["合计", *[str(total[sv]) for sv in _SEVERITIES], str(k.total), str(k.deadline)])
    out.append(
        table(
            s,
            ["问题类别", "严重", "较严重", "一般", "合计", "其中限时解决"],
            rows,
            [0.3, 0.12, 0.12, 0.12, 0.14, 0.2],
            center=(1, 2, 3, 4, 5),
        )
    )
    n = 0
    for klass, title in _CLASSES:
        entries = [e for e in d.problems if e.problem.resolution_class == klass]
        if not entries:
            continue
        n += 1
        out.append(heading(ctx, 1, f"（{'一二三'[n - 1]}）{title}问题（{len(entries)} 处）"))
        for category, group in groupby(entries, key=lambda e: e.problem.category):
            items = list(group)
            rows = [
                [
                    e.number,
                    e.indicator,
                    e.problem.description,
                    _severity(ctx, e.problem.severity),
                    vocab("difficulty", e.problem.difficulty),
                    e.place,
                    s.markup(_status(e), s.cell_center),
                    "、".join(d.photos[p].number for p in e.photo_ids if p in d.photos) or "—",
                ]
                for e in items
            ]
            out.append(s.bold(f"{problem_category(category)}（{len(items)} 处）", s.h3))
            out.append(
                table(
                    s,
                    ["编号", "指标项", "存在问题", "程度", "难度", "位置 / 楼栋", "状态", "照片"],
                    rows,
                    [0.06, 0.13, 0.33, 0.07, 0.06, 0.17, 0.1, 0.08],
                    center=(0, 3, 4, 6, 7),
                )
            )
    ids = dict.fromkeys(p for e in d.problems for p in e.photo_ids if p in d.photos)
    grid = photo_grid(ctx, [d.photos[p] for p in ids], columns=2, stamp=True)
    if grid is not None:
        out.append(PageBreak())
        out.append(heading(ctx, 1, f"（{'一二三四'[n]}）问题照片"))
        out.append(
            s.p(
                "照片按问题编号排列，下方注明照片编号、对应问题、指标、楼栋和拍摄时间；照片上的"
                "标注和水印（社区、时间、地点、坐标、体检员）由系统按原始照片和记录生成，原始照片"
                "保持不变。",
                s.note,
            )
        )
        out.append(grid)
    out.append(PageBreak())
    return out


def remediation_chapter(ctx: Ctx) -> list[Flowable]:
    """The remediation list: management-type and works-type, each problem's suggestion."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [ctx.chapter("整治建议清单")]
    out.append(
        s.p(
            "按整治方式分为管理类（通过物业、专业经营单位日常维护或执法管理即可解决）和工程类（需立项"
            "实施改造工程）。责任单位、整治建议均为现场登记内容，可在审核时调整。"
        )
    )
    groups = (("management", "管理类"), ("works", "工程类"), (None, "未分类"))
    n = 0
    for kind, title in groups:
        entries = [e for e in d.problems if e.problem.remediation_type == kind]
        if not entries:
            continue
        n += 1
        rows = [
            [
                e.number,
                e.indicator,
                e.problem.description,
                e.problem.suggested_action or "—",
                e.place,
                vocab("resolution_class", e.problem.resolution_class),
                vocab("responsible_unit", e.problem.responsible_unit),
                s.markup(_status(e), s.cell_center),
            ]
            for e in entries
        ]
        out.append(heading(ctx, 1, f"（{'一二三'[n - 1]}）{title}（{len(entries)} 项）"))
        out.append(
            table(
                s,
                ["编号", "指标", "存在问题", "整治建议", "整治区域", "类型", "责任单位", "进展"],
                rows,
                [0.055, 0.1, 0.21, 0.24, 0.12, 0.085, 0.095, 0.095],
                center=(0, 5, 6, 7),
            )
        )
    out.append(PageBreak())
    return out
