"""Schemathesis against the published OpenAPI schema: whatever it sends — valid, invalid,
authenticated or not — the server never answers with a 5xx. Bounded so that it finishes in
well under a minute (max_examples per operation, both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from server_testkit import BACKENDS, fresh_database, seed

from fieldapp.server.accounts import add_user, create_enrolment, enrol_device
from fieldapp.server.app import create_app
from fieldapp.server.service import Server
from fieldapp.store import Store

MAX_EXAMPLES = 12


@pytest.fixture(scope="module", params=BACKENDS)
def fuzzed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Any, str]]:
    tmp = tmp_path_factory.mktemp("fuzz")
    with fresh_database(str(request.param), tmp) as url:
        server = Server(tmp / "server", database=url)
        try:
            add_user(server.db, username="fuzz", role="admin", street=None)
            code, _ = create_enrolment(server.db, username="fuzz")
            token, who = enrol_device(server.db, code=code, device_id="fuzzer", name="")
            # Some data, so that pulls, conflicts and status changes have rows to touch.
            device = Store.open(Path(tmp) / "device")
            seed(device, answers=5)
            from fieldapp.server.validation import validate_changes

            changes = validate_changes(
                [c.to_json() for c in device.collect_changes()], server.catalog
            )
            server.records.push(who, batch_id="seed", request_sha256="0" * 64, changes=changes)
            device.close()
            app = create_app(server)
            yield schemathesis.openapi.from_asgi("/openapi.json", app), token
        finally:
            server.close()


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(fuzzed: tuple[Any, str], mode: GenerationMode) -> None:
    # Driven by hand (strategy per operation) rather than schema.parametrize(): the
    # schemathesis pytest plugin does not work with this pytest version.
    schema, token = fuzzed
    seen: dict[str, set[int]] = {}
    for operation in _operations(schema):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        try:
            run()
        except Unsatisfiable:
            # Nothing invalid can be made for an operation without inputs (GET /info).
            assert mode is GenerationMode.NEGATIVE
    assert len(seen) >= len(_operations(schema)) - 2
    print(mode, {k: sorted(v) for k, v in seen.items()})
    assert not any(code >= 500 for codes in seen.values() for code in codes), seen


def test_no_server_errors_without_token(fuzzed: tuple[Any, str]) -> None:
    schema, _ = fuzzed
    for operation in _operations(schema):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case: Any) -> None:
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])

        run()
