"""Category and overall results of a checklist, and its tier, from item judgements.

The official method is problem-finding, not scoring: scores and tiers here are a product
rule stated as data in the form (``tiering``), and reports label them as such.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from fieldapp.core.forms.judgement import IndicatorResult
from fieldapp.core.forms.model import Form, QuestionType, Status, Tier
from fieldapp.core.i18n import Text

_DEFAULT_SCORES = {"met": 1.0, "partly_met": 0.5, "not_met": 0.0}


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """The results of one category (a checklist section with a category code)."""

    code: str
    section: str
    label: Text
    items: tuple[IndicatorResult, ...]
    counts: dict[str, int]
    score: float | None
    vetoed: bool

    @property
    def judged(self) -> int:
        """Items with a status other than pending."""
        return len(self.items) - self.counts.get(Status.PENDING.value, 0)


@dataclass(frozen=True, slots=True)
class ChecklistResult:
    """Overall results of a checklist: categories, rates, baseline failures and tier."""

    categories: tuple[CategoryResult, ...]
    counts: dict[str, int]
    met_rate: float | None
    score: float | None
    baseline_failures: tuple[str, ...]
    tier: Tier | None
    unmet_for_next_tier: tuple[Text, ...]

    @property
    def pending(self) -> int:
        """Items not judged yet."""
        return self.counts.get(Status.PENDING.value, 0)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_checklist(
    form: Form, judgements: Mapping[str, IndicatorResult], *, satisfaction_rate: float | None = None
) -> ChecklistResult:
    """Summarise ``judgements`` (by indicator question name) per category and overall."""
    scores = form.tiering.item_scores if form.tiering else _DEFAULT_SCORES
    categories = []
    all_items: list[IndicatorResult] = []
    for section in form.sections:
        items = tuple(
            judgements[q.name]
            for q in form.by_name.values()
            if q.section == section.name
            and q.type is QuestionType.INDICATOR
            and q.name in judgements
        )
        all_items.extend(items)
        if not section.category:
            continue
        counts = Counter(r.status.value for r in items)
        categories.append(
            CategoryResult(
                code=section.category,
                section=section.name,
                label=section.label,
                items=items,
                counts=dict(counts),
                score=_mean([scores[r.status.value] for r in items if r.status.value in scores]),
                vetoed=any(r.baseline and r.status is Status.NOT_MET for r in items),
            )
        )
    counts = Counter(r.status.value for r in all_items)
    applicable = [r for r in all_items if r.status is not Status.NOT_APPLICABLE]
    met_rate = (
        sum(r.status is Status.MET for r in applicable) / len(applicable) if applicable else None
    )
    score = _mean([scores[r.status.value] for r in all_items if r.status.value in scores])
    baseline_failures = tuple(
        r.code for r in all_items if r.baseline and r.status is Status.NOT_MET
    )
    tier, unmet = _tier(
        form,
        all_items,
        met_rate=met_rate,
        score=score,
        baseline_failures=baseline_failures,
        satisfaction_rate=satisfaction_rate,
    )
    return ChecklistResult(
        categories=tuple(categories),
        counts=dict(counts),
        met_rate=met_rate,
        score=score,
        baseline_failures=baseline_failures,
        tier=tier,
        unmet_for_next_tier=unmet,
    )


def _tier(
    form: Form,
    items: list[IndicatorResult],
    *,
    met_rate: float | None,
    score: float | None,
    baseline_failures: tuple[str, ...],
    satisfaction_rate: float | None,
) -> tuple[Tier | None, tuple[Text, ...]]:
    """The highest tier whose requirements (and all lower tiers') hold, and why the next
    one is not reached."""
    if form.tiering is None:
        return None, ()
    by_code = {r.code: r for r in items}
    reached: Tier | None = None
    for tier in form.tiering.tiers:
        unmet = tier_shortfalls(
            tier,
            by_code,
            met_rate=met_rate,
            score=score,
            baseline_failures=baseline_failures,
            satisfaction_rate=satisfaction_rate,
        )
        if unmet:
            return reached, tuple(unmet)
        reached = tier
    return reached, ()


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def tier_shortfalls(
    tier: Tier,
    by_code: Mapping[str, IndicatorResult],
    *,
    met_rate: float | None,
    score: float | None,
    baseline_failures: tuple[str, ...],
    satisfaction_rate: float | None,
) -> list[Text]:
    """Every requirement of ``tier`` that is not met, as text for users (empty if reached)."""
    out: list[Text] = []
    if tier.no_baseline_failures and baseline_failures:
        codes = "、".join(baseline_failures)
        out.append(Text(f"底线型指标不达标：{codes}", f"baseline items not met: {codes}"))
    missing = [c for c in tier.items_met if c not in by_code or by_code[c].status is not Status.MET]
    if missing:
        codes = "、".join(missing)
        out.append(Text(f"必备项未达标：{codes}", f"required items not met: {codes}"))
    if tier.all_met and any(
        r.status not in (Status.MET, Status.NOT_APPLICABLE) for r in by_code.values()
    ):
        out.append(Text("尚有指标未全部达标", "not every item is met"))
    if tier.met_rate_min is not None and (met_rate is None or met_rate < tier.met_rate_min):
        shown = "—" if met_rate is None else _pct(met_rate)
        out.append(
            Text(
                f"达标率 {shown}，要求 ≥ {_pct(tier.met_rate_min)}",
                f"met rate {shown}, needs ≥ {_pct(tier.met_rate_min)}",
            )
        )
    if tier.score_min is not None and (score is None or score < tier.score_min):
        shown = "—" if score is None else f"{score:.2f}"
        out.append(
            Text(
                f"平均得分 {shown}，要求 ≥ {tier.score_min:.2f}",
                f"mean score {shown}, needs ≥ {tier.score_min:.2f}",
            )
        )
    if tier.satisfaction_min is not None:
        if satisfaction_rate is None:
            out.append(Text("尚无居民满意度数据", "no resident satisfaction data yet"))
        elif satisfaction_rate < tier.satisfaction_min:
            out.append(
                Text(
                    f"居民满意率 {_pct(satisfaction_rate)}，要求 ≥ {_pct(tier.satisfaction_min)}",
                    f"resident satisfaction {_pct(satisfaction_rate)}, needs ≥ "
                    f"{_pct(tier.satisfaction_min)}",
                )
            )
    return out
