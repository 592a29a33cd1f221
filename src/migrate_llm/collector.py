"""Python's cycle collector kept off while a file's syntax trees are built and read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def uncollected(collect: bool = True, last: bool = False) -> Iterator[None]:
    """Python's cycle collector off meanwhile (nothing changes inside an outer `uncollected`).

    A module's syntax trees and their metadata are hundreds of thousands of live objects that
    each collection would walk, for no garbage: a tenth of the time of a 10,000-line file,
    and half the time of Python's own parse of a 50,000-line one. Once the findings are made,
    nothing of the file is used again: what reference counting does not free (the scope
    analysis links nodes in cycles) is collected then, from the youngest generation, which
    holds it all. Left to the collector switched back on, the live tree was walked once
    more, moved to an older generation and walked there again before going: a seventh of
    the time of the rules on the LlamaIndex tree. `collect` False: the process ends soon,
    and what is left is frozen instead (left out of every collection until then). `last`:
    the process ends soon, and what the collection leaves (the findings, the text) is frozen
    after it: the collections of the work that follows walked it again and again (a 50,000-
    line module's 18,748 findings: 0.3 s)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if collect:
                gc.collect(0)
            if last or not collect:
                gc.freeze()
            gc.enable()


@contextmanager
def paused(stays: bool = False) -> Iterator[None]:
    """Python's cycle collector off meanwhile, and nothing collected at the end: for building
    a tree that stays live afterwards (a collection during it would walk it for nothing).
    `stays`: what was made meanwhile stays for the whole run (a large tree's files and their
    screenings): in a command's run (`pause_start`) it is frozen at the end, as start-up's
    objects are, rather than walked by the next collection (a gen-0 collection of 25,000
    files' objects, in the one process after the walk shared with forked copies)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if stays and _start["command"]:
                gc.freeze()
            gc.enable()


# whether the collector is paused while a command starts, and whether this process runs a
# command (not a library call: what a caller keeps is not ours to freeze)
_start = {"paused": False, "command": False}


def pause_start() -> None:
    """Python's cycle collector off while a command starts, until `started`: importing our
    modules (and building their tables) makes objects that stay for the whole run, some
    fifty collections of which found nothing (a twentieth of a scan's start-up)."""
    _start["command"] = True
    if gc.isenabled():
        gc.disable()
        _start["paused"] = True


def started() -> None:
    """After `pause_start`: what the start made frozen (left out of every collection, as it
    stays for the run) and the collector back on; nothing otherwise."""
    if _start["paused"]:
        _start["paused"] = False
        gc.freeze()
        gc.enable()
