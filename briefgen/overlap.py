"""A cold `briefgen generate` on two cores: extract here while a forked helper imports the
renderers; then the helper makes the PDF while this process makes the DOCX.

Importing spaCy and loading its model (~1.2 s) and importing WeasyPrint, matplotlib and
python-docx (~1 s) do not depend on each other, so a one-shot CLI run does them at the same
time: the helper is forked before either starts, warms the renderers, and waits for the brief.
Once the brief is known, the PDF (layout, the long part) and the DOCX are independent too,
unless the audience has a page limit (its fitted plan comes out of the PDF layout): then the
helper renders both. Every file is written here, after every format has rendered, so a failure
in either process leaves no partial set.
Only the command line uses this; the library API never forks behind its caller's back.
Set BRIEFGEN_SERIAL=1 to run everything in one process (debugging, or measuring the gain).
"""

from __future__ import annotations

import contextlib
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
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    # One core: nothing runs side by side. Renderers already loaded: nothing left to overlap.
    return cpus >= 2 and "weasyprint" not in sys.modules


def _helper(conn) -> None:
    """In the forked helper: warm the renderers, render the brief that arrives, report back."""
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
    warm_renderers()
    try:
        task, brief, kwargs = conn.recv()
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent gave up (bad input, Ctrl-C): nothing to do
    rendering = True
    try:
        from . import api

        if task == "files":
            # The parent makes the DOCX: it gets the charts (PNG too) first, then the PDF bytes,
            # and writes every file itself.
            from .render import render_documents

            options = {key: value for key, value in kwargs.items() if key not in ("audience", "formats")}
            rendered = render_documents(brief, kwargs["audience"], kwargs["formats"],
                                        api.render_options(**options), chart_kinds={"png"},
                                        on_charts=lambda drawn: conn.send(("charts", drawn)))
            conn.send(("ok", rendered.files))
        else:
            conn.send(("ok", api.render(brief, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        exc.add_note("in the render process:\n" + traceback.format_exc().rstrip())
        try:
            conn.send(("error", exc))
        except Exception:  # the exception itself cannot be pickled: send its text
            conn.send(("error", RuntimeError(f"{exc.__class__.__name__}: {exc}")))


class _RenderAhead:
    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(target=_helper, args=(child_conn,), daemon=True,
                                       name="briefgen-render")
        self.process.start()
        child_conn.close()

    def render(self, brief: Brief, **kwargs) -> list[Path]:
        from . import api
        from .render import check_formats, docx_independent, write_documents

        formats = check_formats(kwargs.get("formats", ("pdf", "docx")))
        audience = kwargs.get("audience", "analyst")
        if not docx_independent(audience, formats, kwargs.get("templates", ())):
            return self._ask("write", brief, kwargs) or api.render(brief, **kwargs)
        options = {key: value for key, value in kwargs.items()
                   if key not in ("out_dir", "audience", "formats")}
        helper_part = [fmt for fmt in formats if fmt != "docx"]
        files: dict[str, bytes] = {}
        if self._send("files", brief, {**options, "audience": audience, "formats": helper_part}):
            from .render import render_documents

            # The helper draws the charts once for both documents (matplotlib is loaded there,
            # it would cost this process ~0.9 s to load), then lays out the PDF while the
            # DOCX is made here.
            drawn = self._receive()
            if drawn is not None:
                files = render_documents(brief, audience, ["docx"], api.render_options(**options),
                                         charts=drawn).files
                files |= self._receive() or {}
        missing = [fmt for fmt in formats if fmt not in files]
        if missing:  # the helper is gone (killed, out of memory): render the rest here
            files |= api.render_files(brief, audience=audience, formats=missing, **options)
        return write_documents(brief, audience, {fmt: files[fmt] for fmt in formats},
                               Path(kwargs.get("out_dir", "output")))

    def _ask(self, task: str, brief: Brief, kwargs: dict):
        return self._receive() if self._send(task, brief, kwargs) else None

    def _send(self, task: str, brief: Brief, kwargs: dict) -> bool:
        try:
            self.conn.send((task, brief, kwargs))
            return True
        except (OSError, BrokenPipeError):
            return False  # the helper is gone (killed, out of memory): the caller renders here

    def _receive(self):
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


@contextlib.contextmanager
def render_ahead(formats) -> Iterator[RenderFunc]:
    """Yields a function with `api.render`'s signature. Enter it before extracting."""
    from . import api

    if not _worth_forking(formats):
        yield api.render
        return
    try:
        helper = _RenderAhead()
    except OSError:  # no fork possible (limits): the serial path is always correct
        yield api.render
        return
    failed = True
    try:
        yield helper.render
        failed = False
    finally:
        helper.close(failed)
