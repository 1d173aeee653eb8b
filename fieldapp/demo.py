"""A realistic demo community: profile, estates and buildings, both checklists completed
with a mixed result, a problem ledger that matches their findings, and resident
questionnaires.

The checklist answers and problems are curated (:mod:`fieldapp.demo_answers`); the
questionnaires are drawn from a seeded random generator with fixed quotas, so the same seed
gives the same data. Answers go through the same validated path as the app's
(:class:`FormSession`).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp import demo_answers as data
from fieldapp.core.forms import Form, FormKind, builtin_forms
from fieldapp.core.problems import taxonomy
from fieldapp.store.form_session import FormSession

if TYPE_CHECKING:
    from fieldapp.store.records import Building, Estate
    from fieldapp.store.store import Store

SURVEYORS = ("王晓明", "李静", "张磊")
QUESTIONNAIRE_SURVEYOR = "社区工作人员 陈芳"
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
CHECKLIST_SURVEYORS = {"complete_community": "王晓明", "city_checkup_2025": "李静"}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo created."""

    community_id: str
    community_name: str
    checklists: int
    questionnaires: int
    problems: int


@dataclass(frozen=True, slots=True)
class _Place:
    """The community's estates and buildings, by name."""

    estates: dict[str, Estate]
    buildings: dict[str, Building]


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
    place = _Place({}, {})
    for estate in ESTATES:
        fields = {k: v for k, v in estate.items() if k not in ("name", "buildings")}
        record = store.add_estate(community.id, estate["name"], **fields)
        place.estates[record.name] = record
        for name, floors, units, households, year, lift in estate["buildings"]:
            place.buildings[name] = store.add_building(
                record.id,
                name,
                floors=floors,
                units=units,
                households=households,
                year_built=year,
                has_lift=lift,
            )
    forms = {f.id: f for f in builtin_forms()}
    submissions: dict[str, str] = {}
    for form in forms.values():
        if form.kind is FormKind.CHECKLIST:
            submissions[form.id] = _fill_checklist(store, form, community.id, place)
    survey = next(f for f in forms.values() if f.kind is FormKind.QUESTIONNAIRE)
    for estate_name, response in _questionnaires(rng, questionnaires):
        session = FormSession.start(
            store,
            survey,
            community.id,
            surveyor=QUESTIONNAIRE_SURVEYOR,
            estate_id=place.estates[estate_name].id,
        )
        session.set_answers([(name, "", value) for name, value in response])
        session.complete()
    problems = _problems(store, community.id, place, submissions)
    return DemoSummary(community.id, community.name, len(submissions), questionnaires, problems)


# -- checklists ------------------------------------------------------------------------------


def _fill_checklist(store: Store, form: Form, community_id: str, place: _Place) -> str:
    """Fill ``form`` with its curated answers and complete it; return the submission id."""
    session = FormSession.start(
        store, form, community_id, surveyor=CHECKLIST_SURVEYORS.get(form.id, SURVEYORS[0])
    )
    curated = {
        "complete_community": data.COMPLETE_COMMUNITY,
        "city_checkup_2025": data.CITY_CHECKUP,
    }[form.id]
    answers = [(name, "", value, how) for name, value, how in curated]
    by_id = {b.id: b for b in place.buildings.values()}
    for group in (q for q in form.questions if q.repeat_source == "buildings"):
        for building_id in session.state.instances(group.name):
            for name, value in _ledger(by_id[building_id]):
                answers.append((name, building_id, value, data.LEDGER_PROVENANCE.get(name)))
    # set_answers saves in one transaction but carries no provenance: the measured values
    # (areas measured on site, counts supplied by the community...) go one by one.
    session.set_answers([(name, inst, value) for name, inst, value, how in answers if not how])
    for name, instance, value, how in answers:
        if how:
            session.set_answer(name, value, instance=instance, provenance=how)
    session.complete()
    return session.submission.id


