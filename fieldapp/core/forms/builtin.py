"""The forms shipped with the app (the ``forms/`` folder, installed as ``fieldapp_forms``)."""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

from fieldapp.core.forms.loader import load_form_text
from fieldapp.core.forms.model import Form

TAXONOMY_FILE = "problem_taxonomy.yaml"


def builtin_form_files() -> list[tuple[str, str]]:
    """(file name, text) of every built-in form file, sorted by name."""
    root = importlib.resources.files("fieldapp_forms")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != TAXONOMY_FILE:
            out.append((entry.name, entry.read_text(encoding="utf-8")))
    return out


def builtin_resource_text(name: str) -> str:
    """The text of one data file of the built-in forms folder."""
    return importlib.resources.files("fieldapp_forms").joinpath(name).read_text(encoding="utf-8")


@cache
def builtin_forms() -> tuple[Form, ...]:
    """Load and validate every built-in form (once per process)."""
    return tuple(
        load_form_text(text, path=str(Path("forms") / name)) for name, text in builtin_form_files()
    )


def builtin_form(form_id: str) -> Form:
    """The built-in form with ``form_id`` (KeyError if there is none)."""
    for form in builtin_forms():
        if form.id == form_id:
            return form
    raise KeyError(form_id)
