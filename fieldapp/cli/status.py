"""`fieldapp status` and `fieldapp demo`: what a data directory holds; a demo community."""

from __future__ import annotations

import argparse
from typing import Any

from fieldapp.cli.common import EXIT_OK, add_data_dir, open_store, print_json


def register(commands: Any) -> None:
    """Add the `status` and `demo` commands."""
    status = commands.add_parser("status", help="数据目录概况 / what a data directory holds")
    add_data_dir(status)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    demo = commands.add_parser("demo", help="生成演示社区 / create a demo community")
    add_data_dir(demo)
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.set_defaults(handler=_demo)


def _status(args: argparse.Namespace) -> int:
    store = open_store(args, create=False)
    try:
        counts = store.counts()
        communities = [
            {"id": c.id, "name": c.name, "street": c.street} for c in store.communities()
        ]
        digest = store.digest()
        conflicts = len(store.conflicts())
    finally:
        store.close()
    if args.json:
        print_json({**counts, "conflicts": conflicts, "digest": digest, "communities": communities})
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
    print("  ".join(f"{zh} {counts[key]}" for key, zh in labels) + f"  冲突 {conflicts}")
    print(f"数据摘要 / digest: {digest}")
    for c in communities:
        print(f"{c['id']}  {c['name']}  {c['street'] or ''}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from fieldapp.demo import create_demo

    store = open_store(args, create=True)
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
