"""The needs list (需求清单), the project list (项目清单) with the action plan, and the
conclusions and recommendations."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreak

from fieldapp.core.forms import Status
from fieldapp.reports.findings import conclusion, counts, tier_lines
from fieldapp.reports.labels import (
    FUNDING,
    PRIORITY,
    PROJECT_TYPE,
    PROPERTY_MANAGEMENT,
    REVIEW,
    SOURCE_KIND,
    TERM,
    number,
    percent,
)
from fieldapp.reports.sections.common import Ctx, heading
from fieldapp.reports.styles import table

__all__ = ["conclusions_chapter", "needs_chapter", "projects_chapter"]


def _review_note(ctx: Ctx) -> str:
    plan = ctx.data.plan
    if plan is None or not plan.stored:
        return (
            "本清单由系统依据体检指标、问题台账和居民问卷自动生成，尚未经人工审核确认；"
            "请在应用中审核、修改后再正式报送。"
        )
    note = "本清单已在应用中审核编辑。"
    if plan.pending:
        note += f"其中 {plan.pending} 项仍为“待审核”状态。"
    if plan.excluded:
        note += f"另有 {plan.excluded} 项经审核不纳入，未列出。"
    return note


def _sources(ctx: Ctx, sources: tuple[dict[str, Any], ...]) -> str:
    grouped: dict[str, list[str]] = {}
    for item in sources:
        kind = str(item.get("kind", "manual"))
        ref = str(item.get("ref", ""))
        if kind == "problem":
            ref = ctx.problem_number(ref)
        elif kind == "survey":
            ref = str(item.get("text", ref)).split("：")[0].replace("居民急需解决问题", "急需排序")
        grouped.setdefault(kind, []).append(ref)
    return "；".join(
        f"{SOURCE_KIND.get(k, k)}：{'、'.join(dict.fromkeys(v))}" for k, v in grouped.items()
    )


def needs_chapter(ctx: Ctx) -> list[Flowable]:
    """九、需求清单 (一社区一清单)."""
    s = ctx.s
    plan = ctx.data.plan
    out: list[Flowable] = [ctx.chapter("需求清单")]
    out.append(
        s.p(
            "需求清单（“一社区一清单”）汇总体检指标差距、问题台账和居民急需诉求，逐项注明缺口和来源，"
            "作为资源挖潜和项目谋划的依据。优先级按底线型指标、限时解决问题、居民急需排序综合确定"
            "（本产品建议规则）。"
        )
    )
    out.append(s.p(_review_note(ctx), s.note))
    if plan is None or not plan.needs:
        return [*out, s.p("未发现需列入清单的需求。"), PageBreak()]
    rows = [
        [
            n.number,
            n.category,
            n.title,
            n.gap or "—",
            _sources(ctx, n.sources),
            percent(n.resident_share, digits=0),
            PRIORITY.get(n.priority or "", "—"),
            REVIEW.get(n.review_status, n.review_status),
        ]
        for n in plan.needs
    ]
    out.append(
        table(
            s,
            ["编号", "类别", "需求内容", "缺口", "依据与来源", "居民提及率", "优先级", "审核"],
            rows,
            [0.06, 0.1, 0.17, 0.25, 0.22, 0.07, 0.06, 0.07],
            center=(0, 5, 6, 7),
        )
    )
    notes = [n for n in plan.needs if n.notes]
    if notes:
        out.append(s.p("审核备注：" + "；".join(f"{n.number} {n.notes}" for n in notes), s.note))
    out.append(PageBreak())
    return out


def projects_chapter(ctx: Ctx) -> list[Flowable]:
    """十、项目清单 and the near- and mid-term action plan."""
    d, s = ctx.data, ctx.s
    plan = d.plan
    out: list[Flowable] = [ctx.chapter("项目清单")]
    out.append(
        s.p(
            "项目清单按需求清单逐项谋划，列明建设内容、对应需求和问题、资金渠道、实施主体、实施年度和"
            "优先级。估算投资须由实施主体测算后填写，系统不作估算。"
        )
    )
    out.append(s.p(_review_note(ctx), s.note))
    if plan is None or not plan.projects:
        return [*out, s.p("暂无建议项目。"), PageBreak()]
    rows = []
    for p in plan.projects:
        refs = list(p.needs) + [ctx.problem_number(i) for i in p.problem_ids]
        kind = PROJECT_TYPE.get(p.project_type or "", "")
        rows.append(
            [
                p.number,
                f"{p.name}" + (f"（{kind}）" if kind else ""),
                p.content or "—",
                "、".join(refs) or "—",
                FUNDING.get(p.funding or "", p.funding or "—"),
                p.implementer or "—",
                number(p.year),
                PRIORITY.get(p.priority or "", "—"),
                number(p.estimated_cost_wan) if p.estimated_cost_wan is not None else "待测算",
            ]
        )
    out.append(
        table(
            s,
            [
                "编号",
                "项目名称",
                "建设内容",
                "对应需求 / 问题",
                "资金渠道",
                "实施主体",
                "实施年度",
                "优先级",
                "估算投资（万元）",
            ],
            rows,
            [0.06, 0.15, 0.24, 0.11, 0.11, 0.1, 0.07, 0.06, 0.1],
            center=(0, 6, 7, 8),
        )
    )
    out.append(heading(ctx, 1, "行动计划"))
    for term in ("near", "mid", "long"):
        chosen = [p for p in plan.projects if p.term == term]
        if chosen:
            names = "；".join(f"{p.number} {p.name}" for p in chosen)
            out.append(s.markup(f"<b>{TERM[term]}：</b>{names}。", s.body))
    out.append(PageBreak())
    return out


def conclusions_chapter(ctx: Ctx) -> list[Flowable]:
    """十一、结论与建议: overall evaluation, mechanisms, what to re-check next year."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [ctx.chapter("结论与建议"), heading(ctx, 1, "（一）总体评价")]
    out.append(s.p(conclusion(d)))
    reached, shortfalls = tier_lines(d)
    text = f"按本产品建议的完整社区等级规则（非官方），本社区目前为“{reached}”"
    text += ("，距上一等级尚需：" + "；".join(shortfalls) + "。") if shortfalls else "。"
    out.append(s.p(text))
    out.append(heading(ctx, 1, "（二）机制建议"))
    for n, line in enumerate(_mechanisms(ctx), start=1):
        out.append(s.p(f"{n}. {line}"))
    out.append(heading(ctx, 1, "（三）下一年度复检重点（“回头看”）"))
    for n, line in enumerate(_recheck(ctx), start=1):
        out.append(s.p(f"{n}. {line}"))
    out.append(PageBreak())
    return out


