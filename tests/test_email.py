"""E-mail delivery against real SMTP servers (aiosmtpd) started on 127.0.0.1 by the tests.

What a user cares about: the colleague gets the DOCX byte for byte with a readable summary,
blind copies stay blind, a private CA can be trusted without turning verification off, and
every failure is one line, a non-zero exit and nothing half-sent.
"""

from __future__ import annotations

import datetime as dt
import email
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.deliver.commands import SECURITY_CHOICES
from briefgen.deliver.email import build_message, parse_address
from briefgen.deliver.smtp import SECURITY_MODES, SmtpSettings, resolve_password
from briefgen.errors import InputError
from briefgen.model import Brief, Fact

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
USER, PASSWORD = "analyst", "s3cret-pass"
TITLE = "Drones cross into Polish airspace"
BLUF = "NATO jets shot down several drones over Poland overnight."


# --- servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Recorder:
    """aiosmtpd handler: keeps every delivered message; refuses the addresses in `refuse`."""

    refuse: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data == (USER.encode(), PASSWORD.encode())
    # handled=False: let aiosmtpd send the 535 itself (handled=True means "I replied already").
    return AuthResult(success=ok, handled=False)


@dataclass
class Server:
    handler: Recorder
    port: int


@pytest.fixture
def smtp_server():
    handler = Recorder(refuse={"nobody@example.org"})
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    yield Server(handler, port)
    controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1/localhost, made here (no files in the repo)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _server_context(certificate) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def tls_server(certificate):
    """STARTTLS required, AUTH offered only after STARTTLS (aiosmtpd's auth_require_tls)."""
    handler = Recorder()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost",
                            tls_context=_server_context(certificate), require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True, auth_required=True)
    controller.start()
    yield Server(handler, port)
    controller.stop()


@pytest.fixture
def ssl_server(certificate):
    """Implicit TLS (port-465 style). aiosmtpd cannot tell it is wrapped, so no AUTH here."""
    handler = Recorder()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost",
                            ssl_context=_server_context(certificate))
    controller.start()
    yield Server(handler, port)
    controller.stop()


# --- inputs ---------------------------------------------------------------------------------


def make_docx(path: Path, title: str = TITLE) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_heading(title, 0)
    document.add_heading("Bottom line", 1)
    document.add_paragraph(BLUF)
    document.add_heading("Key facts", 1)
    document.add_paragraph("Nineteen airspace violations were recorded.", style="List Bullet")
    document.add_paragraph("Poland invoked NATO Article 4.", style="List Bullet")
    document.save(str(path))
    return path


@pytest.fixture
def docx_file(tmp_path) -> Path:
    return make_docx(tmp_path / "2025-09-10-drones-poland-analyst.docx")


@pytest.fixture
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("BRIEFGEN_SMTP_") or name == "SOURCE_DATE_EPOCH":
            monkeypatch.delenv(name)
    monkeypatch.chdir(Path(__file__).parent)  # no stray briefgen.toml from the caller's folder


def send(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["send", *args], env=env, catch_exceptions=False)


def server_args(server: Server) -> list[str]:
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port), "--smtp-security", "none",
            "--from", "Briefing Desk <desk@example.org>"]


