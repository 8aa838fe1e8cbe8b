"""NLU quality gate: 5-fold cross-validation of the NLU pipeline on data/.

The evaluation config is derived from config.yml (the single source of the pipeline):
- `FallbackClassifier` is removed, so that the scores measure the classifier itself
  (otherwise every low-confidence prediction becomes `nlu_fallback`);
- the rule components that set the intent in production are kept: `RedFlagDetector` (the
  triage engine's safety net) and `PracticalQuestionDetector` (a knowledge question naming
  a practical topic is `ask_practical`, the answer it gets); --without-rules (alias
  --without-red-flag) leaves both out and measures the learnt classifier alone;
- a custom component that cannot be imported is removed too, with a warning on stderr.

Reads results/nlu_cv/intent_report.json (intent macro-avg F1) and
results/nlu_cv/DIETClassifier_report.json (`drug` entity F1), prints them against the
thresholds and exits 1 when a score is below its threshold (2 on a run error).

Usage (from the repo root): PYTHONPATH=. .venv/bin/python scripts/eval_nlu.py
Options: --folds N, --out DIR, --report-only (re-read an existing report, no run),
--seeds N: N cross-validations, DIET's random_seed 42, 43, ... (the folds are drawn anew
each time); prints each score and the spread, and the gate applies to the worst one.
--first-seed S: start at seed S (three processes `--seeds 1 --first-seed 42/43/44` run the
seeds side by side; `--report-only --seeds 3` then reads the three).
Each fold loads knowledge/ again (the safety net's criteria): an edit made meanwhile is read
half-way, or stops the run on an invalid file; run it from its own `git worktree` to go on
editing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from immuno.paths import ROOT

INTENT_F1_MIN = 0.95
DRUG_F1_MIN = 0.97
REMOVED_ALWAYS = {"FallbackClassifier"}
# Components that rewrite intents by rule: the red-flag safety net (knowledge/triage.yml)
# and the practical topics (knowledge/practical.yml).
RULE_COMPONENTS = {
    "rasa_addons.components.red_flag_detector.RedFlagDetector",
    "rasa_addons.components.practical_question_detector.PracticalQuestionDetector",
}


def importable(component: str) -> bool:
    """True for built-in Rasa components and importable custom ones (`pkg.mod.Class`)."""
    if "." not in component:
        return True
    module_name, _, class_name = component.rpartition(".")
    try:
        module = importlib.import_module(module_name)
        getattr(module, class_name)
    except Exception as exc:  # noqa: BLE001 - any failure means "cannot be used"
        print(
            f"WARNING: {component} cannot be imported ({exc!r}); "
            f"it is left out of the evaluation config.",
            file=sys.stderr,
        )
        return False
    return True


def build_eval_config(config_path: Path, with_rules: bool = True) -> tuple[dict, list[str]]:
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    excluded = set(REMOVED_ALWAYS) | (set() if with_rules else RULE_COMPONENTS)
    kept, removed = [], []
    for step in config.get("pipeline", []):
        name = step["name"]
        if name in excluded or not importable(name):
            removed.append(name)
        else:
            kept.append(step)
    config["pipeline"] = kept
    # Policies are irrelevant to `rasa test nlu`; dropping them avoids importing
    # dialogue components that may not exist yet.
    config.pop("policies", None)
    return config, removed


def run_cross_validation(config: dict, folds: int, out: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")  # hospitals and CI are offline
    rasa = Path(sys.executable).parent / "rasa"
    with tempfile.NamedTemporaryFile(
        "w", suffix=".yml", prefix="eval_nlu_config_", delete=False, encoding="utf-8"
    ) as tmp:
        yaml.safe_dump(config, tmp, allow_unicode=True, sort_keys=False)
        tmp_path = tmp.name
    try:
        cmd = [
            str(rasa) if rasa.exists() else "rasa",
            "test",
            "nlu",
            "--cross-validation",
            "--folds",
            str(folds),
            "--config",
            tmp_path,
            "--nlu",
            "data",
            "--out",
            str(out),
        ]
        print("running:", " ".join(cmd), flush=True)
        completed = subprocess.run(cmd, cwd=ROOT, env=env)
        if completed.returncode != 0:
            print(f"ERROR: rasa test nlu exited with {completed.returncode}", file=sys.stderr)
            sys.exit(2)
    finally:
        os.unlink(tmp_path)


def read_scores(out: Path) -> tuple[dict, dict, dict]:
    intent_report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    entity_path = out / "DIETClassifier_report.json"
    entity_report = (
        json.loads(entity_path.read_text(encoding="utf-8")) if entity_path.exists() else {}
    )
    return intent_report, entity_report, intent_report.get("macro avg", {})


def with_seed(config: dict, seed: int) -> dict:
    """The config with DIET's random seed set (the folds are drawn anew on every run)."""
    config = json.loads(json.dumps(config))
    for step in config["pipeline"]:
        if step["name"] == "DIETClassifier":
            step["random_seed"] = seed
    return config


