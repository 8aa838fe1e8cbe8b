"""Plain-word phrases of the lexicon (knowledge/lexicon/signs/*.yml, `phrases`), matched on
word stems without accents, so that a clinician writes "se sentir partir" once and "je me
sentais partir", "il se sent partir", "j'me sens partir" are all found. No Rasa import.

Each word is reduced to its Snowball French stem (PyStemmer), after accents are stripped
(immuno/normalize.py); "-ee(s)" endings get their accent back first, since patients type
"essoufflee" for "essoufflée". Irregular forms of the few verbs phrases use are mapped to
their infinitive, pronouns, articles and possessives to one form each ("me/te/se" -> "se",
"mon/ma/ses" -> "son"), and a few intensifiers may sit between the words of a phrase ("je me
sens vraiment partir"). Why stems rather than spaCy's lemmas: docs/ARCHITECTURE.md.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List, Tuple

from immuno.normalize import normalize

_IRREGULAR = {
    **dict.fromkeys("ai as a avons avez ont avais avait avaient eu eue aurai aura aurait".split(), "avoir"),
    **dict.fromkeys("suis es est sommes etes sont etais etait etaient ete serai sera serait".split(), "etre"),
    **dict.fromkeys("peux peut pouvons pouvez peuvent pouvais pouvait pu pourrai pourrait".split(), "pouvoir"),
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
    "j": "je", "moi": "je", "m": "se", "me": "se", "te": "se", "t": "se", "s": "se", "se": "se",
    "n": "ne", "l": "le", "la": "le", "les": "le", "d": "de", "du": "de", "des": "de",
    "qu": "que", "mon": "son", "ma": "son", "mes": "son", "ton": "son", "ta": "son",
    "tes": "son", "sa": "son", "ses": "son", "notre": "son", "nos": "son", "votre": "son",
    "vos": "son", "leur": "son", "leurs": "son", "au": "a", "aux": "a", "un": "un", "une": "un",
}
_GAP = {"tres", "tout", "toute", "vraiment", "completement", "trop", "si", "super", "bien",
        "encore", "deja", "carrement", "totalement", "grave", "hyper", "un", "peu"}
_NEGATIONS = {"pas", "plus", "rien", "jamais", "aucun", "aucune"}
_MAX_GAP = 2


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("french")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word in _SAME:
        return _SAME[word]
    word = _IRREGULAR.get(word, word)  # then stemmed like its infinitive
    return _stemmer().stemWord(re.sub(r"ee(s?)$", r"ée\1", word))


def tokens(text: str) -> List[Tuple[int, int, str]]:
    """(start, end, key) of each word of normalised text."""
    return [(m.start(), m.end(), _stem(m.group())) for m in _WORD.finditer(text)]


def _index(crit) -> Dict[str, List[Tuple[Tuple[str, ...], str]]]:
    """First key -> [(keys of the phrase, sign id)], longest phrases first."""
    cached = getattr(crit, "_phrase_index", None)
    if cached is not None:
        return cached
    index: Dict[str, List[Tuple[Tuple[str, ...], str]]] = {}
    for sid, items in crit.phrases.items():
        for phrase in items:
            keys = tuple(k for _, _, k in tokens(normalize(phrase)))
            if keys:
                index.setdefault(keys[0], []).append((keys, sid))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    crit._phrase_index = index
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
            while j < len(words) and words[j][2] != key and words[j][2] in gaps and gap < _MAX_GAP:
                j += 1
                gap += 1
        if j >= len(words) or words[j][2] != key:
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
    words = tokens(text)
    hits = []
    for i, (start, _, key) in enumerate(words):
        for keys, sid in index.get(key, ()):
            last = _match_at(words, i, keys)
            if last is None:
                continue
            # "je n'arrive plus à respirer": the "ne" before a phrase that holds its own
            # negation belongs to the phrase, it does not deny the sign.
            if i and words[i - 1][2] == "ne" and _special_keys()[1] & set(keys):
                start = words[i - 1][0]
            hits.append((start, words[last][1], sid))
    return hits
