"""The demo community: both checklists completed with a believable mixed result, valid
questionnaires that meet the sampling rules, a problem ledger that fits the taxonomy, and
the same data for the same seed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.core.forms import (
    QuestionType,
    Status,
    builtin_form,
    check_sampling,
    satisfaction_rate,
    score_checklist,
)
from fieldapp.core.problems import taxonomy
from fieldapp.demo import DemoSummary, create_demo
from fieldapp.store import Store
from fieldapp.store.form_session import FormSession

CHECKLISTS = ("complete_community", "city_checkup_2025")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store = Store.open(tmp_path_factory.mktemp("demo"))
    try:
        yield store, create_demo(store)
    finally:
        store.close()


def _session(store: Store, community_id: str, form_id: str) -> FormSession:
    (submission,) = store.submissions(community_id, form_id=form_id)
    return FormSession.open(store, submission.id)


def test_summary_counts(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert summary.community_name == "幸福里社区"
    assert summary.checklists == 2 and summary.questionnaires == 64
    assert summary.problems == len(store.problems(summary.community_id))


@pytest.mark.parametrize("form_id", CHECKLISTS)
def test_checklists_completed_with_a_mixed_result(
    demo: tuple[Store, DemoSummary], form_id: str
) -> None:
    store, summary = demo
    session = _session(store, summary.community_id, form_id)
    assert session.submission.status == "completed"
    judgements = session.state.judgements()
    result = score_checklist(session.form, judgements)
    assert result.pending == 0, [r.code for r in judgements.values() if r.status is Status.PENDING]
    for status in (Status.MET, Status.PARTLY_MET, Status.NOT_MET):
        assert result.counts.get(status.value, 0) >= 1, (status, result.counts)
    assert result.counts.get(Status.MET.value, 0) > result.counts.get(Status.PARTLY_MET.value, 0)


@pytest.mark.parametrize("form_id", CHECKLISTS)
def test_checklists_answer_exactly_the_shown_questions(
    demo: tuple[Store, DemoSummary], form_id: str
) -> None:
    store, summary = demo
    session = _session(store, summary.community_id, form_id)
    state = session.state
    unanswered, hidden = [], []
    for q in session.form.questions:
        if not q.is_input or q.type in (QuestionType.INDICATOR, QuestionType.PHOTO):
            continue
        for instance in state.instances(q.repeat_group) if q.repeat_group else [""]:
            shown = state.is_relevant(q.name, instance)
            answered = state.answer(q.name, instance) is not None
            if shown and not answered:
                unanswered.append((q.name, instance))
            if answered and not shown:
                hidden.append((q.name, instance))
    assert unanswered == [] and hidden == []
    rows = store.answer_rows(session.submission.id)
    provenances = Counter(r.provenance for r in rows if r.provenance)
    assert provenances["site"] >= 1 and provenances["provided"] >= 1


def test_city_checkup_ledger_and_baseline_failures(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    session = _session(store, summary.community_id, "city_checkup_2025")
    buildings = session.state.instances("building")
    assert len(buildings) == 15
    assert all(session.state.value("b_progress", b) == 9 for b in buildings)
    result = score_checklist(session.form, session.state.judgements())
    assert len(result.baseline_failures) >= 1
    assert "CT-H02" in result.baseline_failures  # old gas risers in 幸福里一区
    assert session.state.value("h01_count") == 0  # but no structural hazard anywhere


def test_questionnaires_meet_the_sampling_rules(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    survey = builtin_form("resident_survey")
    submissions = store.submissions(summary.community_id, form_id="resident_survey")
    assert len(submissions) == 64
    assert all(s.status == "completed" for s in submissions)
    responses = [
        {name: value for (name, _), value in store.answers(s.id).items()} for s in submissions
    ]
    report = check_sampling(survey, responses)
    assert report.valid >= 60 and report.total - report.valid <= 3
    checks = {c.rule: c for c in report.checks}
    assert checks["female_share"].ok and checks["public_sector"].ok
    assert sum(not c.ok for c in report.checks) <= 1
    women = sum(r["gender"] == "f" for r in responses) / len(responses)
    assert 0.5 <= women <= 0.6
    rate = satisfaction_rate(survey, responses)
    assert rate is not None and 0.7 <= rate <= 0.8
    assert any("child_problems" in r for r in responses)
    comments = [r["comments"] for r in responses if r.get("comments")]
    assert 5 <= len(comments) <= 12 and any("5号楼北侧" in c for c in comments)
    needs: Counter[str] = Counter()
    for r in responses:
        for rank, need in enumerate(r["urgent_needs"]):
            needs[need] += 3 - rank
    top = {need for need, _ in needs.most_common(3)}
    assert top <= {"elevator", "parking", "charging", "elderly"}, needs


def test_residents_rate_parking_below_shopping(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    submissions = store.submissions(summary.community_id, form_id="resident_survey")
    answers = [store.answers(s.id) for s in submissions]

    def satisfied(row: str) -> float:
        scores = [a[(row, "")] for a in answers if a.get((row, ""))]  # 0: not applicable
        return sum(v >= 4 for v in scores) / len(scores)

    low = ("sat_parking", "sat_ebike", "sat_elderly_care", "sat_barrier_free")
    high = ("sat_shopping", "sat_parcels")
    assert max(map(satisfied, low)) < min(map(satisfied, high))


def test_problems_fit_the_taxonomy(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    tax = taxonomy()
    problems = store.problems(summary.community_id)
    assert 12 <= len(problems) <= 16
    assert len({p.category for p in problems}) >= 4
    assert {p.severity for p in problems} == {"severe", "major", "minor"}
    for p in problems:
        sub = tax.sub_problem(p.sub_problem_code or "")
        assert sub is not None, p.sub_problem_code
        assert (p.indicator_code, p.category) == (sub.indicator, sub.category)
        assert p.estate_id is not None and p.submission_id is not None
        form = builtin_form(store.submission(p.submission_id).form_id)
        assert p.question in form.by_name, p.question
        assert p.location_text and p.suggested_action and p.description
        assert p.lat is not None and abs(p.lat - 28.68) < 0.01
        assert p.lon is not None and abs(p.lon - 115.89) < 0.01
    assert {"reported", "in_progress"} <= {p.status for p in problems}


def _answers_by_form(store: Store, community_id: str) -> dict[str, list[list[tuple[str, ...]]]]:
    """Every answer value per form, with building ids replaced by building names."""
    names = {b.id: b.name for e in store.estates(community_id) for b in store.buildings(e.id)}
    estates = {e.id: e.name for e in store.estates(community_id)}
    out: dict[str, list[list[tuple[str, ...]]]] = {}
    for s in store.submissions(community_id):
        rows = sorted(
            (q, names.get(i, i), json.dumps(v, ensure_ascii=False, sort_keys=True))
            for (q, i), v in store.answers(s.id).items()
        )
        out.setdefault(s.form_id, []).append([(estates.get(s.estate_id or "", ""),), *rows])
    return {form: sorted(subs) for form, subs in out.items()}


def test_same_seed_same_answers(demo: tuple[Store, DemoSummary], tmp_path: Path) -> None:
    store, summary = demo
    with Store.open(tmp_path / "again") as other:
        again = create_demo(other, seed=2026)
        assert _answers_by_form(other, again.community_id) == _answers_by_form(
            store, summary.community_id
        )


def test_small_demo(tmp_path: Path) -> None:
    with Store.open(tmp_path / "small") as store:
        summary = create_demo(store, seed=7, questionnaires=5)
        submissions = store.submissions(summary.community_id, form_id="resident_survey")
        assert len(submissions) == 5 and all(s.status == "completed" for s in submissions)
