"""A Pratt parser from tokens to a syntax tree, with the references the expression reads."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Final

from fieldapp.core.errors import ExpressionError
from fieldapp.core.expressions.functions import FUNCTIONS
from fieldapp.core.expressions.lexer import EOF, KEYWORDS, NAME, NUM, OP, REF, STR, Token
from fieldapp.core.expressions.nodes import Call, Chain, Current, Literal, Negate, Node, Ref
from fieldapp.core.i18n import Text

# Binding power and precedence level of each binary operator, low to high.
_BINARY: Final[dict[str, tuple[int, str]]] = {
    "or": (1, "or"),
    "and": (2, "and"),
    "=": (3, "eq"),
    "!=": (3, "eq"),
    "<": (4, "rel"),
    "<=": (4, "rel"),
    ">": (4, "rel"),
    ">=": (4, "rel"),
    "+": (5, "add"),
    "-": (5, "add"),
    "*": (6, "mul"),
    "div": (6, "mul"),
    "mod": (6, "mul"),
}
_UNARY_POWER: Final = 7
MAX_DEPTH: Final = 64

EMPTY = Text("表达式为空", "the expression is empty")
TOO_DEEP = Text(
    "表达式嵌套过深（最多 {max} 层）", "the expression is nested too deeply (at most {max} levels)"
)
UNEXPECTED_END = Text(
    "表达式不完整：结尾处还缺少一个值", "the expression ends where a value is expected"
)
EXPECTED_VALUE = Text(
    "此处应为一个值（引用、数字、文本或函数调用），却是 {found}",
    "expected a value (reference, number, text or function call) but found {found}",
)
EXPECTED_OPERATOR = Text(
    "多余的 {found}：此处应为运算符或表达式结尾",
    "unexpected {found}: expected an operator or the end of the expression",
)
UNMATCHED_CLOSE = Text("多余的右括号 “)”", "')' without a matching '('")
UNCLOSED_PAREN = Text("左括号 “(” 没有对应的右括号", "'(' is never closed")
EXPECTED_CLOSE = Text("此处应为 “)”，却是 {found}", "expected ')' but found {found}")
EXPECTED_ARG_END = Text(
    "参数之后应为 “,” 或 “)”，却是 {found}",
    "expected ',' or ')' after an argument but found {found}",
)
BARE_NAME = Text(
    "“{name}” 不是函数调用：文本请加引号（'{name}'），引用问题请写作 ${{{name}}}",
    "'{name}' is not a function call: quote text ('{name}') or reference a question as ${{{name}}}",
)
BARE_BOOLEAN = Text("请写作 {name}()", "write {name}() with parentheses")
UPPER_KEYWORD = Text("运算符须小写：{lower}", "operators are lower-case: {lower}")
UNKNOWN_FUNCTION = Text("未知函数 {name}()", "unknown function {name}()")
DID_YOU_MEAN = Text(
    "未知函数 {name}()，是否想用 {suggestion}()？",
    "unknown function {name}(); did you mean {suggestion}()?",
)
WRONG_ARITY = Text(
    "函数 {name}() 需要 {expected}，实际给了 {given} 个",
    "{name}() takes {expected} but got {given}",
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A syntax tree and what it reads."""

    node: Node
    references: frozenset[str]
    uses_current: bool


def _describe(token: Token) -> Text:
    if token.kind == EOF:
        return Text("表达式结尾", "the end of the expression")
    text = token.text if len(token.text) <= 20 else token.text[:17] + "..."
    if token.kind == REF:
        text = "${" + text + "}"
    return Text(f"“{text}”", f"'{text}'")


