"""The device's HTTP connection to the server: retries with backoff, cancellation, and
every failure turned into a bilingual :class:`SyncError` (never a traceback).

Retried: connection failures and cuts, timeouts, 429 and 5xx — every request of the
protocol is safe to repeat (pushes carry a batch id, chunks an offset, the rest only read).
Not retried: other 4xx, which retrying cannot fix; their message comes from the server.
"""

from __future__ import annotations

import functools
import random
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

import fieldapp
from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text

__all__ = ["ServerClient", "SyncCancelled", "SyncError"]

Cancel = Callable[[], bool]


class SyncError(FieldappError):
    """Sync failed; ``text`` says why and what to do. ``status`` is the HTTP status when
    the server refused, ``code`` its error code; ``unreachable`` when it never answered."""

    def __init__(
        self, text: Text, *, status: int | None = None, code: str = "", unreachable: bool = False
    ) -> None:
        super().__init__(text)
        self.status = status
        self.code = code
        self.unreachable = unreachable
        self.details: dict[str, Any] = {}


class SyncCancelled(SyncError):
    """The user cancelled; everything finished before that is kept."""

    def __init__(self) -> None:
        super().__init__(
            Text(
                "同步已取消；已完成的部分已保存，下次同步会接着进行。",
                "Sync cancelled; what was done is kept and the next sync carries on.",
            ),
            code="cancelled",
        )


def unreachable_text(url: str, reason: str) -> Text:
    """The message for a server that does not answer."""
    return Text(
        f"无法连接同步服务器 {url}（{reason}）。请检查网络和服务器地址。数据已安全保存在本机，"
        "可稍后再同步。",
        f"Cannot reach the sync server {url} ({reason}). Check the network and the server "
        "address. Your data is safe on this device; sync again later.",
    )


class ServerClient:
    """Requests to one server, with the device token once it has one."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        attempts: int = 6,
        backoff: float = 0.2,
        timeout: float = 60.0,
        cancel: Cancel | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self._cancel = cancel or (lambda: False)
        self._sleep = sleep
        self.retries = 0
        """Requests repeated after a failure (for the result and the tests)."""
        # One client for every request of this sync, from every thread: connections are
        # kept alive and reused (a pool of a few, one per concurrent photo upload).
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=10.0),
            transport=transport,
            verify=_tls_context() if transport is None else True,
            headers={"User-Agent": f"fieldapp/{fieldapp.__version__}"},
        )

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def check_cancel(self) -> None:
        """Raise SyncCancelled if the user asked to stop."""
        if self._cancel():
            raise SyncCancelled

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        accept: tuple[int, ...] = (),
        auth: bool = True,
    ) -> httpx.Response:
        """Send a request, retrying what may be retried; 2xx and statuses in ``accept``
        are returned, anything else raises SyncError."""
        headers = {}
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if content is not None:
            headers["Content-Type"] = "application/octet-stream"
        failure: SyncError | None = None
        for attempt in range(self.attempts):
            self.check_cancel()
            if attempt:
                self.retries += 1
                self._wait(attempt)
            try:
                response = self._http.request(
                    method, path, json=json, content=content, params=params, headers=headers
                )
            except httpx.RequestError as exc:
                failure = SyncError(unreachable_text(self.base_url, _reason(exc)), unreachable=True)
                continue
            status = response.status_code
            if 200 <= status < 300 or status in accept:
                return response
            error = _refusal(response, self.base_url)
            if status == 429 or status >= 500:
                failure = error
                continue
            raise error
        assert failure is not None
        raise failure

    def request_json(
        self, method: str, path: str, *, keys: tuple[str, ...] = (), **kwargs: Any
    ) -> Any:
        """:meth:`request`, then the body as JSON holding ``keys``; a body that is not
        (a network's sign-in page answering 200 in place of the server, say) is a
        SyncError rather than a traceback."""
        response = self.request(method, path, **kwargs)
        try:
            body = response.json()
            missing = [k for k in keys if k not in body]
        except (ValueError, TypeError):
            missing = ["(JSON)"]
        if missing:
            raise SyncError(unexpected_text(self.base_url, response.status_code), code="unexpected")
        return body

    def _wait(self, attempt: int) -> None:
        # Exponential backoff with jitter, capped, sliced so that cancel works meanwhile.
        delay = min(10.0, self.backoff * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
        end = time.monotonic() + delay
        while (left := end - time.monotonic()) > 0:
            self.check_cancel()
            self._sleep(min(left, 0.1))


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The certificate-verifying TLS context, made once per process: loading the
    certificates takes tens of milliseconds, which every sync would pay again."""
    return httpx.create_ssl_context()


def unexpected_text(url: str, status: int) -> Text:
    """The message for an answer that is not the server's (a proxy, a sign-in page)."""
    return Text(
        f"服务器 {url} 返回了意外的应答（HTTP {status}），可能连接到了网络登录页面或代理。"
        "请检查网络和服务器地址。",
        f"The server {url} answered unexpectedly (HTTP {status}); the network may have "
        "shown a sign-in page or a proxy answered. Check the network and the server address.",
    )


def _reason(exc: httpx.RequestError) -> str:
    if isinstance(exc, httpx.ConnectError):
        return "connection refused or no route"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    return type(exc).__name__


def _refusal(response: httpx.Response, url: str) -> SyncError:
    """The server's bilingual reason, or a generic one if the body is not ours."""
    status = response.status_code
    try:
        body = response.json()
        error = body["error"]
        text = Text(str(error["zh"]), str(error.get("en") or error["zh"]))
        code = str(error.get("code", ""))
    except (ValueError, KeyError, TypeError):
        text = unexpected_text(url, status)
        code = "unexpected"
        error = {}
    failure = SyncError(text, status=status, code=code)
    if isinstance(error, dict):
        failure.details = {k: v for k, v in error.items() if k not in ("zh", "en", "code")}
    return failure
