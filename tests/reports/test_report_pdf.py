"""The checkup report PDF: structure, figures that match the store, fonts, photos,
determinism, progress and cancellation."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_testkit import REPORT_DATE, Demo, normalise, pdf_text

from fieldapp.core.errors import NotFoundError
from fieldapp.reports import ReportCancelled, build_report
from fieldapp.reports.data import collect
from fieldapp.reports.images import PhotoRenderer
from fieldapp.reports.pdf import ReportResult
from fieldapp.reports.styles import register_fonts
from fieldapp.store.store import Store

CHAPTERS = (
    "摘要",
    "一、体检工作概述",
    "二、社区基本情况",
    "三、指标体系与判定规则",
    "四、完整社区建设标准对标评价",
    "五、城市体检住房和小区（社区）维度体检结果",
    "六、居民问卷调查分析",
    "七、问题清单",
    "八、整治建议清单",
    "九、需求清单",
    "十、项目清单",
    "十一、结论与建议",
    "报告签署",
    "附件",
)


@pytest.fixture(scope="module")
def text(report: ReportResult, poppler: None) -> str:
    return normalise(pdf_text(report.path))


def test_every_chapter_is_there_in_order_with_bookmarks(report: ReportResult, text: str) -> None:
    reader = PdfReader(report.path)
    outline = [item for item in reader.outline if not isinstance(item, list)]
    assert [normalise(i.title) for i in outline] == [normalise(t) for t in CHAPTERS]
    pages = [reader.get_destination_page_number(item) for item in outline]
    assert pages == sorted(pages) and pages[0] > 1  # after the cover and the contents
    for item, page in zip(outline, pages, strict=True):
        assert normalise(item.title) in normalise(reader.pages[page].extract_text())
    contents = normalise(reader.pages[1].extract_text())
    assert "目录" in contents and "一、体检工作概述" in contents


def test_cover_and_every_page_carry_the_report_identity(report: ReportResult, text: str) -> None:
    reader = PdfReader(report.path)
    pages = len(reader.pages)
    assert pages == report.pages > 30
    assert report.report_id.startswith("TJ-20260501-")
    assert report.digest[:32] in text and report.digest[32:] in text  # the cover, in two lines
    for n, page in enumerate(reader.pages[1:], start=2):
        page_text = normalise(page.extract_text())
        assert f"第{n}页/共{pages}页" in page_text, n
        assert report.report_id in page_text, n
    meta = reader.metadata
    assert meta is not None and "社区体检报告" in (meta.title or "")
    assert str(meta.get("/CreationDate")).startswith("D:20260501")


def test_summary_figures_match_the_store(demo: Demo, report: ReportResult, text: str) -> None:
    with Store.open(demo.data_dir) as store:
        problems = store.problems(demo.community_id)
        data = collect(store, demo.community_id, date=REPORT_DATE)
    deadline = sum(p.resolution_class == "deadline" for p in problems)
    best = sum(p.resolution_class == "best_effort" for p in problems)
    assert f"共登记问题{len(problems)}处（限时解决{deadline}处、尽力解决{best}处）" in text
    assert data.survey is not None
    assert f"有效问卷{data.survey.valid}份" in text
    rate = f"{data.survey.overall_rate * 100:.1f}%"
    assert f"居民总体满意率{rate}" in text
    top = data.survey.needs[0]
    assert normalise(top.label) in text
    assert "产品建议规则，非官方" in text  # the tier is labelled as what it is


def test_problem_list_matches_the_store(demo: Demo, text: str) -> None:
    with Store.open(demo.data_dir) as store:
        data = collect(store, demo.community_id, date=REPORT_DATE)
    start = text.find("现场共登记问题")
    section = text[start : text.find("按整治方式分为管理类", start)]
    assert len(data.problems) == len(store_problems(demo))
    for entry in data.problems:
        assert entry.number in section
        assert normalise(entry.problem.description)[:12] in section, entry.number
    numbers = re.findall(r"P\d\d", section)
    assert set(numbers) == {e.number for e in data.problems}


def store_problems(demo: Demo) -> list[object]:
    with Store.open(demo.data_dir) as store:
        return list(store.problems(demo.community_id))


def test_measured_values_name_their_provenance_and_record(demo: Demo, text: str) -> None:
    with Store.open(demo.data_dir) as store:
        checklist = store.submissions(demo.community_id, form_id="complete_community")[0]
        rows = [r for r in store.answer_rows(checklist.id) if r.provenance == "site"]
    assert rows, "the demo measures some values on site"
    for row in rows:
        assert row.id[-12:] in text  # annex 1: the answer record of every measured value
    assert "现场实测" in text and "社区提供" in text and "楼栋台账汇总" in text


def test_every_font_is_embedded(report: ReportResult, poppler: None) -> None:
    out = subprocess.run(["pdffonts", str(report.path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_same_data_and_date_give_the_same_bytes(
    demo: Demo, report: ReportResult, tmp_path: Path
) -> None:
    again = tmp_path / "again.pdf"
    with Store.open(demo.data_dir) as store:
        build_report(store, demo.community_id, again, date=REPORT_DATE, reuse=False)
        other = build_report(
            store, demo.community_id, tmp_path / "other.pdf", date=dt.date(2026, 5, 2)
        )
    assert again.read_bytes() == report.path.read_bytes()
    assert other.path.read_bytes() != report.path.read_bytes()
    assert other.report_id != report.report_id and other.digest == report.digest


def test_photos_are_printed_upright_with_their_numbers(
    demo: Demo, report: ReportResult, text: str
) -> None:
    with Store.open(demo.data_dir) as store:
        photo = store.photo(demo.photos["sideways"])
        fonts = register_fonts()
        rendered = PhotoRenderer(demo.data_dir, fonts.file).render(photo, long_edge=320)
    assert rendered is not None
    assert rendered.height > rendered.width  # EXIF orientation 6 applied
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(rendered.data)).convert("RGB")
    top = image.getpixel((image.width // 2, 10))
    bottom = image.getpixel((image.width // 2, image.height - 10))
    assert top[0] > 150 and top[2] < 100, top  # red band on top
    assert bottom[2] > 150 and bottom[0] < 100, bottom  # blue band at the bottom
    assert "楼道堆放电动自行车（测试照片，EXIF方向6）" in text
    reader = PdfReader(report.path)
    sizes = [(img.image.width, img.image.height) for page in reader.pages for img in page.images]
    assert any(h > w for w, h in sizes), "the portrait photo is embedded portrait"


def test_pages_render_to_images(report: ReportResult, tmp_path: Path, poppler: None) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "12", "-png", str(report.path), str(tmp_path / "p")],
        check=True,
        capture_output=True,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == report.pages


def test_progress_is_reported_and_cancel_leaves_nothing(demo: Demo, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "cancelled.pdf"
    with Store.open(demo.data_dir) as store, pytest.raises(ReportCancelled):
        build_report(
            store,
            demo.community_id,
            out,
            date=REPORT_DATE,
            progress=lambda done, total, _text: seen.append((done, total)),
            cancel=lambda: len(seen) >= 9,
            reuse=False,
        )
    assert seen and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert not list(tmp_path.iterdir()), "no output and no temporary file is left behind"


def test_community_without_data_or_photos_still_gets_a_report(
    tmp_path: Path, poppler: None
) -> None:
    with Store.open(tmp_path / "data") as store:
        project = store.create_project("2026 年体检")
        community = store.create_community(project.id, "新建社区", street="光明街道")
        store.add_photo("a" * 64, community_id=community.id, caption="文件不在本机的照片")
        result = build_report(store, community.id, tmp_path / "empty.pdf", date=REPORT_DATE)
    content = normalise(pdf_text(result.path))
    assert "尚无已完成的居民问卷" in content
    assert "尚无已完成的体检表" in content
    assert "照片文件缺失" in content


def test_unknown_community_is_a_user_error(demo: Demo, tmp_path: Path) -> None:
    with Store.open(demo.data_dir) as store, pytest.raises(NotFoundError):
        build_report(store, "no-such-community", tmp_path / "x.pdf")


def test_a_report_built_before_is_reused_until_the_data_change(
    demo_copy: Demo, tmp_path: Path
) -> None:
    shutil.rmtree(demo_copy.data_dir / "cache", ignore_errors=True)
    with Store.open(demo_copy.data_dir) as store:
        first = build_report(store, demo_copy.community_id, tmp_path / "a.pdf", date=REPORT_DATE)
        cached = list((demo_copy.data_dir / "cache" / "reports").glob("*.pdf"))
        assert len(cached) == 1
        again = build_report(store, demo_copy.community_id, tmp_path / "b.pdf", date=REPORT_DATE)
        assert again.path.read_bytes() == first.path.read_bytes() and again.pages == first.pages
        store.update_community(demo_copy.community_id, population=8700)
        changed = build_report(store, demo_copy.community_id, tmp_path / "c.pdf", date=REPORT_DATE)
    assert changed.digest != first.digest
    assert len(list((demo_copy.data_dir / "cache" / "reports").glob("*.pdf"))) == 2
    assert "8,700" in normalise(pdf_text(changed.path))
