"""Everything one community's report says, read from the store once, in plain records.

The PDF, the XLSX and the CSV/GeoJSON exports all render from :class:`ReportData`, so they
agree with each other; nothing here writes to the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fieldapp
from fieldapp.core.errors import NotFoundError
from fieldapp.core.forms import FormKind
from fieldapp.reports import checklists, survey
from fieldapp.reports.labels import category_order, problem_category
from fieldapp.store.changes import NATURAL_KEYS

if TYPE_CHECKING:
    from fieldapp.reports.checklists import ChecklistReport, IndicatorRow
    from fieldapp.reports.plan import PlanView
    from fieldapp.reports.survey import SurveyReport
    from fieldapp.store.changes import Change
    from fieldapp.store.records import (
        Building,
        Community,
        Estate,
        Photo,
        Problem,
        ProblemEvent,
        Project,
    )
    from fieldapp.store.store import Store

__all__ = ["PhotoEntry", "ProblemEntry", "ReportData", "collect", "community_digest"]

_CLASS_ORDER = {"deadline": 0, "best_effort": 1}
_SEVERITY_ORDER = {"severe": 0, "major": 1, "minor": 2}
# Checklists in the order the report presents them: the complete-community standard first.
_FORM_ORDER = {"complete_community": 0, "city_checkup_2025": 1}


@dataclass(frozen=True, slots=True)
class ProblemEntry:
    """A problem with its number in the report (P01…), place, history and photos."""

    number: str
    problem: Problem
    estate: str
    building: str
    indicator: str
    history: tuple[ProblemEvent, ...]
    photo_ids: tuple[str, ...]

    @property
    def place(self) -> str:
        """Estate, building and location text, as one line."""
        where = self.problem.location_text or ""
        parts = [p for p in (self.estate, self.building) if p and p not in where]
        return " ".join(parts) + ("：" + where if where and parts else where)


@dataclass(frozen=True, slots=True)
class PhotoEntry:
    """A photo with its number in the report and what it documents."""

    number: str
    photo: Photo
    problem: str | None
    indicator: str | None
    building: str | None


@dataclass(slots=True)
class ReportData:
    """One community's report content."""

    community: Community
    project: Project
    estates: tuple[Estate, ...]
    buildings: dict[str, tuple[Building, ...]]
    date: dt.date
    generated: str
    digest: str
    report_id: str
    checklists: tuple[ChecklistReport, ...]
    survey: SurveyReport | None
    problems: tuple[ProblemEntry, ...]
    photos: dict[str, PhotoEntry]
    team: tuple[str, ...]
    data_dir: Path
    as_of: str = ""
    changes: tuple[Change, ...] = ()
    app_version: str = fieldapp.__version__
    plan: PlanView | None = field(default=None)

    @property
    def title(self) -> str:
        """The report's title, as on the cover."""
        c = self.community
        place = f"{c.district or ''}{c.street or ''}{c.name}"
        return f"{place} {self.date.year}年度社区体检报告"

    def checklist(self, form_id: str) -> ChecklistReport | None:
        """The results of checklist ``form_id``, if it was filled."""
        return next((c for c in self.checklists if c.form.id == form_id), None)

    @property
    def tiered(self) -> ChecklistReport | None:
        """The checklist whose form carries a tier rule (complete-community standard)."""
        return next((c for c in self.checklists if c.form.tiering is not None), None)

    def indicator(self, code: str) -> IndicatorRow | None:
        """The indicator row with ``code``, from whichever checklist has it."""
        for c in self.checklists:
            for item in c.items:
                if item.code == code:
                    return item
        return None

    def building_count(self) -> int:
        """Live buildings of the community."""
        return sum(len(b) for b in self.buildings.values())


def community_digest(store: Store, community_id: str) -> str:
    """SHA-256 over the community's synced content (its change set, canonical, without
    local-only bookkeeping): equal on two devices holding the same data for it."""
    return _snapshot(store, community_id)[0]


def _snapshot(store: Store, community_id: str) -> tuple[str, str, list[Change]]:
    """The community's digest, the time of its latest change (ISO, UTC) and its changes.

    Rows are identified as sync identifies them (answers by submission, question and
    instance); ``rev``, ``dirty`` and ``base_hlc`` are left out, as they differ between
    devices holding the same data."""
    records: list[Any] = []
    latest = ""
    changes = store.collect_changes(community_id=community_id)
    for c in changes:
        key = NATURAL_KEYS.get(c.table)
        identity: Any = [c.data.get(k) for k in key] if key else c.id
        records.append([c.table, identity, c.hlc, c.device_id, c.deleted, c.data])
        updated = c.data.get("updated_at")
        if isinstance(updated, str) and updated > latest:
            latest = updated
    text = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), latest, changes


