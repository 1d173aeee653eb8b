"""YAML loading that remembers line numbers, so form errors can say where they are."""

from __future__ import annotations

from typing import Any

import yaml

from fieldapp.core.errors import FormError
from fieldapp.core.i18n import Text

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[str, Any]):
    """A mapping from a YAML file that knows its own line and each key's line (1-based)."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` in this mapping, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence from a YAML file that knows its line and each item's line."""

    line: int | None = None
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader whose mappings and sequences carry line numbers."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise FormError(
                Text("键必须是文字", "mapping keys must be plain text"),
                line=key_node.start_mark.line + 1,
            )
        key = str(key) if not isinstance(key, bool) else ("true" if key else "false")
        if key in result:
            raise FormError(
                Text(f"重复的键 “{key}”", f"duplicate key '{key}'"),
                line=key_node.start_mark.line + 1,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml_with_lines(text: str, *, path: str) -> Any:
    """Parse YAML text; syntax errors become a FormError naming ``path`` and the line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader subclass
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
