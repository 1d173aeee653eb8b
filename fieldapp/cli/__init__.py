"""The command line: the same operations as the app, headless (contract: README, DESIGN.md).

Each command group is a module with a ``register(commands)`` function; add new ones to
COMMAND_MODULES. Exit codes: 0 success, 1 user error (a bilingual message on stderr),
2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys
from collections.abc import Callable, Sequence

from fieldapp import __version__
from fieldapp.cli.app import add_app_options, run_app
from fieldapp.cli.common import EXIT_USAGE, EXIT_USER_ERROR, Parser
from fieldapp.core.errors import FieldappError

COMMAND_MODULES = (
    "fieldapp.cli.forms",
    "fieldapp.cli.photos",
    "fieldapp.cli.report",
    "fieldapp.cli.status",
    "fieldapp.cli.server",
    "fieldapp.cli.sync",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command (also used by the documentation test)."""
    parser = Parser(prog="fieldapp", description="社区体检外业助手 / community checkup field app")
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    add_app_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    # A frozen (packaged) app starts its photo worker processes through this same entry
    # point; this turns such a start into the worker instead of a second app.
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None and args.command:
        parser.print_help()
        return EXIT_USAGE
    if handler is None:
        handler = run_app  # no command: the desktop app
    try:
        return handler(args)
    except FieldappError as exc:
        print(f"错误 / error: {exc.text.both()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消 / cancelled", file=sys.stderr)
        return EXIT_USER_ERROR
