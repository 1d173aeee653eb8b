"""Something costly to set up, shared by overlapping users and kept for a while after the
last one leaves: a surveyor imports one photo after another, and an idle app should not
sit on the memory."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

__all__ = ["KEEP_WARM_S", "KeptWarm"]

KEEP_WARM_S = 20.0
T = TypeVar("T")


class KeptWarm(ABC, Generic[T]):
    """Reference-counted use of a resource; released KEEP_WARM_S after the last user.

    Subclasses say how to get it (``_acquire``, called under the lock for every user, with
    the user's ``size``) and how to let it go (``_release``, under the lock; it may return
    a call to make once the lock is free, such as joining processes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._held = False
        self._timer: threading.Timer | None = None

    @abstractmethod
    def _acquire(self, size: int, *, shared: bool) -> T: ...

    @abstractmethod
    def _release(self) -> Callable[[], None] | None: ...

    @contextmanager
    def use(self, size: int) -> Iterator[T]:
        """The resource, for the length of the ``with`` block."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            value = self._acquire(size, shared=self._users > 0)
            self._held = True
            self._users += 1
        try:
            yield value
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._held:
                    self._timer = threading.Timer(KEEP_WARM_S, self.release)
                    self._timer.daemon = True
                    self._timer.start()

    def release(self) -> None:
        """Let the resource go now, unless someone is using it."""
        with self._lock:
            if self._users or not self._held:
                return
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._held = False
            after = self._release()
        if after is not None:
            after()

    @property
    def held(self) -> bool:
        """Whether the resource exists (in use or kept warm)."""
        return self._held
