"""Reports and exports (no Qt): the per-community checkup report as a PDF (ReportLab), XLSX,
CSV and GeoJSON exports, and the verified offline handoff package.

The API the app and the command line use:

- :func:`build_report` — the PDF, with ``progress(done, total, text)`` and ``cancel()``;
- :func:`regenerate_plan` / :func:`plan_view` — derive and merge the needs and project lists
  (then edit them through the Store: ``update_need``, ``add_need``, ``delete_need``,
  ``update_renewal_project``… in :mod:`fieldapp.store.plans`), and see them as printed;
- :func:`export_tables` — XLSX, CSV and GeoJSON;
- :func:`write_package` / :func:`import_package` — the handoff package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.reports.exports import ExportResult, export_tables
from fieldapp.reports.package import ImportResult, PackageResult, import_package, write_package
from fieldapp.reports.pdf import ReportResult, build_report
from fieldapp.reports.plan import PlanView, regenerate_plan
from fieldapp.reports.plan import view as _view
from fieldapp.reports.progress import PackageError, ReportCancelled

if TYPE_CHECKING:
    from fieldapp.store.store import Store

__all__ = [
    "ExportResult",
    "ImportResult",
    "PackageError",
    "PackageResult",
    "PlanView",
    "ReportCancelled",
    "ReportResult",
    "build_report",
    "export_tables",
    "import_package",
    "plan_view",
    "regenerate_plan",
    "write_package",
]


def plan_view(store: Store, community_id: str) -> PlanView:
    """The needs and project lists as the report would print them now (the stored, reviewed
    lists if there are any, else a fresh derivation, not stored)."""
    from fieldapp.reports.data import collect

    return _view(store, collect(store, community_id))
