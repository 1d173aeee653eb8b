"""The error types every layer raises for bad input: each carries a bilingual message."""

from __future__ import annotations

from fieldapp.core.i18n import Text


class FieldappError(Exception):
    """Base of all expected errors: bad input, not bugs. ``text`` is shown to users."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.both())
        self.text = text

    def __reduce__(self) -> tuple[object, ...]:
        # Picklable whatever a subclass's __init__ takes: photo workers in other processes
        # send their refusals back this way.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[FieldappError], args: tuple[object, ...], state: dict[str, object]
) -> FieldappError:
    error = Exception.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ExpressionError(FieldappError):
    """An expression failed to parse or evaluate; ``position`` is a 0-based offset or None."""

    def __init__(self, text: Text, *, position: int | None = None, source: str = "") -> None:
        if position is not None:
            text = Text(
                f"{text.zh}（第 {position + 1} 个字符）",
                f"{text.en or text.zh} (at character {position + 1})",
            )
        super().__init__(text)
        self.position = position
        self.source = source


class FormError(FieldappError):
    """A form file is malformed; ``path`` and ``line`` (1-based) say where."""

    def __init__(self, text: Text, *, path: str = "", line: int | None = None) -> None:
        where = path + (f":{line}" if line is not None else "")
        super().__init__(
            Text(f"{where}: {text.zh}", f"{where}: {text.en or text.zh}") if where else text
        )
        self.reason = text
        self.path = path
        self.line = line


class AnswerError(FieldappError):
    """An answer is of the wrong type or violates a constraint; ``question`` names it."""

    def __init__(self, text: Text, *, question: str) -> None:
        super().__init__(text)
        self.question = question


class StoreError(FieldappError):
    """The data directory or database cannot be used (unreadable, newer version, not found)."""


class NotFoundError(FieldappError):
    """A record named by the user (community id or name, submission...) does not exist."""