def _ledger(building: Building) -> list[tuple[str, Any]]:
    """The building-ledger answers of one building (city_checkup_2025)."""
    row = data.LEDGER[building.name]

    def codes(key: str) -> list[str]:
        return list(row.get(key, ())) or ["none"]

    year = building.year_built or 0
    out: list[tuple[str, Any]] = [
        ("b_floors", building.floors),
        ("b_year", year),
        ("b_lift", bool(building.has_lift)),
        ("b_gas", True),
        ("b_gas_years", row["gas_years"]),
        ("b_extinguishers", row["extinguishers"]),
        ("h01_problems", codes("h01")),
        ("h02_problems", codes("h02")),
        ("h03_problems", codes("h03")),
        ("h04_problems", codes("h04")),
    ]
    if "h04_area" in row:
        out.append(("b_h04_area", row["h04_area"]))
    out += [
        ("h05_problems", codes("h05")),
        ("h06_problems", codes("h06")),
        ("h07_problems", codes("h07")),
    ]
    if year < 2000:
        retrofitted, life, demolition = row["h08"]
        out.append(("b_h08_retrofitted", retrofitted))
        if not retrofitted:
            out += [("b_h08_life", life), ("b_h08_demolition", demolition)]
    out.append(("h09_problems", codes("h09")))
    return out


# -- problems --------------------------------------------------------------------------------


def _problems(
    store: Store, community_id: str, place: _Place, submissions: Mapping[str, str]
) -> int:
    tax = taxonomy()
    count = 0
    for i, p in enumerate(data.PROBLEMS):
        sub = tax.sub_problem(p["code"])
        if sub is None:
            raise ValueError(f"demo problem {p['code']} is not in the problem taxonomy")
        building = place.buildings[p["building"]] if p["building"] else None
        problem = store.create_problem(
            community_id,
            p["description"],
            actor=SURVEYORS[i % len(SURVEYORS)],
            estate_id=place.estates[p["estate"]].id,
            building_id=building.id if building else None,
            submission_id=submissions[p["form"]],
            question=p["question"],
            indicator_code=sub.indicator,
            sub_problem_code=sub.code,
            category=sub.category,
            severity=p.get("severity", sub.default_severity),
            difficulty=p["difficulty"],
            resolution_class=p.get("class", sub.default_class),
            remediation_type=p["remediation"],
            responsible_unit=p["unit"],
            location_text=p["location"],
            lat=p["lat"],
            lon=p["lon"],
            suggested_action=p["action"],
        )
        for status, actor, note in p.get("status", ()):
            store.change_problem_status(problem.id, status, actor=actor, note=note)
        count += 1
    return count


# -- questionnaires --------------------------------------------------------------------------


def _quota(shares: Mapping[Any, float], n: int) -> list[Any]:
    """``n`` values with the given shares (largest remainder), in the mapping's order."""
    total = sum(shares.values())
    exact = {k: n * v / total for k, v in shares.items()}
    counts = {k: int(x) for k, x in exact.items()}
    rest = sorted(exact, key=lambda k: counts[k] - exact[k])[: n - sum(counts.values())]
    for k in rest:
        counts[k] += 1
    return [k for k in shares for _ in range(counts[k])]


