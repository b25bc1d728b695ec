"""Using the second core: how many cores this process may use, and when a pool of workers cannot start.

Loading, checking and rendering a large corpus each hand half their work to a worker process. Where no
worker can be started (a daemon process, a sandbox without semaphores, a worker killed for memory) the
work is done here instead: slower, never wrong.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures.process import BrokenProcessPool

# What starting or using a process pool raises where it cannot work; the caller then works alone.
POOL_ERRORS = (OSError, AssertionError, BrokenProcessPool)


def available() -> int:
    """Cores this process may run on (its affinity, which containers and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether forked workers (which share this process's memory) can help: two cores and fork."""
    return available() >= 2 and "fork" in mp.get_all_start_methods()
