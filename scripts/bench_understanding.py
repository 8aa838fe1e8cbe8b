"""Benchmark (not a test): the cost of reading one message into findings.

Usage: scripts/bench_understanding.py [--repeat 200]

Prints p50/p95 of immuno.understanding.understand() for messages of 90, 500, 1,000 and
2,000 characters (ordinary patient wording, many clauses and numbers), with the lexicon's
stem-matched phrases (as deployed) beside the baseline without them (regex patterns only),
and the memory the stemmer and the compiled phrases add to a process. Target (issue 9): <= 10 ms at
p95 for 500 characters, growing linearly with length.
"""
from __future__ import annotations

import argparse
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
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        understand(text, crit)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
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
    baseline = load_criteria()
    baseline_phrases = dict(baseline.phrases)
    print(f"\n{'characters':>10} | {'with phrases p50 / p95 (ms)':>28} | {'baseline, patterns only p50 / p95':>34}")
    for length in (90, 500, 1000, 2000):
        text = message(length)
        with_p50, with_p95 = timings(crit, text, args.repeat)
        baseline.phrases = {k: [] for k in baseline_phrases}
        base_p50, base_p95 = timings(baseline, text, args.repeat)
        baseline.phrases = baseline_phrases
        print(f"{length:>10} | {with_p50:>12.2f} / {with_p95:<13.2f} | {base_p50:>16.2f} / {base_p95:<15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
