"""Build a validated, immutable :class:`Form` from a form file (format: docs/forms.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Any

from fieldapp.core.errors import ExpressionError, FormError
from fieldapp.core.expressions import Expression, parse
from fieldapp.core.forms.checks import check_form
from fieldapp.core.forms.model import (
    AgeGroup,
    Form,
    FormKind,
    Judgement,
    Option,
    Question,
    QuestionType,
    Sampling,
    Scale,
    Section,
    Threshold,
    Tier,
    Tiering,
)
from fieldapp.core.forms.yaml_lines import LineList, LineMap, load_yaml_with_lines
from fieldapp.core.i18n import Text

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
COMPARISON_OPS = frozenset({">=", ">", "<=", "<", "=", "!="})
BOOLEAN_OPS = frozenset({"yes", "no"})

_COMMON_KEYS = frozenset(
    {
        "name",
        "type",
        "label",
        "hint",
        "required",
        "relevant",
        "constraint",
        "constraint_message",
        "calculate",
        "default",
        "read_only",
        "maps_to",
        "role",
    }
)
_TYPE_KEYS: dict[QuestionType, frozenset[str]] = {
    QuestionType.TEXT: frozenset({"max_length", "multiline"}),
    QuestionType.INTEGER: frozenset({"unit", "min", "max", "provenance"}),
    QuestionType.DECIMAL: frozenset({"unit", "min", "max", "provenance"}),
    QuestionType.SINGLE: frozenset({"options"}),
    QuestionType.MULTIPLE: frozenset({"options", "max_select", "ordered"}),
    QuestionType.YES_NO: frozenset(),
    QuestionType.DATE: frozenset(),
    QuestionType.PHOTO: frozenset({"max_count"}),
    QuestionType.LOCATION: frozenset(),
    QuestionType.RATING: frozenset({"max", "scale", "matrix_rows"}),
    QuestionType.NOTE: frozenset(),
    QuestionType.INDICATOR: frozenset(
        {
            "code",
            "requirement",
            "source",
            "verification",
            "baseline",
            "problem_type",
            "measures",
            "judgement",
        }
    ),
    QuestionType.GROUP: frozenset({"questions", "repeat", "repeat_source"}),
}
_OPTION_KEYS = frozenset({"value", "label", "exclusive", "maps_to", "score"})
_VERIFICATIONS = frozenset({"official_text", "secondary_source", "unverified"})
_REPEAT_SOURCES = frozenset({"", "buildings", "estates"})


def load_form(path: str | Path) -> Form:
    """Load and validate the form file at ``path``; FormError (file:line) if malformed."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FormError(
            Text(f"无法读取表单文件：{exc.strerror}", f"cannot read form file: {exc.strerror}"),
            path=str(path),
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError(
            Text("表单文件不是 UTF-8 编码", "form file is not UTF-8 text"), path=str(path)
        ) from None
    return load_form_text(text, path=str(path))


