"""A community's page: completion summary, editable profile with estates and buildings,
its checklists, problems, questionnaires and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.errors import FieldappError
from fieldapp.core.forms import normalize_number_text
from fieldapp.core.forms.model import Status
from fieldapp.core.i18n import Text
from fieldapp.ui import labels
from fieldapp.ui.i18n import text
from fieldapp.ui.models import RECORD_ROLE, SubmissionTableModel
from fieldapp.ui.place_models import BuildingTableModel, EstateTableModel, parse_count
from fieldapp.ui.style import STATUS_MARKS
from fieldapp.ui.views import role_label, table

if TYPE_CHECKING:
    from fieldapp.store.records import Community
    from fieldapp.ui.ops import OpRunner
    from fieldapp.ui.summary import CommunitySummary
    from fieldapp.ui.writer import Writer

# (field, kind) of the profile's editable fields, in the order shown.
PROFILE_FIELDS = (
    ("name", "text"),
    ("street", "text"),
    ("district", "text"),
    ("address", "text"),
    ("population", "int"),
    ("households", "int"),
    ("area_ha", "real"),
    ("elderly_share_pct", "real"),
    ("grids", "int"),
)


class ProfileEditor(QWidget):
    """The community's profile, each field saved when left; estates and their buildings
    edited in place in two tables."""

    changed = Signal(object)  # the stored Community

    def __init__(self, writer: Writer, community: Community) -> None:
        super().__init__()
        self.writer = writer
        self.community = community
        layout = QHBoxLayout(self)
        form_box = QVBoxLayout()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        titles = {
            "name": self.tr("社区名称"),
            "street": self.tr("街道"),
            "district": self.tr("区"),
            "address": self.tr("地址"),
            "population": self.tr("常住人口（人）"),
            "households": self.tr("户数（户）"),
            "area_ha": self.tr("面积（公顷）"),
            "elderly_share_pct": self.tr("60岁以上占比（%）"),
            "grids": self.tr("网格数"),
        }
        self.edits: dict[str, QLineEdit] = {}
        for field, kind in PROFILE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"profile_{field}")
            edit.editingFinished.connect(lambda f=field, k=kind: self._save(f, k))
            self.edits[field] = edit
            form.addRow(titles[field], edit)
        form_box.addLayout(form)
        self.status = role_label("", "hint")
        form_box.addWidget(self.status)
        form_box.addStretch(1)
        layout.addLayout(form_box, 2)
        places = QVBoxLayout()
        self.estates = EstateTableModel(writer)
        self.buildings = BuildingTableModel(writer)
        for model in (self.estates, self.buildings):
            model.failed.connect(self._failed)
            model.saved.connect(lambda _r: self._ok())
        self.estate_view = table(self.estates, "estates_table")
        self.estate_view.selectionModel().currentRowChanged.connect(self._estate_chosen)
        self.building_view = table(self.buildings, "buildings_table")
        places.addWidget(role_label(self.tr("小区"), "heading"))
        places.addWidget(self.estate_view, 1)
        places.addLayout(self._adder(self.tr("新小区名称"), self._add_estate, "new_estate"))
        places.addWidget(role_label(self.tr("所选小区的楼栋"), "heading"))
        places.addWidget(self.building_view, 2)
        places.addLayout(self._adder(self.tr("新楼栋名称"), self._add_building, "new_building"))
        layout.addLayout(places, 3)
        self.show_community(community)
        self.reload_places()

    def _adder(self, placeholder: str, slot: Any, name: str) -> QHBoxLayout:
        row = QHBoxLayout()
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        button = QPushButton(self.tr("添加"))
        button.setObjectName(f"{name}_button")
        button.clicked.connect(lambda: slot(edit))
        edit.returnPressed.connect(lambda: slot(edit))
        row.addWidget(edit, 1)
        row.addWidget(button)
        return row

    def show_community(self, community: Community) -> None:
        """Show the stored values."""
        self.community = community
        for field, _ in PROFILE_FIELDS:
            value = getattr(community, field)
            shown = (
                "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
            )
            if not self.edits[field].hasFocus():
                self.edits[field].setText(shown)

    def reload_places(self) -> None:
        """Read the estates (and the chosen estate's buildings) again."""
        reader = self.writer.reader()
        current = self.estate_view.currentIndex().row()
        self.estates.set_rows(reader.estates(self.community.id))
        if self.estates.rowCount():
            self.estate_view.selectRow(max(0, min(current, self.estates.rowCount() - 1)))
        else:
            self.buildings.set_rows([])

    def _estate_chosen(self, current: Any, _previous: Any) -> None:
        if current.isValid():
            estate = self.estates.record(current.row())
            self.buildings.set_rows(self.writer.reader().buildings(estate.id))

    def _parse(self, field: str, kind: str) -> Any:
        raw = self.edits[field].text().strip()
        if kind == "text":
            return raw or None
        if kind == "int":
            return parse_count(raw)
        if not raw:
            return None
        try:
            return float(normalize_number_text(raw))
        except ValueError:
            raise FieldappError(Text(f"“{raw}” 不是数字", f"'{raw}' is not a number")) from None

    def _save(self, field: str, kind: str) -> None:
        try:
            value = self._parse(field, kind)
        except FieldappError as exc:
            self._failed(exc)
            return
        if value == getattr(self.community, field):
            return
        self.status.setText(self.tr("保存中…"))
        self.writer.submit(
            lambda s: s.update_community(self.community.id, **{field: value}),
            on_success=self._stored,
            on_failure=self._failed,
        )

    def _stored(self, community: Community) -> None:
        self.show_community(community)
        self._ok()
        self.changed.emit(community)

    def _ok(self) -> None:
        self.status.setStyleSheet("color: #1b7f3b;")
        self.status.setText(self.tr("✔ 已保存"))

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(text(exc.text) if isinstance(exc, FieldappError) else str(exc))
        self.show_community(self.community)

    def _add_estate(self, edit: QLineEdit) -> None:
        name = edit.text().strip()
        if name:
            self.writer.submit(
                lambda s: s.add_estate(self.community.id, name),
                on_success=lambda _e: (edit.clear(), self.reload_places(), self._ok()),
                on_failure=self._failed,
            )

    def _add_building(self, edit: QLineEdit) -> None:
        name = edit.text().strip()
        row = self.estate_view.currentIndex().row()
        if not name or row < 0:
            return
        estate_id = self.estates.record(row).id
        self.writer.submit(
            lambda s: s.add_building(estate_id, name),
            on_success=lambda _b: (edit.clear(), self._estate_reload(estate_id), self._ok()),
            on_failure=self._failed,
        )

    def _estate_reload(self, estate_id: str) -> None:
        self.buildings.set_rows(self.writer.reader().buildings(estate_id))


class SummaryPanel(QWidget):
    """完成情况: items judged per checklist, problems by severity, questionnaires against
    the sampling rules."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnMinimumWidth(0, 320)
        self.grid.setVerticalSpacing(14)
        self.label = role_label(self.tr("正在统计…"), "hint")
        self.grid.addWidget(self.label, 0, 0, 1, 2)

    def show_summary(self, summary: CommunitySummary) -> None:
        """Show a computed summary."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        row = 0

        def line(title: str, value: str, name: str = "") -> None:
            nonlocal row
            head = role_label(title, "heading")
            body = role_label(value, "body")
            if name:
                body.setObjectName(name)
            self.grid.addWidget(head, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(body, row, 1)
            row += 1

        if not summary.checklists:
            line(self.tr("体检表"), self.tr("尚未开始体检"), "summary_checklists")
        for c in summary.checklists:
            parts = [
                f"{STATUS_MARKS[s]} {text(s.label)} {c.counts.get(s.value, 0)}"
                for s in (Status.MET, Status.PARTLY_MET, Status.NOT_MET, Status.NOT_APPLICABLE)
            ]
            value = self.tr("已判定 {0}/{1} 项").format(c.judged, c.items) + "：" + "  ".join(parts)
            if c.tier is not None:
                value += "\n" + self.tr("建议分级：{0}").format(text(c.tier))
            value += "（" + labels.submission_status(c.status) + "）"
            line(text(c.title), value, "summary_checklists")
        severities = "  ".join(
            f"{label} {summary.problems_by_severity.get(value, 0)}"
            for value, label in labels.terms("severity")
        )
        line(
            self.tr("问题"),
            severities + "  " + self.tr("未办结 {0}").format(summary.problems_open),
            "summary_problems",
        )
        q_text = self.tr("共 {0} 份，已完成 {1} 份").format(
            summary.questionnaires, summary.questionnaires_completed
        )
        if summary.sampling is not None:
            q_text += "\n" + "\n".join(
                ("✔ " if c.ok else "✘ ") + text(c.text) for c in summary.sampling.checks
            )
        if summary.satisfaction is not None:
            q_text += "\n" + self.tr("总体满意率 {0:.0f}%").format(summary.satisfaction * 100)
        line(self.tr("居民问卷"), q_text, "summary_questionnaires")
        self.grid.setRowStretch(row, 1)


class CommunityPage(QTabWidget):
    """Everything about one community, in tabs."""

    open_submission = Signal(str)
    start_checklist = Signal(object)  # Form
    start_transcription = Signal()

    def __init__(self, writer: Writer, ops: OpRunner, community: Community) -> None:
        super().__init__()
        self.writer = writer
        self.ops = ops
        self.community = community
        self.summary = SummaryPanel()
        self.addTab(self.summary, self.tr("完成情况"))
        self.profile = ProfileEditor(writer, community)
        self.profile.changed.connect(self._community_changed)
        self.addTab(self.profile, self.tr("概况"))
        self.addTab(self._checklists_tab(), self.tr("体检表"))
        from fieldapp.ui.problems_view import ProblemsView

        self.problems = ProblemsView(writer, community)
        self.addTab(self.problems, self.tr("问题"))
        self.addTab(self._questionnaires_tab(), self.tr("问卷"))
        from fieldapp.ui.report_page import ReportPage

        self.report = ReportPage(writer, ops, community)
        self.addTab(self.report, self.tr("报告"))
        self.reload()

    def _checklists_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.new_form = QComboBox()
        self.new_form.setObjectName("new_checklist_form")
        self.new_form.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.new_form.setMinimumContentsLength(12)
        from fieldapp.ui.forms_cache import builtin

        for form in builtin("checklist"):
            self.new_form.addItem(text(form.title), form)
        start = QPushButton(self.tr("新建体检表"))
        start.setObjectName("new_checklist")
        start.clicked.connect(lambda: self.start_checklist.emit(self.new_form.currentData()))
        row.addWidget(self.new_form, 1)
        row.addWidget(start)
        layout.addLayout(row)
        self.checklists = SubmissionTableModel()
        self.checklist_view = table(self.checklists, "checklists_table")
        self.checklist_view.activated.connect(
            lambda index: self.open_submission.emit(index.data(RECORD_ROLE)[0].id)
        )
        layout.addWidget(self.checklist_view, 1)
        layout.addWidget(
            role_label(self.tr("双击或按 Enter 打开；草稿从上次离开的位置继续。"), "hint")
        )
        return page

    def _questionnaires_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.questionnaire_count = role_label("", "heading")
        row.addWidget(self.questionnaire_count, 1)
        start = QPushButton(self.tr("开始录入问卷（键盘录入模式）"))
        start.setObjectName("start_transcription")
        start.clicked.connect(self.start_transcription.emit)
        row.addWidget(start)
        layout.addLayout(row)
        self.questionnaires = SubmissionTableModel()
        view = table(self.questionnaires, "questionnaires_table")
        view.activated.connect(
            lambda index: self.open_submission.emit(index.data(RECORD_ROLE)[0].id)
        )
        layout.addWidget(view, 1)
        return page

    def _community_changed(self, community: Community) -> None:
        self.community = community

    def reload(self) -> None:
        """Read submissions and problems again and recompute the summary (in an op)."""
        from fieldapp.ui.forms_cache import form_for

        reader = self.writer.reader()
        checklists, questionnaires = [], []
        for sub in reader.submissions(self.community.id):
            form = form_for(reader, sub.form_id, sub.form_version)
            target = questionnaires if form.kind.value == "questionnaire" else checklists
            target.append((sub, form.title))
        self.checklists.set_rows(checklists)
        self.questionnaires.set_rows(list(reversed(questionnaires)))
        done = sum(s.status == "completed" for s, _ in questionnaires)
        self.questionnaire_count.setText(
            self.tr("问卷 {0} 份（已完成 {1} 份）").format(len(questionnaires), done)
        )
        self.problems.reload()
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """Recompute 完成情况 off the UI thread."""
        from fieldapp.ui.summary import community_summary

        writer, community_id = self.writer, self.community.id

        def compute(_progress: Any) -> CommunitySummary:
            reader = writer.new_reader()
            try:
                return community_summary(reader, community_id)
            finally:
                reader.close()

        self.ops.run(compute, on_success=self.summary.show_summary)
