"""SIGINT, SIGTERM and SIGHUP become rbtool.errors.Interrupted, except inside `deferred()` blocks.

Why not KeyboardInterrupt: Typer catches it and exits 130 without a word, before rbtool's handler could say
what was kept. Why deferred blocks: a signal that lands on a COMMIT would otherwise raise right after the
commit returned, and the code around it would report (and try to roll back) a document that is stored. Inside
a deferred block the signal is remembered and raised when the block ends, so the caller counts what
happened truthfully.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

from rbtool.errors import Interrupted

HANDLED = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                if s is not None)

_depth = 0
_pending: int | None = None


def _handle(signum: int, frame) -> None:
    global _pending
    if _depth:
        _pending = signum
        return
    raise Interrupted(signum)


def install() -> None:
    """Turn the handled signals into Interrupted (call once, in the main thread, when a command starts)."""
    for signum in HANDLED:
        if signal.getsignal(signum) is not signal.SIG_IGN:  # `nohup rbtool ...` keeps ignoring SIGHUP
            signal.signal(signum, _handle)


@contextmanager
def deferred() -> Iterator[None]:
    """A block a signal must not cut in two (a commit and the count of what it stored)."""
    global _depth, _pending
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth and _pending is not None:
            signum, _pending = _pending, None
            raise Interrupted(signum)
