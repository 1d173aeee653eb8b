"""Deriving the needs list (需求清单) and the suggested project list (项目清单).

A need gathers, for one kind of gap (elderly care, parking, housing safety...), the evidence
that shows it: indicator items not or only partly met, open problems filed under those
indicators, and the residents' ranking of urgent needs. Each piece of evidence names its
record, so every line of the list traces back to the data. Projects follow needs one to one
and carry no invented figures: the cost estimate is left for people to fill in.

The rules here (kinds, priority score, terms) are a product suggestion, labelled as such in
the report. The lists are then reviewed and edited in the app and stored
(:class:`fieldapp.store.plans.PlanRepository`); :func:`regenerate_plan` merges a fresh
derivation into the stored lists without losing edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms import Status
from fieldapp.reports.labels import STATUS_ZH, percent
from fieldapp.store.plans import MergeReport, NeedDraft, ProjectDraft

if TYPE_CHECKING:
    from fieldapp.reports.data import ReportData
    from fieldapp.store.store import Store

__all__ = ["NEED_KINDS", "NeedView", "PlanView", "ProjectView", "derive", "regenerate_plan", "view"]


@dataclass(frozen=True, slots=True)
class NeedKind:
    """One kind of need: its indicators and the project that answers it."""

    key: str
    category: str
    title: str
    codes: tuple[str, ...]
    project: str
    project_type: str
    funding: str
    implementer: str


# key | category | need | indicator codes | project | type | funding | implementer
_KINDS = """
housing_safety | 住房安全 | 既有住宅安全隐患整治（结构、燃气、楼道消防、外墙） | CT-H01 CT-H02 CT-H03 CT-H04 | 既有住宅安全隐患整治工程 | works | old_estate_renewal | 街道办事处
utilities | 市政设施 | 供水、排水、供电、燃气、通信等管线设施更新 | WZ-09 CT-H06 | 老旧管网及配套设施更新改造 | works | old_estate_renewal | 专业经营单位
parking | 停车设施 | 停车泊位补充与消防通道秩序整治 | WZ-10 CT-C14 | 停车设施挖潜与消防通道整治 | works | old_estate_renewal | 街道办事处
charging | 充电设施 | 新能源汽车及电动自行车充电设施 | CT-C15 CT-C16 | 电动自行车集中充电及汽车充电设施建设 | works | social_capital | 街道办事处
infant_care | 托育设施 | 婴幼儿照护服务设施（托育点） | WZ-03 CT-C11 | 社区嵌入式托育点建设 | works | complete_community | 街道办事处
elderly_care | 为老服务设施 | 养老服务设施及老年助餐、日间照料服务 | WZ-04 CT-C10 | 社区养老服务站（含老年助餐点）补短板 | works | complete_community | 街道办事处
kindergarten | 教育设施 | 幼儿园学位与办园条件 | WZ-02 CT-C12 | 幼儿园扩容或普惠性学位补充 | works | fiscal | 区教育主管部门
school | 教育设施 | 小学学位与就学距离 | CT-C13 | 小学学位统筹保障 | management | fiscal | 区教育主管部门
service_station | 社区服务设施 | 社区综合服务站面积与功能用房 | WZ-01 | 社区综合服务站提升改造 | works | complete_community | 街道办事处
health | 卫生设施 | 社区卫生服务站 | WZ-05 | 社区卫生服务站建设 | works | fiscal | 区卫生健康主管部门
commerce | 便民商业 | 便民商业服务网点 | WZ-06 WZ-07 WZ-08 | 便民商业网点补充 | management | social_capital | 街道办事处
walking | 慢行系统 | 步行道路修缮、照明与公交可达 | WZ-11 CT-C18 | 步行道路修缮与照明提升 | works | old_estate_renewal | 街道办事处
barrier_free | 无障碍与适老化 | 无障碍设施与住宅适老化改造（含加装电梯） | WZ-12 CT-H07 | 无障碍及适老化改造（含既有住宅加装电梯） | works | old_estate_renewal | 街道办事处
outdoor_space | 公共活动空间 | 室外活动场地、健身设施与绿地 | WZ-14 WZ-15 CT-C17 | 口袋公园与全民健身场地建设 | works | complete_community | 街道办事处
sanitation | 环境卫生 | 环境卫生设施与垃圾分类 | WZ-13 CT-C19 | 垃圾分类设施提升与环境整治 | management | fiscal | 街道办事处
property | 物业管理 | 物业服务全覆盖与智慧物业 | WZ-16 WZ-17 CT-C20 | 物业服务全覆盖与智慧物业平台建设 | management | fiscal | 街道办事处
smart | 智慧化设施 | 智能安防、智能信包箱及楼宇智能化设施 | CT-C21 CT-H09 | 小区及住宅智慧化改造 | works | old_estate_renewal | 街道办事处
housing_function | 住房功能 | 非成套住宅成套化改造 | CT-H05 | 非成套住宅成套化改造 | works | old_estate_renewal | 区住房城乡建设主管部门
energy | 节能改造 | 既有住宅节能改造 | CT-H08 | 既有住宅节能改造 | works | old_estate_renewal | 区住房城乡建设主管部门
governance | 社区治理 | 社区治理机制与居民参与 | WZ-18 WZ-19 WZ-20 | 共建共治共享机制建设 | management | fiscal | 社区居委会
"""
NEED_KINDS: tuple[NeedKind, ...] = tuple(
    NeedKind(key, category, title, tuple(codes.split()), project, kind, funding, implementer)
    for key, category, title, codes, project, kind, funding, implementer in (
        (field.strip() for field in line.split("|")) for line in _KINDS.strip().splitlines()
    )
)

_BY_CODE = {code: kind for kind in NEED_KINDS for code in kind.codes}
_OPEN = ("found", "reported", "in_progress")
SURVEY_TOP = 5  # resident needs ranked this high (and named by ≥ 10 %) become needs of their own
SURVEY_MIN_SHARE = 0.10


@dataclass(slots=True)
class _Acc:
    kind: NeedKind
    sources: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[Any] = field(default_factory=list)
    problem_ids: list[str] = field(default_factory=list)
    score: int = 0
    deadline: bool = False
    resident_share: float | None = None


def derive(data: ReportData) -> tuple[list[NeedDraft], list[ProjectDraft]]:
    """The needs and projects the community's data call for, most urgent first."""
    acc: dict[str, _Acc] = {}

    def need_for(code: str | None) -> _Acc | None:
        kind = _BY_CODE.get(code or "")
        if kind is None:
            return None
        return acc.setdefault(kind.key, _Acc(kind))

    for checklist in data.checklists:
        for item in checklist.items:
            if item.status not in (Status.NOT_MET, Status.PARTLY_MET):
                continue
            need = need_for(item.code)
            if need is None:
                continue
            detail = "；".join(g.text for g in item.gaps) or item.basis
            need.sources.append(
                {
                    "kind": "indicator",
                    "ref": item.code,
                    "record": checklist.submission.id,
                    "text": f"{item.code} {item.label}：{STATUS_ZH[item.status]}（{detail}）",
                }
            )
            need.gaps += item.gaps
            need.score += 1 + 3 * (item.baseline and item.status is Status.NOT_MET)
    for entry in data.problems:
        p = entry.problem
        if p.status not in _OPEN:
            continue
        need = need_for(p.indicator_code)
        if need is None:
            continue
        need.sources.append({"kind": "problem", "ref": p.id, "text": p.description[:60]})
        need.problem_ids.append(p.id)
        need.score += 2 * (p.resolution_class == "deadline") + (p.severity == "severe")
        need.deadline |= p.resolution_class == "deadline"
    if data.survey is not None:
        for rank, wish in enumerate(data.survey.needs, start=1):
            kind = next((_BY_CODE[c] for c in wish.maps_to if c in _BY_CODE), None)
            if kind is None:
                continue
            known = kind.key in acc
            if not known and (rank > SURVEY_TOP or wish.share < SURVEY_MIN_SHARE):
                continue
            need = acc.setdefault(kind.key, _Acc(kind))
            need.sources.append(
                {
                    "kind": "survey",
                    "ref": f"{wish.value}",
                    "text": f"居民急需解决问题第 {rank} 位：{wish.label}（{wish.mentions} 人提及，"
                    f"占有效问卷 {percent(wish.share)}）",
                }
            )
            need.resident_share = max(need.resident_share or 0.0, wish.share)
            need.score += 3 if rank <= 3 else 1 if rank <= SURVEY_TOP else 0
    order = sorted(acc.values(), key=lambda a: (-a.score, NEED_KINDS.index(a.kind)))
    needs, projects = [], []
    for n, a in enumerate(order, start=1):
        priority = "high" if a.score >= 5 else "medium" if a.score >= 2 else "low"
        numeric = [g for g in a.gaps if g.shortfall is not None]
        single = numeric[0] if len(numeric) == 1 else None
        gap = "；".join(dict.fromkeys(g.text for g in a.gaps)) or _gap_from(a)
        key = f"need:{a.kind.key}"
        needs.append(
            NeedDraft(
                key=key,
                category=a.kind.category,
                title=a.kind.title,
                gap=gap,
                quantity=single.shortfall if single else None,
                unit=single.unit if single else None,
                sources=tuple(a.sources),
                resident_share=a.resident_share,
                priority=priority,
                sort_order=n,
            )
        )
        projects.append(_project(a, key, n, priority, data.date))
    return needs, projects


