"""The `briefgen send` command and the `--email-to/--attach` options of `generate`.

Kept out of `cli.py` so that file stays a list of thin commands: `cli.py` registers
`send_command` and calls `prepare_generate_email` / `GenerateEmail.send` around its render.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import InputError

if TYPE_CHECKING:
    from email.message import EmailMessage

    from ..model import Brief
    from .smtp import SmtpSettings

# The same as smtp.SECURITY_MODES (a test checks); repeated so that `briefgen --help` does
# not import smtplib, ssl and pydantic. Everything else is imported where it is used.
SECURITY_CHOICES = ("starttls", "ssl", "none")
ATTACHABLE = ("pdf", "docx", "html", "json")


def _smtp_config(ctx: click.Context) -> tuple[dict[str, Any], str]:
    """The `[smtp]` table of the config `main` loaded (empty when run standalone) and its name
    for error messages. A relative `cafile` is relative to the config file, like `out`."""
    root = ctx.find_root()
    settings = (root.obj or {}).get("settings")
    config = dict(getattr(settings, "smtp", None) or {})
    path = Path(root.params.get("config_path") or "briefgen.toml")
    if isinstance(config.get("cafile"), str) and config["cafile"]:
        config["cafile"] = str(path.parent / config["cafile"])
    return config, f"{path} [smtp]"


def _quiet(ctx: click.Context) -> bool:
    return bool((ctx.find_root().obj or {}).get("quiet"))


def _prompt_password(text: str) -> str:
    return click.prompt(text, hide_input=True, err=True)


def _password(settings: SmtpSettings) -> str | None:
    from .smtp import resolve_password

    # Only prompt when someone can answer: in cron or CI a prompt would hang forever.
    prompt = _prompt_password if sys.stdin.isatty() else None
    return resolve_password(settings, os.environ, prompt)


def describe(msg: EmailMessage, settings: SmtpSettings, note: str) -> str:
    """The dry-run report: who gets what, how big, through which server."""
    from .email import human_size, message_bytes

    lines = [f"{key}: {msg[key]}" for key in ("From", "To", "Cc", "Bcc", "Subject") if msg[key]]
    lines.append("Attachments:")
    for part in msg.iter_attachments():
        size = len(part.get_payload(decode=True) or b"")
        lines.append(f"  {part.get_filename()}  {human_size(size)}  {part.get_content_type()}")
    lines.append(f"Body: {note}")
    lines.append(f"Message size: {human_size(len(message_bytes(msg)))} "
                 f"(limit {settings.max_size_mb:g} MB)")
    if settings.host:
        login = f", user {settings.user}" if settings.user else ""
        lines.append(f"Server: {settings.host}:{settings.effective_port} ({settings.security}{login})")
    else:
        lines.append("Server: not configured (--smtp-host, BRIEFGEN_SMTP_HOST or [smtp] host)")
    lines.append("Dry run: nothing was sent.")
    return "\n".join(lines)


@click.command("send")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient (repeatable, or a comma list).")
@click.option("--cc", multiple=True, metavar="ADDR", help="Copy recipient (repeatable).")
@click.option("--bcc", multiple=True, metavar="ADDR",
              help="Blind copy: in the SMTP envelope, never in the headers (repeatable).")
@click.option("--subject", help='Subject (default: "Brief: <title>").')
@click.option("--from", "sender", metavar="ADDR", help="Sender (default: BRIEFGEN_SMTP_FROM or [smtp] from).")
@click.option("--facts", type=click.Path(path_type=Path),
              help="Facts JSON for the body (default: <attachment stem>.json if present, "
                   "else the DOCX's own title and bottom line).")
@click.option("--smtp-host", help="SMTP server (or BRIEFGEN_SMTP_HOST, [smtp] host).")
@click.option("--smtp-port", type=click.IntRange(1, 65535),
              help="Port (default 587 starttls, 465 ssl, 25 none).")
@click.option("--smtp-security", type=click.Choice(SECURITY_CHOICES),
              help="starttls (default), ssl, or none.")
@click.option("--smtp-user", help="Login name; the password comes from BRIEFGEN_SMTP_PASSWORD or a prompt.")
@click.option("--smtp-timeout", type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for the server (default 30).")
@click.option("--smtp-cafile", type=click.Path(path_type=Path),
              help="CA bundle to trust for the server certificate (or BRIEFGEN_SMTP_CAFILE).")
@click.option("--max-size-mb", type=click.FloatRange(min=0, min_open=True),
              help="Refuse messages larger than this (default 20).")
@click.option("--eml", type=click.Path(path_type=Path),
              help="Write the message to this .eml file as a draft instead of sending it.")
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send nothing.")
@click.pass_context
def send_command(ctx: click.Context, files: tuple[Path, ...], to: tuple[str, ...], cc: tuple[str, ...],
                 bcc: tuple[str, ...], subject: str | None, sender: str | None, facts: Path | None,
                 smtp_host: str | None, smtp_port: int | None, smtp_security: str | None,
                 smtp_user: str | None, smtp_timeout: float | None, smtp_cafile: Path | None,
                 max_size_mb: float | None, eml: Path | None, dry_run: bool) -> None:
    """E-mail FILE... (a generated DOCX, PDF, …) with the brief's bottom line and key facts
    in the body.

    SMTP settings: these options, then BRIEFGEN_SMTP_HOST/_PORT/_SECURITY/_USER/_FROM/_CAFILE,
    then the [smtp] table of briefgen.toml. The password is read from BRIEFGEN_SMTP_PASSWORD
    or asked for; it is never an option. Either every recipient is accepted or nothing is sent.
    """
    from .email import build_message, check_size, message_bytes, parse_addresses, write_eml
    from .smtp import SmtpSettings, send_message
    from .source import brief_for_attachments

    settings = SmtpSettings.resolve(
        dict(host=smtp_host, port=smtp_port, security=smtp_security, user=smtp_user, sender=sender,
             timeout=smtp_timeout, max_size_mb=max_size_mb,
             cafile=str(smtp_cafile) if smtp_cafile else None),
        os.environ, *_smtp_config(ctx))
    if eml is None and not (to or cc or bcc):
        raise InputError("no recipients: give at least one --to, --cc or --bcc (or --eml for a draft)")
    # Everything the user can get wrong is checked before we connect or ask for a password.
    for values, where in ((to, "--to"), (cc, "--cc"), (bcc, "--bcc")):
        parse_addresses(values, where)
    brief, note = brief_for_attachments(list(files), facts)
    msg = build_message(list(files), to, cc, bcc, subject, settings.sender, brief)
    if eml is not None:
        path = write_eml(msg, eml)
        if not _quiet(ctx):
            click.echo(str(path))
        return
    check_size(message_bytes(msg), settings.max_size_mb)
    if dry_run:
        click.echo(describe(msg, settings, note))
        return
    recipients = send_message(msg, settings, _password(settings))
    if not _quiet(ctx):
        click.echo(f"sent to {len(recipients)} recipient(s) via "
                   f"{settings.host}:{settings.effective_port}: {', '.join(recipients)}")


# --- generate --email-to -------------------------------------------------------------------


def email_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The `generate` options: `--email-to ADDR` (repeatable) and `--attach pdf,docx`."""
    func = click.option("--attach", metavar="FORMATS",
                        help="With --email-to: which written files to attach, comma-separated "
                             "(default docx; added to --format if missing).")(func)
    func = click.option("--email-to", "email_to", multiple=True, metavar="ADDR",
                        help="E-mail what was generated to ADDR (repeatable); SMTP settings come "
                             "from BRIEFGEN_SMTP_* or [smtp] in briefgen.toml.")(func)
    return func


