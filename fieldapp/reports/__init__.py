"""Reports and exports (no Qt): the per-community checkup report as a PDF (ReportLab), XLSX,
CSV and GeoJSON exports, and the verified offline handoff package.

The public API for the app and the command line is re-exported here.
"""

from __future__ import annotations

from fieldapp.reports.pdf import ReportResult, build_report
from fieldapp.reports.plan import PlanView, regenerate_plan
from fieldapp.reports.progress import PackageError, ReportCancelled

__all__ = [
    "PackageError",
    "PlanView",
    "ReportCancelled",
    "ReportResult",
    "build_report",
    "regenerate_plan",
]
