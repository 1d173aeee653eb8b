"""The report's sentences that sum up the data: the one-line conclusion, the tier statement
and the counts behind them. Every figure here is computed from :class:`ReportData`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from fieldapp.core.forms import Status
from fieldapp.reports.data import ReportData
from fieldapp.reports.labels import percent

__all__ = ["Counts", "conclusion", "counts", "tier_lines"]

OPEN = ("found", "reported", "in_progress")


@dataclass(frozen=True, slots=True)
class Counts:
    """Problem counts by class, severity and status."""

    total: int
    deadline: int
    best_effort: int
    severe: int
    open: int
    closed: int
    open_deadline: int


def counts(data: ReportData) -> Counts:
    """Problem counts of the report."""
    problems = [e.problem for e in data.problems]
    klass = Counter(p.resolution_class for p in problems)
    return Counts(
        total=len(problems),
        deadline=klass["deadline"],
        best_effort=klass["best_effort"],
        severe=sum(p.severity == "severe" for p in problems),
        open=sum(p.status in OPEN for p in problems),
        closed=sum(p.status == "closed" for p in problems),
        open_deadline=sum(p.status in OPEN and p.resolution_class == "deadline" for p in problems),
    )


def _judged(data: ReportData, form_id: str) -> str:
    checklist = data.checklist(form_id)
    if checklist is None:
        return ""
    c = Counter(item.status for item in checklist.items)
    n = len(checklist.items)
    if form_id == "complete_community":
        parts = [
            f"达标 {c[Status.MET]} 项",
            f"基本达标 {c[Status.PARTLY_MET]} 项",
            f"不达标 {c[Status.NOT_MET]} 项",
        ]
        if c[Status.NOT_APPLICABLE]:
            parts.append(f"不适用 {c[Status.NOT_APPLICABLE]} 项")
        if c[Status.PENDING]:
            parts.append(f"待判定 {c[Status.PENDING]} 项")
        return f"对照《完整居住社区建设标准（试行）》{n} 项指标，{'、'.join(parts)}"
    problems = c[Status.NOT_MET] + c[Status.PARTLY_MET]
    text = f"城市体检 {n} 项基础指标中 {problems} 项存在问题"
    failures = checklist.result.baseline_failures
    if failures:
        text += f"，其中底线型指标 {'、'.join(failures)} 存在问题"
    return text


def conclusion(data: ReportData) -> str:
    """The one-line conclusion of the checkup (summary page and chapter 十一)."""
    c = data.community
    parts = [
        p for p in (_judged(data, "complete_community"), _judged(data, "city_checkup_2025")) if p
    ]
    for checklist in data.checklists:
        if checklist.form.id not in ("complete_community", "city_checkup_2025"):
            n = len(checklist.items)
            bad = sum(i.status in (Status.NOT_MET, Status.PARTLY_MET) for i in checklist.items)
            parts.append(f"{checklist.form.title.zh} {n} 项指标中 {bad} 项未完全达标")
    k = counts(data)
    text = f"{c.name}" + ("；".join(parts) if parts else "尚无已完成的体检表")
    text += f"。共登记问题 {k.total} 处（限时解决 {k.deadline} 处、尽力解决 {k.best_effort} 处）"
    if data.survey is not None:
        text += f"，居民总体满意率 {percent(data.survey.overall_rate)}"
    text += "。"
    if data.plan is not None and data.plan.needs:
        top = "、".join(n.category for n in data.plan.needs[:3])
        text += f"最突出的短板集中在{top}等方面。"
    return text


def tier_lines(data: ReportData) -> tuple[str, list[str]]:
    """The tier reached under the product rule and what stands between it and the next."""
    checklist = data.tiered
    if checklist is None or checklist.form.tiering is None:
        return "未评定（缺少完整社区体检表）", []
    result = checklist.result
    reached = result.tier.label.zh if result.tier else "未达到基础类"
    return reached, [t.zh for t in result.unmet_for_next_tier]
