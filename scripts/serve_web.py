#!/usr/bin/env python3
"""Serve web/ (chat widget demo page, widget assets, staff FAQ) over HTTP.

Environment:
  WEB_PORT         port (default 8080)
  WEB_HOST         interface (default 127.0.0.1; set 0.0.0.0 to expose it)
  RASA_URL         Rasa server as this machine sees it (default http://127.0.0.1:$RASA_PORT)
  RASA_PORT        used when RASA_URL is unset (default 5005)
  RASA_PUBLIC_URL  Rasa server as browsers see it (default: the page's host on Rasa's port)

Standard library only. GET/HEAD, no directory listings, no dot-files, and safe headers
(CSP that allows scripts, styles and connections only to this server and the Rasa server,
nosniff, no referrer, no framing). /config.js tells the demo page where Rasa is.
A client has WEB_READ_TIMEOUT_S (10) seconds to send its request line and headers
(slow clients would otherwise hold a thread each); a path with a NUL, a control
character, bad percent-encoding or not starting with "/" gets 400.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from immuno.paths import ROOT

WEB_DIR = ROOT / "web"
READ_TIMEOUT_S = float(os.environ.get("WEB_READ_TIMEOUT_S", "10"))


def path_is_valid(raw: str) -> bool:
    if not raw.startswith("/"):
        return False
    try:
        path = unquote(urlsplit(raw).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return False
    return not any(ord(c) < 32 or ord(c) == 127 for c in path)


def rasa_settings() -> tuple[str | None, int]:
    """(public URL or None, Rasa port)."""
    port = int(os.environ.get("RASA_PORT", "5005"))
    rasa_url = os.environ.get("RASA_URL")
    if rasa_url:
        parts = urlsplit(rasa_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    return os.environ.get("RASA_PUBLIC_URL") or None, port


class Handler(SimpleHTTPRequestHandler):
    server_version = "immuno-web"
    sys_version = ""
    # Socket timeout of every read and write of the connection (request line, headers).
    timeout = READ_TIMEOUT_S

    # -- the whole request line and headers within READ_TIMEOUT_S, even sent byte by byte
    def setup(self) -> None:
        super().setup()
        self._deadline = threading.Timer(READ_TIMEOUT_S, self._drop)
        self._deadline.daemon = True
        self._deadline.start()

    def _drop(self) -> None:
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def parse_request(self) -> bool:
        parsed = super().parse_request()  # reads the headers
        self._deadline.cancel()
        return parsed

    def finish(self) -> None:
        self._deadline.cancel()
        super().finish()

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".svg": "image/svg+xml",
        ".png": "image/png",
    }

    # -- routing -----------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self._route(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._route(head=True)

    def _not_allowed(self) -> None:
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def _route(self, head: bool) -> None:
        if not path_is_valid(self.path):
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        path = urlsplit(self.path).path
        if any(part.startswith(".") for part in path.split("/") if part):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if path == "/healthz":
            self._send_bytes(b"ok\n", "text/plain; charset=utf-8", head)
            return
        if path == "/faq/unanswered.csv":  # staff: what the material could not answer
            from immuno.unanswered import counts, to_csv

            self._send_bytes(to_csv(counts()).encode(), "text/csv; charset=utf-8", head)
            return
        if path == "/config.js":
            self._send_bytes(self._config_js().encode(), "text/javascript; charset=utf-8", head)
            return
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def _config_js(self) -> str:
        public, port = rasa_settings()
        config = {"server": public} if public else {"rasaPort": port}
        payload = json.dumps(config).replace("<", "\\u003c")
        return f"window.ImmunoChatConfig = window.ImmunoChatConfig || {payload};\n"

    def _send_bytes(self, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def list_directory(self, path):  # no listings
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    # -- headers -----------------------------------------------------------------
    def _connect_sources(self) -> str:
        public, port = rasa_settings()
        if public:
            parts = urlsplit(public)
            ws = "wss" if parts.scheme == "https" else "ws"
            origin = f"{parts.scheme}://{parts.netloc}"
            return f"'self' {origin} {ws}://{parts.netloc}"
        host = (self.headers.get("Host") or "127.0.0.1").rsplit(":", 1)[0]
        if not host or any(c in host for c in " ;,'\"\r\n"):
            host = "127.0.0.1"
        return f"'self' http://{host}:{port} ws://{host}:{port} https://{host}:{port} wss://{host}:{port}"

    def end_headers(self) -> None:
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src {self._connect_sources()}; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        # Widget files are loaded by hospital sites from another origin.
        self.send_header("Cross-Origin-Resource-Policy", "cross-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt: str, *args) -> None:
        sys.stderr.write(f"web: {self.address_string()} {fmt % args}\n")


def main() -> int:
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    httpd = ThreadingHTTPServer((host, port), partial(Handler, directory=str(WEB_DIR)))
    httpd.daemon_threads = True
    print(f"web: serving {WEB_DIR} on http://{host}:{port}", file=sys.stderr, flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