def report(out: Path) -> tuple[float, float, dict]:
    """Prints one run's per-intent F1; returns (intent macro F1, drug F1, per-intent report)."""
    intent_report, entity_report, macro = read_scores(out)
    per_intent = {
        k: v
        for k, v in intent_report.items()
        if isinstance(v, dict)
        and "f1-score" in v
        and k not in ("macro avg", "weighted avg", "micro avg")
    }
    print(f"\nper-intent F1 (worst first), {out}:")
    for name, vals in sorted(per_intent.items(), key=lambda kv: kv[1]["f1-score"]):
        confused = vals.get("confused_with", {})
        hint = ", ".join(f"{k}:{n}" for k, n in confused.items()) if confused else ""
        print(f"  {vals['f1-score']:.3f}  {name:<28} n={vals.get('support', '?'):<4} {hint}")
    drug = entity_report.get("drug", {})
    return float(macro.get("f1-score", 0.0)), float(drug.get("f1-score", 0.0)), per_intent


def main_seeds(args) -> int:
    """--seeds N: N runs; the gate applies to the worst run."""
    config, removed = build_eval_config(ROOT / args.config, not args.without_rules)
    print("evaluation config: config.yml without " + ", ".join(removed))
    scores = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        out = ROOT / args.out / f"seed_{seed}"
        if not args.report_only:
            run_cross_validation(with_seed(config, seed), args.folds, out)
        try:
            scores.append((seed, *report(out)[:2]))
        except FileNotFoundError as exc:
            print(f"ERROR: missing report: {exc}", file=sys.stderr)
            return 2
    print("\nseed  intent macro F1  drug entity F1")
    for seed, intent_f1, drug_f1 in scores:
        print(f"{seed:>4}  {intent_f1:.4f}           {drug_f1:.4f}")
    intents = [s[1] for s in scores]
    drugs = [s[2] for s in scores]
    print(
        f"intent macro F1: mean {sum(intents) / len(intents):.4f}, min {min(intents):.4f}, "
        f"max {max(intents):.4f} (threshold {INTENT_F1_MIN} on the min)"
    )
    print(
        f"drug entity F1 : mean {sum(drugs) / len(drugs):.4f}, min {min(drugs):.4f}, "
        f"max {max(drugs):.4f} (threshold {DRUG_F1_MIN} on the min)"
    )
    return 0 if min(intents) >= INTENT_F1_MIN and min(drugs) >= DRUG_F1_MIN else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", default="results/nlu_cv")
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument(
        "--without-rules",
        "--without-red-flag",
        dest="without_rules",
        action="store_true",
        help="leave the rule components out: the learnt classifier alone",
    )
    parser.add_argument(
        "--seeds",
        type=int,
        default=0,
        help="N cross-validations with DIET seeds 42.. ; the gate is on the worst",
    )
    parser.add_argument("--first-seed", type=int, default=42)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if args.seeds:
        return main_seeds(args)
    out = ROOT / args.out

    if not args.report_only:
        config, removed = build_eval_config(ROOT / args.config, not args.without_rules)
        print("evaluation config: config.yml without " + ", ".join(removed))
        run_cross_validation(config, args.folds, out)

    try:
        intent_f1, drug_f1, _ = report(out)
    except FileNotFoundError as exc:
        print(f"ERROR: missing report: {exc}", file=sys.stderr)
        return 2

    ok_intent = intent_f1 >= INTENT_F1_MIN
    ok_drug = drug_f1 >= DRUG_F1_MIN
    print(
        f"\nintent macro-avg F1: {intent_f1:.4f}  (threshold {INTENT_F1_MIN})"
        f"  {'OK' if ok_intent else 'FAIL'}"
    )
    print(
        f"drug entity F1     : {drug_f1:.4f}  (threshold {DRUG_F1_MIN})"
        f"  {'OK' if ok_drug else 'FAIL'}"
        + ("" if drug_f1 else "  (no `drug` row in DIETClassifier_report.json)")
    )
    return 0 if ok_intent and ok_drug else 1


if __name__ == "__main__":
    sys.exit(main())
