"""`fieldapp` with no command opens the desktop app (on ``--data-dir`` if given).

The GUI is looked up by name at run time, so the command line itself never imports Qt (the
layering contract: only fieldapp.ui imports PySide6) and a headless install without the
``ui`` extra still runs every other command.
"""

from __future__ import annotations

import argparse
import importlib

from fieldapp.cli.common import EXIT_USER_ERROR
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

GUI_MODULE = "fieldapp.ui.app"


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """The options of the no-command form: --data-dir and --quit-after-show."""
    parser.add_argument("--data-dir", help="数据目录 / data directory (opens the app on it)")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="打开主窗口、绘制完成后退出（测量启动时间）/ exit 0 once the main window is painted",
    )


def run_app(args: argparse.Namespace) -> int:
    """Open the desktop app; a clear message if the GUI is not installed."""
    try:
        gui = importlib.import_module(GUI_MODULE)
    except ImportError as exc:
        raise FieldappError(
            Text(
                f"未安装桌面界面（{exc.name}）。请安装：pip install 'fieldapp[ui]'",
                f"the desktop app is not installed ({exc.name}); install: pip install 'fieldapp[ui]'",
            )
        ) from exc
    code: int = gui.main(args.data_dir, quit_after_show=args.quit_after_show)
    return code if code in (0, EXIT_USER_ERROR) else EXIT_USER_ERROR
