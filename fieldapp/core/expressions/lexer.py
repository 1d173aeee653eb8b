"""The tokenizer: source text to a list of tokens, or an ExpressionError with a position."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from fieldapp.core.errors import ExpressionError
from fieldapp.core.i18n import Text

NUM: Final = "num"
STR: Final = "str"
REF: Final = "ref"
NAME: Final = "name"
OP: Final = "op"  # operators and punctuation: = != < <= > >= + - * ( ) , .
EOF: Final = "eof"

KEYWORDS: Final = frozenset({"and", "or", "div", "mod"})
MAX_NUMBER_CHARS: Final = 32

_NUMBER_RE: Final = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z_][A-Za-z0-9_]*)*")
_SPACE_RE: Final = re.compile(r"\s+")
_REF_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# C0/C1 control characters other than tab, LF and CR; never valid, not even in strings.
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CURLY_QUOTES: Final = "\u2018\u2019\u201c\u201d"

CONTROL_CHAR = Text(
    "表达式中不能有控制字符 {code}", "control character {code} is not allowed in an expression"
)
UNEXPECTED_CHAR = Text(
    "无法识别的字符 “{char}”（{code}）", "unexpected character '{char}' ({code})"
)
FULLWIDTH_CHAR = Text(
    "全角字符 “{char}” 请改为半角 “{ascii}”", "full-width character '{char}': use '{ascii}' instead"
)
CURLY_QUOTE = Text(
    "中文引号 “{char}” 请改为英文引号 ' 或 \"",
    "curly quote '{char}': use a straight ' or \" instead",
)
UNTERMINATED_STRING = Text(
    "文本缺少结束的引号 {quote}", "text is missing its closing quote {quote}"
)
LONE_DOLLAR = Text("“$” 之后应为 “{”，引用写作 ${名称}", "'$' must start a reference: ${name}")
LONE_BANG = Text(
    "“!” 只能用于 “!=”；取反请用 not()", "'!' is only valid in '!='; use not() to negate"
)
DOUBLE_EQUALS = Text("比较相等请用 “=”，不是 “==”", "use '=' to compare, not '=='")
NUMBER_TOO_LONG = Text(
    "数字过长（最多 {max} 个字符）", "number is too long (at most {max} characters)"
)
UNTERMINATED_REF = Text("“${” 缺少结束的 “}”", "'${' is missing its closing '}'")
EMPTY_REF = Text("“${}” 中缺少名称", "missing name in '${}'")
BAD_REF_NAME = Text(
    "引用名称须以字母或下划线开头，只能包含英文字母、数字和下划线",
    "a reference name must start with a letter or '_' and contain only letters, digits and '_'",
)
BAD_REF_END = Text(
    "引用名称只能包含英文字母、数字和下划线，之后应为 “}”",
    "a reference name may contain only letters, digits and '_', followed by '}'",
)


class Token(NamedTuple):
    """One token: kind, text (name, operator, raw literal), literal value and span."""

    kind: str
    text: str
    start: int
    end: int
    value: int | float | str = ""


def _error(text: Text, position: int, source: str) -> ExpressionError:
    return ExpressionError(text, position=position, source=source)


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def _unexpected(source: str, pos: int) -> ExpressionError:
    char = source[pos]
    if char in "'\"":
        return _error(UNTERMINATED_STRING.format(quote=char), pos, source)
    if char == "$":
        return _error(LONE_DOLLAR, pos, source)
    if char == "!":
        return _error(LONE_BANG, pos, source)
    if char in _CURLY_QUOTES:
        return _error(CURLY_QUOTE.format(char=char), pos, source)
    if 0xFF01 <= ord(char) <= 0xFF5E:  # full-width ASCII, easy to type with a Chinese IME
        ascii_char = chr(ord(char) - 0xFEE0)
        return _error(FULLWIDTH_CHAR.format(char=char, ascii=ascii_char), pos, source)
    return _error(UNEXPECTED_CHAR.format(char=char, code=_code(char)), pos, source)


def _read_ref(source: str, pos: int) -> tuple[str, int]:
    """The name of the reference whose ``${`` is at ``pos`` and the offset after its ``}``."""
    name_start = pos + 2
    match = _REF_NAME_RE.match(source, name_start)
    after = match.end() if match else name_start
    if after >= len(source):
        raise _error(UNTERMINATED_REF, pos, source)
    if match is None:
        text = EMPTY_REF if source[after] == "}" else BAD_REF_NAME
        raise _error(text, name_start, source)
    if source[after] != "}":
        raise _error(BAD_REF_END, after, source)
    return match.group(), after + 1


_SINGLE: Final = frozenset("()+-*,=")
_NAME_START: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_DIGITS: Final = frozenset("0123456789")


def tokenize(source: str) -> list[Token]:
    """Split ``source`` into tokens, always ending with an EOF token."""
    bad = _CONTROL_RE.search(source)
    if bad is not None:
        raise _error(CONTROL_CHAR.format(code=_code(bad.group())), bad.start(), source)
    tokens: list[Token] = []
    append = tokens.append
    pos = 0
    length = len(source)
    # Dispatch on the first character: several times faster than one alternation regex.
    while pos < length:
        char = source[pos]
        if char in _SINGLE:
            if char == "=" and source.startswith("=", pos + 1):
                raise _error(DOUBLE_EQUALS, pos, source)
            append(Token(OP, char, pos, pos + 1))
            pos += 1
        elif char in _NAME_START:
            match = _NAME_RE.match(source, pos)
            assert match is not None
            text = match.group()
            head = text.partition("-")[0]
            if head != text and head in KEYWORDS:
                # `5 mod-count(...)` is `mod` then `-`; no function name starts with a keyword.
                text = head
            append(Token(NAME, text, pos, pos + len(text)))
            pos += len(text)
        elif char == "$" and source.startswith("{", pos + 1):
            name, end = _read_ref(source, pos)
            append(Token(REF, name, pos, end, name))
            pos = end
        elif char == "'" or char == '"':
            close = source.find(char, pos + 1)
            if close < 0:
                raise _unexpected(source, pos)
            append(Token(STR, source[pos : close + 1], pos, close + 1, source[pos + 1 : close]))
            pos = close + 1
        elif char in _DIGITS or (char == "." and source[pos + 1 : pos + 2] in _DIGITS):
            match = _NUMBER_RE.match(source, pos)
            assert match is not None
            text = match.group()
            if len(text) > MAX_NUMBER_CHARS:
                raise _error(NUMBER_TOO_LONG.format(max=MAX_NUMBER_CHARS), pos, source)
            number: int | float = float(text) if "." in text else int(text)
            append(Token(NUM, text, pos, match.end(), number))
            pos = match.end()
        elif char == "<" or char == ">" or char == "!":
            if source.startswith("=", pos + 1):
                append(Token(OP, char + "=", pos, pos + 2))
                pos += 2
            elif char == "!":
                raise _unexpected(source, pos)
            else:
                append(Token(OP, char, pos, pos + 1))
                pos += 1
        elif char == ".":
            append(Token(OP, char, pos, pos + 1))
            pos += 1
        elif char.isspace():
            match = _SPACE_RE.match(source, pos)
            assert match is not None
            pos = match.end()
        else:
            raise _unexpected(source, pos)
    append(Token(EOF, "", length, length))
    return tokens
