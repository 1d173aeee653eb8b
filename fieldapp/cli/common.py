"""What every command shares: exit codes, the parser class, JSON output, opening a store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

if TYPE_CHECKING:
    from fieldapp.store import Store

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse with bilingual usage errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"用法错误 / usage error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def print_json(value: Any) -> None:
    """Print ``value`` as readable UTF-8 JSON (the --json contract of every command)."""
    print(json.dumps(value, ensure_ascii=False, indent=2))


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """The --data-dir option (else $FIELDAPP_DATA_DIR, else the user data dir)."""
    parser.add_argument("--data-dir", help="数据目录 / data directory")


def open_store(args: argparse.Namespace, *, create: bool) -> Store:
    """Open the store of ``--data-dir``; without ``create`` a missing database is a user
    error rather than a new empty one."""
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
