"""The `briefgen` command: parse options, call the library, report. Nothing else lives here."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import traceback
from pathlib import Path

import click

from . import __version__, interrupt
from .deliver.commands import email_options, prepare_generate_email, send_command
from .errors import INTERRUPTED, BriefgenError, InputError

log = logging.getLogger("briefgen")


class JobsType(click.ParamType):
    """--jobs: 1 to 64, or `auto` for one worker per CPU this process may use."""

    name = "N|auto"
    MAX = 64

    def get_metavar(self, *args, **kwargs) -> str:  # click uppercases the name otherwise
        return self.name

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        if text == "auto":
            from .overlap import usable_cpus

            return min(usable_cpus(), self.MAX)
        try:
            number = int(text)
        except ValueError:
            self.fail(f"{value!r} is not a number or 'auto'", param, ctx)
        if not 1 <= number <= self.MAX:
            self.fail(f"{number} is not in the range 1 to {self.MAX} (or 'auto')", param, ctx)
        return number


class BriefgenGroup(click.Group):
    """Turns user-caused errors into one line on stderr and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            _fail(ctx, str(exc), exc.exit_code)
        except KeyboardInterrupt:
            # A second Ctrl-C while exiting must not turn a clean exit into a traceback.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _fail(ctx, INTERRUPTED, 130)
        except BrokenPipeError:
            # The reader went away (`briefgen templates list | head`): not an error of ours.
            # Point stdout at /dev/null so the interpreter's final flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # a bug: one line by default, the traceback with -v
            _fail(ctx, f"internal error: {exc.__class__.__name__}: {exc} (run with -v for details)", 1)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    if (ctx.obj or {}).get("verbose"):
        traceback.print_exc(file=sys.stderr)
    click.echo(f"briefgen: error: {message}", err=True)
    ctx.exit(code)


def _settings(ctx: click.Context, **options):
    return ctx.obj["settings"].merged(**options)


def _report(ctx: click.Context, paths: list[Path]) -> None:
    if not ctx.obj.get("quiet"):
        for path in paths:
            click.echo(str(path))


@click.group(cls=BriefgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option("-v", "--verbose", is_flag=True, help="Show details and tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Settings file (default: ./briefgen.toml if present).")
@click.pass_context
def main(ctx: click.Context, verbose: bool, quiet: bool, config_path: Path | None) -> None:
    """Briefing documents from news reports: key facts, reactions by country and strike
    statistics, each traceable to the sentence it came from.

    Exit codes: 0 success, 1 failure at run time, 2 bad usage or input.
    """
    from .config import load_settings

    # Only briefgen's own logger gets chattier with -v; matplotlib and fontTools stay quiet.
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING,
                        format="briefgen: %(message)s", stream=sys.stderr)
    log.setLevel(logging.DEBUG if verbose else logging.WARNING if not quiet else logging.ERROR)
    ctx.ensure_object(dict)
    ctx.obj.update(verbose=verbose, quiet=quiet)
    try:
        ctx.obj["settings"] = load_settings(config_path)
    except BriefgenError as exc:
        _fail(ctx, str(exc), exc.exit_code)


