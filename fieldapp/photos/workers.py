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
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager

from fieldapp.photos.decode import BLOCKS_PER_WORKER, pillow_block_cache
from fieldapp.photos.kept_warm import KeptWarm

__all__ = ["photo_executor", "photo_processes"]


def _start_worker() -> None:
    """Initializer of a worker process: the pipeline loaded, Pillow's block cache on."""
    # Ctrl-C is the parent's to handle: it cancels the import and discards staged files.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from PIL import Image

    Image.core.set_blocks_max(BLOCKS_PER_WORKER)  # type: ignore[attr-defined]


class _ProcessPool(KeptWarm[ProcessPoolExecutor]):
    """The worker processes, shared by concurrent imports and kept warm after the last."""

    def __init__(self) -> None:
        super().__init__()
        self._pool: ProcessPoolExecutor | None = None
        self._size = 0

    def _acquire(self, size: int, *, shared: bool) -> ProcessPoolExecutor:
        if self._pool is not None and not shared and self._size != size:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=size,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
            self._size = size
        return self._pool

    def _release(self) -> Callable[[], None] | None:
        pool, self._pool = self._pool, None
        return None if pool is None else lambda: pool.shutdown(wait=True)

    def discard(self, pool: Executor) -> None:
        """Forget ``pool`` (a worker died and broke it): the next import starts a new one."""
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)


photo_processes = _ProcessPool()


@contextmanager
def photo_executor(workers: int, files: int) -> Iterator[Executor]:
    """An executor for processing ``files`` photos with up to ``workers`` in parallel: the
    shared worker processes, or one thread of this process for a single file or worker.
    Leaving it neither cancels nor waits for the work submitted: the caller does that."""
    if workers <= 1 or files <= 1:
        with pillow_block_cache.use(1):
            thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo")
            try:
                yield thread
            finally:
                thread.shutdown(wait=False)
        return
    with photo_processes.use(workers) as pool:
        yield pool
