"""Keyboard mashes ("qsdfgh", "azertyuiop", "ttttt", "dfgdfgdfg"): messages with no word.

A learnt classifier cannot learn character garbage from a few examples (cross-validation
read 18 of 45 mashes as affirm, goodbye or greet), so a rule owns them: the language
component (rasa_addons/components/language_detector.py) sends a message whose every word is
a mash to nlu_fallback ("pouvez-vous reformuler ?"), as it does for a message without a
letter. The mashes are not in the NLU training data for that reason.

A word is a mash when it is
- one letter typed four times or more ("ttttt", "zzzzzz");
- a run of four or more neighbouring keys of one keyboard row, AZERTY or QWERTY, either
  way ("qsdfgh", "poiuytreza", "wxcvbn"; a key held down counts once: "xcvbnmm");
- a walk over six or more different keys, each touching the one before on the keyboard,
  across rows ("ujhygt", "olkiuj": a hand sliding over the keys). Words that go back to a
  key ("dessert", "redresser") are not walks; no French word of the project's data,
  knowledge or vignettes is one (a unit test reads them all);
- a unit that is itself a keyboard run or has no vowel, typed again and again: two letters
  three times or more, three letters twice or more ("azazaz", "fjfjfj", "sdfsdf",
  "dfgdfgdfg", "dsqdsqd"; not "coucou", "nononon", "hahaha", "lalala");
- letters without a vowel on both sides of digits ("jdk45s", "qd3f"): a drug or gene code
  has its digits at the end ("cd20", "pdl1", "ctla4"), a time has letters inside ("14h30").
A message that is one letter alone (with at most a full stop or a question mark) is a slip
("x", "h"), except the letters patients use as a reply ("o", "n", "k", "y" for oui, non, ok,
yes); "a+" (à plus) is not one letter alone.
Other words of three letters or less, words with accents are never mashes: SMS spellings
("slt", "jsp", "mrc"), a drug code are left to the classifier, and so are letters without a
vowel (acronyms: "cbnpc"). Plain Python.
"""

from __future__ import annotations

import re

# The rows of the two keyboards patients use (AZERTY in France, QWERTY elsewhere).
_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouy")
_TOKENS = re.compile(r"[a-z0-9]+")
_DIGITS_INSIDE = re.compile(r"^[a-z]+\d+[a-z]+(?:\d+[a-z]*)*$")
_REPLY_LETTERS = set("onky")
# Key centres (x, row) of the two keyboards, ISO layout: each row is shifted right of the
# one above (by half a key, a quarter, half). Two keys touch when they are side by side or
# overlap on the next row.
_GRIDS = (
    ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn"),
    ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"),
)
_ROW_SHIFT = (0.0, 0.5, 0.75, 1.25)


def _key_positions(rows: tuple[str, ...]) -> dict[str, tuple[float, int]]:
    return {key: (i + _ROW_SHIFT[r], r) for r, row in enumerate(rows) for i, key in enumerate(row)}


_POSITIONS = tuple(_key_positions(rows) for rows in _GRIDS)


def _squeeze(word: str) -> str:
    """A key held down counts once: "xcvbnmm" -> "xcvbnm"."""
    return re.sub(r"(.)\1+", r"\1", word)


def _keyboard_run(word: str, min_length: int = 4) -> bool:
    word = _squeeze(word)
    if len(word) < min_length:
        return False
    for row in _ROWS:
        for line in (row, row[::-1]):
            if word in line:
                return True
    return False


def _touch(a: tuple[float, int], b: tuple[float, int]) -> bool:
    (xa, ra), (xb, rb) = a, b
    if ra == rb:
        return abs(xa - xb) == 1
    return abs(ra - rb) == 1 and abs(xa - xb) < 1


def _keyboard_walk(word: str, min_length: int = 6) -> bool:
    word = _squeeze(word)
    if len(word) < min_length or len(set(word)) < len(word):
        return False
    for positions in _POSITIONS:
        keys = [positions.get(c) for c in word]
        if None not in keys and all(_touch(a, b) for a, b in zip(keys, keys[1:])):
            return True
    return False


def _repeated_unit(word: str) -> bool:
    for size in (2, 3):
        unit = word[:size]
        if len(set(unit)) < 2:
            continue
        times = len(word) // size
        if word != (unit * (times + 1))[: len(word)] or times < (3 if size == 2 else 2):
            continue
        if _keyboard_run(unit, size) or not _VOWELS & set(unit):
            return True
    return False


def is_mash_word(word: str) -> bool:
    word = word.lower()
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return False
    if len(set(word)) == 1:
        return True
    return _keyboard_run(word) or _keyboard_walk(word) or _repeated_unit(word)


def _digits_inside(token: str) -> bool:
    return bool(_DIGITS_INSIDE.match(token)) and not _VOWELS & set(token)


def is_mash(text: str) -> bool:
    """True when the message has words and every one of them is a mash."""
    raw = str(text or "").lower()
    if re.search(r"[^\x00-\x7f]", raw):
        return False
    bare = raw.strip(" .!?…\n\t")
    if len(bare) == 1 and bare.isalpha():
        return bare not in _REPLY_LETTERS
    tokens = _TOKENS.findall(raw)
    return bool(tokens) and all(
        _digits_inside(t) if any(c.isdigit() for c in t) else is_mash_word(t) for t in tokens
    )
