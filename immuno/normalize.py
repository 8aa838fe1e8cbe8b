"""Text folding and normalisation (see docs/ARCHITECTURE.md, "Text normalisation").

fold(text) -> the ONE folding of the project: lower case, ligatures expanded ("cœur" ->
"coeur"), accents stripped, apostrophes and hyphens turned into word breaks, single
spaces. Used by the NLU tokenizer, the engine (through normalize), the staff FAQ's search
index, `make evaluate` and the end-to-end tests; the FAQ page's script repeats it in
JavaScript for the query (tests/unit/test_fold_js.py checks that both agree).

normalize(text) -> lower case, no accents, punctuation to spaces (except `.`/`,` inside
numbers, decimal comma -> dot), `°` -> ` deg `, SMS spellings expanded, letters repeated
three times or more cut to two, a pronoun glued to a verb split ("jcrache" -> "je crache",
"ça mgratte" -> "ça me gratte"), single spaces. Never raises.

A glued "j" is split from any word that goes on with a consonant (no French word starts
so), a glued "m" or "t" only when the rest is a word of the lexicon (knowledge/lexicon/,
its phrases and the letters of its patterns, compared on Snowball stems) and the whole is
not: "mgratte" is split, "trois", "tremble", "mg", "ml" are not.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"}

# Whole-word SMS / informal spellings -> standard form (after accents are stripped).
_SMS = {
    "jai": "j ai",
    "g": "j ai",
    "jé": "j ai",
    "jais": "j ai",
    "jaii": "j ai",
    "chui": "je suis",
    "chuis": "je suis",
    "jsuis": "je suis",
    "jsui": "je suis",
    "chu": "je suis",
    "jsp": "je sais pas",
    "jsais": "je sais",
    "chai": "je sais",
    "chais": "je sais",
    "jpeux": "je peux",
    "jpeu": "je peux",
    "jpe": "je peux",
    "jpp": "j en peux plus",
    "jarrive": "j arrive",
    "jarrives": "j arrive",
    "jarive": "j arive",
    "jvais": "je vais",
    "jvois": "je vois",
    "jvomi": "je vomis",
    "jvomis": "je vomis",
    "jtousse": "je tousse",
    "jme": "je me",
    "jen": "j en",
    "jy": "j y",
    "jetai": "j etais",
    "jetais": "j etais",
    "javais": "j avais",
    "jurine": "j urine",
    "jamai": "jamais",
    "jamé": "jamais",
    "pa": "pas",
    "pu": "plus",
    "plu": "plus",
    "tjs": "toujours",
    "tjrs": "toujours",
    "tjr": "toujours",
    "toujour": "toujours",
    "bcp": "beaucoup",
    "bcps": "beaucoup",
    "bocou": "beaucoup",
    "boucou": "beaucoup",
    "ki": "qui",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "koi": "quoi",
    "kwa": "quoi",
    "keske": "qu est ce que",
    "kesk": "qu est ce que",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "c": "c est",
    "cé": "c est",
    "ces": "ces",
    "sé": "c est",
    "ct": "c etait",
    "ds": "dans",
    "pr": "pour",
    "ms": "mais",
    "tt": "tout",
    "partt": "partout",
    "prtt": "partout",
    "partou": "partout",
    "tte": "toute",
    "tts": "tous",
    "mm": "meme",
    "mnt": "maintenant",
    "mtn": "maintenant",
    "auj": "aujourd hui",
    "ajd": "aujourd hui",
    "aujourdhui": "aujourd hui",
    "dla": "de la",
    "dpuis": "depuis",
    "dps": "depuis",
    "vs": "vous",
    "svp": "s il vous plait",
    "stp": "s il te plait",
    "nn": "non",
    "nan": "non",
    "ui": "oui",
    "wi": "oui",
    "oue": "ouais",
    "ouai": "ouais",
    "ya": "il y a",
    "yavait": "il y avait",
    "qqch": "quelque chose",
    "qq": "quelque",
    "tps": "temps",
    "bi1": "bien",
    "b1": "bien",
    "rien": "rien",
    "fievr": "fievre",
    "temp": "temperature",
    "diarhe": "diarrhee",
    "st": "sont",
    "dc": "donc",
    "qd": "quand",
    "qnd": "quand",
    "kan": "quand",
    "pcq": "parce que",
    "pck": "parce que",
    "psk": "parce que",
    "pske": "parce que",
    "vrmt": "vraiment",
    "vrm": "vraiment",
    "ptet": "peut etre",
    "ptetre": "peut etre",
    "bjr": "bonjour",
    "bsr": "bonsoir",
    "slt": "salut",
    "mwa": "moi",
    "twa": "toi",
    "ns": "nous",
    "tro": "trop",
    "ojd": "aujourd hui",
    "rdv": "rendez vous",
    "jcrois": "je crois",
    "jpense": "je pense",
}

# Glued pronouns: "jcrache", "mgratte". Words of a glued "m"/"t" that are units or usual
# abbreviations, never split.
_GLUED = re.compile(r"([jmt])([bcdfghjklmnpqrstvwxz][a-z]{2,})")
_NEVER_SPLIT = {"mg", "ml", "mmol", "mmhg", "tsh", "tdm", "trt", "ttt"}

_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
_DECIMAL = re.compile(r"(\d)[,.](\d)")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")


# Apostrophes and hyphens (typed, typographic, non-breaking) separate words.
WORD_BREAK = re.compile("[-'\u2018\u2019\u02bc`\u00b4\u2010\u2011\u2012\u2013\u2014]")


def fold(text: str) -> str:
    text = str(text or "").lower()
    for src, dst in _LIGATURES.items():
        text = text.replace(src, dst)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(WORD_BREAK.sub(" ", text).split())


@lru_cache(maxsize=1)
def french_stemmer():
    """The one Snowball French stemmer of the process (phrases and the lexicon's word list)."""
    import Stemmer

    return Stemmer.Stemmer("french")


def vocabulary(lexicon) -> frozenset:
    """The words (4+ letters) of a parsed lexicon and their stems: its phrases, and the runs
    of letters of its patterns ("crach" of `crach(e|ent)`). The criteria compute it once per
    content version (Criteria.vocabulary); normalize() uses it to split glued pronouns."""

    def strings(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield str(key)
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)
        elif isinstance(node, str):
            yield node

    words = set()
    for text in strings(lexicon):
        words.update(re.findall(r"[a-z]{4,}", fold(text)))
    stem = french_stemmer().stemWord
    return frozenset(words | {stem(w) for w in words})


@lru_cache(maxsize=16384)
def _unglue(word: str, known: frozenset) -> str:
    """ "jcrache" -> "je crache"; "mgratte" -> "me gratte" when "gratte" is a word of `known`
    (the lexicon's vocabulary) and "mgratte" is not; the word itself otherwise."""
    m = _GLUED.fullmatch(word)
    if not m or word in _NEVER_SPLIT or word in _SMS:
        return word
    pronoun, rest = m.groups()
    if pronoun != "j":
        stem = french_stemmer().stemWord
        if (
            len(rest) < 4
            or word in known
            or stem(word) in known
            or not (rest in known or stem(rest) in known)
        ):
            return word
    return {"j": "je", "m": "me", "t": "te"}[pronoun] + " " + rest


def normalize(text: str, known: frozenset = frozenset()) -> str:
    """`known`: the lexicon's vocabulary, without which only "j" is unglued."""
    try:
        text = "" if text is None else str(text)
    except Exception:  # an object whose __str__ fails
        return ""
    text = text.lower().replace("°", " deg ").replace("º", " deg ")
    text = fold(text)
    text = _DECIMAL.sub(r"\1.\2", text)  # 38,5 -> 38.5
    # keep letters, digits and the dot of decimals; everything else becomes a space
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"[^a-z0-9.]+", " ", text)
    text = _REPEAT.sub(r"\1\1", text)
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)  # 39deg -> 39 deg, 38.5c -> 38.5 c
    words, tokens = [], text.split()
    for i, word in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        # after a number "c" is Celsius and "g" grams; "c est" is already expanded
        if word in ("c", "g") and words and (words[-1][:1].isdigit() or words[-1] == "deg"):
            words.append(word)
        elif word == "c" and nxt in ("est", "etait", "etaient"):
            words.append(word)
        elif (
            word == "temp"
            and words
            and words[-1] in ("le", "du", "de", "ce", "en", "mon", "longtemps")
        ):
            words.append("temps")  # "tout le temp" is time, "temp 38" is a temperature
        else:
            words.append(_SMS.get(word) or _unglue(word, known))
    text = " ".join(words)
    # "mal o ventre", "mal o dos": o -> au after mal / douleur
    text = re.sub(r"\b(mal|mals|douleur|douleurs) o\b", r"\1 au", text)
    return _SPACE.sub(" ", text).strip()
