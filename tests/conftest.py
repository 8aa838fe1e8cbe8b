"""Hypothesis profiles of the property tests (the tests marked `hypothesis`).

- `check` (`make check`): 20 examples per test, derandomized and without the example
  database, so that the quick checks take seconds and give the same result on every run.
- `full` (`make properties`, part of `make test`; the default of a bare `pytest`): 300
  random examples per test, and the failures found earlier replayed from `.hypothesis/`.

Choose one with `pytest --hypothesis-profile=check|full`.
"""

from hypothesis import settings

settings.register_profile("check", max_examples=20, derandomize=True, database=None, deadline=None)
settings.register_profile("full", max_examples=300, deadline=None)
settings.load_profile("full")
