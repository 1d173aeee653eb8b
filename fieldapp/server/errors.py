"""Errors the server answers with: an HTTP status, a stable code and a bilingual message.

Every refusal goes out as ``{"error": {"code", "zh", "en", ...}}`` so that the device can show
the message in the user's language (``fieldapp.sync`` turns it back into a Text).
"""

from __future__ import annotations

from typing import Any

from fieldapp.core.errors import FieldappError
from fieldapp.core.i18n import Text


class ApiError(FieldappError):
    """A request refused with ``status`` (4xx); ``extra`` fields go into the error body."""

    def __init__(self, status: int, code: str, text: Text, **extra: Any) -> None:
        super().__init__(text)
        self.status = status
        self.code = code
        self.extra = extra

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"error": {"code": self.code, "zh": self.text.zh, "en": self.text.en, **self.extra}}


def unauthorized(zh: str, en: str) -> ApiError:
    """401: no token, an unknown or revoked token, a bad enrolment code."""
    return ApiError(401, "unauthorized", Text(zh, en))


def forbidden(zh: str, en: str) -> ApiError:
    """403: authenticated, but this user may not do or see that."""
    return ApiError(403, "forbidden", Text(zh, en))


def invalid(zh: str, en: str, **extra: Any) -> ApiError:
    """422: well-formed JSON whose content cannot be accepted."""
    return ApiError(422, "invalid", Text(zh, en), **extra)


def conflict(code: str, zh: str, en: str, **extra: Any) -> ApiError:
    """409: the request does not fit the server's current state (retry after fixing it)."""
    return ApiError(409, code, Text(zh, en), **extra)


def not_found(zh: str, en: str) -> ApiError:
    """404: nothing of that name the user may see."""
    return ApiError(404, "not_found", Text(zh, en))


def too_large(limit: int) -> ApiError:
    """413: a body over ``limit`` bytes."""
    mb = limit / (1024 * 1024)
    return ApiError(
        413,
        "too_large",
        Text(f"请求过大（上限 {mb:g} MB）。", f"The request is too large (limit {mb:g} MB)."),
        limit=limit,
    )


class ServerSetupError(FieldappError):
    """The server cannot start or reach its database (a user error at the command line)."""
