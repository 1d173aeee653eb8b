"""`fieldapp serve` and `fieldapp server …`: run the central server; manage its accounts.

Every command takes the server's ``--data-dir`` (its SQLite database and photo files) and
optionally ``--database postgresql://…`` (then only the photo files live in the data dir).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.cli.common import EXIT_OK, print_json
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

if TYPE_CHECKING:
    from fieldapp.server.service import Server


def register(commands: Any) -> None:
    """Add `serve` and the `server` command group."""
    serve = commands.add_parser("serve", help="运行同步服务器 / run the sync server")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址 / address to listen on")
    serve.add_argument("--port", type=int, default=8765, help="端口 / port (8765)")
    serve.set_defaults(handler=_serve)

    server = commands.add_parser("server", help="服务器账号与数据 / server accounts and data")
    group = server.add_subparsers(dest="server_command", metavar="COMMAND")
    add = group.add_parser("add-user", help="新建用户 / create a user")
    _common(add)
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, help="admin | coordinator | street_office | surveyor")
    add.add_argument(
        "--street", help="街道（体检员、街道办必填）/ street (surveyors, street offices)"
    )
    add.set_defaults(handler=_add_user)
    enroll = group.add_parser("enroll", help="发放一次性登记码 / issue a one-time enrolment code")
    _common(enroll)
    enroll.add_argument("--username", required=True)
    enroll.add_argument("--valid-hours", type=float, default=24.0, help="有效小时数 / hours valid")
    enroll.set_defaults(handler=_enroll)
    revoke = group.add_parser("revoke", help="撤销用户的设备令牌 / revoke a user's device tokens")
    _common(revoke)
    revoke.add_argument("--username", required=True)
    revoke.set_defaults(handler=_revoke)
    users = group.add_parser("users", help="列出用户 / list users")
    _common(users)
    users.add_argument("--json", action="store_true")
    users.set_defaults(handler=_users)
    conflicts = group.add_parser("conflicts", help="查看冲突记录 / show conflict records")
    _common(conflicts)
    conflicts.add_argument("--limit", type=int, default=50)
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(handler=_conflicts)
    status = group.add_parser("status", help="服务器数据概况 / what the server holds")
    _common(status)
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)
    publish = group.add_parser("publish-form", help="向所有设备发布表单 / publish forms")
    _common(publish)
    publish.add_argument("paths", nargs="+", metavar="FILE")
    publish.set_defaults(handler=_publish)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", required=True, help="服务器数据目录 / server data directory")
    parser.add_argument(
        "--database",
        help="postgresql://… （默认：数据目录中的 SQLite）/ default: SQLite in the data dir",
    )


def _open(args: argparse.Namespace) -> Server:
    try:
        from fieldapp.server.service import Server
    except ImportError as exc:  # the server extras are not installed
        raise FieldappError(
            Text(
                f"未安装服务器组件（{exc.name}）。请安装 fieldapp[server]。",
                f"The server components are not installed ({exc.name}). Install fieldapp[server].",
            )
        ) from exc
    return Server(Path(args.data_dir), database=args.database)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from fieldapp.server.app import create_app

    _check_port(args.host, args.port)
    server = _open(args)  # migrates the database before serving
    try:
        app = create_app(server)
        print(
            f"fieldapp 服务器 / server {server.server_id}: http://{args.host}:{args.port} "
            f"(OpenAPI: /openapi.json)",
            flush=True,
        )
        # One process; for more, run several `fieldapp serve` on one PostgreSQL database
        # behind a load balancer (docs/sync.md).
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    finally:
        server.close()
    return EXIT_OK


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message (not uvicorn's log line) when the port cannot be used."""
    import socket

    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise FieldappError(
            Text(
                f"无法在 {host}:{port} 上监听（{exc.strerror or exc}）：端口可能已被占用，请换一个 --port。",
                f"Cannot listen on {host}:{port} ({exc.strerror or exc}): the port may be in use; "
                "choose another --port.",
            )
        ) from exc


def _add_user(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import add_user, normalize_role

    server = _open(args)
    try:
        add_user(server.db, username=args.username, role=args.role, street=args.street)
    finally:
        server.close()
    street = f"（{args.street}）" if args.street else ""
    print(f"已新建用户 / user created: {args.username} {normalize_role(args.role)}{street}")
    return EXIT_OK


def _enroll(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import create_enrolment

    if not 0 < args.valid_hours <= 24 * 30:
        raise FieldappError(
            Text("--valid-hours 应在 0 到 720 之间。", "--valid-hours must be between 0 and 720.")
        )
    server = _open(args)
    try:
        code, expires = create_enrolment(
            server.db, username=args.username, valid_for=dt.timedelta(hours=args.valid_hours)
        )
    finally:
        server.close()
    print(
        f"一次性登记码，{expires} 前有效 / one-time enrolment code, valid until {expires}:",
        file=sys.stderr,
    )
    print(code)
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import revoke

    server = _open(args)
    try:
        count = revoke(server.db, username=args.username)
    finally:
        server.close()
    print(f"已撤销 {args.username} 的 {count} 个设备令牌 / revoked {count} device tokens")
    return EXIT_OK


def _users(args: argparse.Namespace) -> int:
    from fieldapp.server.accounts import list_users

    server = _open(args)
    try:
        users = list_users(server.db)
    finally:
        server.close()
    if args.json:
        print_json(users)
        return EXIT_OK
    for u in users:
        print(f"{u['username']}  {u['role']}  {u['street'] or '-'}  设备/devices {u['devices']}")
    return EXIT_OK


def _conflicts(args: argparse.Namespace) -> int:
    from fieldapp.server.service import _SYSTEM

    server = _open(args)
    try:
        rows = server.records.conflicts(_SYSTEM, limit=max(1, args.limit))
    finally:
        server.close()
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("没有冲突记录 / no conflict records")
    for r in rows:
        print(
            f"{r['created_at']}  {r['table_name']} {r['row_id']}  {r['field']}: "
            f"保留 / kept {r['winner_value']!r} ({r['winner_device']})  "
            f"被覆盖 / overwritten {r['loser_value']!r} ({r['loser_device']})"
        )
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    server = _open(args)
    try:
        status = server.status()
    finally:
        server.close()
    if args.json:
        print_json(status)
        return EXIT_OK
    counts = status["records"]
    print(
        f"服务器 / server {status['server_id']} ({status['database']})  用户 / users {status['users']}"
    )
    print("  ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"数据摘要 / digest: {status['digest']}")
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    server = _open(args)
    try:
        for path in args.paths:
            form_id, version, new = server.publish_form(Path(path))
            state = "已发布 / published" if new else "已是最新 / already published"
            print(f"{form_id} {version}: {state}")
    finally:
        server.close()
    return EXIT_OK