def load_form_text(text: str, *, path: str = "<text>") -> Form:
    """Load and validate a form from YAML text; ``path`` is used in error messages."""
    data = load_yaml_with_lines(text, path=path)
    builder = _FormBuilder(path)
    form = builder.build(data, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return dataclasses.replace(form, graph=check_form(form, path=path), source_text=text)


class _FormBuilder:
    """Turns the parsed YAML tree into model objects, failing on the first bad node."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.by_name: dict[str, Question] = {}
        self.scales: dict[str, Scale] = {}

    # -- errors and small readers -------------------------------------------------------
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
            unknown = set(value) - {"zh", "en"}
            if unknown:
                bad = sorted(unknown)[0]
                raise self.fail(
                    f"“{key}” 只能有 zh 和 en，不能有 “{bad}”",
                    f"'{key}' may only have zh and en, not '{bad}'",
                    value.line_of(bad),
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

    # -- the tree -------------------------------------------------------------------------
    def build(self, data: Any, *, sha256: str) -> Form:
        root = self.mapping(data, "表单文件", getattr(data, "line", 1))
        unknown = set(root) - {"form", "sections", "scales"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"未知的顶层键 “{bad}”", f"unknown top-level key '{bad}'", root.line_of(bad)
            )
        head = self.mapping(root.get("form"), "“form”", root.line_of("form"))
        form_id = self.string(head, "id")
        if not NAME_RE.match(form_id):
            raise self.fail(
                "表单 id 须为小写字母开头的字母、数字、下划线",
                "form id must be lower-case letters, digits and underscores",
                head.line_of("id"),
            )
        version = self.string(head, "version")
        if not version:
            raise self.fail("缺少表单版本 “version”", "missing form 'version'", head.line)
        kind_text = self.string(head, "kind")
        try:
            kind = FormKind(kind_text)
        except ValueError:
            raise self.fail(
                f"未知的表单类别 “{kind_text}”（应为 checklist、questionnaire 或 survey）",
                f"unknown form kind '{kind_text}' (checklist, questionnaire or survey)",
                head.line_of("kind"),
            ) from None
        allowed_head = {
            "id",
            "version",
            "kind",
            "title",
            "description",
            "sources",
            "sampling",
            "tiering",
        }
        unknown = set(head) - allowed_head
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"“form” 中未知的键 “{bad}”", f"unknown key '{bad}' in 'form'", head.line_of(bad)
            )
        title = self.text(head, "title", required=True)
        assert title is not None
        sources: dict[str, Text] = {}
        if head.get("sources") is not None:
            src_map = self.mapping(head["sources"], "“sources”", head.line_of("sources"))
            for key in src_map:
                text = self.text(src_map, key, required=True)
                assert text is not None
                sources[key] = text
        if root.get("scales") is not None:
            self.read_scales(self.mapping(root["scales"], "“scales”", root.line_of("scales")))
        sections_raw = self.sequence(root.get("sections"), "“sections”", root.line_of("sections"))
        if not sections_raw:
            raise self.fail(
                "表单没有任何分节", "the form has no sections", root.line_of("sections")
            )
        sections = tuple(
            self.read_section(self.mapping(node, "分节", line), kind)
            for node, line in zip(sections_raw, sections_raw.item_lines, strict=True)
        )
        names = set()
        for section in sections:
            if section.name in names:
                raise self.fail(
                    f"分节名重复：“{section.name}”",
                    f"duplicate section name '{section.name}'",
                    section.line,
                )
            names.add(section.name)
        sampling = None
        if head.get("sampling") is not None:
            sampling = self.read_sampling(
                self.mapping(head["sampling"], "“sampling”", head.line_of("sampling"))
            )
        tiering = None
        if head.get("tiering") is not None:
            tiering = self.read_tiering(
                self.mapping(head["tiering"], "“tiering”", head.line_of("tiering"))
            )
        return Form(
            id=form_id,
            version=version,
            kind=kind,
            title=title,
            description=self.text(head, "description"),
            sections=sections,
            sources=sources,
            scales=dict(self.scales),
            sampling=sampling,
            tiering=tiering,
            path=self.path,
            sha256=sha256,
            by_name=dict(self.by_name),
        )

    def read_scales(self, node: LineMap) -> None:
        for name in node:
            scale_node = self.mapping(node[name], f"量表 “{name}”", node.line_of(name))
            options = self.read_options(scale_node, numeric=True)
            if not options:
                raise self.fail(
                    f"量表 “{name}” 没有选项", f"scale '{name}' has no options", scale_node.line
                )
            self.scales[name] = Scale(name, options)

    def read_options(self, node: LineMap, *, numeric: bool = False) -> tuple[Option, ...]:
        raw = self.sequence(node.get("options"), "“options”", node.line_of("options"))
        options: list[Option] = []
        seen: set[str] = set()
        for item, line in zip(raw, raw.item_lines, strict=True):
            opt = self.mapping(item, "选项", line)
            unknown = set(opt) - _OPTION_KEYS
            if unknown:
                bad = sorted(unknown)[0]
                raise self.fail(
                    f"选项中未知的键 “{bad}”", f"unknown key '{bad}' in an option", opt.line_of(bad)
                )
            value = opt.get("value")
            if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
                raise self.fail(
                    "选项 value 应为文字（yes/no 须加引号）",
                    "option value must be text (quote yes/no)",
                    opt.line_of("value"),
                )
            value = str(value)
            if numeric and not re.fullmatch(r"-?\d+", value):
                raise self.fail(
                    "量表选项的值应为整数",
                    "scale option values must be integers",
                    opt.line_of("value"),
                )
            if value in seen:
                raise self.fail(
                    f"选项值重复：“{value}”",
                    f"duplicate option value '{value}'",
                    opt.line_of("value"),
                )
            seen.add(value)
            label = self.text(opt, "label", required=True)
            assert label is not None
            options.append(
                Option(
                    value=value,
                    label=label,
                    exclusive=self.boolean(opt, "exclusive"),
                    maps_to=self.codes(opt, "maps_to"),
                    score=self.number(opt, "score"),
                )
            )
        return tuple(options)

    def read_section(self, node: LineMap, kind: FormKind) -> Section:
        unknown = set(node) - {"name", "label", "category", "questions"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"分节中未知的键 “{bad}”", f"unknown key '{bad}' in a section", node.line_of(bad)
            )
        name = self.string(node, "name")
        if not NAME_RE.match(name):
            raise self.fail(
                "分节 name 须为小写字母开头的字母、数字、下划线",
                "section name must be lower-case letters, digits and underscores",
                node.line_of("name") if "name" in node else node.line,
            )
        label = self.text(node, "label", required=True)
        assert label is not None
        raw = self.sequence(node.get("questions"), "“questions”", node.line_of("questions"))
        questions = self.read_questions(raw, section=name, repeat_group="", indicator="", parent="")
        category = self.string(node, "category")
        if category and kind is not FormKind.CHECKLIST:
            raise self.fail(
                "只有检查表（checklist）的分节可设 category",
                "only checklist sections may have a category",
                node.line_of("category"),
            )
        return Section(
            name=name, label=label, questions=questions, category=category, line=node.line
        )

    def read_questions(self, raw: LineList, **scope: str) -> tuple[Question, ...]:
        return tuple(
            self.read_question(self.mapping(item, "题目", line), **scope)
            for item, line in zip(raw, raw.item_lines, strict=True)
        )

    def read_question(
        self, node: LineMap, *, section: str, repeat_group: str, indicator: str, parent: str
    ) -> Question:
        type_text = self.string(node, "type")
        try:
            qtype = QuestionType(type_text)
        except ValueError:
            known = "、".join(t.value for t in QuestionType)
            raise self.fail(
                f"未知的题型 “{type_text}”（可用：{known}）",
                f"unknown question type '{type_text}' (known: {', '.join(t.value for t in QuestionType)})",
                node.line_of("type") if "type" in node else node.line,
            ) from None
        unknown = set(node) - _COMMON_KEYS - _TYPE_KEYS[qtype]
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"{qtype.value} 题中未知的键 “{bad}”",
                f"unknown key '{bad}' for a {qtype.value} question",
                node.line_of(bad),
            )
        name = self.string(node, "name")
        if not NAME_RE.match(name):
            raise self.fail(
                f"题目 name “{name}” 须为小写字母开头的字母、数字、下划线",
                f"question name '{name}' must be lower-case letters, digits and underscores",
                node.line_of("name") if "name" in node else node.line,
            )
        if name in self.by_name:
            raise self.fail(
                f"题目名重复：“{name}”", f"duplicate question name '{name}'", node.line_of("name")
            )
        label = self.text(node, "label", required=True)
        assert label is not None
        fields: dict[str, Any] = {
            "name": name,
            "type": qtype,
            "label": label,
            "line": node.line,
            "hint": self.text(node, "hint"),
            "required": self.boolean(node, "required"),
            "read_only": self.boolean(node, "read_only"),
            "relevant": self.expression(node, "relevant"),
            "constraint": self.expression(node, "constraint"),
            "constraint_message": self.text(node, "constraint_message"),
            "calculate": self.expression(node, "calculate"),
            "default": node.get("default"),
            "maps_to": self.codes(node, "maps_to"),
            "role": self.string(node, "role"),
            "section": section,
            "repeat_group": repeat_group,
            "indicator": indicator,
            "parent": parent,
        }
        # Register before the children so that form order puts a parent first.
        self.by_name[name] = Question(**fields)
        if qtype in (QuestionType.INTEGER, QuestionType.DECIMAL):
            fields.update(
                unit=self.string(node, "unit"),
                minimum=self.number(node, "min"),
                maximum=self.number(node, "max"),
                provenance=self.boolean(node, "provenance"),
            )
        elif qtype is QuestionType.TEXT:
            fields.update(
                max_length=self.count(node, "max_length"), multiline=self.boolean(node, "multiline")
            )
        elif qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            fields["options"] = self.read_options(node)
            if not fields["options"]:
                raise self.fail("选择题没有选项", "a choice question has no options", node.line)
            if qtype is QuestionType.MULTIPLE:
                fields.update(
                    max_select=self.count(node, "max_select"), ordered=self.boolean(node, "ordered")
                )
        elif qtype is QuestionType.PHOTO:
            fields["max_count"] = self.count(node, "max_count")
        elif qtype is QuestionType.RATING:
            fields.update(
                self.read_rating(
                    node, name, section=section, repeat_group=repeat_group, indicator=indicator
                )
            )
        elif qtype is QuestionType.GROUP:
            fields.update(
                self.read_group(
                    node, name, section=section, repeat_group=repeat_group, indicator=indicator
                )
            )
        elif qtype is QuestionType.INDICATOR:
            fields.update(
                self.read_indicator(
                    node, name, section=section, repeat_group=repeat_group, indicator=indicator
                )
            )
        question = Question(**fields)
        self.by_name[name] = question
        return question

    def read_rating(self, node: LineMap, name: str, **scope: str) -> dict[str, Any]:
        scale = None
        if node.get("scale") is not None:
            scale_name = self.string(node, "scale")
            scale = self.scales.get(scale_name)
            if scale is None:
                raise self.fail(
                    f"未定义的量表 “{scale_name}”",
                    f"undefined scale '{scale_name}'",
                    node.line_of("scale"),
                )
        maximum = self.count(node, "max")
        if scale is not None and maximum is not None:
            raise self.fail(
                "评分题不能同时设 scale 与 max",
                "a rating takes scale or max, not both",
                node.line_of("max"),
            )
        fields: dict[str, Any] = {"scale": scale, "maximum": float(maximum or 5)}
        if node.get("matrix_rows") is None:
            return fields
        rows_raw = self.sequence(node["matrix_rows"], "“matrix_rows”", node.line_of("matrix_rows"))
        rows = []
        for item, line in zip(rows_raw, rows_raw.item_lines, strict=True):
            row = self.mapping(item, "矩阵行", line)
            unknown = set(row) - {"name", "label", "maps_to"}
            if unknown:
                bad = sorted(unknown)[0]
                raise self.fail(
                    f"矩阵行中未知的键 “{bad}”",
                    f"unknown key '{bad}' in a matrix row",
                    row.line_of(bad),
                )
            row_node = LineMap(row)
            row_node.line, row_node.key_lines = row.line, dict(row.key_lines)
            row_node["type"] = "rating"
            for key in ("required", "relevant"):
                if key in node:
                    row_node[key] = node[key]
                    row_node.key_lines[key] = node.line_of(key) or 0
            if scale is not None:
                row_node["scale"] = scale.name
            elif maximum is not None:
                row_node["max"] = maximum
            rows.append(
                self.read_question(
                    row_node,
                    section=scope["section"],
                    repeat_group=scope["repeat_group"],
                    indicator=scope["indicator"],
                    parent=name,
                )
            )
        # The grid itself is a plain group holding its rows; it has no value of its own.
        return {"type": QuestionType.GROUP, "children": tuple(rows), "scale": None}

    def read_group(self, node: LineMap, name: str, **scope: str) -> dict[str, Any]:
        repeat = self.boolean(node, "repeat")
        if repeat and scope["repeat_group"]:
            raise self.fail(
                "不支持嵌套的重复组", "nested repeat groups are not supported", node.line
            )
        repeat_source = self.string(node, "repeat_source")
        if repeat_source not in _REPEAT_SOURCES:
            raise self.fail(
                f"repeat_source 只能是 buildings 或 estates，不是 “{repeat_source}”",
                f"repeat_source must be buildings or estates, not '{repeat_source}'",
                node.line_of("repeat_source"),
            )
        if repeat_source and not repeat:
            raise self.fail(
                "repeat_source 需要 repeat: true",
                "repeat_source needs repeat: true",
                node.line_of("repeat_source"),
            )
        raw = self.sequence(node.get("questions"), "“questions”", node.line_of("questions"))
        if not raw:
            raise self.fail("题组没有题目", "the group has no questions", node.line)
        children = self.read_questions(
            raw,
            section=scope["section"],
            repeat_group=name if repeat else scope["repeat_group"],
            indicator=scope["indicator"],
            parent=name,
        )
        return {"children": children, "repeat": repeat, "repeat_source": repeat_source}

    def read_indicator(self, node: LineMap, name: str, **scope: str) -> dict[str, Any]:
        code = self.string(node, "code")
        if not code:
            raise self.fail("指标项缺少 code", "an indicator item needs a code", node.line)
        verification = self.string(node, "verification")
        if verification and verification not in _VERIFICATIONS:
            raise self.fail(
                f"verification 应为 official_text、secondary_source 或 unverified，不是 “{verification}”",
                f"verification must be official_text, secondary_source or unverified, not '{verification}'",
                node.line_of("verification"),
            )
        measures: tuple[Question, ...] = ()
        if node.get("measures") is not None:
            raw = self.sequence(node["measures"], "“measures”", node.line_of("measures"))
            measures = self.read_questions(
                raw,
                section=scope["section"],
                repeat_group=scope["repeat_group"],
                indicator=name,
                parent=name,
            )
        judgement = None
        if node.get("judgement") is not None:
            judgement = self.read_judgement(
                self.mapping(node["judgement"], "“judgement”", node.line_of("judgement"))
            )
        return {
            "code": code,
            "requirement": self.text(node, "requirement"),
            "source": self.string(node, "source"),
            "verification": verification,
            "baseline": self.boolean(node, "baseline"),
            "problem_type": self.string(node, "problem_type"),
            "children": measures,
            "judgement": judgement,
        }

    def read_judgement(self, node: LineMap) -> Judgement:
        unknown = set(node) - {"thresholds", "not_applicable", "met_if"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"judgement 中未知的键 “{bad}”",
                f"unknown key '{bad}' in judgement",
                node.line_of(bad),
            )
        thresholds: list[Threshold] = []
        if node.get("thresholds") is not None:
            raw = self.sequence(node["thresholds"], "“thresholds”", node.line_of("thresholds"))
            for item, line in zip(raw, raw.item_lines, strict=True):
                thresholds.append(self.read_threshold(self.mapping(item, "阈值", line)))
        return Judgement(
            thresholds=tuple(thresholds),
            not_applicable=self.expression(node, "not_applicable"),
            met_if=self.expression(node, "met_if"),
        )

    def read_threshold(self, node: LineMap) -> Threshold:
        unknown = set(node) - {"measure", "op", "value", "partly", "when", "source", "note"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"阈值中未知的键 “{bad}”", f"unknown key '{bad}' in a threshold", node.line_of(bad)
            )
        op = self.string(node, "op")
        if op not in COMPARISON_OPS | BOOLEAN_OPS:
            raise self.fail(
                f"未知的比较符 “{op}”（可用：>= > <= < = != yes no）",
                f"unknown operator '{op}' (known: >= > <= < = != yes no)",
                node.line_of("op") if "op" in node else node.line,
            )
        value = self.number(node, "value")
        if op in COMPARISON_OPS and value is None:
            raise self.fail("数值阈值缺少 value", "a numeric threshold needs a value", node.line)
        if op in BOOLEAN_OPS and value is not None:
            raise self.fail(
                "yes/no 阈值不取 value", "a yes/no threshold takes no value", node.line_of("value")
            )
        partly = self.number(node, "partly")
        if partly is not None and op not in (">=", ">", "<=", "<"):
            raise self.fail(
                "partly 只用于 >= > <= < 阈值",
                "partly only applies to >= > <= <",
                node.line_of("partly"),
            )
        return Threshold(
            measure=self.string(node, "measure"),
            op=op,
            value=value,
            partly=partly,
            when=self.expression(node, "when"),
            source=self.string(node, "source"),
            line=node.line,
        )

    def read_sampling(self, node: LineMap) -> Sampling:
        unknown = set(node) - {"min_valid", "female", "age_mix", "public_sector", "exclude_if"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"sampling 中未知的键 “{bad}”",
                f"unknown key '{bad}' in sampling",
                node.line_of(bad),
            )
        fields: dict[str, Any] = {
            "min_valid": self.count(node, "min_valid") or 0,
            "exclude_if": self.expression(node, "exclude_if"),
        }
        if node.get("female") is not None:
            f = self.mapping(node["female"], "“female”", node.line_of("female"))
            fields.update(
                female_question=self.string(f, "question"),
                female_value=self.string(f, "value"),
                female_max_share=self.share(f, "max_share"),
            )
        if node.get("age_mix") is not None:
            a = self.mapping(node["age_mix"], "“age_mix”", node.line_of("age_mix"))
            groups = []
            raw = self.sequence(a.get("groups"), "“groups”", a.line_of("groups"))
            for item, line in zip(raw, raw.item_lines, strict=True):
                g = self.mapping(item, "年龄组", line)
                label = self.text(g, "label", required=True)
                assert label is not None
                groups.append(
                    AgeGroup(
                        label=label,
                        values=self.codes(g, "values"),
                        share=self.share(g, "share") or 0.0,
                    )
                )
            fields.update(
                age_question=self.string(a, "question"),
                age_groups=tuple(groups),
                age_tolerance=self.share(a, "tolerance") or 0.05,
            )
        if node.get("public_sector") is not None:
            p = self.mapping(
                node["public_sector"], "“public_sector”", node.line_of("public_sector")
            )
            fields.update(
                public_question=self.string(p, "question"),
                public_values=self.codes(p, "values"),
                public_max_share=self.share(p, "max_share"),
            )
        return Sampling(**fields)

    def share(self, node: LineMap, key: str) -> float | None:
        value = self.number(node, key)
        if value is not None and not 0 <= value <= 1:
            raise self.fail(
                f"“{key}” 应为 0 到 1 之间的比例",
                f"'{key}' must be a share from 0 to 1",
                node.line_of(key),
            )
        return value

    def read_tiering(self, node: LineMap) -> Tiering:
        unknown = set(node) - {"note", "item_scores", "tiers"}
        if unknown:
            bad = sorted(unknown)[0]
            raise self.fail(
                f"tiering 中未知的键 “{bad}”", f"unknown key '{bad}' in tiering", node.line_of(bad)
            )
        scores: dict[str, float] = {"met": 1.0, "partly_met": 0.5, "not_met": 0.0}
        if node.get("item_scores") is not None:
            s = self.mapping(node["item_scores"], "“item_scores”", node.line_of("item_scores"))
            for key in s:
                if key not in scores:
                    raise self.fail(
                        f"item_scores 中未知的状态 “{key}”",
                        f"unknown status '{key}' in item_scores",
                        s.line_of(key),
                    )
                scores[key] = self.number(s, key) or 0.0
        tiers = []
        raw = self.sequence(node.get("tiers"), "“tiers”", node.line_of("tiers"))
        for item, line in zip(raw, raw.item_lines, strict=True):
            t = self.mapping(item, "等级", line)
            label = self.text(t, "label", required=True)
            assert label is not None
            req = self.mapping(t.get("requires", LineMap()), "“requires”", t.line_of("requires"))
            allowed = {
                "no_baseline_failures",
                "items_met",
                "met_rate_min",
                "score_min",
                "satisfaction_min",
                "all_met",
            }
            unknown = set(req) - allowed
            if unknown:
                bad = sorted(unknown)[0]
                raise self.fail(
                    f"requires 中未知的条件 “{bad}”",
                    f"unknown condition '{bad}' in requires",
                    req.line_of(bad),
                )
            tiers.append(
                Tier(
                    id=self.string(t, "id"),
                    label=label,
                    line=t.line,
                    no_baseline_failures=self.boolean(req, "no_baseline_failures"),
                    items_met=self.codes(req, "items_met"),
                    met_rate_min=self.share(req, "met_rate_min"),
                    score_min=self.share(req, "score_min"),
                    satisfaction_min=self.share(req, "satisfaction_min"),
                    all_met=self.boolean(req, "all_met"),
                )
            )
        return Tiering(tiers=tuple(tiers), item_scores=scores, note=self.text(node, "note"))
