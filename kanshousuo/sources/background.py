"""Run one slow, independent step in a forked child process while this process does another.

Used where a run would otherwise wait on two things in turn: camelot's pass over a PDF beside
the page-text pass and pandera's import. On a machine with two cores the wall time is then the
longer of the two, not the sum (`benchmarks/`). Forking is only safe in a process with one
thread, so inside a Jupyter kernel (which runs several) and where fork does not exist, the step
simply runs here, in turn.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import Generic, TypeVar

from kanshousuo.errors import DisclosureError

T = TypeVar("T")


def can_fork() -> bool:
    """True where a forked child is safe: on Linux (macOS's system libraries are not fork-safe),
    in a process running a single thread."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


@dataclass
class Pending(Generic[T]):
    """A step started by `in_background`: `result()` waits for it; `forked` says whether it runs
    in a child (so this process is free meanwhile) or will run here when asked."""

    result: Callable[[], T]
    forked: bool


@contextmanager
def in_background(step: Callable[..., T], *args: object, what: str) -> Iterator[Pending[T]]:
    """Start `step(*args)` in a forked child; yield the pending step.

    The child's exceptions (a DisclosureError for bad input) are raised by `result()`; a child
    that dies without one raises a DisclosureError naming `what` it was doing.
    """
    if not can_fork():
        yield Pending(cache(partial(step, *args)), forked=False)  # runs when first asked, once
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_die_with, initargs=(os.getpid(),)) as pool:
        pending = pool.submit(step, *args)

        def result() -> T:
            try:
                return pending.result()
            except BrokenProcessPool:
                raise DisclosureError(f"the child process {what} stopped unexpectedly") from None

        yield Pending(result, forked=True)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """In the child: ask the kernel to kill it when its parent dies (a terminated or killed
    command must not leave camelot running), and stop at once if the parent is already gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child outlives a killed parent
        pass
    if os.getppid() != parent:
        os._exit(1)
