"""The command line end to end: exit codes, messages, JSON contracts, the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "tests" / "core" / "broken_forms"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_forms_list_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "forms", "list", "--json")
    assert code == 0
    forms = {f["id"]: f for f in json.loads(out)}
    assert {"complete_community", "city_checkup_2025", "resident_survey"} <= set(forms)
    for f in forms.values():
        assert {"id", "version", "title", "kind", "question_count"} <= set(f)
    cc = forms["complete_community"]
    assert (cc["kind"], cc["category_count"], cc["indicator_count"]) == ("checklist", 6, 20)
    ct = forms["city_checkup_2025"]
    assert (ct["kind"], ct["indicator_count"]) == ("checklist", 21)
    assert forms["resident_survey"]["kind"] == "questionnaire"
    assert forms["resident_survey"]["question_count"] >= 20


def test_forms_list_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "forms", "list")
    assert code == 0 and "complete_community" in out and "6 类 20 项指标" in out


def test_forms_check_builtin_ok(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [
        str(p) for p in sorted((ROOT / "forms").glob("*.yaml")) if p.name != "problem_taxonomy.yaml"
    ]
    code, out, err = run(capsys, "forms", "check", *paths)
    assert code == 0, err
    assert out.count(": ok") == len(paths)


def test_forms_check_reports_every_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    good = ROOT / "forms" / "resident_survey.yaml"
    bad = [BROKEN / "unknown_type.yaml", BROKEN / "cyclic_calculation.yaml"]
    code, out, err = run(capsys, "forms", "check", str(good), *map(str, bad))
    assert code == 1
    assert f"{good}: ok" in out
    assert f"{bad[0]}:11: 未知的题型" in err
    assert "unknown question type" in err
    assert f"{bad[1]}:" in err and "循环计算" in err


def test_status_without_database_is_a_user_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "status", "--data-dir", str(tmp_path / "none"))
    assert code == 1
    assert "没有 fieldapp 数据库" in err and "no fieldapp database" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["forms", "frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["status", "--bogus"])
    assert info.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_demo_then_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "demo"
    code, out, err = run(capsys, "demo", "--data-dir", str(data))
    assert code == 0, err
    assert "幸福里社区" in out
    code, out, _ = run(capsys, "status", "--data-dir", str(data), "--json")
    assert code == 0
    status = json.loads(out)
    assert status["communities"] == [
        {"id": status["communities"][0]["id"], "name": "幸福里社区", "street": "和平街道"}
    ]
    assert status["estates"] == 3 and status["buildings"] == 15
    assert len(status["digest"]) == 64 and status["conflicts"] == 0
    assert status["problems"] >= 10
    assert status["submissions"] >= 2 + 60
    assert status["answers"] > 60 * 20
    code, out, _ = run(capsys, "status", "--data-dir", str(data))
    assert code == 0 and "社区 1" in out and "幸福里社区" in out


def test_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("fieldapp")
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("fieldapp ")


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        nested = [a for a in command._actions if a.dest == "forms_command"]
        names = [f"{name} {n}" for n in nested[0].choices] if nested else [name]  # type: ignore[union-attr]
        for full in names:
            assert f"`fieldapp {full}" in readme, f"README does not document `fieldapp {full}`"
