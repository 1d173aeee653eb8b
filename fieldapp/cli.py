"""The command line: the same operations as the app, headless (contract: README, DESIGN.md).

Exit codes: 0 success, 1 user error (a bilingual message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from fieldapp import __version__
from fieldapp.core.errors import FieldappError, FormError
from fieldapp.core.i18n import Text

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with bilingual usage errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"用法错误 / usage error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _forms_check(args: argparse.Namespace) -> int:
    from fieldapp.core.forms import load_form
    from fieldapp.core.problems import parse_taxonomy

    failed = 0
    for path in args.paths:
        try:
            if _is_taxonomy(path):
                tax = parse_taxonomy(Path(path).read_text(encoding="utf-8"), path=path)
                codes = sum(len(c.sub_problems) for c in tax.categories)
                print(f"{path}: ok (problem taxonomy {tax.version}, {codes} 子问题 / sub-problems)")
                continue
            form = load_form(path)
        except FormError as exc:
            failed += 1
            print(exc.text.both(), file=sys.stderr)
            continue
        print(f"{path}: ok ({form.id} {form.version}, {len(form.answerable)} 题 / questions)")
    return EXIT_USER_ERROR if failed else EXIT_OK


def _is_taxonomy(path: str) -> bool:
    # A taxonomy file starts (after comments) with its `taxonomy:` header.
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.lstrip().startswith("#"):
                    return line.startswith("taxonomy:")
    except (OSError, UnicodeDecodeError):
        return False  # load_form reports it
    return False


def _forms_list(args: argparse.Namespace) -> int:
    from fieldapp.core.forms import builtin_forms

    forms = builtin_forms()
    if args.json:
        _print_json([f.summary() for f in forms])
        return EXIT_OK
    for f in forms:
        info = f.summary()
        extra = ""
        if "indicator_count" in info:
            extra = f", {info['category_count']} 类 {info['indicator_count']} 项指标"
        print(
            f"{f.id}  {f.version}  {f.kind.value:<13} {f.title.zh}"
            f"（{info['question_count']} 题{extra}）"
        )
    return EXIT_OK


def _open_store(args: argparse.Namespace, *, create: bool) -> Any:
    from fieldapp.store import Store
    from fieldapp.store.paths import database_path, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    if not create and not database_path(data_dir).exists():
        raise FieldappError(
            Text(
                f"数据目录 {data_dir} 中没有 fieldapp 数据库（可先运行 fieldapp demo --data-dir {data_dir}）",
                f"no fieldapp database in {data_dir} (try: fieldapp demo --data-dir {data_dir})",
            )
        )
    return Store.open(data_dir)


def _status(args: argparse.Namespace) -> int:
    store = _open_store(args, create=False)
    try:
        counts = store.counts()
        communities = [
            {"id": c.id, "name": c.name, "street": c.street} for c in store.communities()
        ]
    finally:
        store.close()
    if args.json:
        _print_json({**counts, "communities": communities})
        return EXIT_OK
    labels = [
        ("communities", "社区"),
        ("estates", "小区"),
        ("buildings", "楼栋"),
        ("submissions", "填报"),
        ("answers", "答案"),
        ("problems", "问题"),
        ("photos", "照片"),
    ]
    print("  ".join(f"{zh} {counts[key]}" for key, zh in labels))
    for c in communities:
        print(f"{c['id']}  {c['name']}  {c['street'] or ''}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from fieldapp.demo import create_demo

    store = _open_store(args, create=True)
    try:
        summary = create_demo(store, seed=args.seed)
        counts = store.counts()
    finally:
        store.close()
    print(
        f"演示社区已生成 / demo community created: {summary.community_name} ({summary.community_id})"
    )
    print(
        f"小区 {counts['estates']}  楼栋 {counts['buildings']}  填报 {counts['submissions']}  "
        f"答案 {counts['answers']}  问题 {counts['problems']}"
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the documentation test)."""
    parser = _Parser(prog="fieldapp", description="社区体检外业助手 / community checkup field app")
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    forms = commands.add_parser("forms", help="表单：校验与列表 / forms: check and list")
    forms_commands = forms.add_subparsers(
        dest="forms_command", metavar="SUBCOMMAND", parser_class=_Parser
    )
    check = forms_commands.add_parser("check", help="校验表单文件 / validate form files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.set_defaults(handler=_forms_check)
    listing = forms_commands.add_parser("list", help="列出内置表单 / list built-in forms")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_forms_list)

    status = commands.add_parser("status", help="数据目录概况 / what a data directory holds")
    status.add_argument("--data-dir")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)

    demo = commands.add_parser("demo", help="生成演示社区 / create a demo community")
    demo.add_argument("--data-dir")
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE if args.command else EXIT_OK
    try:
        return handler(args)
    except FieldappError as exc:
        print(f"错误 / error: {exc.text.both()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