@dataclass
class GenerateEmail:
    """An e-mail for `generate`, checked before the (slow) generation so that a typo in an
    address or a missing SMTP setting fails in a second, not after the PDF is rendered."""

    to: tuple[str, ...]
    attach: tuple[str, ...]
    settings: SmtpSettings
    password: str | None
    quiet: bool = False

    def formats(self, formats: Sequence[str]) -> tuple[str, ...]:
        """The formats to write: the requested ones plus whatever is to be attached."""
        return tuple(dict.fromkeys([*formats, *self.attach]))

    def send(self, paths: Sequence[Path], brief: Brief | None) -> list[str]:
        from .email import build_message
        from .smtp import send_message

        files = [Path(p) for p in paths if Path(p).suffix.lower().lstrip(".") in self.attach]
        if not files:
            raise InputError(f"--attach {','.join(self.attach)}: generate wrote no such file")
        msg = build_message(files, self.to, (), (), None, self.settings.sender, brief)
        recipients = send_message(msg, self.settings, self.password)
        if not self.quiet:
            click.echo(f"sent {', '.join(p.name for p in files)} to {', '.join(recipients)}", err=True)
        return recipients


def prepare_generate_email(ctx: click.Context, email_to: Sequence[str],
                           attach: str | None) -> GenerateEmail | None:
    """None without --email-to; else the checked plan (addresses, SMTP settings, password)."""
    from .email import parse_addresses
    from .smtp import SmtpSettings

    if not email_to:
        if attach:
            raise InputError("--attach needs --email-to")
        return None
    parse_addresses(email_to, "--email-to")
    kinds = tuple(dict.fromkeys(k.strip().lower() for k in (attach or "docx").split(",") if k.strip()))
    unknown = [k for k in kinds if k not in ATTACHABLE]
    if unknown or not kinds:
        raise InputError(f"--attach: unknown format {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(ATTACHABLE)}")
    settings = SmtpSettings.resolve({}, os.environ, *_smtp_config(ctx))
    if not settings.host:
        raise InputError("--email-to: no SMTP server; set BRIEFGEN_SMTP_HOST or [smtp] host")
    if not settings.sender:
        raise InputError("--email-to: no sender address; set BRIEFGEN_SMTP_FROM or [smtp] from")
    return GenerateEmail(tuple(email_to), kinds, settings, _password(settings), _quiet(ctx))
