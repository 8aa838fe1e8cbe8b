"""Plain-word phrases of the lexicon (knowledge/lexicon/signs/*.yml, `phrases`), matched on
word stems without accents, so that a clinician writes "se sentir partir" once and "je me
sentais partir", "il se sent partir", "j'me sens partir" are all found. No Rasa import.

Each word is reduced to its Snowball French stem (PyStemmer), after accents are stripped
(immuno/normalize.py); "-ee(s)" endings get their accent back first, since patients type
"essoufflee" for "essoufflée". Irregular forms of the few verbs phrases use are mapped to
their infinitive, pronouns, articles and possessives to one form each ("me/te/se" -> "se",
"mon/ma/ses" -> "son"), and a few intensifiers may sit between the words of a phrase ("je me
sens vraiment partir"). Why stems rather than spaCy's lemmas: docs/ARCHITECTURE.md.

Typos: a word of 5 letters or more also matches a phrase word of 5 letters or more at one
edit (a letter added, dropped, changed, or two letters swapped, never the first letter) of
its folded form or of its stem of 5 letters or more: "fatigé" finds "fatigue", "respriation" finds "respiration". Never for shorter words,
negation words, intensifiers, pronouns or numbers, nor for a word that is itself a word of
the lexicon or of _REAL_WORDS ("salle" is not "selle"). The candidates come from an index of
the phrase words with one letter deleted (symmetric deletion), so the cost of a message stays
linear in its length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Tuple

from immuno.normalize import french_stemmer, normalize

_IRREGULAR = {
    **dict.fromkeys(
        "ai as a avons avez ont avais avait avaient eu eue aurai aura aurait".split(), "avoir"
    ),
    **dict.fromkeys(
        "suis es est sommes etes sont etais etait etaient ete serai sera serait".split(), "etre"
    ),
    **dict.fromkeys(
        "peux peut pouvons pouvez peuvent pouvais pouvait pu pourrai pourrait".split(), "pouvoir"
    ),
    **dict.fromkeys("vais vas va allons allez vont allais allait alle allee".split(), "aller"),
    **dict.fromkeys("fais fait faisons faites font faisais faisait".split(), "faire"),
    **dict.fromkeys("vois voit voyons voyez voient voyais voyait vu vue".split(), "voir"),
    **dict.fromkeys("veux veut voulons voulez veulent voulais voulait voulu".split(), "vouloir"),
    **dict.fromkeys("sens sent sentons sentez sentent".split(), "sentir"),
    **dict.fromkeys("pars part partons partez partent".split(), "partir"),
    **dict.fromkeys("dors dort dormons dormez dorment".split(), "dormir"),
}
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_SAME = {
    "j": "je",
    "moi": "je",
    "m": "se",
    "me": "se",
    "te": "se",
    "t": "se",
    "s": "se",
    "se": "se",
    "n": "ne",
    "l": "le",
    "la": "le",
    "les": "le",
    "d": "de",
    "du": "de",
    "des": "de",
    "qu": "que",
    "mon": "son",
    "ma": "son",
    "mes": "son",
    "ton": "son",
    "ta": "son",
    "tes": "son",
    "sa": "son",
    "ses": "son",
    "notre": "son",
    "nos": "son",
    "votre": "son",
    "vos": "son",
    "leur": "son",
    "leurs": "son",
    "au": "a",
    "aux": "a",
    "un": "un",
    "une": "un",
}
_GAP = {
    "tres",
    "tout",
    "toute",
    "vraiment",
    "completement",
    "trop",
    "si",
    "super",
    "bien",
    "encore",
    "deja",
    "carrement",
    "totalement",
    "grave",
    "hyper",
    "un",
    "peu",
}
_NEGATIONS = {"pas", "plus", "rien", "jamais", "aucun", "aucune"}
_MAX_GAP = 2
_MIN_FUZZY = 5  # letters of the folded word, in the message and in the phrase
_MIN_SUBSTITUTION = 6  # a changed letter in shorter words makes other words (forte / force)
# Real words one letter away from a phrase word, never read as a typo of it.
_REAL_WORDS = frozenset(
    """
    salle salles sales mail mails malle branche brancher canard debut dessus envoie envoi
    plait plante planter plantes stable seule seules pleine plein forte fortes raide
    venir vente teinte""".split()
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word in _SAME:
        return _SAME[word]
    word = _IRREGULAR.get(word, word)  # then stemmed like its infinitive
    return french_stemmer().stemWord(re.sub(r"ee(s?)$", r"ée\1", word))


def tokens(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, key) of each word of normalised text."""
    return [(m.start(), m.end(), _stem(m.group())) for m in _WORD.finditer(text)]


