"""Work shared with forked copies of this process, each sending back what it found.

A pool of workers costs a large walk more than it saves: every path goes to a worker and
every verdict back, one object at a time, and the three processes then contend for two
cores. A fork instead copies the process as it stands, mid-walk, with all it has built;
each copy goes on with its own share of what is left and sends back, once, what it
found, as a few columns. Only where a fork is safe: a system that has one (not macOS,
whose system libraries may not survive one) and a process running a single thread.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
import threading
from typing import NoReturn


def possible() -> bool:
    """Whether this process may fork now."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class Fork:
    """`jobs` processes sharing a piece of work: this one (index 0) and its forked copies
    (1 to `jobs - 1`), made by `start`. A copy ends with `finish`; this process takes their
    results with `results`, or stops them with `stop`."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.index = -1  # not started
        self._children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
        self._pipe = -1  # in a copy: the write end of its pipe

    @property
    def started(self) -> bool:
        return self.index >= 0

    @property
    def copy(self) -> bool:
        """Whether this process is a forked copy."""
        return self.index > 0

    def start(self) -> int:
        """Fork the copies; this process's index (0 here, 1 to `jobs - 1` in a copy). When
        the system refuses a fork (a process limit), the work goes on with fewer copies.
        Ctrl-C waits until each copy is counted (`stop` ends only the copies it knows)."""
        self.index = 0
        held = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
        try:
            for index in range(1, self.jobs):
                read, write = os.pipe()
                try:
                    pid = os.fork()
                except OSError:
                    os.close(read)
                    os.close(write)
                    break
                if pid == 0:
                    os.close(read)
                    for _, other in self._children:
                        os.close(other)
                    self._children = []
                    self._pipe, self.index = write, index
                    return index
                os.close(write)
                self._children.append((pid, read))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return 0

    def finish(self, result: object) -> NoReturn:
        """In a copy: send `result` and end the process, without running anything the
        parent registered to run at exit (nor flushing its buffers: not ours to write)."""
        import pickle

        try:
            data = memoryview(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
            while data:
                data = data[os.write(self._pipe, data) :]
            code = 0
        except BaseException:
            code = 1
        os._exit(code)

    def fail(self) -> NoReturn:
        """In a copy: end the process without a result (its share is redone by the parent)."""
        os._exit(1)

    def results(self) -> list[object | None]:
        """Each copy's result, in index order (None for a copy that ended without one)."""
        import pickle  # here: a run with no copies needs none

        results: list[object | None] = []
        while self._children:
            pid, read = self._children[0]
            chunks = []
            with open(read, "rb", buffering=0, closefd=False) as pipe:
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
            _, status = os.waitpid(pid, 0)
            os.close(read)
            del self._children[0]
            data = b"".join(chunks)
            result = None
            if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data:
                try:
                    result = pickle.loads(data)
                except Exception:
                    result = None
            results.append(result)
        return results

    def stop(self) -> None:
        """End the copies not yet waited for (this process is giving up on the work)."""
        for pid, read in self._children:
            with contextlib.suppress(OSError):  # gone already, or reaped before an interrupt
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(read)
        self._children = []


class Tickets:
    """The numbers 0 to `count - 1`, each taken by exactly one of the processes forked
    after it is made (`take`), first come first served: what a process finishes early with
    it takes the next of. They sit in a pipe written before the fork and closed for writing,
    so a read takes one or finds the pipe empty. A pipe holds `LIMIT` of them (64 KiB, as
    Linux makes one); one that holds fewer (a user over the system's share of pipe memory
    gets 4 KiB) raises OSError rather than wait for a reader that will never come."""

    SIZE = struct.calcsize("=I")
    LIMIT = 65536 // SIZE

    def __init__(self, count: int) -> None:
        if not 0 <= count <= self.LIMIT:
            raise ValueError(f"at most {self.LIMIT} tickets")
        self._read, write = os.pipe()
        try:
            os.set_blocking(write, False)
            data = struct.pack(f"={count}I", *range(count))
            if data and os.write(write, data) != len(data):
                raise BlockingIOError("the pipe holds fewer tickets")
        except OSError:
            os.close(self._read)
            raise
        finally:
            os.close(write)

    def take(self) -> int | None:
        """The next number, or None when every one is taken."""
        data = os.read(self._read, self.SIZE)
        return struct.unpack("=I", data)[0] if data else None

    def close(self) -> None:
        os.close(self._read)
