"""Delivery of finished briefs: e-mail over SMTP, or an .eml draft to open in a mail client.

    from briefgen.deliver import SmtpSettings, build_message, send_message, write_eml
    msg = build_message([Path("brief.docx")], to=["a@example.org"], sender="me@example.org",
                        brief=brief)
    send_message(msg, SmtpSettings.resolve({}, os.environ, config.get("smtp", {})), password)
"""

from __future__ import annotations

from .email import build_message, check_size, message_bytes, parse_address, parse_addresses, write_eml
from .smtp import SmtpSettings, resolve_password, send_message, tls_context
from .source import brief_for_attachments, brief_from_docx

__all__ = [
    "SmtpSettings",
    "brief_for_attachments",
    "brief_from_docx",
    "build_message",
    "check_size",
    "message_bytes",
    "parse_address",
    "parse_addresses",
    "resolve_password",
    "send_message",
    "tls_context",
    "write_eml",
]