def _deletions(word: str) -> set:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one insertion, deletion or adjacent transposition, or (words of
    _MIN_SUBSTITUTION letters or more) one substitution; never in the first letter."""
    if a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return min(len(a), len(b)) >= _MIN_SUBSTITUTION
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def _fuzzy_index(crit) -> Dict[str, set]:
    """A phrase word that may be misspelt, by each of its forms (folded word "w", stem "s")
    with one letter deleted or none: variant -> {(kind, form, key)}."""
    cached = getattr(crit, "_phrase_fuzzy", None)
    if cached is not None:
        return cached
    index: Dict[str, set] = {}
    for items in crit.phrases.values():
        for phrase in items:
            for word in _WORD.findall(normalize(phrase, crit.vocabulary)):
                key = _stem(word)
                if _fuzzable(word):
                    for kind, form in _forms(word, key):
                        for variant in _deletions(form):
                            index.setdefault(variant, set()).add((kind, form, key))
    crit._phrase_fuzzy = index
    crit._phrase_alts = {}
    return index


def _fuzzable(word: str) -> bool:
    return (
        len(word) >= _MIN_FUZZY
        and word.isalpha()
        and word not in _SAME
        and word not in _NEGATIONS
        and word not in _GAP
        and word not in _IRREGULAR
    )


def _forms(word: str, key: str):
    return (("w", word), ("s", key)) if len(key) >= _MIN_FUZZY else (("w", word),)


def _keys_of(crit, word: str, key: str) -> frozenset:
    """The phrase keys a message word may stand for: its own, and those one edit away (folded
    word to folded word, stem to stem), or whose stem the word is ("respir")."""
    alts = crit._phrase_alts
    found = alts.get(word)
    if found is not None:
        return found
    index = crit._phrase_fuzzy
    keys = {key}
    if _fuzzable(word):
        real = _real_word(crit, word, key)
        for kind, form in _forms(word, key):
            for variant in _deletions(form):
                for target_kind, target, target_key in index.get(variant, ()):
                    if (kind == "w" and target_kind == "s" and form == target) or (
                        not real and target_kind == kind and _one_edit(form, target)
                    ):
                        keys.add(target_key)
    found = frozenset(keys)
    if len(alts) > 65536:
        alts.clear()
    alts[word] = found
    return found


def _real_word(crit, word: str, key: str) -> bool:
    """A word of the lexicon (Criteria.vocabulary) or of _REAL_WORDS: not a typo."""
    known = crit.vocabulary
    return word in _REAL_WORDS or word in known or key in known


def _index(crit) -> Dict[str, List[Tuple[Tuple[str, ...], str]]]:
    """First key -> [(keys of the phrase, sign id)], longest phrases first."""
    cached = getattr(crit, "_phrase_index", None)
    if cached is not None:
        return cached
    index: Dict[str, List[Tuple[Tuple[str, ...], str]]] = {}
    for sid, items in crit.phrases.items():
        for phrase in items:
            keys = tuple(k for _, _, k in tokens(normalize(phrase, crit.vocabulary)))
            if keys:
                index.setdefault(keys[0], []).append((keys, sid))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    crit._phrase_index = index
    _fuzzy_index(crit)
    return index


@lru_cache(maxsize=1)
def _special_keys() -> Tuple[frozenset, frozenset]:
    """Keys of the intensifiers that may sit inside a phrase, and of the negation words."""

    def keys(words):
        return frozenset(k for w in words for _, _, k in tokens(w))

    return keys(_GAP), keys(_NEGATIONS)


def _match_at(words, i: int, keys: Tuple[str, ...]):
    """Index of the last word when the phrase matches from word i, allowing short gaps."""
    j = i
    gaps = _special_keys()[0]
    for n, key in enumerate(keys):
        if n:
            j += 1
            gap = 0
            while (
                j < len(words) and key not in words[j][3] and words[j][2] in gaps and gap < _MAX_GAP
            ):
                j += 1
                gap += 1
        if j >= len(words) or key not in words[j][3]:
            return None
    return j


def warm_up(crit) -> None:
    """Compiles the phrases (and loads the stemmer or pipeline) now, not at the first message."""
    if any(crit.phrases.values()):
        _index(crit)
        _special_keys()


def find(crit, text: str) -> List[Tuple[int, int, str]]:
    """(start, end, sign id) of each phrase found in normalised text."""
    if not any(crit.phrases.values()):
        return []
    index = _index(crit)
    _fuzzy_index(crit)
    words = [
        (start, end, key, _keys_of(crit, text[start:end], key)) for start, end, key in tokens(text)
    ]
    hits = []
    for i, (start, _, key, alts) in enumerate(words):
        entries = (
            index.get(key, ())
            if len(alts) == 1
            else list(
                dict.fromkeys(
                    entry
                    for alt in sorted(alts, key=lambda k: k != key)
                    for entry in index.get(alt, ())
                )
            )
        )
        for keys, sid in entries:
            last = _match_at(words, i, keys)
            if last is None:
                continue
            # "je n'arrive plus à respirer": the "ne" before a phrase that holds its own
            # negation belongs to the phrase, it does not deny the sign.
            if i and words[i - 1][2] == "ne" and _special_keys()[1] & set(keys):
                start = words[i - 1][0]
            hits.append((start, words[last][1], sid))
    return hits
