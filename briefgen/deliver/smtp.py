"""Send a built message over SMTP, all-or-nothing.

Settings come from command-line options, then the environment (`BRIEFGEN_SMTP_*`), then the
config file's `[smtp]` table, then defaults. The password is never an option (it would end
up in shell history and `ps`): only `BRIEFGEN_SMTP_PASSWORD` or an interactive prompt.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from ..errors import BriefgenError, InputError
from .email import check_size, human_size, message_addresses, message_bytes, parse_address

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ENV_PREFIX = "BRIEFGEN_SMTP_"
# Setting name -> `[smtp]` config key / environment suffix. `sender` is spelt `from` outside.
_KEYS = {"host": "host", "port": "port", "security": "security", "user": "user", "sender": "from",
         "timeout": "timeout", "max_size_mb": "max_size_mb", "cafile": "cafile"}
PASSWORD_ENV = ENV_PREFIX + "PASSWORD"
# How each setting is spelt on the command line, for error messages.
OPTION_NAMES = {"host": "--smtp-host", "port": "--smtp-port", "security": "--smtp-security",
                "user": "--smtp-user", "sender": "--from", "timeout": "--smtp-timeout",
                "max_size_mb": "--max-size-mb", "cafile": "--smtp-cafile"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None = None
    port: int | None = None  # None: the usual port for `security`
    security: str = "starttls"
    user: str | None = None
    sender: str | None = None
    timeout: float = 30.0
    max_size_mb: float = 20.0
    cafile: str | None = None  # extra CA bundle to trust instead of the system store

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    @classmethod
    def resolve(
        cls,
        options: Mapping[str, Any] | None = None,
        env: Mapping[str, str] | None = None,
        config: Mapping[str, Any] | None = None,
        config_name: str = "config [smtp]",
    ) -> SmtpSettings:
        """Merge the sources, first non-empty wins: options > env > config > defaults.

        `options` uses the setting names (host, port, security, user, sender, timeout,
        max_size_mb, cafile); `config` is the `[smtp]` table, whose keys are validated so a
        misspelt key is an error rather than silently ignored.
        """
        options, env, config = options or {}, env or {}, config or {}
        unknown = sorted(set(config) - set(_KEYS.values()))
        if unknown:
            raise InputError(f"{config_name}: unknown key {unknown[0]!r} "
                             f"(known: {', '.join(sorted(_KEYS.values()))})")
        values: dict[str, Any] = {}
        for name, key in _KEYS.items():
            env_name = ENV_PREFIX + key.upper()
            for where, value in ((OPTION_NAMES[name], options.get(name)), (env_name, env.get(env_name)),
                                 (f"{config_name} {key}", config.get(key))):
                if value is not None and value != "":
                    values[name] = _convert(name, value, where)
                    break
        return cls(**values)


def _convert(name: str, value: Any, where: str) -> Any:
    if name == "port":
        try:
            port = int(value)
        except (TypeError, ValueError):
            port = 0
        if not 0 < port < 65536 or isinstance(value, bool | float):
            raise InputError(f"{where}: {value!r} is not a port number")
        return port
    if name in ("timeout", "max_size_mb"):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = 0.0
        if not number > 0 or isinstance(value, bool):
            raise InputError(f"{where}: {value!r} is not a positive number")
        return number
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a string, got {value!r}")
    if name == "security":
        value = value.strip().lower()
        if value not in SECURITY_MODES:
            raise InputError(f"{where}: {value!r} is not one of {', '.join(SECURITY_MODES)}")
    if name == "sender":
        parse_address(value, where)
    return value.strip()


def resolve_password(
    settings: SmtpSettings,
    env: Mapping[str, str],
    prompt: Callable[[str], str] | None = None,
) -> str | None:
    """The password for `settings.user`: from the environment, else `prompt` (None if no user)."""
    if not settings.user:
        return None
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    if prompt is None:
        raise InputError(f"SMTP user {settings.user!r} needs a password: set {PASSWORD_ENV} "
                         "(no terminal to ask for it)")
    return prompt(f"SMTP password for {settings.user}@{settings.host}")


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Certificate and host name are always verified; `cafile` only changes whom we trust."""
    if settings.cafile and not Path(settings.cafile).is_file():
        raise InputError(f"{settings.cafile}: CA file not found (BRIEFGEN_SMTP_CAFILE / cafile)")
    try:
        return ssl.create_default_context(cafile=settings.cafile)
    except ssl.SSLError as exc:
        raise InputError(f"{settings.cafile}: not a usable CA file ({exc.reason or exc})") from None


def _reply(code: int, text: bytes | str) -> str:
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(text.split())}".strip()


