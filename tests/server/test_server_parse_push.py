"""parse_push: the batch digest stays what earlier versions stored, and the quick check of
each change agrees with ``Change.from_json`` on what it accepts and how it refuses."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.server.catalog import Catalog
from fieldapp.server.errors import ApiError
from fieldapp.server.service import Server
from fieldapp.server.validation import parse_push, validate_changes
from fieldapp.store.changes import Change, ChangeError

NOW_MS = 1_795_320_200_000
DEVICE = "01a2016b-23d5-769a-bd6f-d50cda54c7e4"
SUBMISSION: dict[str, Any] = {
    "table": "submissions", "id": "01a2016b-23dd-744e-8532-3949660df2bc", "rev": 1,
    "hlc": f"1795320128477-000000-{DEVICE}", "base_hlc": "", "device_id": DEVICE,
    "deleted": False,
    "data": {
        "created_at": "2026-11-22T04:02:08.477Z", "updated_at": "2026-11-22T04:02:08.477Z",
        "community_id": "01a2016b-2344-70af-b22e-fa437cea7de0", "form_id": "complete_community",
        "form_version": "2026.1", "status": "draft", "surveyor": "基准体检员", "estate_id": None,
        "building_id": None, "started_at": "2026-11-22T04:02:08.477Z", "completed_at": None,
        "last_section": None,
    },
}  # fmt: skip
ANSWER: dict[str, Any] = {
    "table": "answers", "id": "01a2016b-23e6-73c2-83cf-2d15d66feb3c", "rev": 2,
    "hlc": f"1795320128485-000003-{DEVICE}", "base_hlc": f"1795320128480-000000-{DEVICE}",
    "device_id": DEVICE, "deleted": False,
    "data": {
        "created_at": "2026-11-22T04:02:08.485Z", "updated_at": "2026-11-22T04:02:08.485Z",
        "submission_id": "01a2016b-23dd-744e-8532-3949660df2bc", "question": "population",
        "instance": "", "value": "引号\" 反斜杠\\ 换行\n 制表\t é 😀 \u007f \u2028",
        "provenance": None,
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    server = Server(Path(tmp_path_factory.mktemp("catalog")) / "server")
    try:
        yield server.catalog
    finally:
        server.close()


def test_batch_digest_is_unchanged(catalog: Catalog) -> None:
    # Digests stored by earlier versions must still match a replay: canonical JSON as
    # json.dumps(sort_keys=True, ensure_ascii=True) of the changes with defaults filled in.
    short = {k: v for k, v in ANSWER.items() if k not in ("base_hlc", "deleted")}
    short["base_hlc"] = ""
    changes = [SUBMISSION, short, {**SUBMISSION, "id": "s2", "data": {
        **SUBMISSION["data"], "z": 1.5e-7, "a": [1, {"b": 0.1, "a": -0.0}], "m": 12345.678,
    }}]  # fmt: skip
    body = json.dumps({"changes": changes, "batch_id": "b-1"}, ensure_ascii=False).encode()
    expected = [{"deleted": False, **c} for c in changes]
    canonical = json.dumps(expected, sort_keys=True, ensure_ascii=True).encode()
    digest = hashlib.sha256(canonical).hexdigest()
    # The same body through the \\u escapes of an ASCII-only sender: the same digest.
    ascii_body = json.dumps({"batch_id": "b-1", "changes": changes}).encode()
    for sent in (body, ascii_body):
        try:
            parsed = parse_push(sent, catalog, now_ms=NOW_MS)
        except ApiError as exc:  # extra columns of the third change: refused after digest
            assert exc.status == 422
            continue
        assert parsed.request_sha256 == digest
    parsed = parse_push(
        json.dumps({"batch_id": "b-2", "changes": changes[:2]}, ensure_ascii=False).encode(),
        catalog,
        now_ms=NOW_MS,
    )
    assert parsed.request_sha256 == PINNED
    assert (
        parsed.request_sha256
        == hashlib.sha256(
            json.dumps(expected[:2], sort_keys=True, ensure_ascii=True).encode()
        ).hexdigest()
    )


PINNED = "82a90c984852984627c86477630f30a6aa10bd29498bc35346a90a6421e18e8b"
"""The digest of SUBMISSION and ANSWER (short form) as stored before group commit."""


def _variants() -> Iterator[dict[str, Any]]:
    for base in (SUBMISSION, ANSWER):
        yield base
        for key, value in [
            ("rev", True), ("rev", 0), ("rev", 1.0), ("rev", "1"), ("id", ""), ("id", 5),
            ("hlc", "x"), ("hlc", ""), ("base_hlc", "nope"), ("base_hlc", None),
            ("deleted", 1), ("deleted", True), ("device_id", ""), ("data", {}), ("data", []),
            ("table", "nothing"), ("table", None), ("table", []), ("id", "a" * 70), ("id", "bad id"),
        ]:  # fmt: skip
            yield {**copy.deepcopy(base), key: value}
        for key in ("base_hlc", "deleted", "rev", "data"):
            yield {k: v for k, v in base.items() if k != key}
    yield []  # type: ignore[misc]  # validate_changes makes a dict of it, as before


@pytest.mark.parametrize("obj", list(_variants()))
def test_quick_check_agrees_with_from_json(catalog: Catalog, obj: Any) -> None:
    try:
        got: Any = validate_changes([copy.deepcopy(obj)], catalog, now_ms=NOW_MS)
    except ApiError as exc:
        got = (exc.status, exc.code, str(exc.body()))
    try:
        Change.from_json(dict(copy.deepcopy(obj)), where="第 1 条变更：")  # as before
    except ChangeError as exc:
        assert got == (422, "invalid_change", str(ApiError(422, "invalid_change", exc.text,
                                                           index=1).body()))  # fmt: skip
        return
    if isinstance(got, list):
        assert got == [Change.from_json(copy.deepcopy(obj))]
