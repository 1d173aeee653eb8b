"""The resident questionnaire results of a community: sample, satisfaction, choices, needs.

Only completed questionnaires count, and of those only the valid ones (the form's
``sampling.exclude_if``: under 16, or living here under six months). Figures:

- satisfaction index (0–100): the mean score of the answers that have a score on the
  question's scale ("don't know" has none and is left out);
- satisfaction rate: the share of those answers scoring ≥ 80 (满意 or 非常满意), as
  :func:`fieldapp.core.forms.satisfaction_rate` counts the overall question;
- needs ranking (``role: needs_ranking``, an ordered choice of up to three): 1st = 3 points,
  2nd = 2, 3rd = 1 (a product rule, stated in the report).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms import Form, QuestionType, check_sampling, satisfaction_rate
from fieldapp.core.forms.sampling import SamplingReport, is_valid_response
from fieldapp.reports.checklists import report_form

if TYPE_CHECKING:
    from fieldapp.core.forms import Question
    from fieldapp.store.records import Submission
    from fieldapp.store.store import Store

__all__ = ["NeedRank", "OptionCount", "QuestionSummary", "Response", "SurveyReport", "load"]

RANK_WEIGHTS = (3, 2, 1)


@dataclass(frozen=True, slots=True)
class OptionCount:
    """How many valid respondents chose one option, and their share of those answering."""

    value: str
    label: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class QuestionSummary:
    """One choice or rating question over the valid responses."""

    name: str
    label: str
    kind: str
    group: str
    answered: int
    options: tuple[OptionCount, ...]
    index: float | None = None
    rate: float | None = None
    scored: int = 0
    maps_to: tuple[str, ...] = ()
    role: str = ""


@dataclass(frozen=True, slots=True)
class NeedRank:
    """One option of the needs ranking question with its weighted score."""

    value: str
    label: str
    first: int
    mentions: int
    score: int
    share: float
    maps_to: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Response:
    """One completed questionnaire: its submission, answers and whether it is valid."""

    submission: Submission
    answers: dict[str, Any]
    valid: bool


@dataclass(frozen=True, slots=True)
class SurveyReport:
    """Everything the report says about the questionnaires of one community."""

    form: Form
    total: int
    valid: int
    drafts: int
    sampling: SamplingReport
    by_estate: tuple[tuple[str, int], ...]
    questions: tuple[QuestionSummary, ...]
    needs: tuple[NeedRank, ...]
    overall_rate: float | None
    overall_index: float | None
    comments: tuple[str, ...]
    first_at: str | None
    last_at: str | None
    collectors: tuple[str, ...]
    submission_ids: tuple[str, ...]
    responses: tuple[Response, ...] = ()

    def question(self, name: str) -> QuestionSummary | None:
        """The summary of question ``name``, if it was analysed."""
        return next((q for q in self.questions if q.name == name), None)

    @property
    def ratings(self) -> list[QuestionSummary]:
        """The rating questions with at least one scored answer, in form order."""
        return [q for q in self.questions if q.kind == "rating" and q.scored]


def load(
    store: Store,
    submissions: Sequence[Submission],
    *,
    estates: Mapping[str, str],
    today: dt.date,
) -> SurveyReport | None:
    """Analyse the questionnaire ``submissions`` of one community (None if there are none
    completed); ``estates`` maps estate ids to names."""
    completed = [s for s in submissions if s.status == "completed"]
    if not completed:
        return None
    latest = max(completed, key=lambda s: (s.form_version, s.started_at))
    form = report_form(store, latest)
    responses: list[dict[str, Any]] = []
    valid: list[dict[str, Any]] = []
    valid_subs: list[Submission] = []
    raw: list[Response] = []
    answers = store.answers_by_submission(completed[0].community_id, form.id)
    for sub in completed:
        response = {q: v for (q, i), v in answers.get(sub.id, {}).items() if i == ""}
        responses.append(response)
        ok = is_valid_response(form, response, today=today)
        raw.append(Response(sub, response, ok))
        if ok:
            valid.append(response)
            valid_subs.append(sub)
    sampling = check_sampling(form, responses, today=today)
    by_estate = Counter(estates.get(s.estate_id or "", "未注明小区") for s in valid_subs)
    questions = tuple(
        summary for q in form.questions if (summary := _summarise(form, q, valid)) is not None
    )
    overall = next((q for q in form.questions if q.role == "overall_satisfaction"), None)
    overall_summary = next((s for s in questions if overall and s.name == overall.name), None)
    comments = tuple(
        text.strip()
        for q in form.questions
        if q.role == "comments"
        for r in valid
        if isinstance(text := r.get(q.name), str) and text.strip()
    )
    times = sorted(s.completed_at or s.started_at for s in completed)
    return SurveyReport(
        form=form,
        total=len(completed),
        valid=len(valid),
        drafts=len(submissions) - len(completed),
        sampling=sampling,
        by_estate=tuple(sorted(by_estate.items(), key=lambda kv: (-kv[1], kv[0]))),
        questions=questions,
        needs=_needs(form, valid),
        overall_rate=satisfaction_rate(form, responses, today=today),
        overall_index=overall_summary.index if overall_summary else None,
        comments=comments,
        first_at=times[0] if times else None,
        last_at=times[-1] if times else None,
        collectors=tuple(sorted({s.surveyor for s in completed if s.surveyor})),
        submission_ids=tuple(s.id for s in completed),
        responses=tuple(raw),
    )


def _summarise(form: Form, q: Question, responses: Sequence[Mapping[str, Any]]) -> Any:
    if q.type not in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.RATING):
        return None
    if q.role == "needs_ranking" or not q.choices:
        return None
    answers = [r[q.name] for r in responses if r.get(q.name) not in (None, [], "")]
    counts: Counter[str] = Counter()
    for value in answers:
        for item in value if isinstance(value, list) else [value]:
            counts[str(item)] += 1
    n = len(answers)
    options = tuple(
        OptionCount(o.value, o.label.zh, counts[o.value], counts[o.value] / n if n else 0.0)
        for o in q.choices
    )
    parent = form.by_name.get(q.parent) if q.parent else None
    group = parent.label.zh if parent is not None else ""
    index = rate = None
    scored = 0
    if q.type is QuestionType.RATING:
        scores = [o.score for o in q.choices for _ in range(counts[o.value]) if o.score is not None]
        scored = len(scores)
        if scores:
            index = sum(scores) / scored
            rate = sum(s >= 80 for s in scores) / scored
    kind = q.type.value
    return QuestionSummary(
        q.name, q.label.zh, kind, group, n, options, index, rate, scored, q.maps_to, q.role
    )


def _needs(form: Form, responses: Sequence[Mapping[str, Any]]) -> tuple[NeedRank, ...]:
    question = next((q for q in form.questions if q.role == "needs_ranking"), None)
    if question is None:
        return ()
    answered = [r[question.name] for r in responses if isinstance(r.get(question.name), list)]
    first: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    score: Counter[str] = Counter()
    for ranking in answered:
        for position, value in enumerate(ranking[: len(RANK_WEIGHTS)]):
            mentions[value] += 1
            score[value] += RANK_WEIGHTS[position]
            first[value] += position == 0
    n = len(answered)
    ranks = [
        NeedRank(
            o.value,
            o.label.zh,
            first[o.value],
            mentions[o.value],
            score[o.value],
            mentions[o.value] / n if n else 0.0,
            o.maps_to,
        )
        for o in question.choices
        if mentions[o.value]
    ]
    return tuple(sorted(ranks, key=lambda r: (-r.score, -r.first, r.value)))
