"""Where imported photos are decoded and encoded: worker processes, shared and kept warm.

Processes, not threads. Pillow releases the GIL while it decodes, resizes and encodes, but
not while it allocates, parses EXIF or runs its Python glue; two busy worker threads took
enough of the GIL to stall the desktop app's event loop for 100 ms at a time during a
100-photo import, against about 40 ms with worker processes (bench/bench_ui.py), and the
processes were as fast or faster (bench/bench_photos.py). A decoder crashing on a hostile
file also ends a worker, not the app.

A single file, or one worker, is processed on a thread of the calling process instead: a
camera capture should not wait for a process to start. Workers start with "spawn" on every
platform — the one Windows has, and safe in a process that runs threads (fork is not).
The pool is shared by overlapping imports and by the chunks of one big import, kept for
KEEP_WARM_S after the last one (a surveyor imports one thing after another), then shut down
so an idle app does not keep the workers' memory.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager

from fieldapp.photos.decode import BLOCKS_PER_WORKER, KEEP_WARM_S, pillow_block_cache

__all__ = ["photo_executor", "photo_processes"]


def _start_worker() -> None:
    """Initializer of a worker process: the pipeline loaded, Pillow's block cache on."""
    # Ctrl-C is the parent's to handle: it cancels the import and discards staged files.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from PIL import Image

    Image.core.set_blocks_max(BLOCKS_PER_WORKER)  # type: ignore[attr-defined]


class _ProcessPool:
    """A process pool shared by concurrent users, shut down KEEP_WARM_S after the last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0
        self._users = 0
        self._timer: threading.Timer | None = None

    @contextmanager
    def __call__(self, workers: int) -> Iterator[ProcessPoolExecutor]:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._pool is not None and self._users == 0 and self._size != workers:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                )
                self._size = workers
            pool = self._pool
            self._users += 1
        try:
            yield pool
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._pool is not None:
                    self._timer = threading.Timer(KEEP_WARM_S, self.shutdown)
                    self._timer.daemon = True
                    self._timer.start()

    def discard(self, pool: Executor) -> None:
        """Forget ``pool`` (a worker died and broke it): the next import starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the workers now, unless an import is using them."""
        with self._lock:
            if self._users or self._pool is None:
                return
            pool, self._pool = self._pool, None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        pool.shutdown(wait=True)

    @property
    def running(self) -> bool:
        """Whether worker processes exist (in use or kept warm)."""
        return self._pool is not None


photo_processes = _ProcessPool()


@contextmanager
def photo_executor(workers: int, files: int) -> Iterator[Executor]:
    """An executor for processing ``files`` photos with up to ``workers`` in parallel: the
    shared worker processes, or one thread of this process for a single file or worker.
    Leaving it neither cancels nor waits for the work submitted: the caller does that."""
    if workers <= 1 or files <= 1:
        with pillow_block_cache(1):
            thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo")
            try:
                yield thread
            finally:
                thread.shutdown(wait=False)
        return
    with photo_processes(workers) as pool:
        yield pool
