#!/usr/bin/env python3
"""Exports the triage audit trail (var/audit/triage.jsonl, or AUDIT_FILE) as CSV on stdout."""
import sys

from immuno import audit

if __name__ == "__main__":
    count = audit.export_csv(sys.stdout)
    print(f"{count} decisions exported from {audit.audit_path()}", file=sys.stderr)
