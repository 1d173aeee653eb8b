"""A realistic demo community: profile, estates and buildings, a completed checklist with
mixed results, problems across categories, and resident questionnaires.

Everything is generated from a seed, so the same seed gives the same data. Answers go
through the same validated path as the app's (:class:`FormSession`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.errors import AnswerError
from fieldapp.core.forms import Form, FormKind, FormState, QuestionType, builtin_forms
from fieldapp.core.forms.model import Question
from fieldapp.core.problems import taxonomy
from fieldapp.store.form_session import FormSession

if TYPE_CHECKING:
    from fieldapp.store.store import Store

SURVEYORS = ("王晓明", "李静", "张磊")
ESTATES: tuple[dict[str, Any], ...] = (
    {
        "name": "幸福里一区",
        "year_built": 1992,
        "construction": "existing",
        "property_management": "community",
        "is_old_estate": True,
        "retrofitted": False,
        "households": 1260,
        "address": "和平路 18 号",
        "buildings": [
            ("1 号楼", 6, 3, 72, 1992, False),
            ("2 号楼", 6, 3, 72, 1992, False),
            ("3 号楼", 7, 4, 84, 1993, False),
            ("4 号楼", 6, 2, 48, 1992, False),
            ("5 号楼", 5, 2, 40, 1991, False),
            ("6 号楼", 6, 3, 72, 1993, False),
        ],
    },
    {
        "name": "幸福里二区",
        "year_built": 2005,
        "construction": "existing",
        "property_management": "professional",
        "is_old_estate": False,
        "retrofitted": False,
        "households": 980,
        "address": "和平路 36 号",
        "buildings": [
            ("7 号楼", 11, 2, 88, 2005, True),
            ("8 号楼", 11, 2, 88, 2005, True),
            ("9 号楼", 18, 2, 144, 2006, True),
            ("10 号楼", 6, 3, 72, 2005, False),
            ("11 号楼", 6, 3, 72, 2005, False),
        ],
    },
    {
        "name": "滨河花园",
        "year_built": 2020,
        "construction": "new",
        "property_management": "professional",
        "is_old_estate": False,
        "retrofitted": False,
        "households": 860,
        "address": "滨河东路 2 号",
        "buildings": [
            ("A1 栋", 26, 2, 208, 2020, True),
            ("A2 栋", 26, 2, 208, 2020, True),
            ("B1 栋", 18, 2, 144, 2021, True),
            ("B2 栋", 18, 2, 144, 2021, True),
        ],
    },
)
PROBLEM_PLACES = (
    "幸福里一区 3 号楼 2 单元",
    "幸福里一区东门",
    "幸福里一区 5 号楼北侧",
    "幸福里二区地下车库入口",
    "幸福里二区 9 号楼楼道",
    "滨河花园南侧步行道",
    "社区党群服务中心门前",
    "和平路与滨河东路交叉口",
    "幸福里一区中心广场",
    "幸福里二区 7 号楼屋面",
    "滨河花园 B2 栋非机动车库",
    "幸福里一区 1 号楼西侧",
)
COMMENTS = (
    "希望加装电梯，老人上下楼太困难。",
    "晚上小区路灯太暗，5号楼北侧经常积水。",
    "电动车充电桩太少，有人从楼上拉线充电。",
    "希望增加老年食堂。",
    "停车太难，消防通道经常被占。",
    "垃圾分类点位离家太远。",
    "",
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo created."""

    community_id: str
    community_name: str
    checklists: int
    questionnaires: int
    problems: int


def create_demo(store: Store, *, seed: int = 2026, questionnaires: int = 64) -> DemoSummary:
    """Create the demo project and community in ``store``."""
    rng = random.Random(seed)
    project = store.create_project(
        "2026 年示范区社区体检", year=2026, description="演示数据：完整社区建设标准对标与城市体检"
    )
    community = store.create_community(
        project.id,
        "幸福里社区",
        street="和平街道",
        district="示范区",
        address="示范区和平路 18 号",
        households=3100,
        population=8600,
        area_ha=42.5,
        elderly_share_pct=23.5,
        children_0_3=180,
        children_3_6=260,
        grids=6,
    )
    for estate in ESTATES:
        fields = {k: v for k, v in estate.items() if k not in ("name", "buildings")}
        record = store.add_estate(community.id, estate["name"], **fields)
        for name, floors, units, households, year, lift in estate["buildings"]:
            store.add_building(
                record.id,
                name,
                floors=floors,
                units=units,
                households=households,
                year_built=year,
                has_lift=lift,
            )
    profile = {
        "population": 8600,
        "households": 3100,
        "construction": "mixed",
        "elderly_share_pct": 23.5,
    }
    checklists = 0
    for form in builtin_forms():
        if form.kind is FormKind.CHECKLIST:
            _fill(store, form, community.id, rng, surveyor=rng.choice(SURVEYORS), known=profile)
            checklists += 1
    survey = next(f for f in builtin_forms() if f.kind is FormKind.QUESTIONNAIRE)
    for _ in range(questionnaires):
        _fill(store, survey, community.id, rng, surveyor="社区工作人员 陈芳", known={})
    problems = _problems(store, community.id, rng)
    return DemoSummary(community.id, community.name, checklists, questionnaires, problems)