def render_options(func):
    """Options shared by `generate` and `render`."""
    options = [
        click.option("-a", "--audience", help="Audience template: analyst (default), executive, "
                     "press, or one of yours (see `briefgen templates list`)."),
        click.option("-f", "--format", "formats", help="Comma-separated: pdf,docx,html,json "
                     "(default pdf,docx)."),
        click.option("-o", "--out", type=click.Path(path_type=Path), help="Output folder (default output/)."),
        click.option("--templates", "templates", multiple=True, type=click.Path(path_type=Path),
                     help="Folder of your own audiences, searched before the built-ins (repeatable)."),
        click.option("--author", help="Author shown in the brief and its metadata."),
        click.option("--organisation", help="Organisation shown in the title block."),
        click.option("--marking", help='Handling marking for header and footer, e.g. "TLP:AMBER".'),
        click.option("--pdf-variant", help="WeasyPrint PDF variant, e.g. pdf/a-3b or pdf/ua-1."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@click.argument("sources", nargs=-1, required=True)
@render_options
@click.option("-t", "--title", help="Title of the brief (default: from the first source).")
@click.option("--each", is_flag=True, help="One brief per source instead of one for all.")
@click.option("-j", "--jobs", type=JobsType(), default="1", show_default=True,
              help="Worker processes with --each: a number, or auto (one per usable CPU).")
@click.option("--max-source-mb", type=float, help="Refuse sources larger than this (default 10).")
@click.option("--timeout", type=float, help="Seconds to wait for a URL source (default 15).")
@email_options
@click.pass_context
def generate(ctx: click.Context, sources: tuple[str, ...], audience, formats, out, templates, author,
             organisation, marking, pdf_variant, title, each, jobs, max_source_mb, timeout,
             email_to, attach) -> None:
    """Make a brief from SOURCE... (files .txt/.md/.html, http(s) URLs, or - for stdin).

    Several sources make one brief; with --each, one brief per source.
    Prints the paths it wrote.
    """
    from . import api

    settings = _settings(ctx, audience=audience, formats=formats, out=out, templates=templates,
                         author=author, organisation=organisation, marking=marking,
                         pdf_variant=pdf_variant, max_source_mb=max_source_mb, timeout=timeout)
    # Checked before the seconds of extraction: an unknown audience, a bad address or a
    # missing SMTP setting fails at once.
    from .audience import load_audience

    load_audience(settings.audience, settings.templates)
    email = prepare_generate_email(ctx, email_to, attach)
    if email is not None:
        if each:
            raise InputError("--email-to cannot be combined with --each; use `briefgen send`")
        settings = settings.merged(formats=email.formats(settings.formats))
    if not each and ctx.get_parameter_source("jobs") is not click.core.ParameterSource.DEFAULT:
        # Without --each the sources make one brief, which already uses two cores (overlap.py):
        # a --jobs that silently did nothing would leave the user guessing.
        raise InputError("--jobs applies with --each (one brief per source); "
                         "without it the sources make a single brief")
    if each:
        from .batch import BatchInterrupted, run_batch

        try:
            result = run_batch(list(sources), settings, jobs=jobs, title=title,
                               progress=not ctx.obj["quiet"] and sys.stderr.isatty())
        except BatchInterrupted as exc:
            _report(ctx, exc.paths)  # the briefs made before the Ctrl-C are complete: name them
            raise
        _report(ctx, result.paths)
        for source, message in result.failures:
            # Most messages already start with the source they are about: name it once.
            where = "" if message.startswith(f"{source}:") else f"{source}: "
            click.echo(f"briefgen: error: {where}{message}", err=True)
        if result.failures:
            click.echo(f"briefgen: {len(result.failures)} of {len(sources)} sources failed", err=True)
            ctx.exit(1)
        return
    from .collect import paused
    from .overlap import render_ahead

    # The renderers load in a forked helper while this process extracts (two cores, one wait).
    # No cycle collection on the way: every process here ends with this one brief (the
    # helpers inherit the pause by fork; see collect.py).
    with paused(collect_after=False), \
            render_ahead(settings.formats, settings.audience, settings.templates) as render_brief:
        brief = api.extract(list(sources), title=title, max_source_mb=settings.max_source_mb,
                            timeout=settings.timeout)
        paths = render_brief(brief, **settings.render_kwargs())
    _report(ctx, paths)
    if email is not None:
        email.send(paths, brief)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the JSON here "
              "(default: standard output).")
@click.option("-t", "--title", help="Title of the brief (default: from the first source).")
@click.option("--max-source-mb", type=float, help="Refuse sources larger than this (default 10).")
@click.option("--timeout", type=float, help="Seconds to wait for a URL source (default 15).")
@click.pass_context
def extract(ctx: click.Context, sources, output, title, max_source_mb, timeout) -> None:
    """Extract the facts of SOURCE... as JSON, to review or edit before `briefgen render`."""
    from . import api
    from .output import atomic_write, ensure_dir

    settings = _settings(ctx, max_source_mb=max_source_mb, timeout=timeout)
    brief = api.extract(list(sources), title=title, max_source_mb=settings.max_source_mb,
                        timeout=settings.timeout)
    data = brief.to_json()
    if output is None:
        click.echo(data, nl=False)
        return
    ensure_dir(output.parent if str(output.parent) else Path("."))
    _report(ctx, [atomic_write(output, data.encode("utf-8"))])


@main.command()
@click.argument("facts", type=click.Path(path_type=Path))
@render_options
@click.pass_context
def render(ctx: click.Context, facts: Path, audience, formats, out, templates, author, organisation,
           marking, pdf_variant) -> None:
    """Render a reviewed or edited FACTS.json (from `briefgen extract`) into brief files."""
    from . import api

    settings = _settings(ctx, audience=audience, formats=formats, out=out, templates=templates,
                         author=author, organisation=organisation, marking=marking,
                         pdf_variant=pdf_variant)
    brief = api.load_brief(facts)
    _report(ctx, api.render(brief, **settings.render_kwargs()))


@main.command(name="eval")
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@click.option("--brief", "summary_only", is_flag=True, help="Only the table, not the misses.")
@click.pass_context
def evaluate_command(ctx: click.Context, folders, as_json: bool, summary_only: bool) -> None:
    """Score extraction on FOLDER(s) of NN-slug.txt + NN-slug.gold.json (see the corpus README)."""
    import json

    from .evaluate import evaluate, format_report

    report = evaluate(list(folders))
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report, not summary_only))


