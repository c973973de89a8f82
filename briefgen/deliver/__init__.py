"""Delivery of finished briefs: e-mail over SMTP, or an .eml draft to open in a mail client.

    from briefgen.deliver import SmtpSettings, build_message, send_message, write_eml
    msg = build_message([Path("brief.docx")], to=["a@example.org"], sender="me@example.org",
                        brief=brief)
    send_message(msg, SmtpSettings.resolve({}, os.environ, config.get("smtp", {})), password)
"""

from __future__ import annotations

from importlib import import_module

# Lazy, like the top-level package: the CLI imports this package for every command.
_EXPORTS = {
    "build_message": "email", "check_size": "email", "message_bytes": "email",
    "parse_address": "email", "parse_addresses": "email", "write_eml": "email",
    "SmtpSettings": "smtp", "resolve_password": "smtp", "send_message": "smtp", "tls_context": "smtp",
    "brief_for_attachments": "source", "brief_from_docx": "source",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
