"""Sync under load: 200 devices push a batch of 50 changes each at the same moment to
`fieldapp serve` processes sharing one PostgreSQL database; per-batch latency, and nothing
lost or stored twice.

Everything is real: 200 users with enrolment codes (accounts API), 200 device stores
enrolled through ``POST /api/v1/enrol``, and each device's batch made by the device's own
store — a new checklist submission of ``complete_community`` for a community of the
device's street with 49 validated answers (a FormSession, as the app saves them), exported
with ``collect_changes`` and wrapped as ``fieldapp.sync.push`` wraps a batch (batch id =
hash of the content). The server processes run on loopback behind no balancer: devices are
spread over them round-robin, as a load balancer would.

All devices fire at once: load-generator processes (asyncio, one connection per device,
plain HTTP/1.1 with each request's bytes made in advance, so that the client side takes
little of the CPU the servers share; several processes, so it is not one core's GIL) wait
for a common start instant. As ``fieldapp.sync`` does, each device has first asked
``GET /info`` on its connection, and its push goes on that connection; the latency of a
batch runs from the moment its request is issued to the moment its whole answer is read.
Each round every device pushes a new batch; the figure is the median round. A last round
opens a new connection for each push (connecting counted), for information.

Afterwards the server's database must hold every pushed row exactly once, with the content
sent; then a sample of batches is sent again with the same batch ids (answered from the
idempotency record, nothing written) and a few under new ids (every change merges as a
skip) — and the database must not have changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

DEVICES = 200
CHANGES = 50
"""Per batch: the submission and CHANGES - 1 answers."""
STREETS = 20
COMMUNITIES_PER_STREET = 2
SERVERS = 2
"""`fieldapp serve` processes on the one database (the reference machine has 2 cores)."""
GENERATORS = 2
"""Load-generator processes."""
ROUNDS = 3
COLD_ROUNDS = 1
"""Rounds after those, with a new connection per push (for information)."""
RESEND = 20
"""Batches of the last round sent again with their ids (and RESEND // 4 under new ids)."""
P95_TARGET_MS = 300.0
FORM_ID = "complete_community"
PG_USERS = ("postgres", "root")
PG_HOST = "127.0.0.1:5432"


# -- the devices ---------------------------------------------------------------------------


@dataclass
class Batch:
    """One push as `fieldapp.sync.push` sends it, and the rows it carries."""

    batch_id: str
    body: bytes
    rows: dict[tuple[str, str], tuple[str, str]]
    """(table, id) → (hlc, data as the server stores it: sorted-key JSON)."""


@dataclass
class BenchDevice:
    store: Any
    code: str
    community_id: str
    url: str = ""
    token: str = ""
    batches: list[Batch] = field(default_factory=list)


def wire_batch(changes: Sequence[Any]) -> Batch:
    """The request body and batch id of ``changes``, exactly as ``sync.push._send`` makes
    them (the id is the hash of the content, so a batch sent again has the same id)."""
    wire = [c.to_json() for c in changes]
    batch_id = hashlib.sha256(
        json.dumps(wire, sort_keys=True, ensure_ascii=True).encode()
    ).hexdigest()[:40]
    body = json.dumps({"batch_id": batch_id, "changes": wire}, ensure_ascii=False).encode()
    rows = {
        (c.table, c.id): (c.hlc, json.dumps(c.data, ensure_ascii=False, sort_keys=True))
        for c in changes
    }
    return Batch(batch_id, body, rows)


_VALUES: dict[tuple[str, str, int], list[tuple[str, str, Any]]] = {}


def _answer_values(form: Any, count: int) -> list[tuple[str, str, Any]]:
    """(question, instance, value) for the first ``count`` answerable questions, with a
    value of the question's type that the form's own validation accepts."""
    key = (form.id, form.version, count)
    if key not in _VALUES:
        _VALUES[key] = _find_values(form, count)
    return _VALUES[key]


def _find_values(form: Any, count: int) -> list[tuple[str, str, Any]]:
    from fieldapp.core.errors import AnswerError
    from fieldapp.core.forms import FormState

    rng = random.Random(count)
    state = FormState(form)
    out: list[tuple[str, str, Any]] = []
    for q in form.answerable:
        if len(out) == count:
            break
        kind = q.type.value
        options = [o.value for o in q.options]
        choices: dict[str, list[Any]] = {
            "integer": [rng.randint(1, 5000), 3],
            "decimal": [round(rng.uniform(0, 100), 1), 12.5],
            "single": options[:1],
            "multiple": [options[:2], options[:1]],
            "yes_no": [True, "yes"],
            "rating": [4],
            "text": ["楼道堆物较多，已提醒物业清理。"],
        }
        candidates = choices.get(kind, [])
        for value in candidates:
            try:
                canonical = state.validate(q.name, value)
            except AnswerError:  # the next candidate, or skip the question
                continue
            state.apply(q.name, canonical)
            out.append((q.name, "", value))
            break
    if len(out) < count:
        raise RuntimeError(f"{form.id} has only {len(out)} answerable questions")
    return out


def make_batch(store: Any, form: Any, community_id: str, answers: int) -> Batch:
    """A new checklist for ``community_id`` with ``answers`` answers, saved as the app
    saves them; its rows as one batch."""
    from fieldapp.store.form_session import FormSession

    session = FormSession.start(store, form, community_id, surveyor="基准体检员")
    session.set_answers(_answer_values(form, answers))
    sub = session.submission.id
    mine = [
        c
        for c in store.collect_changes(dirty_only=True)
        if (c.table == "submissions" and c.id == sub)
        or (c.table == "answers" and c.data.get("submission_id") == sub)
    ]
    assert len(mine) == answers + 1, len(mine)
    return wire_batch(mine)


def make_fleet(
    tmp: Path,
    admin: Any,
    *,
    devices: int,
    changes: int,
    rounds: int,
    streets: int,
) -> list[BenchDevice]:
    """Users, codes and device stores with their batches (set-up, not measured)."""
    from fieldapp.core.forms.builtin import builtin_form
    from fieldapp.server.accounts import add_user, create_enrolment
    from fieldapp.store import Store

    form = builtin_form(FORM_ID)
    seed = Store.open(tmp / "seed-device")
    project = seed.create_project("压力测试项目")
    communities: list[tuple[str, str]] = []
    for s in range(streets):
        street = f"基准街道{s:02d}"
        for n in range(COMMUNITIES_PER_STREET):
            c = seed.create_community(project.id, f"{street}第{n + 1}社区", street=street)
            communities.append((street, c.id))
    seed.register_form(
        form.id, form.version, form.kind.value, form.title.zh, form.title.en, form.source_text
    )
    shared = seed.collect_changes()
    seed.close()
    # The server gets the same rows (as a coordinator's sync would bring them).
    _seed_server(admin, shared)

    fleet: list[BenchDevice] = []
    for d in range(devices):
        street, community_id = communities[
            (d % streets) * COMMUNITIES_PER_STREET + (d // streets) % COMMUNITIES_PER_STREET
        ]
        username = f"bench{d:03d}"
        add_user(admin.db, username=username, role="surveyor", street=street)
        code, _ = create_enrolment(admin.db, username=username)
        store = Store.open(tmp / f"device{d:03d}")
        store.apply_changes(shared)  # what its first pull brings
        device = BenchDevice(store, code, community_id)
        for _ in range(rounds):
            device.batches.append(make_batch(store, form, community_id, changes - 1))
        fleet.append(device)
    return fleet


def _seed_server(admin: Any, shared: Sequence[Any]) -> None:
    from fieldapp.server.accounts import Principal

    coordinator = Principal("", "bench-seed", "coordinator", None, "", "bench-seed")
    admin.db.write(
        lambda conn: admin.records.apply(conn, shared, principal=coordinator, check_access=True)
    )


def enrol(fleet: Sequence[BenchDevice], urls: Sequence[str]) -> None:
    """Enrol every device through the API, spreading them over the server processes."""
    for n, d in enumerate(fleet):
        d.url = urls[n % len(urls)]
        answer = httpx.post(
            f"{d.url}/api/v1/enrol",
            json={"code": d.code, "device_id": d.store.device_id, "name": f"设备{n}"},
            timeout=30,
        )
        answer.raise_for_status()
        d.token = answer.json()["token"]


# -- the load generators -------------------------------------------------------------------

Job = tuple[int, str, str, str, bytes]
"""(device number, server URL, token, method + path, body)."""


def _request_bytes(job: Job) -> tuple[str, int, bytes]:
    """(host, port, the whole HTTP/1.1 request) of ``job``, made before the clock starts."""
    _, url, token, target, body = job
    method, path = target.split(" ", 1)
    host, port = url.removeprefix("http://").rsplit(":", 1)
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nAccept: application/json\r\n\r\n"
    )
    return host, int(port), head.encode("latin-1") + body


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """(status, body) of the next HTTP/1.1 answer on ``reader``, read whole."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        body = b"".join(parts)
    else:
        body = await reader.read()
    return status, body


def _info_request(host: str, port: int) -> bytes:
    return f"GET /api/v1/info HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode("latin-1")


async def _fire(
    jobs: Sequence[Job], start_at: float, *, warm: bool
) -> list[tuple[int, float, int, str]]:
    # Plain HTTP/1.1 over asyncio streams, requests made in advance: a generator spends
    # its CPU (shared with the servers) on little more than the sockets.
    requests = [_request_bytes(j) for j in jobs]

    async def one(n: int, host: str, port: int, request: bytes) -> tuple[int, float, int, str]:
        reader, writer = await asyncio.open_connection(host, port) if warm else (None, None)
        try:
            if warm:  # as fieldapp.sync does: GET /info first, the push on its connection
                assert reader is not None and writer is not None
                writer.write(_info_request(host, port))
                if (await _answer(reader))[0] != 200:
                    raise RuntimeError("GET /api/v1/info failed")
            delay = start_at - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            # From issuing the request (connecting included when not warm) to having read
            # the whole answer.
            started = time.perf_counter()
            if not warm:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None and writer is not None
            writer.write(request)
            status, body = await _answer(reader)
            elapsed = time.perf_counter() - started
        finally:
            if writer is not None:
                writer.close()
        return n, elapsed, status, body.decode("utf-8", "replace")

    return await asyncio.gather(*(one(job[0], *r) for job, r in zip(jobs, requests, strict=True)))


def _generator(jobs: Sequence[Job], start_at: float, warm: bool, out: Any) -> None:
    out.put(asyncio.run(_fire(jobs, start_at, warm=warm)))


def fire(
    jobs: Sequence[Job],
    generators: int,
    *,
    warm: bool = True,
    at_start: Callable[[], None] | None = None,
) -> list[tuple[int, float, int, str]]:
    """Send every job at one instant from ``generators`` processes; (device, seconds,
    status, body) of each, in job order. ``warm``: each device has asked ``GET /info`` on
    its connection before (as a sync starts), and the job goes on that connection.
    ``at_start`` is called (in a thread of this process) at that instant."""
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 1.5 + 0.3 * generators  # after the children have started
    procs = [
        ctx.Process(target=_generator, args=(jobs[g::generators], start_at, warm, out))
        for g in range(generators)
    ]
    for p in procs:
        p.start()
    timer = None
    if at_start is not None:
        timer = threading.Timer(max(0.0, start_at - time.time()), at_start)
        timer.start()
    results = [r for _ in procs for r in out.get(timeout=300)]
    if timer is not None:
        timer.join()
    for p in procs:
        p.join(30)
    if time.time() < start_at:  # pragma: no cover - a generator could not start in time
        raise RuntimeError("load generator started late")
    return sorted(results)


# -- servers -------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(
    data_dir: Path, database: str | None, count: int
) -> Iterator[tuple[list[str], list[int]]]:
    """``count`` `fieldapp serve` processes on one database; their URLs and process ids."""
    exe = str(Path(sys.executable).with_name("fieldapp"))
    extra = ["--database", database] if database else []
    procs: list[subprocess.Popen[bytes]] = []
    urls: list[str] = []
    try:
        for _ in range(count):
            port = _free_port()
            with (data_dir / f"serve-{port}.log").open("wb") as log:
                procs.append(
                    subprocess.Popen(
                        [exe, "serve", "--data-dir", str(data_dir), *extra, "--port", str(port)],
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            urls.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        for proc, url in zip(procs, urls, strict=True):
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"fieldapp serve did not start (see {data_dir})")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{url}/api/v1/info", timeout=1).status_code == 200:
                        break
                time.sleep(0.05)
        yield urls, [p.pid for p in procs]
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# -- checks --------------------------------------------------------------------------------


def stored_state(admin: Any) -> tuple[dict[tuple[str, str], tuple[str, str]], int, int, int]:
    """Rows of submissions and answers on the server ((table, id) → (hlc, data)), how
    many there are, how many distinct sequence numbers they hold, and the counter."""
    from sqlalchemy import func, select

    from fieldapp.server.schema import records, seq_counter

    query = select(
        records.c.table_name, records.c.id, records.c.hlc, records.c.data, records.c.seq
    ).where(records.c.table_name.in_(["submissions", "answers"]))
    with admin.db.read() as conn:
        rows = conn.execute(query).all()
        counter = int(conn.execute(select(func.max(seq_counter.c.value))).scalar_one())
    state = {(t, i): (h, d) for t, i, h, d, _ in rows}
    return state, len(rows), len({r[4] for r in rows}), counter


@dataclass
class LoadResult:
    latencies: list[list[float]]
    """Seconds per batch, per round."""
    walls: list[float]
    lost: int
    duplicated: int
    resent: int
    problems: list[str]
    cold_latencies: list[list[float]] = field(default_factory=list)
    """Seconds per batch of the rounds with a new connection per push."""
    cpu: list[tuple[float, float]] = field(default_factory=list)
    """CPU seconds per round of the server processes and of PostgreSQL (Linux; else 0)."""


def _job(d: BenchDevice, n: int, body: bytes) -> Job:
    return (n, d.url, d.token, "POST /api/v1/push", body)


def run_load(
    tmp: Path,
    database: str | None,
    *,
    devices: int = DEVICES,
    changes: int = CHANGES,
    rounds: int = ROUNDS,
    servers: int = SERVERS,
    generators: int = GENERATORS,
    streets: int = STREETS,
    resend: int = RESEND,
    cold_rounds: int = COLD_ROUNDS,
) -> LoadResult:
    """Set up, run ``rounds`` of every device pushing one batch at once on the connection
    its sync opened, then ``cold_rounds`` with a new connection per push, and check."""
    from fieldapp.server.service import Server

    data_dir = tmp / "server"
    admin = Server(data_dir, database=database)
    fleet: list[BenchDevice] = []
    try:
        started = time.perf_counter()
        fleet = make_fleet(
            tmp, admin, devices=devices, changes=changes, rounds=rounds + cold_rounds,
            streets=streets,
        )  # fmt: skip
        _log(
            f"set-up: {devices} devices × {rounds + cold_rounds} batches in "
            f"{time.perf_counter() - started:.1f} s"
        )
        with serve(data_dir, database, servers) as (urls, pids):
            enrol(fleet, urls)
            # Warm-up: every device asks who it is, so that each server process has its
            # connections open — a running server has them.
            me = [(n, d.url, d.token, "GET /api/v1/me", b"") for n, d in enumerate(fleet)]
            fire(me, 1, warm=False)
            result = LoadResult([], [], 0, 0, 0, [])
            for r in range(rounds + cold_rounds):
                jobs = [_job(d, n, d.batches[r].body) for n, d in enumerate(fleet)]
                if r >= rounds:
                    answers = fire(jobs, generators, warm=False)
                    result.cold_latencies.append([a[1] for a in answers])
                else:
                    start: list[tuple[float, float]] = []
                    started = time.perf_counter()
                    answers = fire(
                        jobs, generators, at_start=lambda s=start: s.append(_round_cpu(pids))
                    )
                    result.walls.append(time.perf_counter() - started)
                    (servers, pg), (servers0, pg0) = _round_cpu(pids), start[0]
                    result.cpu.append((servers - servers0, pg - pg0))
                    result.latencies.append([a[1] for a in answers])
                for n, _, status, text in answers:
                    body = json.loads(text) if status == 200 else {}
                    if body.get("inserted") != changes or body.get("replayed"):
                        result.problems.append(f"round {r} device {n}: {status} {text[:300]}")
            _check(admin, fleet, result, resend=resend, generators=generators)
        return result
    finally:
        for d in fleet:
            d.store.close()
        admin.close()


def _cpu_seconds(pids: Iterable[int]) -> float:
    """User + system CPU time these processes have used so far (Linux; 0 elsewhere). The
    servers and PostgreSQL are idle between rounds, so the difference across a round is
    what the round cost them."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / tick


def _round_cpu(servers: Iterable[int]) -> tuple[float, float]:
    """CPU seconds used so far by the server processes and by PostgreSQL."""
    return _cpu_seconds(servers), _cpu_seconds(_postgres_pids())


def _postgres_pids() -> list[int]:
    """The processes of the local PostgreSQL cluster (its backends do the database's work)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*") if Path("/proc").is_dir() else []:
        with contextlib.suppress(OSError):
            if (entry / "comm").read_text().strip() == "postgres":
                found.append(int(entry.name))
    return found


def _check(
    admin: Any, fleet: Sequence[BenchDevice], result: LoadResult, *, resend: int, generators: int
) -> None:
    expected: dict[tuple[str, str], tuple[str, str]] = {}
    for d in fleet:
        for b in d.batches:
            expected.update(b.rows)
    state, count, seqs, counter = stored_state(admin)
    lost = [k for k, v in expected.items() if state.get(k) != v]
    result.lost = len(lost)
    # Rows beyond those sent (a second copy of an answer under another id), rows stored
    # twice under one key, rows sharing a sequence number.
    result.duplicated = len(set(state) - set(expected)) + (count - len(state)) + (count - seqs)

    # Sent again: the same batches with their ids, and some under new ids.
    rng = random.Random(6)
    sample = rng.sample(range(len(fleet)), min(resend, len(fleet)))
    jobs = [_job(fleet[n], n, fleet[n].batches[-1].body) for n in sample]
    renamed = sample[: max(1, len(sample) // 4)]
    for n in renamed:
        body = json.loads(fleet[n].batches[-1].body)
        body["batch_id"] = "again-" + body["batch_id"][:30]
        jobs.append(_job(fleet[n], n, json.dumps(body, ensure_ascii=False).encode()))
    answers = fire(jobs, generators)
    result.resent = len(answers)
    for n, _, status, text in answers:
        body = json.loads(text) if status == 200 else {}
        fresh = not body.get("batch_id", "").startswith("again-")
        if (
            status != 200
            or (fresh and not body.get("replayed"))
            or body.get("inserted") != (len(fleet[n].batches[-1].rows) if fresh else 0)
        ):
            result.problems.append(f"re-sent, device {n}: {status} {text[:300]}")
    after, count_after, seqs_after, counter_after = stored_state(admin)
    if (after, count_after, seqs_after, counter_after) != (state, count, seqs, counter):
        extra = count_after - count + counter_after - counter
        result.duplicated += max(1, extra)
        result.problems.append(f"re-sending changed the database: {extra} more rows or numbers")


def _log(text: str) -> None:
    print(f"  {text}", file=sys.stderr)


# -- PostgreSQL ----------------------------------------------------------------------------


def pg_admin_url() -> str | None:
    """The URL of database ``test`` for a user allowed to create databases, or None."""
    import psycopg

    for user in PG_USERS:
        url = f"postgresql://{user}@{PG_HOST}/test"
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, connect_timeout=3):
            return url
    return None


@contextlib.contextmanager
def fresh_pg_database(admin_url: str) -> Iterator[str]:
    """A new database for this run (its URL), dropped afterwards."""
    import psycopg

    name = f"fieldapp_bench_load_{secrets.token_hex(5)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def reference_loop_ms() -> float:
    """CPU time of a fixed pure-Python loop (best of 3): how fast this machine runs Python
    right now, to read the figures against — on the reference machine it varies by a
    third from one hour to the next."""
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        total = 0
        for n in range(1_000_000):
            total += n & 7
        best = min(best, time.thread_time() - started)
    return best * 1000


def _pct(values: Sequence[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def run() -> list[tuple[str, str, str, bool]]:
    """(figure, measured, target, ok) rows, as ``python -m bench`` prints them."""
    figure = f"sync load: {DEVICES} devices × {CHANGES} changes at once, PostgreSQL"
    admin_url = pg_admin_url()
    if admin_url is None:
        return [(f"{figure}: p95 per batch", "no PostgreSQL", f"≤ {P95_TARGET_MS:g} ms", False)]
    _log(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    reference = reference_loop_ms()
    with (
        tempfile.TemporaryDirectory(prefix="bench-sync-load-") as tmp,
        fresh_pg_database(admin_url) as url,
    ):
        result = run_load(Path(tmp), url)
    p95s, p50s, maxes = [], [], []
    for n, (times, wall) in enumerate(zip(result.latencies, result.walls, strict=True)):
        p95s.append(_pct(times, 95) * 1000)
        p50s.append(statistics.median(times) * 1000)
        maxes.append(max(times) * 1000)
        server_cpu, pg_cpu = result.cpu[n]
        _log(
            f"round {n + 1}: p50 {p50s[-1]:.0f} ms, p95 {p95s[-1]:.0f} ms, "
            f"max {maxes[-1]:.0f} ms, all done {max(times):.2f} s (wall {wall:.1f} s incl. start); "
            f"CPU: servers {server_cpu:.2f} s, PostgreSQL {pg_cpu:.2f} s"
        )
    for problem in result.problems[:10]:
        _log(problem)
    _log(f"load after: {os.getloadavg()[0]:.2f} (1 min)")
    mid = sorted(range(len(p95s)), key=lambda i: p95s[i])[len(p95s) // 2]
    p95 = p95s[mid]
    server_cpu, pg_cpu = result.cpu[mid]
    cold = [_pct(times, 95) * 1000 for times in result.cold_latencies]
    # All batches arrive at once, so the round is bound by CPU: what the servers and
    # PostgreSQL used, against what 'all done' times the cores could give.
    budget = (os.cpu_count() or 1) * maxes[mid] / 1000
    spread = f"{min(p95s):.0f}–{max(p95s):.0f}"
    clean = result.lost == 0 and result.duplicated == 0 and not result.problems
    return [
        (
            f"{figure}: p95 per batch (median of {len(p95s)} rounds: {spread} ms)",
            f"{p95:.0f} ms",
            f"≤ {P95_TARGET_MS:g} ms",
            p95 <= P95_TARGET_MS and not result.problems,
        ),
        (
            f"{figure}: p50 / max per batch (same round)",
            f"{p50s[mid]:.0f} / {maxes[mid]:.0f} ms",
            "(info)",
            True,
        ),
        (
            f"{figure}: the same, a new connection for each push: p95 per batch",
            " / ".join(f"{p:.0f}" for p in cold) + " ms" if cold else "—",
            "(info)",
            True,
        ),
        (
            f"{figure}: CPU of that round, servers / PostgreSQL (of cores × all done)",
            f"{server_cpu:.2f} / {pg_cpu:.2f} s (of {budget:.2f} s)",
            "(info)",
            True,
        ),
        (
            "sync load: CPU reference, a 1,000,000-step Python loop (best of 3, before the load)",
            f"{reference:.0f} ms",
            "(info)",
            True,
        ),
        (
            f"{figure}: stored rows after {result.resent} batches re-sent",
            f"lost {result.lost}, duplicated {result.duplicated}",
            "0 / 0",
            clean,
        ),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
