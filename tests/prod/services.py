"""Private PostgreSQL and Redis servers for the fault tests (so that restarting or stopping
them never disturbs the machine's shared servers), and helpers for the shared ones."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import psycopg2
import pytest
import redis

from deploy.stack import http_ok

from immuno.paths import ROOT

SHARED_PG = os.environ.get("PROD_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SHARED_REDIS = os.environ.get("PROD_REDIS_URL", "redis://127.0.0.1:6379/7")


def pg_bin(name: str) -> Optional[str]:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def recreate_database(admin_url: str, name: str) -> str:
    """Drop and create database `name` on the server of admin_url; returns its URL."""
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, name: str) -> None:
    try:
        conn = psycopg2.connect(admin_url)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.close()
    except psycopg2.Error:
        pass


class PrivatePostgres:
    """A throw-away PostgreSQL cluster on loopback that tests may stop and restart."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="immuno-pg-"))
        self.data = self.dir / "data"
        self.initdb, self.pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
        self.as_user: List[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            pwd.getpwnam("postgres")
            shutil.chown(self.dir, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @staticmethod
    def available() -> bool:
        if not (pg_bin("initdb") and pg_bin("pg_ctl")):
            return False
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return False
            return shutil.which("runuser") is not None
        return True

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, self.pg_ctl, "-D", str(self.data), "-w", "-t", "60", *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> "PrivatePostgres":
        if not self.data.exists():
            subprocess.run(
                [
                    *self.as_user,
                    self.initdb,
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        self._ctl(
            "-l",
            str(self.dir / "server.log"),
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        return self

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-m", "fast", "-l", str(self.dir / "server.log"), "restart")

    def destroy(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    def start(self) -> "PrivateRedis":
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("private redis did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        self.proc = None


class Served:
    """scripts/serve.sh (what `make run` starts) as a test fixture."""

    def __init__(self, env: Dict[str, str], log: Path, base: str, actions_port: int) -> None:
        self.env, self.proc = env, None
        self.log, self.base, self.actions_port = log, base, actions_port
        self.log.parent.mkdir(parents=True, exist_ok=True)

    def token(self) -> str:
        if self.env.get("RASA_TOKEN"):
            return self.env["RASA_TOKEN"]
        return (ROOT / "var" / "api-token").read_text().strip()

    def start(self) -> "Served":
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(ROOT / "scripts" / "serve.sh")],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"serve.sh stopped (exit {self.proc.returncode}); see {self.log}")
            if (ROOT / "var" / "api-token").exists() or self.env.get("RASA_TOKEN"):
                if http_ok(f"{self.base}/status?token={self.token()}") and http_ok(
                    f"http://127.0.0.1:{self.actions_port}/health"
                ):
                    return self
            time.sleep(0.5)
        pytest.fail(f"serve.sh not ready after 300 s; see {self.log}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
