"""A realistic demo community: profile, estates and buildings, both checklists completed
with a mixed result, a problem ledger that matches their findings, and resident
questionnaires.

The checklist answers, the building ledger and the problems are curated data (the second
half of this module); the questionnaires are drawn from a seeded random generator with fixed
quotas, so the same seed gives the same data. Answers go through the same validated path as
the app's (:class:`FormSession`), which refuses any question name or option value that is
not the form's own.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.forms import Form, builtin_forms
from fieldapp.core.problems import taxonomy
from fieldapp.photos.demo_images import add_demo_photos
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
    photos: int = 0


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
    submissions = {
        form_id: _fill_checklist(store, forms[form_id], answers, community.id, place)
        for form_id, answers in (
            ("complete_community", COMPLETE_COMMUNITY),
            ("city_checkup_2025", CITY_CHECKUP),
        )
    }
    survey = forms["resident_survey"]
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
    photos = add_demo_photos(store, community.id, store.problems(community.id), seed=seed)
    return DemoSummary(
        community.id, community.name, len(submissions), questionnaires, problems, photos
    )


# -- checklists ------------------------------------------------------------------------------


def _fill_checklist(
    store: Store, form: Form, curated: Sequence[Answer], community_id: str, place: _Place
) -> str:
    """Fill ``form`` with its curated answers (and, for a building ledger, each building's
    row of LEDGER) and complete it; return the submission id."""
    session = FormSession.start(
        store, form, community_id, surveyor=CHECKLIST_SURVEYORS.get(form.id, SURVEYORS[0])
    )
    answers = [(name, "", value, how) for name, value, how in curated]
    by_id = {b.id: b for b in place.buildings.values()}
    for group in (q for q in form.questions if q.repeat_source == "buildings"):
        for building_id in session.state.instances(group.name):
            for name, value in _ledger(by_id[building_id]):
                answers.append((name, building_id, value, LEDGER_PROVENANCE.get(name)))
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
    row = LEDGER[building.name]

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
    for i, p in enumerate(PROBLEMS):
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
    excluded = round(n * EXCLUDED_SHARE)
    valid = n - excluded
    estates = _quota({e["name"]: e["households"] for e in ESTATES}, n)
    rng.shuffle(estates)
    # Alternately a 15-year-old pupil and a young tenant who moved in months ago.
    ages = _quota(AGE_SHARES, valid) + ["lt16", "16_30"] * excluded
    reasons = [""] * valid + ["age", "residence"] * excluded
    females = _quota({True: FEMALE_SHARE, False: 1 - FEMALE_SHARE}, valid)
    rng.shuffle(females)
    females += [rng.random() < FEMALE_SHARE for _ in range(excluded)]
    people = [_Respondent(estates[i], ages[i], females[i], reasons[i]) for i in range(n)]
    order = list(range(valid))
    rng.shuffle(order)
    people[:valid] = [people[i] for i in order]
    working = [p for p in people[:valid] if p.age in ("16_30", "31_45", "46_60")]
    for p in rng.sample(working, min(len(working), int(valid * PUBLIC_SHARE))):
        p.public = True
    # A handful leave a comment, spread over the estates like the respondents.
    commenters = _quota({e["name"]: e["households"] for e in ESTATES}, round(n * COMMENT_SHARE))
    for name in dict.fromkeys(commenters):
        residents = [p for p in people if p.estate == name]
        for p in rng.sample(residents, min(len(residents), commenters.count(name))):
            p.comments = True
    for p in people:
        p.mood = rng.gauss(0.0, 0.8) + ESTATE_MOOD[p.estate]
    # The overall-satisfaction quota goes to the valid respondents by mood.
    ranked = sorted(people[:valid], key=lambda p: p.mood)
    for p, value in zip(ranked, sorted(_quota(OVERALL_SHARES, valid)), strict=True):
        p.overall = value
    for p in people[valid:]:
        p.overall = min(5, max(1, round(3.9 + 0.6 * p.mood)))
    # Interleave the ineligible ones among the others (a surveyor meets them by chance).
    ineligible, people = people[valid:], people[:valid]
    for p in ineligible:
        people.insert(rng.randrange(len(people) + 1), p)
    return people


def _rating(rng: random.Random, mean: float, mood: float) -> int:
    return min(5, max(1, round(mean + 0.45 * mood + rng.gauss(0.0, 0.65))))


def _questionnaires(rng: random.Random, n: int) -> list[tuple[str, list[tuple[str, Any]]]]:
    """``n`` responses as (estate name, [(question, value), ...]) in form order."""
    comments = {k: list(v) for k, v in COMMENTS.items()}
    return [(p.estate, _response(rng, p, comments)) for p in _respondents(rng, n)]


def _response(
    rng: random.Random, p: _Respondent, comments: dict[str, list[str]]
) -> list[tuple[str, Any]]:
    estate = p.estate
    older = p.age in ("61_75", "gt75")
    if p.excluded == "residence":
        residence = "lt6m"
    elif p.age == "lt16":
        residence = "gt10y" if estate != "滨河花园" else "3y_10y"
    else:
        residence = _choice(rng, RESIDENCE[estate])
    if p.excluded == "residence":
        tenure = "rent"
    elif p.age == "lt16":
        tenure = "own"
    else:
        tenure = _choice(rng, TENURE[estate])
    members: list[str] = []
    if rng.random() < CHILDREN.get(p.age, 0.0):
        members += rng.choice(
            [["infant"], ["child"], ["pupil"], ["child", "pupil"], ["infant", "child"]]
        )
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
        occupation = _choice(rng, OCCUPATION[p.age])
    kids = {"infant", "child", "pupil"} & set(members)

    def sat(row: str, not_applicable: float = 0.04) -> int:
        mean, shift = SATISFACTION[row]
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
        ("building_problems", _several(rng, BUILDING_PROBLEMS[estate])),
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
        chances = dict(CHILD_PROBLEMS)
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
        ("parking_problems", _several(rng, PARKING_PROBLEMS[estate])),
        ("space_needs", _several(rng, SPACE_NEEDS[estate], at_most=3)),
        ("management_type", _choice(rng, MANAGEMENT_TYPE[estate])),
        ("property_satisfaction", sat("property_satisfaction", 0.02)),
        ("smart_facilities", _several(rng, SMART_FACILITIES[estate])),
        ("participation", _participation(rng, older)),
        ("overall_satisfaction", p.overall),
    ]
    needs = _urgent_needs(rng, estate, older=older, kids=bool(kids))
    answers.append(("urgent_needs", needs))
    if "other" in needs:
        answers.append(("urgent_needs_other", rng.choice(OTHER_NEEDS)))
    if p.comments:
        # Mostly about a place in the respondent's own estate (the first commenter of an
        # estate always), each comment given once, in the order listed.
        own = comments[estate]
        first = len(own) == len(COMMENTS[estate])
        pools = [own, comments[""]] if first or rng.random() < 0.7 else [comments[""], own]
        pool = next((x for x in pools if x), None)
        if pool:
            answers.append(("comments", pool.pop(0)))
    answers.append(("willingness", _choice(rng, WILLINGNESS[estate])))
    return answers


def _home_upgrades(rng: random.Random, estate: str, older: bool) -> list[str]:
    chances = dict(HOME_UPGRADES[estate])
    if older:
        for key in ("elevator", "barrier_free", "emergency_call"):
            if key in chances:
                chances[key] = min(0.9, chances[key] * 1.4)
    return _several(rng, chances, at_most=3)


def _elderly_problems(rng: random.Random, concerned: bool) -> list[str]:
    if not concerned and rng.random() < 0.6:
        return ["none"]  # "no problem, or don't know"
    return _several(rng, ELDERLY_PROBLEMS)


def _participation(rng: random.Random, older: bool) -> str:
    weights = dict(PARTICIPATION)
    if older:
        weights["often"] *= 2.5
        weights["sometimes"] *= 1.3
    return _choice(rng, weights)


def _urgent_needs(rng: random.Random, estate: str, *, older: bool, kids: bool) -> list[str]:
    weights = dict(URGENT_NEEDS[estate])
    if older:
        for key in ("elevator", "elderly", "health"):
            if key in weights:
                weights[key] *= 2.0
    if kids:
        weights["childcare"] = weights.get("childcare", 0.5) * 2.0
    k = rng.choice((3, 3, 3, 3, 2, 2, 1))
    return _ranked(rng, weights, k)


# ==========================================================================================
# Curated data of the demo community 幸福里社区 (used by the functions above): checklist
# answers, the building ledger, the problem ledger and the weights that shape the resident
# questionnaires.
#
# The picture is one plausible old-town community with a mixed result, kept consistent
# across both checklists, the estates and buildings of ESTATES, the problems and what
# residents say:
#
# - 幸福里一区 (1992, six walk-ups, community-hosted management) carries most defects: old
#   gas risers, e-bikes charged in corridors, facade cracks, exposed wiring, no lifts, no
#   ramps, no central e-bike charging, blocked fire lane at the east gate;
# - 幸福里二区 (2005) has some leaks and two walk-ups without lifts;
# - 滨河花园 (2020, high-rise, new estate) is nearly clean.
# ==========================================================================================

# One answer: (question name, value, provenance or None). Provenance is one of
# provided (supplied by the community or a utility), imagery (measured on map/imagery),
# site (measured on site).
Answer = tuple[str, Any, str | None]

# -- complete_community (完整社区建设标准体检表) ------------------------------------------
COMPLETE_COMMUNITY: tuple[Answer, ...] = (
    ("population", 8600, "provided"),
    ("households", 3100, "provided"),
    ("construction", "mixed", None),  # 一区、二区 existing, 滨河花园 new
    ("elderly_share_pct", 23.5, "provided"),
    ("children_0_3", 180, "provided"),
    ("children_3_6", 260, "provided"),
    ("estates", 3, None),
    ("buildings", 15, None),
    # WZ1 基本公共服务设施
    ("wz01_has", True, None),
    ("wz01_area", 620.0, "site"),  # 620 < 800 m²: partly met
    ("wz01_rooms", ["hall", "police", "committee", "activity", "party"], None),
    ("wz02_has", True, None),  # 幸福里幼儿园, 5 classes; 和平路幼儿园 next door takes the rest
    ("wz02_classes", 5, "provided"),
    ("wz02_floor_area", 1850.0, "provided"),
    ("wz02_site_area", 2600.0, "provided"),
    ("wz02_affordable", True, None),
    ("wz02_shared", True, None),
    ("wz03_has", False, None),  # no nursery
    ("wz03_shared", False, None),
    ("wz04_station", True, None),  # elderly station inside the service station
    ("wz04_services", ["daily_care", "recreation"], None),
    ("wz04_daycare_has", False, None),
    ("wz04_shared", False, None),
    ("wz05_has", True, None),
    ("wz05_area", 150.0, "site"),
    ("wz05_shared", False, None),
    # WZ2 便民商业服务设施
    ("wz06_has", True, None),
    ("wz06_area", 450.0, "site"),
    ("wz06_fresh", True, None),
    ("wz06_shared", False, None),
    ("wz07_lockers", 4, "site"),
    ("wz08_outlets", ["barber", "laundry", "pharmacy", "repair", "catering", "grocery"], None),
    # WZ3 市政配套基础设施
    ("wz09_utilities_ok", False, None),  # old gas risers in 一区, waterlogging north of 5 号楼
    ("wz09_problems", ["drainage", "gas"], None),
    ("wz09_fibre", True, None),
    ("wz09_security", False, None),  # 一区 has no access control or CCTV in common areas
    ("wz10_spaces", 1460, "provided"),  # 一区 126 + 二区 388 + 滨河花园 946
    ("wz10_new_households", 860, "provided"),
    ("wz10_new_spaces", 946, "provided"),
    ("wz10_new_ev_ready", 946, "provided"),
    ("wz10_fire_lane_blocked", True, None),
    ("wz10_bike_shed", True, None),
    ("wz10_ebike_feasible", True, None),
    ("wz10_ebike_charging", True, None),  # in 二区 and 滨河花园; none in 一区 (C16)
    ("wz11_bus_walk_minutes", 6.0, "imagery"),
    ("wz11_continuous", True, None),
    ("wz12_entrances", False, None),  # 一区 entrances and the service station have no ramps
    ("wz12_outdoor", False, None),
    ("wz12_lift_retrofit", False, None),
    ("wz13_sorting", True, None),
    # WZ4 公共活动空间
    ("wz14_ground_area", 400.0, "site"),
    ("wz14_equipment", ["fitness", "path", "seating", "children"], None),
    ("wz14_shelter", True, None),
    ("wz15_green_has", True, None),
    ("wz15_pocket_parks", 1, None),
    # WZ5 物业管理 (一区 community-hosted, 二区 and 滨河花园 professional)
    ("wz16_estates_managed", 3, "provided"),
    ("wz17_platform", True, None),
    # WZ6 社区管理机制
    ("wz18_mechanism", True, None),
    ("wz18_platform_link", False, None),
    ("wz19_illegal_structures", False, None),
    ("wz19_co_creation", True, None),
    ("wz20_convention", True, None),
    ("wz20_activities", True, None),
)

# -- city_checkup_2025 (城市体检住房和小区（社区）维度) ------------------------------------
CITY_CHECKUP: tuple[Answer, ...] = (
    ("population", 8600, "provided"),
    ("households", 3100, "provided"),
    ("construction", "mixed", None),
    ("estates", 3, None),
    # C1 设施完善
    ("c10_count", 1, "provided"),
    ("c10_area", 180.0, "provided"),
    ("c10_missing_services", ["rehab", "meals", "home_care"], None),
    ("c10_shared", False, None),
    ("c11_count", 0, "provided"),
    ("c12_count", 1, "provided"),
    ("c12_classes", 5, "provided"),
    ("c12_floor_area", 1850.0, "provided"),
    ("c12_site_area", 2600.0, "provided"),
    ("c12_affordable", True, None),
    ("c13_demand", 610, "provided"),
    ("c13_places", 680, "provided"),
    ("c13_distance", 720.0, "imagery"),  # 滨河花园 B2 栋 to 和平路小学
    ("c14_demand", 2080, "provided"),
    ("c14_spaces", 1520, "provided"),  # 1460 in the estates + 60 shared on 和平路
    ("c14_problems", ["C14-1", "C14-2"], None),
    ("c15_demand", 310, "provided"),
    ("c15_private", 168, "provided"),
    ("c15_public", 24, "site"),
    ("c15_public_factor", 3, None),
    ("c15_causes", ["C15-1", "C15-2"], None),
    ("c16_has", True, None),
    ("c16_demand", 2480, "site"),  # night count
    ("c16_spaces", 860, "site"),
    ("c16_problems", ["C16-3"], None),
    # C2 环境宜居
    ("c17_ground_area", 400.0, "site"),
    ("c17_green_has", True, None),
    ("c17_problems", ["C17-2"], None),
    ("c18_surveyed_km", 4.6, "imagery"),
    ("c18_substandard_km", 1.2, "site"),
    ("c18_urgent_km", 0.35, "site"),
    ("c18_problems", ["C18-1", "C18-3", "C18-4", "C18-7"], None),
    ("c19_points", True, None),
    ("c19_labels", True, None),
    ("c19_kitchen_sealed", True, None),
    ("c19_rules", True, None),
    ("c19_chain", True, None),
    # C3 管理健全
    ("c20_unmanaged", 0, "provided"),
    ("c20_coordination", True, None),
    ("c20_mediation", True, None),
    ("c21_lockers", True, None),
    ("c21_security", False, None),
    ("c21_platform", True, None),
)

# The building ledger (楼栋台账) of city_checkup_2025, by building name. Storeys, year and
# lift come from the building records; an empty sub-problem list means "none" (未发现).
# Keys: gas_years, extinguishers, h01…h09 sub-problem codes, h04_area (m², when H04-1),
# h08 = (retrofitted, expected life, on a demolition plan) for buildings built before 2000.
_OLD = (False, 30, False)
LEDGER: dict[str, dict[str, Any]] = {
    # 幸福里一区: 1991-93 brick walk-ups
    "1 号楼": {
        "gas_years": 34,
        "extinguishers": 2,
        "h02": ["H02-1"],
        "h03": ["H03-1", "H03-8"],
        "h07": ["H07-1", "H07-3"],
        "h08": _OLD,
        "h09": ["H09-2"],
    },
    "2 号楼": {
        "gas_years": 34,
        "extinguishers": 2,
        "h02": ["H02-1"],
        "h03": ["H03-7", "H03-8"],
        "h07": ["H07-1", "H07-2", "H07-3"],
        "h08": _OLD,
        "h09": ["H09-2", "H09-4"],
    },
    "3 号楼": {
        # risers replaced in 2019 with the street's gas renewal pilot
        "gas_years": 7,
        "extinguishers": 1,
        "h03": ["H03-1", "H03-5", "H03-8"],
        "h04": ["H04-1"],
        "h04_area": 18.0,
        "h06": ["H06-3"],
        "h07": ["H07-1", "H07-2"],
        "h08": _OLD,
        "h09": ["H09-2"],
    },
    "4 号楼": {
        "gas_years": 34,
        "extinguishers": 2,
        "h02": ["H02-1"],
        "h03": ["H03-8"],
        "h07": ["H07-1", "H07-3"],
        "h08": _OLD,
        "h09": ["H09-2"],
    },
    "5 号楼": {
        "gas_years": 33,
        "extinguishers": 2,
        "h02": ["H02-1", "H02-2"],
        "h03": ["H03-1", "H03-7"],
        "h04": ["H04-1", "H04-4"],
        "h04_area": 6.0,
        "h07": ["H07-1", "H07-2", "H07-3"],
        "h08": _OLD,
        "h09": ["H09-2", "H09-4"],
    },
    "6 号楼": {
        "gas_years": 33,
        "extinguishers": 2,
        "h03": ["H03-8"],
        "h07": ["H07-1"],
        "h08": _OLD,
        "h09": ["H09-2"],
    },
    # 幸福里二区: 2005-06, three with lifts
    "7 号楼": {"gas_years": 21, "extinguishers": 2, "h04": ["H04-4"]},
    "8 号楼": {"gas_years": 21, "extinguishers": 2, "h04": ["H04-5"], "h06": ["H06-1"]},
    "9 号楼": {"gas_years": 20, "extinguishers": 2, "h03": ["H03-7"], "h09": ["H09-3"]},
    "10 号楼": {"gas_years": 21, "extinguishers": 2, "h03": ["H03-8"], "h07": ["H07-1"]},
    "11 号楼": {"gas_years": 21, "extinguishers": 2, "h07": ["H07-1", "H07-2"]},
    # 滨河花园: 2020-21 high-rises
    "A1 栋": {"gas_years": 6, "extinguishers": 4},
    "A2 栋": {"gas_years": 6, "extinguishers": 4},
    "B1 栋": {"gas_years": 5, "extinguishers": 4},
    "B2 栋": {"gas_years": 5, "extinguishers": 4, "h03": ["H03-3"]},
}
LEDGER_PROVENANCE = {"b_gas_years": "provided", "b_h04_area": "site"}

# -- problems (问题台账) ---------------------------------------------------------------------
# form: the checklist whose finding it is; question: that form's question; estate/building
# by name (building None: the estate as a whole); severity etc. override the taxonomy's
# defaults where the case calls for it; status: the steps after 发现, with actor and note.
PROBLEMS: tuple[dict[str, Any], ...] = (
    {
        "code": "C14-2",
        "form": "city_checkup_2025",
        "question": "c14_problems",
        "estate": "幸福里一区",
        "building": None,
        "location": "幸福里一区东门内侧消防车通道（约60米）",
        "lat": 28.68205,
        "lon": 115.88912,
        "severity": "severe",
        "difficulty": "medium",
        "remediation": "management",
        "unit": "street",
        "description": "幸福里一区东门内侧消防车通道夜间长期被私家车占用，现场核查时停放车辆7辆，"
        "通道净宽不足2.5米，不满足消防车通行要求；该区无专业物业，停车秩序缺乏日常管理。",
        "action": "施划消防车通道禁停标线并设置警示标识，由街道协调城管执法中队开展夜间联合"
        "整治；结合停车泊位缺口，利用和平路夜间错时共享泊位疏解停车需求。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已上报和平街道城建办，抄送城管执法中队。"),
            ("in_progress", "和平街道 城建办", "已施划禁停标线，城管执法中队每周两次夜间巡查。"),
        ],
    },
    {
        "code": "H06-3",
        "form": "city_checkup_2025",
        "question": "h06_problems",
        "estate": "幸福里一区",
        "building": "3 号楼",
        "location": "幸福里一区 3 号楼 2 单元楼道（1-4层）",
        "lat": 28.68151,
        "lon": 115.88745,
        "severity": "severe",
        "difficulty": "low",
        "remediation": "works",
        "unit": "utility",
        "description": "3 号楼 2 单元楼道内电力线缆绝缘层老化开裂，1-4 层明线裸露，多处存在私拉"
        "电线为电动自行车充电的情况，电表箱箱门缺失，存在触电和电气火灾隐患。",
        "action": "由供电部门对单元公共部位线路进行穿管规整、更换老化线缆并补装电表箱门，"
        "同步拆除私拉电线；社区督促居民不得从楼道取电。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已报供电所和街道城建办。"),
            ("in_progress", "和平供电所", "已完成现场勘查，计划本月内完成线路改造。"),
        ],
    },
    {
        "code": "H03-8",
        "form": "city_checkup_2025",
        "question": "h03_problems",
        "estate": "幸福里一区",
        "building": "1 号楼",
        "location": "幸福里一区 1 号楼 1-3 单元一层楼道",
        "lat": 28.68178,
        "lon": 115.88701,
        "severity": "severe",
        "difficulty": "low",
        "remediation": "management",
        "unit": "community",
        "description": "1 号楼各单元一层楼道停放电动自行车 4-6 辆，其中 2 辆正在通过插线板充电，"
        "堵塞疏散通道；一区 2、3、4、6 号楼存在同类情况。",
        "action": "立即清理楼道内电动自行车并张贴禁停告示，由楼栋长每日巡查；加快一区电动"
        "自行车集中停放充电场所建设（见 C16-1），从根本上解决充电需求。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已向住户发放整改告知书，上报街道安全办。"),
        ],
    },
    {
        "code": "H04-1",
        "form": "city_checkup_2025",
        "question": "h04_problems",
        "estate": "幸福里一区",
        "building": "3 号楼",
        "location": "幸福里一区 3 号楼北立面 5-7 层",
        "lat": 28.68163,
        "lon": 115.88751,
        "severity": "major",
        "difficulty": "medium",
        "remediation": "works",
        "unit": "district",
        "description": "3 号楼北立面 5-7 层外墙面砖大面积空鼓、开裂，局部已脱落，开裂脱落面积约"
        "18 平方米（隐患较大），下方为单元出入口和人行通道，存在高空坠物风险。",
        "action": "先行设置警示围挡和防护网，引导行人绕行；纳入老旧小区改造项目，铲除空鼓面砖"
        "后改做外墙涂料并结合外墙保温（H08-1）一并实施。",
    },
    {
        "code": "H02-1",
        "form": "city_checkup_2025",
        "question": "h02_problems",
        "estate": "幸福里一区",
        "building": None,
        "location": "幸福里一区 1、2、4、5 号楼室外燃气立管及引入管",
        "lat": 28.68132,
        "lon": 115.88822,
        "severity": "severe",
        "difficulty": "medium",
        "remediation": "works",
        "unit": "utility",
        "description": "一区 1、2、4、5 号楼燃气立管、引入管于上世纪九十年代初敷设，运行已满 30 年，"
        "外表锈蚀严重、防腐层剥落，5 号楼另有 3 户私改燃气管道。",
        "action": "由燃气公司开展安全评估，列入城市燃气管道老化更新改造计划，更换立管、引入管"
        "并加装燃气泄漏报警器和自闭阀；对私改管道住户限期整改。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已函告市燃气公司，申请纳入年度老化管道更新计划。"),
        ],
    },
    {
        "code": "C18-1",
        "form": "city_checkup_2025",
        "question": "c18_problems",
        "estate": "幸福里一区",
        "building": None,
        "location": "幸福里一区中心广场至东门主步行道",
        "lat": 28.68188,
        "lon": 115.88856,
        "severity": "minor",
        "difficulty": "low",
        "remediation": "works",
        "unit": "street",
        "description": "中心广场至东门主步行道约 220 米，混凝土路面开裂、坑洼，局部高差超过 3 厘米，"
        "老年人和推婴儿车居民通行不便。",
        "action": "对破损路段铣刨重铺透水铺装，消除高差，同步增设缘石坡道，与 C18-3 排水改造"
        "一并设计施工。",
    },
    {
        "code": "C18-3",
        "form": "city_checkup_2025",
        "question": "c18_problems",
        "estate": "幸福里一区",
        "building": "5 号楼",
        "location": "幸福里一区 5 号楼北侧步行道",
        "lat": 28.68121,
        "lon": 115.88688,
        "severity": "minor",
        "difficulty": "medium",
        "remediation": "works",
        "unit": "street",
        "description": "5 号楼北侧步行道地势低洼、雨水口堵塞，雨后积水深约 10 厘米、持续半天以上，"
        "居民问卷中有居民反映。",
        "action": "疏通并增设雨水口，局部抬高路面标高，将雨水接入和平路市政雨水管网；汛期前"
        "由社区组织排查。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已报街道城建办，列入汛前排查整治清单。"),
        ],
    },
    {
        "code": "WZ12-1",
        "form": "complete_community",
        "question": "wz12",
        "estate": "幸福里一区",
        "building": None,
        "location": "社区党群服务中心（和平路 18 号）正门及一区各单元出入口",
        "lat": 28.68221,
        "lon": 115.88789,
        "severity": "major",
        "difficulty": "low",
        "remediation": "works",
        "unit": "street",
        "description": "社区党群服务中心正门有 3 级台阶、未设轮椅坡道和扶手；一区 6 栋住宅 17 个单元"
        "出入口均有 2-3 级台阶，无坡道，乘轮椅和行动不便老人出入困难。",
        "action": "服务中心正门增设坡度不大于 1:12 的轮椅坡道和双侧扶手；结合老旧小区改造对一区"
        "单元出入口实施无障碍和防滑改造（H07-2）。",
    },
    {
        "code": "C16-1",
        "form": "city_checkup_2025",
        "question": "c16_has",
        "estate": "幸福里一区",
        "building": None,
        "location": "幸福里一区（拟选址：4 号楼与 5 号楼之间空地）",
        "lat": 28.68142,
        "lon": 115.88731,
        "severity": "major",
        "difficulty": "medium",
        "remediation": "works",
        "unit": "street",
        "description": "一区约 1260 户，夜间清点电动自行车约 980 辆，未配建电动自行车集中停放和"
        "充电场所，居民普遍楼道停放或飞线充电；全社区充电泊位缺口约 1620 个。",
        "action": "利用 4、5 号楼之间空地建设约 200 个泊位的集中停放充电棚，配置智能充电桩、"
        "视频监控和灭火器材，由社区委托专业运营单位管理。",
    },
    {
        "code": "C11-1",
        "form": "city_checkup_2025",
        "question": "c11_count",
        "estate": "幸福里一区",
        "building": None,
        "location": "社区党群服务中心二层（和平路 18 号，拟改造用房）",
        "lat": 28.68224,
        "lon": 115.88795,
        "severity": "major",
        "difficulty": "high",
        "remediation": "works",
        "unit": "district",
        "description": "社区常住 0-3 岁婴幼儿约 180 人，辖区内及步行 10 分钟范围内无托育机构或"
        "婴幼儿照护服务设施，相邻社区也无可共享托位。",
        "action": "利用党群服务中心二层闲置用房（约 220 平方米）改建普惠性托育点，引入专业托育"
        "机构运营，提供全日托、临时托和早期发展指导服务。",
    },
    {
        "code": "C10-3",
        "form": "city_checkup_2025",
        "question": "c10_missing_services",
        "estate": "幸福里一区",
        "building": None,
        "location": "社区老年服务站（党群服务中心一层）",
        "lat": 28.68218,
        "lon": 115.88783,
        "severity": "minor",
        "difficulty": "medium",
        "remediation": "works",
        "unit": "street",
        "description": "老年服务站建筑面积约 180 平方米，仅提供生活照料和文化娱乐，缺少助餐、康复"
        "护理和上门照护服务，未设日间照料中心；社区 60 岁以上人口占 23.5%。",
        "action": "在服务站增设老年助餐点（与周边餐饮企业合作配餐），引入专业养老机构提供康复"
        "护理和上门照护；远期结合一区改造腾挪用房建设日间照料中心。",
    },
    {
        "code": "H07-1",
        "form": "city_checkup_2025",
        "question": "h07_problems",
        "estate": "幸福里一区",
        "building": None,
        "location": "幸福里一区 1-6 号楼（17 个单元）",
        "lat": 28.68160,
        "lon": 115.88770,
        "severity": "minor",
        "difficulty": "high",
        "remediation": "works",
        "unit": "district",
        "description": "一区 6 栋 5-7 层住宅均未设电梯，60 岁以上居民占比高，问卷中加装电梯为居民"
        "最迫切的需求；经初步踏勘，12 个单元具备加装条件。",
        "action": "按“一梯一策”开展加装电梯意愿征询和可行性评估，对意见一致的单元优先申报既有"
        "住宅加装电梯补助；同步加装楼梯扶手（H07-3）。",
    },
    {
        "code": "H04-4",
        "form": "city_checkup_2025",
        "question": "h04_problems",
        "estate": "幸福里二区",
        "building": "7 号楼",
        "location": "幸福里二区 7 号楼屋面",
        "lat": 28.67962,
        "lon": 115.89168,
        "severity": "minor",
        "difficulty": "low",
        "remediation": "works",
        "unit": "property",
        "description": "7 号楼屋面防水层老化起鼓，落水口堵塞，雨天顶层 1101、1102 户顶棚渗水。",
        "action": "由物业使用专项维修资金翻修屋面防水层，疏通落水口并加装防堵罩。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已转物业公司，要求两周内答复维修方案。"),
        ],
    },
    {
        "code": "H06-1",
        "form": "city_checkup_2025",
        "question": "h06_problems",
        "estate": "幸福里二区",
        "building": "8 号楼",
        "location": "幸福里二区 8 号楼地下室排水立管",
        "lat": 28.67941,
        "lon": 115.89205,
        "severity": "major",
        "difficulty": "low",
        "remediation": "management",
        "unit": "property",
        "description": "8 号楼地下室排水立管接口渗漏、铸铁管锈蚀，地下室地面长期积水并伴有异味。",
        "action": "更换锈蚀排水立管和接口，清理地下室积水，物业纳入日常巡检。",
    },
    {
        "code": "H09-3",
        "form": "city_checkup_2025",
        "question": "h09_problems",
        "estate": "幸福里二区",
        "building": "9 号楼",
        "location": "幸福里二区 9 号楼楼梯间及候梯厅（1-18 层）",
        "lat": 28.67918,
        "lon": 115.89241,
        "severity": "major",
        "difficulty": "low",
        "remediation": "works",
        "unit": "property",
        "description": "9 号楼为 18 层住宅，楼梯间、走道和候梯厅均未安装烟感报警器，楼道内还堆放"
        "纸箱等杂物。",
        "action": "在公共部位加装独立式联网烟感报警器并接入物业消防控制平台，同步清理楼道杂物。",
    },
    {
        "code": "H03-3",
        "form": "city_checkup_2025",
        "question": "h03_problems",
        "estate": "滨河花园",
        "building": "B2 栋",
        "location": "滨河花园 B2 栋 1 单元 8 层前室",
        "lat": 28.67742,
        "lon": 115.89586,
        "severity": "major",
        "difficulty": "low",
        "remediation": "management",
        "unit": "property",
        "description": "B2 栋 8 层前室常闭式防火门闭门器损坏，门扇被住户用杂物顶住长期敞开，"
        "火灾时无法阻隔烟气。",
        "action": "更换闭门器，清理杂物并张贴防火门常闭提示，物业每日巡查。",
        "status": [
            ("reported", "社区工作人员 陈芳", "已通知物业整改。"),
            ("in_progress", "滨河花园物业服务中心", "已更换闭门器，杂物已清理。"),
            ("closed", "社区工作人员 陈芳", "复查合格，办结。"),
        ],
    },
)

# -- resident questionnaires ---------------------------------------------------------------
# Shares of valid responses by age band (the sampling targets are 30 / 55 / 15 %; the 60+
# band is a little over-represented, as door-to-door surveys in old estates tend to be).
AGE_SHARES = {"16_30": 0.27, "31_45": 0.29, "46_60": 0.23, "61_75": 0.17, "gt75": 0.04}
FEMALE_SHARE = 0.56
PUBLIC_SHARE = 0.10
EXCLUDED_SHARE = 0.03  # lt16 or lived here under six months
# Overall satisfaction (5 … 1) of valid responses: about 75 % satisfied.
OVERALL_SHARES = {5: 0.20, 4: 0.55, 3: 0.17, 2: 0.06, 1: 0.02}
# Respondents per estate follow the households.
ESTATE_MOOD = {"幸福里一区": -0.3, "幸福里二区": 0.0, "滨河花园": 0.35}

RESIDENCE = {
    "幸福里一区": {"gt10y": 0.6, "3y_10y": 0.25, "6m_3y": 0.15},
    "幸福里二区": {"gt10y": 0.45, "3y_10y": 0.35, "6m_3y": 0.2},
    "滨河花园": {"3y_10y": 0.55, "6m_3y": 0.45},
}
TENURE = {
    "幸福里一区": {"own": 0.64, "rent": 0.28, "relative": 0.06, "other": 0.02},
    "幸福里二区": {"own": 0.74, "rent": 0.2, "relative": 0.05, "other": 0.01},
    "滨河花园": {"own": 0.86, "rent": 0.1, "relative": 0.04},
}
OCCUPATION = {  # without "public", which is given by quota
    "16_30": {
        "company": 0.45,
        "student": 0.2,
        "self": 0.1,
        "worker": 0.1,
        "edu": 0.07,
        "unemployed": 0.08,
    },
    "31_45": {"company": 0.45, "worker": 0.17, "self": 0.2, "edu": 0.1, "unemployed": 0.08},
    "46_60": {
        "company": 0.3,
        "worker": 0.2,
        "self": 0.17,
        "edu": 0.06,
        "retired": 0.2,
        "unemployed": 0.07,
    },
    "61_75": {"retired": 1.0},
    "gt75": {"retired": 1.0},
}
# Chance that the household has children (0-12), by the respondent's age band.
CHILDREN = {"16_30": 0.15, "31_45": 0.55, "46_60": 0.2, "61_75": 0.2, "gt75": 0.05}

# Satisfaction grid rows: (mean on 1-5, per-estate shift). Lower for parking, e-bike
# charging, elderly care and barrier-free access; higher for shopping and parcels.
SATISFACTION = {
    "sat_service_station": (3.9, {}),
    "sat_elderly_care": (3.0, {"幸福里一区": -0.2}),
    "sat_infant_care": (2.6, {}),
    "sat_kindergarten": (3.6, {}),
    "sat_primary_school": (3.7, {"滨河花园": -0.3}),
    "sat_health": (3.9, {}),
    "sat_shopping": (4.3, {}),
    "sat_parcels": (4.2, {"幸福里一区": -0.1}),
    "sat_outlets": (4.0, {}),
    "sat_parking": (2.5, {"幸福里一区": -0.4, "滨河花园": 0.8}),
    "sat_ev_charging": (2.8, {"幸福里一区": -0.3, "滨河花园": 0.6}),
    "sat_ebike": (2.5, {"幸福里一区": -0.5, "滨河花园": 0.8}),
    "sat_activity_space": (3.7, {}),
    "sat_greenery": (3.8, {"滨河花园": 0.4}),
    "sat_footpaths": (3.3, {"幸福里一区": -0.4}),
    "sat_barrier_free": (2.8, {"幸福里一区": -0.5, "滨河花园": 0.6}),
    "sat_sanitation": (3.9, {}),
    "sat_utilities": (3.7, {"幸福里一区": -0.5}),
    "property_satisfaction": (3.6, {"幸福里一区": -0.5, "滨河花园": 0.3}),
}

# Multiple-choice questions: chance of each option, per estate.
BUILDING_PROBLEMS = {
    "幸福里一区": {
        "stair": 0.45,
        "fire": 0.5,
        "gas": 0.3,
        "facade": 0.2,
        "wire": 0.25,
        "pipe": 0.15,
        "leak": 0.15,
        "crack": 0.04,
    },
    "幸福里二区": {"leak": 0.3, "pipe": 0.2, "fire": 0.12, "stair": 0.08},
    "滨河花园": {"fire": 0.06, "leak": 0.04},
}
HOME_UPGRADES = {
    "幸福里一区": {
        "elevator": 0.7,
        "barrier_free": 0.35,
        "insulation": 0.2,
        "security": 0.3,
        "emergency_call": 0.15,
    },
    "幸福里二区": {
        "security": 0.2,
        "insulation": 0.15,
        "elevator": 0.2,
        "barrier_free": 0.12,
        "emergency_call": 0.1,
    },
    "滨河花园": {"emergency_call": 0.08, "security": 0.05},
}
ELDERLY_PROBLEMS = {
    "no_meals": 0.45,
    "no_daycare": 0.35,
    "no_home_service": 0.2,
    "too_small": 0.15,
    "no_activity": 0.1,
    "expensive": 0.04,
}
CHILD_PROBLEMS = {
    "no_nursery": 0.35,
    "kg_far": 0.2,
    "kg_not_public": 0.12,
    "school_far": 0.15,
    "pickup": 0.3,
}
PARKING_PROBLEMS = {
    "幸福里一区": {
        "few_spaces": 0.75,
        "fire_lane": 0.6,
        "ebike_no_shed": 0.6,
        "flying_lead": 0.45,
        "no_charger": 0.3,
        "cannot_install": 0.1,
    },
    "幸福里二区": {
        "few_spaces": 0.65,
        "fire_lane": 0.3,
        "no_charger": 0.35,
        "cannot_install": 0.25,
        "ebike_no_shed": 0.15,
        "flying_lead": 0.15,
    },
    "滨河花园": {"few_spaces": 0.3, "no_charger": 0.15, "cannot_install": 0.1, "fire_lane": 0.08},
}
SPACE_NEEDS = {
    "幸福里一区": {
        "elderly": 0.4,
        "fitness": 0.3,
        "repair": 0.3,
        "occupied": 0.3,
        "green": 0.2,
        "kids": 0.2,
    },
    "幸福里二区": {"kids": 0.3, "fitness": 0.3, "ball": 0.2, "elderly": 0.25, "green": 0.15},
    "滨河花园": {"ball": 0.3, "kids": 0.25, "elderly": 0.15, "fitness": 0.15},
}
MANAGEMENT_TYPE = {
    "幸福里一区": {"community": 0.8, "unknown": 0.15, "self": 0.05},
    "幸福里二区": {"professional": 0.9, "unknown": 0.1},
    "滨河花园": {"professional": 0.95, "unknown": 0.05},
}
SMART_FACILITIES = {
    "幸福里一区": {"locker": 0.7, "cctv": 0.15, "app": 0.1},
    "幸福里二区": {"locker": 0.85, "access": 0.7, "cctv": 0.8, "app": 0.5, "ebike_smart": 0.35},
    "滨河花园": {"locker": 0.9, "access": 0.95, "cctv": 0.9, "app": 0.8, "ebike_smart": 0.7},
}
PARTICIPATION = {"often": 0.15, "sometimes": 0.35, "never_aware": 0.3, "unaware": 0.2}
WILLINGNESS = {
    "幸福里一区": {"yes_money": 0.25, "yes_time": 0.3, "depends": 0.35, "no": 0.1},
    "幸福里二区": {"yes_money": 0.12, "yes_time": 0.33, "depends": 0.45, "no": 0.1},
    "滨河花园": {"yes_money": 0.08, "yes_time": 0.35, "depends": 0.45, "no": 0.12},
}
# Urgent needs (ranked, up to 3): weights per estate; older respondents weigh lifts and
# elderly care more, households with children childcare.
URGENT_NEEDS = {
    "幸福里一区": {
        "elevator": 5.0,
        "parking": 3.0,
        "charging": 3.0,
        "elderly": 2.5,
        "pipes": 1.5,
        "walking": 1.5,
        "safety": 1.2,
        "space": 0.6,
        "management": 0.5,
        "sanitation": 0.3,
        "other": 0.1,
    },
    "幸福里二区": {
        "parking": 4.0,
        "charging": 3.0,
        "elderly": 2.0,
        "elevator": 1.2,
        "childcare": 1.0,
        "walking": 0.8,
        "space": 0.8,
        "health": 0.5,
        "other": 0.1,
    },
    "滨河花园": {
        "parking": 2.0,
        "charging": 1.8,
        "childcare": 2.2,
        "elderly": 1.2,
        "space": 1.2,
        "health": 0.8,
        "shopping": 0.4,
        "walking": 0.6,
        "other": 0.1,
    },
}
OTHER_NEEDS = ("和平路小区门口早晚高峰交通拥堵", "希望增设社区图书室开放时间", "小区内流浪猫较多")
# Free-text comments that name places (a respondent gives at most one).
COMMENTS = {
    "幸福里一区": (
        "5号楼北侧雨后积水，老人出门要绕路，希望尽快改造排水。",
        "3号楼2单元楼道电线裸露，有人私拉电线给电动车充电，很危险。",
        "一区东门消防通道晚上停满了车，万一着火消防车进不来。",
        "希望一区加装电梯，住6楼的老人已经两年没下过楼了。",
        "1号楼楼道灯坏了很久，晚上上下楼看不清台阶。",
        "一区缺少电动车充电棚，建议利用4号楼和5号楼之间的空地。",
    ),
    "幸福里二区": (
        "7号楼顶层下雨天漏水，物业维修了两次还没修好。",
        "二区地下车库入口坡道太陡，雨天容易打滑。",
        "8号楼地下室常年积水有异味，希望物业彻底处理。",
    ),
    "滨河花园": (
        "滨河花园南侧步行道晚上路灯太暗，建议增加路灯。",
        "B2栋消防门经常被杂物顶住，希望物业加强巡查。",
        "孩子去和平路小学要走十几分钟，上下学接送不方便。",
    ),
    "": (
        "希望社区开办老年食堂，解决独居老人吃饭问题。",
        "社区卫生服务站周末能开门就好了。",
        "附近没有托育机构，双职工家庭带孩子很困难。",
    ),
}
COMMENT_SHARE = 0.12  # a handful of respondents leave a comment