@main.command()
@click.pass_context
def schema(ctx: click.Context) -> None:
    """Print the JSON Schema of the facts file."""
    import json

    from .model import Brief

    click.echo(json.dumps(Brief.model_json_schema(by_alias=True), indent=2))


@main.group()
def templates() -> None:
    """List the audiences (built-in and yours) or scaffold a new one to edit."""


@templates.command(name="list")
@click.option("--templates", "template_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Folder of your own audiences, searched before the built-ins (repeatable).")
@click.pass_context
def templates_list(ctx: click.Context, template_dirs: tuple[Path, ...]) -> None:
    """Show every audience: name, description and the folder it comes from."""
    from .audience import list_audiences

    dirs = _settings(ctx, templates=template_dirs).templates
    for name, description, folder in list_audiences(dirs):
        click.echo(f"{name:<14} {description}\n{'':<14} {folder}")


@templates.command(name="init")
@click.argument("name")
@click.option("--from", "from_", default="analyst", show_default=True, help="Audience to copy.")
@click.option("--dir", "dest_dir", type=click.Path(path_type=Path), default=Path("templates-custom"),
              show_default=True, help="Folder to create the audience in (use it with --templates).")
@click.pass_context
def templates_init(ctx: click.Context, name: str, from_: str, dest_dir: Path) -> None:
    """Copy audience --from into DIR/NAME as a starting point to edit."""
    from .audience import init_audience

    dirs = _settings(ctx).templates
    target = init_audience(name, from_=from_, dest_dir=dest_dir, template_dirs=dirs)
    if not ctx.obj.get("quiet"):
        click.echo(str(target))
        click.echo(f"edit {target / 'audience.toml'}, then: briefgen generate SOURCE "
                   f"--templates {dest_dir} --audience {name}", err=True)


main.add_command(send_command)



def run() -> None:
    """The console entry point: `main`, then leave without the interpreter's teardown.

    Tearing down frees the spaCy model, matplotlib and the rest object by object: 0.2–0.4 s
    after the work is done and every file is written and closed (each output is renamed into
    place before the command returns). Standard streams and log handlers are flushed first.
    Tests drive `main` in-process and are not affected.
    """
    # One BLAS thread per process (set before numpy loads; the user's own setting wins). The
    # parser's matrices are small, and the cores are already shared out: extraction beside
    # two render helpers, or --jobs workers. A second thread mostly spins: 0.27 s more CPU per
    # cold run on the seed for no gain in time (10 alternating runs).
    for variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    # `generate` pauses the cycle collector for each brief (collect.py). For the rest (the
    # other commands, and what happens between briefs) the youngest generation is collected
    # every 10,000 allocations instead of 700, the older ones as often as before relative to
    # it: before the pause, that took a jobs-1 batch of 40 corpus briefs from 55.2 to 50.4 s.
    gc.set_threshold(10_000, 10, 10)
    interrupt.install()  # a Ctrl-C something swallows is raised again before files are written
    try:
        main()
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass  # the reader went away or the stream is closed: nothing left to deliver
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
