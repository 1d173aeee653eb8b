"""XLSX, CSV and GeoJSON exports: what they hold matches the store; the workbook is
reproducible."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from report_testkit import REPORT_DATE, Demo

from fieldapp.reports.exports import ExportResult, export_tables
from fieldapp.store.store import Store


@pytest.fixture(scope="module")
def exported(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    with Store.open(demo.data_dir) as store:
        return export_tables(
            store, demo.community_id, tmp_path_factory.mktemp("exports"), date=REPORT_DATE
        )


def _rows(ws: object) -> list[dict[str, object]]:
    values = list(ws.iter_rows(values_only=True))  # type: ignore[attr-defined]
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_workbook_sheets_and_problem_rows(demo: Demo, exported: ExportResult) -> None:
    wb = openpyxl.load_workbook(exported.xlsx)
    assert wb.sheetnames == [
        "说明",
        "指标结果",
        "测量值来源",
        "问题清单",
        "整治建议清单",
        "需求清单",
        "项目清单",
        "问卷原始数据",
        "问卷编码表",
    ]
    with Store.open(demo.data_dir) as store:
        problems = {p.id: p for p in store.problems(demo.community_id)}
        checklists = store.submissions(demo.community_id, form_id="complete_community")
        surveys = store.submissions(
            demo.community_id, form_id="resident_survey", status="completed"
        )
    rows = _rows(wb["问题清单"])
    assert {r["问题id"] for r in rows} == set(problems)
    for r in rows:
        p = problems[str(r["问题id"])]
        assert r["存在问题"] == p.description and r["纬度"] == p.lat and r["经度"] == p.lon
    assert len(_rows(wb["整治建议清单"])) == len(problems)
    indicators = _rows(wb["指标结果"])
    assert sum(r["表单"] == "complete_community" for r in indicators) == 20
    assert {r["填报记录id"] for r in indicators if r["表单"] == "complete_community"} == {
        checklists[0].id
    }
    assert _rows(wb["需求清单"]) and _rows(wb["项目清单"])
    raw = _rows(wb["问卷原始数据"])
    assert {r["提交id"] for r in raw} == {s.id for s in surveys}


def test_code_book_explains_every_raw_data_column(exported: ExportResult) -> None:
    wb = openpyxl.load_workbook(exported.xlsx)
    columns = [c.value for c in wb["问卷原始数据"][1]][5:]
    explained = {r["列名（题目代码）"] for r in _rows(wb["问卷编码表"])}
    assert set(columns) <= explained
    book = _rows(wb["问卷编码表"])
    assert {"overall_satisfaction", "5", "非常满意", 100} <= {
        v for r in book if r["列名（题目代码）"] == "overall_satisfaction" for v in r.values()
    }


def test_csv_files_mirror_the_sheets(exported: ExportResult) -> None:
    names = {p.name for p in exported.csv}
    assert {"problems.csv", "needs.csv", "projects.csv", "survey_codebook.csv"} <= names
    problems = next(p for p in exported.csv if p.name == "problems.csv")
    assert problems.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with open(problems, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    wb = openpyxl.load_workbook(exported.xlsx)
    assert [r["问题id"] for r in rows] == [r["问题id"] for r in _rows(wb["问题清单"])]


def test_geojson_has_the_problems_with_coordinates(demo: Demo, exported: ExportResult) -> None:
    collection = json.loads(exported.geojson.read_text(encoding="utf-8"))
    with Store.open(demo.data_dir) as store:
        located = {p.id: p for p in store.problems(demo.community_id) if p.lat is not None}
    assert collection["type"] == "FeatureCollection"
    assert {f["id"] for f in collection["features"]} == set(located)
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (located[feature["id"]].lat, located[feature["id"]].lon)
        assert feature["properties"]["number"].startswith("P")


def test_workbook_is_reproducible(demo: Demo, exported: ExportResult, tmp_path: Path) -> None:
    with Store.open(demo.data_dir) as store:
        again = export_tables(store, demo.community_id, tmp_path, date=REPORT_DATE)
    assert again.xlsx.read_bytes() == exported.xlsx.read_bytes()
