"""The 报告 tab on a demo data dir: review the lists, generate and preview the report,
cancel, save, and carry a community to another data dir in a handoff package."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from fieldapp.ui.report_models import CHOICES_ROLE, EDITED_MARK, NeedTableModel
from fieldapp.ui.report_page import report_file_name

DATE = dt.date(2026, 5, 20)


def _report_page(app):  # type: ignore[no-untyped-def]
    community = app.writer.reader().communities()[0]
    page = app.window.open_community(community)
    page.setCurrentWidget(page.report)
    app.settle()
    app.qtbot.waitUntil(lambda: page.report.plan.needs.rowCount() > 0, timeout=10000)
    page.report.date = DATE
    return page.report


def test_edit_need_is_saved_and_regenerate_keeps_it(make_app, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_dir)
    report = _report_page(app)
    model = report.plan.needs
    title = model.index(0, NeedTableModel.TITLE)
    need_id = model.record(0).id
    assert model.setData(title, "加装电梯（居民确认）")
    assert model.setData(model.index(0, NeedTableModel.QUANTITY), "１２")
    review = model.index(0, NeedTableModel.REVIEW)
    assert ("confirmed", "已确认") in review.data(CHOICES_ROLE)
    assert model.setData(review, "confirmed")
    app.settle()
    stored = app.writer.reader().need(need_id)
    assert (stored.title, stored.quantity, stored.review_status) == (
        "加装电梯（居民确认）",
        12.0,
        "confirmed",
    )
    assert model.index(0, NeedTableModel.EDITED).data() == EDITED_MARK
    assert review.data() == "已确认"
    # a refused value is reported, not written
    assert not model.setData(model.index(0, NeedTableModel.QUANTITY), "很多")
    assert "不是数字" in report.plan.status.text()

    report.plan.regenerate_button.click()
    app.settle()
    assert "保留手工修改" in report.plan.status.text()
    row = next(r for r in model.rows() if r.id == need_id)
    assert row.title == "加装电梯（居民确认）"
    assert app.writer.reader().need(need_id).title == "加装电梯（居民确认）"

    # 恢复自动值 brings the derived title back
    report.plan.need_view.selectRow(model.rows().index(row))
    assert report.plan.revert_button.isEnabled()
    report.plan.revert_button.click()
    app.settle()
    assert app.writer.reader().need(need_id).title != "加装电梯（居民确认）"

    # add, then delete
    before = model.rowCount()
    new = report.plan.findChild(QLineEdit, "new_need")
    new.setText("社区食堂")
    new.returnPressed.emit()
    app.settle()
    assert model.rowCount() == before + 1
    added = next(i for i, r in enumerate(model.rows()) if r.title == "社区食堂")
    report.plan.need_view.selectRow(added)
    report.plan.delete_button.click()
    app.settle()
    assert model.rowCount() == before
    assert "社区食堂" not in [
        n.title for n in app.writer.reader().needs(model.record(0).community_id)
    ]


def test_generate_preview_save_and_cancel(
    make_app, demo_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_dir)
    report = _report_page(app)
    assert report.default_name() == report_file_name(report.community.name, DATE)
    assert report.default_name().endswith("-社区体检报告-2026-05-20.pdf")

    # cancel at the first progress report: no file, a plain message
    cancelled = []
    monkeypatch.setattr(report, "_progressed", lambda *_a: (cancelled.append(1), report.cancel()))
    report.generate()
    assert cancelled
    assert report.result is None
    assert not list(report._work_dir().glob("*.pdf"))
    assert report.status.text() == "已取消，未生成文件。"
    assert report.generate_button.isEnabled()
    monkeypatch.undo()

    report.generate_button.click()
    assert report.result is not None, report.status.text()
    assert report.result.pages > 0
    assert report.preview.page_count() == report.result.pages
    assert report.save_button.isEnabled()
    report.preview.next.click()
    assert report.preview.page.value() == 2
    report.preview.go_to(report.preview.page_count() + 5)
    assert report.preview.page.value() == report.preview.page_count()
    assert not report.preview.next.isEnabled()
    report.preview.zoom.setCurrentIndex(report.preview.zoom.findData(1.5))
    assert report.preview.view.zoomFactor() == 1.5

    dialog = report.save_as()
    assert dialog is not None
    assert dialog.selectedFiles()[0].endswith(report.default_name())
    dialog.reject()
    target = tmp_path / "out" / report.default_name()
    report.save_to(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    assert "已保存" in report.status.text()
    assert str(tmp_path) not in report.status.text()


def test_export_then_import_into_second_data_dir(make_app, demo_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(demo_dir)
    report = _report_page(app)
    name = report.community.name
    done = []
    report.exported.connect(done.append)
    report.export_to(tmp_path / "stick")
    assert done, report.status.text()
    package = done[0].path
    assert package.exists() and "交接包已导出" in report.status.text()
    app.close()

    second = make_app(tmp_path / "second")
    page = second.window.communities
    assert page.model.rowCount() == 0
    importer = page.import_package()
    importer.dialog.reject()
    importer.import_from(package)
    second.qtbot.waitUntil(lambda: importer.last_message != "", timeout=20000)
    assert name in importer.last_message and "已导入" in importer.last_message
    assert [c.name for c in page.model.rows()] == [name]
    importer.message_box.accept()

    # the same package again changes nothing
    importer.last_message = ""
    importer.import_from(package)
    second.qtbot.waitUntil(lambda: importer.last_message != "", timeout=20000)
    assert "没有变化" in importer.last_message
    importer.message_box.accept()

    # a tampered package is refused, naming the file, in both languages
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "problems.geojson":
                data += b" "
            dst.writestr(info, data)
    importer.last_message = ""
    importer.import_from(tampered)
    second.qtbot.waitUntil(lambda: importer.last_message != "", timeout=20000)
    assert "problems.geojson" in importer.last_message
    assert "数据包被拒绝" in importer.last_message and "Package refused" in importer.last_message
    assert "Traceback" not in importer.last_message
    assert importer.message_box.icon() == importer.message_box.Icon.Warning
    importer.message_box.accept()
