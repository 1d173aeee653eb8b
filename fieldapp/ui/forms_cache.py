"""Parsed forms by (id, version): a form is immutable once registered, so it is parsed once
per process (parsing a large form costs far more than opening a submission of it)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.core.forms import Form
    from fieldapp.store import Store

_lock = threading.Lock()
_forms: dict[tuple[str, str], Form] = {}


def remember(form: Form) -> Form:
    """Keep a parsed form (e.g. a built-in one) for later look-ups."""
    with _lock:
        _forms.setdefault((form.id, form.version), form)
    return form


def form_for(store: Store, form_id: str, version: str) -> Form:
    """The registered form (form_id, version), parsed once per process."""
    with _lock:
        cached = _forms.get((form_id, version))
    if cached is not None:
        return cached
    from fieldapp.core.forms import builtin_forms, load_form_text

    for form in builtin_forms():
        if (form.id, form.version) == (form_id, version):
            return remember(form)
    record = store.form(form_id, version)
    return remember(load_form_text(record.source_text, path=f"{form_id}@{version}"))


def builtin(kind: str | None = None) -> list[Form]:
    """The built-in forms (of one kind: checklist, questionnaire, survey)."""
    from fieldapp.core.forms import builtin_forms

    return [remember(f) for f in builtin_forms() if kind is None or f.kind.value == kind]
