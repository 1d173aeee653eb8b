"""`fieldapp photos import`: import photo files (or folders of them) for a community."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldapp.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Parser,
    add_data_dir,
    open_store,
    print_json,
)


def register(commands: Any) -> None:
    """Add the `photos` command group."""
    photos = commands.add_parser("photos", help="照片：导入 / photos: import")
    sub = photos.add_subparsers(dest="photos_command", metavar="SUBCOMMAND", parser_class=Parser)
    imp = sub.add_parser(
        "import",
        help="导入照片文件或文件夹 / import photo files or folders",
        description="导入照片：解码、校正方向、压缩为 sRGB JPEG、读取拍摄时间与位置、去重。"
        " / Import photos: decode, orient, normalise to sRGB JPEG, read capture time and "
        "position, de-duplicate.",
    )
    add_data_dir(imp)
    imp.add_argument("--community", required=True, help="社区 id 或名称 / community id or name")
    imp.add_argument("--problem", help="关联到问题（id）/ link to a problem (id)")
    imp.add_argument("--json", action="store_true", help="输出 JSON 数组 / print a JSON array")
    imp.add_argument("files", nargs="+", metavar="FILE", help="照片文件或文件夹 / files or folders")
    imp.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    from fieldapp.photos import expand_inputs, import_photos

    files = expand_inputs(args.files)
    store = open_store(args, create=False)
    try:
        community = store.find_community(args.community)
        results = import_photos(
            store,
            files,
            community_id=community.id,
            problem_id=args.problem,
            progress=None if args.json else _progress,
        )
    finally:
        store.close()
    failed = sum(r.status == "error" for r in results)
    if args.json:
        print_json([r.to_json() for r in results])
    else:
        imported = sum(r.status == "imported" for r in results)
        duplicate = sum(r.status == "duplicate" for r in results)
        print(
            f"导入 {imported}  重复 {duplicate}  失败 {failed} / "
            f"imported {imported}, duplicate {duplicate}, failed {failed}"
        )
    return EXIT_USER_ERROR if failed else EXIT_OK


def _progress(done: int, total: int, result: Any) -> None:
    label = {"imported": "导入 / imported", "duplicate": "重复 / duplicate"}.get(result.status)
    if label is None:
        print(f"[{done}/{total}] {result.file}: {result.error.both()}", file=sys.stderr)
        return
    p = result.photo
    print(f"[{done}/{total}] {label}  {p.sha256[:12]}  {p.width}×{p.height}  {result.file}")
    for note in result.notes:
        print(f"    注意 / note: {note.both()}", file=sys.stderr)
