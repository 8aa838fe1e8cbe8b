#!/usr/bin/env python3
"""Load benchmark (not a test): simulated patients over the REST channel.

Starts the production stack (deploy/stack.py: 2 Rasa replicas + action server + nginx, on
the machine's PostgreSQL and Redis), then runs N concurrent patients x T turns (asyncio +
aiohttp; each patient waits for the answer, then reads and types for a random 2 to 8 s
before the next message) against one replica directly, then through nginx across both.
Each is run twice: with those pauses (patients as they write) and with no pause at all
(every patient sends again as soon as answered: the stack's capacity). Prints throughput,
p50/p95/p99 latency, errors and lost turns (user messages in the tracker vs messages
sent), and stops what it started.

  scripts/bench_load.py [--patients 50] [--turns 20] [--think 2 8] [--url URL --token T]
  DATABASE_ADMIN_URL (postgresql://postgres@127.0.0.1:5432/postgres)  REDIS_URL
  (redis://127.0.0.1:6379/8)  BENCH_PORT (5900: replicas 5901-5902, nginx 5980)

With --url, benchmarks an already running assistant instead (no stack started; lost turns
are checked when --token gives access to its HTTP API).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import aiohttp

from immuno.paths import ROOT

sys.path.insert(0, str(ROOT / "tests" / "prod"))
from scripts.client import new_conversation  # noqa: E402

# What patients write: questions, social turns, a triage with its answers.
SCRIPT = [
    "bonjour",
    "c'est quoi l'immunothérapie",
    "keytruda c pour quel cancer",
    "quels sont les effets secondaires",
    "comment agissent les anticorps monoclonaux",
    "j'ai la diarrhée",
    "moins de 4",
    "non",
    "merci",
    "opdivo ça sert à quoi",
    "les cytokines c'est quoi",
    "j'ai des plaques rouges qui grattent",
    "je ne sais pas",
    "non",
    "qu'est-ce que le système immunitaire",
    "yervoy depuis quand",
    "tu es un robot ?",
    "comment gérer la fatigue",
    "merci beaucoup",
    "au revoir",
]


# A 200 that says the service is degraded (action gateway, hardened channel) is an error.
DEGRADED = (
    "momentanément indisponible",
    "momentan\\u00e9ment indisponible",
    "pas de réponse à ce message",
)


def percentile(values: List[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def patient(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    turns: int,
    latencies: List[float],
    errors: Dict[str, int],
    think: Optional[Tuple[float, float]],
    rng: random.Random,
) -> List[str]:
    sent = []
    for turn in range(turns):
        if think:
            # Reading the answer and typing the next message; the first wait spreads the
            # patients' arrivals instead of all writing at the same instant.
            await asyncio.sleep(rng.uniform(*think))
        text = SCRIPT[turn % len(SCRIPT)]
        start = time.perf_counter()
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            ) as resp:
                body = await resp.json(content_type=None)
                latencies.append(time.perf_counter() - start)
                if resp.status != 200 or not body:
                    key = f"HTTP {resp.status}" if resp.status != 200 else "empty reply"
                    errors[key] = errors.get(key, 0) + 1
                elif any(marker in str(body) for marker in DEGRADED):
                    errors["degraded reply"] = errors.get("degraded reply", 0) + 1
            sent.append(text)
        except Exception as error:  # noqa: BLE001
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
            sent.append(text)
    return sent


async def lost_turns(api_url: str, token: str, sent: Dict[str, List[str]]) -> int:
    lost = 0
    async with aiohttp.ClientSession() as session:
        for sender, texts in sent.items():
            async with session.get(
                f"{api_url}/conversations/{sender}/tracker", params={"token": token}
            ) as resp:
                events = (await resp.json())["events"]
            stored = [e.get("text") for e in events if e.get("event") == "user"]
            if stored != texts:
                lost += max(1, len(texts) - len(stored))
    return lost


async def run(
    label: str,
    url: str,
    patients: int,
    turns: int,
    api_url: Optional[str],
    token: Optional[str],
    think: Optional[Tuple[float, float]] = None,
) -> Dict[str, object]:
    latencies: List[float] = []
    errors: Dict[str, int] = {}
    connector = aiohttp.TCPConnector(limit=patients)
    start = time.perf_counter()
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=300)
    ) as session:
        # Conversation ids are issued by the server (rasa_addons/channels/rest.py).
        senders = [new_conversation(url) for _ in range(patients)]
        results = await asyncio.gather(
            *(
                patient(session, url, s, turns, latencies, errors, think, random.Random(i))
                for i, s in enumerate(senders)
            )
        )
    elapsed = time.perf_counter() - start
    lost = (
        await lost_turns(api_url, token, dict(zip(senders, results))) if api_url and token else None
    )
    return {
        "label": label,
        "requests": len(latencies),
        "seconds": elapsed,
        "throughput": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies) if latencies else float("nan"),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "lost": lost,
    }


def report(result: Dict[str, object]) -> None:
    lost = "n/a" if result["lost"] is None else result["lost"]
    print(
        f"{result['label']:<44} {result['requests']:>6} req {result['seconds']:7.1f} s "
        f"{result['throughput']:7.1f} req/s  p50 {result['p50'] * 1000:6.0f} ms  "
        f"p95 {result['p95'] * 1000:6.0f} ms  p99 {result['p99'] * 1000:6.0f} ms  "
        f"max {result['max'] * 1000:6.0f} ms  errors {result['errors']} "
        f"{result['error_kinds'] or ''}  lost turns {lost}",
        flush=True,
    )


def machine() -> str:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{platform.node()}: {os.cpu_count()} CPU ({cpu}), {platform.system()} "
        f"{platform.release()}, load average {load:.2f} at start"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=50)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(2.0, 8.0),
        metavar=("MIN", "MAX"),
        help="seconds a patient reads and types between messages",
    )
    parser.add_argument("--url", help="benchmark this running assistant instead")
    parser.add_argument("--token", help="HTTP API token of --url (lost-turn check)")
    args = parser.parse_args()
    think = tuple(args.think)
    print(
        f"bench_load: {args.patients} patients x {args.turns} turns, "
        f"{think[0]:g}-{think[1]:g} s between messages; {machine()}",
        flush=True,
    )
    if args.url:
        url = args.url.rstrip("/")
        report(
            asyncio.run(run("given url", url, args.patients, args.turns, url, args.token, think))
        )
        return 0

    from deploy.stack import Stack
    from services import recreate_database

    admin = os.environ.get("DATABASE_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    database_url = recreate_database(admin, "immuno_bench")
    token = secrets.token_urlsafe(24)
    stack = Stack(
        ROOT / "results" / "bench_load",
        database_url,
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/8"),
        token,
        base_port=int(os.environ.get("BENCH_PORT", "5900")),
        replicas=2,
        model=os.environ.get("MODEL"),
        extra_env={
            "AUDIT_FILE": str(ROOT / "results" / "bench_load" / "audit.jsonl"),
            "REDIS_KEY_PREFIX": "immunobench",
        },
    )
    try:
        started = time.perf_counter()
        stack.up()
        print(f"stack up in {time.perf_counter() - started:.0f} s", flush=True)
        # warm-up: first requests of a replica load lazily
        asyncio.run(run("warm-up", stack.url, 4, 3, None, None))
        targets = [
            ("one replica (direct)", stack.replica_url(0), stack.replica_url(0)),
            ("two replicas via nginx", stack.url, stack.replica_url(1)),
        ]
        results = []
        for pace, pause in (
            (f"{think[0]:g}-{think[1]:g} s pauses", think),
            ("no pause, capacity", None),
        ):
            for label, url, api_url in targets:
                results.append(
                    asyncio.run(
                        run(
                            f"{label}, {pace}",
                            url,
                            args.patients,
                            args.turns,
                            api_url,
                            token,
                            pause,
                        )
                    )
                )
                report(results[-1])
        return 0 if all(r["errors"] == 0 and not r["lost"] for r in results) else 1
    finally:
        stack.down()


if __name__ == "__main__":
    sys.exit(main())
