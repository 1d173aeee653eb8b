"""The needs and project lists derived from the demo, and the report printing the reviewed
lists once people have edited them."""

from __future__ import annotations

from pathlib import Path

from report_testkit import REPORT_DATE, Demo, normalise, pdf_text

from fieldapp.reports import build_report, regenerate_plan
from fieldapp.reports.data import collect
from fieldapp.reports.plan import derive
from fieldapp.store.store import Store


def test_every_need_traces_to_indicators_problems_or_residents(demo: Demo) -> None:
    with Store.open(demo.data_dir) as store:
        data = collect(store, demo.community_id, date=REPORT_DATE)
    needs, projects = derive(data)
    assert needs and len(projects) == len(needs)
    codes = {i.code for c in data.checklists for i in c.items}
    problem_ids = {e.problem.id for e in data.problems}
    for need in needs:
        assert need.sources, need.key
        for source in need.sources:
            if source["kind"] == "indicator":
                assert source["ref"] in codes
            elif source["kind"] == "problem":
                assert source["ref"] in problem_ids
            else:
                assert source["kind"] == "survey"
    assert needs[0].priority == "high"
    assert not hasattr(projects[0], "estimated_cost_wan")  # costs are never invented
    assert {p.term for p in projects} <= {"near", "mid"}


def test_the_report_prints_the_reviewed_lists(demo_copy: Demo, tmp_path: Path) -> None:
    with Store.open(demo_copy.data_dir) as store:
        merged = regenerate_plan(store, demo_copy.community_id, date=REPORT_DATE)
        assert merged.added > 0
        needs = store.needs(demo_copy.community_id)
        first, second = needs[:2]
        store.update_need(first.id, title="楼道消防整治", review_status="confirmed")
        store.update_need(second.id, review_status="excluded")
        project = store.renewal_projects(demo_copy.community_id)[0]
        store.update_renewal_project(project.id, estimated_cost_wan=320.5)
        again = regenerate_plan(store, demo_copy.community_id, date=REPORT_DATE)
        assert (again.added, again.updated, again.kept_edited) == (0, 0, 1)
        result = build_report(store, demo_copy.community_id, tmp_path / "r.pdf", date=REPORT_DATE)
    text = normalise(pdf_text(result.path))
    section = text[
        text.find("需求清单（“一社区一清单”）") : text.find("项目清单按需求清单逐项谋划")
    ]
    assert "楼道消防整治" in section and "已确认" in section
    assert f"N{len(needs) - 1:02d}" in section and f"N{len(needs):02d}" not in section  # excluded
    assert "经审核不纳入" in section and "320.5" in text
