"""A cold `briefgen generate` on two cores: extract here while forked helpers import the
renderers, then render the PDF and the DOCX side by side.

Importing spaCy and loading its model (~1 s) and importing WeasyPrint, matplotlib and
python-docx (~1.3 s) do not depend on each other, so a one-shot CLI run does them at the same
time: helpers are forked before either starts, warm the renderers, and wait for the brief.
The PDF (layout, the long part) and the DOCX (charts as PNG, ~0.7 s with its imports) are
independent too, unless the audience has a page limit (its fitted plan comes out of the PDF
layout), so there are two helpers — one for the PDF (and HTML/JSON), one for the DOCX — or one
for everything. Both send bytes back; every file is written here, after every format has
rendered, so a failure anywhere leaves no partial set. Three processes on two cores: this
one mostly waits once the brief is extracted.
Only the command line uses this; the library API never forks behind its caller's back.
Set BRIEFGEN_SERIAL=1 to run everything in one process (debugging, or measuring the gain).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from .model import Brief

RenderFunc = Callable[..., list[Path]]


def _worth_forking(formats) -> bool:
    if not {"pdf", "docx"} & {f.strip().lower() for f in formats}:
        return False  # JSON or HTML only: there is little to warm, and waiting for it costs
    if os.environ.get("BRIEFGEN_SERIAL", "").strip() not in ("", "0"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    # One core: nothing runs side by side. Renderers already loaded: nothing left to overlap.
    return usable_cpus() >= 2 and "weasyprint" not in sys.modules


def usable_cpus() -> int:
    """CPUs this process may run on: its affinity mask, so a container's or `taskset`'s limit
    counts, not the host's total."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _helper(conn, role: str, audience: str, templates: tuple) -> None:
    """In a forked helper: warm what `role` renders, render the brief that arrives, report back."""
    from .fastimport import warm_renderers

    # Everything this helper has to say goes back through the pipe (errors with their
    # traceback as a note); its own stderr would only add noise to the parent's one line.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    # Terminated by the parent (its run failed). Before a brief arrives there is nothing to
    # clean up: leave at once (a SystemExit raised inside an import would be printed, not
    # obeyed). While rendering, unwind, so atomic writes remove their temporary files.
    rendering = False
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143) if rendering else os._exit(143))
    # Ctrl-C reaches the whole process group; the parent alone handles it (one message, exit
    # 130) and terminates this helper.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if role == "docx":
        # Three processes, two cores: the DOCX has time to spare (the PDF takes longer), so it
        # yields the CPU to extraction and the PDF helper's imports, and catches up on the
        # core the extraction frees.
        with contextlib.suppress(OSError):
            os.nice(10)
    warm_renderers(pdf=role != "docx", docx=role != "pdf")
    if role != "docx":
        from .render import prepare_pdf

        # The audience's stylesheets, fonts and templates, ready before the brief arrives.
        # Preparing is an optimisation, never a failure: a broken audience is reported by the
        # render itself.
        with contextlib.suppress(Exception):
            prepare_pdf(audience, templates)
    # The ~120,000 objects imported so far live as long as this process: out of the collector's
    # sight, the render's one full collection (0.07 s, on the critical path) no longer walks them.
    gc.freeze()
    try:
        task, brief, kwargs = conn.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent gave up (bad input, Ctrl-C): nothing to do
    rendering = True
    try:
        from . import api

        # "files": bytes back, the parent writes them with the other helper's; "write": all.
        work = api.render_files if task == "files" else api.render
        conn.send(("ok", work(brief, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        exc.add_note("in the render process:\n" + traceback.format_exc().rstrip())
        try:
            conn.send(("error", exc))
        except Exception:  # the exception itself cannot be pickled: send its text
            conn.send(("error", RuntimeError(f"{exc.__class__.__name__}: {exc}")))


class _Helper:
    """One forked render process and its pipe."""

    def __init__(self, role: str, audience: str, templates) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(target=_helper, daemon=True, name=f"briefgen-render-{role}",
                                       args=(child_conn, role, audience, tuple(templates)))
        self.process.start()
        child_conn.close()

    def send(self, task: str, brief: Brief, kwargs: dict) -> bool:
        try:
            self.conn.send((task, brief, kwargs))
            return True
        except OSError:
            return False  # the helper is gone (killed, out of memory): the caller renders here

    def receive(self):
        try:
            status, value = self.conn.recv()
        except (EOFError, OSError):
            return None  # the helper died before answering: the caller renders here
        if status == "error":
            raise value
        return value

    def close(self, failed: bool) -> None:
        self.conn.close()
        if failed and self.process.is_alive():
            self.process.terminate()  # mid-import or mid-render for a run that already failed
        self.process.join(timeout=None if not failed else 5)


class _RenderAhead:
    def __init__(self, split: bool, audience: str, templates) -> None:
        self.helpers: dict[str, _Helper] = {}
        try:
            for role in (("pdf", "docx") if split else ("all",)):
                self.helpers[role] = _Helper(role, audience, templates)
        except OSError:
            self.close(failed=True)
            raise

    def render(self, brief: Brief, **kwargs) -> list[Path]:
        from . import api, interrupt
        from .render import check_formats, write_documents

        # A forked helper cannot see a Ctrl-C this process swallowed (interrupt.py), and the
        # "all" helper writes the files itself: check before handing the brief over.
        interrupt.check()
        if "all" in self.helpers:
            helper = self.helpers["all"]
            return (helper.receive() if helper.send("write", brief, kwargs) else None) \
                or api.render(brief, **kwargs)
        formats = check_formats(kwargs.get("formats", ("pdf", "docx")))
        audience = kwargs.get("audience", "analyst")
        options = {key: value for key, value in kwargs.items() if key not in ("out_dir", "formats")}
        parts = {"pdf": [fmt for fmt in formats if fmt != "docx"], "docx": ["docx"]}
        sent = {role: helper.send("files", brief, {**options, "formats": parts[role]})
                for role, helper in self.helpers.items()}
        files: dict[str, bytes] = {}
        for role, helper in self.helpers.items():  # the PDF first: it takes longer
            if sent[role]:
                files |= helper.receive() or {}
        missing = [fmt for fmt in formats if fmt not in files]
        if missing:  # a helper is gone (killed, out of memory): render its part here
            files |= api.render_files(brief, **{**options, "formats": missing})
        return write_documents(brief, audience, {fmt: files[fmt] for fmt in formats},
                               Path(kwargs.get("out_dir", "output")))

    def close(self, failed: bool) -> None:
        for helper in self.helpers.values():
            helper.close(failed)


@contextlib.contextmanager
def render_ahead(formats, audience: str = "analyst", templates=()) -> Iterator[RenderFunc]:
    """Yields a function with `api.render`'s signature. Enter it before extracting."""
    from . import api
    from .errors import BriefgenError

    if not _worth_forking(formats):
        yield api.render
        return
    from .render import docx_independent

    try:
        split = docx_independent(audience, formats, templates)
    except BriefgenError:
        split = False  # e.g. an unknown audience: the render reports it, in one line
    try:
        ahead = _RenderAhead(split, audience, templates)
    except OSError:  # no fork possible (limits): the serial path is always correct
        yield api.render
        return
    failed = True
    try:
        yield ahead.render
        failed = False
    finally:
        ahead.close(failed)