def _fill(
    store: Store,
    form: Form,
    community_id: str,
    rng: random.Random,
    *,
    surveyor: str,
    known: dict[str, Any],
) -> None:
    session = FormSession.start(store, form, community_id, surveyor=surveyor)
    items: list[tuple[str, str, Any]] = []
    # Plan on a scratch state (so relevance follows earlier answers), then save in one go.
    groups = [q.name for q in form.questions if q.repeat]
    state = FormState(form, instances={g: session.state.instances(g) for g in groups})
    for q in form.questions:
        if not q.is_input or q.type is QuestionType.INDICATOR:
            continue
        keys = state.instances(q.repeat_group) if q.repeat_group else [""]
        for instance in keys:
            if not state.is_relevant(q.name, instance):
                continue
            value = known.get(q.name) if q.name in known else _plausible(q, rng)
            if value is None:
                continue
            try:
                state.set_answer(q.name, value, instance=instance)
            except AnswerError:
                continue  # a constraint the generator did not foresee: leave it empty
            items.append((q.name, instance, state.answer(q.name, instance)))
    session.set_answers(items)
    if not session.missing() and not session.state.invalid_answers():
        session.complete()


def _plausible(q: Question, rng: random.Random) -> Any:
    """A value a surveyor or resident might plausibly give."""
    t = q.type
    if t is QuestionType.YES_NO:
        return rng.random() < 0.7
    if t in (QuestionType.INTEGER, QuestionType.DECIMAL):
        target = _threshold_target(q)
        low = q.minimum if q.minimum is not None else 0.0
        high = q.maximum if q.maximum is not None else max(target * 1.6, 10.0)
        value = rng.uniform(max(low, target * 0.55), min(high, max(target * 1.4, low + 1)))
        return round(value) if t is QuestionType.INTEGER else round(value, 1)
    if t is QuestionType.SINGLE:
        return rng.choice(q.options).value
    if t is QuestionType.MULTIPLE:
        plain = [o.value for o in q.options if not o.exclusive]
        exclusive = [o.value for o in q.options if o.exclusive]
        if exclusive and rng.random() < 0.2:
            return [exclusive[0]]
        k = min(len(plain), q.max_select or 3, rng.choice((1, 1, 2, 2, 3)))
        return rng.sample(plain, k)
    if t is QuestionType.RATING:
        if q.scale is not None:
            weights = {"5": 22, "4": 38, "3": 24, "2": 9, "1": 4, "0": 3}
            values = [o.value for o in q.scale.options]
            return int(rng.choices(values, [weights.get(v, 5) for v in values])[0])
        return rng.randint(2, int(q.maximum or 5))
    if t is QuestionType.TEXT:
        return rng.choice(COMMENTS) or None
    if t is QuestionType.DATE:
        return f"2026-0{rng.randint(3, 9)}-{rng.randint(10, 28)}"
    return None


def _threshold_target(q: Question) -> float:
    """A scale for a number: the threshold it is judged against, else a sensible default."""
    return {
        "m²": 600.0,
        "m2": 600.0,
        "人": 5000.0,
        "户": 2000.0,
        "%": 60.0,
        "km": 1.5,
        "个": 4.0,
        "班": 6.0,
        "层": 6.0,
        "分钟": 8.0,
    }.get(q.unit, 20.0)


def _problems(store: Store, community_id: str, rng: random.Random) -> int:
    tax = taxonomy()
    estates = store.estates(community_id)
    buildings = {e.id: store.buildings(e.id) for e in estates}
    picks = []
    for category in tax.categories:
        if category.sub_problems:
            picks.extend(rng.sample(category.sub_problems, min(2, len(category.sub_problems))))
    severities = [t.value for t in tax.severities]
    count = 0
    for i, sub in enumerate(picks[:14]):
        estate = rng.choice(estates)
        building = rng.choice(buildings[estate.id]) if buildings[estate.id] else None
        problem = store.create_problem(
            community_id,
            f"{sub.label.zh}（现场核查发现）",
            actor=rng.choice(SURVEYORS),
            estate_id=estate.id,
            building_id=building.id if building else None,
            indicator_code=sub.indicator or None,
            sub_problem_code=sub.code,
            category=sub.category,
            severity=sub.default_severity
            if sub.default_severity in severities
            else severities[i % len(severities)],
            difficulty=rng.choice([t.value for t in tax.difficulties]),
            resolution_class=sub.default_class,
            remediation_type=rng.choice([t.value for t in tax.remediation_types]),
            responsible_unit=rng.choice([t.value for t in tax.responsible_units]),
            location_text=PROBLEM_PLACES[i % len(PROBLEM_PLACES)],
            lat=round(28.6800 + rng.uniform(-0.003, 0.003), 6),
            lon=round(115.8900 + rng.uniform(-0.003, 0.003), 6),
            suggested_action=f"建议{rng.choice(['限期整改', '纳入年度改造计划', '由物业负责维修', '协调专业单位处置'])}",
        )
        count += 1
        if i % 3 == 0:
            store.change_problem_status(
                problem.id, "reported", actor="社区工作人员 陈芳", note="已报街道"
            )
        if i % 6 == 0:
            store.change_problem_status(
                problem.id, "in_progress", actor="和平街道 城建办", note="已派单处置"
            )
    return count
