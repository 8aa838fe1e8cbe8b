"""Counts of unanswered questions (by practical topic and unknown drug name) as CSV on stdout."""

import sys


from immuno.unanswered import counts, to_csv  # noqa: E402

sys.stdout.write(to_csv(counts()))
