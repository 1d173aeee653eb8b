"""Chapters 一 to 三: the work (basis, scope, organisation, method, data sources), the
community profile, and the indicator system with its judgement rules."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from fieldapp.core.forms import Status
from fieldapp.reports.labels import (
    CONSTRUCTION,
    PROPERTY_MANAGEMENT,
    PROVENANCE,
    STATUS_ZH,
    number,
    percent,
    short_date,
)
from fieldapp.reports.sections.common import Ctx, heading
from fieldapp.reports.styles import table

__all__ = ["indicator_system", "overview", "profile"]

NATIONAL_BASIS = (
    "《住房城乡建设部关于全面开展城市体检工作的指导意见》（建科〔2023〕75号）",
    "《住房城乡建设部办公厅关于深入开展2025年城市体检工作的通知》（建办科〔2025〕13号）",
    "《城市体检工作手册（试行）》（住房城乡建设部，2025年5月）",
    "《完整居住社区建设标准（试行）》（住房和城乡建设部等13部门，2020年）",
    "《城市居住区规划设计标准》（GB 50180-2018）",
)


def overview(ctx: Ctx, *, organization: str) -> list[Flowable]:
    """一、体检工作概述."""
    d, s = ctx.data, ctx.s
    c = d.community
    out: list[Flowable] = [ctx.chapter("体检工作概述"), heading(ctx, 1, "（一）工作背景与依据")]
    out.append(
        s.p(
            "按照“先体检、后更新”的要求，以社区为单元查找群众身边的急难愁盼问题，形成问题清单、"
            "整治建议清单、需求清单和项目清单，为城市更新和完整社区建设提供依据。本次体检的主要依据如下："
        )
    )
    sources = list(NATIONAL_BASIS)
    for checklist in d.checklists:
        for text in checklist.form.sources.values():
            known = any(text.zh[:12] in b for b in sources)
            if not known and "本产品" not in text.zh:
                sources.append(text.zh)
    out += [s.p(f"{n}. {text}", s.small) for n, text in enumerate(sources, start=1)]
    out.append(heading(ctx, 1, "（二）体检对象与范围"))
    estates = "、".join(e.name for e in d.estates) or "（未登记小区）"
    pop = c.population or 0
    unit = (
        "人口规模在 5000–12000 人的标准单元范围内，按一个体检单元开展体检。"
        if 5000 <= pop <= 12000
        else "人口规模不足 5000 人，相关设施按与相邻社区统筹共享的原则核查。"
        if 0 < pop < 5000
        else "人口规模超过 12000 人，设施规模按人口规模核算。"
        if pop > 12000
        else "常住人口未登记，体检单元规模待核实。"
    )
    out.append(
        s.p(
            f"体检对象为{c.district or ''}{c.street or ''}{c.name}，常住人口 {number(c.population)} 人、"
            f"{number(c.households)} 户，用地面积 {number(c.area_ha)} 公顷，包含 {len(d.estates)} 个小区"
            f"（{estates}）、{d.building_count()} 栋住宅楼。{unit}"
        )
    )
    out.append(heading(ctx, 1, "（三）工作组织"))
    surveyors = "、".join(dict.fromkeys(c.submission.surveyor or "—" for c in d.checklists))
    collectors = "、".join(d.survey.collectors) if d.survey else "—"
    out.append(
        s.p(
            f"本次体检由{organization}组织实施，{c.street or '街道'}办事处、社区居委会、物业服务企业及居民"
            f"共同参与。现场体检由 {surveyors or '—'} 完成，居民问卷由 {collectors} 组织发放和录入。"
        )
    )
    out.append(heading(ctx, 1, "（四）技术路线与方法"))
    out.append(
        s.p(
            "数据采集按“提前导入、室内填报、现场查看、后期导入”四步开展：社区基础数据由社区居委会提供并"
            "导入；设施面积、数量等逐项注明获取方式（社区提供、影像图量测或现场实测）；住房指标逐栋核查"
            "形成楼栋台账；问题逐处拍照取证并记录位置、坐标和责任单位；居民满意度与需求通过抽样问卷"
            "调查获取。所有数据在离线设备上记录，每条记录均带有记录编号和修改痕迹，报告中的每个数字均可"
            "追溯到原始记录。"
        )
    )
    out += [heading(ctx, 1, "（五）体检时间、人员与数据来源"), _sources_table(ctx)]
    if d.survey is not None:
        out += [Spacer(1, 3 * mm), *_sampling(ctx)]
    out.append(PageBreak())
    return out


def _sources_table(ctx: Ctx) -> Flowable:
    d, s = ctx.data, ctx.s
    rows = []
    for c in d.checklists:
        sub = c.submission
        how = "，".join(f"{PROVENANCE[k]} {v} 项" for k, v in sorted(c.provenance.items()))
        state = "已完成" if sub.status == "completed" else "草稿（未完成）"
        rows.append(
            [
                c.form.title.zh,
                sub.surveyor or "—",
                f"{short_date(sub.started_at)} 至 {short_date(sub.completed_at)}",
                f"{c.answer_count} 条答案，{state}" + (f"；其中 {how}" if how else ""),
            ]
        )
    if d.survey is not None:
        v = d.survey
        rows.append(
            [
                v.form.title.zh,
                "、".join(v.collectors) or "—",
                f"{short_date(v.first_at)} 至 {short_date(v.last_at)}",
                f"问卷 {v.total} 份，有效 {v.valid} 份"
                + (f"，另有草稿 {v.drafts} 份" if v.drafts else ""),
            ]
        )
    if d.problems:
        times = sorted(e.problem.created_at for e in d.problems)
        recorders = "、".join(dict.fromkeys(e.history[0].actor for e in d.problems if e.history))
        rows.append(
            [
                "问题台账（现场踏勘）",
                recorders or "—",
                f"{short_date(times[0])} 至 {short_date(times[-1])}",
                f"问题 {len(d.problems)} 处，照片 {len(d.photos)} 张",
            ]
        )
    return table(s, ["工作内容", "人员", "时间", "数据量与来源"], rows, [0.3, 0.18, 0.2, 0.32])


def _sampling(ctx: Ctx) -> list[Flowable]:
    v, s = ctx.data.survey, ctx.s
    assert v is not None
    rows = [
        [
            c.text.zh,
            "满足" if c.ok else s.markup('<font color="#C62828">不满足</font>', s.cell_center),
        ]
        for c in v.sampling.checks
    ]
    return [
        KeepTogether(
            [
                s.bold("问卷样本与抽样要求对照", s.h3),
                table(
                    s,
                    ["抽样要求（《城市体检工作手册（试行）》）", "核对结果"],
                    rows,
                    [0.78, 0.22],
                    center=(1,),
                ),
                s.p(
                    "注：有效问卷指 16 周岁以上、在本社区居住半年以上居民填写并完成的问卷。", s.note
                ),
            ]
        )
    ]


def profile(ctx: Ctx) -> list[Flowable]:
    """二、社区基本情况: population structure, estates and buildings."""
    d, s = ctx.data, ctx.s
    c = d.community
    out: list[Flowable] = [ctx.chapter("社区基本情况"), heading(ctx, 1, "（一）人口结构")]
    per = c.population / c.households if c.population and c.households else None
    elderly = (
        c.population * c.elderly_share_pct / 100 if c.population and c.elderly_share_pct else None
    )
    density = c.population / c.area_ha if c.population and c.area_ha else None
    pairs = [
        ("常住人口", number(c.population, "人")),
        ("常住户数", number(c.households, "户")),
        ("户均人口（计算）", number(per, "人/户")),
        ("用地面积", number(c.area_ha, "公顷")),
        ("人口密度（计算）", number(density, "人/公顷", digits=0)),
        ("60岁及以上人口占比", number(c.elderly_share_pct, "%")),
        ("60岁及以上人口（计算）", number(round(elderly) if elderly else None, "人")),
        ("0–3岁婴幼儿", number(c.children_0_3, "人")),
        ("3–6岁学龄前儿童", number(c.children_3_6, "人")),
        ("网格数", number(c.grids, "个")),
    ]
    rows = [
        [*pairs[i], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))]
        for i in range(0, len(pairs), 2)
    ]
    out.append(
        table(s, ["指标", "数值", "指标", "数值"], rows, [0.28, 0.22, 0.28, 0.22], center=(1, 3))
    )
    out.append(
        s.p("注：“计算”项由社区登记的人口、户数和面积计算得出；其余数据由社区居委会提供。", s.note)
    )
    out.append(heading(ctx, 1, "（二）小区情况"))
    rows = []
    for e in d.estates:
        bs = d.buildings[e.id]
        floors = [b.floors for b in bs if b.floors]
        span = f"{min(floors)}–{max(floors)}" if floors else "—"
        span = str(floors[0]) if floors and min(floors) == max(floors) else span
        rows.append(
            [
                e.name,
                number(e.year_built),
                CONSTRUCTION.get(e.construction or "", "—"),
                str(len(bs)),
                number(e.households),
                span,
                PROPERTY_MANAGEMENT.get(e.property_management or "", "—"),
                _yes(e.is_old_estate),
                _yes(e.retrofitted),
            ]
        )
    out.append(
        table(
            s,
            [
                "小区",
                "建成年代",
                "类型",
                "楼栋数",
                "户数",
                "层数",
                "物业类型",
                "老旧小区",
                "已改造",
            ],
            rows,
            [0.17, 0.1, 0.08, 0.08, 0.09, 0.09, 0.13, 0.1, 0.1],
            center=(1, 2, 3, 4, 5, 6, 7, 8),
        )
    )
    eras = Counter(_era(b.year_built) for bs in d.buildings.values() for b in bs)
    if eras:
        text = "，".join(f"{k} {v} 栋" for k, v in sorted(eras.items()))
        out.append(
            s.p(
                f"按建成年代分：{text}。类型中“新建”指《城市居住区规划设计标准》"
                f"（GB 50180-2018）施行后建设的小区。",
                s.note,
            )
        )
    out.append(heading(ctx, 1, "（三）住宅楼栋"))
    rows = [
        [
            e.name,
            b.name,
            number(b.floors),
            number(b.units),
            number(b.households),
            number(b.year_built),
            _yes(b.has_lift),
        ]
        for e in d.estates
        for b in d.buildings[e.id]
    ]
    out.append(
        table(
            s,
            ["小区", "楼栋", "层数", "单元数", "户数", "建成年份", "电梯"],
            rows,
            [0.22, 0.16, 0.1, 0.12, 0.12, 0.14, 0.14],
            center=(1, 2, 3, 4, 5, 6),
        )
    )
    out.append(PageBreak())
    return out


def _yes(value: bool | None) -> str:
    return "—" if value is None else "是" if value else "否"


def _era(year: int | None) -> str:
    if year is None:
        return "建成年份不详"
    if year < 2000:
        return "2000 年前建成"
    if year <= 2010:
        return "2000–2010 年建成"
    return "2010 年后建成"


def indicator_system(ctx: Ctx) -> list[Flowable]:
    """三、指标体系与判定规则."""
    d, s = ctx.data, ctx.s
    out: list[Flowable] = [ctx.chapter("指标体系与判定规则")]
    for n, checklist in enumerate(d.checklists, start=1):
        form = checklist.form
        out.append(heading(ctx, 1, f"（{'一二三四五'[n - 1]}）{form.title.zh}"))
        if form.description:
            out.append(s.p(form.description.zh))
        rows = [
            [
                b.code,
                b.label,
                str(len(b.items)),
                str(sum(i.baseline for i in b.items)),
                "、".join(i.code for i in b.items),
            ]
            for b in checklist.categories
        ]
        out.append(
            table(
                s,
                ["编码", "类别", "指标数", "底线型", "指标项"],
                rows,
                [0.08, 0.3, 0.09, 0.09, 0.44],
                center=(0, 2, 3),
            )
        )
    out.append(heading(ctx, 1, f"（{'一二三四五六'[len(d.checklists)]}）判定规则"))
    rules = [
        (STATUS_ZH[Status.MET], "各项适用要求均满足，或通过与相邻社区共享等方式满足。"),
        (STATUS_ZH[Status.PARTLY_MET], "设施存在但规模或功能未完全达到要求（指导值、部分满足）。"),
        (STATUS_ZH[Status.NOT_MET], "未配建或明显不满足要求；底线型指标不达标时一票否决所在类别。"),
        (
            STATUS_ZH[Status.NOT_APPLICABLE],
            "该项要求不适用于本社区（如人口规模、建设类型不适用）。",
        ),
        (STATUS_ZH[Status.PENDING], "测量值尚未填写，无法判定。"),
    ]
    out.append(table(s, ["判定", "含义"], rules, [0.18, 0.82], center=(0,)))
    out.append(
        s.p(
            "判定由表单中写明的阈值规则根据测量值自动得出；体检员可人工改判，改判理由在结果表中注明。",
            s.note,
        )
    )
    tiered = d.tiered
    if tiered is not None and tiered.form.tiering is not None:
        tiering = tiered.form.tiering
        rows = []
        for tier in tiering.tiers:
            req = []
            if tier.no_baseline_failures:
                req.append("无底线型指标不达标")
            if tier.items_met:
                req.append("必备项达标：" + "、".join(tier.items_met))
            if tier.met_rate_min is not None:
                req.append(f"达标率 ≥ {percent(tier.met_rate_min, digits=0)}")
            if tier.score_min is not None:
                req.append(f"平均得分 ≥ {tier.score_min:.2f}")
            if tier.satisfaction_min is not None:
                req.append(f"居民满意率 ≥ {percent(tier.satisfaction_min, digits=0)}")
            if tier.all_met:
                req.append("全部适用指标达标")
            rows.append([tier.label.zh, "；".join(req)])
        out.append(
            KeepTogether(
                [
                    s.bold("完整社区等级规则（产品建议规则，非官方）", s.h3),
                    table(s, ["等级", "条件（逐级累加）"], rows, [0.18, 0.82], center=(0,)),
                    s.p(tiering.note.zh if tiering.note else "", s.note),
                ]
            )
        )
    out.append(PageBreak())
    return out
