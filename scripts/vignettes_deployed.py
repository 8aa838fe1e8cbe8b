"""The first reply of the deployed NLU pipeline (DIET, then the RedFlagDetector safety net) on
the vignette corpus, beside the triage engine alone (scripts/vignettes.py).

The bot answers a message with 15 when its final intent is `report_emergency`: the engine
found a life-threatening sign, or the classifier said so and the criteria do not explain the
message with lower-level signs (rasa_addons/components/red_flag_detector.py). This prints,
per half, the share of emergency cases given 15 at the first reply and of benign and
near-miss messages given 15, by the engine alone and by the deployed pipeline. Figures only:
no wording is printed (Rasa's own logging is silenced for that reason).

Usage: make vignettes-deployed (trains the model first if its inputs changed), or
PYTHONPATH=. .venv/bin/python scripts/vignettes_deployed.py [--model PATH] [--split S]
About 2-3 minutes per half on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("LOG_LEVEL", "ERROR")

from immuno import triage  # noqa: E402
from immuno.paths import ROOT  # noqa: E402
from scripts import vignettes  # noqa: E402

BENIGN_KINDS = ("near_miss", "no_complaint")


def _silence_rasa() -> None:
    from rasa.utils.log_utils import configure_structlog

    logging.disable(logging.WARNING)
    configure_structlog(logging.ERROR)


async def _figures(agent, split: str) -> dict:
    counts = dict(emergencies=0, engine=0, deployed=0, benign=0, benign_engine=0, benign_deployed=0)
    for case in vignettes.load(split)["cases"]:
        text = case["text"]
        engine = triage.assess(text).is_emergency
        parsed = await agent.parse_message(text)
        deployed = parsed["intent"]["name"] == "report_emergency"
        if case["level"] == "emergency":
            counts["emergencies"] += 1
            counts["engine"] += engine
            counts["deployed"] += deployed
        elif case.get("kind") in BENIGN_KINDS and case["level"] in ("none", "advice"):
            counts["benign"] += 1
            counts["benign_engine"] += engine
            counts["benign_deployed"] += deployed
    return counts


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a trained model (default: the newest in models/)")
    parser.add_argument("--split", choices=vignettes.SPLITS + ("all",), default="all")
    args = parser.parse_args()
    model = args.model or max(
        (ROOT / "models").glob("*.tar.gz"), key=os.path.getmtime, default=None
    )
    if model is None or not Path(model).exists():
        print("no trained model: run `make model` first", file=sys.stderr)
        return 2
    _silence_rasa()
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    print(f"model: {Path(model).name}")
    print("first reply 15:            emergencies (engine / deployed)   benign (engine / deployed)")
    for split in vignettes.SPLITS if args.split == "all" else (args.split,):
        c = asyncio.run(_figures(agent, split))
        print(
            f"  {split:8} {c['emergencies']:4} emergencies {_pct(c['engine'], c['emergencies'])}"
            f" / {_pct(c['deployed'], c['emergencies'])}   {c['benign']:4} benign"
            f" {_pct(c['benign_engine'], c['benign'])} / {_pct(c['benign_deployed'], c['benign'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
