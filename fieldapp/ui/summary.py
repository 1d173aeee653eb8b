"""A community's completion summary: items judged, problems by severity, questionnaires
against the sampling rules. Plain data computed by core functions (no Qt), run in an op."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms import check_sampling, satisfaction_rate, score_checklist
from fieldapp.core.forms.model import FormKind
from fieldapp.core.i18n import Text
from fieldapp.store.form_session import FormSession
from fieldapp.ui.forms_cache import form_for

if TYPE_CHECKING:
    from fieldapp.core.forms import SamplingReport
    from fieldapp.store import Store


@dataclass(frozen=True, slots=True)
class ChecklistSummary:
    """One checklist submission: how many items are judged, and how."""

    submission_id: str
    title: Text
    status: str
    items: int
    judged: int
    counts: dict[str, int]
    tier: Text | None


@dataclass(slots=True)
class CommunitySummary:
    """Everything the community page's 完成情况 shows."""

    checklists: list[ChecklistSummary] = field(default_factory=list)
    problems_by_severity: dict[str, int] = field(default_factory=dict)
    problems_open: int = 0
    questionnaires: int = 0
    questionnaires_completed: int = 0
    sampling: SamplingReport | None = None
    satisfaction: float | None = None
    questionnaire_title: Text | None = None


def responses(store: Store, submission_ids: list[str]) -> list[dict[str, Any]]:
    """Answers of questionnaire submissions as name → value (outside repeats)."""
    out = []
    for sid in submission_ids:
        answers = store.answers(sid)
        out.append({name: value for (name, inst), value in answers.items() if not inst})
    return out


def community_summary(store: Store, community_id: str) -> CommunitySummary:
    """Compute the completion summary of a community from the store (read-only)."""
    summary = CommunitySummary()
    questionnaire_ids: dict[tuple[str, str], list[str]] = {}
    for sub in store.submissions(community_id):
        form = form_for(store, sub.form_id, sub.form_version)
        if form.kind is FormKind.QUESTIONNAIRE:
            summary.questionnaires += 1
            if sub.status == "completed":
                summary.questionnaires_completed += 1
                questionnaire_ids.setdefault((form.id, form.version), []).append(sub.id)
            continue
        if form.kind is not FormKind.CHECKLIST:
            continue
        state = FormSession(store, form, sub).state
        result = score_checklist(form, state.judgements())
        items = sum(len(c.items) for c in result.categories)
        summary.checklists.append(
            ChecklistSummary(
                submission_id=sub.id,
                title=form.title,
                status=sub.status,
                items=items,
                judged=items - result.pending,
                counts=dict(result.counts),
                tier=result.tier.label if result.tier else None,
            )
        )
    if questionnaire_ids:
        (form_id, version), ids = max(questionnaire_ids.items(), key=lambda kv: len(kv[1]))
        form = form_for(store, form_id, version)
        answered = responses(store, ids)
        summary.sampling = check_sampling(form, answered)
        summary.satisfaction = satisfaction_rate(form, answered)
        summary.questionnaire_title = form.title
    problems = store.problems(community_id)
    summary.problems_by_severity = dict(Counter(p.severity or "" for p in problems))
    summary.problems_open = sum(p.status != "closed" for p in problems)
    return summary
