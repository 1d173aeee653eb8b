"""parse_push: the batch digest is the content however it was written (and a replay of a
batch earlier versions answered is still known by theirs), and the quick check of
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
from fieldapp.server.validation import legacy_digest, parse_push, validate_changes
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


def test_batch_digest_is_the_content_however_written(catalog: Catalog) -> None:
    short = {k: v for k, v in ANSWER.items() if k not in ("base_hlc", "deleted")}
    short["base_hlc"] = ""
    changes = [SUBMISSION, short]
    reordered = [{k: c[k] for k in reversed(list(c))} for c in copy.deepcopy(changes)]
    for c in reordered:
        c["data"] = {k: c["data"][k] for k in reversed(list(c["data"]))}
    bodies = [
        json.dumps({"batch_id": "b-1", "changes": changes}, ensure_ascii=False).encode(),
        json.dumps({"changes": changes, "batch_id": "b-1"}).encode(),  # \\u escapes
        json.dumps({"batch_id": "b-1", "changes": reordered}, indent=1).encode(),
    ]
    digests = {parse_push(b, catalog, now_ms=NOW_MS).request_sha256 for b in bodies}
    assert len(digests) == 1
    # Any difference in content is another digest.
    for key, value in [("rev", 3), ("hlc", ANSWER["base_hlc"].replace("0000-", "0001-")),
                       ("base_hlc", ANSWER["hlc"]), ("device_id", "other"), ("deleted", True),
                       ("id", "another-id")]:  # fmt: skip
        other = [SUBMISSION, {**ANSWER, key: value}]
        if key == "hlc":
            other[1]["base_hlc"] = ""
        body = json.dumps({"batch_id": "b-1", "changes": other}).encode()
        assert parse_push(body, catalog, now_ms=NOW_MS).request_sha256 not in digests, key
    edited = copy.deepcopy(changes)
    edited[1]["data"]["value"] = "别的"
    body = json.dumps({"batch_id": "b-1", "changes": edited}).encode()
    assert parse_push(body, catalog, now_ms=NOW_MS).request_sha256 not in digests


def test_legacy_digest_is_what_earlier_servers_stored() -> None:
    # Batches answered by earlier servers keep their digests (canonical JSON of the changes
    # as sent, defaults filled in): a replay of one must still be recognised.
    short = {k: v for k, v in ANSWER.items() if k not in ("base_hlc", "deleted")}
    for body in (
        json.dumps({"batch_id": "b-2", "changes": [SUBMISSION, short]}, ensure_ascii=False),
        json.dumps({"changes": [SUBMISSION, short], "batch_id": "b-2"}),
    ):
        assert legacy_digest(body.encode()) == PINNED
    expected = [SUBMISSION, {**short, "base_hlc": "", "deleted": False}]
    canonical = json.dumps(expected, sort_keys=True, ensure_ascii=True).encode()
    assert hashlib.sha256(canonical).hexdigest() == PINNED
    assert legacy_digest(b"{not json") is None
    assert legacy_digest(b'{"changes": [1]}') is None


PINNED = "82a90c984852984627c86477630f30a6aa10bd29498bc35346a90a6421e18e8b"
"""The digest of SUBMISSION and ANSWER (short form) as earlier servers stored it."""


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


def _typed_variants() -> Iterator[dict[str, Any]]:
    """Changes whose values a device column would convert or refuse."""
    yield from _variants()
    for key, value in [
        ("population", True), ("population", 3), ("population", 2.5), ("population", None),
        ("population", float("nan")), ("population", [1]), ("population", {"a": 1}),
        ("population", 2**70), ("nothing", "x"),
    ]:  # fmt: skip
        answer = copy.deepcopy(ANSWER)
        answer["data"]["value" if key == "population" else key] = value
        yield answer
    submission = copy.deepcopy(SUBMISSION)
    submission["data"]["status"] = None  # a required column
    yield submission
    yield {**copy.deepcopy(ANSWER), "hlc": f"2795320128485-000003-{DEVICE}"}  # far ahead
    yield {**copy.deepcopy(ANSWER), "base_hlc": f"2795320128485-000003-{DEVICE}"}  # after hlc
    yield {**copy.deepcopy(ANSWER), "extra": 1}
    for stamp in ("1795320128485-000003-", "1795320128485-00003-x", "179532012848-000003-x",
                  "１795320128485-000003-x", "1795320128485-000003-\n", "1795320128485_000003-x",
                  "1795320128485-000003-x-y", f"1795320128480-000000-{DEVICE}"):  # fmt: skip
        yield {**copy.deepcopy(ANSWER), "hlc": stamp, "base_hlc": ""}
        yield {**copy.deepcopy(ANSWER), "base_hlc": stamp}


@pytest.mark.parametrize("obj", list(_typed_variants()))
def test_plain_path_agrees_with_full_checks(catalog: Catalog, obj: Any) -> None:
    # A body with a \\u escape takes the full checks; the same body without it the one-pass
    # path for plain changes. Both must accept the same changes, build them the same, and
    # refuse the same ones in the same words.
    marker = copy.deepcopy(SUBMISSION)
    marker["data"]["surveyor"] = "基准体检员A"
    plain = json.dumps({"batch_id": "b-3", "changes": [obj, marker]}, ensure_ascii=False)
    escaped = plain.replace("基准体检员A", "基准体检员\\u0041")
    assert escaped != plain

    def outcome(body: str) -> Any:
        try:
            parsed = parse_push(body.encode(), catalog, now_ms=NOW_MS)
        except ApiError as exc:
            return (exc.status, exc.code, str(exc.body()))
        return (parsed.batch_id, parsed.request_sha256, parsed.changes, parsed.data_texts)

    assert outcome(plain) == outcome(escaped)


def test_data_text_is_sorted_key_json() -> None:
    from fieldapp.server.validation import data_text

    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
    for data in (
        ANSWER["data"], SUBMISSION["data"], {"b": [1.5, -0.0, 1e300, None, True, {"z": 1}]},
        {"n": float("nan"), "i": float("-inf"), "big": 2**70, "s": "\u2028\x7f\"\\"}, {},
    ):  # fmt: skip
        assert data_text(data) == encoder.encode(data)
