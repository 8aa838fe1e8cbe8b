"""One-time split of the blind vignette corpus into tests/vignettes/dev and heldout:
within each (sign, kind) group, cases ordered by sha1 of their id go alternately to each half;
conversations likewise by sha1. Files keep their names."""

import hashlib
import sys

import yaml
from collections import defaultdict
from pathlib import Path

src, dst = Path(sys.argv[1]), Path(sys.argv[2])
files = sys.argv[3:]


def h(s):
    return hashlib.sha1(s.encode()).hexdigest()


for name in files:
    data = yaml.safe_load((src / name).read_text(encoding="utf-8")) or {}
    out = {"dev": {}, "heldout": {}}
    for key in ("cases", "conversations"):
        items = data.get(key) or []
        groups = defaultdict(list)
        for it in items:
            groups[(it.get("sign"), it.get("kind")) if key == "cases" else "conv"].append(it)
        halves = {"dev": [], "heldout": []}
        for g, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
            members.sort(key=lambda it: h(it["id"]))
            start = int(h(str(g)), 16) % 2  # which half gets the first of an odd group
            for i, it in enumerate(members):
                halves[("dev", "heldout")[(i + start) % 2]].append(it)
        for half in halves:
            if halves[half]:
                out[half][key] = halves[half]
    for half in out:
        (dst / half).mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(out[half], allow_unicode=True, sort_keys=False, width=100)
        (dst / half / name).write_text(
            f"# Blind vignettes ({half} half), written from the clinical reference only.\n" + text,
            encoding="utf-8",
        )
    print(name, {k: sum(len(v) for v in out[k].values()) for k in out})
