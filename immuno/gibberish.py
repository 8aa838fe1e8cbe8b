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
- a unit that is itself a keyboard run or has no vowel, typed again and again: two letters
  three times or more, three letters twice or more ("azazaz", "fjfjfj", "sdfsdf",
  "dfgdfgdfg", "dsqdsqd"; not "coucou", "nononon", "hahaha", "lalala").
Words of three letters or less, words with digits or accents are never mashes: SMS spellings
("slt", "jsp", "mrc"), single letters, a drug code are left to the classifier, and so are
letters without a vowel (acronyms: "cbnpc") and diagonal mashes ("ujhygt").
Plain Python.
"""

from __future__ import annotations

import re

# The rows of the two keyboards patients use (AZERTY in France, QWERTY elsewhere).
_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = set("aeiouy")
_LETTERS = re.compile(r"[a-z]+")
_ANY_DIGIT = re.compile(r"\d")


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
    return _keyboard_run(word) or _repeated_unit(word)


def is_mash(text: str) -> bool:
    """True when the message has words and every one of them is a mash."""
    raw = str(text or "").lower()
    if _ANY_DIGIT.search(raw) or re.search(r"[^\x00-\x7f]", raw):
        return False
    words = _LETTERS.findall(raw)
    return bool(words) and all(is_mash_word(w) for w in words)
