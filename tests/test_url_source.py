"""URL sources against servers started by the test on 127.0.0.1."""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest

from briefgen.errors import BriefgenError, InputError
from briefgen.ingest import load_source

PAGE = (b"<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        b"<p>The transport ministry said the river bridge was closed after a drone strike damaged "
        b"its northern span late on Thursday evening.</p><p>Engineers said repairs could take "
        b"several weeks, according to a statement from the regional governor.</p></article>"
        b"</body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/plain":
            self._send(200, b"The navy said two boats were hit.", "text/plain")
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"word " * 50_000)
            except OSError:
                pass
        elif self.path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            time.sleep(3)
        elif self.path == "/garbage":
            self._send(200, bytes(range(256)) * 40, "application/octet-stream")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code, body, content_type):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_article_page(server):
    doc = load_source(f"{server}/article")
    assert "river bridge was closed" in doc.text
    assert doc.kind == "url" and doc.url.endswith("/article")


def test_http_redirect_followed(server):
    assert "river bridge" in load_source(f"{server}/to-article").text


def test_plain_text(server):
    assert load_source(f"{server}/plain").text == "The navy said two boats were hit."


def test_redirect_to_file_refused(server):
    with pytest.raises(InputError, match="redirect to a non-http"):
        load_source(f"{server}/to-file")


def test_size_cap(server):
    with pytest.raises(InputError, match="source limit"):
        load_source(f"{server}/huge", max_bytes=1024 * 1024)


def test_stalling_server_times_out(server):
    with pytest.raises(BriefgenError, match="timed out"):
        load_source(f"{server}/stall", timeout=0.5)


def test_garbage_refused(server):
    with pytest.raises(InputError, match="binary"):
        load_source(f"{server}/garbage")


def test_http_error(server):
    with pytest.raises(BriefgenError, match="HTTP 404"):
        load_source(f"{server}/missing")


def test_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(BriefgenError, match="cannot fetch"):
        load_source(f"http://127.0.0.1:{port}/x", timeout=2)
