"""`fieldapp report|export|import|plan`: the checkup report, the handoff package and its
import, and the needs and project lists."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from fieldapp.cli.common import EXIT_OK, add_data_dir, open_store, print_json
from fieldapp.core.i18n import Text


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应为 YYYY-MM-DD / date must be YYYY-MM-DD: {value!r}"
        ) from None


def register(commands: Any) -> None:
    """Add the `report`, `export`, `import` and `plan` commands."""
    report = commands.add_parser("report", help="生成社区体检报告 PDF / write the checkup report")
    add_data_dir(report)
    _community(report)
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="输出文件 / output PDF")
    _common(report)
    report.add_argument("--font", help="中文字体文件 / a Chinese .ttf/.ttc font file")
    report.set_defaults(handler=_report)

    export = commands.add_parser("export", help="导出交接数据包 / write the handoff package")
    add_data_dir(export)
    _community(export)
    export.add_argument("--out", required=True, metavar="DIR", help="输出目录 / output folder")
    _common(export)
    export.add_argument(
        "--tables",
        action="store_true",
        help="另存 XLSX、CSV 和 GeoJSON / also write XLSX, CSV and GeoJSON",
    )
    export.set_defaults(handler=_export)

    importing = commands.add_parser("import", help="导入交接数据包 / import a handoff package")
    add_data_dir(importing)
    importing.add_argument("package", metavar="PACKAGE", help="数据包 .zip / package .zip")
    importing.add_argument("--json", action="store_true")
    importing.set_defaults(handler=_import)

    plan = commands.add_parser(
        "plan", help="生成需求清单和项目清单 / derive the needs and project lists"
    )
    add_data_dir(plan)
    _community(plan)
    plan.add_argument("--json", action="store_true")
    plan.set_defaults(handler=_plan)


def _community(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--community",
        required=True,
        metavar="C",
        help="社区 id 或完整名称 / community id or exact name",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="报告日期（默认今天）/ report date (default today)",
    )
    parser.add_argument("--org", help="编制单位 / compiling organisation")


def _progress(done: int, total: int, text: str) -> None:
    if text and sys.stderr.isatty():
        print(f"[{done}/{total}] {text}", file=sys.stderr)


def _report(args: argparse.Namespace) -> int:
    from fieldapp.reports import build_report

    store = open_store(args, create=False)
    try:
        community = store.find_community(args.community)
        result = build_report(
            store,
            community.id,
            args.out,
            date=args.date,
            progress=_progress,
            organization=args.org,
            font=args.font,
        )
    finally:
        store.close()
    print(f"已生成报告 / report written: {result.path}  ({result.pages} 页 / pages)")
    print(f"报告编号 / report id: {result.report_id}")
    print(f"数据快照 / data digest: {result.digest}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from fieldapp.reports.exports import export_tables
    from fieldapp.reports.package import write_package

    store = open_store(args, create=False)
    try:
        community = store.find_community(args.community)
        result = write_package(
            store, community.id, args.out, date=args.date, progress=_progress, organization=args.org
        )
        tables = (
            export_tables(store, community.id, args.out, date=args.date) if args.tables else None
        )
    finally:
        store.close()
    print(f"已导出数据包 / package written: {result.path}  ({result.files} 个文件 / files)")
    if result.missing_photos:
        print(
            Text(
                f"警告：{len(result.missing_photos)} 张照片的文件不在本机，未打包",
                f"warning: {len(result.missing_photos)} photo files are not on this device "
                "and were left out",
            ).both(),
            file=sys.stderr,
        )
    if tables is not None:
        print(f"表格 / tables: {tables.xlsx}, {tables.geojson}, {len(tables.csv)} CSV")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from fieldapp.reports.package import import_package

    store = open_store(args, create=True)
    try:
        result = import_package(store, args.package, progress=_progress)
    finally:
        store.close()
    r = result.report
    if args.json:
        print_json(
            {
                "community_id": result.community_id,
                "community": result.community_name,
                "inserted": r.inserted,
                "updated": r.accepted,
                "kept": r.kept,
                "unchanged": r.skipped,
                "conflicts": r.conflicts,
                "photos_added": result.photos_added,
                "photos_present": result.photos_present,
            }
        )
        return EXIT_OK
    if not result.changed:
        print(
            f"数据包已导入过，没有变化 / already imported, nothing changed: {result.community_name}"
        )
        return EXIT_OK
    print(f"已导入 / imported: {result.community_name} ({result.community_id})")
    print(
        f"新增 {r.inserted}  更新 {r.accepted}  保留本地 {r.kept}  未变 {r.skipped}  冲突 {r.conflicts}  "
        f"照片 {result.photos_added}"
    )
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    from fieldapp.reports import regenerate_plan

    store = open_store(args, create=False)
    try:
        community = store.find_community(args.community)
        merged = regenerate_plan(store, community.id)
        needs = store.needs(community.id)
        projects = store.renewal_projects(community.id)
    finally:
        store.close()
    if args.json:
        print_json(
            {
                "added": merged.added,
                "updated": merged.updated,
                "retired": merged.retired,
                "kept_edited": merged.kept_edited,
                "needs": [
                    {
                        "id": n.id,
                        "category": n.category,
                        "title": n.title,
                        "gap": n.gap,
                        "priority": n.priority,
                        "review_status": n.review_status,
                    }
                    for n in needs
                ],
                "projects": [
                    {
                        "id": p.id,
                        "name": p.name,
                        "priority": p.priority,
                        "term": p.term,
                        "year": p.year,
                        "review_status": p.review_status,
                    }
                    for p in projects
                ],
            }
        )
        return EXIT_OK
    print(
        f"需求清单 / needs: {len(needs)}  项目清单 / projects: {len(projects)}  "
        f"(新增 added {merged.added}, 更新 updated {merged.updated}, "
        f"撤下 retired {merged.retired}, 保留人工修改 kept {merged.kept_edited})"
    )
    for n in needs:
        print(f"  {n.priority or '-':6} {n.category}：{n.title}  [{n.review_status}]")
    return EXIT_OK