def one_line_error(result, *needles: str) -> str:
    """The CLI's error contract: one line on stderr, no traceback, naming what is wrong."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefgen: error: ") and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def attachment_bytes(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    return {part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
            for part in message.iter_attachments()}


# --- sending --------------------------------------------------------------------------------


def test_send_delivers_docx_byte_identical_with_both_bodies(smtp_server, docx_file, clean_env):
    result = send([str(docx_file), *server_args(smtp_server), "--to", "Anna Nowak <anna@example.org>",
                   "--to", "ben@example.org, carl@example.net", "--cc", "dana@example.org",
                   "--bcc", "secret@example.org"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "sent to 5 recipient(s)" in result.stdout

    [received] = smtp_server.handler.messages
    assert received.mail_from == "desk@example.org"
    assert received.rcpt_tos == ["anna@example.org", "ben@example.org", "carl@example.net",
                                 "dana@example.org", "secret@example.org"]
    msg = received.message
    assert "secret@example.org" not in msg.as_string()  # blind copy: envelope only
    assert msg["Bcc"] is None
    assert msg["To"].addresses[0].display_name == "Anna Nowak"
    assert msg["Cc"] == "dana@example.org"
    assert msg["Subject"] == f"Brief: {TITLE}"
    assert msg["Date"] and msg["Message-ID"].endswith("@example.org>")

    assert msg.get_content_type() == "multipart/mixed"
    alternative = msg.get_payload()[0]
    assert alternative.get_content_type() == "multipart/alternative"
    plain = alternative.get_body(("plain",)).get_content()
    rich = alternative.get_body(("html",)).get_content()
    for body in (plain, rich):
        assert TITLE in body and BLUF in body and "Poland invoked NATO Article 4." in body
    assert attachment_bytes(msg) == {docx_file.name: (DOCX_TYPE, docx_file.read_bytes())}


def test_send_as_a_real_subprocess_with_settings_from_the_environment(smtp_server, docx_file, tmp_path):
    facts = Brief(title="Facts-file title <b>", bluf=Fact(text="From the facts file & not the DOCX."),
                  key_facts=[Fact(text="A fact with <angle> brackets.")])
    docx_file.with_suffix(".json").write_text(facts.to_json(), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_SMTP_")}
    env.update(BRIEFGEN_SMTP_HOST="127.0.0.1", BRIEFGEN_SMTP_PORT=str(smtp_server.port),
               BRIEFGEN_SMTP_SECURITY="none", BRIEFGEN_SMTP_FROM="desk@example.org")
    proc = subprocess.run([sys.executable, "-m", "briefgen.cli", "send", str(docx_file), str(pdf),
                           "--to", "anna@example.org"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    [received] = smtp_server.handler.messages
    assert attachment_bytes(received.message) == {
        docx_file.name: (DOCX_TYPE, docx_file.read_bytes()),
        "brief.pdf": ("application/pdf", pdf.read_bytes()),
    }
    # The sibling facts file wins over the DOCX, and the HTML body escapes what it quotes.
    html_body = received.message.get_body(("html",)).get_content()
    assert "Facts-file title &lt;b&gt;" in html_body and "<b>" not in html_body.split("<body")[1]
    assert "From the facts file &amp; not the DOCX." in html_body
    assert "A fact with <angle> brackets." in received.message.get_body(("plain",)).get_content()
    assert received.message["Subject"] == "Brief: Facts-file title <b>"


def test_auth_over_starttls_trusting_a_private_ca(tls_server, docx_file, certificate, clean_env):
    env = {"BRIEFGEN_SMTP_PASSWORD": PASSWORD, "BRIEFGEN_SMTP_CAFILE": str(certificate[0])}
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(tls_server.port),
                   "--smtp-user", USER], env=env)
    assert result.exit_code == 0, result.stderr
    [received] = tls_server.handler.messages
    assert received.rcpt_tos == ["anna@example.org"]
    assert attachment_bytes(received.message)[docx_file.name][1] == docx_file.read_bytes()


def test_implicit_tls_with_ca_from_the_config_file(ssl_server, docx_file, certificate, clean_env):
    config = certificate[0].parent / "briefgen.toml"  # cafile relative to the config file
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {ssl_server.port}\nsecurity = "ssl"\n'
                      f'from = "desk@example.org"\ncafile = "{certificate[0].name}"\ntimeout = 10\n')
    result = CliRunner().invoke(main, ["--config", str(config), "send", str(docx_file),
                                       "--to", "anna@example.org"])
    assert result.exit_code == 0, result.stderr
    assert len(ssl_server.handler.messages) == 1

    config.write_text('[smtp]\nhots = "127.0.0.1"\n')
    result = CliRunner().invoke(main, ["--config", str(config), "send", str(docx_file),
                                       "--to", "anna@example.org", "--dry-run"])
    assert result.exit_code == 2
    one_line_error(result, f"{config} [smtp]: unknown key 'hots'")


# --- failures: one line, non-zero, nothing sent ---------------------------------------------


def test_untrusted_certificate_is_a_tls_failure(tls_server, docx_file, clean_env):
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(tls_server.port),
                   "--smtp-user", USER], env={"BRIEFGEN_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 1
    one_line_error(result, "TLS failure", f"127.0.0.1:{tls_server.port}", "certificate")
    assert tls_server.handler.messages == []


def test_wrong_password_is_refused(tls_server, docx_file, certificate, clean_env):
    env = {"BRIEFGEN_SMTP_PASSWORD": "wrong", "BRIEFGEN_SMTP_CAFILE": str(certificate[0])}
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(tls_server.port),
                   "--smtp-user", USER], env=env)
    assert result.exit_code == 1
    one_line_error(result, "refused the login", repr(USER), "535")
    assert PASSWORD not in result.stderr and "wrong" not in result.stderr
    assert tls_server.handler.messages == []


def test_one_refused_recipient_means_nothing_is_sent(smtp_server, docx_file, clean_env):
    # smtplib.sendmail would deliver to the accepted ones and report the refused one afterwards.
    result = send([str(docx_file), *server_args(smtp_server), "--to", "anna@example.org",
                   "--bcc", "nobody@example.org"])
    assert result.exit_code == 1
    one_line_error(result, "refused recipient nobody@example.org", "550", "nothing was sent")
    assert smtp_server.handler.messages == []


def test_connection_refused_on_a_closed_port(docx_file, clean_env):
    port = free_port()  # bound then released: nothing listens there
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none"])
    assert result.exit_code == 1
    one_line_error(result, f"127.0.0.1:{port}", "connection refused")


def test_a_server_that_never_answers_times_out(docx_file, clean_env):
    with socket.socket() as listener:  # accepts the connection, never sends a greeting
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                       "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
                       "--smtp-timeout", "0.5"])
    assert result.exit_code == 1
    one_line_error(result, f"127.0.0.1:{port}", "no answer within 0.5 s")


def test_missing_attachment(smtp_server, docx_file, clean_env):
    result = send([str(docx_file), str(docx_file.parent / "missing.pdf"), *server_args(smtp_server),
                   "--to", "anna@example.org"])
    assert result.exit_code == 2
    one_line_error(result, "missing.pdf", "attachment not found")
    assert smtp_server.handler.messages == []


def test_message_over_the_size_limit(smtp_server, tmp_path, clean_env):
    big = tmp_path / "big.pdf"
    big.write_bytes(os.urandom(300 * 1024))  # ~400 KB once base64-encoded
    result = send([str(big), *server_args(smtp_server), "--to", "anna@example.org",
                   "--max-size-mb", "0.25"])
    assert result.exit_code == 2
    one_line_error(result, "over the 0.25 MB limit")
    assert smtp_server.handler.messages == []
    assert send([str(big), *server_args(smtp_server), "--to", "anna@example.org"]).exit_code == 0


def test_size_limit_from_the_environment(smtp_server, tmp_path, clean_env):
    big = tmp_path / "big.pdf"
    big.write_bytes(os.urandom(300 * 1024))
    result = send([str(big), *server_args(smtp_server), "--to", "anna@example.org"],
                  env={"BRIEFGEN_SMTP_MAX_SIZE_MB": "0.1"})
    assert result.exit_code == 2
    one_line_error(result, "over the 0.1 MB limit")


@pytest.mark.parametrize("option,value", [
    ("--to", "anna@"), ("--to", "not an address"), ("--cc", "a@b@example.org"),
    ("--bcc", "x@exa_mple.org"), ("--from", "Desk <desk@>"), ("--to", "a@example.org\r\nBcc: x@y.org"),
])
def test_invalid_address_fails_before_connecting(option, value, docx_file, clean_env):
    port = free_port()  # nothing listens: reaching the network would give "connection refused"
    args = [str(docx_file), "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
            "--to", "anna@example.org", "--from", "desk@example.org", option, value]
    result = send(args)
    assert result.exit_code == 2
    one_line_error(result, f"{option}: ", "not a valid e-mail address")


def test_no_recipients_and_no_server_are_clear_errors(docx_file, clean_env):
    result = send([str(docx_file), "--from", "desk@example.org"])
    assert result.exit_code == 2
    one_line_error(result, "no recipients")
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org"])
    assert result.exit_code == 2
    one_line_error(result, "no SMTP server", "BRIEFGEN_SMTP_HOST")


def test_user_without_password_and_no_terminal_is_an_error(smtp_server, docx_file, clean_env):
    result = send([str(docx_file), *server_args(smtp_server), "--to", "anna@example.org",
                   "--smtp-user", USER])
    assert result.exit_code == 2
    one_line_error(result, "BRIEFGEN_SMTP_PASSWORD")
    assert smtp_server.handler.messages == []


def test_server_without_starttls_is_not_silently_downgraded(smtp_server, docx_file, clean_env):
    result = send([str(docx_file), "--to", "anna@example.org", "--from", "desk@example.org",
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_server.port)])
    assert result.exit_code == 1
    one_line_error(result, "does not offer STARTTLS")
    assert smtp_server.handler.messages == []


# --- drafts and dry runs --------------------------------------------------------------------


def test_eml_draft_parses_and_carries_the_same_attachment(docx_file, tmp_path, clean_env):
    draft = tmp_path / "draft.eml"
    result = send([str(docx_file), "--to", "anna@example.org", "--bcc", "secret@example.org",
                   "--eml", str(draft)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(draft)
    msg = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "anna@example.org"
    assert msg["Bcc"] == "secret@example.org"  # a draft shows its blind copies to its author
    assert attachment_bytes(msg) == {docx_file.name: (DOCX_TYPE, docx_file.read_bytes())}
    # No facts file next to it: the body was read back from the DOCX itself.
    assert BLUF in msg.get_body(("plain",)).get_content()
    assert not list(tmp_path.glob(".draft.eml.*"))  # atomic write left no temporary file


def test_eml_is_byte_identical_with_source_date_epoch(docx_file, tmp_path, clean_env, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1757462400")
    first, second = tmp_path / "a.eml", tmp_path / "b.eml"
    for path in (first, second):
        assert send([str(docx_file), "--to", "anna@example.org", "--eml", str(path)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"\r\nDate: Wed, 10 Sep 2025 00:00:00 +0000\r\n" in first.read_bytes()


def test_dry_run_reports_and_sends_nothing(smtp_server, docx_file, clean_env):
    result = send([str(docx_file), *server_args(smtp_server), "--to", "anna@example.org",
                   "--bcc", "secret@example.org", "--subject", "Overnight drones", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "To: anna@example.org" in out and "Bcc: secret@example.org" in out
    assert "Subject: Overnight drones" in out
    assert docx_file.name in out and " KB " in out and DOCX_TYPE in out
    assert "nothing was sent" in out
    assert smtp_server.handler.messages == []


# --- generate --email-to --------------------------------------------------------------------


def test_generate_email_to_sends_what_it_wrote(smtp_server, tmp_path, clean_env, monkeypatch):
    """The hook in `generate`, with extraction and rendering stubbed (their own tests cover them)."""
    from briefgen import api

    brief = Brief(title=TITLE, bluf=Fact(text=BLUF))
    seen_formats: list[tuple[str, ...]] = []

    def fake_render(brief, *, formats, out_dir, **_):
        seen_formats.append(tuple(formats))
        paths = []
        for fmt in formats:
            path = Path(out_dir) / f"brief.{fmt}"
            make_docx(path) if fmt == "docx" else path.write_bytes(b"%PDF-1.7 " + fmt.encode())
            paths.append(path)
        return paths

    monkeypatch.setattr(api, "extract", lambda *a, **k: brief)
    monkeypatch.setattr(api, "render", fake_render)
    # BRIEFGEN_SERIAL: extract and render are stubbed in this process, so no forked renderer.
    env = {"BRIEFGEN_SERIAL": "1", "BRIEFGEN_SMTP_HOST": "127.0.0.1",
           "BRIEFGEN_SMTP_PORT": str(smtp_server.port), "BRIEFGEN_SMTP_SECURITY": "none",
           "BRIEFGEN_SMTP_FROM": "desk@example.org"}
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, ["generate", "report.txt", "--out", str(out), "--format", "docx",
                                       "--email-to", "anna@example.org", "--attach", "docx,pdf"], env=env)
    assert result.exit_code == 0, result.stderr
    assert seen_formats == [("docx", "pdf")]  # --attach pdf added the PDF to what is written
    [received] = smtp_server.handler.messages
    assert received.rcpt_tos == ["anna@example.org"]
    assert attachment_bytes(received.message) == {
        "brief.docx": (DOCX_TYPE, (out / "brief.docx").read_bytes()),
        "brief.pdf": ("application/pdf", (out / "brief.pdf").read_bytes()),
    }
    assert BLUF in received.message.get_body(("plain",)).get_content()

    # A bad address fails before anything is generated.
    seen_formats.clear()
    result = CliRunner().invoke(main, ["generate", "report.txt", "--out", str(out),
                                       "--email-to", "anna@"], env=env)
    assert result.exit_code == 2 and seen_formats == []
    one_line_error(result, "--email-to", "not a valid e-mail address")


# --- settings -------------------------------------------------------------------------------


def test_settings_precedence_options_env_config_defaults():
    config = {"host": "config.example.org", "port": 2525, "user": "cfg", "from": "cfg@example.org",
              "max_size_mb": 5}
    env = {"BRIEFGEN_SMTP_HOST": "env.example.org", "BRIEFGEN_SMTP_USER": "envuser",
           "BRIEFGEN_SMTP_SECURITY": "SSL"}
    settings = SmtpSettings.resolve({"host": "opt.example.org", "port": None}, env, config)
    assert (settings.host, settings.port, settings.user, settings.sender) == \
        ("opt.example.org", 2525, "envuser", "cfg@example.org")
    assert (settings.security, settings.max_size_mb, settings.timeout) == ("ssl", 5.0, 30.0)
    assert SmtpSettings.resolve({}, {}, {}).effective_port == 587
    assert SmtpSettings.resolve({"security": "ssl"}, {}, {}).effective_port == 465


@pytest.mark.parametrize("env,config,needle", [
    ({"BRIEFGEN_SMTP_PORT": "smtp"}, {}, "BRIEFGEN_SMTP_PORT: 'smtp' is not a port number"),
    ({"BRIEFGEN_SMTP_SECURITY": "tls"}, {}, "BRIEFGEN_SMTP_SECURITY: 'tls' is not one of"),
    ({}, {"hots": "x"}, "unknown key 'hots'"),
    ({}, {"timeout": -1}, "timeout: -1 is not a positive number"),
    ({}, {"from": "desk@"}, "from: 'desk@' is not a valid e-mail address"),
])
def test_bad_settings_name_where_they_came_from(env, config, needle):
    with pytest.raises(InputError, match=needle.replace("(", r"\(")):
        SmtpSettings.resolve({}, env, config)


def test_password_comes_from_env_or_prompt_only():
    settings = SmtpSettings(host="h", user="u")
    assert resolve_password(SmtpSettings(host="h"), {}, None) is None
    assert resolve_password(settings, {"BRIEFGEN_SMTP_PASSWORD": "pw"}, None) == "pw"
    assert resolve_password(settings, {}, lambda text: "typed") == "typed"
    with pytest.raises(InputError, match="BRIEFGEN_SMTP_PASSWORD"):
        resolve_password(settings, {}, None)


def test_cli_security_choices_match_the_library():
    assert SECURITY_CHOICES == SECURITY_MODES


def test_address_parsing_keeps_display_names_and_splits_lists():
    assert str(parse_address('"Nowak, Anna" <anna@example.org>')) == '"Nowak, Anna" <anna@example.org>'
    msg = build_message([], to=['"Nowak, Anna" <anna@example.org>, ben@example.org'])
    assert [a.addr_spec for a in msg["To"].addresses] == ["anna@example.org", "ben@example.org"]


def test_body_keeps_to_a_summary_and_lists_the_rest_as_attached():
    brief = Brief(title="T", key_facts=[Fact(text=f"Fact number {i}.") for i in range(1, 13)])
    msg = build_message([], to=["anna@example.org"], brief=brief)
    plain = msg.get_body(("plain",)).get_content()
    assert "Fact number 8." in plain and "Fact number 9." not in plain
    assert "and 4 more in the attachment" in plain


def test_non_ascii_file_name_and_subject_survive_the_trip(smtp_server, tmp_path, clean_env):
    docx_path = make_docx(tmp_path / "Złoty brief — Ukraïna.docx")
    result = send([str(docx_path), *server_args(smtp_server), "--to", "anna@example.org",
                   "--subject", "Brief — Złoty «special»"])
    assert result.exit_code == 0, result.stderr
    [received] = smtp_server.handler.messages
    assert received.message["Subject"] == "Brief — Złoty «special»"
    assert attachment_bytes(received.message) == {docx_path.name: (DOCX_TYPE, docx_path.read_bytes())}


@pytest.mark.slow
def test_real_generate_email_to_attaches_the_docx_it_wrote(smtp_server, tmp_path, clean_env, example_path):
    env = {"BRIEFGEN_SMTP_HOST": "127.0.0.1",
           "BRIEFGEN_SMTP_PORT": str(smtp_server.port), "BRIEFGEN_SMTP_SECURITY": "none",
           "BRIEFGEN_SMTP_FROM": "desk@example.org"}
    result = CliRunner().invoke(main, ["generate", str(example_path), "--out", str(tmp_path),
                                       "--format", "docx", "--email-to", "anna@example.org"], env=env)
    assert result.exit_code == 0, result.stderr
    [docx_path] = [Path(line) for line in result.stdout.split() if line.endswith(".docx")]
    [received] = smtp_server.handler.messages
    assert attachment_bytes(received.message) == {docx_path.name: (DOCX_TYPE, docx_path.read_bytes())}
    assert received.message["Subject"].startswith("Brief: Drone debris falls in Romania")
