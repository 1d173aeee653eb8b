"""The report's lists as plain tables (XLSX sheets, CSV files) and the problems as GeoJSON.

Every table carries the record ids beside the report numbers, so a row can be traced back to
the store; values are in Chinese as the report prints them, with the raw codes alongside
where a program may want them (questionnaire raw data uses the option codes, explained by
the code book).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.forms import QuestionType
from fieldapp.reports.data import ReportData
from fieldapp.reports.labels import (
    FUNDING,
    PRIORITY,
    PROJECT_TYPE,
    REVIEW,
    SOURCE_KIND,
    STATUS_ZH,
    TERM,
    problem_category,
    vocab,
)

__all__ = ["Sheet", "geojson", "sheets", "write_csv"]


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: a file-safe name, a Chinese title, headers and rows of plain values."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: list[list[Any]]


def sheets(data: ReportData) -> list[Sheet]:
    """Every table of the exports, in workbook order."""
    out = [
        _indicators(data),
        _measures(data),
        _problems(data),
        _remediation(data),
        _needs(data),
        _projects(data),
    ]
    if data.survey is not None:
        out += [_responses(data), _codebook(data)]
    return out


def _indicators(d: ReportData) -> Sheet:
    rows = []
    for c in d.checklists:
        for block in c.categories:
            for i in block.items:
                rows.append(
                    [
                        c.form.id,
                        c.form.version,
                        block.code,
                        block.label,
                        i.code,
                        i.label,
                        "是" if i.baseline else "否",
                        i.requirement,
                        STATUS_ZH[i.status],
                        STATUS_ZH[i.derived],
                        i.override_reason,
                        i.basis,
                        "；".join(g.text for g in i.gaps),
                        "、".join(i.buildings),
                        "；".join(f"{m.label}：{m.value}（{m.how}）" for m in i.measures),
                        c.submission.id,
                    ]
                )
    headers = (
        "表单",
        "版本",
        "类别编码",
        "类别",
        "指标编码",
        "指标",
        "底线型",
        "标准要求",
        "判定",
        "系统判定",
        "改判理由",
        "判定依据",
        "差距",
        "涉及楼栋",
        "现状值（获取方式）",
        "填报记录id",
    )
    return Sheet("indicators", "指标结果", headers, rows)


def _measures(d: ReportData) -> Sheet:
    rows = [
        [c.form.id, i.code, m.name, m.label, m.value, m.how, m.record_id or "（计算值）"]
        for c in d.checklists
        for i in c.items
        for m in i.measures
    ]
    headers = ("表单", "指标编码", "测量项代码", "测量项", "数值", "获取方式", "答案记录id")
    return Sheet("measures", "测量值来源", headers, rows)


def _problems(d: ReportData) -> Sheet:
    rows = []
    for e in d.problems:
        p = e.problem
        photos = "、".join(d.photos[x].number for x in e.photo_ids if x in d.photos)
        rows.append(
            [
                e.number,
                problem_category(p.category),
                p.indicator_code or "",
                e.indicator,
                p.sub_problem_code or "",
                p.description,
                vocab("severity", p.severity),
                vocab("difficulty", p.difficulty),
                vocab("resolution_class", p.resolution_class),
                vocab("remediation_type", p.remediation_type),
                vocab("responsible_unit", p.responsible_unit),
                e.estate,
                e.building,
                p.location_text or "",
                p.lat,
                p.lon,
                vocab("status", p.status),
                p.created_at,
                photos,
                p.id,
            ]
        )
    headers = (
        "编号",
        "问题类别",
        "指标编码",
        "指标项",
        "子问题编码",
        "存在问题",
        "问题程度",
        "治理难度",
        "问题分类",
        "整治类型",
        "责任单位",
        "小区",
        "楼栋",
        "位置",
        "纬度",
        "经度",
        "状态",
        "登记时间",
        "照片编号",
        "问题id",
    )
    return Sheet("problems", "问题清单", headers, rows)


def _remediation(d: ReportData) -> Sheet:
    rows = []
    for e in d.problems:
        p = e.problem
        last = e.history[-1] if e.history else None
        progress = f"{last.at[:10]} {last.actor}：{last.note}" if last and last.note else ""
        rows.append(
            [
                e.number,
                e.indicator,
                p.description,
                p.suggested_action or "",
                e.place,
                vocab("resolution_class", p.resolution_class),
                vocab("remediation_type", p.remediation_type),
                vocab("responsible_unit", p.responsible_unit),
                vocab("status", p.status),
                progress,
                p.id,
            ]
        )
    headers = (
        "编号",
        "指标",
        "存在问题",
        "整治建议",
        "整治区域",
        "整治类型（限时/尽力）",
        "整治方式（管理/工程）",
        "责任单位",
        "状态",
        "最新进展",
        "问题id",
    )
    return Sheet("remediation", "整治建议清单", headers, rows)


def _source_text(d: ReportData, sources: Sequence[dict[str, Any]]) -> str:
    numbers = {e.problem.id: e.number for e in d.problems}
    parts = []
    for s in sources:
        kind = SOURCE_KIND.get(str(s.get("kind")), str(s.get("kind")))
        ref = str(s.get("ref", ""))
        parts.append(f"{kind} {numbers.get(ref, ref)}：{s.get('text', '')}")
    return "\n".join(parts)


def _needs(d: ReportData) -> Sheet:
    rows = []
    if d.plan is not None:
        for n in d.plan.needs:
            share = round(n.resident_share, 4) if n.resident_share is not None else None
            rows.append(
                [
                    n.number,
                    n.category,
                    n.title,
                    n.gap,
                    _source_text(d, n.sources),
                    share,
                    PRIORITY.get(n.priority or "", ""),
                    REVIEW.get(n.review_status, ""),
                    n.notes,
                    n.id,
                ]
            )
    headers = (
        "编号",
        "类别",
        "需求内容",
        "缺口",
        "依据与来源",
        "居民提及率",
        "优先级",
        "审核状态",
        "备注",
        "记录id或来源键",
    )
    return Sheet("needs", "需求清单", headers, rows)


def _projects(d: ReportData) -> Sheet:
    rows = []
    numbers = {e.problem.id: e.number for e in d.problems}
    if d.plan is not None:
        for p in d.plan.projects:
            rows.append(
                [
                    p.number,
                    p.name,
                    PROJECT_TYPE.get(p.project_type or "", ""),
                    p.content,
                    "、".join(p.needs),
                    "、".join(numbers.get(i, i) for i in p.problem_ids),
                    FUNDING.get(p.funding or "", p.funding or ""),
                    p.implementer,
                    p.year,
                    TERM.get(p.term or "", ""),
                    PRIORITY.get(p.priority or "", ""),
                    p.estimated_cost_wan,
                    REVIEW.get(p.review_status, ""),
                    p.notes,
                ]
            )
    headers = (
        "编号",
        "项目名称",
        "类型",
        "建设内容",
        "对应需求",
        "对应问题",
        "资金渠道",
        "实施主体",
        "实施年度",
        "实施期限",
        "优先级",
        "估算投资（万元）",
        "审核状态",
        "备注",
    )
    return Sheet("projects", "项目清单", headers, rows)


def _columns(d: ReportData) -> list[Any]:
    assert d.survey is not None
    return [q for q in d.survey.form.answerable if not q.repeat_group]


def _raw(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _responses(d: ReportData) -> Sheet:
    assert d.survey is not None
    estates = {e.id: e.name for e in d.estates}
    questions = _columns(d)
    rows = []
    for r in d.survey.responses:
        sub = r.submission
        rows.append(
            [
                sub.id,
                estates.get(sub.estate_id or "", ""),
                sub.surveyor or "",
                sub.started_at,
                sub.completed_at or "",
                1 if r.valid else 0,
                *[_raw(r.answers.get(q.name)) for q in questions],
            ]
        )
    headers = (
        "提交id",
        "小区",
        "采集人",
        "开始时间",
        "完成时间",
        "有效",
        *(q.name for q in questions),
    )
    return Sheet("survey_responses", "问卷原始数据", headers, rows)


def _codebook(d: ReportData) -> Sheet:
    assert d.survey is not None
    rows: list[list[Any]] = []
    for q in _columns(d):
        kind = q.type.value + ("（有序）" if q.ordered else "")
        if q.choices:
            for o in q.choices:
                rows.append([q.name, q.label.zh, kind, o.value, o.label.zh, o.score])
        elif q.type is QuestionType.YES_NO:
            rows += [
                [q.name, q.label.zh, kind, 1, "是", None],
                [q.name, q.label.zh, kind, 0, "否", None],
            ]
        else:
            rows.append([q.name, q.label.zh, kind, "", q.unit or "（自由填写）", None])
    rows.append(["有效", "是否为有效问卷（16周岁以上、居住半年以上）", "计算", 1, "有效", None])
    headers = ("列名（题目代码）", "题目", "类型", "取值", "含义", "满意度分值")
    return Sheet("survey_codebook", "问卷编码表", headers, rows)


def write_csv(data: ReportData, out_dir: Path) -> list[Path]:
    """One CSV per table in ``out_dir`` (UTF-8 with BOM, which Excel in China opens)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet in sheets(data):
        path = out_dir / f"{sheet.name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(sheet.headers)
            writer.writerows([["" if v is None else v for v in row] for row in sheet.rows])
        written.append(path)
    return written


def geojson(data: ReportData) -> dict[str, Any]:
    """The problems that have coordinates, as a GeoJSON FeatureCollection (lon, lat as the
    device recorded them)."""
    features = []
    for e in data.problems:
        p = e.problem
        if p.lat is None or p.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "number": e.number,
                    "indicator": p.indicator_code,
                    "sub_problem": p.sub_problem_code,
                    "category": problem_category(p.category),
                    "description": p.description,
                    "severity": vocab("severity", p.severity),
                    "class": vocab("resolution_class", p.resolution_class),
                    "responsible_unit": vocab("responsible_unit", p.responsible_unit),
                    "location": p.location_text,
                    "status": vocab("status", p.status),
                    "estate": e.estate,
                    "building": e.building,
                    "photos": [data.photos[x].number for x in e.photo_ids if x in data.photos],
                },
            }
        )
    return {
        "type": "FeatureCollection",
        "name": f"{data.community.name} 问题点位",
        "community": {"id": data.community.id, "name": data.community.name},
        "report_id": data.report_id,
        "features": features,
    }
