"""The communities of the device: search, street filter, new community."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui.models import RECORD_ROLE, CommunityFilterProxy, CommunityTableModel
from fieldapp.ui.views import dialog_buttons, role_label, table

if TYPE_CHECKING:
    from fieldapp.store.records import Community
    from fieldapp.ui.writer import Writer


class NewCommunityDialog(QDialog):
    """Name, street and district of a new community."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建社区"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("new_community_name")
        self.street = QLineEdit()
        self.street.setObjectName("new_community_street")
        self.district = QLineEdit()
        self.district.setObjectName("new_community_district")
        form.addRow(self.tr("社区名称 *"), self.name)
        form.addRow(self.tr("街道"), self.street)
        form.addRow(self.tr("区"), self.district)
        layout.addLayout(form)
        self.error = role_label("", "error")
        layout.addWidget(self.error)
        layout.addWidget(
            dialog_buttons(self.tr("创建"), self.tr("取消"), self._accept, self.reject)
        )

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("请填写社区名称。"))
            self.name.setFocus()
            return
        self.accept()

    def values(self) -> dict[str, Any]:
        """The fields of the new community."""
        return {
            "name": self.name.text().strip(),
            "street": self.street.text().strip() or None,
            "district": self.district.text().strip() or None,
        }


class CommunitiesPage(QWidget):
    """All communities of the device, searchable and filtered by street."""

    open_community = Signal(object)
    loaded = Signal()

    def __init__(self, writer: Writer) -> None:
        super().__init__()
        self.writer = writer
        self.dialog: NewCommunityDialog | None = None
        self.importer: Any = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("community_search")
        self.search.setPlaceholderText(self.tr("搜索社区、街道、地址（Ctrl+F）"))
        self.search.setClearButtonEnabled(True)
        self.street = QComboBox()
        self.street.setObjectName("street_filter")
        self.street.setMinimumWidth(200)
        new = QPushButton(self.tr("新建社区"))
        new.setObjectName("new_community")
        new.setToolTip("Ctrl+N")
        new.clicked.connect(self.new_community)
        import_button = QPushButton(self.tr("导入交接包…"))
        import_button.setObjectName("import_package")
        import_button.clicked.connect(self.import_package)
        row.addWidget(self.search, 1)
        row.addWidget(self.street)
        row.addWidget(import_button)
        row.addWidget(new)
        layout.addLayout(row)
        self.model = CommunityTableModel()
        self.proxy = CommunityFilterProxy()
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(CommunityTableModel.NAME)
        self.view: QTableView = table(self.proxy, "communities_table")
        self.view.setSortingEnabled(True)
        self.view.activated.connect(lambda i: self.open_community.emit(i.data(RECORD_ROLE)))
        layout.addWidget(self.view, 1)
        self.empty = role_label(self.tr("还没有社区。点击“新建社区”（Ctrl+N）开始。"), "hint")
        layout.addWidget(self.empty)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.returnPressed.connect(self._open_first)
        self.street.currentIndexChanged.connect(
            lambda _i: self.proxy.set_street(self.street.currentData() or "")
        )

    def reload(self) -> None:
        """Read the communities again."""
        rows = self.writer.reader().communities()
        self.model.set_rows(rows)
        current = self.street.currentData()
        self.street.blockSignals(True)
        self.street.clear()
        self.street.addItem(self.tr("全部街道"), "")
        for street in self.model.streets():
            self.street.addItem(street, street)
        self.street.setCurrentIndex(max(0, self.street.findData(current)))
        self.street.blockSignals(False)
        self.empty.setVisible(not rows)
        if rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        self.loaded.emit()

    def import_package(self) -> Any:
        """导入交接包…: choose a package; the list follows once it is imported."""
        from fieldapp.ui.report_package import PackageImporter

        if self.importer is None:
            self.importer = PackageImporter(self.writer, self)
            self.importer.imported.connect(lambda _r: self.reload())
        self.importer.choose()
        return self.importer

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _open_first(self) -> None:
        if self.proxy.rowCount():
            self.open_community.emit(self.proxy.index(0, 0).data(RECORD_ROLE))

    def new_community(self) -> NewCommunityDialog:
        """Ctrl+N: ask for the new community's name, street and district."""
        self.dialog = NewCommunityDialog(self)
        self.dialog.accepted.connect(lambda: self.create(**self.dialog.values()))  # type: ignore[union-attr]
        self.dialog.open()
        return self.dialog

    def create(self, name: str, **fields: Any) -> None:
        """Create a community (in the first project, made if there is none) and open it."""

        import datetime as dt

        project_name = self.tr("{0} 年社区体检").format(dt.date.today().year)

        def make(store: Any) -> Community:
            projects = store.projects()
            project = projects[0] if projects else store.create_project(project_name)
            return store.create_community(project.id, name, **fields)

        self.writer.submit(make, on_success=self._created)

    def _created(self, community: Community) -> None:
        self.reload()
        self.open_community.emit(community)