def _choice(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _several(
    rng: random.Random, chances: Mapping[str, float], *, at_most: int | None = None
) -> list[str]:
    """Each option with its own chance; ``["none"]`` if none is picked."""
    picked = [k for k, p in chances.items() if rng.random() < p]
    if at_most is not None and len(picked) > at_most:
        keep = set(rng.sample(picked, at_most))
        picked = [k for k in picked if k in keep]
    return picked or ["none"]


def _ranked(rng: random.Random, weights: Mapping[str, float], k: int) -> list[str]:
    """``k`` options drawn by weight without replacement, in the order drawn."""
    pool = dict(weights)
    out: list[str] = []
    while pool and len(out) < k:
        pick = _choice(rng, pool)
        out.append(pick)
        del pool[pick]
    return out


@dataclass(slots=True)
class _Respondent:
    estate: str
    age: str
    female: bool
    excluded: str = ""  # "age" or "residence"
    public: bool = False
    comments: bool = False
    mood: float = 0.0
    overall: int = 0


def _respondents(rng: random.Random, n: int) -> list[_Respondent]:
    """Who answers: quotas for estate, age, gender, public-sector staff and overall
    satisfaction, shuffled by ``rng``; a few are not eligible (under 16, or moved in
    less than six months ago) and do not count as valid."""
    excluded = round(n * data.EXCLUDED_SHARE)
    valid = n - excluded
    estates = _quota({e["name"]: e["households"] for e in ESTATES}, n)
    rng.shuffle(estates)
    # Alternately a 15-year-old pupil and a young tenant who moved in months ago.
    ages = _quota(data.AGE_SHARES, valid) + ["lt16", "16_30"] * excluded
    reasons = [""] * valid + ["age", "residence"] * excluded
    females = _quota({True: data.FEMALE_SHARE, False: 1 - data.FEMALE_SHARE}, valid)
    rng.shuffle(females)
    females += [rng.random() < data.FEMALE_SHARE for _ in range(excluded)]
    people = [_Respondent(estates[i], ages[i], females[i], reasons[i]) for i in range(n)]
    order = list(range(valid))
    rng.shuffle(order)
    people[:valid] = [people[i] for i in order]
    working = [p for p in people[:valid] if p.age in ("16_30", "31_45", "46_60")]
    for p in rng.sample(working, min(len(working), int(valid * data.PUBLIC_SHARE))):
        p.public = True
    for p in rng.sample(people, round(n * data.COMMENT_SHARE)):
        p.comments = True
    for p in people:
        p.mood = rng.gauss(0.0, 0.8) + data.ESTATE_MOOD[p.estate]
    # The overall-satisfaction quota goes to the valid respondents by mood.
    ranked = sorted(people[:valid], key=lambda p: p.mood)
    for p, value in zip(ranked, sorted(_quota(data.OVERALL_SHARES, valid)), strict=True):
        p.overall = value
    for p in people[valid:]:
        p.overall = min(5, max(1, round(3.9 + 0.6 * p.mood)))
    # Interleave the ineligible ones among the others (a surveyor meets them by chance).
    for p in people[valid:]:
        people.remove(p)
        people.insert(rng.randrange(len(people) + 1), p)
    return people


def _rating(rng: random.Random, mean: float, mood: float) -> int:
    return min(5, max(1, round(mean + 0.45 * mood + rng.gauss(0.0, 0.65))))


def _questionnaires(rng: random.Random, n: int) -> list[tuple[str, Sequence[tuple[str, Any]]]]:
    """``n`` responses as (estate name, [(question, value), ...]) in form order."""
    comments = {k: list(v) for k, v in data.COMMENTS.items()}
    out = []
    for p in _respondents(rng, n):
        out.append((p.estate, _response(rng, p, comments)))
    return out


def _response(
    rng: random.Random, p: _Respondent, comments: dict[str, list[str]]
) -> list[tuple[str, Any]]:
    estate = p.estate
    older = p.age in ("61_75", "gt75")
    if p.excluded == "residence":
        residence = "lt6m"
    elif p.age in ("lt16",):
        residence = "gt10y" if estate != "滨河花园" else "3y_10y"
    else:
        residence = _choice(rng, data.RESIDENCE[estate])
    if p.excluded == "residence":
        tenure = "rent"
    elif p.age == "lt16":
        tenure = "own"
    else:
        tenure = _choice(rng, data.TENURE[estate])
    members: list[str] = []
    if rng.random() < data.CHILDREN.get(p.age, 0.0) or p.age == "lt16":
        kinds = rng.choice(
            [["infant"], ["child"], ["pupil"], ["child", "pupil"], ["infant", "child"]]
        )
        members += ["pupil"] if p.age == "lt16" else kinds
    if older or rng.random() < 0.35:
        members.append("elder")
    if rng.random() < (0.12 if older else 0.04):
        members.append("disabled")
    order = ("infant", "child", "pupil", "elder", "disabled")
    members = [m for m in order if m in members] or ["none"]
    if p.public:
        occupation = "public"
    elif p.age == "lt16":
        occupation = "student"
    else:
        occupation = _choice(rng, data.OCCUPATION[p.age])
    kids = {"infant", "child", "pupil"} & set(members)

    def sat(row: str, not_applicable: float = 0.04) -> int:
        mean, shift = data.SATISFACTION[row]
        if rng.random() < not_applicable:
            return 0
        return _rating(rng, mean + shift.get(estate, 0.0), p.mood)

    answers: list[tuple[str, Any]] = [
        ("age", p.age),
        ("gender", "f" if p.female else "m"),
        ("residence", residence),
        ("tenure", tenure),
        ("household_members", members),
        ("occupation", occupation),
        ("building_problems", _several(rng, data.BUILDING_PROBLEMS[estate])),
        ("home_upgrades", _home_upgrades(rng, estate, older)),
        ("sat_service_station", sat("sat_service_station", 0.06)),
        ("sat_elderly_care", sat("sat_elderly_care", 0.05 if older or "elder" in members else 0.5)),
        ("sat_infant_care", sat("sat_infant_care", 0.05 if "infant" in members else 0.85)),
        ("sat_kindergarten", sat("sat_kindergarten", 0.05 if "child" in members else 0.7)),
        ("sat_primary_school", sat("sat_primary_school", 0.05 if "pupil" in members else 0.65)),
        ("sat_health", sat("sat_health")),
        ("sat_shopping", sat("sat_shopping", 0.01)),
        ("sat_parcels", sat("sat_parcels", 0.15 if older else 0.02)),
        ("sat_outlets", sat("sat_outlets", 0.02)),
        ("elderly_problems", _elderly_problems(rng, older or "elder" in members)),
    ]
    if kids:
        chances = dict(data.CHILD_PROBLEMS)
        if "infant" not in members:
            chances.pop("no_nursery")
        answers.append(("child_problems", _several(rng, chances)))
    answers += [
        ("sat_parking", sat("sat_parking", 0.12)),
        ("sat_ev_charging", sat("sat_ev_charging", 0.45)),
        ("sat_ebike", sat("sat_ebike", 0.1)),
        ("sat_activity_space", sat("sat_activity_space")),
        ("sat_greenery", sat("sat_greenery", 0.02)),
        ("sat_footpaths", sat("sat_footpaths", 0.02)),
        ("sat_barrier_free", sat("sat_barrier_free", 0.08)),
        ("sat_sanitation", sat("sat_sanitation", 0.01)),
        ("sat_utilities", sat("sat_utilities", 0.02)),
        ("parking_problems", _several(rng, data.PARKING_PROBLEMS[estate])),
        ("space_needs", _several(rng, data.SPACE_NEEDS[estate], at_most=3)),
        ("management_type", _choice(rng, data.MANAGEMENT_TYPE[estate])),
        ("property_satisfaction", sat("property_satisfaction", 0.02)),
        ("smart_facilities", _several(rng, data.SMART_FACILITIES[estate])),
        ("participation", _participation(rng, older)),
        ("overall_satisfaction", p.overall),
    ]
    needs = _urgent_needs(rng, estate, older=older, kids=bool(kids))
    answers.append(("urgent_needs", needs))
    if "other" in needs:
        answers.append(("urgent_needs_other", rng.choice(data.OTHER_NEEDS)))
    if p.comments:
        # Mostly about the respondent's own estate, each comment given once.
        pools = [comments[estate], comments[""]]
        if rng.random() >= 0.75:
            pools.reverse()
        pool = next((x for x in pools if x), None)
        if pool:
            answers.append(("comments", pool.pop(rng.randrange(len(pool)))))
    answers.append(("willingness", _choice(rng, data.WILLINGNESS[estate])))
    return answers


def _home_upgrades(rng: random.Random, estate: str, older: bool) -> list[str]:
    chances = dict(data.HOME_UPGRADES[estate])
    if older:
        for key in ("elevator", "barrier_free", "emergency_call"):
            if key in chances:
                chances[key] = min(0.9, chances[key] * 1.4)
    return _several(rng, chances, at_most=3)


def _elderly_problems(rng: random.Random, concerned: bool) -> list[str]:
    if not concerned and rng.random() < 0.6:
        return ["none"]  # "no problem, or don't know"
    return _several(rng, data.ELDERLY_PROBLEMS)


def _participation(rng: random.Random, older: bool) -> str:
    weights = dict(data.PARTICIPATION)
    if older:
        weights["often"] *= 2.5
        weights["sometimes"] *= 1.3
    return _choice(rng, weights)


def _urgent_needs(rng: random.Random, estate: str, *, older: bool, kids: bool) -> list[str]:
    weights = dict(data.URGENT_NEEDS[estate])
    if older:
        for key in ("elevator", "elderly", "health"):
            if key in weights:
                weights[key] *= 2.0
    if kids:
        weights["childcare"] = weights.get("childcare", 0.5) * 2.0
    k = rng.choice((3, 3, 3, 3, 2, 2, 1))
    return _ranked(rng, weights, k)