def collect(
    store: Store,
    community_id: str,
    *,
    date: dt.date | None = None,
    step: Callable[[], None] | None = None,
    keep_changes: bool = False,
) -> ReportData:
    """Read one community's report content; ``step`` is called between stages (progress and
    cancellation); ``keep_changes`` keeps its change set (for the handoff package)."""
    tick = step or (lambda: None)
    community = store.community(community_id)
    project = store.project(community.project_id)
    day = date or dt.date.today()
    generated = day.isoformat() if date else dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    estates = tuple(store.estates(community_id))
    buildings = {e.id: tuple(store.buildings(e.id)) for e in estates}
    places = {b.id: (b.name, e.name) for e in estates for b in buildings[e.id]}
    digest, as_of, changes = _snapshot(store, community_id)
    tick()
    submissions = store.submissions(community_id)
    kinds = {(f.form_id, f.version): f.kind for f in store.forms()}
    questionnaires = [
        s for s in submissions if kinds.get((s.form_id, s.form_version)) == FormKind.QUESTIONNAIRE
    ]
    answers = survey.load(store, questionnaires, estates={e.id: e.name for e in estates}, today=day)
    tick()
    rate = answers.overall_rate if answers else None
    reports = []
    for sub in _checklist_submissions(submissions, kinds):
        reports.append(checklists.load(store, sub, places=places, satisfaction_rate=rate))
        tick()
    problems = _problems(store, community_id, places, reports)
    photos = _photos(store, community_id, problems, reports, places)
    tick()
    team = [s.surveyor for s in submissions if s.surveyor]
    team += [e.history[0].actor for e in problems if e.history]
    return ReportData(
        community=community,
        project=project,
        estates=estates,
        buildings=buildings,
        date=day,
        generated=generated,
        digest=digest,
        report_id=f"TJ-{day:%Y%m%d}-{digest[:8].upper()}",
        as_of=as_of,
        changes=tuple(changes) if keep_changes else (),
        checklists=tuple(reports),
        survey=answers,
        problems=problems,
        photos=photos,
        team=tuple(dict.fromkeys(team)),
        data_dir=store.data_dir,
    )


def _checklist_submissions(submissions: list[Any], kinds: dict[tuple[str, str], str]) -> list[Any]:
    """Per checklist form, the submission the report uses: the latest completed one, else
    the latest draft."""
    chosen: dict[str, Any] = {}
    for sub in submissions:
        if kinds.get((sub.form_id, sub.form_version)) != FormKind.CHECKLIST:
            continue
        best = chosen.get(sub.form_id)
        rank = (sub.status == "completed", sub.completed_at or "", sub.started_at)
        if best is None or rank > (
            best.status == "completed",
            best.completed_at or "",
            best.started_at,
        ):
            chosen[sub.form_id] = sub
    return sorted(chosen.values(), key=lambda s: (_FORM_ORDER.get(s.form_id, 9), s.form_id))


def _problems(
    store: Store,
    community_id: str,
    places: dict[str, tuple[str, str]],
    reports: list[ChecklistReport],
) -> tuple[ProblemEntry, ...]:
    labels = {item.code: item.label for r in reports for item in r.items}
    estates = {e.id: e.name for e in store.estates(community_id)}
    rows = sorted(
        store.problems(community_id),
        key=lambda p: (
            _CLASS_ORDER.get(p.resolution_class or "", 2),
            category_order(p.category),
            _SEVERITY_ORDER.get(p.severity or "", 3),
            p.created_at,
            p.id,
        ),
    )
    out = []
    for n, p in enumerate(rows, start=1):
        code = p.indicator_code or ""
        label = labels.get(code) or problem_category(p.category)
        out.append(
            ProblemEntry(
                number=f"P{n:02d}",
                problem=p,
                estate=estates.get(p.estate_id or "", ""),
                building=places.get(p.building_id or "", ("", ""))[0],
                indicator=f"{code} {label}".strip(),
                history=tuple(store.problem_history(p.id)),
                photo_ids=tuple(
                    dict.fromkeys(link.photo_id for link in store.photo_links(problem_id=p.id))
                ),
            )
        )
    return tuple(out)


def _photos(
    store: Store,
    community_id: str,
    problems: tuple[ProblemEntry, ...],
    reports: list[ChecklistReport],
    places: dict[str, tuple[str, str]],
) -> dict[str, PhotoEntry]:
    """Every live photo the report may show, numbered in order of first appearance:
    problems first, then indicator evidence, then the community's other photos."""
    wanted: list[tuple[str, str | None, str | None, str | None]] = []
    for entry in problems:
        building = entry.building or None
        for pid in entry.photo_ids:
            wanted.append((pid, entry.number, entry.problem.indicator_code, building))
    for report in reports:
        for item in report.items:
            wanted += [(pid, None, item.code, None) for pid in item.photo_ids]
        for link in store.photo_links(submission_id=report.submission.id):
            building = places.get(link.instance, (None, None))[0] if link.instance else None
            wanted.append((link.photo_id, None, None, building))
    wanted += [(p.id, None, None, None) for p in store.photos(community_id=community_id)]
    out: dict[str, PhotoEntry] = {}
    for pid, problem, indicator, building in wanted:
        if pid in out:
            continue
        try:
            photo = store.photo(pid)
        except NotFoundError:
            continue  # a deleted photo is left out
        out[pid] = PhotoEntry(f"{len(out) + 1:03d}", photo, problem, indicator, building)
    return out
