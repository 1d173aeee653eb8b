"""The problem editor: a problem's description and classification from the taxonomy, and
its photos."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from fieldapp.core.errors import FieldappError
from fieldapp.ui import labels
from fieldapp.ui.i18n import text
from fieldapp.ui.views import dialog_buttons, role_label

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.ui.photos_import import PhotoContext
    from fieldapp.ui.photos_strip import PhotoStrip

# The vocabularies chosen from combo boxes: (problem field, taxonomy vocabulary).
CHOICES = (
    ("severity", "severity"),
    ("difficulty", "difficulty"),
    ("resolution_class", "resolution_class"),
    ("remediation_type", "remediation_type"),
    ("responsible_unit", "responsible_unit"),
)


def category_for_indicator(code: str) -> str:
    """The taxonomy category that lists indicator ``code`` ("" if none)."""
    from fieldapp.core.problems import taxonomy

    for category in taxonomy().categories:
        if code in category.indicators or any(s.indicator == code for s in category.sub_problems):
            return category.code
    return ""


class ProblemEditor(QDialog):
    """Records a new problem or edits one: description, category and sub-problem (which
    suggest severity and class), severity, difficulty, class, remediation type, responsible
    unit, location and suggested action. A problem recorded from an indicator item shows the
    item it is linked to. Given a photo context, its photos too: linked to the problem when
    saved; photos imported here and then cancelled are not kept."""

    def __init__(
        self,
        values: dict[str, Any] | None = None,
        parent: Any = None,
        *,
        photos: PhotoContext | None = None,
        community_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        from fieldapp.core.problems import taxonomy

        self.taxonomy = taxonomy()
        self.values_in = dict(values or {})
        self.photos_ctx = photos
        self.strip: PhotoStrip | None = None
        self.photo_ids: list[str] = []
        self._records: dict[str, Photo | str] = {}
        self.setWindowTitle(self.tr("编辑问题") if "id" in self.values_in else self.tr("记录问题"))
        self.setMinimumWidth(720)
        outer = QVBoxLayout(self)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        layout = QVBoxLayout()
        columns.addLayout(layout, 1)
        form = QFormLayout()
        link = self.values_in.get("indicator_code")
        if link:
            shown = link
            if self.values_in.get("indicator_label"):
                shown += "  " + self.values_in["indicator_label"]
            linked = QLabel(shown)
            linked.setObjectName("problem_indicator")
            form.addRow(self.tr("关联指标"), linked)
        self.description = QPlainTextEdit()
        self.description.setObjectName("problem_description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.description.setPlainText(self.values_in.get("description") or "")
        form.addRow(self.tr("问题描述 *"), self.description)
        self.category = QComboBox()
        self.category.setObjectName("problem_category")
        self.category.addItem(self.tr("（未分类）"), "")
        for c in self.taxonomy.categories:
            self.category.addItem(text(c.label), c.code)
        form.addRow(self.tr("问题类别"), self.category)
        self.sub_problem = QComboBox()
        self.sub_problem.setObjectName("problem_sub_problem")
        form.addRow(self.tr("子问题"), self.sub_problem)
        self.combos: dict[str, QComboBox] = {}
        titles = {
            "severity": self.tr("严重程度"),
            "difficulty": self.tr("治理难度"),
            "resolution_class": self.tr("问题分类"),
            "remediation_type": self.tr("整治类型"),
            "responsible_unit": self.tr("责任单位"),
        }
        for field, vocabulary in CHOICES:
            combo = QComboBox()
            combo.setObjectName(f"problem_{field}")
            combo.addItem(self.tr("（未定）"), "")
            for value, label in labels.terms(vocabulary):
                combo.addItem(label, value)
            self.combos[field] = combo
            form.addRow(titles[field], combo)
        self.location = QLineEdit(self.values_in.get("location_text") or "")
        self.location.setObjectName("problem_location")
        form.addRow(self.tr("位置"), self.location)
        self.action = QLineEdit(self.values_in.get("suggested_action") or "")
        self.action.setObjectName("problem_action")
        for edit in (self.location, self.action):
            edit.setCursorPosition(0)  # a long text shows its beginning, not its end
        form.addRow(self.tr("建议措施"), self.action)
        layout.addLayout(form)
        layout.addStretch(1)
        if photos is not None and community_id is not None:
            columns.addLayout(self._photos(photos, community_id), 1)
            self.setMinimumWidth(1180)
        self.error = role_label("", "error")
        self.error.hide()
        outer.addWidget(self.error)
        outer.addWidget(
            dialog_buttons(
                self.tr("保存"),
                self.tr("取消"),
                self._accept,
                self.reject,
                accept=QDialogButtonBox.StandardButton.Save,
            )
        )
        self.category.currentIndexChanged.connect(self._fill_sub_problems)
        self.sub_problem.activated.connect(self._sub_problem_chosen)
        category = self.values_in.get("category") or category_for_indicator(link or "")
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self._fill_sub_problems()
        wanted_sub = self.values_in.get("sub_problem_code")
        if wanted_sub:
            self.sub_problem.setCurrentIndex(max(0, self.sub_problem.findData(wanted_sub)))
        for field, combo in self.combos.items():
            combo.setCurrentIndex(max(0, combo.findData(self.values_in.get(field) or "")))

    # -- photos ----------------------------------------------------------------------------
    def _photos(self, ctx: PhotoContext, community_id: str) -> QVBoxLayout:
        from fieldapp.ui.photos_import import PhotoTarget
        from fieldapp.ui.photos_strip import PhotoStrip

        box = QVBoxLayout()
        box.addWidget(role_label(self.tr("现场照片"), "heading"))
        # Imported into the community only: linked to the problem when it is saved.
        self.strip = PhotoStrip(ctx, PhotoTarget(community_id), self, grid=True)
        self.strip.setObjectName("problem_photos")
        self.strip.location = lambda: self.location.text().strip() or None
        self.strip.added.connect(self._photos_added)
        self.strip.removed.connect(self._photo_removed)
        self.strip.photo_changed.connect(self._photo_changed)
        box.addWidget(self.strip, 1)
        problem_id = self.values_in.get("id")
        if problem_id:
            reader = ctx.writer.reader()
            links = reader.photo_links(problem_id=problem_id)
            for photo_id in dict.fromkeys(link.photo_id for link in links):
                try:
                    self._records[photo_id] = reader.photo(photo_id)
                except FieldappError:
                    self._records[photo_id] = photo_id
                self.photo_ids.append(photo_id)
        self._show_photos()
        return box

    def _show_photos(self) -> None:
        if self.strip is not None:
            self.strip.set_photos([self._records[i] for i in self.photo_ids])

    def _photos_added(self, photos: list[Photo]) -> None:
        for photo in photos:
            self._records[photo.id] = photo
            if photo.id not in self.photo_ids:
                self.photo_ids.append(photo.id)
        self._show_photos()

    def _photo_removed(self, photo_id: str) -> None:
        if photo_id in self.photo_ids:
            self.photo_ids.remove(photo_id)
            self._show_photos()

    def _photo_changed(self, photo: Photo) -> None:
        self._records[photo.id] = photo

    def _discard_new_photos(self, keep: list[str]) -> None:
        """Photos imported in this editor and not kept: nothing links them, so they go."""
        if self.strip is None or self.photos_ctx is None:
            return
        unused = [p for p in self.strip.new_photo_ids if p not in keep]
        if unused:
            from fieldapp.ui.photos_jobs import discard_unlinked

            self.photos_ctx.writer.submit(lambda s: discard_unlinked(s, unused))

    def done(self, result: int) -> None:
        keep = list(self.photo_ids) if result == QDialog.DialogCode.Accepted else []
        running = self.strip.current if self.strip is not None else None
        if running is not None:  # cancelled: what it still stores is discarded when it ends
            running.finished.connect(lambda _summary: self._discard_new_photos(keep))
            running.cancel()
        else:
            self._discard_new_photos(keep)
        super().done(result)

    # -- classification --------------------------------------------------------------------
    def _fill_sub_problems(self) -> None:
        code = self.category.currentData()
        link = self.values_in.get("indicator_code") or ""
        self.sub_problem.clear()
        self.sub_problem.addItem(self.tr("（不指定）"), "")
        for c in self.taxonomy.categories:
            if c.code != code:
                continue
            subs = [s for s in c.sub_problems if not link or s.indicator == link] or list(
                c.sub_problems
            )
            for s in subs:
                self.sub_problem.addItem(f"{s.code} {text(s.label)}", s.code)

    def _sub_problem_chosen(self) -> None:
        sub = self.taxonomy.sub_problem(self.sub_problem.currentData() or "")
        if sub is None:
            return
        for field, value in (
            ("severity", sub.default_severity),
            ("resolution_class", sub.default_class),
        ):
            combo = self.combos[field]
            combo.setCurrentIndex(max(0, combo.findData(value)))
        if not self.description.toPlainText().strip():
            self.description.setPlainText(text(sub.label))

    def values(self) -> dict[str, Any]:
        """The problem's fields as the store takes them (None for "not chosen")."""
        out: dict[str, Any] = {
            "description": self.description.toPlainText().strip(),
            "category": self.category.currentData() or None,
            "sub_problem_code": self.sub_problem.currentData() or None,
            "location_text": self.location.text().strip() or None,
            "suggested_action": self.action.text().strip() or None,
        }
        for field, combo in self.combos.items():
            out[field] = combo.currentData() or None
        for field in ("indicator_code", "submission_id", "question"):
            if self.values_in.get(field):
                out[field] = self.values_in[field]
        if self.strip is not None:
            out["photo_ids"] = list(self.photo_ids)
        return out

    def _accept(self) -> None:
        if self.strip is not None and self.strip.current is not None:
            self.error.setText(self.tr("照片正在导入，请等导入完成或取消导入后再保存。"))
            self.error.show()
            return
        if not self.description.toPlainText().strip():
            self.error.setText(self.tr("请填写问题描述。"))
            self.error.show()
            self.description.setFocus()
            return
        self.accept()
