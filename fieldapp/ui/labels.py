"""How stored codes read in the UI: taxonomy terms, categories, submission status, times."""

from __future__ import annotations

import datetime as dt
from functools import cache

from fieldapp.core.i18n import Text
from fieldapp.ui.i18n import text

SUBMISSION_STATUS = {"draft": Text("草稿", "Draft"), "completed": Text("已完成", "Completed")}
PROVENANCE = {
    "provided": Text("社区提供", "Provided by the community"),
    "imagery": Text("影像图量算", "Measured on imagery"),
    "site": Text("现场实测", "Measured on site"),
}


@cache
def _terms(field: str) -> dict[str, Text]:
    from fieldapp.core.problems import taxonomy

    return {t.value: t.label for t in taxonomy().vocabulary(field)}


def term(field: str, value: str | None) -> str:
    """The label of a problem vocabulary value (severity, status, ...), or the value itself."""
    if not value:
        return ""
    label = _terms(field).get(value)
    return text(label) if label else value


def terms(field: str) -> list[tuple[str, str]]:
    """(value, label) of every term of a problem vocabulary, in taxonomy order."""
    return [(value, text(label)) for value, label in _terms(field).items()]


@cache
def _categories() -> dict[str, Text]:
    from fieldapp.core.problems import taxonomy

    return {c.code: c.label for c in taxonomy().categories}


def category(code: str | None) -> str:
    """The label of a problem category code."""
    if not code:
        return ""
    label = _categories().get(code)
    return text(label) if label else code


def submission_status(status: str) -> str:
    """草稿 / 已完成."""
    label = SUBMISSION_STATUS.get(status)
    return text(label) if label else status


def local_time(iso: str | None) -> str:
    """A stored UTC ISO time as local "YYYY-MM-DD HH:MM"."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
