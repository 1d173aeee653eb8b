"""Every malformed form in broken_forms/ is refused with its file, line and reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldapp.core.errors import FormError
from fieldapp.core.forms import load_form

BROKEN = Path(__file__).parent / "broken_forms"
CASES = sorted(BROKEN.glob("*.yaml"))


def _expectation(path: Path) -> tuple[int | None, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    m = re.fullmatch(r"# expect: (\d*): (.+)", first)
    assert m, f"{path.name} lacks an '# expect: LINE: TEXT' first line"
    return (int(m[1]) if m[1] else None), m[2]


def test_there_is_a_case_for_each_kind_of_mistake() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_form_is_refused_with_line_and_reason(path: Path) -> None:
    line, reason = _expectation(path)
    with pytest.raises(FormError) as info:
        load_form(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, f"{path.name}: reported line {err.line}: {err.text.zh}"
    assert reason in err.text.zh
    # Both languages, and the file:line prefix users click on.
    assert err.text.en and err.text.en != err.text.zh
    prefix = f"{path}:{line}: " if line is not None else f"{path}: "
    assert err.text.zh.startswith(prefix)


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(FormError, match="无法读取"):
        load_form(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("form: {id: x, title: caf\xe9}".encode("latin-1"))
    with pytest.raises(FormError, match="UTF-8"):
        load_form(bad)


def test_hostile_yaml_is_refused_quickly() -> None:
    from fieldapp.core.forms import load_form_text

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(FormError, match="过大或嵌套过深"):
        load_form_text(bomb, path="bomb.yaml")
    with pytest.raises(FormError, match="不支持的 YAML 标签"):
        load_form_text("form: !!python/object/apply:os.system ['true']\n", path="tag.yaml")
    with pytest.raises(FormError, match="过大或嵌套过深"):
        load_form_text("a: " + "[" * 200 + "]" * 200 + "\n", path="deep.yaml")
    with pytest.raises(FormError, match="表单文件 应为键值映射"):
        load_form_text("", path="empty.yaml")
