"""`fieldapp sync`: sync a data directory with the central server once."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldapp.cli.common import EXIT_OK, add_data_dir, open_store, print_json
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text


def register(commands: Any) -> None:
    """Add the `sync` command."""
    sync = commands.add_parser("sync", help="与服务器同步 / sync with the server")
    add_data_dir(sync)
    sync.add_argument("--server", help="服务器地址 / server URL, e.g. http://10.0.0.5:8765")
    sync.add_argument("--code", help="一次性登记码（仅首次）/ one-time enrolment code (first time)")
    sync.add_argument("--json", action="store_true")
    sync.add_argument(
        "--full", action="store_true", help="重新拉取全部数据 / pull everything again"
    )
    sync.set_defaults(handler=_sync)


def _sync(args: argparse.Namespace) -> int:
    from fieldapp.sync import SyncProgress, sync_once
    from fieldapp.sync.state import SyncState

    store = open_store(args, create=True)
    try:
        url = args.server or SyncState(store).server_url
        if not url:
            raise FieldappError(
                Text("请用 --server 指定服务器地址。", "Give the server address with --server.")
            )
        if not url.startswith(("http://", "https://")):
            raise FieldappError(
                Text(
                    f"服务器地址应以 http:// 或 https:// 开头：{url}",
                    f"The server address must start with http:// or https://: {url}",
                )
            )
        interactive = sys.stderr.isatty() and not args.json

        def show(p: SyncProgress) -> None:
            if interactive:
                print(f"\r{p.text.both()} {p.done}/{p.total}   ", end="", file=sys.stderr)

        result = sync_once(store, server_url=url, code=args.code, progress=show, full=args.full)
        if interactive:
            print(file=sys.stderr)
    finally:
        store.close()
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(
        f"同步完成：上传 {result.pushed} 条，下载 {result.pulled} 条，上传照片 "
        f"{result.photos_uploaded} 张，下载照片 {result.photos_downloaded} 张，冲突 {result.conflicts} 处"
    )
    print(
        f"Sync done: pushed {result.pushed}, pulled {result.pulled}, photos uploaded "
        f"{result.photos_uploaded}, downloaded {result.photos_downloaded}, conflicts "
        f"{result.conflicts}"
    )
    for warning in result.warnings:
        print(f"注意 / note: {warning.both()}", file=sys.stderr)
    return EXIT_OK
