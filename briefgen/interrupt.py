"""A Ctrl-C that sticks.

A library that catches every exception around a callback (or clears the error it reports) can
swallow the `KeyboardInterrupt` Python raises for Ctrl-C, and the command then carries on and
replaces the user's previous files — seen once in ~10 runs of the interrupt test under load, a
`generate` interrupted during model loading finished and exited 0. The command line's own
process installs a handler that raises the same `KeyboardInterrupt` and also remembers it, and
the one place that writes a brief's files asks `check()` first: a swallowed Ctrl-C is raised
again there, before anything is written. The library API never installs it, so `check()` is a
no-op for its callers.
"""

from __future__ import annotations

import signal

_seen = False


def install() -> None:
    """SIGINT: raise KeyboardInterrupt (as Python's default handler does) and remember it. Left
    alone when SIGINT is ignored (a background job) or already handled by someone else."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return

    def handler(signum, frame):
        global _seen
        _seen = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)


def check() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even if something swallowed it."""
    if _seen:
        raise KeyboardInterrupt
