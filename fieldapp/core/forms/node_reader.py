"""Small readers for one YAML node each: typed values or a FormError naming the line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fieldapp.core.errors import ExpressionError, FormError
from fieldapp.core.expressions import Expression, parse
from fieldapp.core.forms.yaml_lines import LineList, LineMap
from fieldapp.core.i18n import Text

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class NodeReader:
    """Reads typed values out of line-numbered YAML mappings of one file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, zh: str, en: str, line: int | None) -> FormError:
        return FormError(Text(zh, en), path=self.path, line=line)

    def mapping(self, value: Any, what: str, line: int | None) -> LineMap:
        if not isinstance(value, LineMap):
            raise self.fail(f"{what} 应为键值映射", f"{what} must be a mapping", line)
        return value

    def sequence(self, value: Any, what: str, line: int | None) -> LineList:
        if not isinstance(value, LineList):
            raise self.fail(f"{what} 应为列表", f"{what} must be a list", line)
        return value

    def text(self, node: LineMap, key: str, *, required: bool = False) -> Text | None:
        value = node.get(key)
        line = node.line_of(key)
        if value is None:
            if required:
                raise self.fail(f"缺少 “{key}”", f"missing '{key}'", node.line)
            return None
        if isinstance(value, LineMap):
            self.refuse_unknown(
                value,
                {"zh", "en"},
                f"“{key}” 只能有 zh 和 en，不能有 “{{}}”",
                f"'{key}' may only have zh and en, not '{{}}'",
            )
            if not isinstance(value.get("zh"), str) or not value["zh"].strip():
                raise self.fail(f"“{key}” 缺少中文（zh）", f"'{key}' lacks Chinese (zh)", line)
            en = value.get("en")
            if en is not None and not isinstance(en, str):
                raise self.fail(f"“{key}.en” 应为文字", f"'{key}.en' must be text", line)
            return Text(value["zh"], en or "")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return Text(str(value), "")
        raise self.fail(f"“{key}” 应为文字", f"'{key}' must be text", line)

    def string(self, node: LineMap, key: str, *, default: str = "") -> str:
        value = node.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(f"“{key}” 应为文字", f"'{key}' must be text", node.line_of(key))
        return str(value)

    def boolean(self, node: LineMap, key: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                f"“{key}” 应为 true 或 false", f"'{key}' must be true or false", node.line_of(key)
            )
        return value

    def number(self, node: LineMap, key: str) -> float | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"“{key}” 应为数字", f"'{key}' must be a number", node.line_of(key))
        return float(value)

    def count(self, node: LineMap, key: str) -> int | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(
                f"“{key}” 应为正整数", f"'{key}' must be a positive integer", node.line_of(key)
            )
        return value

    def codes(self, node: LineMap, key: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return (str(value),)
        items = self.sequence(value, f"“{key}”", node.line_of(key))
        return tuple(str(v) for v in items)

    def expression(self, node: LineMap, key: str) -> Expression | None:
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true()" if value else "false()"
        if not isinstance(value, (str, int, float)):
            raise self.fail(
                f"“{key}” 应为表达式文字",
                f"'{key}' must be an expression string",
                node.line_of(key),
            )
        try:
            return parse(str(value))
        except ExpressionError as exc:
            raise FormError(
                Text(
                    f"“{key}” 表达式错误：{exc.text.zh}", f"'{key}' expression error: {exc.text.en}"
                ),
                path=self.path,
                line=node.line_of(key),
            ) from None

    def refuse_unknown(self, node: LineMap, allowed: Iterable[str], zh: str, en: str) -> None:
        """Refuse a key that is not ``allowed`` (most often a typo); ``{}`` in the
        messages becomes the key."""
        unknown = set(node) - set(allowed)
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(zh.format(bad), en.format(bad), node.line_of(bad))

    def share(self, node: LineMap, key: str) -> float | None:
        value = self.number(node, key)
        if value is not None and not 0 <= value <= 1:
            raise self.fail(
                f"“{key}” 应为 0 到 1 之间的比例",
                f"'{key}' must be a share from 0 to 1",
                node.line_of(key),
            )
        return value
