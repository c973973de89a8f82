"""Python's cycle collector paused while a brief is made, and run once after it.

Making a brief allocates millions of objects that stay alive until the brief is done: the
parse, the layout's boxes, the DOCX's XML. Collections while they are alive walk them again
and again, and move them to the older generations, where the cycles among them then wait for
a rare full collection. Paused during the brief and collected once after it: a jobs-1
`generate --each` of 24 corpus articles peaks at 230 instead of 280 MB RSS, in the same time
(33.9 vs 33.7 s mean, 4 alternating runs; an in-process loop had suggested 7 % faster, the
command line did not show it); a cold one-shot `generate` of the example uses 5.24 instead of
5.64 s of CPU (8 alternating runs). One brief on a 95 KB article peaks at the same RSS either
way (512 MB): the cycles a brief makes are few, the objects it keeps alive many.

Only the command line's processes use this (a batch worker, a one-shot `generate`, whose
process ends with the brief); the library API leaves its caller's collector alone.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(collect_after: bool = True) -> Iterator[None]:
    """No automatic collection inside; with `collect_after`, one of the young generations
    (where everything allocated inside still is) on the way out, success or not."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        if collect_after:
            gc.collect(1)
