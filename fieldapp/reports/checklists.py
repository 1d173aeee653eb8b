"""The indicator results of a community's checklists, each value with how it was obtained.

For every indicator item: its judgement (from the form engine), the measured values behind
it with their provenance (the answer rows: supplied by the community, measured on imagery,
measured on site, or calculated from the building ledger), the numeric gaps to the
requirement, the buildings of the ledger that have the problem, and the photos linked to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms import Form, QuestionType, Status, load_form_text, score_checklist
from fieldapp.core.forms.judgement import FAIL, PARTLY, SKIPPED, IndicatorResult, ThresholdResult
from fieldapp.core.forms.scoring import ChecklistResult
from fieldapp.reports.labels import PROVENANCE, answer_text, number
from fieldapp.store.form_session import FormSession, form_for_submission

if TYPE_CHECKING:
    from fieldapp.core.forms import Question
    from fieldapp.store.records import AnswerRow, Submission
    from fieldapp.store.store import Store

__all__ = [
    "CategoryBlock",
    "ChecklistReport",
    "Gap",
    "IndicatorRow",
    "LedgerRow",
    "Measure",
    "load",
]


@dataclass(frozen=True, slots=True)
class Gap:
    """The shortfall behind a failed requirement: as text, and as a number when it is one."""

    text: str
    shortfall: float | None = None
    unit: str = ""


@dataclass(frozen=True, slots=True)
class Measure:
    """One measured value of an indicator and how it was obtained."""

    name: str
    label: str
    value: str
    how: str
    record_id: str | None
    key: bool = True


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator item as the report shows it."""

    form_id: str
    question: str
    code: str
    label: str
    requirement: str
    category: str
    baseline: bool
    status: Status
    derived: Status
    basis: str
    override_reason: str
    measures: tuple[Measure, ...]
    gaps: tuple[Gap, ...]
    buildings: tuple[str, ...]
    photo_ids: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class CategoryBlock:
    """One category (section) of a checklist with its items and counts."""

    code: str
    label: str
    counts: dict[str, int]
    score: float | None
    vetoed: bool
    items: tuple[IndicatorRow, ...]


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One building of the ledger (一台账): its sub-problem codes per indicator."""

    building_id: str
    building: str
    estate: str
    problems: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ChecklistReport:
    """A checklist submission with its results, per category and overall."""

    form: Form
    submission: Submission
    result: ChecklistResult
    categories: tuple[CategoryBlock, ...]
    answer_count: int
    provenance: dict[str, int]
    ledger: tuple[LedgerRow, ...]

    @property
    def items(self) -> list[IndicatorRow]:
        """Every indicator row, in form order."""
        return [item for block in self.categories for item in block.items]


def load(
    store: Store,
    submission: Submission,
    *,
    places: Mapping[str, tuple[str, str]],
    satisfaction_rate: float | None,
) -> ChecklistReport:
    """The results of one checklist submission; ``places`` maps building ids to (building,
    estate) names, ``satisfaction_rate`` feeds the tier rule."""
    session = FormSession(store, report_form(store, submission), submission)
    form, state = session.form, session.state
    rows = {(r.question, r.instance): r for r in store.answer_rows(submission.id)}
    links = store.photo_links(submission_id=submission.id)
    photos_by_question: dict[str, list[str]] = {}
    for link in links:
        if link.question:
            photos_by_question.setdefault(link.question, []).append(link.photo_id)
    ledger = _ledger(form, state, places)
    by_code: dict[str, list[str]] = {}
    for row in ledger:
        for code, subs in row.problems.items():
            if subs:
                by_code.setdefault(code, []).append(row.building)
    judgements = state.judgements()
    result = score_checklist(form, judgements, satisfaction_rate=satisfaction_rate)
    blocks = []
    for category in result.categories:
        items = tuple(
            _row(form, state, j, rows, photos_by_question, by_code, category.code)
            for j in category.items
        )
        blocks.append(
            CategoryBlock(
                category.code,
                category.label.zh,
                category.counts,
                category.score,
                category.vetoed,
                items,
            )
        )
    provenance = Counter(r.provenance for r in rows.values() if r.provenance)
    return ChecklistReport(
        form=form,
        submission=submission,
        result=result,
        categories=tuple(blocks),
        answer_count=len(rows),
        provenance=dict(provenance),
        ledger=tuple(ledger),
    )


@lru_cache(maxsize=32)
def _parsed(form_id: str, version: str, sha256: str, text: str) -> Form:
    return load_form_text(text, path=f"{form_id}@{version}")


def report_form(store: Store, submission: Submission) -> Form:
    """The form a submission was filled with; parsed once per process (forms are immutable
    per version, and parsing a large form file is a noticeable part of a report)."""
    for record in store.forms():
        if record.form_id == submission.form_id and record.version == submission.form_version:
            return _parsed(record.form_id, record.version, record.sha256, record.source_text)
    return form_for_submission(store, submission)  # raises the usual NotFoundError


def _row(
    form: Form,
    state: Any,
    j: IndicatorResult,
    rows: Mapping[tuple[str, str], AnswerRow],
    photos: Mapping[str, list[str]],
    buildings: Mapping[str, list[str]],
    category: str,
) -> IndicatorRow:
    q = form.question(j.question)
    measures = [m for m in form.questions if m.indicator == q.name and m.is_answerable]
    # Key measures: what an applicable threshold reads, and any value whose provenance was
    # recorded; the rest (context such as which rooms exist) is kept for the annex.
    judged = {t.threshold.measure for t in j.thresholds if t.outcome != SKIPPED}
    shown = []
    for m in measures:
        value = state.value(m.name)
        if value is None or value == []:
            continue
        row = rows.get((m.name, ""))
        key = not judged or m.name in judged or bool(row and row.provenance)
        shown.append(_measure(form, m, value, row, key=key))
    photo_ids = [p for name in (q.name, *(m.name for m in measures)) for p in photos.get(name, [])]
    source = form.sources.get(q.source)
    return IndicatorRow(
        form_id=form.id,
        question=q.name,
        code=q.code,
        label=q.label.zh,
        requirement=q.requirement.zh if q.requirement else "",
        category=category,
        baseline=q.baseline,
        status=j.status,
        derived=j.derived,
        basis=j.basis.zh,
        override_reason=j.override_reason,
        measures=tuple(shown),
        gaps=tuple(g for t in j.thresholds if (g := _gap(form, t))),
        buildings=tuple(buildings.get(q.code, ())),
        photo_ids=tuple(dict.fromkeys(photo_ids)),
        source=source.zh if source else "",
    )


def _measure(form: Form, q: Question, value: Any, row: AnswerRow | None, *, key: bool) -> Measure:
    if q.calculate is not None:
        repeated = any(
            form.by_name[r].repeat_group for r in q.calculate.references if r in form.by_name
        )
        how = "楼栋台账汇总" if repeated else "计算"
    elif row is not None and row.provenance:
        how = PROVENANCE.get(row.provenance, row.provenance)
    else:
        how = "现场核查"
    record = row.id if row else None
    return Measure(q.name, q.label.zh, answer_text(q, value), how, record, key)


def _gap(form: Form, t: ThresholdResult) -> Gap | None:
    """The shortfall a failed threshold stands for, as a reader says it ("缺 180 m²")."""
    if t.outcome not in (FAIL, PARTLY):
        return None
    threshold = t.threshold
    measure = form.by_name[threshold.measure]
    label = measure.label.zh
    if threshold.op in ("yes", "no"):
        return Gap(f"{label}：{'否' if threshold.op == 'yes' else '是'}（不满足要求）")
    value, target = t.value, threshold.value
    if not isinstance(value, (int, float)) or isinstance(value, bool) or target is None:
        return None
    unit = measure.unit
    if threshold.op in (">=", ">"):
        short = target - value
        return Gap(f"{label}：缺 {number(short, unit)}（现状 {number(value, unit)}）", short, unit)
    if threshold.op in ("<=", "<"):
        # With a limit of 0 the measure is itself a count of what is missing or wrong
        # (a parking gap, substandard kilometres): that count is the shortfall.
        text = f"{label}：{number(value, unit)}（要求 ≤ {number(target, unit)}）"
        return Gap(text, value if target == 0 else None, unit)
    return Gap(f"{label}：现状 {number(value, unit)}，应为 {number(target, unit)}")


def _ledger(form: Form, state: Any, places: Mapping[str, tuple[str, str]]) -> list[LedgerRow]:
    """Per building of a ``repeat_source: buildings`` group, the selected sub-problem codes
    grouped by the indicator their options map to."""
    out: list[LedgerRow] = []
    for group in form.questions:
        if group.repeat_source != "buildings":
            continue
        questions = [
            q
            for q in form.questions
            if q.repeat_group == group.name and q.type is QuestionType.MULTIPLE
        ]
        for instance in state.instances(group.name):
            problems: dict[str, list[str]] = {}
            for q in questions:
                for value in state.value(q.name, instance) or []:
                    option = q.option(str(value))
                    if option is None or option.exclusive:
                        continue
                    for code in option.maps_to:
                        problems.setdefault(code, []).append(option.value)
            building, estate = places.get(instance, (instance[-6:], ""))
            out.append(
                LedgerRow(instance, building, estate, {k: tuple(v) for k, v in problems.items()})
            )
    return out