class _Parser:
    """One parse; not reusable."""

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.index = 0
        self.token = tokens[0]
        self.depth = 0
        self.references: set[str] = set()
        self.uses_current = False

    def error(self, text: Text, position: int) -> ExpressionError:
        return ExpressionError(text, position=position, source=self.source)

    def found(self, template: Text, token: Token) -> ExpressionError:
        found = _describe(token)
        text = Text(template.zh.format(found=found.zh), template.en.format(found=found.en))
        return self.error(text, token.start)

    def advance(self) -> Token:
        token = self.token
        self.index += 1
        self.token = self.tokens[self.index]
        return token

    def is_op(self, text: str) -> bool:
        return self.token.kind == OP and self.token.text == text

    def parse(self) -> Parsed:
        if self.token.kind == EOF:
            raise self.error(EMPTY, 0)
        node = self.expression(0)
        if self.token.kind != EOF:
            if self.is_op(")"):
                raise self.error(UNMATCHED_CLOSE, self.token.start)
            raise self.found(EXPECTED_OPERATOR, self.token)
        return Parsed(node, frozenset(self.references), self.uses_current)

    def binary(self) -> tuple[int, str] | None:
        token = self.token
        if token.kind == OP or token.kind == NAME:
            return _BINARY.get(token.text)
        return None

    def expression(self, min_power: int) -> Node:
        # Every nesting (parentheses, arguments, unary minus, a right operand) passes here,
        # so this one counter bounds both the parser's and the evaluator's recursion.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(TOO_DEEP.format(max=MAX_DEPTH), self.token.start)
        left = self.prefix()
        info = self.binary()
        while info is not None and info[0] > min_power:
            power, level = info
            rest: list[tuple[str, Node]] = []
            while info is not None and info[1] == level:
                operator = self.advance().text
                rest.append((operator, self.expression(power)))
                info = self.binary()
            left = Chain(left.start, rest[-1][1].end, level, left, tuple(rest))
        self.depth -= 1
        return left

    def prefix(self) -> Node:
        token = self.token
        kind = token.kind
        if kind in (NUM, STR):
            self.advance()
            return Literal(token.start, token.end, token.value)
        if kind == REF:
            self.advance()
            self.references.add(token.text)
            return Ref(token.start, token.end, token.text)
        if kind == NAME:
            return self.call()
        if kind == OP:
            if token.text == ".":
                self.advance()
                self.uses_current = True
                return Current(token.start, token.end)
            if token.text == "-":
                self.advance()
                operand = self.expression(_UNARY_POWER)
                if isinstance(operand, Literal) and not isinstance(operand.value, str):
                    return Literal(token.start, operand.end, -operand.value)
                return Negate(token.start, operand.end, operand)
            if token.text == "(":
                self.advance()
                inner = self.expression(0)
                if self.is_op(")"):
                    self.advance()
                    return inner
                if self.token.kind == EOF:
                    raise self.error(UNCLOSED_PAREN, token.start)
                raise self.found(EXPECTED_CLOSE, self.token)
        if kind == EOF:
            raise self.error(UNEXPECTED_END, token.start)
        raise self.found(EXPECTED_VALUE, token)

    def call(self) -> Node:
        name_token = self.token
        name = name_token.text
        if name in KEYWORDS:
            raise self.found(EXPECTED_VALUE, name_token)
        self.advance()
        if not self.is_op("("):
            if name in ("true", "false"):
                raise self.error(BARE_BOOLEAN.format(name=name), name_token.start)
            if name.lower() in KEYWORDS:
                raise self.error(UPPER_KEYWORD.format(lower=name.lower()), name_token.start)
            raise self.error(BARE_NAME.format(name=name), name_token.start)
        spec = FUNCTIONS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name.lower(), FUNCTIONS, n=1)
            text = (
                DID_YOU_MEAN.format(name=name, suggestion=close[0])
                if close
                else UNKNOWN_FUNCTION.format(name=name)
            )
            raise self.error(text, name_token.start)
        open_token = self.advance()
        args: list[Node] = []
        if not self.is_op(")"):
            while True:
                args.append(self.expression(0))
                if self.is_op(","):
                    self.advance()
                    continue
                if self.is_op(")"):
                    break
                if self.token.kind == EOF:
                    raise self.error(UNCLOSED_PAREN, open_token.start)
                raise self.found(EXPECTED_ARG_END, self.token)
        close_token = self.advance()
        given = len(args)
        if given < spec.min_args or (spec.max_args is not None and given > spec.max_args):
            expected = spec.arity_text()
            text = Text(
                WRONG_ARITY.zh.format(name=name, expected=expected.zh, given=given),
                WRONG_ARITY.en.format(name=name, expected=expected.en, given=given),
            )
            raise self.error(text, name_token.start)
        return Call(name_token.start, close_token.end, name, tuple(args))


def parse_tree(source: str, tokens: list[Token]) -> Parsed:
    """Parse a token list (from :func:`~fieldapp.core.expressions.lexer.tokenize`)."""
    return _Parser(source, tokens).parse()
