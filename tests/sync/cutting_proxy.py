"""A TCP proxy that cuts connections at random byte offsets (fault injection for sync).

Each direction of each accepted connection gets, with probability ``p``, a random budget of
bytes; the connection is cut where the first budget runs out: upstream (the device's
request, e.g. a push or a photo chunk, is cut off half way) or downstream (the server did
the work, its answer is lost). A cut resets both sockets, as a dropped mobile link would.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
from dataclasses import dataclass


@dataclass
class CutStats:
    connections: int = 0
    upstream: int = 0
    downstream: int = 0

    @property
    def cuts(self) -> int:
        return self.upstream + self.downstream


class CuttingProxy:
    """Forward 127.0.0.1:<port> to the upstream port, cutting connections at random."""

    def __init__(self, upstream_port: int, *, p: float, max_bytes: int, seed: int) -> None:
        self.upstream_port = upstream_port
        self.p = p
        self.max_bytes = max_bytes
        self.enabled = True
        self.stats = CutStats()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self.stats.connections += 1
                budgets = [
                    self._rng.randint(0, self.max_bytes)
                    if self.enabled and self._rng.random() < self.p
                    else None
                    for _ in range(2)
                ]
            state = {"done": False}
            up_cut, down_cut = budgets
            threading.Thread(
                target=self._pump, args=(client, server, up_cut, "up", state), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(server, client, down_cut, "down", state), daemon=True
            ).start()

    def _pump(
        self,
        src: socket.socket,
        dst: socket.socket,
        cut_at: int | None,
        direction: str,
        state: dict[str, bool],
    ) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if cut_at is not None and sent + len(data) > cut_at:
                    dst.sendall(data[: max(0, cut_at - sent)])
                    with self._lock:
                        if not state["done"]:
                            state["done"] = True
                            if direction == "up":
                                self.stats.upstream += 1
                            else:
                                self.stats.downstream += 1
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            _reset(src)
            _reset(dst)


def _reset(sock: socket.socket) -> None:
    # shutdown() first: it wakes the other pump blocked in recv() on this socket (close()
    # alone would not, and the peer would wait for its timeout instead of seeing the cut).
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
