"""Keep Python's cyclic garbage collector out of the way of bulk work.

A national corpus is a few million long-lived objects: the model, the graph's indexes, the findings and,
while the report is written, its pages' parts. The cyclic collector walks every tracked object on each
full collection, and creating that many objects sets off full collections again and again; on the
national benchmark that was a third of a warm check's time. The pipeline makes no reference cycles in
bulk (reference counting frees what it drops), so:

- `paused()` turns the collector off while loading, linking, checking and rendering, and restores it;
- `shared()` freezes the objects that exist before worker processes are forked (Python's advice for
  fork without exec), so that no collection, in a worker or later here, walks them, and workers do not
  copy the memory pages those objects sit on just to update the collector's bookkeeping.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def shared() -> Iterator[None]:
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
