"""Benchmark (not a test): the cost of reading one message into findings.

Usage: scripts/bench_understanding.py [--repeat 200]

Prints p50/p95 of immuno.understanding.understand() for messages of 90, 500, 1,000 and
2,000 characters (ordinary patient wording, many clauses and numbers), with the lexicon's
stem-matched phrases, beside the baseline of one regex per pattern (each pattern clause by
clause, the engine before one alternation per sign); wall time and this process's CPU time
(the figure that holds on a loaded machine), and the memory the stemmer and the compiled
phrases add to a process. Target (docs/ARCHITECTURE.md): <= 10 ms at
p95 for 500 characters, growing linearly with length.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
import sys
import time


from immuno import phrases  # noqa: E402
from immuno.criteria import load_criteria  # noqa: E402
from immuno.understanding import understand  # noqa: E402

SENTENCES = [
    "Bonjour, je suis sous Keytruda depuis 3 mois et depuis hier j'ai 38,5 de fièvre.",
    "Mon mari tousse beaucoup, il est essoufflé quand il monte l'escalier mais pas au repos.",
    "j ai eu 6 selles liquides aujourd hui et un peu mal au ventre, pas de sang",
    "ma tension est à 9/6 et je me sens un peu partir quand je me lève trop vite",
    "Je ne sais pas si c'est grave, la peau me gratte sur les bras et le dos depuis 2 jours.",
]


def message(length: int) -> str:
    text, i = "", 0
    while len(text) < length:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text[:length]


def timings(crit, text: str, repeat: int) -> tuple:
    """(wall p50, wall p95, CPU p50, CPU p95) in ms. The CPU time of this process is what a
    message costs whatever else the machine runs; the wall time is what a patient waits."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        understand(text, crit)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (*_p50_p95(wall), *_p50_p95(cpu))


def _p50_p95(samples: list) -> tuple:
    samples = sorted(samples)
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    crit = load_criteria()
    before = rss_mb()
    start = time.perf_counter()
    phrases.warm_up(crit)
    load_s = time.perf_counter() - start
    added = rss_mb() - before
    n_phrases = sum(len(v) for v in crit.phrases.values())
    print(f"lexicon: {sum(len(v) for v in crit.patterns.values())} patterns, {n_phrases} phrases")
    print(f"phrases compiled (Snowball French stems) in {load_s:.2f} s, +{added:.0f} MB RSS")
    # baseline: the engine before one regex per sign and the prefilter, each pattern on its own
    baseline = copy.copy(crit)  # load_criteria() returns the shared, cached criteria
    baseline.sign_regexes = {
        sid: (None, list(patterns)) for sid, patterns in baseline.patterns.items()
    }
    baseline.pattern_needs = {sid: [] for sid in baseline.patterns}  # and no prefilter
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"\n{'characters':>10} | {'one regex per sign: wall p50/p95, CPU p50/p95 (ms)':>50} | "
        f"{'baseline, one regex per pattern: wall, CPU':>44}"
    )
    for length in (90, 500, 1000, 2000):
        text = message(length)
        now = timings(crit, text, args.repeat)
        base = timings(baseline, text, args.repeat)
        print(
            f"{length:>10} | {now[0]:>8.2f} / {now[1]:<8.2f} {now[2]:>8.2f} / {now[3]:<8.2f}         "
            f"| {base[0]:>8.2f} / {base[1]:<8.2f} {base[2]:>8.2f} / {base[3]:<8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
