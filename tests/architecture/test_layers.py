"""The layering rules hold and cover every package: Qt only in fieldapp/ui."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]  # type: ignore[no-any-return]


def test_every_package_but_ui_is_forbidden_qt() -> None:
    forbidden = next(c for c in _contracts() if c["type"] == "forbidden")
    sources = set(forbidden["source_modules"])  # type: ignore[arg-type]
    packages = {
        f"fieldapp.{p.name}"
        for p in (ROOT / "fieldapp").iterdir()
        if (p / "__init__.py").exists() or p.suffix == ".py"
    }
    packages = {p.removesuffix(".py") for p in packages} - {
        "fieldapp.__init__",
        "fieldapp.__main__",
    }
    assert packages - {"fieldapp.ui"} <= sources, packages - sources


def test_import_contracts_pass() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_installed() -> None:
    # pyproject lists packages explicitly (forms/ installs as fieldapp_forms); a package
    # missing there would work in the editable checkout and vanish from a real install.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "fieldapp").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
