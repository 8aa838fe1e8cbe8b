"""Item 6: the web server's timeouts and bad paths, and nginx's settings."""

from __future__ import annotations

import socket
import time
import urllib.request

from secstack import ROOT, WEB_PORT


def _raw(request: bytes, timeout: float = 5) -> bytes:
    with socket.create_connection(("127.0.0.1", WEB_PORT), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_nul_or_malformed_path_is_a_400(served):
    for path in (b"/\x00", b"/%00", b"/faq/%00.html", b"/%ff%fe", b"nopath", b"/%0d%0aX:y"):
        reply = _raw(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert reply.startswith(b"HTTP/1.0 400"), (path, reply[:80])
    # the security headers are still there
    with urllib.request.urlopen(f"http://127.0.0.1:{WEB_PORT}/", timeout=5) as resp:
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]


def test_a_slow_client_is_dropped(served):
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", WEB_PORT), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        closed = False
        for _ in range(30):  # one header byte every second, never finishing
            try:
                sock.sendall(b"X")
                if sock.recv(1, socket.MSG_DONTWAIT) == b"":
                    closed = True
                    break
            except BlockingIOError:
                pass
            except OSError:
                closed = True
                break
            time.sleep(1)
    assert closed and time.monotonic() - start < 15


def test_nginx_template_has_tls_hsts_limits_and_the_apps_body_limit():
    conf = (ROOT / "deploy" / "nginx.conf.template").read_text()
    for needle in (
        "ssl_protocols TLSv1.2 TLSv1.3",
        "ssl_session_tickets off",
        "Strict-Transport-Security",
        "limit_req_zone",
        "limit_conn_zone",
        "limit_req zone=messages",
        "limit_conn per_address",
        "client_max_body_size 64k",
        "client_header_timeout",
    ):
        assert needle in conf, needle
    from rasa_addons.guard import REQUEST_MAX_BYTES

    assert REQUEST_MAX_BYTES == 64 * 1024