def _gap_from(a: _Acc) -> str:
    problems = sum(s["kind"] == "problem" for s in a.sources)
    if problems:
        return f"存在待整改问题 {problems} 处"
    return "居民反映强烈，需进一步核实缺口"


def _project(a: _Acc, need_key: str, n: int, priority: str, day: dt.date) -> ProjectDraft:
    term = "near" if priority == "high" or a.deadline else "mid"
    codes = sorted({s["ref"] for s in a.sources if s["kind"] == "indicator"})
    parts = []
    if codes:
        parts.append(f"针对 {'、'.join(codes)} 指标差距")
    if a.problem_ids:
        parts.append(f"整治 {len(a.problem_ids)} 处已登记问题")
    if a.resident_share and a.resident_share >= SURVEY_MIN_SHARE:
        parts.append(f"回应 {percent(a.resident_share)} 受访居民的急需诉求")
    content = "，".join(parts) + f"：{a.kind.title}。" if parts else a.kind.title
    return ProjectDraft(
        key=f"project:{a.kind.key}",
        name=a.kind.project,
        content=content,
        need_keys=(need_key,),
        problem_ids=tuple(a.problem_ids),
        project_type=a.kind.project_type,
        funding=a.kind.funding,
        implementer=a.kind.implementer,
        year=day.year + (1 if term == "near" else 2),
        term=term,
        priority=priority,
        sort_order=n,
    )


