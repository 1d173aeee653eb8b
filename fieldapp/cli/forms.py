"""`fieldapp forms check|list`: validate form files, list the built-in forms."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fieldapp.cli.common import EXIT_OK, EXIT_USER_ERROR, Parser, print_json
from fieldapp.core.errors import FormError


def register(commands: Any) -> None:
    """Add the `forms` command group."""
    forms = commands.add_parser("forms", help="表单：校验与列表 / forms: check and list")
    sub = forms.add_subparsers(dest="forms_command", metavar="SUBCOMMAND", parser_class=Parser)
    check = sub.add_parser("check", help="校验表单文件 / validate form files")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.set_defaults(handler=_forms_check)
    listing = sub.add_parser("list", help="列出内置表单 / list built-in forms")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_forms_list)


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
        print_json([f.summary() for f in forms])
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
