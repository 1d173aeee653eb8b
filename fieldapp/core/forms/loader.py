"""Build a validated, immutable :class:`Form` from a form file (format: docs/forms.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Any

from fieldapp.core.errors import FormError
from fieldapp.core.forms.checks import check_form
from fieldapp.core.forms.model import (
    Form,
    FormKind,
    Option,
    Question,
    QuestionType,
    Scale,
    Section,
)
from fieldapp.core.forms.node_reader import NAME_RE
from fieldapp.core.forms.rule_reader import RuleReader
from fieldapp.core.forms.yaml_lines import LineList, LineMap, load_yaml_with_lines
from fieldapp.core.i18n import Text

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


class _FormBuilder(RuleReader):
    """Turns the parsed YAML tree into model objects, failing on the first bad node."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.by_name: dict[str, Question] = {}
        self.scales: dict[str, Scale] = {}

    # -- the tree -------------------------------------------------------------------------
    def build(self, data: Any, *, sha256: str) -> Form:
        root = self.mapping(data, "表单文件", getattr(data, "line", 1))
        self.refuse_unknown(
            root, {"form", "sections", "scales"}, "未知的顶层键 “{}”", "unknown top-level key '{}'"
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
        self.refuse_unknown(
            head, allowed_head, "“form” 中未知的键 “{}”", "unknown key '{}' in 'form'"
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
            self.refuse_unknown(
                opt, _OPTION_KEYS, "选项中未知的键 “{}”", "unknown key '{}' in an option"
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
        self.refuse_unknown(
            node,
            {"name", "label", "category", "questions"},
            "分节中未知的键 “{}”",
            "unknown key '{}' in a section",
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
        self.refuse_unknown(
            node,
            _COMMON_KEYS | _TYPE_KEYS[qtype],
            f"{qtype.value} 题中未知的键 “{{}}”",
            f"unknown key '{{}}' for a {qtype.value} question",
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
            self.refuse_unknown(
                row,
                {"name", "label", "maps_to"},
                "矩阵行中未知的键 “{}”",
                "unknown key '{}' in a matrix row",
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
