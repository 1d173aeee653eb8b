"""The offline handoff package: one zip that carries a community to a street office (or
another device) on a USB stick, and its verified import.

Layout: ``report.pdf``, ``data.xlsx``, ``problems.geojson``, ``data/changes.json`` (the
community's rows in the change format, :class:`fieldapp.store.changes.Change`),
``photos/<sha256>.jpg`` (the content-addressed photo files), and ``manifest.json`` listing
the SHA-256 and size of every other file.

Import checks everything before it writes anything: member names (no absolute or ``..``
paths, links or duplicates), sizes (members, total, compression ratio), the manifest
(well-formed, and naming exactly the files present), every file's hash, the changes and the
photo contents. Only then are photos copied and the changes applied in one transaction
(``mark_dirty=True``: the device's server has not seen them); if applying fails, the photo
files it had just added are removed again. Applying is idempotent, so importing a package
twice changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

import fieldapp
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text
from fieldapp.reports.exports import load_data, workbook_bytes
from fieldapp.reports.pdf import write_pdf
from fieldapp.reports.progress import PackageError, Steps
from fieldapp.reports.styles import register_fonts
from fieldapp.reports.tabular import geojson
from fieldapp.store.changes import ApplyReport, Change
from fieldapp.store.paths import photo_path

if TYPE_CHECKING:
    from fieldapp.store.store import Store

__all__ = ["FORMAT", "ImportResult", "PackageResult", "import_package", "write_package"]

FORMAT = "fieldapp-handoff"
VERSION = 1
MANIFEST = "manifest.json"
CHANGES = "data/changes.json"
MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed : compressed, beyond which a member is treated as a zip bomb
_PHOTO = re.compile(r"^photos/([0-9a-f]{64})\.(jpg|jpeg|png|heic|webp|bin)$")
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class PackageResult:
    """A written package: its path, report id and the community's data digest."""

    path: Path
    report_id: str
    digest: str
    files: int
    missing_photos: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing did: the community, the rows written or skipped, photos added."""

    community_id: str
    community_name: str
    report: ApplyReport
    photos_added: int
    photos_present: int

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything (False when it had been imported before)."""
        return bool(self.report.changed or self.photos_added)


def _bad(zh: str, en: str) -> PackageError:
    return PackageError(
        Text(
            f"数据包被拒绝：{zh}。未导入任何数据。", f"Package refused: {en}. Nothing was imported."
        )
    )


# -- writing ---------------------------------------------------------------------------------


