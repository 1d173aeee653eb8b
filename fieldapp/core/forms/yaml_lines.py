"""YAML loading that remembers line numbers, so form errors can say where they are."""

from __future__ import annotations

import re
from typing import Any

import yaml

from fieldapp.core.errors import FormError
from fieldapp.core.i18n import Text


class LineMap(dict[str, Any]):
    """A mapping from a YAML file that knows its own line and each key's line (1-based)."""

    __slots__ = ("key_lines", "line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` in this mapping, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from a YAML file that knows its line and each item's line."""

    __slots__ = ("item_lines", "line")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line: int | None = None
        self.item_lines: list[int] = []


# Composing with the C parser and building our own objects is several times faster than
# PyYAML's constructor, and lets us keep line numbers and refuse what forms never need
# (aliases expanding without bound, custom tags, absurd nesting).
_ComposeLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_MAX_NODES = 200_000
_MAX_DEPTH = 64
_TRUE = frozenset({"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})
_FALSE = frozenset({"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?")
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq", "int", "float", "bool", "null")
)


def _plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar the way YAML 1.1 (PyYAML) does for the types forms use."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text[0] not in _NUMBER_START:
        return text
    if _INT.fullmatch(text):
        return int(text.replace("_", ""))
    if _FLOAT.fullmatch(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    return text


class _ComposeOnly(_ComposeLoader):  # type: ignore[misc]
    """The C composer without PyYAML's per-node tag resolution: we resolve plain scalars
    ourselves, only for the types forms use."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


_STR_TAG, _SEQ_TAG, _MAP_TAG = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map"))


class _Builder:
    """Turns composed YAML nodes into LineMap / LineList / scalars."""

    def __init__(self) -> None:
        self.count = 0

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > _MAX_NODES or depth > _MAX_DEPTH:
            raise FormError(
                Text("文件过大或嵌套过深", "the file is too large or nested too deeply"),
                line=node.start_mark.line + 1,
            )
        if node.tag not in _STANDARD_TAGS:
            raise FormError(
                Text(f"不支持的 YAML 标签 {node.tag}", f"unsupported YAML tag {node.tag}"),
                line=node.start_mark.line + 1,
            )
        cls = type(node)
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.style else _plain_scalar(node.value)
        if cls is yaml.SequenceNode:
            items = LineList()
            lines = []
            for child in node.value:
                lines.append(child.start_mark.line + 1)
                if type(child) is yaml.ScalarNode and child.tag is _STR_TAG:
                    self.count += 1
                    items.append(child.value if child.style else _plain_scalar(child.value))
                else:
                    items.append(self.build(child, depth + 1))
            items.line = node.start_mark.line + 1
            items.item_lines = lines
            return items
        result = LineMap()
        result.line = node.start_mark.line + 1
        key_lines = result.key_lines
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if type(key_node) is yaml.ScalarNode and key_node.tag is _STR_TAG:
                self.count += 1
                key = key_node.value if key_node.style else _plain_scalar(key_node.value)
            else:
                key = self.build(key_node, depth + 1)
            if type(key) is not str:
                if isinstance(key, bool):
                    key = "true" if key else "false"
                elif not isinstance(key, (int, float)) or key is None:
                    raise FormError(
                        Text("键必须是文字", "mapping keys must be plain text"), line=key_line
                    )
                key = str(key)
            if key in key_lines:
                raise FormError(Text(f"重复的键 “{key}”", f"duplicate key '{key}'"), line=key_line)
            if type(value_node) is yaml.ScalarNode and value_node.tag is _STR_TAG:
                self.count += 1
                value = value_node.value
                result[key] = value if value_node.style else _plain_scalar(value)
            else:
                result[key] = self.build(value_node, depth + 1)
            key_lines[key] = key_line
        return result


def load_yaml_with_lines(text: str, *, path: str) -> Any:
    """Parse YAML text; syntax errors become a FormError naming ``path`` and the line."""
    try:
        node = yaml.compose(text, Loader=_ComposeOnly)
        return None if node is None else _Builder().build(node)
    except FormError as exc:
        raise FormError(exc.reason, path=path, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "syntax error"
        # libyaml notices an unclosed bracket only where it ends; say where it began too.
        began_zh = began_en = ""
        if exc.context_mark is not None and line is not None and exc.context_mark.line + 1 != line:
            began_zh = f"（始于第 {exc.context_mark.line + 1} 行）"
            began_en = f" (started at line {exc.context_mark.line + 1})"
        raise FormError(
            Text(f"YAML 语法错误：{reason}{began_zh}", f"YAML syntax error: {reason}{began_en}"),
            path=path,
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise FormError(
            Text(f"YAML 无法解析：{exc}", f"YAML cannot be parsed: {exc}"), path=path
        ) from None
