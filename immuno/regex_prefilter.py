"""Words a regex cannot match without: a cheap test that skips a sign's regex on a message.

`required_literals(pattern)` returns a set of strings such that any text the pattern matches
contains at least one of them, or None when no such set is known (the regex must then always
run). `\\bfatigu\\w*` needs "fatigu"; `(vivre|la vie|exister)` needs one of the three;
`(grande )?faibless?e` needs "faibles". The triage engine (immuno/understanding.py) runs a
sign's regex only when the message contains one of its required strings: with some 900
patterns, most signs are absent from most messages, and a substring test costs far less than
a regex scan. Read from the parsed regex (Python's own parser), never guessed: anything the
reader does not know (character classes, back-references, flags) makes its part optional, so
the answer errs towards running the regex. `tests/unit/test_regex_prefilter.py` checks,
on every vignette, that no pattern match is ever skipped.
"""

from __future__ import annotations

import re
from typing import FrozenSet, List, Optional

try:  # Python 3.11+ moved the parser
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
    from re import _constants as _sre_constants  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre_constants
    import sre_parse as _sre_parse

_LITERAL = _sre_constants.LITERAL
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT)
_ZERO_WIDTH = (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT)
# A set whose shortest string has fewer letters than this (" de ", "a") filters next to
# nothing: not worth it.
MIN_LETTERS = 3

Needs = Optional[FrozenSet[str]]


def _best(candidates: List[FrozenSet[str]]) -> Needs:
    """Of several sets that are each required, the one whose shortest string is longest."""
    usable = [c for c in candidates if c and min(map(_letters, c)) >= MIN_LETTERS]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(_letters, c)), -len(c)))


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _sequence(items) -> Needs:
    candidates: List[FrozenSet[str]] = []
    run = ""
    for op, arg in items:
        if op is _LITERAL:
            run += chr(arg)
            continue
        if op in _ZERO_WIDTH:
            # Zero width: the characters around it are still next to each other in the text
            # when it is a boundary; a lookaround ends the run (its text may lie outside).
            if op is not _sre_constants.AT:
                if run:
                    candidates.append(frozenset([run]))
                run = ""
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        if op is _SUBPATTERN:
            needs = _sequence(arg[-1])
        elif op is _BRANCH:
            needs = _branch(arg[1])
        elif op in _REPEATS and arg[0] >= 1:
            needs = _sequence(arg[2])
        else:
            needs = None
        if needs:
            candidates.append(needs)
    if run:
        candidates.append(frozenset([run]))
    return _best(candidates)


def _branch(alternatives) -> Needs:
    union: set = set()
    for alternative in alternatives:
        needs = _sequence(alternative)
        if needs is None:
            return None
        union |= needs
    return frozenset(union)


def required_literals(pattern: str) -> Needs:
    """Strings one of which every match of `pattern` contains, or None if unknown."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return _sequence(list(parsed))


def veto_literals(pattern: str) -> Needs:
    """For a veto, a pattern of the form `^(?!X)(?!Y)...` (it matches unless X or Y matches
    from the start): strings one of which X or Y needs, so that the pattern surely matches a
    text that has none of them. None for any other form, or when a veto's needs are unknown."""
    try:
        parsed = list(_sre_parse.parse(pattern))
    except re.error:
        return None
    if (
        len(parsed) < 2
        or parsed[0] != (_sre_constants.AT, _sre_constants.AT_BEGINNING)
        or any(op is not _sre_constants.ASSERT_NOT for op, _ in parsed[1:])
    ):
        return None
    union: set = set()
    for _, (_, vetoed) in parsed[1:]:
        needs = _sequence(list(vetoed))
        if needs is None:
            return None
        union |= needs
    return frozenset(union)


class LiteralIndex:
    """Which of many required strings a text contains, found in one pass: each string is
    looked for only where its first three characters occur in the text (a few hundred
    substring tests on a 500-character message instead of some 1,500)."""

    HEAD = 3

    def __init__(self, literals):
        self.literals = frozenset(literals)
        self._by_head: dict = {}
        for word in self.literals:
            self._by_head.setdefault(word[: self.HEAD], []).append(word)

    def present(self, text: str) -> FrozenSet[str]:
        heads = {text[i : i + self.HEAD] for i in range(len(text) - self.HEAD + 1)}
        return frozenset(
            word
            for head in heads.intersection(self._by_head)
            for word in self._by_head[head]
            if word in text
        )
