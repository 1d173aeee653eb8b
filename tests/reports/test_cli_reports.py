"""`fieldapp report|export|import|plan` end to end: files, messages and exit codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from report_testkit import Demo

from fieldapp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_export_import_plan(
    demo_copy: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(demo_copy.data_dir)
    pdf = tmp_path / "out" / "report.pdf"
    code, out, _ = run(
        capsys,
        "report",
        "--data-dir",
        data,
        "--community",
        "幸福里社区",
        "--out",
        str(pdf),
        "--date",
        "2026-05-01",
    )
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF") and "TJ-20260501-" in out
    code, out, _ = run(capsys, "plan", "--data-dir", data, "--community", "幸福里社区", "--json")
    assert code == 0 and json.loads(out)["needs"]
    code, out, _ = run(
        capsys,
        "export",
        "--data-dir",
        data,
        "--community",
        "幸福里社区",
        "--out",
        str(tmp_path / "pkg"),
        "--date",
        "2026-05-01",
        "--tables",
    )
    assert code == 0
    (package,) = (tmp_path / "pkg").glob("*.zip")
    assert (tmp_path / "pkg" / "problems.geojson").exists()
    office = str(tmp_path / "office")
    code, out, _ = run(capsys, "import", "--data-dir", office, str(package), "--json")
    assert code == 0 and json.loads(out)["inserted"] > 0
    code, out, _ = run(capsys, "import", "--data-dir", office, str(package))
    assert code == 0 and "没有变化" in out and "nothing changed" in out


def test_a_tampered_package_is_a_user_error(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(
        capsys,
        "export",
        "--data-dir",
        str(demo.data_dir),
        "--community",
        demo.community_id,
        "--out",
        str(tmp_path),
        "--date",
        "2026-05-01",
    )
    assert code == 0
    (package,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(package, "a") as zf:
        zf.writestr("extra.txt", "多出来的文件")
    code, _, err = run(capsys, "import", "--data-dir", str(tmp_path / "office"), str(package))
    assert code == 1 and "extra.txt" in err and "Nothing was imported" in err


def test_bad_date_and_unknown_community(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(
            [
                "report",
                "--data-dir",
                str(demo.data_dir),
                "--community",
                "x",
                "--out",
                "r.pdf",
                "--date",
                "2026-13-01",
            ]
        )
    assert info.value.code == 2
    code, _, err = run(
        capsys,
        "report",
        "--data-dir",
        str(demo.data_dir),
        "--community",
        "不存在的社区",
        "--out",
        str(tmp_path / "r.pdf"),
    )
    assert code == 1 and "找不到社区" in err