def send_message(msg: EmailMessage, settings: SmtpSettings, password: str | None = None) -> list[str]:
    """Send `msg` to its To, Cc and Bcc recipients; returns the envelope recipients.

    Either every recipient is accepted and the message is sent, or nothing is: smtplib's
    `sendmail` delivers to the accepted recipients when only some are refused, so we issue
    MAIL/RCPT/DATA ourselves and RSET the transaction at the first refusal.
    """
    where = f"{settings.host}:{settings.effective_port}"
    if not settings.host:
        raise InputError("no SMTP server: set --smtp-host, BRIEFGEN_SMTP_HOST or [smtp] host")
    senders = message_addresses(msg, "From")
    if not senders:
        raise InputError("no sender address: set --from, BRIEFGEN_SMTP_FROM or [smtp] from")
    sender = senders[0]
    recipients = list(dict.fromkeys(message_addresses(msg, "To", "Cc", "Bcc")))
    if not recipients:
        raise InputError("no recipients: give at least one --to, --cc or --bcc")
    if settings.user and password is None:
        raise InputError(f"SMTP user {settings.user!r} needs a password: set {PASSWORD_ENV}")
    data = message_bytes(msg)
    check_size(data, settings.max_size_mb)
    context = tls_context(settings) if settings.security != "none" else None

    try:
        client = _connect(settings, context)
    except (OSError, smtplib.SMTPException) as exc:
        raise _failure(exc, settings, f"cannot connect to SMTP server {where}") from None
    try:
        try:
            _open_transaction(client, settings, context, password, sender, recipients, len(data), where)
        except (OSError, smtplib.SMTPException) as exc:
            raise _failure(exc, settings, f"SMTP server {where}") from None
        try:
            client.data(data)
        except smtplib.SMTPDataError as exc:
            raise BriefgenError(f"SMTP server {where} rejected the message: "
                                f"{_reply(exc.smtp_code, exc.smtp_error)}; nothing was sent") from None
        except (OSError, smtplib.SMTPException) as exc:
            # The only moment the outcome is unknown: the server may have queued it.
            raise BriefgenError(f"SMTP server {where}: connection lost while sending the message "
                                f"({_describe(exc, settings)}); check whether it arrived") from None
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    return recipients


def _failure(exc: BaseException, settings: SmtpSettings, prefix: str) -> BriefgenError:
    """One line for a failure before any data was sent."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return BriefgenError(f"TLS failure: {prefix}: certificate not trusted ({exc.verify_message}); "
                             "set BRIEFGEN_SMTP_CAFILE or --smtp-cafile for a private CA")
    if isinstance(exc, ssl.SSLError):
        return BriefgenError(f"TLS failure: {prefix}: {exc.reason or exc}")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return BriefgenError(f"{prefix} refused the login for {settings.user!r}: "
                             f"{_reply(exc.smtp_code, exc.smtp_error)}")
    if isinstance(exc, ConnectionRefusedError):
        return BriefgenError(f"{prefix}: connection refused")
    if isinstance(exc, socket.gaierror):
        return BriefgenError(f"{prefix}: unknown host")
    return BriefgenError(f"{prefix}: {_describe(exc, settings)}")


def _describe(exc: BaseException, settings: SmtpSettings) -> str:
    # smtplib turns a read timeout into SMTPServerDisconnected; the timeout is the real story.
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        return f"no answer within {settings.timeout:g} s"
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    return str(exc) or type(exc).__name__


def _connect(settings: SmtpSettings, context: ssl.SSLContext | None) -> smtplib.SMTP:
    host, port, timeout = settings.host, settings.effective_port, settings.timeout
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(host or "", port, timeout=timeout, context=context)
    return smtplib.SMTP(host or "", port, timeout=timeout)


def _open_transaction(client: smtplib.SMTP, settings: SmtpSettings, context: ssl.SSLContext | None,
                      password: str | None, sender: str, recipients: list[str], size: int,
                      where: str) -> None:
    """EHLO, STARTTLS, AUTH, MAIL and every RCPT; raises (after RSET) unless all are accepted."""
    client.ehlo_or_helo_if_needed()
    if settings.security == "starttls":
        if not client.has_extn("starttls"):
            raise BriefgenError(f"TLS failure: SMTP server {where} does not offer STARTTLS "
                                "(use --smtp-security none only on a trusted network)")
        client.starttls(context=context)
        client.ehlo()
    if settings.user:
        if not client.has_extn("auth"):
            raise BriefgenError(f"SMTP server {where} does not offer AUTH for user {settings.user!r}")
        _login(client, settings.user, password or "")

    options: list[str] = []
    if client.has_extn("size"):
        limit = int(client.esmtp_features["size"] or 0)
        if limit and size > limit:
            raise BriefgenError(f"message is {human_size(size)}, over the {human_size(limit)} "
                                f"SMTP server {where} accepts; nothing was sent")
        options.append(f"SIZE={size}")
    code, reply = client.mail(sender, options)
    if code != 250:
        client.rset()
        raise BriefgenError(f"SMTP server {where} refused sender {sender}: {_reply(code, reply)}; "
                            "nothing was sent")
    for rcpt in recipients:
        code, reply = client.rcpt(rcpt)
        if code not in (250, 251):
            client.rset()
            raise BriefgenError(f"SMTP server {where} refused recipient {rcpt}: "
                                f"{_reply(code, reply)}; nothing was sent")


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """One attempt with the best mechanism offered. `SMTP.login` tries the next mechanism after
    a 535 (bad credentials, cpython#100331), which repeats the refusal and can replace it with
    a confusing error from the second mechanism."""
    offered = (client.esmtp_features.get("auth") or "").upper().split()
    mechanism = next((m for m in ("CRAM-MD5", "PLAIN", "LOGIN") if m in offered), None)
    if mechanism is None:
        raise BriefgenError(f"SMTP server offers no login method briefgen knows "
                            f"({' '.join(offered) or 'none'}); need PLAIN, LOGIN or CRAM-MD5")
    client.user, client.password = user, password
    authobject = getattr(client, "auth_" + mechanism.lower().replace("-", "_"))
    client.auth(mechanism, authobject, initial_response_ok=mechanism != "CRAM-MD5")