def _mechanisms(ctx: Ctx) -> list[str]:
    d = ctx.data
    lines = []
    weak = [e for e in d.estates if e.property_management in ("community", "self", "none")]
    if weak:
        names = "、".join(
            f"{e.name}（{PROPERTY_MANAGEMENT[e.property_management or '']}）" for e in weak
        )
        lines.append(
            f"物业治理：{names}尚无专业物业服务，建议结合老旧小区改造引入专业化物业或"
            "国有物业兜底，建立业主委员会或物业管理委员会，明确维修资金归集和使用机制。"
        )
    k = counts(d)
    if k.open_deadline:
        lines.append(
            f"限时整改：尚有 {k.open_deadline} 处限时解决类问题未办结，建议街道建立问题"
            "销号台账，明确责任单位和整改时限，办结后上传佐证照片复核销号。"
        )
    willing = d.survey.question("willingness") if d.survey else None
    if willing is not None and willing.answered:
        shares = {o.value: o.share for o in willing.options}
        lines.append(
            f"共同缔造：受访居民中愿意适当出资的占 {percent(shares.get('yes_money'))}，愿意出力或参与"
            f"议事的占 {percent(shares.get('yes_time'))}，建议以加装电梯、停车和充电设施等项目为抓手，"
            "通过居民议事会开展“共谋、共建、共管、共评、共享”。"
        )
    lines.append(
        "长效管理：将体检发现的问题纳入社区网格日常巡查，建立“体检—整治—复检”闭环，"
        "每年更新问题清单和项目库。"
    )
    return lines


def _recheck(ctx: Ctx) -> list[str]:
    d = ctx.data
    lines = []
    open_deadline = [
        e.number
        for e in d.problems
        if e.problem.resolution_class == "deadline" and e.problem.status != "closed"
    ]
    if open_deadline:
        lines.append(
            "限时解决类问题整改情况："
            + "、".join(open_deadline)
            + "（逾期未完成的视为相应指标未达标）。"
        )
    for checklist in d.checklists:
        failed = [i.code for i in checklist.items if i.baseline and i.status is Status.NOT_MET]
        if failed:
            lines.append(f"底线型指标复核：{'、'.join(failed)}。")
    if d.plan is not None and d.plan.projects:
        near = [p.number for p in d.plan.projects if p.term == "near"]
        if near:
            lines.append("近期项目实施进度：" + "、".join(near) + "。")
    if d.survey is not None:
        low = [q.label for q in sorted(d.survey.ratings, key=lambda q: q.index or 0)[:3]]
        if low:
            lines.append("居民满意度偏低事项的改善情况：" + "、".join(low) + "。")
    return lines or ["本次体检未发现需重点复检的事项。"]
