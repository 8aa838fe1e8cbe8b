#!/usr/bin/env python3
"""Benchmark (not a test): this project's config against Rasa's default (`rasa init`) config.

For each config, on the same data: training time, Rasa server RSS after loading,
per-message latency p50/p95 over REST (one user, sequential, a new conversation
every 20 turns), and intent accuracy on the
intent expectations of tests/conversations/. Prints a Markdown table.

Usage: scripts/bench.py [--messages 300] [--port 5405]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from immuno.paths import ROOT as REPO
from scripts.evaluate import load_cases  # noqa: E402

RASA = str(REPO / ".venv" / "bin" / "rasa")
PYTHON = str(REPO / ".venv" / "bin" / "python")
TURNS_PER_CONVERSATION = 20
TARGETS = "p95 <= 60 ms, training < 5 min, RSS < 1.5 GB, no worse than the default config"


def default_config(path: Path) -> Path:
    """Rasa's default config (what `rasa init` trains with), in French."""
    import rasa.engine.recipes as recipes

    # What `rasa init` trains with: its config.yml leaves pipeline and policies to this file.
    source = Path(recipes.__file__).parent / "config_files" / "default_config.yml"
    config = yaml.safe_load(source.read_text())
    config.update(language="fr", recipe="default.v1", assistant_id="bench-default")
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def train(config: Path, out: Path, name: str) -> float:
    start = time.monotonic()
    subprocess.run(
        [RASA, "train", "--config", str(config), "--out", str(out), "--fixed-model-name", name],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # A fresh cache: training time is measured from scratch, as on a clean clone.
        env={
            **os.environ,
            "PYTHONPATH": str(REPO),
            "RASA_CACHE_DIRECTORY": str(out / f"cache-{name}"),
        },
    )
    return time.monotonic() - start


def post(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def wait(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"server not ready: {url}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def workload(cases: List[dict]) -> Tuple[List[str], List[Tuple[str, str]]]:
    texts = [turn["user"] for case in cases for turn in case["turns"]]
    labelled = [
        (turn["user"], turn["expect"]["intent"])
        for case in cases
        for turn in case["turns"]
        if (turn.get("expect") or {}).get("intent")
    ]
    return texts, labelled


def measure(model: Path, port: int, texts: List[str], labelled, messages: int) -> Dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ACTION_SERVER_URL": os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5455/webhook"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        endpoints = Path(tmp) / "endpoints.yml"
        endpoints.write_text(f"action_endpoint:\n  url: {env['ACTION_SERVER_URL']}\n")
        server = subprocess.Popen(
            [
                RASA,
                "run",
                "--model",
                str(model),
                "--port",
                str(port),
                "-i",
                "127.0.0.1",
                "--enable-api",
                "--endpoints",
                str(endpoints),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait(base + "/")
            rss = rss_mb(server.pid)
            latencies = []
            for index in range(messages):
                text = texts[index % len(texts)]
                # One user, one conversation of 20 turns at a time, as a patient would.
                sender = f"bench-{index // TURNS_PER_CONVERSATION}"
                start = time.perf_counter()
                post(base + "/webhooks/rest/webhook", {"sender": sender, "message": text})
                latencies.append((time.perf_counter() - start) * 1000)
            correct = sum(
                post(base + "/model/parse", {"text": text})["intent"]["name"] == intent
                for text, intent in labelled
            )
        finally:
            server.terminate()
            server.wait(timeout=60)
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "rss": rss,
        "p50": quantiles[49],
        "p95": quantiles[94],
        "accuracy": correct / max(len(labelled), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--port", type=int, default=5405)
    args = parser.parse_args()

    texts, labelled = workload(load_cases([REPO / "tests" / "conversations"]))
    actions = subprocess.Popen(
        [PYTHON, "-m", "rasa_sdk", "--port", "5455", "--actions", "actions"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    try:
        wait("http://127.0.0.1:5455/health")
        with tempfile.TemporaryDirectory() as tmp:
            configs = [
                ("this project (config.yml)", REPO / "config.yml"),
                ("Rasa default (rasa init)", default_config(Path(tmp) / "default.yml")),
            ]
            for index, (label, config) in enumerate(configs):
                print(f"Training and measuring: {label}...", file=sys.stderr)
                seconds = train(config, Path(tmp), f"bench-{index}")
                figures = measure(
                    Path(tmp) / f"bench-{index}.tar.gz", args.port, texts, labelled, args.messages
                )
                rows.append((label, seconds, figures))
    finally:
        actions.terminate()

    print(
        f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{args.messages} REST messages, {len(labelled)} labelled utterances. Targets: {TARGETS}.\n"
    )
    print("| config | training (s) | RSS after load (MB) | p50 (ms) | p95 (ms) | intent accuracy |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, seconds, f in rows:
        print(
            f"| {label} | {seconds:.0f} | {f['rss']:.0f} | {f['p50']:.1f} | {f['p95']:.1f} | {f['accuracy']:.1%} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