@dataclass(frozen=True, slots=True)
class NeedView:
    """A need as the report lists it."""

    number: str
    id: str
    category: str
    title: str
    gap: str
    sources: tuple[dict[str, Any], ...]
    resident_share: float | None
    priority: str | None
    review_status: str
    notes: str


@dataclass(frozen=True, slots=True)
class ProjectView:
    """A project as the report lists it."""

    number: str
    name: str
    content: str
    needs: tuple[str, ...]
    problem_ids: tuple[str, ...]
    project_type: str | None
    funding: str | None
    implementer: str
    year: int | None
    term: str | None
    priority: str | None
    estimated_cost_wan: float | None
    review_status: str
    notes: str


@dataclass(frozen=True, slots=True)
class PlanView:
    """The lists the report prints; ``stored`` says whether they are the reviewed ones."""

    needs: tuple[NeedView, ...]
    projects: tuple[ProjectView, ...]
    stored: bool
    pending: int
    excluded: int


def view(store: Store, data: ReportData) -> PlanView:
    """The stored, reviewed lists if the community has any; else a fresh derivation (not
    stored: the report never writes)."""
    needs = store.needs(data.community.id)
    projects = store.renewal_projects(data.community.id)
    if not needs and not projects:
        drafts, plans = derive(data)
        views = tuple(
            NeedView(
                f"N{n:02d}",
                d.key,
                d.category,
                d.title,
                d.gap or "",
                d.sources,
                d.resident_share,
                d.priority,
                "pending",
                "",
            )
            for n, d in enumerate(drafts, start=1)
        )
        numbers = {d.key: v.number for d, v in zip(drafts, views, strict=True)}
        pviews = tuple(
            ProjectView(
                f"X{n:02d}",
                p.name,
                p.content or "",
                tuple(numbers[k] for k in p.need_keys if k in numbers),
                p.problem_ids,
                p.project_type,
                p.funding,
                p.implementer or "",
                p.year,
                p.term,
                p.priority,
                None,
                "pending",
                "",
            )
            for n, p in enumerate(plans, start=1)
        )
        return PlanView(views, pviews, False, len(views) + len(pviews), 0)
    shown = [r for r in needs if r.review_status != "excluded"]
    need_views = tuple(
        NeedView(
            f"N{n:02d}",
            r.id,
            r.category,
            r.title,
            r.gap or "",
            r.sources,
            r.resident_share,
            r.priority,
            r.review_status,
            r.notes or "",
        )
        for n, r in enumerate(shown, start=1)
    )
    numbers = {v.id: v.number for v in need_views}
    shown_projects = [p for p in projects if p.review_status != "excluded"]
    project_views = tuple(
        ProjectView(
            f"X{n:02d}",
            p.name,
            p.content or "",
            tuple(numbers[i] for i in p.need_ids if i in numbers),
            p.problem_ids,
            p.project_type,
            p.funding,
            p.implementer or "",
            p.year,
            p.term,
            p.priority,
            p.estimated_cost_wan,
            p.review_status,
            p.notes or "",
        )
        for n, p in enumerate(shown_projects, start=1)
    )
    pending = sum(r.review_status == "pending" for r in shown)
    pending += sum(p.review_status == "pending" for p in shown_projects)
    excluded = len(needs) - len(shown) + len(projects) - len(shown_projects)
    return PlanView(need_views, project_views, True, pending, excluded)


def regenerate_plan(
    store: Store,
    community_id: str,
    *,
    date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> MergeReport:
    """Derive the needs and project lists from the community's data and merge them into
    the stored ones, keeping every edit (the app calls this before review; so does
    ``fieldapp plan``). Returns what changed."""
    from fieldapp.reports.data import collect
    from fieldapp.reports.progress import Steps

    steps = Steps(progress, cancel, total=6)
    data = collect(store, community_id, date=date, step=steps.step)
    needs, projects = derive(data)
    steps.check()
    return store.merge_derived_plan(community_id, needs, projects)
