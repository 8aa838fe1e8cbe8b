#!/usr/bin/env python3
"""Exports the triage audit trail as CSV on stdout: the DATABASE_URL table when it is set,
else var/audit/triage.jsonl (or AUDIT_FILE)."""

import sys

from immuno import audit

if __name__ == "__main__":
    count = audit.export_csv(sys.stdout)
    print(f"{count} decisions exported from {audit.trail()}", file=sys.stderr)
