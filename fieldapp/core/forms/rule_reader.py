"""Reading the rule parts of a form: indicator judgements, sampling rules and tiers."""

from __future__ import annotations

from typing import Any

from fieldapp.core.forms.model import AgeGroup, Judgement, Sampling, Threshold, Tier, Tiering
from fieldapp.core.forms.node_reader import NodeReader
from fieldapp.core.forms.yaml_lines import LineMap

COMPARISON_OPS = frozenset({">=", ">", "<=", "<", "=", "!="})
BOOLEAN_OPS = frozenset({"yes", "no"})


class RuleReader(NodeReader):
    """Reads judgement, sampling and tiering blocks (docs/forms.md)."""

    def read_judgement(self, node: LineMap) -> Judgement:
        self.refuse_unknown(
            node,
            {"thresholds", "not_applicable", "met_if"},
            "judgement 中未知的键 “{}”",
            "unknown key '{}' in judgement",
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
        self.refuse_unknown(
            node,
            {"measure", "op", "value", "partly", "veto", "when", "source", "note"},
            "阈值中未知的键 “{}”",
            "unknown key '{}' in a threshold",
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
            veto=self.boolean(node, "veto"),
            when=self.expression(node, "when"),
            source=self.string(node, "source"),
            line=node.line,
        )

    def read_sampling(self, node: LineMap) -> Sampling:
        self.refuse_unknown(
            node,
            {"min_valid", "female", "age_mix", "public_sector", "exclude_if"},
            "sampling 中未知的键 “{}”",
            "unknown key '{}' in sampling",
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

    def read_tiering(self, node: LineMap) -> Tiering:
        self.refuse_unknown(
            node,
            {"note", "item_scores", "tiers"},
            "tiering 中未知的键 “{}”",
            "unknown key '{}' in tiering",
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
            self.refuse_unknown(
                req, allowed, "requires 中未知的条件 “{}”", "unknown condition '{}' in requires"
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
