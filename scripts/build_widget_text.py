#!/usr/bin/env python3
"""Copy the widget's words (knowledge/interface.yml, `widget:`) into web/widget/immuno-chat.js.

The script is one file that hospitals embed as it is, so its words are written into it,
between the two GENERATED marker lines, rather than fetched at run time.

Usage:
  python -m scripts.build_widget_text            rewrite the block
  python -m scripts.build_widget_text --check    exit 1 when the script is out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from immuno import interface
from immuno.paths import ROOT

WIDGET = ROOT / "web" / "widget" / "immuno-chat.js"
BEGIN = (
    "  // GENERATED from knowledge/interface.yml by scripts/build_widget_text.py: do not edit.\n"
)
END = "  // END GENERATED\n"
BLOCK = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)


def render_block() -> str:
    words = interface.section("widget")
    lines = ",\n".join(
        f"    {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in words.items()
    )
    return f"{BEGIN}  var WORDS = {{\n{lines}\n  }};\n{END}"


def render(script: str) -> str:
    if not BLOCK.search(script):
        raise SystemExit(f"{WIDGET}: the GENERATED block is missing")
    return BLOCK.sub(lambda _: render_block(), script, count=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    current = WIDGET.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print(
                f"build_widget_text: {WIDGET} is out of date; run python -m scripts.build_widget_text",
                file=sys.stderr,
            )
            return 1
        return 0
    WIDGET.write_text(fresh, encoding="utf-8")
    print(f"build_widget_text: wrote {WIDGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
