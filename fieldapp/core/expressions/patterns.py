"""regex() patterns: compiled once, with guards against pathological ones.

Python's ``re`` backtracks, so a pattern such as ``(a+)+$`` can take exponential time. Patterns
are limited in length and refused when they nest unbounded repetitions; the text they are run
on is limited by the caller.
"""

from __future__ import annotations

import re
from functools import lru_cache

from fieldapp.core.errors import ExpressionError
from fieldapp.core.expressions.values import Where
from fieldapp.core.i18n import Text

MAX_PATTERN_CHARS = 200

PATTERN_TOO_LONG = Text(
    "正则表达式过长（最多 {max} 个字符）",
    "regular expression is too long (at most {max} characters)",
)
PATTERN_INVALID = Text("正则表达式无效：{reason}", "invalid regular expression: {reason}")
PATTERN_NESTED = Text(
    "正则表达式含有嵌套的重复（如 (a+)+），可能极慢，请改写",
    "regular expression nests repetitions (like (a+)+), which can be extremely slow; rewrite it",
)


def _has_nested_repetition(pattern: str) -> bool:
    """Whether a group containing ``*``, ``+`` or ``{n,}`` is itself repeated that way: the
    classic catastrophic-backtracking shape. A heuristic, not a full regex parser."""
    outer: list[bool] = []
    inside = False
    pos, length = 0, len(pattern)
    while pos < length:
        char = pattern[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            pos += 1
            if pattern.startswith("^", pos):
                pos += 1
            if pattern.startswith("]", pos):
                pos += 1
            while pos < length and pattern[pos] != "]":
                pos += 2 if pattern[pos] == "\\" else 1
        elif char == "(":
            outer.append(inside)
            inside = False
        elif char == ")":
            group_repeats = inside
            inside = outer.pop() if outer else False
            repeated = _unbounded_at(pattern, pos + 1)
            if group_repeats and repeated:
                return True
            inside = inside or group_repeats
        elif _unbounded_at(pattern, pos):
            inside = True
        pos += 1
    return False


_UNBOUNDED_BRACE = re.compile(r"\{[0-9]*,\}")


def _unbounded_at(pattern: str, pos: int) -> bool:
    return pattern.startswith(("*", "+"), pos) or _UNBOUNDED_BRACE.match(pattern, pos) is not None


@lru_cache(maxsize=256)
def _compile_pattern(pattern: str) -> re.Pattern[str] | tuple[Text, int | None]:
    """The compiled pattern, or why it is refused and the offset in the pattern to blame
    (returned rather than raised so that refusals are cached too); None blames the whole."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return PATTERN_TOO_LONG.format(max=MAX_PATTERN_CHARS), None
    if _has_nested_repetition(pattern):
        return PATTERN_NESTED, None
    try:
        return re.compile(pattern)
    except re.error as exc:
        return PATTERN_INVALID.format(reason=exc.msg), exc.pos or 0
    except (OverflowError, RecursionError, ValueError) as exc:
        return PATTERN_INVALID.format(reason=str(exc)), None


def compile_pattern(pattern: str, where: Where, *, literal: bool = False) -> re.Pattern[str]:
    """Compile a regex() pattern, refusing ones that are invalid, too long or nested.

    For a ``literal`` pattern (``where`` spans the quoted text) the error points into it.
    """
    compiled = _compile_pattern(pattern)
    if isinstance(compiled, tuple):
        text, offset = compiled
        position = where.start + 1 + offset if literal and offset is not None else where.start
        raise ExpressionError(text, position=position, source=where.source)
    return compiled
