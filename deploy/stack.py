#!/usr/bin/env python3
"""The production topology on one machine: N Rasa replicas + the action server behind nginx,
sharing PostgreSQL (trackers) and Redis (locks). Used by tests/prod and scripts/bench_load.py;
`python -m deploy.stack up` runs it in the foreground (Ctrl-C stops everything it started).

  DATABASE_URL   postgresql://...           (required)
  REDIS_URL      redis://host:port/db       (required with more than one replica)
  RASA_TOKEN     HTTP API token of the replicas (required; generated if unset with `up`)
  ACTION_SERVER_TOKEN, CONVERSATION_ID_SECRET  shared by every replica (generated if unset)
  ALLOWED_HOSTS  public host names of nginx (Host header allowlist of the replicas)
  STACK_PORT     base port (5600): replicas BASE+1.., actions BASE+55, action gateway
                 BASE+56, nginx BASE+80
  REPLICAS       2
  CORS_ORIGINS   allowed web origins (space-separated)
  MODEL          model archive (default: scripts/train_if_changed.sh's)

Every port listens on 127.0.0.1 except nginx's (NGINX_LISTEN, default 127.0.0.1).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

from immuno.paths import ROOT
from rasa_addons.guard import settings
from scripts.client import new_conversation

VENV = ROOT / ".venv" / "bin"


def default_model() -> str:
    out = subprocess.run(
        [str(ROOT / "scripts" / "train_if_changed.sh")],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.strip().splitlines()[-1]


def http_ok(url: str, timeout: float = 3) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


class Stack:
    def __init__(
        self,
        run_dir: Path,
        database_url: str,
        redis_url: Optional[str],
        token: str,
        base_port: int = 5600,
        replicas: int = 2,
        model: Optional[str] = None,
        cors_origins: str = "",
        nginx_listen: str = "127.0.0.1",
        extra_env: Optional[Dict[str, str]] = None,
    ):
        self.run_dir = Path(run_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.database_url, self.redis_url, self.token = database_url, redis_url, token
        self.replica_ports = [base_port + 1 + i for i in range(replicas)]
        self.actions_port = base_port + 55
        self.gateway_port = base_port + 56
        self.nginx_port = base_port + 80
        self.model = model or default_model()
        self.cors_origins = cors_origins or f"http://127.0.0.1:{base_port + 81}"
        self.nginx_listen = nginx_listen
        self.extra_env = extra_env or {}
        self.action_token = os.environ.get("ACTION_SERVER_TOKEN") or secrets.token_urlsafe(24)
        self.id_secret = os.environ.get("CONVERSATION_ID_SECRET") or secrets.token_urlsafe(32)
        self.procs: Dict[str, subprocess.Popen] = {}

    # -- URLs -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[index]}"

    def log_path(self, name: str) -> Path:
        return self.run_dir / f"{name}.log"

    # -- processes --------------------------------------------------------------------
    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "PYTHONPATH": str(ROOT),
                "RASA_TELEMETRY_ENABLED": "false",
                "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                "DATABASE_URL": self.database_url,
                "ACTION_SERVER_URL": f"http://127.0.0.1:{self.gateway_port}/webhook",
                "ACTION_SERVER_TOKEN": self.action_token,
                "CONVERSATION_ID_SECRET": self.id_secret,
                "CORS_ORIGINS": self.cors_origins,
                # The replicas see nginx's address: the client's is its X-Forwarded-For.
                "TRUSTED_PROXY_COUNT": "1",
            }
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        else:
            env.pop("REDIS_URL", None)
        env.update(self.extra_env)
        return env

    def _spawn(self, name: str, argv: List[str], env: Dict[str, str]) -> None:
        self.stop(name)
        log = open(self.log_path(name), "ab")
        self.procs[name] = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)  # the group of this process only (start_new_session)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except ProcessLookupError:
            pass

    def start_actions(self) -> None:
        env = self._env()
        env["SANIC_HOST"] = "127.0.0.1"  # never exposed: only the gateway talks to it
        self._spawn(
            "actions",
            [
                str(VENV / "python"),
                "-m",
                "actions.server",
                "--port",
                str(self.actions_port),
                "--actions",
                "actions",
            ],
            env,
        )

    def start_replica(self, index: int) -> None:
        port = self.replica_ports[index]
        endpoints = self.run_dir / f"endpoints-{port}.yml"
        env = self._env()
        subprocess.run(
            [
                str(VENV / "python"),
                str(ROOT / "deploy" / "render_endpoints.py"),
                "--output",
                str(endpoints),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stderr=subprocess.DEVNULL,
        )
        argv = [
            str(VENV / "python"),
            "-m",
            "rasa_addons.server",
            "run",
            "--model",
            self.model,
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
            "--enable-api",
            "--auth-token",
            self.token,
            "--credentials",
            str(ROOT / "deploy" / "credentials.yml"),
            "--endpoints",
            str(endpoints),
            "--cors",
            *self.cors_origins.split(),
        ]
        self._spawn(f"rasa-{index + 1}", argv, env)

    def render_nginx(self) -> Path:
        template = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
        servers = "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in self.replica_ports
        )
        values = {
            "RUN_DIR": str(self.run_dir.resolve()),
            "RASA_SERVERS": servers,
            "ACTION_SERVERS": f"        server 127.0.0.1:{self.actions_port};",
            "LISTEN": self.nginx_listen,
            "NGINX_PORT": str(self.nginx_port),
            "ACTIONS_GATEWAY_PORT": str(self.gateway_port),
            "ACTIONS_UNAVAILABLE_TEXT": settings().message("unavailable").replace("'", "\\'"),
            "TLS_LISTEN": self._tls_listen(),
        }
        for key, value in values.items():
            template = template.replace("${" + key + "}", value)
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
        conf = self.run_dir / "nginx.conf"
        conf.write_text(template, encoding="utf-8")
        return conf

    def _tls_listen(self) -> str:
        """An https listener on NGINX_TLS_PORT when TLS_CERT and TLS_KEY name files."""
        cert, key = self.extra_env.get("TLS_CERT"), self.extra_env.get("TLS_KEY")
        if not (cert and key):
            return ""
        return (
            f"        listen {self.nginx_listen}:{self.nginx_port + 1} ssl;\n"
            f"        ssl_certificate {cert};\n        ssl_certificate_key {key};"
        )

    @property
    def tls_url(self) -> str:
        return f"https://127.0.0.1:{self.nginx_port + 1}"

    def start_nginx(self) -> None:
        conf = self.render_nginx()
        nginx = "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "nginx"
        check = subprocess.run(
            [nginx, "-t", "-q", "-c", str(conf), "-p", str(self.run_dir)],
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise RuntimeError(f"nginx config refused: {check.stderr}")
        self._spawn("nginx", [nginx, "-c", str(conf), "-p", str(self.run_dir)], self._env())

    # -- readiness --------------------------------------------------------------------
    def replica_ready(self, index: int) -> bool:
        return http_ok(f"{self.replica_url(index)}/status?token={self.token}")

    def wait(self, check, what: str, timeout: float = 240) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            dead = [n for n, p in self.procs.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(
                    f"{', '.join(dead)} stopped while waiting for {what}; "
                    f"see {self.log_path(dead[0])}"
                )
            time.sleep(0.5)
        raise TimeoutError(f"{what} not ready after {timeout:.0f}s")

    def wait_replica(self, index: int, timeout: float = 240) -> None:
        self.wait(lambda: self.replica_ready(index), f"rasa-{index + 1}", timeout)

    def new_sender(self, base: Optional[str] = None) -> str:
        """A conversation id issued by the server (what the widget and REST clients use)."""
        return new_conversation(base or self.url)

    def wait_actions(self, timeout: float = 60) -> None:
        self.wait(
            lambda: http_ok(f"http://127.0.0.1:{self.actions_port}/health"),
            "action server",
            timeout,
        )

    def up(self, timeout: float = 300) -> "Stack":
        self.start_actions()
        for index in range(len(self.replica_ports)):
            self.start_replica(index)
        self.start_nginx()
        self.wait_actions()
        for index in range(len(self.replica_ports)):
            self.wait_replica(index, timeout)
        self.wait(lambda: http_ok(f"{self.url}/healthz"), "nginx", 30)
        return self

    def down(self) -> None:
        for name in list(self.procs):
            self.stop(name)

    def __enter__(self) -> "Stack":
        return self.up()

    def __exit__(self, *_: object) -> None:
        self.down()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up"])
    parser.add_argument("--run-dir", default=str(ROOT / "var" / "stack"))
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print("stack.py: DATABASE_URL is required (postgresql://...)", file=sys.stderr)
        return 2
    replicas = int(os.environ.get("REPLICAS", "2"))
    if replicas > 1 and not os.environ.get("REDIS_URL"):
        print("stack.py: REDIS_URL is required with several replicas", file=sys.stderr)
        return 2
    token = os.environ.get("RASA_TOKEN") or secrets.token_urlsafe(24)
    stack = Stack(
        Path(args.run_dir),
        database_url,
        os.environ.get("REDIS_URL"),
        token,
        base_port=int(os.environ.get("STACK_PORT", "5600")),
        replicas=replicas,
        model=os.environ.get("MODEL"),
        cors_origins=os.environ.get("CORS_ORIGINS", ""),
        nginx_listen=os.environ.get("NGINX_LISTEN", "127.0.0.1"),
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.up()
        print(
            f"stack up: {stack.url}/webhooks/rest/webhook (replicas "
            f"{', '.join(map(str, stack.replica_ports))}, logs in {args.run_dir})",
            file=sys.stderr,
        )
        while all(p.poll() is None for p in stack.procs.values()):
            time.sleep(1)
        print("stack.py: a process stopped; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.down()


if __name__ == "__main__":
    sys.exit(main())
