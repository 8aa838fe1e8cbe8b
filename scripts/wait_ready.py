#!/usr/bin/env python3
"""wait_ready.py URL... [--timeout S]: waits until every URL answers HTTP 200."""

import argparse
import sys
import time
import urllib.request


def ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    pending = list(args.urls)
    while pending and time.monotonic() < deadline:
        pending = [url for url in pending if not ready(url)]
        if pending:
            time.sleep(1)
    for url in pending:
        print(f"not ready after {args.timeout:.0f}s: {url}", file=sys.stderr)
    return 1 if pending else 0


if __name__ == "__main__":
    sys.exit(main())