def write_package(
    store: Store,
    community_id: str,
    out_dir: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    organization: str | None = None,
) -> PackageResult:
    """Write the handoff package of a community into ``out_dir``; returns its path."""
    steps = Steps(progress, cancel, total=18)
    fonts = register_fonts()
    data = load_data(store, community_id, date=date, step=steps.step, keep_changes=True)
    target_dir = Path(out_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    name = f"{data.community.name}-{data.date:%Y%m%d}-{data.report_id}.zip"
    target = target_dir / _safe_name(name)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    when = (data.date.year, data.date.month, data.date.day, 0, 0, 0)
    files: dict[str, dict[str, Any]] = {}
    missing: list[str] = []
    try:
        pdf = temp.with_suffix(".pdf")
        try:
            write_pdf(data, pdf, fonts=fonts, organization=organization, steps=steps)
            pdf_bytes = pdf.read_bytes()
        finally:
            with contextlib.suppress(OSError):
                pdf.unlink()
        changes = list(data.changes)
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
            _put(zf, files, "report.pdf", pdf_bytes, when)
            _put(zf, files, "data.xlsx", workbook_bytes(data), when)
            _put(zf, files, "problems.geojson", _json(geojson(data)), when)
            # Compact and unindented: the C encoder, ten times faster on 20,000 rows.
            text = json.dumps(
                [c.to_json() for c in changes],
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
            _put(zf, files, CHANGES, text.encode("utf-8"), when)
            steps.check()
            for sha in _photo_hashes(changes):
                source = photo_path(store.data_dir, sha)
                if not source.is_file():
                    missing.append(sha)
                    continue
                with open(source, "rb") as fh:
                    _put_stream(zf, files, f"photos/{sha}.jpg", fh, when)
            manifest = {
                "format": FORMAT,
                "format_version": VERSION,
                "app_version": fieldapp.__version__,
                "date": data.date.isoformat(),
                "report_id": data.report_id,
                "digest": data.digest,
                "community": {
                    "id": data.community.id,
                    "name": data.community.name,
                    "street": data.community.street,
                    "district": data.community.district,
                },
                "changes": len(changes),
                "missing_photos": missing,
                "files": files,
            }
            _put(zf, {}, MANIFEST, _json(manifest), when)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    steps.finish(Text("完成", "done"))
    return PackageResult(target, data.report_id, data.digest, len(files) + 1, tuple(missing))


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _photo_hashes(changes: list[Change]) -> list[str]:
    hashes: list[str] = []
    for c in changes:
        if c.table == "photos" and not c.deleted:
            for key in ("sha256", "original_sha256"):
                value = c.data.get(key)
                if isinstance(value, str) and len(value) == 64:
                    hashes.append(value)
    return sorted(dict.fromkeys(hashes))


def _info(name: str, when: tuple[int, ...], *, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _put(
    zf: zipfile.ZipFile, files: dict[str, Any], name: str, content: bytes, when: tuple[int, ...]
) -> None:
    zf.writestr(_info(name, when, stored=name.endswith(".pdf")), content)
    files[name] = {"sha256": hashlib.sha256(content).hexdigest(), "bytes": len(content)}


def _put_stream(
    zf: zipfile.ZipFile, files: dict[str, Any], name: str, source: IO[bytes], when: tuple[int, ...]
) -> None:
    digest = hashlib.sha256()
    size = 0
    with zf.open(_info(name, when, stored=True), "w", force_zip64=True) as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    files[name] = {"sha256": digest.hexdigest(), "bytes": size}


# -- reading ---------------------------------------------------------------------------------


def import_package(
    store: Store,
    package: str | os.PathLike[str],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Verify ``package`` completely, then import it (see the module docstring). Raises
    PackageError, naming the offending file, when anything is wrong."""
    steps = Steps(progress, cancel, total=5)
    path = Path(package)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise _bad(f"找不到文件 {path}", f"file {path} not found") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise _bad(
            f"{path.name} 不是有效的 zip 数据包（{exc}）",
            f"{path.name} is not a valid zip package ({exc})",
        ) from None
    with zf:
        infos = _check_members(zf)
        manifest = _manifest(zf, infos)
        steps.step(Text("核对清单", "manifest"))
        _check_files(zf, infos, manifest["files"], steps)
        steps.step(Text("校验文件", "files verified"))
        changes = _changes(zf)
        photos = _photos(infos, manifest["files"])
        community = manifest["community"]
        if not any(c.table == "communities" and c.id == community.get("id") for c in changes):
            raise _bad(
                f"{CHANGES} 中没有清单所列的社区 {community.get('id')}",
                f"{CHANGES} lacks the manifest's community {community.get('id')}",
            )
        steps.step(Text("数据已校验", "data verified"))
        added: list[Path] = []
        try:
            present = _copy_photos(zf, photos, store.data_dir, added)
            steps.check()
            report = store.apply_changes(changes, mark_dirty=True)
        except BaseException:
            for file in added:
                with contextlib.suppress(OSError):
                    file.unlink()
            raise
        steps.step(Text("已导入", "imported"))
    return ImportResult(
        str(community.get("id")), str(community.get("name")), report, len(added), present
    )


def _check_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bad(
            f"文件数 {len(infos)} 超过上限 {MAX_MEMBERS}",
            f"{len(infos)} members exceed the limit of {MAX_MEMBERS}",
        )
    out: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        shown = name[:120]
        parts = PurePosixPath(name).parts
        unsafe = (
            not name
            or name.startswith(("/", "\\"))
            or "\\" in name
            or ":" in name
            or any(p in ("", ".", "..") for p in parts)
            or name.endswith("/")
            or "\x00" in name
        )
        if unsafe:
            raise _bad(f"文件名不安全：{shown}", f"unsafe member name: {shown}")
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise _bad(f"包含符号链接：{shown}", f"contains a symbolic link: {shown}")
        if name in out:
            raise _bad(f"文件重复：{shown}", f"duplicate member: {shown}")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bad(
                f"文件过大：{shown}（{info.file_size} 字节）",
                f"member too large: {shown} ({info.file_size} bytes)",
            )
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise _bad(
                f"文件压缩比异常（疑似压缩炸弹）：{shown}",
                f"abnormal compression ratio (zip bomb?): {shown}",
            )
        total += info.file_size
        out[name] = info
    if total > MAX_TOTAL_BYTES:
        raise _bad("数据包解压后总大小超过上限", "total uncompressed size exceeds the limit")
    return out


def _read_limited(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _bad(f"文件过大：{info.filename}", f"member too large: {info.filename}")
    return data


def _manifest(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    if MANIFEST not in infos:
        raise _bad(f"缺少文件 {MANIFEST}", f"{MANIFEST} is missing")
    try:
        manifest = json.loads(_read_limited(zf, infos[MANIFEST], 64 * 1024 * 1024))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(
            f"{MANIFEST} 不是有效的 JSON（{exc}）", f"{MANIFEST} is not valid JSON ({exc})"
        ) from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(files, dict)
        or not isinstance(manifest.get("community"), dict)
    ):
        raise _bad(f"{MANIFEST} 不是 fieldapp 数据包清单", f"{MANIFEST} is not a fieldapp manifest")
    if manifest.get("format_version") != VERSION:
        version = str(manifest.get("format_version"))[:20]
        raise _bad(
            f"不支持的数据包格式版本 {version}（请升级 fieldapp）",
            f"unsupported package format version {version} (update fieldapp)",
        )
    for name, entry in files.items():
        ok = isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
        if not ok or not isinstance(entry.get("bytes"), int) or name == MANIFEST:
            raise _bad(
                f"{MANIFEST} 中 {str(name)[:120]} 的记录无效",
                f"invalid entry for {str(name)[:120]} in {MANIFEST}",
            )
    return manifest


def _check_files(
    zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], files: dict[str, Any], steps: Steps
) -> None:
    present = set(infos) - {MANIFEST}
    listed = set(files)
    for name in sorted(present - listed):
        raise _bad(
            f"包含清单中没有的文件 {name[:120]}（文件被添加）",
            f"{name[:120]} is not listed in the manifest (a file was added)",
        )
    for name in sorted(listed - present):
        raise _bad(
            f"缺少清单中列出的文件 {name[:120]}", f"{name[:120]} listed in the manifest is missing"
        )
    for n, name in enumerate(sorted(listed)):
        if n % 20 == 0:
            steps.check()
        expected = files[name]
        digest = hashlib.sha256()
        size = 0
        with zf.open(infos[name]) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > expected["bytes"]:
                    break
                digest.update(chunk)
        if size != expected["bytes"] or digest.hexdigest() != expected["sha256"]:
            raise _bad(
                f"文件 {name[:120]} 已被改动（校验值不符）",
                f"{name[:120]} was altered (checksum mismatch)",
            )


def _changes(zf: zipfile.ZipFile) -> list[Change]:
    try:
        raw = json.loads(_read_limited(zf, zf.getinfo(CHANGES), MAX_JSON_BYTES))
    except KeyError:
        raise _bad(f"缺少文件 {CHANGES}", f"{CHANGES} is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(
            f"{CHANGES} 不是有效的 JSON（{exc}）", f"{CHANGES} is not valid JSON ({exc})"
        ) from None
    if not isinstance(raw, list):
        raise _bad(f"{CHANGES} 应为变更列表", f"{CHANGES} must be a list of changes")
    try:
        return [
            Change.from_json(obj, where=f"{CHANGES} 第 {n} 条：")
            for n, obj in enumerate(raw, start=1)
        ]
    except FieldappError as exc:
        raise _bad(exc.text.zh, exc.text.en or exc.text.zh) from None


def _photos(infos: dict[str, zipfile.ZipInfo], files: dict[str, Any]) -> dict[str, zipfile.ZipInfo]:
    """The photo members by SHA-256; each one's content (already checked against the
    manifest) must hash to its own name."""
    photos: dict[str, zipfile.ZipInfo] = {}
    for name, info in infos.items():
        if not name.startswith("photos/"):
            continue
        match = _PHOTO.match(name)
        if match is None:
            raise _bad(f"照片文件名无效：{name[:120]}", f"invalid photo file name: {name[:120]}")
        if files[name]["sha256"] != match.group(1):
            raise _bad(
                f"照片 {name[:120]} 的内容与其 SHA-256 名称不符",
                f"the content of photo {name[:120]} does not match its SHA-256 name",
            )
        photos[match.group(1)] = info
    return photos


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _copy_photos(
    zf: zipfile.ZipFile, photos: dict[str, zipfile.ZipInfo], data_dir: Path, added: list[Path]
) -> int:
    present = 0
    for sha, info in sorted(photos.items()):
        target = photo_path(data_dir, sha)
        if target.is_file() and target.stat().st_size == info.file_size:
            present += 1  # content-addressed: same name and size is the same file
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        try:
            with open(temp, "wb") as out:
                for chunk in _chunks(zf, info):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        added.append(target)
    return present


def read_manifest(package: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a package, checked for form only (for showing before importing)."""
    with zipfile.ZipFile(package) as zf:
        return _manifest(zf, _check_members(zf))
