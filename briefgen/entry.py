"""The `briefgen` command's entry point (`python -m briefgen` and the console script).

Apart from cli.py so that a Ctrl-C while the command line's own modules load (click and the
option tables, the first ~0.1 s) ends like every later one — one line, exit 130 — instead of a
traceback: nothing has been read or written yet, so there is nothing to clean up.
"""

from __future__ import annotations

import os
import sys


def run() -> None:
    try:
        from .cli import run as run_cli
    except KeyboardInterrupt:
        from .errors import INTERRUPTED

        sys.stderr.write(f"briefgen: error: {INTERRUPTED}\n")
        sys.stderr.flush()
        os._exit(130)
    run_cli()
