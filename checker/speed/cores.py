"""Using the second core: when it pays, how many cores this process may use, and the one way workers are made.

Loading, checking and rendering a large corpus each hand half their work to a worker process forked by
`forked()`, when `worth_a_worker()` says the job is large enough. Where no worker can be started (a
daemon process, a sandbox without semaphores, a worker killed for memory) the work is done here
instead: slower, never wrong.

multiprocessing and concurrent.futures (a tenth of plancheck's start-up) are imported only when a pool
is made: a small or warm run never needs them.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

from .gcpause import shared

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


def __getattr__(name: str) -> Any:
    """POOL_ERRORS, what starting or using a process pool raises where it cannot work (the caller then
    works alone); looked up only when an `except cores.POOL_ERRORS` meets an exception, after a pool was
    tried, so its import costs a run without workers nothing."""
    if name == "POOL_ERRORS":
        from concurrent.futures.process import BrokenProcessPool
        return (OSError, AssertionError, BrokenProcessPool)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def available() -> int:
    """Cores this process may run on (its affinity, which containers and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def quiet_on_interrupt() -> None:
    """A worker's initializer: Ctrl-C, which a terminal sends to the whole process group, is left to the
    parent, which cancels the work not yet started, waits for the chunk under way and says "interrupted"
    once; a worker killed mid-task would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# How many items of each job make a second process pay for starting (see docs/performance.md): a file
# to parse costs several times a plan to check or a plan page to draw.
WORTH_A_WORKER = {"parse": 64, "check": 200, "render": 200}


def worth_a_worker(job: str, items: int) -> bool:
    """Whether `items` of `job` ("parse", "check" or "render") should be shared with a forked worker."""
    return items >= WORTH_A_WORKER[job] and can_fork()


def can_fork() -> bool:
    """Whether forked workers (which share this process's memory) can help: two cores and fork."""
    return available() >= 2 and hasattr(os, "fork")  # as multiprocessing decides that "fork" exists


_STATE: Any = None  # what the workers of the current forked pool work from
_FORKING = threading.Lock()  # one forked pool at a time, so _STATE is the one its workers were forked with


@contextmanager
def forked(workers: int, state: Any) -> Iterator["ProcessPoolExecutor"]:
    """A pool of `workers` processes forked from this one, in which `shared_state()` is `state`: they
    share this process's memory (the report, the graph) instead of receiving it pickled. What exists is
    frozen for the garbage collector first (see gcpause.shared)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    global _STATE
    with _FORKING:
        _STATE = state
        try:
            with shared(), ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork"),
                                             initializer=quiet_on_interrupt) as pool:
                yield pool
        finally:
            _STATE = None


def shared_state() -> Any:
    """In a worker of `forked`: the state the pool was made with."""
    return _STATE
